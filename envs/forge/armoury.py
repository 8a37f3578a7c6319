"""Picking gear by the combat formula: the cheapest set of pieces (and potion) that wins a fight.

Attack (weapon, ring, amulet) and defence (armour, potion) are independent in the formula, so each
side is enumerated on its own and the two are joined on strikes: the hero wins when the strikes it
needs are no more than the strikes the monster needs.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable

from envs.forge.combat import MAX_ROUNDS, damage, strikes_to_win
from envs.forge.items import (
    ATTACK_SLOTS,
    BASE_HP,
    DEFENCE_SLOTS,
    NO_STATS,
    RESIST_CAP,
    UNARMED,
    Hero,
    Item,
    Monster,
    Realm,
)

Estimate = Callable[[str], float]
Option = tuple[Item | None, float]


def _options(realm: Realm, hero: Hero, slot: str, estimate: Estimate) -> list[Option]:
    """What can fill `slot`: what is worn now (free), or each piece of that slot at its cost."""
    worn = hero.gear.get(slot)
    options: list[Option] = [(realm.items[worn] if worn else None, 0.0)]
    for item in realm.items.values():
        if item.slot == slot and item.name != worn:
            options.append((item, estimate(item.name) + 1))
    return options


def _potions(realm: Realm, estimate: Estimate) -> list[Option]:
    return [(None, 0.0)] + [(i, estimate(i.name) + 1) for i in realm.items.values() if i.kind == "potion"]


def _attacks(options: list[list[Option]], monster: Monster) -> list[tuple[float, float, tuple]]:
    """(strikes the hero needs, cost, pieces) for every weapon/ring/amulet combination."""
    found = []
    for combo in itertools.product(*options):
        pieces = [item for item, _ in combo if item is not None]
        weapons = [p.attack for p in pieces if p.slot == "weapon"]
        bonus = tuple(sum(p.bonus[e] for p in pieces) for e in range(4))
        dealt = damage(weapons[0] if weapons else UNARMED, bonus, monster.resist)  # type: ignore[arg-type]
        strikes = strikes_to_win(monster.hp, dealt)
        if strikes <= MAX_ROUNDS:
            found.append((strikes, sum(cost for _, cost in combo), combo))
    return found


def _defences(options: list[list[Option]], monster: Monster) -> list[tuple[float, float, tuple]]:
    """(strikes the monster needs, cost, pieces) for every armour and potion combination."""
    found = []
    for combo in itertools.product(*options):
        pieces = [item for item, _ in combo if item is not None]
        resist = tuple(min(RESIST_CAP, sum(p.resist[e] for p in pieces)) for e in range(4))
        hp = BASE_HP + sum(p.hp for p in pieces)
        taken = damage(monster.attack, NO_STATS, resist)  # type: ignore[arg-type]
        found.append((strikes_to_win(hp, taken), sum(cost for _, cost in combo), combo))
    return found


def choose_gear(
    realm: Realm, hero: Hero, monster: Monster, estimate: Estimate
) -> tuple[list[str], str] | None:
    """The cheapest winning choice as (pieces to put on, potion to drink or ""), or None if none wins."""
    attack = _attacks([_options(realm, hero, s, estimate) for s in ATTACK_SLOTS], monster)
    defence_options = [_options(realm, hero, s, estimate) for s in DEFENCE_SLOTS] + [_potions(realm, estimate)]
    defence = sorted(_defences(defence_options, monster), key=lambda d: d[0])
    if not attack or not defence:
        return None
    cheapest_from = _suffix_minimum([d[1] for d in defence])
    keys = [d[0] for d in defence]
    best: tuple[float, tuple, tuple] | None = None
    for strikes, cost, combo in attack:
        index = bisect.bisect_left(keys, strikes)
        if index == len(defence):
            continue
        total, at = cheapest_from[index]
        if best is None or cost + total < best[0]:
            best = (cost + total, combo, defence[at][2])
    if best is None:
        return None
    return _pieces(hero, best[1] + best[2][:-1]), (best[2][-1][0].name if best[2][-1][0] else "")


def _suffix_minimum(costs: list[float]) -> list[tuple[float, int]]:
    """For each index, the cheapest cost at or after it and where it is."""
    found: list[tuple[float, int]] = [(0.0, 0)] * len(costs)
    best = (float("inf"), -1)
    for index in range(len(costs) - 1, -1, -1):
        if costs[index] <= best[0]:
            best = (costs[index], index)
        found[index] = best
    return found


def _pieces(hero: Hero, combo: tuple) -> list[str]:
    worn = set(hero.gear.values())
    return [item.name for item, _ in combo if item is not None and item.name not in worn]
