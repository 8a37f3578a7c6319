"""Village's state: plain frozen data. Every secret lives here and leaves only through routed notes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any

from envs.village.roles import ROLES, WOLVES, Role
from envs.village.scenario import Scenario

PUBLIC, WOLF_CHANNEL, PRIVATE, SYSTEM = "public", "wolves", "private", "system"


class Phase(StrEnum):
    """The table's phases, in order; `advance` dispatches on them."""

    NIGHT = "night"
    DAWN = "dawn"
    DAY = "day"
    VOTE = "vote"
    EXILE = "exile"
    END = "end"


@dataclass(frozen=True, slots=True)
class Note:
    """One line of the game's record. `to` None: everyone sees it; otherwise only those seats."""

    day: int
    phase: str
    channel: str
    kind: str
    text: str
    speaker: str | None = None
    to: frozenset[str] | None = None
    facts: Mapping[str, object] = field(default_factory=dict)

    def visible_to(self, seat: str | None) -> bool:
        return self.to is None or (seat is not None and seat in self.to)


@dataclass(frozen=True, slots=True)
class VillageState:
    """A whole table. Collections are tuples or never-mutated dicts: `replace` makes the next state."""

    scenario: Scenario
    players: tuple[str, ...]
    roles: Mapping[str, str]
    alive: tuple[str, ...]
    phase: Phase = Phase.NIGHT
    day: int = 1
    turn: int = 0  # every move, private ones included: never shown (see public_tick)
    acted: frozenset[str] = frozenset()
    proposals: Mapping[str, str] = field(default_factory=dict)
    wolf_talk: Mapping[str, int] = field(default_factory=dict)
    protected: str | None = None
    victim: str | None = None
    speakers: tuple[str, ...] = ()
    talk_round: int = 0
    votes: Mapping[str, str | None] = field(default_factory=dict)
    exiled: str | None = None
    notes: tuple[Note, ...] = ()
    emitted: int = 0
    inspections: tuple[tuple[int, str, str], ...] = ()
    vote_record: tuple[tuple[int, str, str], ...] = ()
    deaths: Mapping[str, int] = field(default_factory=dict)
    winner: str | None = None

    def role(self, seat: str) -> Role:
        return ROLES[self.roles[seat]]

    @property
    def public_tick(self) -> int:
        """The game's clock as anyone may read it: how many public lines the record has. A count of moves
        would rise with each night move and wolves' whisper, telling the table how busy the hidden roles are."""
        return sum(note.to is None for note in self.notes)

    @property
    def wolves(self) -> frozenset[str]:
        return frozenset(p for p in self.players if self.roles[p] == "werewolf")

    @property
    def living_wolves(self) -> tuple[str, ...]:
        return tuple(p for p in self.alive if p in self.wolves)

    @property
    def done(self) -> bool:
        return self.winner is not None

    def is_alive(self, seat: str) -> bool:
        return seat in self.alive

    def team(self, seat: str) -> str:
        return self.role(seat).team

    def revealed(self) -> dict[str, str]:
        """Roles the rules have made public: the dead (if the table reveals on death), all at the end."""
        if self.done:
            return dict(self.roles)
        if not self.scenario.reveal_on_death:
            return {}
        return {p: self.roles[p] for p in self.deaths}

    def known_roles(self, seat: str) -> dict[str, str]:
        """Every role `seat` may know: its own, its pack's (wolves), and what the rules revealed."""
        known = {seat: self.roles[seat]}
        if self.roles[seat] == "werewolf":
            known.update({w: "werewolf" for w in self.wolves})
        known.update(self.revealed())
        return known

    def known_teams(self, seat: str) -> dict[str, str]:
        """Teams `seat` learned: its seer findings, plus the teams of every role it knows."""
        teams = {p: ROLES[r].team for p, r in self.known_roles(seat).items()}
        teams.update({target: self.team(target) for _, seer, target in self.inspections if seer == seat})
        return teams

    def count_team(self, team: str) -> int:
        return sum(self.team(p) == team for p in self.alive)

    def wolves_ahead(self) -> bool:
        return self.count_team(WOLVES) >= len(self.alive) - self.count_team(WOLVES)


_FIELDS = tuple(f.name for f in fields(VillageState))
_FIELD_SET = frozenset(_FIELDS)
_READ = attrgetter(*_FIELDS)
_SETTERS = tuple(VillageState.__dict__[name].__set__ for name in _FIELDS)


def evolve(state: VillageState, **changes: Any) -> VillageState:
    """`dataclasses.replace(state, **changes)` by the slots' own setters: every move makes a state or two,
    and `replace` (a keyword call into a frozen `__init__`) took a sixth of a Village gym step."""
    unknown = changes.keys() - _FIELD_SET
    if unknown:
        raise TypeError(f"VillageState has no fields {sorted(unknown)}")
    new = object.__new__(VillageState)
    for name, value, setter in zip(_FIELDS, _READ(state), _SETTERS, strict=True):
        setter(new, changes[name] if name in changes else value)
    return new
