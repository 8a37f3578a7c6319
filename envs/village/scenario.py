"""Village scenarios: how many players and wolves, which special roles, talk rounds and table rules."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from envs.core.options import Options, option_help, validate_options
from envs.village.roles import SPECIAL_ROLES

NAMES: tuple[str, ...] = ("Ava", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gus", "Hana", "Ivy")
TIE_RULES: tuple[str, ...] = ("random", "none")



class VillageOptions(Options):
    players: int | None = Field(default=None, description="number of players, 5-9 (default 5); seats are the "
                                "names Ava, Ben, Cleo, ... in order")
    wolves: int | None = Field(default=None, description="number of werewolves, 1-2; the table needs more than "
                               "2 x wolves + 1 players (default 1)")
    roles: str | list[str] | None = Field(default=None, description="special village roles in play, a subset of "
                                          "seer, doctor (default: seer,doctor); the other seats are villagers")
    talk_rounds: int | None = Field(default=None, description="day talk rounds before the vote, 0-4 (default 2); "
                                    "each living player speaks once a round")
    reveal_on_death: bool | None = Field(default=None, description="true/false: announce a dead player's role "
                                         "(default true)")
    tie_rule: str | None = Field(default=None, description="a tied vote: random (a seeded draw among the tied) "
                                 "or none (nobody is exiled); default random")
    max_message: int | None = Field(default=None, description="longest speech in characters, 50-2000 (default "
                                    "500); longer speech is cut and marked")
    max_days: int | None = Field(default=None, description="days before the wolves win by outlasting the "
                                 "village, 3-20 (default 10)")


SCENARIO_OPTIONS = option_help(VillageOptions)


@dataclass(frozen=True, slots=True)
class Scenario:
    """One table's setup. Role assignment to seats is drawn from the game's seed."""

    players: int = 5
    wolves: int = 1
    roles: tuple[str, ...] = SPECIAL_ROLES
    talk_rounds: int = 2
    reveal_on_death: bool = True
    tie_rule: str = "random"
    max_message: int = 500
    max_days: int = 10

    @property
    def names(self) -> tuple[str, ...]:
        return NAMES[: self.players]

    @property
    def deck(self) -> tuple[str, ...]:
        """The role cards dealt, before shuffling."""
        villagers = self.players - self.wolves - len(self.roles)
        return ("werewolf",) * self.wolves + self.roles + ("villager",) * villagers


def _int(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{name} must be an integer from {low} to {high}, got {value!r}")
    try:
        number = int(value)
    except ValueError as error:
        raise ValueError(f"{name} must be an integer from {low} to {high}, got {value!r}") from error
    if not low <= number <= high:
        raise ValueError(f"{name} must be from {low} to {high}, got {number}")
    return number


def _bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "1", "yes", "on"):
        return True
    if str(value).lower() in ("false", "0", "no", "off"):
        return False
    raise ValueError(f"{name} must be true or false, got {value!r}")


def _roles(value: Any) -> tuple[str, ...]:
    items: Iterable[Any] = value.split(",") if isinstance(value, str) else value
    roles = tuple(str(r).strip().lower() for r in items if str(r).strip())
    for role in roles:
        if role not in SPECIAL_ROLES:
            near = difflib.get_close_matches(role, SPECIAL_ROLES, n=1)
            hint = f" Did you mean {near[0]!r}?" if near else ""
            raise ValueError(f"roles may name only {', '.join(SPECIAL_ROLES)}; got {role!r}.{hint}")
    if len(set(roles)) != len(roles):
        raise ValueError(f"roles may name each special role once, got {list(roles)}")
    return tuple(r for r in SPECIAL_ROLES if r in roles)


def make_scenario(**options: Any) -> Scenario:
    """A validated Scenario from keyword options (see SCENARIO_OPTIONS; None means the default)."""
    options = validate_options("village", VillageOptions, options)
    base = Scenario()
    players = _int("players", options.get("players", base.players), 5, 9)
    wolves = _int("wolves", options.get("wolves", base.wolves), 1, 2)
    if 2 * wolves + 1 >= players:
        raise ValueError(f"{wolves} wolves need a table of more than {2 * wolves + 1} players (so the first "
                         f"night cannot end the game), got {players}")
    tie_rule = str(options.get("tie_rule", base.tie_rule)).lower()
    if tie_rule not in TIE_RULES:
        raise ValueError(f"tie_rule must be one of {', '.join(TIE_RULES)}, got {tie_rule!r}")
    return Scenario(
        players=players,
        wolves=wolves,
        roles=_roles(options.get("roles", base.roles)),
        talk_rounds=_int("talk_rounds", options.get("talk_rounds", base.talk_rounds), 0, 4),
        reveal_on_death=_bool("reveal_on_death", options.get("reveal_on_death", base.reveal_on_death)),
        tie_rule=tie_rule,
        max_message=_int("max_message", options.get("max_message", base.max_message), 50, 2000),
        max_days=_int("max_days", options.get("max_days", base.max_days), 3, 20),
    )
