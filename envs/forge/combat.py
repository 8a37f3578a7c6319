"""Deterministic turn-based combat: per element, damage = base + base*bonus% - base*resist%.

The player strikes first; sides alternate; the first at 0 HP loses. HP is whole again after the fight.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from envs.forge.items import BASE_HP, NO_STATS, RESIST_CAP, UNARMED, Hero, Item, Monster, Stats, as_stats

MAX_ROUNDS = 60


@dataclass(frozen=True, slots=True)
class Fighter:
    """A side of a fight as numbers: HP, base attack, bonus % and resist % per element."""

    hp: int
    attack: Stats
    bonus: Stats
    resist: Stats


@dataclass(frozen=True, slots=True)
class Fight:
    won: bool
    rounds: int
    hero_damage: int
    monster_damage: int
    hero_hp_left: int
    monster_hp_left: int


def _sum(stats: Iterable[Stats]) -> Stats:
    total = [0, 0, 0, 0]
    for row in stats:
        for i, value in enumerate(row):
            total[i] += value
    return (total[0], total[1], total[2], total[3])


def fighter(gear: Iterable[Item], boost_hp: int = 0) -> Fighter:
    """The hero's side from the gear worn (weapon attack, ring/amulet bonus, armour resist and HP)."""
    pieces = list(gear)
    weapons = [p.attack for p in pieces if p.slot == "weapon"]
    resist = as_stats(min(RESIST_CAP, r) for r in _sum(p.resist for p in pieces))
    hp = BASE_HP + boost_hp + sum(p.hp for p in pieces)
    return Fighter(hp, weapons[0] if weapons else UNARMED, _sum(p.bonus for p in pieces), resist)


def hero_fighter(items: dict[str, Item], hero: Hero) -> Fighter:
    return fighter((items[name] for name in hero.gear.values()), hero.boost_hp)


def monster_fighter(monster: Monster) -> Fighter:
    return Fighter(monster.hp, monster.attack, NO_STATS, monster.resist)


def damage(attack: Stats, bonus: Stats, resist: Stats) -> int:
    """One strike: each element's base grows by bonus % and shrinks by the target's resist %."""
    return sum(max(0, base * (100 + b - r) // 100) for base, b, r in zip(attack, bonus, resist, strict=True))


def strikes_to_win(hp: int, per_strike: int) -> float:
    return math.ceil(hp / per_strike) if per_strike > 0 else math.inf


def wins(hero_strikes: float, monster_strikes: float) -> bool:
    """The hero strikes first, so it wins ties; a fight past MAX_ROUNDS is lost (the hero tires)."""
    return hero_strikes <= monster_strikes and hero_strikes <= MAX_ROUNDS


def fight(hero: Fighter, monster: Fighter) -> Fight:
    dealt = damage(hero.attack, hero.bonus, monster.resist)
    taken = damage(monster.attack, monster.bonus, hero.resist)
    hero_strikes = strikes_to_win(monster.hp, dealt)
    monster_strikes = strikes_to_win(hero.hp, taken)
    won = wins(hero_strikes, monster_strikes)
    rounds = int(min(hero_strikes if won else monster_strikes, MAX_ROUNDS))
    hero_hits = rounds if won else min(rounds, MAX_ROUNDS)
    monster_hits = rounds - 1 if won else rounds
    return Fight(
        won=won,
        rounds=rounds,
        hero_damage=dealt,
        monster_damage=taken,
        hero_hp_left=max(0, hero.hp - taken * monster_hits),
        monster_hp_left=max(0, monster.hp - dealt * hero_hits),
    )

