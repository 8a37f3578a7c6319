"""Forge scenarios: the options a game is made with, and the seeded build of its Realm."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from pydantic import Field

from envs.core.options import Options, option_help
from envs.forge.bestiary import intended_gear, main_element, tuned_monster, wild_monster
from envs.forge.catalog import (
    BUDGET_FACTOR,
    BUDGET_SLACK,
    GEAR_NEEDED,
    GIVEN_SHARE,
    GRID,
    NOISE_JUNK,
    NOISE_MARKET,
    TIGHT_GOLD_FROM,
    VALUABLES,
)
from envs.forge.generator import Forger, one_hot
from envs.forge.items import MAX_LEVEL, MODES, SKILLS, TIERS, VARIANTS, Hero, Item, Monster, Realm, Task
from envs.forge.oracle import solve


class ForgeOptions(Options):
    tier: int | None = Field(default=None, ge=1, le=9, description="difficulty 1-9: recipe depth, items missing "
                             "at start, gear needed to win (default 1)")
    variant: Literal["base", "leveling", "noise"] | None = Field(
        default=None, description="base | leveling (skills start at 1, train by working) | noise (distractor "
        "items) (default base)")
    mode: Literal["interactive", "plan"] | None = Field(
        default=None, description="interactive (one command a step) | plan (the whole plan as one action) "
        "(default interactive)")


SCENARIO_OPTIONS = option_help(ForgeOptions)
RICH = 10**6


@dataclass(frozen=True, slots=True)
class Scenario:
    tier: int = 1
    variant: str = "base"
    mode: str = "interactive"


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if value in allowed:
        return str(value)
    near = difflib.get_close_matches(str(value), allowed, n=1)
    hint = f" Did you mean {near[0]!r}?" if near else ""
    raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}.{hint}")


def make_scenario(tier: int = 1, variant: str = "base", mode: str = "interactive") -> Scenario:
    """A checked scenario; a bad option raises ValueError naming the allowed values."""
    if isinstance(tier, bool) or not isinstance(tier, int | np.integer) or tier not in TIERS:
        raise ValueError(f"tier must be a whole number from 1 to 9; got {tier!r}")
    return Scenario(int(tier), _choice("variant", variant, VARIANTS), _choice("mode", mode, MODES))


def generate(scenario: Scenario, rng: np.random.Generator) -> Realm:
    """A fresh world and task from `rng`, solved once by the oracle to set gold, budget and milestones."""
    forger = Forger(scenario.tier, rng)
    forger.build()
    monsters = forger.monster_names(3)
    bag: dict[str, int] = {}
    beasts = {name: wild_monster(name, rng) for name in monsters}
    if rng.random() < 0.5:
        task = _craft_task(forger, bag)
    else:
        task = Task("defeat", monsters[0])
        beasts[monsters[0]] = _defeat_setup(forger, monsters[0], bag)
    decoys = _add_noise(forger, task, beasts, bag) if scenario.variant == "noise" else ()
    level = 1 if scenario.variant == "leveling" else MAX_LEVEL
    hero = Hero("home", RICH, bag, {}, dict.fromkeys(SKILLS, level), dict.fromkeys(SKILLS, 0))
    realm = Realm(scenario.tier, scenario.variant, scenario.mode, GRID, GRID, forger.places(monsters), forger.items,
                  forger.recipes, beasts, forger.market, task, hero, decoys=decoys)
    plan = solve(realm)
    realm = _set_purse(realm, plan.spent, forger)
    if realm.tier >= TIGHT_GOLD_FROM:
        plan = solve(realm)  # short of gold, the plan now sells valuables first
    return replace(realm, oracle_steps=plan.steps, budget=BUDGET_FACTOR * plan.steps + BUDGET_SLACK,
                   milestones=(*plan.marks, "goal"))


def _craft_task(forger: Forger, bag: dict[str, int]) -> Task:
    candidates = sorted(n for n in forger.recipes if forger.depth_of(n) == forger.depth and
                        forger.items[n].kind in ("gear", "material"))
    target = forger.pick(candidates)
    count = 1 if forger.tier <= 3 else int(forger.rng.integers(1, 3))
    count = 2 if forger.tier == 9 else count
    forger.given(target, count, bag)
    return Task("craft", target, count)


def _defeat_setup(forger: Forger, monster: str, bag: dict[str, int]) -> Monster:
    pieces = intended_gear(forger, GEAR_NEEDED[forger.tier - 1])
    for piece in pieces:
        if forger.rng.random() < GIVEN_SHARE[forger.tier - 1] / 2:
            bag[piece.name] = 1
        else:
            forger.given(piece.name, 1, bag)
    return tuned_monster(monster, pieces, forger.tier, forger.rng)


def _set_purse(realm: Realm, spent: int, forger: Forger) -> Realm:
    """Enough gold for the oracle's purchases; from TIGHT_GOLD_FROM on, part of it as valuables to sell."""
    bag = dict(realm.start.bag)
    if realm.tier < TIGHT_GOLD_FROM:
        gold = spent + int(forger.rng.integers(5, 20))
    else:
        gold = spent // 3
        for name, value in VALUABLES.items():
            forger.items[name] = Item(name, "junk", value)
            bag[name] = (spent - gold) // value + 1
    return replace(realm, start=replace(realm.start, gold=gold, bag=bag))


def _add_noise(forger: Forger, task: Task, beasts: dict[str, Monster], bag: dict[str, int]) -> tuple[str, ...]:
    """Distractors: lookalike gear in useless elements, refined materials nothing needs, junk."""
    monster = beasts.get(task.target)
    useless = main_element(monster.resist) if monster else int(forger.rng.integers(4))
    gear = sorted(n for n, i in forger.items.items() if i.kind == "gear")
    first = [task.target] if task.target in gear else []
    picks = first + [gear[int(i)] for i in forger.rng.permutation(len(gear))[:3] if gear[int(i)] not in first]
    decoys = [_gilded(forger, forger.items[name], useless) for name in picks[:3]]
    materials = sorted(n for n, i in forger.items.items() if i.kind == "material")
    for index in forger.rng.permutation(len(materials))[:2]:
        decoys.append(_tempered(forger, materials[int(index)]))
    for name in NOISE_JUNK:
        forger.items[name] = Item(name, "junk", 1)
        bag[name] = 1
    forger.items["whetstone"] = Item("whetstone", "goods", 2)
    forger.items["lucky charm"] = Item("lucky charm", "gear", 3, slot="amulet")
    forger.market.update(NOISE_MARKET)
    return (*decoys, *NOISE_MARKET, *NOISE_JUNK)


def _gilded(forger: Forger, base: Item, element: int) -> str:
    recipe = forger.recipes[base.name]
    strong = int(max(*base.attack, *base.bonus, *base.resist) * 1.3) + 2
    stats = one_hot(element, strong)
    item = replace(base, name=f"gilded {base.name}", value=base.value * 2,
                   attack=stats if any(base.attack) else base.attack, bonus=stats if any(base.bonus) else base.bonus,
                   resist=stats if any(base.resist) else base.resist, hp=0)
    inputs = ((base.name, 1), ("coal", 2))
    forger.add(item, inputs, recipe.place, recipe.skill, min(MAX_LEVEL, recipe.level + 1))
    return item.name


def _tempered(forger: Forger, base: str) -> str:
    recipe = forger.recipes[base]
    item = Item(f"tempered {base}", "material", forger.items[base].value * 3)
    forger.add(item, ((base, 2), ("wax", 1)), recipe.place, recipe.skill, recipe.level)
    return item.name
