"""Policies for the agent's seat of a Village env (`gamehall demo village --policy bot|random`)."""

from __future__ import annotations

import gymnasium as gym

from envs.core.policies import for_env
from envs.core.world import EnvPolicy

__all__ = ["bot", "bots", "random"]


def bot(env: gym.Env, seed: int = 0) -> EnvPolicy:
    """The rule bot of whatever role the env's seat holds, seeded."""
    return for_env(env, "bot", seed)


bots = bot


def random(env: gym.Env, seed: int = 0) -> EnvPolicy:
    """A uniformly random legal command each step."""
    return for_env(env, "random", seed)
