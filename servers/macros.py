"""Macro actions over MCP: a world's macro layer runs a named macro as many atomic commands."""

from __future__ import annotations

from typing import Protocol

from envs.core import SeatId, Session
from envs.core.macros import MacroOption

__all__ = ["MacroLayer", "MacroOption", "MacroRun"]


class MacroRun(Protocol):
    """A macro in progress. `next_command` returns the next atomic command, or None when it has ended;
    then `status` is "done" or "failed" and `reason` says why it failed."""

    status: str
    reason: str

    def next_command(self, session: Session) -> str | None: ...


class MacroLayer(Protocol):
    def options(self, session: Session, seat: SeatId) -> list[MacroOption]: ...

    def start(self, session: Session, seat: SeatId, name: str) -> MacroRun:
        """Begin macro `name`; raises ValueError (with the feasible names) if it cannot begin."""
        ...
