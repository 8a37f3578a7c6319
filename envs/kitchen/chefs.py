"""Scripted chefs: `random` (the 0 of normalised scores) and `expert` (the 100): a macro-level heuristic
that works with any partner (it reads the kitchen, not the partner's plan) and follows simple chat
requests such as "chop onions" or "serve"."""

from __future__ import annotations

from envs.core import Observation, Policy, Session
from envs.core.playout import play_out
from envs.core.policies import random_pick
from envs.kitchen.macros import Executor, can_begin
from envs.kitchen.requests import requested_macro
from envs.kitchen.state import KitchenState
from envs.kitchen.strategy import classic_choice, orders_choice

REQUEST_RUNS = 3
"""How many times the expert repeats a macro a partner asked for (while it stays feasible)."""


def random_chef(session: Session, seat: str, seed: int) -> Policy:
    """Uniform over the concrete legal commands (moves, or feasible macros); never chats."""
    pick = random_pick(seed)
    concrete: dict[tuple[str, ...], tuple[str, ...]] = {}  # legal -> without templates: the same few each tick

    def play(seen: Observation) -> str:
        legal = seen.legal_actions
        choices = concrete.get(legal)
        if choices is None:
            if len(concrete) > 256:  # macro menus vary more than moves: keep the memo small
                concrete.clear()
            choices = concrete[legal] = tuple(a for a in legal if "<" not in a) or ("pass",)
        return pick(choices)

    return play


def choose_macro(state: KitchenState, seat: int) -> str:
    """The expert's next macro for `seat` in `state` (what the macro-level expert sends)."""
    macro = orders_choice(state, seat) if state.setup.rules.orders else classic_choice(state, seat)
    return macro if can_begin(state, seat, macro).feasible else "wait"


class ExpertChef:
    """Runs the expert's macros through the Executor, one atomic move per call (one call per tick)."""

    def __init__(self, session: Session, seat: str) -> None:
        self.session, self.seat = session, seat
        self.index = int(seat.removeprefix("chef"))
        self.run: Executor | None = None
        self.request: str | None = None
        self.request_runs = 0
        self.heard: dict[int, str | None] = {}

    def __call__(self, seen: Observation) -> str:
        with self.session.lock:
            state = self.session.state
        reply = self._listen(state)
        if reply:
            return reply
        for _ in range(3):
            if self.run is None or not self.run.running or self._fire_ignored(state):
                self.run = Executor(state, self.index, self._choose(state))
            move = self.run.next_action(state)
            if move is not None:
                return move
        return "stay"

    def _choose(self, state: KitchenState) -> str:
        if self.request and self.request_runs > 0 and state.chefs[self.index].held is None:
            if can_begin(state, self.index, self.request).feasible:
                self.request_runs -= 1
                return self.request
            self.request_runs = 0
        return choose_macro(state, self.index)

    def _fire_ignored(self, state: KitchenState) -> bool:
        burning = any(p.burning for p in state.pots.values())
        return burning and self.run is not None and self.run.verb != "putout" and \
            can_begin(state, self.index, "putout").feasible

    def _listen(self, state: KitchenState) -> str | None:
        """Take up a request in a partner's new chat line; answer it once (chat does not use the move)."""
        for other, line in enumerate(state.chat):
            if other == self.index or not line or self.heard.get(other) == line:
                continue
            self.heard[other] = line
            macro = requested_macro(state, line)
            if macro is not None:
                self.request, self.request_runs = macro, REQUEST_RUNS
                if self.run is not None:
                    self.run.interrupt("partner asked for something else")
                return f"say ok, {macro}"
        return None


def play_pair(layout: str, rules: str, policy: str, seed: int) -> KitchenState:
    """A whole lockstep game with every seat played by the scripted `policy` ("expert" or "random");
    returns the final state (the baselines behind normalised scores: random pair 0, expert pair 100)."""
    from envs.kitchen.rules import WORLD, make_scenario

    session = Session(WORLD, make_scenario(layout, rules), seed=seed, clock="lockstep")
    play_out(session, {seat: WORLD.policies()[policy](session, seat, seed) for seat in session.seats})
    return session.state


def expert_chef(session: Session, seat: str, seed: int) -> Policy:
    """The expert at atomic level (the default partner, and the 100 of normalised scores)."""
    return ExpertChef(session, seat)


__all__ = ["ExpertChef", "choose_macro", "expert_chef", "play_pair", "random_chef", "requested_macro"]
