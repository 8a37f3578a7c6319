"""The World protocol: a pure rules engine that every layer above sees through the same few calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

import numpy as np

from envs.core.events import Event, SeatId
from envs.core.quick import quick_init

if TYPE_CHECKING:
    from envs.core.session import Session

S = TypeVar("S")

Policy = Callable[["Observation"], str]
"""A world's player: what its seat may see (Observation) -> command text. An oracle that needs the full
state asks for it explicitly: its factory is given the Session."""

EnvPolicy = Callable[[str, dict], str]
"""A player of one Gymnasium env seat, in Gymnasium's terms: (observation text, info dict) -> command."""

PolicyFactory = Callable[["Session", SeatId, int], Policy]
"""Builds a policy for one seat of one running session, seeded. A policy may read only what its seat may
know (`session.observe(seat)`); Forge and Kitchen are fully observable, Village is not."""


@quick_init
@dataclass(frozen=True, slots=True)
class Status:
    """Where the game stands for one seat."""

    awaiting: bool
    done: bool
    phase: str = ""
    tick: int = 0


@quick_init
@dataclass(frozen=True, slots=True)
class Observation:
    """What one seat may know now: text for a model, a structured dict, and the legal commands. `seat` is None
    for the public view."""

    seat: SeatId | None
    text: str
    data: Mapping[str, Any]
    legal_actions: tuple[str, ...]
    status: Status


@dataclass(frozen=True, slots=True)
class Result:
    """A finished game: the headline score (world units), success, per-seat scores and metrics."""

    score: float
    success: bool
    seat_scores: Mapping[SeatId, float] = field(default_factory=dict)
    metrics: Mapping[str, Any] = field(default_factory=dict)


class Outcome(NamedTuple):
    state: Any
    events: tuple[Event, ...]


class World(Protocol[S]):
    """A world's rules. Every method is pure: it returns new state and never touches global state."""

    name: str
    version: str

    def new_state(self, scenario: Any, rng: np.random.Generator) -> S: ...

    def seats(self, state: S) -> tuple[SeatId, ...]: ...

    def awaiting(self, state: S) -> frozenset[SeatId]: ...

    def legal_actions(self, state: S, seat: SeatId) -> list[str]: ...

    def apply(self, state: S, seat: SeatId, action: str, rng: np.random.Generator) -> Outcome: ...

    def advance(self, state: S, rng: np.random.Generator) -> Outcome: ...

    # Optional: `opening(state) -> Outcome`, the events of setting the table (dealt roles), which a Session
    # records before anyone moves. A world without it starts with no events of its own.

    def observe(self, state: S, seat: SeatId | None) -> Observation:
        """What `seat` may know now; `None` is the public view (a spectator's: no legal actions, no secret)."""
        ...

    def score(self, state: S, seat: SeatId) -> float: ...

    def tick(self, state: S) -> int: ...

    def info(self, state: S, seat: SeatId) -> dict[str, Any]: ...

    def result(self, state: S) -> Result | None: ...

    def rules_text(self) -> str: ...

    def policies(self) -> Mapping[str, PolicyFactory]: ...
