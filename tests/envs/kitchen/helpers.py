"""Small builders for Kitchen tests: states with chefs placed by hand, and ticks played by moves."""

from __future__ import annotations

import numpy as np

from envs.kitchen.chefs import play_pair
from envs.kitchen.rules import WORLD, make_scenario
from envs.kitchen.state import Chef, KitchenState, Pot

RNG = np.random.default_rng(0)


def kitchen(layout: str = "cramped_room", rules: str = "classic", seed: int = 0) -> KitchenState:
    return WORLD.new_state(make_scenario(layout, rules), np.random.default_rng(seed))


def placed(state: KitchenState, *chefs: tuple[tuple[int, int], str, str | None]) -> KitchenState:
    """The state with its chefs at (pos, facing, held)."""
    return state.evolve(chefs=tuple(Chef(pos, facing, held) for pos, facing, held in chefs))


def with_pot(state: KitchenState, at: tuple[int, int], contents: tuple[str, ...], cooked: int = -1) -> KitchenState:
    return state.evolve(pots={**state.pots, at: Pot(tuple(sorted(contents)), cooked)})


def tick(state: KitchenState, *moves: str) -> KitchenState:
    """Play one tick with one move per chef (in seat order)."""
    for index, move in enumerate(moves):
        state, events = WORLD.apply(state, f"chef{index}", move, RNG)
        assert not any(e.kind == "invalid_action" for e in events), events
    state, _ = WORLD.advance(state, RNG)
    return state


__all__ = ["RNG", "kitchen", "placed", "play_pair", "tick", "with_pot"]
