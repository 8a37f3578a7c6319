"""The gym step's output is the output it had before the step was made fast (issue 19): every observation
string, reward, end flag and info of seeded random episodes (and every other seat's view of each step, which
the MCP servers send) hashes to digests recorded from the code as it was before any of the speed-ups.

A digest that changes means a speed-up changed what an agent sees. If a change of the text is intended, it
belongs in its own commit that says so and records the new digests (`python -m tests.envs.test_golden_steps`
prints them)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import gymnasium as gym
import numpy as np
import pytest

import envs  # noqa: F401  (registers the ids)

STEPS = 200
KITCHEN_WORDS = ("up", "down", "left", "right", "stay", "interact")
CHAT = ("say chop onions please", "say serve it", "say grab a plate", 'say a "quoted" line', "dance", "up up")


def _encode(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=repr)


def _pick(rng: np.random.Generator, info: dict, extra: tuple[str, ...]) -> str:
    """Mostly a legal action, sometimes a chat line or a command the rules refuse."""
    if rng.random() < 0.08:
        return extra[int(rng.integers(len(extra)))]
    legal = [a for a in info["legal_actions"] if "<" not in a] or ["stay"]
    return legal[int(rng.integers(len(legal)))]


def _digest(env_id: str, options: dict[str, Any], seed: int, extra: tuple[str, ...]) -> str:
    env = gym.make(env_id, **options)
    rng = np.random.default_rng(seed)
    sha = hashlib.sha256()
    observation, info = env.reset(seed=seed)
    sha.update(observation.encode())
    sha.update(_encode(info).encode())
    for _ in range(STEPS):
        observation, reward, terminated, truncated, info = env.step(_pick(rng, info, extra))
        base = env.unwrapped
        others = [s for s in base.session.seats if s != base.seat]
        sha.update(observation.encode())
        sha.update(_encode([reward, terminated, truncated, info]).encode())
        for seat in others:
            sha.update(base.session.observe(seat).text.encode())
        if terminated or truncated:
            observation, info = env.reset()
            sha.update(observation.encode())
            sha.update(_encode(info).encode())
    env.close()
    return sha.hexdigest()


CASES = {
    "kitchen-cramped-classic-random": ("gamehall/Kitchen-v0", {"layout": "cramped_room", "partner": "random"}, 0,
                                       KITCHEN_WORDS + CHAT),
    "kitchen-ring-orders-expert": ("gamehall/KitchenOrders-v0", {"layout": "ring", "partner": "expert"}, 1,
                                   KITCHEN_WORDS + CHAT),
    "kitchen-counter-circuit-orders-random": ("gamehall/KitchenOrders-v0",
                                              {"layout": "counter_circuit", "partner": "random"}, 2,
                                              KITCHEN_WORDS + CHAT),
    "kitchen-coordination-ring-classic-expert": ("gamehall/Kitchen-v0",
                                                 {"layout": "coordination_ring", "partner": "expert"}, 3,
                                                 KITCHEN_WORDS + CHAT),
    "kitchen-macro-asymmetric": ("gamehall/KitchenMacro-v0", {"layout": "asymmetric_advantages"}, 4,
                                 ("say chop onions please", "wait", "fetch unicorn")),
    "forge-tier2": ("gamehall/Forge-v0", {"tier": 2}, 5, ("dance", "look", "go nowhere")),
    "forge-tier6": ("gamehall/Forge-v0", {"tier": 6}, 6, ("dance", "look", "inventory")),
    "village-5": ("gamehall/Village-v0", {"seat": "random"}, 7, ("say I am the seer", "vote nobody", "dance")),
    "village-8": ("gamehall/Village8-v0", {"seat": "random"}, 8, ("say trust me", "dance")),
}

GOLDEN = {
    "forge-tier2": "41e9bb26a33d7bacc5e3a1605226aad20e741c532824bb2c745939e032dae04a",
    "forge-tier6": "6beb2c92e115e168adac248b257ce1b4a69bdb888763da1f18f10c7c559555fe",
    "kitchen-coordination-ring-classic-expert": "2045066811d46f6e69a17c5f5c7e00d17e6489c95660e7a06dff13390f8c901d",
    "kitchen-counter-circuit-orders-random": "46a342fa4c7b0e85a1b4a86d90c222b23ca01145c2adfd4627ada4476bf9362f",
    "kitchen-cramped-classic-random": "d2ef67323b062771d832a0a2eff3273a528019173f122842b7e055200966c68f",
    "kitchen-macro-asymmetric": "09f9dc343807d0ff5d04a313ee2b49357f4fb409ef939ccddf485a0076ca1c6f",
    "kitchen-ring-orders-expert": "3fbdd97e062a47f475cc750472a6ad2d01bf17471389d7548e90327714928877",
    "village-5": "ef49d74645d1fb34ceb25efeb8b531ed4f677a15afe732700676aed60ad92179",
    "village-8": "4c1c21464bd5c88b5e848f40edc57e94b29875d2fc20c895059c455bbf69433b",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_steps_give_what_they_gave_before_the_speed_ups(case: str) -> None:
    env_id, options, seed, extra = CASES[case]
    assert _digest(env_id, options, seed, extra) == GOLDEN[case]


if __name__ == "__main__":
    for name in sorted(CASES):
        print(f'    "{name}": "{_digest(*CASES[name])}",')
