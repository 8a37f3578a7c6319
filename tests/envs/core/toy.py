"""A tiny two-seat world (take 1-3 stones; whoever takes the last wins) to test the core alone."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from envs.core import Event, Observation, Outcome, Result, SeatEnv, Status, invalid_action
from envs.core.policies import random_legal

SEATS = ("a", "b")


@dataclass(frozen=True)
class Pile:
    stones: int
    turn: int = 0
    taken_by: tuple[str, ...] = ()
    pending: tuple[tuple[str, int], ...] = ()


class Nim:
    name = "nim"
    version = "0"

    def __init__(self, simultaneous: bool = False) -> None:
        self.simultaneous = simultaneous

    def new_state(self, scenario: int, rng: np.random.Generator) -> Pile:
        return Pile(stones=int(scenario) + int(rng.integers(0, 3)))

    def seats(self, state: Pile) -> tuple[str, ...]:
        return SEATS

    def awaiting(self, state: Pile) -> frozenset[str]:
        if state.stones <= 0:
            return frozenset()
        if self.simultaneous:
            return frozenset(s for s in SEATS if s not in dict(state.pending))
        return frozenset({SEATS[state.turn % 2]})

    def legal_actions(self, state: Pile, seat: str) -> list[str]:
        if seat not in self.awaiting(state):
            return []
        return [f"take {n}" for n in range(1, min(3, state.stones) + 1)]

    def apply(self, state: Pile, seat: str, action: str, rng: np.random.Generator) -> Outcome:
        legal = self.legal_actions(state, seat)
        if action not in legal:
            return Outcome(state, (invalid_action(seat, action, f"{action!r} is not legal now", legal),))
        n = int(action.split()[1])
        if self.simultaneous:
            return Outcome(replace(state, pending=(*state.pending, (seat, n))), ())
        taken = state.taken_by + (seat,) * n
        return Outcome(replace(state, stones=state.stones - n, turn=state.turn + 1, taken_by=taken),
                       (Event("action", seat, {"command": action}),))

    def advance(self, state: Pile, rng: np.random.Generator) -> Outcome:
        total = sum(n for _, n in state.pending)
        taken = state.taken_by + tuple(s for s, n in state.pending for _ in range(n))
        state = replace(state, stones=max(0, state.stones - total), turn=state.turn + 1, pending=(),
                        taken_by=taken)
        return Outcome(state, (Event("tick"),))

    def observe(self, state: Pile, seat: str) -> Observation:
        status = Status(awaiting=seat in self.awaiting(state), done=state.stones <= 0, tick=state.turn)
        return Observation(seat, f"{state.stones} stones left", {"stones": state.stones},
                           tuple(self.legal_actions(state, seat)), status)

    def score(self, state: Pile, seat: str) -> float:
        return float(state.taken_by.count(seat))

    def tick(self, state: Pile) -> int:
        return state.turn

    def info(self, state: Pile, seat: str) -> dict:
        return {"stones": state.stones}

    def result(self, state: Pile) -> Result | None:
        if state.stones > 0:
            return None
        winner = state.taken_by[-1] if state.taken_by else "a"
        return Result(score=1.0, success=True, seat_scores={s: float(s == winner) for s in SEATS})

    def rules_text(self) -> str:
        return "Take 1-3 stones; whoever takes the last one wins."

    def policies(self):
        return {"random": random_legal, "expert": perfect}


def perfect(session, seat: str, seed: int):
    """Leave the other player a multiple of four stones when it can (it wins from most piles)."""

    def play(seen: Observation) -> str:
        return f"take {seen.data['stones'] % 4 or 1}"

    return play


class NimEnv(SeatEnv):
    def __init__(self, stones: int = 10, render_mode: str | None = None, simultaneous: bool = False, **kw):
        clock = "lockstep" if simultaneous else "turn"
        super().__init__(Nim(simultaneous), stones, render_mode=render_mode, clock=clock, **kw)

    def render_ansi(self, session) -> str:
        return session.observe(self.seat).text
