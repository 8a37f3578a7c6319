"""Kitchen's macro layer in the one protocol every world's follows (envs/core/macros.py): the options are
`can_begin`'s answers, and a run is the world's Executor itself."""

from __future__ import annotations

from envs.core import SeatId, Session
from envs.core.macros import MacroOption
from envs.kitchen.macros import Executor, can_begin, macro_names


class KitchenMacros:
    def options(self, session: Session, seat: SeatId) -> list[MacroOption]:
        state = session.state
        return [can_begin(state, seat, name) for name in macro_names(state)]

    def start(self, session: Session, seat: SeatId, name: str) -> Executor:
        state = session.state
        if name not in macro_names(state):
            raise ValueError(f"unknown macro {name!r}; macros: {macro_names(state)}")
        check = can_begin(state, seat, name)
        if not check.feasible:
            raise ValueError(f"macro {name!r} cannot begin: {check.reason}")
        return Executor(state, seat, name)
