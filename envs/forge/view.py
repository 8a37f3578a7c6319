"""What the hero sees: the compact observation text, its data twin, and the legal commands here and now."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from envs.forge.combat import hero_fighter
from envs.forge.items import SLOTS, Hero, Realm, xp_to_next
from envs.forge.state import ForgeState

PLAN_PATTERN = "<command>; <command>; ... (the whole plan as one action)"
INSPECT_PATTERN = "inspect <item|monster|place>"
SHOWN_LOG = 3


def can_craft(realm: Realm, hero: Hero, name: str) -> int:
    """How many of `name` the hero could craft right here with the bag as it is (0 if none)."""
    recipe = realm.recipes[name]
    if recipe.place != hero.place or hero.skills[recipe.skill] < recipe.level:
        return 0
    return min(hero.has(item) // qty for item, qty in recipe.inputs)


def legal_actions(state: ForgeState) -> list[str]:
    """Concrete commands possible now (bounded by what is here and in the bag), then inspect and pass."""
    realm, hero = state.realm, state.hero
    here = realm.places[hero.place]
    found = [f"move {name}" for name in realm.places if name != hero.place]
    if here.resource and hero.skills[realm.items[here.resource].skill] >= realm.items[here.resource].level:
        found += ["gather", "gather 5"]
    for name in realm.crafted_at.get(hero.place, []):
        most = min(can_craft(realm, hero, name), 99)
        if most:
            found.append(f"craft {name}")
        if most > 1:
            found.append(f"craft {name} {most}")
    if here.kind == "market":
        found += [f"buy {item}" for item, price in realm.market.items() if price <= hero.gold]
        found += [f"sell {item}" for item in hero.bag]
    found += [f"equip {item}" for item in hero.bag if realm.items[item].slot]
    found += [f"unequip {slot}" for slot in hero.gear]
    found += [f"use {item}" for item in hero.bag if realm.items[item].kind == "potion"]
    if here.monster:
        found.append("fight")
    found += ["inspect goal", "inspect here", INSPECT_PATTERN, "pass"]
    return [PLAN_PATTERN, *found] if realm.mode == "plan" else found


def _skills(realm: Realm, hero: Hero) -> str:
    if realm.variant != "leveling":
        return ", ".join(f"{skill} {level}" for skill, level in hero.skills.items())
    return ", ".join(
        f"{skill} {level} ({hero.xp.get(skill, 0)}/{xp_to_next(level)}xp)" for skill, level in hero.skills.items()
    )


def _here(realm: Realm, hero: Hero) -> str:
    place = realm.places[hero.place]
    if place.resource:
        item = realm.items[place.resource]
        return f"{place.name} (node): gather {item.name} ({item.skill} {item.level})"
    if place.kind == "workshop":
        return f"{place.name} (workshop): {place.skill} recipes are crafted here"
    if place.kind == "market":
        return f"{place.name}: buy " + ", ".join(f"{i} {p}g" for i, p in realm.market.items()) + "; sell anything"
    if place.monster:
        return f"{place.name}: the {place.monster} waits here (fight)"
    return f"{place.name}"


@lru_cache(maxsize=512)
def places_line(realm: Realm, here: str) -> str:
    """Every place with its distance from `here`: the same for a realm and a place (realms are frozen and
    hash by identity), so it is built once per place the hero stands at, not once a step."""
    return ", ".join(f"{p.name} ({p.x},{p.y}) {realm.distance(here, p.name)}" for p in realm.places.values())


def observation_text(state: ForgeState, progress: float) -> str:
    realm, hero = state.realm, state.hero
    fighter = hero_fighter(realm.items, hero)
    boost = f" (+{hero.boost_hp} next fight)" if hero.boost_hp else ""
    gear = ", ".join(f"{item} ({slot})" for slot, item in hero.gear.items()) or "none"
    bag = ", ".join(f"{item} x{count}" for item, count in hero.bag.items()) or "empty"
    places = places_line(realm, hero.place)
    lines = [
        f"FORGE tier {realm.tier} {realm.variant} | goal: {realm.task.describe()} | "
        f"steps used {state.steps} of {realm.budget} ({max(0, realm.budget - state.steps)} left) | "
        f"progress {progress:.0f}%",
        f"At {_here(realm, hero)}",
        f"Hero: gold {hero.gold}, HP {fighter.hp - hero.boost_hp}{boost} | skills: {_skills(realm, hero)}",
        f"Gear: {gear}",
        f"Bag: {bag}",
        f"Places (x,y) steps away: {places}",
    ]
    lines += _last(state)
    if realm.mode == "plan" and not state.outcome:
        lines.append("Plan mode: send the whole plan as ONE action, commands separated by ';' or new lines.")
    if state.outcome:
        lines.append(f"Game over: {state.outcome}." + (f" {state.plan_report}" if state.plan_report else ""))
    lines.append("inspect <item|monster|place|goal|here> shows recipes, stats and fight odds (costs no steps).")
    return "\n".join(lines)


def _last(state: ForgeState) -> list[str]:
    if not state.log:
        return []
    older = [_first_line(entry) for entry in state.log[-SHOWN_LOG:-1]]
    return ["Last: " + "; ".join(older)] * bool(older) + ["Now: " + state.log[-1].replace("\n", "\n  ")]


def _first_line(entry: str, limit: int = 70) -> str:
    line = entry.splitlines()[0]
    return line if len(line) <= limit else line[: limit - 3] + "..."


def observation_data(state: ForgeState, progress: float) -> dict[str, Any]:
    realm, hero = state.realm, state.hero
    return {
        "tier": realm.tier,
        "variant": realm.variant,
        "mode": realm.mode,
        "goal": realm.task.describe(),
        "place": hero.place,
        "gold": hero.gold,
        "bag": dict(hero.bag),
        "gear": {slot: hero.gear[slot] for slot in SLOTS if slot in hero.gear},
        "skills": dict(hero.skills),
        "xp": dict(hero.xp),
        "steps": state.steps,
        "budget": realm.budget,
        "progress": progress,
        "places": {p.name: {"x": p.x, "y": p.y, "kind": p.kind} for p in realm.places.values()},
        "last": list(state.log[-SHOWN_LOG:]),
        "outcome": state.outcome,
    }
