"""WorldSpec: everything a layer above envs/ knows about one world, declared once in envs/<world>/spec.py.

Servers, suites, the runner, baselines, reports and the TUI read these fields and never a world's name: a
world installed from another package (entry-point group `gamehall.worlds`) gets all of them for free."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from envs.core.options import OptionsError, option_help, validate_options
from envs.core.world import Observation, World

if TYPE_CHECKING:
    from pydantic import BaseModel

    from envs.core.session import Session

REQUIRED = object()
ROLES = ("expert", "random", "bot")


@dataclass(frozen=True)
class Param:
    """One argument of a typed action tool; `annotation` is a pydantic-annotated type (schema + description)."""

    name: str
    annotation: Any
    default: Any = REQUIRED


@dataclass(frozen=True)
class ActionTool:
    """A typed tool that plays one command: `command` is formatted with the arguments (e.g. "craft {item} {qty}")."""

    name: str
    description: str
    command: str
    params: tuple[Param, ...] = ()
    aliases: tuple[str, ...] = ()
    """Names the tool had before (still served one release, marked deprecated)."""


@dataclass(frozen=True)
class Scoring:
    """What the numbers mean. `measure` is the raw score normalised scores are made of: the world's `score`,
    the seat's own `seat_score` (team games: 1 if its side won), or `metric:<name>` of the result's metrics.
    `success` is the result's own flag, a seat that scored, or (`team_won`) the seat's entry in the result's
    `team_won` metric (team games whose seat_score measures the seat's play, not its team's win).
    `partial_comparable`: a game cut short still
    compares with whole baseline games (the measure counts milestones reached, not time played). `teams`:
    games pit sides against each other, so reports rate agents (OpenSkill) across them."""

    measure: str = "score"
    success: Literal["result", "seat_score", "team_won"] = "result"
    partial_comparable: bool = False
    teams: bool = False
    note: str = "the world's score"

    def raw(self, result: Mapping[str, Any] | None, score: float) -> float:
        """The raw score from a result as the servers give it (score, success, seat_score, metrics)."""
        if not result:
            return float(score)
        if self.measure == "seat_score":
            return float(result.get("seat_score") or 0.0)
        if self.measure.startswith("metric:"):
            return float((result.get("metrics") or {}).get(self.measure.removeprefix("metric:"), score))
        return float(score)

    def succeeded(self, result: Mapping[str, Any] | None, seat: str = "") -> bool:
        if not result:
            return False
        if self.success == "team_won":
            return bool((result.get("metrics") or {}).get("team_won", {}).get(seat))
        return bool(result.get("seat_score") if self.success == "seat_score" else result.get("success"))


@dataclass(frozen=True)
class PlayView:
    """How a human plays the world in `gamehall play`: key help, defaults, and how the input line is read.
    `pad`: (keys, command, footer label or "") bindings on the drawn board (arrow-key worlds); a world
    with a pad shows no list of legal commands.
    `speech`: the input line is always chat, chat unless it is a command, or always a command.
    `partner`: the other seat is played by an agent the human chooses (co-op worlds)."""

    keys: tuple[tuple[str, str], ...] = (("up / down + enter", "play a listed action"),
                                         ("type + enter", "any command"))
    hint: str = "up / down + enter plays a listed action, or type any command · f1 help"
    defaults: Mapping[str, Any] = field(default_factory=dict)
    pad: tuple[tuple[str, str, str], ...] = ()
    speech: Literal["always", "unless_command", "never"] = "never"
    partner: bool = False
    placeholder: str = "command, enter sends"


@dataclass(frozen=True)
class Gym:
    """The world's Gymnasium ids (`gamehall/...`), each with the env kwargs it stands for."""

    entry_point: str
    variants: Mapping[str, Mapping[str, Any]]
    max_episode_steps: int | None = None


DEFAULT_PLAYERS = {"expert": "expert", "random": "random", "bot": "expert"}


