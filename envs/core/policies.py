"""Policies shared by every world, and the bridge from a world's policy factories to a Gymnasium env."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import gymnasium as gym
import numpy as np

from envs.core.events import SeatId
from envs.core.session import Session
from envs.core.world import EnvPolicy, Observation, Policy


def random_legal(session: Session, seat: SeatId, seed: int) -> Policy:
    """The 0 of normalised scores: a uniformly random legal command each time."""
    pick = random_pick(seed)

    def play(seen: Observation) -> str:
        return pick(seen.legal_actions or ("wait",))

    return play


def random_pick(seed: int) -> Callable[[Sequence[str]], str]:
    """A uniformly random item of a non-empty sequence each call, from its own generator."""
    draw = np.random.default_rng(seed).integers

    def pick(legal: Sequence[str]) -> str:
        return str(legal[int(draw(len(legal)))])

    return pick


def for_env(env: gym.Env, name: str, seed: int = 0) -> EnvPolicy:
    """A policy for the agent's seat of `env`, rebuilt from the world's factory `name` after each reset."""
    built: dict[str, Any] = {}

    def play(observation: str, info: dict) -> str:
        base = env.unwrapped
        session = base.session
        if session is None:
            raise gym.error.ResetNeeded("call env.reset() before asking the policy for a move")
        if built.get("session") is not session:
            factories = base.world.policies()
            if name not in factories:
                raise ValueError(f"{base.world.name} has no policy {name!r}; it has {sorted(factories)}")
            built.update(session=session, policy=factories[name](session, base.seat, seed))
        return session.ask(base.seat, built["policy"])

    return play


def from_env_policy(policy: EnvPolicy, session: Session, seat: SeatId) -> Policy:
    """An env-level player (Gymnasium's (text, info)) as a world player for `seat`, shown what the env shows."""

    def play(seen: Observation) -> str:
        return policy(seen.text, {"legal_actions": list(seen.legal_actions), **session.info(seat)})

    return play
