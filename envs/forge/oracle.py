"""The oracle: expands the recipe tree, trains skills when the leveling variant asks, picks gear by the
combat formula, and checks every command by running it through the rules (so its plan is always legal)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from envs.forge.actions import MAX_COUNT, perform
from envs.forge.armoury import choose_gear
from envs.forge.items import GATHER_SKILLS, Hero, Realm, Recipe, xp_to_next


class PlanError(RuntimeError):
    """The oracle found no way on (a bug in the generator if it happens on a fresh task)."""


@dataclass
class Plan:
    """The oracle's commands, the hero after each, the game steps they take and the milestones met."""

    commands: list[str] = field(default_factory=list)
    heroes: list[Hero] = field(default_factory=list)
    steps: int = 0
    marks: list[str] = field(default_factory=list)
    spent: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.commands)


class Planner:
    def __init__(self, realm: Realm, hero: Hero) -> None:
        self.realm, self.hero = realm, hero
        self.plan = Plan()
        self.reserved: Counter[str] = Counter()

    def solve(self) -> Plan:
        task = self.realm.task
        if task.kind == "craft":
            self.stock({task.target: task.count})
            self.craft_in_rounds({task.target: task.count})
            self.obtain(task.target, task.count)
        else:
            self.defeat(task.target)
        return self.plan

    # -- running commands ------------------------------------------------------------------------

    def do(self, command: str) -> None:
        done = perform(self.realm, self.hero, command)
        if isinstance(done, str):
            raise PlanError(f"{command!r} refused: {done}")
        self.hero = done.hero
        self.plan.commands.append(command)
        self.plan.heroes.append(done.hero)
        self.plan.steps += done.cost
        self.plan.marks.extend(m for m in done.marks if m not in self.plan.marks)

    def go(self, place: str) -> None:
        if self.hero.place != place:
            self.do(f"move {place}")

    def repeat(self, verb: str, count: int) -> None:
        while count > 0:
            chunk = min(count, MAX_COUNT)
            self.do(verb if chunk == 1 else f"{verb} {chunk}")
            count -= chunk

    # -- getting items ---------------------------------------------------------------------------

    def free(self, item: str) -> int:
        return self.hero.has(item) - self.reserved[item]

    def obtain(self, item: str, count: int) -> None:
        """Have `count` of `item` set aside in the bag (making what is missing)."""
        short = count - self.free(item)
        if short > 0:
            self.make(item, short)
        self.reserved[item] += count

    def release(self, item: str, count: int) -> None:
        self.reserved[item] -= count

    def make(self, item: str, count: int) -> None:
        if item in self.realm.recipes:
            self.craft(self.realm.recipes[item], count)
        elif item in self.realm.market:
            self.buy(item, count)
        elif self.realm.items[item].kind == "resource":
            self.gather(item, count)
        else:
            raise PlanError(f"no way to get {item}")

    def craft(self, recipe: Recipe, count: int) -> None:
        for item, qty in recipe.inputs:
            self.obtain(item, qty * count)
        self.train(recipe.skill, recipe.level)
        self.go(recipe.place)
        self.repeat(f"craft {recipe.output}", count)
        for item, qty in recipe.inputs:
            self.release(item, qty * count)

    def gather(self, resource: str, count: int) -> None:
        item = self.realm.items[resource]
        self.train(item.skill, item.level)
        self.go(self.realm.node_of(resource))
        self.repeat("gather", count)

    def buy(self, item: str, count: int) -> None:
        price = self.realm.market[item] * count
        self.go(next(p.name for p in self.realm.places.values() if p.kind == "market"))
        if self.hero.gold < price:
            self.raise_gold(price)
        self.do(f"buy {item} {count}")
        self.plan.spent += price

    def raise_gold(self, price: int) -> None:
        """Sell what no recipe needs (valuables and junk) until `price` is affordable."""
        for item in sorted(self.hero.bag):
            if self.hero.gold >= price:
                return
            if self.realm.items[item].kind == "junk" and self.free(item) > 0:
                self.do(f"sell {item} {self.free(item)}")
        if self.hero.gold < price:
            raise PlanError(f"cannot raise {price} gold")

    # -- one trip for all the resources -----------------------------------------------------------

    def stock(self, wanted: dict[str, int]) -> None:
        """Gather and buy every resource and good the wanted items need in one round trip, nearest first,
        so the crafting that follows walks only between workshops."""
        shopping: Counter[str] = Counter()
        free = Counter({item: self.free(item) for item in self.hero.bag})
        for item, count in wanted.items():
            self.bill(item, count, free, shopping)
        stops = {item: self.source(item) for item in shopping}
        while stops:
            here = self.hero.place
            item = min(stops, key=lambda i: (self.realm.distance(here, stops[i]), i))
            del stops[item]
            self.make(item, shopping[item])

    def bill(self, item: str, count: int, free: Counter[str], shopping: Counter[str],
             crafting: Counter[str] | None = None) -> None:
        """Add to `shopping` the resources and goods behind `count` x `item` (and to `crafting` what must be
        crafted on the way), using what is free first."""
        used = min(free[item], count)
        free[item] -= used
        count -= used
        recipe = self.realm.recipes.get(item)
        if count and recipe is not None:
            if crafting is not None:
                crafting[item] += count
            for part, qty in recipe.inputs:
                self.bill(part, qty * count, free, shopping, crafting)
        elif count:
            shopping[item] += count

    def craft_in_rounds(self, wanted: dict[str, int]) -> None:
        """Craft the whole tree level by level; within a level, visit each workshop once, nearest first."""
        crafting: Counter[str] = Counter()
        free = Counter({item: self.free(item) for item in self.hero.bag})
        for item, count in wanted.items():
            self.bill(item, count, free, Counter(), crafting)
        levels = sorted({self.depth(item) for item in crafting})
        for level in levels:
            todo = {item: n for item, n in crafting.items() if self.depth(item) == level}
            while todo:
                here = self.hero.place
                place = min({self.realm.recipes[i].place for i in todo},
                            key=lambda p: (self.realm.distance(here, p), p))
                for item in sorted(i for i in todo if self.realm.recipes[i].place == place):
                    self.craft(self.realm.recipes[item], todo.pop(item))

    def depth(self, item: str) -> int:
        recipe = self.realm.recipes.get(item)
        return 0 if recipe is None else 1 + max(self.depth(part) for part, _ in recipe.inputs)

    def source(self, item: str) -> str:
        if item in self.realm.market:
            return next(p.name for p in self.realm.places.values() if p.kind == "market")
        return self.realm.node_of(item)

    # -- skills (leveling variant) ---------------------------------------------------------------

    def train(self, skill: str, level: int) -> None:
        while self.hero.skills[skill] < level:
            needed = xp_to_next(self.hero.skills[skill]) - self.hero.xp.get(skill, 0)
            if skill in GATHER_SKILLS:
                self.grind_gathering(skill, needed)
            else:
                self.grind_crafting(skill, needed)

    def grind_gathering(self, skill: str, needed: int) -> None:
        known = self.hero.skills[skill]
        items = [i for i in self.realm.items.values() if i.kind == "resource" and i.skill == skill]
        best = max((i for i in items if i.level <= known), key=lambda i: (i.level, i.name))
        self.go(self.realm.node_of(best.name))
        self.repeat("gather", math.ceil(needed / (25 * best.level)))

    def grind_crafting(self, skill: str, needed: int) -> None:
        recipe = self.practice_recipe(skill)
        self.craft(recipe, math.ceil(needed / (30 * recipe.level)))

    def practice_recipe(self, skill: str) -> Recipe:
        """The cheapest recipe of `skill` made straight from resources the hero can gather now."""
        items, known = self.realm.items, self.hero.skills

        def ready(recipe: Recipe) -> bool:
            return recipe.skill == skill and recipe.level <= known[skill] and all(
                items[i].kind == "resource" and items[i].level <= known[items[i].skill] for i, _ in recipe.inputs
            )

        options = [r for r in self.realm.recipes.values() if ready(r)]
        if not options:
            raise PlanError(f"nothing to practise {skill} on")
        return min(options, key=lambda r: (sum(q for _, q in r.inputs) / r.level, r.output))

    # -- fighting --------------------------------------------------------------------------------

    def defeat(self, monster: str) -> None:
        choice = choose_gear(self.realm, self.hero, self.realm.monsters[monster], self.estimate)
        if choice is None:
            raise PlanError(f"no gear beats the {monster}")
        pieces, potion = choice
        wanted = Counter([*pieces, *([potion] if potion else [])])
        self.stock(wanted)
        self.craft_in_rounds(wanted)
        for piece in pieces:
            self.obtain(piece, 1)
            self.do(f"equip {piece}")
            self.release(piece, 1)
        if potion:
            self.obtain(potion, 1)
        self.go(self.realm.lair_of(monster))
        if potion:
            self.do(f"use {potion}")
            self.release(potion, 1)
        self.do("fight")
        if f"defeat {monster}" not in self.plan.marks:
            raise PlanError(f"the chosen gear lost to the {monster}")

    def estimate(self, item: str, count: int = 1) -> float:
        """Rough game steps to have `count` more of `item` (used to price gear choices)."""
        count -= max(0, self.free(item))
        if count <= 0:
            return 0.0
        recipe = self.realm.recipes.get(item)
        if recipe is not None:
            inputs = sum(self.estimate(i, q * count) for i, q in recipe.inputs)
            return inputs + count + 3 + self.training_cost(recipe.skill, recipe.level)
        if item in self.realm.market:
            return 4.0
        resource = self.realm.items[item]
        return count + 3 + self.training_cost(resource.skill, resource.level)

    def training_cost(self, skill: str, level: int) -> float:
        known = self.hero.skills[skill]
        if level <= known:
            return 0.0
        needed = sum(xp_to_next(lv) for lv in range(known, level)) - self.hero.xp.get(skill, 0)
        return max(0, needed) / 15


def solve(realm: Realm, hero: Hero | None = None) -> Plan:
    """The oracle's plan from `hero` (default: the start of the episode)."""
    return Planner(realm, hero or realm.start).solve()
