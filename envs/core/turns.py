"""How every seat of a Session plays at once: the drivers behind the multi-agent (PettingZoo) face.

A driver says which seats can act now, what they may send, and plays one joint move. The default,
`TurnDriver`, plays each command of a seat the world is waiting for; a world whose seats act at another
level (Kitchen's macros) brings its own driver from its env's `parallel_driver()`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from envs.core.events import EventKind, SeatId
from envs.core.session import Session

NOOP = "noop"
"""What a seat that cannot act now is offered (and whatever it sends instead is ignored)."""


class Driver(Protocol):
    def reset(self, session: Session) -> None: ...

    def can_act(self, session: Session, seat: SeatId) -> bool: ...

    def legal_actions(self, session: Session, seat: SeatId) -> list[str]: ...

    def play(self, session: Session, actions: Mapping[SeatId, str]) -> dict[SeatId, str]:
        """Play one joint move; returns why each refused command was refused."""
        ...

    def info(self, seat: SeatId) -> dict[str, Any]: ...


class TurnDriver:
    """Seats act when the world awaits them. A command is played only if the game is still where it was
    when the step began (same tick), so no seat's move lands in a phase it did not see."""

    def reset(self, session: Session) -> None:
        return None

    def can_act(self, session: Session, seat: SeatId) -> bool:
        return seat in session.awaiting()

    def legal_actions(self, session: Session, seat: SeatId) -> list[str]:
        return session.legal_actions(seat)

    def play(self, session: Session, actions: Mapping[SeatId, str]) -> dict[SeatId, str]:
        awaiting, tick, refused = session.awaiting(), session.tick_count, {}
        for seat, action in actions.items():
            if seat not in awaiting or session.tick_count != tick or seat not in session.awaiting():
                continue
            reason = refusal(session.act(seat, action), seat)
            if reason is not None:
                refused[seat] = reason
        return refused

    def info(self, seat: SeatId) -> dict[str, Any]:
        return {}


def refusal(events: list, seat: SeatId) -> str | None:
    """The reason the world gave `seat` for refusing its command, if it did."""
    return next((e.data["reason"] for e in events if e.kind == EventKind.INVALID_ACTION and e.seat == seat), None)


def event_view(event: Any) -> dict[str, Any]:
    """An event as a seat is shown it over MCP: no wall-clock time (so seeded games give equal infos)."""
    return {"seq": event.seq, "tick": event.tick, "kind": str(event.kind), "seat": event.seat,
            "data": dict(event.data)}
