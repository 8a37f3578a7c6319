"""What a world tells the server factory: its rules, its scenario builder, and its action tools."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from envs.core import Session, World
from servers.macros import MacroLayer

SpectatorView = Callable[[Session], str]
Frame = Callable[[Session], dict[str, Any]]
"""The public state as data (no seat's secrets): drawn by the TUI, written to the event log as `frame`."""


@dataclass(frozen=True)
class Limits:
    """What keeps a server alive under any client: every number here is a bound, not a goal."""

    max_games: int = 64
    max_command_chars: int = 2_000
    max_message_chars: int = 16_000
    max_wait_s: float = 30.0
    seat_timeout_s: float = 120.0
    idle_game_s: float = 900.0
    finished_kept: int = 1_000
    events_per_view: int = 40
    macro_max_steps: int = 400
    macro_max_s: float = 60.0


@dataclass(frozen=True)
class WorldServerSpec:
    """One world as a server: the factory builds the common tools; `actions` adds the typed ones.

    `session_options` are the option names taken out of the scenario options and given to the Session
    instead (Kitchen's `clock` and `tick_hz`). `bot` names the world policy that plays untaken seats.
    """

    world: World
    make_scenario: Callable[..., Any]
    scenario_options: Mapping[str, str]
    spectator: SpectatorView
    bot: str
    frame: Frame | None = None
    actions: Callable[..., None] | None = None
    macros: MacroLayer | None = None
    session_options: Mapping[str, Any] = field(default_factory=dict)
    instructions: str = ""
    belief_round: Callable[[Session], str | None] | None = None
    """The belief round open now (None: none); set, the server offers report_beliefs and reflect."""
    belief_about: str = ""
    """What a reported probability is a probability of, as the tool tells a player."""
    belief_targets: Callable[[Session, str], list[str]] | None = None
    """Whom a seat reports on (default: every other seat)."""
    """What a reported probability is a probability of, as the tool tells a player."""
