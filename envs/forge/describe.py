"""Forge's words: one-line descriptions of items, recipes, places and monsters, and `inspect` answers."""

from __future__ import annotations

from envs.forge.combat import fight, hero_fighter, monster_fighter
from envs.forge.items import ELEMENTS, Hero, Item, Realm, Stats


def stats(values: Stats, unit: str = "") -> str:
    parts = [f"{element} {value}{unit}" for element, value in zip(ELEMENTS, values, strict=True) if value]
    return " ".join(parts) or "none"


def gear_stats(item: Item) -> str:
    parts = []
    if any(item.attack):
        parts.append(f"attack {stats(item.attack)}")
    if any(item.bonus):
        parts.append(f"bonus {stats(item.bonus, '%')}")
    if any(item.resist):
        parts.append(f"resist {stats(item.resist, '%')}")
    if item.hp:
        parts.append(f"+{item.hp} HP")
    return ", ".join(parts) or "no stats"


def recipe_line(realm: Realm, name: str) -> str:
    recipe = realm.recipes[name]
    inputs = " + ".join(f"{qty} {item}" for item, qty in recipe.inputs)
    return f"{inputs} -> 1 {name} at {recipe.place} ({recipe.skill} {recipe.level})"


def item_text(realm: Realm, name: str) -> str:
    item = realm.items[name]
    lines = [f"{name}: {item.kind}, sells for {item.value} gold"]
    if item.slot:
        lines.append(f"{item.slot}: {gear_stats(item)}")
    if item.kind == "potion":
        lines.append(f"use it before a fight: +{item.hp} HP for that fight")
    if name in realm.recipes:
        lines.append("recipe: " + recipe_line(realm, name))
    if item.kind == "resource":
        lines.append(f"gather at {realm.node_of(name)} ({item.skill} {item.level})")
    if name in realm.market:
        lines.append(f"market price {realm.market[name]} gold")
    users = [r.output for r in realm.recipes.values() if any(i == name for i, _ in r.inputs)]
    if users:
        lines.append("used in: " + ", ".join(users))
    return "\n".join(lines)


def monster_text(realm: Realm, hero: Hero, name: str) -> str:
    monster = realm.monsters[name]
    odds = fight(hero_fighter(realm.items, hero), monster_fighter(monster))
    verdict = "you would win" if odds.won else "you would lose"
    return (
        f"{name} at {realm.lair_of(name)}: HP {monster.hp}, attack {stats(monster.attack)}, "
        f"resist {stats(monster.resist, '%')}, drops {monster.gold} gold\n"
        f"with your gear now: you hit {odds.hero_damage} a strike, it hits {odds.monster_damage}; "
        f"{verdict} in {odds.rounds} rounds (you strike first)"
    )


def place_text(realm: Realm, hero: Hero, name: str) -> str:
    place = realm.places[name]
    head = f"{name} ({place.kind}) at ({place.x},{place.y}), {realm.distance(hero.place, name)} steps away"
    if place.resource:
        item = realm.items[place.resource]
        return f"{head}: gather {item.name} ({item.skill} {item.level})"
    if place.kind == "workshop":
        crafts = [f"{n} ({realm.items[n].slot})" if realm.items[n].slot else n
                  for n, r in realm.recipes.items() if r.place == name]
        return f"{head}: {place.skill}; recipes: " + ", ".join(crafts)
    if place.kind == "market":
        return f"{head}: sells " + ", ".join(f"{i} {p}g" for i, p in realm.market.items()) + "; buys anything"
    if place.monster:
        return f"{head}: lair of the {place.monster}"
    return head


def goal_text(realm: Realm, hero: Hero) -> str:
    task = realm.task
    if task.kind == "craft":
        return f"goal: {task.describe()} (have {hero.has(task.target)})\n" + item_text(realm, task.target)
    return f"goal: {task.describe()}\n" + monster_text(realm, hero, task.target)


def inspect_text(realm: Realm, hero: Hero, target: str) -> str | None:
    """The answer to `inspect <target>`, or None when nothing has that name."""
    if target == "goal":
        return goal_text(realm, hero)
    if target == "here":
        target = hero.place
    kind = realm.lexicon.get(target)
    if kind == "item":
        return item_text(realm, target)
    if kind == "monster":
        return monster_text(realm, hero, target)
    if kind == "place":
        return place_text(realm, hero, target)
    return None
