"""Kitchen's macro layer in the one protocol every world's follows (envs/core/macros.py): the options are
`can_begin`'s answers, and a run is the world's Executor itself; forecasts and reactive defaults for agents
that think while they play are in reactive.py."""

from __future__ import annotations

from envs.core import SeatId, Session
from envs.core.macros import MacroOption, Projection, Reactive
from envs.kitchen import reactive
from envs.kitchen.macros import YIELD_AFTER, Executor, can_begin, macro_names


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
        return Executor(state, seat, name, yield_after=YIELD_AFTER if session.clock == "realtime" else None)

    def forecast(self, session: Session, seat: SeatId, name: str) -> Projection:
        return Projection(session.world, reactive.forecast(session.state, seat, name))

    def reactive(self, session: Session, seat: SeatId, plan: str) -> Reactive:
        return reactive.reactive(session.state, seat, plan)
