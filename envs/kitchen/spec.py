"""Kitchen, declared once: options (with the clock), scripted chefs, typed tools, scoring, drawing, play keys."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from envs.core.spec import ActionTool, Gym, Param, PlayView, Scoring, WorldSpec
from envs.kitchen.layer import KitchenMacros
from envs.kitchen.rules import WORLD, KitchenOptions, make_scenario

Direction = Annotated[Literal["up", "down", "left", "right"], Field(description="Which way to step or turn.")]

SPEC = WorldSpec(
    WORLD, "Real-time cooperative cooking: two chefs, pots, orders and a clock that does not wait.",
    KitchenOptions, make_scenario,
    gym=Gym("envs.kitchen.env:KitchenEnv", {"gamehall/Kitchen-v0": {}, "gamehall/KitchenOrders-v0": {"rules": "orders"},
                                             "gamehall/KitchenMacro-v0": {"action_level": "macro"}}),
    # clock lockstep (default: the tick plays when every chef has moved) or realtime (the server ticks at
    # tick_hz whether or not anyone moved: a slow player stands still).
    session_options={"clock": "lockstep", "tick_hz": 10.0},
    tools=(
        ActionTool("move", "Step one tile (or turn to face that way if the tile is blocked); one tick.",
                   "{direction}", (Param("direction", Direction),)),
        ActionTool("interact", "Use the tile you face: pick up, put down, fill or take from a pot, chop, serve; "
                   "one tick.", "interact"),
        ActionTool("pass", "Do nothing: stand still for one tick.", "pass", aliases=("stay",)),
    ),
    macros=KitchenMacros(),
    scoring=Scoring(note="team score"),
    event_kinds=("fire", "order", "order_expired", "added", "chopped", "cooking", "fire_out", "plated", "served",
                 "took"),
    instructions="Kitchen: cook and serve with your partner. read rules://kitchen; new_game(options={layout, "
    "rules, clock}); play atomic moves, or macros (macros, run_macro); talk with say.",
    draw="envs.kitchen.draw:draw",
    frames="envs.kitchen.frames",
    memory="envs.kitchen.memory",
    play=PlayView(
        keys=(("arrows", "step (or turn) one tile"), ("space / enter", "interact with the tile you face"),
              ("s", "pass: stand still for a tick"), ("c", "chat with your partner (enter sends, escape returns)")),
        hint="arrows move your chef · space interacts · s passes · c chats with your partner · ? help",
        defaults={"clock": "realtime", "tick_hz": 3.0},
        pad=(("up", "up", ""), ("down", "down", ""), ("left", "left", ""), ("right", "right", ""),
             ("space,enter", "interact", "interact"), ("s", "pass", "pass")),
        speech="always", partner=True, placeholder="say to your partner"),
)
