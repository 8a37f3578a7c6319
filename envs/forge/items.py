"""Forge's fixed facts for one episode: items, recipes, places, monsters and the task (the Realm)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

ELEMENTS = ("fire", "earth", "water", "air")
SLOTS = ("weapon", "shield", "helmet", "body", "legs", "boots", "ring", "amulet")
ATTACK_SLOTS = ("weapon", "ring", "amulet")
DEFENCE_SLOTS = ("shield", "helmet", "body", "legs", "boots")
GATHER_SKILLS = ("mining", "woodcutting", "herbalism")
CRAFT_SKILLS = ("smithing", "carpentry", "alchemy")
SKILLS = GATHER_SKILLS + CRAFT_SKILLS
TIERS = tuple(range(1, 10))
VARIANTS = ("base", "leveling", "noise")
MODES = ("interactive", "plan")
BASE_HP = 100
UNARMED = (0, 4, 0, 0)  # bare fists strike for a little earth damage
RESIST_CAP = 80
MAX_LEVEL = 6
NO_STATS = (0, 0, 0, 0)

Stats = tuple[int, int, int, int]


def as_stats(values: Iterable[int]) -> Stats:
    """Four numbers, one an element, as a Stats tuple."""
    fire, earth, water, air = values
    return (fire, earth, water, air)


def xp_to_next(level: int) -> int:
    """XP needed to go from `level` to `level + 1` (the leveling variant's curve)."""
    return 150 + 10 * (level - 1)


@dataclass(frozen=True, slots=True)
class Item:
    """Anything that fits in the bag. `kind` is resource, material, gear, potion, goods or junk."""

    name: str
    kind: str
    value: int
    skill: str = ""
    level: int = 1
    slot: str = ""
    attack: Stats = NO_STATS
    bonus: Stats = NO_STATS
    resist: Stats = NO_STATS
    hp: int = 0


@dataclass(frozen=True, slots=True)
class Recipe:
    """`inputs` (item, qty) made into one `output` at `place`, needing `skill` at `level`."""

    output: str
    inputs: tuple[tuple[str, int], ...]
    place: str
    skill: str
    level: int


@dataclass(frozen=True, slots=True)
class Place:
    """A named spot on the grid: home, a resource node, a workshop, the market or a monster lair."""

    name: str
    kind: str
    x: int
    y: int
    resource: str = ""
    skill: str = ""
    monster: str = ""


@dataclass(frozen=True, slots=True)
class Monster:
    name: str
    hp: int
    attack: Stats
    resist: Stats
    gold: int


@dataclass(frozen=True, slots=True)
class Task:
    """`craft` count x target, or `defeat` the monster called target."""

    kind: str
    target: str
    count: int = 1

    def describe(self) -> str:
        return f"craft {self.count} x {self.target}" if self.kind == "craft" else f"defeat the {self.target}"


@dataclass(frozen=True, slots=True)
class Hero:
    """The player's changing part. Dicts are never mutated: every change builds new ones."""

    place: str
    gold: int
    bag: dict[str, int]
    gear: dict[str, str]
    skills: dict[str, int]
    xp: dict[str, int]
    boost_hp: int = 0

    def has(self, item: str) -> int:
        return self.bag.get(item, 0)


@dataclass(frozen=True, eq=False)
class Realm:
    """Everything fixed for one episode, shared (never copied) by every state of it."""

    tier: int
    variant: str
    mode: str
    width: int
    height: int
    places: dict[str, Place]
    items: dict[str, Item]
    recipes: dict[str, Recipe]
    monsters: dict[str, Monster]
    market: dict[str, int]
    task: Task
    start: Hero
    oracle_steps: int = 0
    budget: int = 0
    milestones: tuple[str, ...] = ()
    decoys: tuple[str, ...] = field(default=())

    def distance(self, a: str, b: str) -> int:
        pa, pb = self.places[a], self.places[b]
        return abs(pa.x - pb.x) + abs(pa.y - pb.y)

    def lair_of(self, monster: str) -> str:
        return next(p.name for p in self.places.values() if p.monster == monster)

    def node_of(self, resource: str) -> str:
        return next(p.name for p in self.places.values() if p.resource == resource)

    @cached_property
    def crafted_at(self) -> dict[str, list[str]]:
        """Each workshop's recipes, by output name."""
        found: dict[str, list[str]] = {}
        for name, recipe in self.recipes.items():
            found.setdefault(recipe.place, []).append(name)
        return found

    @cached_property
    def lexicon(self) -> dict[str, str]:
        """Every name a command may mention, lower case, with what it names (item, place, monster)."""
        found = {name: "item" for name in self.items}
        found.update({name: "place" for name in self.places})
        found.update({name: "monster" for name in self.monsters})
        return found
