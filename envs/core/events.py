"""Typed events: the one stream the runner writes, the TUI draws and replay reads back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from envs.core.quick import quick_init

SeatId = str
SCHEMA_VERSION = 2
"""The event log's format (envs/core/schema.py holds its models; 1 is the format before the schema)."""


class EventKind(StrEnum):
    """The event kinds every world and tool shares; worlds may add their own kind strings."""

    EPISODE_STARTED = "episode_started"
    OBSERVATION = "observation"
    ACTION = "action"
    INVALID_ACTION = "invalid_action"
    CHAT = "chat"
    THOUGHT = "thought"
    TICK = "tick"
    SCORE = "score"
    EPISODE_ENDED = "episode_ended"


@quick_init
@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened in a game.

    `to` routes the event: None means every seat and spectators may see it; otherwise only the listed
    seats may. Secrets (a role, a wolves' message, a seer's finding) are always routed.
    """

    kind: str
    seat: SeatId | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    to: frozenset[SeatId] | None = None
    tick: int = 0
    seq: int = -1
    time: float = 0.0

    @property
    def public(self) -> bool:
        return self.to is None

    def visible_to(self, seat: SeatId | None) -> bool:
        """True if `seat` may see this event; `None` asks for the spectator's (public) view."""
        return self.to is None or (seat is not None and seat in self.to)

    def stamped(self, seq: int, tick: int, time: float) -> Event:
        # The constructor, not dataclasses.replace: this runs for every event of every game.
        return Event(self.kind, self.seat, self.data, self.to, tick, seq, time)

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict; field order is the file format of `events/<episode>.jsonl`."""
        return {
            "schema_version": SCHEMA_VERSION,
            "seq": self.seq,
            "time": round(self.time, 6),
            "tick": self.tick,
            "kind": str(self.kind),
            "seat": self.seat,
            "to": sorted(self.to) if self.to is not None else None,
            "data": dict(self.data),
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Event:
        to = record.get("to")
        return cls(
            kind=record["kind"],
            seat=record.get("seat"),
            data=dict(record.get("data") or {}),
            to=frozenset(to) if to is not None else None,
            tick=int(record.get("tick", 0)),
            seq=int(record.get("seq", -1)),
            time=float(record.get("time", 0.0)),
        )


def invalid_action(seat: SeatId, action: str, reason: str, legal_actions: list[str]) -> Event:
    """The event a world returns for a move it refuses: why, and what is legal instead (seat only)."""
    return Event(
        kind=EventKind.INVALID_ACTION,
        seat=seat,
        data={"action": action[:200], "reason": reason, "legal_actions": list(legal_actions)},
        to=frozenset({seat}),
    )