@dataclass(frozen=True)
class WorldSpec:
    """One world, as every layer sees it. `players` maps the roles expert, random and bot to the world's
    policy names. `draw` and `frame_from_view` are "module:function" paths imported only when drawing;
    `frame_shows_chat`: the drawn frame already shows the talk (the TUI lists chat apart otherwise);
    `hidden_roles`: seats have secret roles that replays may reveal (`--reveal`, the `r` key)."""

    world: World
    summary: str
    options: type[BaseModel]
    make_scenario: Callable[..., Any]
    gym: Gym
    players: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_PLAYERS))
    session_options: Mapping[str, Any] = field(default_factory=dict)
    tools: tuple[ActionTool, ...] = ()
    macros: Any = None
    scoring: Scoring = field(default_factory=Scoring)
    event_kinds: tuple[str, ...] = ()
    instructions: str = ""
    draw: str | None = None
    frame_from_view: str | None = None
    frame_shows_chat: bool = False
    frames: str = ""
    """The module that draws logged `frame` events back as text and pictures (`text(frame)`, `rgb(frame)`):
    what `gamehall transcript` and `export --format gif|mp4` use."""
    hidden_roles: bool = False
    memory: str = ""
    """The module whose `abstract(view)` names a situation for the memory of past games (an Abstraction: a
    signature that matches across seeds, a compact line); empty: the generic names of envs.core.abstraction."""
    play: PlayView = field(default_factory=PlayView)
    belief_round: Callable[[Session], str | None] | None = None
    """The belief round open now (None: none). Set, the server offers `report_beliefs` and `reflect`
    (servers/beliefs.py) and a seat's view says when they are due."""
    belief_about: str = ""
    """What a reported probability is a probability of, as the tool tells a player."""
    belief_targets: Callable[[Session, str], list[str]] | None = None
    """Whom a seat reports on (default: every other seat)."""
    judging: str = ""
    """The module that measures personas (`gamehall judge`, the records' judge-free measures): it offers
    `measures(events, seat, metrics)`, `speech(events, seat)`, `transcript(events, seat, metrics)`,
    `rubric(task)`, `RUBRIC_TASKS` and `GAME`; "" if the world does not measure personas."""

    def __post_init__(self) -> None:
        missing = [role for role in ROLES if role not in self.players]
        if missing:
            raise ValueError(f"world {self.name!r}: players must name {', '.join(ROLES)}; missing {missing}")

    @property
    def name(self) -> str:
        return self.world.name

    @property
    def ids(self) -> list[str]:
        return list(self.gym.variants)

    @property
    def bot(self) -> str:
        """The policy that plays seats no client took."""
        return self.players["bot"]

    def policy(self, role: str) -> str:
        """The world's policy for a role (expert, random, bot) or a policy name it has itself."""
        return self.players.get(role, role)

    def scenario_options(self) -> dict[str, str]:
        """Option name -> its description (type, range and default), for help texts and error messages."""
        described = option_help(self.options)
        return described | {k: f"the game's {k} (default {v})" for k, v in self.session_options.items()
                            if k not in described}

    def check_options(self, options: Mapping[str, Any]) -> dict[str, Any]:
        """The options as given, checked against the schema; raises OptionsError naming the valid keys.
        Session options the schema does not declare (clock, tick_hz) pass to the Session, which checks them."""
        given = dict(options or {})
        session = {k: given.pop(k) for k in list(given) if k in self.session_options and k not in
                   self.options.model_fields}
        try:
            return validate_options(self.name, self.options, given) | session
        except OptionsError as error:
            if self.session_options and "unknown" in str(error):
                raise OptionsError(f"{error} Session options: {', '.join(self.session_options)}.") from None
            raise

    def split_options(self, options: Mapping[str, Any]) -> tuple[dict[str, Any], Any]:
        """(Session keyword arguments, scenario) from game options; raises OptionsError or ValueError."""
        given = self.check_options(options)
        session = {**self.session_options, **{k: given.pop(k) for k in list(given) if k in self.session_options}}
        return session, self.make_scenario(**given)

    def session(self, options: Mapping[str, Any], seed: int, **overrides: Any) -> Session:
        from envs.core.session import Session

        kwargs, scenario = self.split_options(options)
        return Session(self.world, scenario, seed=seed, **{**kwargs, **overrides})

    def public(self, session: Session) -> Observation:
        """What a spectator may see: the world's `observe(state, None)`."""
        with session.lock:
            return self.world.observe(session.state, None)

    def drawer(self) -> Callable[..., Any] | None:
        return _load(self.draw) if self.draw else None

    def view_to_frame(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A seat's observation data in the shape of the public frame (what the TUI draws)."""
        return dict(_load(self.frame_from_view)(data)) if self.frame_from_view else dict(data)


def _load(path: str) -> Callable[..., Any]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


__all__ = ["ActionTool", "Gym", "OptionsError", "Param", "PlayView", "Scoring", "WorldSpec"]
