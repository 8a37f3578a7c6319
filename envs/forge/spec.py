"""Forge, declared once: options, scripted players, typed tools, score semantics, drawing and play hints."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from envs.core.spec import ActionTool, Gym, Param, PlayView, Scoring, WorldSpec
from envs.forge.macros import ForgeMacros
from envs.forge.rules import WORLD
from envs.forge.scenario import ForgeOptions, make_scenario

Name = Annotated[str, Field(min_length=1, max_length=80, description="A name as the observation spells it.")]
Count = Annotated[int, Field(ge=1, le=99, description="How many (default 1).")]


def _named(verb: str, description: str, arg: str = "item", qty: bool = True) -> ActionTool:
    params = (Param(arg, Name),) + ((Param("qty", Count, 1),) if qty else ())
    command = f"{verb} {{{arg}}}" + (" {qty}" if qty else "")
    return ActionTool(verb, description, command, params)


TOOLS = (
    _named("move", "Walk to a place (costs the grid distance in steps).", "place", qty=False),
    ActionTool("gather", "Gather the resource of the node you stand at, qty units (qty steps).", "gather {qty}",
               (Param("qty", Count, 1),)),
    _named("craft", "Craft qty of an item at its workshop, with its inputs in your bag."),
    _named("buy", "Buy goods at the market."),
    _named("sell", "Sell items from your bag at the market."),
    _named("equip", "Wear a piece of gear from your bag.", qty=False),
    _named("unequip", "Take off the gear in a slot (weapon, shield, helmet, body, legs, boots, ring, amulet).",
           "slot", qty=False),
    _named("use", "Drink a potion: extra HP for your next fight.", qty=False),
    ActionTool("fight", "Fight the monster of the lair you stand at.", "fight"),
    ActionTool("pass", "Do nothing: let one step go by.", "pass"),
    _named("inspect", "Details on an item (recipe), a monster (stats, your odds), a place, the goal or here. "
           "Costs no steps.", "thing", qty=False),
)

SPEC = WorldSpec(
    WORLD, "RPG crafting: gather, craft, equip and fight through a seeded recipe tree (9 tiers).",
    ForgeOptions, make_scenario,
    gym=Gym("envs.forge.env:ForgeEnv", {"gamehall/Forge-v0": {}, "gamehall/ForgeLeveling-v0": {"variant": "leveling"},
                                         "gamehall/ForgeNoise-v0": {"variant": "noise"},
                                         "gamehall/ForgePlan-v0": {"mode": "plan"}}),
    tools=TOOLS,
    macros=ForgeMacros(),
    scoring=Scoring(measure="metric:progress", partial_comparable=True, note="progress (milestones reached, 0-100)"),
    event_kinds=("forge_event", "plan_report"),
    instructions="Forge: read rules://forge, call new_game(options={tier: 1-9}), then play commands "
    "(typed tools or act) until done. inspect costs no steps.",
    draw="envs.forge.draw:draw",
    frames="envs.forge.frames",
    memory="envs.forge.memory",
    play=PlayView(keys=(("up / down + enter", "play a listed action"),
                        ("type + enter", "any command, e.g. gather 3, craft moon amulet, inspect goal")),
                  placeholder="command or speech, enter sends"),
)
