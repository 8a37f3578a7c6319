"""A seeded Forge world: materials, the recipe DAG, gear, places on a grid, a task at one of 9 tiers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from envs.forge.catalog import DEPTH, FAMILIES, GEAR_NOUNS, GIVEN_SHARE, GOODS, GRID, MONSTERS, Family
from envs.forge.items import Item, Place, Recipe, Stats

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Material:
    name: str
    family: str
    index: int
    element: int

    @property
    def kind(self) -> Family:
        return FAMILIES[self.family]

    def at(self, level: int) -> str:
        """The material's item at a recipe level: 0 is the raw resource, 1-4 the refined stages."""
        stage = self.kind.raw if level == 0 else self.kind.levels[level - 1]
        return f"{self.name} {stage}"


def one_hot(element: int, value: int) -> Stats:
    row = [0, 0, 0, 0]
    row[element] = value
    return (row[0], row[1], row[2], row[3])


class Forger:
    """Builds the world's items and recipes; `rng` is the episode's generator (every draw goes through it)."""

    def __init__(self, tier: int, rng: np.random.Generator) -> None:
        self.tier, self.rng = tier, rng
        self.depth = DEPTH[tier - 1]
        self.items: dict[str, Item] = {}
        self.recipes: dict[str, Recipe] = {}
        self.market: dict[str, int] = dict(GOODS)
        self.materials = [m for family in FAMILIES for m in self._materials(family)]
        for name, price in GOODS.items():
            self.items[name] = Item(name, "goods", max(1, price // 2))

    def pick(self, options: Sequence[T]) -> T:
        return options[int(self.rng.integers(len(options)))]

    def _materials(self, family: str) -> list[Material]:
        names = self.rng.choice(FAMILIES[family].pool, size=2, replace=False)
        return [Material(str(n), family, i, int(self.rng.integers(4))) for i, n in enumerate(names)]

    def build(self) -> None:
        for material in self.materials:
            self._raw(material)
        for level in range(1, min(4, self.depth) + 1):
            for material in self.materials:
                self._refined(material, level)
        for slot in GEAR_NOUNS:
            self._gear_for(slot)
        for material in self.materials:
            if material.family == "herb":
                self._potion(material)

    def add(self, item: Item, recipe: tuple[tuple[str, int], ...] | None = None, place: str = "",
            skill: str = "", level: int = 1) -> None:
        self.items[item.name] = item
        if recipe is not None:
            self.recipes[item.name] = Recipe(item.name, recipe, place, skill, level)

    def value(self, inputs: tuple[tuple[str, int], ...], level: int) -> int:
        return sum(self.items[i].value * q for i, q in inputs) + 2 * level

    def _raw(self, m: Material) -> None:
        self.add(Item(m.at(0), "resource", 1 + m.index, skill=m.kind.gather, level=1 + m.index))

    def _cross(self, m: Material, level: int) -> str:
        """A component from another family, so every recipe tree reaches across workshops."""
        others = [o for o in self.materials if o.family != m.family]
        return self.pick(others).at(max(0, level))

    def _inputs(self, m: Material, level: int, raw_qty: int) -> tuple[tuple[str, int], ...]:
        if level == 1:
            return ((m.at(0), raw_qty),)
        inputs = [(m.at(level - 1), 1), (self._cross(m, level - 2), 1)]
        if level >= 3 and self.rng.random() < 0.5:
            inputs.append((self.pick(list(GOODS)), 1))
        return tuple(inputs)

    def _refined(self, m: Material, level: int) -> None:
        inputs = self._inputs(m, level, 2)
        item = Item(m.at(level), "material", self.value(inputs, level))
        self.add(item, inputs, m.kind.workshop, m.kind.craft, level)

    def _gear_for(self, slot: str) -> None:
        families = list(GEAR_NOUNS[slot])
        choices = [m for m in self.materials if m.family in families]
        order = self.rng.permutation(len(choices))[:2]
        for rank, index in enumerate(order):
            depth = self.depth if rank == 0 else int(self.rng.integers(1, self.depth + 1))
            self.gear(choices[int(index)], slot, depth)

    def gear(self, m: Material, slot: str, depth: int, name: str = "", element: int | None = None,
             strength: float = 1.0) -> Item:
        element = m.element if element is None else element
        inputs = self._inputs(m, depth, 3)
        attack = one_hot(element, int((6 + 5 * depth) * strength)) if slot == "weapon" else (0, 0, 0, 0)
        bonus = one_hot(element, int((10 + 10 * depth) * strength)) if slot in ("ring", "amulet") else (0, 0, 0, 0)
        armour = slot not in ("weapon", "ring", "amulet")
        resist = one_hot(element, int((6 + 5 * depth) * strength)) if armour else (0, 0, 0, 0)
        hp = (10 if slot == "body" else 5) * depth if armour else 0
        name = name or f"{m.name} {GEAR_NOUNS[slot][m.family]}"
        item = Item(name, "gear", self.value(inputs, depth), slot=slot, attack=attack, bonus=bonus,
                    resist=resist, hp=hp)
        self.add(item, inputs, m.kind.workshop, m.kind.craft, depth)
        return item

    def _potion(self, m: Material) -> None:
        inputs = ((m.at(1), 1), (m.at(0), 1))
        item = Item(f"{m.name} draught", "potion", self.value(inputs, 2), hp=40 + 20 * m.index)
        self.add(item, inputs, m.kind.workshop, m.kind.craft, 2)

    def depth_of(self, name: str) -> int:
        recipe = self.recipes.get(name)
        if recipe is None:
            return 0
        return 1 + max(self.depth_of(i) for i, _ in recipe.inputs)

    def places(self, lairs: list[str]) -> dict[str, Place]:
        cells = self.rng.choice(GRID * GRID, size=5 + len(self.materials) + len(lairs), replace=False)
        spots = iter((int(c) % GRID, int(c) // GRID) for c in cells)
        found = [Place("home", "home", *next(spots)), Place("market", "market", *next(spots))]
        for family in FAMILIES.values():
            found.append(Place(family.workshop, "workshop", *next(spots), skill=family.craft))
        for m in self.materials:
            found.append(Place(f"{m.name} {m.kind.node}", "node", *next(spots), resource=m.at(0)))
        for monster in lairs:
            found.append(Place(f"{monster} lair", "lair", *next(spots), monster=monster))
        return {p.name: p for p in found}

    def monster_names(self, count: int) -> list[str]:
        return [str(n) for n in self.rng.choice(MONSTERS, size=count, replace=False)]

    def given(self, item: str, qty: int, bag: dict[str, int]) -> None:
        """Put some of `item`'s components in the bag (fewer missing items at low tiers)."""
        share = GIVEN_SHARE[self.tier - 1]
        for part, q in self.recipes[item].inputs:
            if self.items[part].kind == "goods":
                continue
            if self.rng.random() < share:
                bag[part] = bag.get(part, 0) + q * qty
            elif part in self.recipes:
                self.given(part, q * qty, bag)

