"""The one macro protocol every world's macro layer follows, read by the servers and the agents: the options
(can each macro begin now, why not, what is missing, a heuristic score), and a run that yields atomic commands."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from envs.core.session import Session


@dataclass(frozen=True)
class MacroOption:
    name: str
    feasible: bool
    reason: str = ""
    missing: tuple[str, ...] = ()
    score: float = 0.0


class MacroRun(Protocol):
    """A macro in progress. `next_command` returns the next atomic command, or None when it has ended;
    then `status` is "done" or "failed" and `reason` says why it failed."""

    status: str
    reason: str

    def next_command(self, session: Session) -> str | None: ...


class MacroLayer(Protocol):
    def options(self, session: Session, seat: str) -> list[MacroOption]: ...

    def start(self, session: Session, seat: str, name: str) -> MacroRun:
        """Begin macro `name`; raises ValueError (with the feasible names) if it cannot begin."""
        ...


def macro_commands(run: MacroRun, session: Session) -> Generator[str, None, tuple[str, str]]:
    """The one macro driver: yields the run's atomic commands, one per `next()`, asked at that moment (so a
    caller that waits for its turn between two asks gives the run the live state). Returns (status, reason)
    once the run or the game has ended."""
    while not session.done:
        command = run.next_command(session)
        if command is None:
            return run.status, run.reason
        yield command
    return "done", "the game ended"
