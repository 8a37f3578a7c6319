"""Kitchen's macro layer in the shape every world's has (options, start, a run that reads the live state)."""

from __future__ import annotations

from envs.core import SeatId, Session
from envs.core.macros import MacroOption
from envs.kitchen import macros


class MacroRun:
    """The world's Executor as a running macro: it reads the live state at every tick."""

    def __init__(self, executor: macros.Executor) -> None:
        self.executor = executor

    @property
    def status(self) -> str:
        return self.executor.status

    @property
    def reason(self) -> str:
        return self.executor.reason

    def next_command(self, session: Session) -> str | None:
        return self.executor.next_action(session.state)


class KitchenMacros:
    def options(self, session: Session, seat: SeatId) -> list[MacroOption]:
        state = session.state
        found = []
        for name in macros.macro_names(state):
            check = macros.can_begin(state, seat, name)
            found.append(MacroOption(name, check.feasible, check.reason, tuple(check.missing), check.score))
        return found

    def start(self, session: Session, seat: SeatId, name: str) -> MacroRun:
        state = session.state
        if name not in macros.macro_names(state):
            raise ValueError(f"unknown macro {name!r}; macros: {macros.macro_names(state)}")
        check = macros.can_begin(state, seat, name)
        if not check.feasible:
            raise ValueError(f"macro {name!r} cannot begin: {check.reason}")
        return MacroRun(macros.Executor(state, seat, name))
