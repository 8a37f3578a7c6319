"""Forge's scripted players: the expert (follows the oracle, replans when the world is not as planned)
and random (a uniformly random concrete legal command; in plan mode a random walk sent as one plan)."""

from __future__ import annotations

from dataclasses import dataclass, field

import gymnasium as gym
import numpy as np

from envs.core.policies import for_env
from envs.core.session import Session
from envs.core.world import EnvPolicy, Observation, Policy
from envs.forge.actions import perform
from envs.forge.items import Hero
from envs.forge.oracle import Plan, PlanError, solve
from envs.forge.state import ForgeState, advance
from envs.forge.view import legal_actions

RANDOM_PLAN_LENGTH = 200

__all__ = ["expert", "expert_player", "random", "random_player"]


@dataclass
class _Following:
    """Where the expert is in its current plan, and the hero it started from."""

    plan: Plan = field(default_factory=Plan)
    start: Hero | None = None
    index: int = 0

    def expected(self) -> Hero | None:
        return self.start if self.index == 0 else self.plan.heroes[self.index - 1]


def expert_player(session: Session, seat: str, seed: int) -> Policy:
    """The 100 of normalised scores. Reads the full state (Forge is fully observable)."""
    following = _Following()

    def play(seen: Observation) -> str:
        state: ForgeState = session.state
        if state.outcome:
            return "pass"
        try:
            if state.realm.mode == "plan":
                return solve(state.realm, state.hero).text
            return _next_command(state, following)
        except PlanError:
            return "pass"

    return play


def _next_command(state: ForgeState, following: _Following) -> str:
    """The next command of the current plan, or of a new one if the hero is not where the plan expected."""
    if following.index >= len(following.plan.commands) or state.hero != following.expected():
        following.plan, following.start, following.index = solve(state.realm, state.hero), state.hero, 0
        if not following.plan.commands:
            return "pass"
    following.index += 1
    return following.plan.commands[following.index - 1]


def random_player(session: Session, seat: str, seed: int) -> Policy:
    """The 0 of normalised scores: only concrete commands (patterns like `inspect <...>` are skipped)."""
    rng = np.random.default_rng(seed)

    def play(seen: Observation) -> str:
        state: ForgeState = session.state
        if state.realm.mode == "plan" and not state.outcome:
            return random_plan(state, rng)
        legal = [a for a in seen.legal_actions if "<" not in a] or ["pass"]
        return legal[int(rng.integers(len(legal)))]

    return play


def random_plan(state: ForgeState, rng: np.random.Generator) -> str:
    """A random walk through legal commands, simulated ahead and sent as one plan."""
    commands = []
    while len(commands) < RANDOM_PLAN_LENGTH and not state.outcome:
        legal = [a for a in legal_actions(state) if "<" not in a]
        command = legal[int(rng.integers(len(legal)))]
        done = perform(state.realm, state.hero, command)
        if isinstance(done, str):
            break
        commands.append(command)
        state = advance(state, done)
    return "; ".join(commands) or "pass"


def expert(env: gym.Env) -> EnvPolicy:
    """The expert for the agent's seat of a Forge env: `(observation, info) -> command` (or a whole plan)."""
    return for_env(env, "expert")


def random(env: gym.Env, seed: int = 0) -> EnvPolicy:
    """A seeded random player for the agent's seat of a Forge env."""
    return for_env(env, "random", seed)
