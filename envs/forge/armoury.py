"""Picking gear by the combat formula: the cheapest set of pieces (and potion) that wins a fight.

Attack (weapon, ring, amulet) and defence (armour, potion) are independent in the formula, so each
side is enumerated on its own and the two are joined on strikes: the hero wins when the strikes it
needs are no more than the strikes the monster needs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

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
    as_stats,
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
        bonus = as_stats(sum(p.bonus[e] for p in pieces) for e in range(4))
        dealt = damage(weapons[0] if weapons else UNARMED, bonus, monster.resist)
        strikes = strikes_to_win(monster.hp, dealt)
        if strikes <= MAX_ROUNDS:
            found.append((strikes, sum(cost for _, cost in combo), combo))
    return found


def _defences(options: list[list[Option]], monster: Monster) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every armour and potion combination (all at once, as arrays): the strikes the monster needs,
    the cost, and which option of each slot it takes."""
    picks = np.stack([g.ravel() for g in np.meshgrid(*[np.arange(len(o)) for o in options], indexing="ij")], axis=1)
    resist = np.zeros((len(picks), 4), dtype=np.int64)
    hp = np.full(len(picks), BASE_HP, dtype=np.int64)
    cost = np.zeros(len(picks))
    for slot, slot_options in enumerate(options):
        chosen = picks[:, slot]
        resist += np.array([item.resist if item else NO_STATS for item, _ in slot_options])[chosen]
        hp += np.array([item.hp if item else 0 for item, _ in slot_options])[chosen]
        cost += np.array([c for _, c in slot_options])[chosen]
    per_element = np.array(monster.attack) * (100 - np.minimum(resist, RESIST_CAP)) // 100
    taken = np.maximum(per_element, 0).sum(axis=1)
    strikes = np.where(taken > 0, -(-hp // np.maximum(taken, 1)), np.inf)
    return strikes, cost, picks


def choose_gear(
    realm: Realm, hero: Hero, monster: Monster, estimate: Estimate
) -> tuple[list[str], str] | None:
    """The cheapest winning choice as (pieces to put on, potion to drink or ""), or None if none wins."""
    attack = _attacks([_options(realm, hero, s, estimate) for s in ATTACK_SLOTS], monster)
    defence_options = [_options(realm, hero, s, estimate) for s in DEFENCE_SLOTS] + [_potions(realm, estimate)]
    strikes, cost, picks = _defences(defence_options, monster)
    best: tuple[float, tuple, int] | None = None
    for needed, attack_cost, combo in attack:
        total = np.where(strikes >= needed, cost, np.inf)
        at = int(np.argmin(total))
        if np.isfinite(total[at]) and (best is None or attack_cost + total[at] < best[0]):
            best = (attack_cost + float(total[at]), combo, at)
    if best is None:
        return None
    defence = tuple(defence_options[slot][int(pick)] for slot, pick in enumerate(picks[best[2]]))
    potion = defence[-1][0]
    return _pieces(hero, best[1] + defence[:-1]), (potion.name if potion else "")


def _pieces(hero: Hero, combo: tuple) -> list[str]:
    worn = set(hero.gear.values())
    return [item.name for item, _ in combo if item is not None and item.name not in worn]
