"""Helpers shared by Forge's tests: play an episode with a policy maker on the real Gymnasium env."""

from __future__ import annotations

from collections.abc import Callable

import gymnasium as gym
import pytest

import envs  # noqa: F401  (registers the ids)
from envs.forge import policies


def play(env: gym.Env, policy: Callable[[str, dict], str], seed: int, max_steps: int = 5000) -> dict:
    """One episode; returns the last info plus how many env steps and refused actions it took."""
    observation, info = env.reset(seed=seed)
    refused, steps, terminated, truncated = 0, 0, False, False
    while not (terminated or truncated) and steps < max_steps:
        observation, _, terminated, truncated, info = env.step(policy(observation, info))
        refused += info["invalid_action"] is not None
        steps += 1
    return {**info, "env_steps": steps, "refused": refused, "terminated": terminated}


@pytest.fixture
def expert_run() -> Callable[..., dict]:
    def run(seed: int = 0, **kwargs: object) -> dict:
        env = gym.make("gamehall/Forge-v0", **kwargs)
        return play(env, policies.expert(env), seed)

    return run
