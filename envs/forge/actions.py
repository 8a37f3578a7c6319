"""The hero's commands as pure functions: `perform(realm, hero, command)` -> Done, or a refusal string."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from envs.forge.combat import fight, hero_fighter, monster_fighter
from envs.forge.describe import inspect_text
from envs.forge.items import SLOTS, Hero, Realm, xp_to_next

MAX_COMMAND = 200
MAX_COUNT = 99
LOST_FIGHT_COST = 4
VERBS = ("move", "gather", "craft", "buy", "sell", "equip", "unequip", "use", "fight", "inspect", "pass", "wait")


@dataclass(frozen=True, slots=True)
class Done:
    """An applied command: the new hero, the game steps it took, what happened, milestones it reached."""

    hero: Hero
    cost: int
    text: str
    marks: tuple[str, ...] = ()


def perform(realm: Realm, hero: Hero, command: str) -> Done | str:
    """Apply one command. A refusal is a string saying why; the hero is then untouched."""
    if not isinstance(command, str):
        return f"a command is text, got {type(command).__name__}"
    if len(command) > MAX_COMMAND:
        return f"command too long ({len(command)} characters; at most {MAX_COMMAND}): send one command"
    words = command.strip().lower().split()
    if not words:
        return "empty command: send one command, e.g. 'move market' or 'pass'"
    verb, args = words[0], " ".join(words[1:])
    handler = _HANDLERS.get(verb)
    if handler is None:
        return f"unknown command {verb!r}{_near(verb, VERBS)}; commands: {', '.join(VERBS)}"
    return handler(realm, hero, args)


def _near(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _whole(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts '²' and '³', which int() then refuses."""
    return text.isascii() and text.isdigit()


def split_count(args: str) -> tuple[str, int | str]:
    """'iron sword 2' -> ('iron sword', 2); a bad count comes back as a refusal string."""
    name, _, last = args.rpartition(" ")
    if not _whole(last.lstrip("-")):
        return args, 1
    count = int(last)
    if not 1 <= count <= MAX_COUNT:
        return name, f"count must be a whole number from 1 to {MAX_COUNT}, got {count}"
    return name, count


def _name(realm: Realm, name: str, kind: str) -> str | None:
    """The canonical name if `name` is a known `kind`, else None."""
    return name if realm.lexicon.get(name) == kind else None


def _unknown(realm: Realm, name: str, kind: str, verb: str) -> str:
    if not name:
        what = "a place" if kind == "place" else "an item"
        return f"{verb} needs the name of {what}, e.g. '{verb} {_example(realm, kind)}'"
    pool = [n for n, k in realm.lexicon.items() if k == kind]
    return f"no {kind} called {name!r}{_near(name, pool)}"


def _example(realm: Realm, kind: str) -> str:
    return next(iter(realm.places if kind == "place" else realm.items))


def _bag(bag: dict[str, int], item: str, delta: int) -> dict[str, int]:
    new = dict(bag)
    new[item] = new.get(item, 0) + delta
    if new[item] <= 0:
        del new[item]
    return new


def _train(realm: Realm, hero: Hero, skill: str, xp: int) -> tuple[Hero, tuple[str, ...]]:
    """The leveling variant's XP: each useful unit of work trains its skill."""
    if realm.variant != "leveling":
        return hero, ()
    level, points, marks = hero.skills[skill], hero.xp.get(skill, 0) + xp, []
    while points >= xp_to_next(level):
        points -= xp_to_next(level)
        level += 1
        marks.append(f"level {skill} {level}")
    hero = replace(hero, skills={**hero.skills, skill: level}, xp={**hero.xp, skill: points})
    return hero, tuple(marks)


def _move(realm: Realm, hero: Hero, args: str) -> Done | str:
    place = _name(realm, args, "place")
    if place is None:
        return _unknown(realm, args, "place", "move") + f"; places: {', '.join(realm.places)}"
    if place == hero.place:
        return f"you are already at {place}"
    return Done(replace(hero, place=place), realm.distance(hero.place, place), f"walked to {place}")


