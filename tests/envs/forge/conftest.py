"""Fixtures shared by Forge's tests."""

from __future__ import annotations

from collections.abc import Callable

import gymnasium as gym
import pytest

from envs.forge import policies
from tests.envs.forge.helpers import play


@pytest.fixture
def expert_run() -> Callable[..., dict]:
    def run(seed: int = 0, **kwargs: object) -> dict:
        env = gym.make("gamehall/Forge-v0", **kwargs)
        return play(env, policies.expert(env), seed)

    return run
