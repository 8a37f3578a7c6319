"""Env-level scripted chefs for the agent's own seat: `expert(env)` and `random(env, seed)`.

Each returns a policy `(observation, info) -> str` that plays the env's action level: atomic moves, or
macros when the env was made with `action_level="macro"`.
"""

from __future__ import annotations

import gymnasium as gym

from envs.core.policies import for_env
from envs.core.world import EnvPolicy
from envs.kitchen.chefs import choose_macro


def expert(env: gym.Env) -> EnvPolicy:
    """The scripted expert (the 100 of normalised scores) for the agent's seat."""
    if getattr(env.unwrapped, "action_level", "atomic") == "macro":
        return _macro_expert(env)
    return for_env(env, "expert")


def random(env: gym.Env, seed: int = 0) -> EnvPolicy:
    """Uniformly random legal commands (the 0 of normalised scores); never chats."""
    return for_env(env, "random", seed)


def _macro_expert(env: gym.Env) -> EnvPolicy:
    def play(observation: str, info: dict) -> str:
        base = env.unwrapped
        with base.session.lock:
            state = base.session.state
        return choose_macro(state, int(base.seat.removeprefix("chef")))

    return play


__all__ = ["expert", "random"]