def _gather(realm: Realm, hero: Hero, args: str) -> Done | str:
    if args and not _whole(args):
        return f"gather takes only a count, e.g. 'gather 3', got {args!r}"
    count = int(args) if args else 1
    if not 1 <= count <= MAX_COUNT:
        return f"count must be a whole number from 1 to {MAX_COUNT}, got {count}"
    here = realm.places[hero.place]
    if not here.resource:
        return f"nothing to gather at {here.name}; resource nodes: {_nodes(realm)}"
    item = realm.items[here.resource]
    if hero.skills[item.skill] < item.level:
        return f"{item.name} needs {item.skill} {item.level}; yours is {hero.skills[item.skill]}"
    hero = replace(hero, bag=_bag(hero.bag, item.name, count))
    hero, marks = _train(realm, hero, item.skill, 25 * item.level * count)
    return Done(hero, count, f"gathered {count} {item.name}", (f"obtain {item.name}", *marks))


def _nodes(realm: Realm) -> str:
    return ", ".join(f"{p.name} ({p.resource})" for p in realm.places.values() if p.resource)


def _craft(realm: Realm, hero: Hero, args: str) -> Done | str:
    name, count = split_count(args)
    if isinstance(count, str):
        return count
    if _name(realm, name, "item") is None:
        return _unknown(realm, name, "item", "craft")
    recipe = realm.recipes.get(name)
    if recipe is None:
        return f"{name} has no recipe; {_source(realm, name)}"
    if hero.place != recipe.place:
        return f"{name} is crafted at {recipe.place}, you are at {hero.place}"
    if hero.skills[recipe.skill] < recipe.level:
        return f"{name} needs {recipe.skill} {recipe.level}; yours is {hero.skills[recipe.skill]}"
    short = [f"{q * count} {i} (have {hero.has(i)})" for i, q in recipe.inputs if hero.has(i) < q * count]
    if short:
        return f"not enough to craft {count} {name}: need " + ", ".join(short)
    bag = hero.bag
    for item, qty in recipe.inputs:
        bag = _bag(bag, item, -qty * count)
    hero = replace(hero, bag=_bag(bag, name, count))
    hero, marks = _train(realm, hero, recipe.skill, 30 * recipe.level * count)
    return Done(hero, count, f"crafted {count} {name}", (f"obtain {name}", *marks))


def _source(realm: Realm, item: str) -> str:
    if item in realm.market:
        return f"buy it at the market for {realm.market[item]} gold"
    node = next((p.name for p in realm.places.values() if p.resource == item), "")
    return f"gather it at {node}" if node else "it cannot be made here"


def _at_market(realm: Realm, hero: Hero, verb: str) -> str | None:
    if realm.places[hero.place].kind != "market":
        market = next(p.name for p in realm.places.values() if p.kind == "market")
        return f"you can only {verb} at {market}; you are at {hero.place}"
    return None


def _buy(realm: Realm, hero: Hero, args: str) -> Done | str:
    name, count = split_count(args)
    if isinstance(count, str):
        return count
    if name not in realm.market:
        return f"the market sells no {name!r}{_near(name, realm.market)}; it sells: {', '.join(realm.market)}"
    refusal = _at_market(realm, hero, "buy")
    if refusal:
        return refusal
    price = realm.market[name] * count
    if price > hero.gold:
        return f"{count} {name} cost {price} gold; you have {hero.gold}"
    hero = replace(hero, gold=hero.gold - price, bag=_bag(hero.bag, name, count))
    return Done(hero, 1, f"bought {count} {name} for {price} gold", (f"obtain {name}",))


def _sell(realm: Realm, hero: Hero, args: str) -> Done | str:
    name, count = split_count(args)
    if isinstance(count, str):
        return count
    if hero.has(name) < count:
        return _not_in_bag(hero, name, count)
    refusal = _at_market(realm, hero, "sell")
    if refusal:
        return refusal
    gold = realm.items[name].value * count
    hero = replace(hero, gold=hero.gold + gold, bag=_bag(hero.bag, name, -count))
    return Done(hero, 1, f"sold {count} {name} for {gold} gold")


