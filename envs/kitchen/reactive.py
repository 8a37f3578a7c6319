"""Kitchen's side of thinking while playing: where a macro most likely ends (`forecast`), and what the
executor plays by rules while no chosen macro is ready (`reactive`): the plan's next step, what the plan
needs, else the most useful macro now, else stepping aside (`wait` moves off a partner's way).

Stepping aside whenever a partner is merely close was tried and dropped: beside the expert in cramped_room
the two chefs then dodged each other all game (score 60 against 200 without that rule, bench/realtime.py
with minds that never answer)."""

from __future__ import annotations

import numpy as np

from envs.core.macros import Reactive, plan_default
from envs.kitchen.macros import Executor, can_begin, macro_names
from envs.kitchen.rules import WORLD
from envs.kitchen.state import KitchenState

FORECAST_TICKS = 60
"""A forecast stops here even if the macro has not ended (it then most likely fails or waits anyway)."""
PARKING = frozenset({"wait", "drop", "trash"})
"""Macros that only park the chef or what it holds: a macro after which only these remain is a dead end."""


def forecast(state: KitchenState, seat: str, name: str) -> KitchenState:
    """The state after `seat` runs macro `name` to its end while everyone else stands still and nothing
    random happens (no new orders: the forecast's rng is a fixed one, and only its tick counts matter)."""
    run = Executor(state, seat, name)
    rng = np.random.default_rng(0)
    for _ in range(FORECAST_TICKS):
        if WORLD.result(state) is not None:
            break
        move = run.next_action(state)
        if move is None:
            break
        state = WORLD.apply(state, seat, move, rng).state
        state = WORLD.advance(state, rng).state
    return state


def reactive(state: KitchenState, seat: str, plan: str) -> Reactive:
    """The executor's own pick, by rules (no model): cheap, and never idle when anything can be done. A
    macro that would leave the chef stuck (nothing but waiting or dropping afterwards, e.g. an onion taken
    while every pot is full) is passed over for the next candidate."""
    options = [can_begin(state, seat, name) for name in macro_names(state)]
    followed = plan_default(options, plan)
    if followed is not None and followed.name != "wait" and not _dead_end(state, seat, followed.name):
        return followed
    useful = sorted((o for o in options if o.feasible and o.name != "wait"), key=lambda o: -o.score)
    for option in useful:
        if not _dead_end(state, seat, option.name):
            return Reactive(option.name, f"the most useful macro now ({option.name})")
    if useful:
        return Reactive(useful[0].name, f"only dead ends left: the best-scored ({useful[0].name})")
    return Reactive("wait", "nothing can begin: step aside")


def _dead_end(state: KitchenState, seat: str, name: str) -> bool:
    """Whether, after `name`, nothing but waiting, dropping or trashing could begin."""
    after = forecast(state, seat, name)
    return not any(can_begin(after, seat, other).feasible for other in macro_names(after)
                   if other not in PARKING)
