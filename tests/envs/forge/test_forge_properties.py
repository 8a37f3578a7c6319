"""Properties over many states: listed commands are accepted, anything else is refused cleanly."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from envs.core import EventKind
from envs.forge.rules import WORLD, make_scenario
from envs.forge.state import ForgeState

WORDS = ["move", "gather", "craft", "buy", "sell", "equip", "unequip", "use", "fight", "inspect", "wait",
         "market", "home", "forge", "coal", "weapon", "2", "0", "-1", "99", "100", "iron bar", "goal", ";", ""]


def random_walk(tier: int, variant: str, seed: int, length: int) -> list[ForgeState]:
    """States met by a random walk over the concrete legal commands (each must be accepted)."""
    rng = np.random.default_rng(seed)
    state = WORLD.new_state(make_scenario(tier, variant), rng)
    seen = [state]
    while len(seen) < length and not state.outcome:
        legal = [a for a in WORLD.legal_actions(state, "hero") if "<" not in a]
        action = legal[int(rng.integers(len(legal)))]
        state, events = WORLD.apply(state, "hero", action, rng)
        assert events[0].kind == EventKind.ACTION, (action, events[0].data)
        assert all(count > 0 for count in state.hero.bag.values()) and state.hero.gold >= 0
        seen.append(state)
    return seen


@settings(max_examples=25, deadline=None)
@given(tier=st.integers(1, 9), variant=st.sampled_from(["base", "leveling", "noise"]), seed=st.integers(0, 10**6))
def test_every_listed_command_is_accepted(tier, variant, seed):
    states = random_walk(tier, variant, seed, 60)
    assert [s.steps for s in states] == sorted(s.steps for s in states)
    last = states[-1]
    assert last.steps <= last.realm.budget or last.outcome == "success"


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=5), noise=st.text(max_size=30), pick=st.integers(0, 59))
def test_any_text_is_applied_or_refused_without_a_trace(words, noise, pick):
    states = random_walk(6, "noise", 3, 60)
    state = states[pick % len(states)]
    if state.outcome:
        return
    for action in (" ".join(words), noise):
        after, events = WORLD.apply(state, "hero", action, np.random.default_rng(0))
        if events[0].kind == EventKind.INVALID_ACTION:
            assert after is state and events[0].data["reason"] and events[0].data["legal_actions"]
        else:
            assert after.steps >= state.steps and after.actions == state.actions + 1
