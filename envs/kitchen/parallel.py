"""Kitchen's macro level with every chef an agent: each chef runs its own macro; a step lasts until a chef is
free to choose again (its macro done or failed), the others' macros running on meanwhile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from envs.core.session import Session
from envs.core.text import split_command
from envs.core.turns import refusal
from envs.kitchen.macros import Executor, can_begin, feasible_macros


class MacroDriver:
    """A chef can act when it runs no macro. `say <text>` chats without starting one."""

    def __init__(self) -> None:
        self.runs: dict[str, Executor | None] = {}
        self.reports: dict[str, dict[str, Any] | None] = {}
        self.started: dict[str, int] = {}

    def reset(self, session: Session) -> None:
        self.runs = dict.fromkeys(session.seats)
        self.reports = dict.fromkeys(session.seats)

    def can_act(self, session: Session, seat: str) -> bool:
        return not session.done and self.runs.get(seat) is None

    def legal_actions(self, session: Session, seat: str) -> list[str]:
        return [*feasible_macros(session.state, seat), "say <text>"]

    def play(self, session: Session, actions: Mapping[str, str]) -> dict[str, str]:
        refused: dict[str, str] = {}
        for seat, macro in actions.items():
            self.reports[seat] = None
            if split_command(macro)[0] == "say":
                reason = refusal(session.act(seat, macro), seat)
            else:
                check = can_begin(session.state, seat, macro)
                reason = None if check.feasible else f"cannot begin {macro[:60]!r}: {check.reason}"
                if check.feasible:
                    self.runs[seat], self.started[seat] = Executor(session.state, seat, macro), session.tick_count
            if reason is not None:
                refused[seat] = reason
        self._run(session)
        return refused

    def info(self, seat: str) -> dict[str, Any]:
        return {"macro": self.reports.get(seat)}

    def _run(self, session: Session) -> None:
        """Feed every running macro its next move, tick after tick, until some chef is free (or the end)."""
        while not session.done and any(run is not None for run in self.runs.values()):
            for seat in sorted(session.awaiting()):
                run = self.runs[seat]
                move = run.next_action(session.state) if run is not None else None
                if run is not None and move is None:
                    self._finish(session, seat, run)
                elif move is not None:
                    session.act(seat, move)
            if any(self.runs[seat] is None for seat in session.awaiting()):
                return
        for seat, run in self.runs.items():
            if run is not None and session.done:
                self._finish(session, seat, run, status="game over")

    def _finish(self, session: Session, seat: str, run: Executor, status: str | None = None) -> None:
        self.reports[seat] = {"macro": run.macro, "status": status or run.status, "reason": run.reason,
                              "ticks": session.tick_count - self.started.get(seat, session.tick_count)}
        self.runs[seat] = None
