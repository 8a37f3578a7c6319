"""Monsters: the target of a defeat task is tuned so the gear it was built against wins, and little less."""

from __future__ import annotations

import numpy as np

from envs.forge.combat import damage, fighter
from envs.forge.generator import Forger
from envs.forge.items import NO_STATS, Item, Monster, Stats, as_stats


def main_element(stats: Stats) -> int:
    return int(np.argmax(stats))


def spread(scale: int, elements: list[int]) -> Stats:
    row = [0, 0, 0, 0]
    for element in elements:
        row[element] = scale
    return (row[0], row[1], row[2], row[3])


def wild_monster(name: str, rng: np.random.Generator) -> Monster:
    """A lair monster that no task asks for (it only guards its gold)."""
    resist = as_stats(int(r) for r in rng.integers(0, 60, size=4))
    attack = spread(int(rng.integers(10, 30)), [int(rng.integers(4))])
    return Monster(name, int(rng.integers(40, 160)), attack, resist, int(rng.integers(5, 20)))


def intended_gear(forger: Forger, count: int) -> list[Item]:
    """The pieces a defeat task is tuned against: the deepest weapon, then `count - 1` other slots."""
    gear = [item for item in forger.items.values() if item.kind == "gear"]

    def deepest(slot: str, element: int | None = None) -> Item:
        fits = [g for g in gear if g.slot == slot]
        matching = [g for g in fits if element is not None and main_element(g.bonus) == element]
        return max(matching or fits, key=lambda g: (forger.depth_of(g.name), g.name))

    weapon = deepest("weapon")
    others = ["shield", "helmet", "body", "legs", "boots", "ring", "amulet"]
    slots = [others[int(i)] for i in forger.rng.permutation(len(others))[: count - 1]]
    return [weapon, *(deepest(slot, main_element(weapon.attack)) for slot in slots)]


def tuned_monster(name: str, pieces: list[Item], tier: int, rng: np.random.Generator) -> Monster:
    """Weak to the weapon's element; hits as hard as the tuned gear can take for the fight's length."""
    hero = fighter(pieces)
    weak = main_element(pieces[0].attack)
    resist = [int(r) for r in rng.integers(30, 90, size=4)]
    resist[weak] = -10 * int(rng.integers(0, 3))
    resist_row = as_stats(resist)
    elements = sorted({main_element(p.resist) for p in pieces if any(p.resist)}) or [int(rng.integers(4))]
    strikes = 3 + tier // 2
    dealt = damage(hero.attack, hero.bonus, resist_row)
    hp = dealt * strikes - int(rng.integers(0, max(1, dealt // 2)))
    low, high = 1, 2000
    while low < high:
        scale = (low + high + 1) // 2
        if damage(spread(scale, elements), NO_STATS, hero.resist) * (strikes - 1) < hero.hp:
            low = scale
        else:
            high = scale - 1
    return Monster(name, hp, spread(low, elements), resist_row, 10 + 5 * tier)
