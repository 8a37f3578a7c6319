"""Persona cards: who a seat plays (a speaking and reasoning style), apart from its game role.

A card is a YAML file in this directory (`tasks/personas/NAME.yaml`), validated by `PersonaCard`.
`resolve` turns what a roster entry or task says (`persona: NAME | random | gen-SEED`) into a card:
`random` is a seeded draw from the shipped cards, `gen-SEED` a card composed by the seeded generator.
"""

from __future__ import annotations

import difflib
import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

if TYPE_CHECKING:
    from tasks.suite import EpisodePlan

CARDS_DIR = Path(__file__).parent
RANDOM, GENERATED = "random", "gen-"


class SpeakingStyle(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    # `register` is a BaseModel attribute, so the field has another name inside and its own outside.
    register_: Literal["formal", "casual", "folksy", "terse", "theatrical", "academic", "street"] = Field(
        alias="register", description="The level of speech.")
    verbosity: Literal["low", "medium", "high"] = Field(description="How much it says per turn.")
    catchphrases: list[str] = Field(min_length=2, max_length=8, description="Phrases it returns to.")
    lexicon: list[str] = Field(min_length=4, max_length=20, description="Words it favours.")
    avoids: list[str] = Field(default_factory=list, max_length=10, description="What it never says or does.")


class PersonaCard(BaseModel):
    """One persona. The game role is dealt separately: a card says how a seat speaks and reasons."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9-]{1,40}$", description="The card's id (its file name).")
    archetype: str = Field(min_length=3, max_length=60)
    speaking_style: SpeakingStyle
    reasoning_style: str = Field(min_length=10, max_length=300, description="How it reaches a decision.")
    risk_appetite: Literal["low", "medium", "high"]
    backstory: str = Field(min_length=20, max_length=600)

    def prompt_data(self) -> dict[str, Any]:
        """The card as plain data: what an agent or a bot is given (no pydantic below the boundary)."""
        return self.model_dump(by_alias=True)

    def text(self) -> str:
        """Everything the card says, as one text (what offline attribution compares speech with)."""
        style = self.speaking_style
        return " ".join([self.archetype, style.register_, *style.catchphrases, *style.lexicon, self.reasoning_style,
                         self.backstory])


class PersonaError(ValueError):
    """A card that cannot be used, or a persona name that names no card; one line."""


@cache
def library() -> dict[str, PersonaCard]:
    """Every shipped card by name (read once)."""
    cards = {}
    for path in sorted(CARDS_DIR.glob("*.yaml")):
        card = load_card(path)
        if card.name != path.stem:
            raise PersonaError(f"{path}: the card's name {card.name!r} must match its file name")
        cards[card.name] = card
    return cards


def load_card(path: Path) -> PersonaCard:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return PersonaCard.model_validate(raw)
    except (OSError, yaml.YAMLError) as error:
        raise PersonaError(f"{path}: cannot read the card: {error}") from None
    except ValidationError as error:
        first = error.errors()[0]
        raise PersonaError(f"{path}: field {'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def card(name: str) -> PersonaCard:
    """A shipped card by name, or a generated one (`gen-SEED`)."""
    if name.startswith(GENERATED) and name[len(GENERATED):].isdigit():
        from tasks.personas.generator import generate

        return generate(int(name[len(GENERATED):]))
    cards = library()
    if name not in cards:
        near = difflib.get_close_matches(name, list(cards), n=1)
        hint = f" Did you mean {near[0]!r}?" if near else ""
        raise PersonaError(f"no persona card {name!r} (tasks/personas/*.yaml); {len(cards)} shipped, "
                           f"or random, or gen-SEED.{hint}")
    return cards[name]


def check_name(name: str) -> str:
    """`name` if it is `random` or names a card (for validating suites before anything runs)."""
    if name != RANDOM:
        card(name)
    return name


def resolve(wanted: str | None, *key: Any) -> PersonaCard | None:
    """The card `wanted` names; `random` draws one from the shipped cards, seeded by `key` (task, seed, seat
    position...), so a re-run gives every seat the same card."""
    if wanted is None:
        return None
    if wanted != RANDOM:
        return card(wanted)
    names = sorted(library())
    digest = hashlib.sha256(repr(key).encode()).digest()
    return library()[names[int.from_bytes(digest[:8], "big") % len(names)]]


def table_personas(plan: EpisodePlan) -> list[PersonaCard | None]:
    """Each seat's persona card (or None): the entry's own, else the task's; `random` seats draw distinct
    shipped cards, seeded by the task, seed, repeat and seat position."""
    wanted = [seating.agent.get("persona") or plan.task.persona for seating in plan.table]
    named = {w for w in wanted if w not in (None, RANDOM)}
    cards: list[PersonaCard | None] = []
    taken = set(named)
    for position, name in enumerate(wanted):
        found = resolve(name, plan.task.name, plan.seed, plan.repeat, position)
        for attempt in range(len(library())):
            if name != RANDOM or found is None or found.name not in taken:
                break
            found = resolve(name, plan.task.name, plan.seed, plan.repeat, position, attempt)
        taken.add(found.name if found is not None else "")
        cards.append(found)
    return cards
