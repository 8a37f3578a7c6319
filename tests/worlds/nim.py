"""Nim as a plug-in world: declared only here, registered through the entry-point group `gamehall.worlds`
(tests/worlds/dist holds its installed metadata; tests/conftest.py puts it on sys.path)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from envs.core.macros import MacroOption
from envs.core.options import Options
from envs.core.spec import ActionTool, Gym, Param, Scoring, WorldSpec
from tests.envs.core.toy import Nim


class NimOptions(Options):
    stones: int | None = Field(default=None, description="pile size, a positive integer (default 10)")


def nim_scenario(stones: int = 10) -> int:
    if not isinstance(stones, int) or stones < 1:
        raise ValueError(f"stones must be a positive integer, got {stones!r}")
    return stones


class GreedyRun:
    """Toy macro: take the most stones allowed, `times` times."""

    def __init__(self, seat: str, times: int) -> None:
        self.seat, self.left, self.status, self.reason = seat, times, "running", ""

    def next_command(self, session) -> str | None:
        legal = session.legal_actions(self.seat)
        if self.left == 0 or not legal:
            self.status = "done" if self.left == 0 else "failed"
            self.reason = "" if self.left == 0 else "no stones left to take"
            return None
        self.left -= 1
        return legal[-1]


class NimMacros:
    def options(self, session, seat):
        stones = session.state.stones
        return [MacroOption("greedy 2", stones >= 2, "" if stones >= 2 else "too few stones", (), 1.0)]

    def start(self, session, seat, name):
        if name != "greedy 2":
            raise ValueError(f"unknown macro {name!r}; macros: ['greedy 2']")
        return GreedyRun(seat, 2)


Count = Annotated[int, Field(ge=1, le=3, description="How many stones to take, 1-3.")]


def nim_spec(simultaneous: bool = False, macros: bool = False) -> WorldSpec:
    return WorldSpec(
        Nim(simultaneous), "Take 1-3 stones; whoever takes the last one wins (a toy world of the tests).",
        NimOptions, nim_scenario, Gym("tests.envs.core.toy:NimEnv", {"gamehall/Nim-v0": {}}),
        players={"expert": "expert", "random": "random", "bot": "random"},
        session_options={"clock": "turn", "tick_hz": 10.0},
        tools=(ActionTool("take", "Take 1-3 stones from the pile.", "take {n}", (Param("n", Count),)),),
        macros=NimMacros() if macros else None,
        scoring=Scoring(measure="seat_score", success="seat_score", teams=True, note="1 if the seat won"),
    )


SPEC = nim_spec(macros=True)
