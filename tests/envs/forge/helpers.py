"""Playing a Forge episode on the real Gymnasium env, for the tests."""

from __future__ import annotations

from collections.abc import Callable

import gymnasium as gym

import envs  # noqa: F401  (registers the ids)


def play(env: gym.Env, policy: Callable[[str, dict], str], seed: int, max_steps: int = 5000) -> dict:
    """One episode; returns the last info plus how many env steps and refused actions it took."""
    observation, info = env.reset(seed=seed)
    refused, steps, terminated, truncated = 0, 0, False, False
    while not (terminated or truncated) and steps < max_steps:
        observation, _, terminated, truncated, info = env.step(policy(observation, info))
        refused += info["invalid_action"] is not None
        steps += 1
    return {**info, "env_steps": steps, "refused": refused, "terminated": terminated}