def _not_in_bag(hero: Hero, name: str, count: int = 1) -> str:
    if not name:
        return "name an item from your bag"
    have = hero.has(name)
    held = ", ".join(hero.bag) or "nothing"
    return f"you have {have} {name!r}, need {count}{_near(name, hero.bag)}; your bag: {held}"


def _equip(realm: Realm, hero: Hero, args: str) -> Done | str:
    if not hero.has(args):
        return _not_in_bag(hero, args)
    item = realm.items[args]
    if not item.slot:
        return f"{args} is not gear; gear goes in: {', '.join(SLOTS)}"
    bag = _bag(hero.bag, args, -1)
    old = hero.gear.get(item.slot)
    if old:
        bag = _bag(bag, old, 1)
    hero = replace(hero, bag=bag, gear={**hero.gear, item.slot: args})
    return Done(hero, 1, f"equipped {args} ({item.slot})", (f"equip {args}",))


def _unequip(realm: Realm, hero: Hero, args: str) -> Done | str:
    slot = next((s for s, i in hero.gear.items() if args in (s, i)), None)
    if slot is None:
        worn = ", ".join(hero.gear) or "none"
        return f"nothing worn in {args!r}; slots in use: {worn}; slots: {', '.join(SLOTS)}"
    item = hero.gear[slot]
    gear = {s: i for s, i in hero.gear.items() if s != slot}
    return Done(replace(hero, gear=gear, bag=_bag(hero.bag, item, 1)), 1, f"took off {item} ({slot})")


def _use(realm: Realm, hero: Hero, args: str) -> Done | str:
    if not hero.has(args):
        return _not_in_bag(hero, args)
    item = realm.items[args]
    if item.kind != "potion":
        return f"{args} is not a potion; only potions can be used"
    hero = replace(hero, bag=_bag(hero.bag, args, -1), boost_hp=max(hero.boost_hp, item.hp))
    return Done(hero, 1, f"drank {args}: +{item.hp} HP for the next fight", (f"use {args}",))


def _fight(realm: Realm, hero: Hero, args: str) -> Done | str:
    if args:
        return "fight takes no argument: go to a lair and send 'fight'"
    name = realm.places[hero.place].monster
    if not name:
        lairs = ", ".join(f"{p.name} ({p.monster})" for p in realm.places.values() if p.monster)
        return f"no monster at {hero.place}; lairs: {lairs}"
    monster = realm.monsters[name]
    result = fight(hero_fighter(realm.items, hero), monster_fighter(monster))
    hero = replace(hero, boost_hp=0)
    summary = f"{result.rounds} rounds, you hit {result.hero_damage}, it hits {result.monster_damage}"
    if not result.won:
        return Done(hero, LOST_FIGHT_COST, f"lost to the {name} ({summary}); you rest to recover")
    hero = replace(hero, gold=hero.gold + monster.gold)
    return Done(hero, 1, f"defeated the {name} ({summary}), +{monster.gold} gold", (f"defeat {name}",))


def _inspect(realm: Realm, hero: Hero, args: str) -> Done | str:
    text = inspect_text(realm, hero, args)
    if text is None:
        near = _near(args, [*realm.lexicon, "goal", "here"])
        return f"nothing called {args!r} to inspect{near}; inspect an item, a monster, a place, 'goal' or 'here'"
    return Done(hero, 0, text)


def _pass(realm: Realm, hero: Hero, args: str) -> Done | str:
    if args:
        return "pass takes no argument"
    return Done(hero, 1, "passed")


_HANDLERS: dict[str, Callable[[Realm, Hero, str], Done | str]] = {
    "move": _move,
    "gather": _gather,
    "craft": _craft,
    "buy": _buy,
    "sell": _sell,
    "equip": _equip,
    "unequip": _unequip,
    "use": _use,
    "fight": _fight,
    "inspect": _inspect,
    "pass": _pass,
    "wait": _pass,  # the spelling before `pass` (one for every world); accepted one release, not listed
}
