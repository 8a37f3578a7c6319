"""Every world as a PettingZoo parallel env: `parallel_env(world, **options)`.

Agents are the world's seats, all played by you. Each step takes one command per live agent; a seat the
world is not waiting for (not its turn, a Village night it has no role in, a dead player, a Kitchen chef
whose move for this tick is in or whose macro is still running) is offered only `noop`,
`infos[seat]["can_act"]` is False and what it sends is ignored. Each seat's observation and info hold only
what that seat may know, exactly as its MCP view does: its observation text, its legal commands, the world's
info for it and `events`, the new events routed to it. Needs the optional extra: `pip install "gamehall[marl]"`.

`env(world, **options)` is the turn-based AEC form of the same game (envs/aec.py): seats take turns, each
observation a dict of the text and its codes as a NumPy array, which PettingZoo's AEC `api_test` requires.
"""

from __future__ import annotations

import importlib
from typing import Any

import gymnasium as gym
from gymnasium.error import DependencyNotInstalled
from gymnasium.utils import seeding

try:
    from pettingzoo import ParallelEnv
except ImportError as error:  # an optional extra: say how to get it
    raise DependencyNotInstalled('pettingzoo is needed for envs.pettingzoo: pip install "gamehall[marl]"') from error

from envs.core.gym_adapter import SeatEnv
from envs.core.session import Session
from envs.core.text import action_space, clip, observation_space, printable
from envs.core.turns import NOOP, Driver, TurnDriver, event_view
from envs.registry import WORLDS
from envs.registry import world as world_spec

__all__ = ["NOOP", "WorldParallelEnv", "env", "parallel_env"]
_SEAT_OPTIONS = ("seat", "others", "partner")


def parallel_env(world: str, **options: Any) -> WorldParallelEnv:
    """`world` is a world name ("kitchen") or a Gymnasium id ("gamehall/KitchenMacro-v0"); `options` are the
    world env's keyword arguments (e.g. layout, action_level="macro", players=7), less its seat choices."""
    return WorldParallelEnv(world, **options)


def env(world: str, **options: Any) -> Any:
    """The turn-based AEC form (envs/aec.py): one seat moves per step, `agent_selection` says which."""
    from envs.aec import WorldAECEnv

    return WorldAECEnv(world, **options)


def _base_env(world: str, options: dict[str, Any]) -> SeatEnv:
    """The world's single-seat env, built only to validate the options and hold the world and scenario."""
    spec, kwargs = next(((s, dict(s.gym.variants[world])) for s in WORLDS.values() if world in s.gym.variants),
                        (None, {}))
    spec = spec or world_spec(world)
    taken = [k for k in _SEAT_OPTIONS if k in options]
    if taken:
        raise ValueError(f"{', '.join(taken)}: every seat is an agent in the multi-agent env; drop these options")
    module, _, name = spec.gym.entry_point.partition(":")
    return getattr(importlib.import_module(module), name)(**{**kwargs, **options})


class WorldParallelEnv(ParallelEnv):
    """One game of a world with every seat an agent (see the module's docstring for the contract).

    Rewards are each seat's change of score. All agents terminate together when the game ends; a Village
    player who dies stays an agent (offered `noop`) until then, as its team's win is still its reward.
    `max_cycles` (None: the world's own end only) truncates every agent after that many steps.
    """

    metadata = {"render_modes": ["ansi", "rgb_array"], "name": "gamehall", "is_parallelizable": True}

    def __init__(self, world: str, *, max_cycles: int | None = None, render_mode: str | None = None,
                 **options: Any) -> None:
        self._base = _base_env(world, {**options, "render_mode": render_mode})
        if getattr(self._base, "clock", "turn") == "realtime":
            raise ValueError("clock='realtime' has no multi-agent form: every step waits for all seats")
        self.render_mode = render_mode
        self.max_cycles = max_cycles
        self.world, self.scenario = self._base.world, self._base.scenario
        make_driver = getattr(self._base, "parallel_driver", None)
        self.driver: Driver = (make_driver() if make_driver else None) or TurnDriver()
        self.metadata = {**self.metadata, "name": f"gamehall_{self.world.name}"}
        self.possible_agents = list(Session(self.world, self.scenario, seed=0).seats)
        self.agents: list[str] = []
        self._obs_space = observation_space(self._base.observation_space.max_length)
        self._act_space = {seat: action_space(self._base.action_space.max_length) for seat in self.possible_agents}
        self._rng, _ = seeding.np_random()
        self.session: Session | None = None
        self._scores: dict[str, float] = {}
        self._seen: dict[str, int] = {}
        self._cycles = 0

    def observation_space(self, agent: str) -> gym.spaces.Text:
        return self._obs_space

    def action_space(self, agent: str) -> gym.spaces.Text:
        return self._act_space[agent]  # the same object every call, so seeding it sticks

    def reset(self, seed: int | None = None, options: dict | None = None) -> tuple[dict, dict]:
        if seed is not None:
            self._rng, _ = seeding.np_random(seed)
        self.session = Session(self.world, self.scenario, rng=self._rng, clock=getattr(self._base, "clock", "turn"))
        self.driver.reset(self.session)
        self.agents = list(self.possible_agents)
        self._scores = {seat: self.session.score(seat) for seat in self.agents}
        self._seen = dict.fromkeys(self.agents, 0)
        self._cycles = 0
        return {s: self._observe(s) for s in self.agents}, {s: self._info(s, None) for s in self.agents}

    def step(self, actions: dict[str, str]) -> tuple[dict, dict, dict, dict, dict]:
        session = self._session()
        live = list(self.agents)
        chosen = {s: str(actions[s]) for s in live if s in actions and self.driver.can_act(session, s)}
        refused = self.driver.play(session, chosen)
        self._cycles += 1
        done = session.done
        cut = not done and self.max_cycles is not None and self._cycles >= self.max_cycles
        rewards = {}
        for seat in live:
            score = session.score(seat)
            rewards[seat], self._scores[seat] = float(score - self._scores[seat]), score
        observations = {s: self._observe(s) for s in live}
        infos = {s: self._info(s, refused.get(s)) for s in live}
        if done or cut:
            self.agents = []
        return observations, rewards, dict.fromkeys(live, done), dict.fromkeys(live, cut), infos

    def render(self) -> Any:
        """The first seat's picture (Village: that seat's view, with its secrets), as the single-seat env draws it."""
        if self.render_mode is None:
            gym.logger.warn("render() called without a render_mode; pass render_mode='ansi' or 'rgb_array'")
            return None
        self._base.session, self._base.seat = self._session(), self.possible_agents[0]
        return self._base.render()

    def close(self) -> None:
        self._base.close()

    def state(self) -> Any:
        return self._session().state

    # -- internals -------------------------------------------------------------------------------

    def _session(self) -> Session:
        if self.session is None:
            raise gym.error.ResetNeeded("call reset() before step(), render() or state()")
        return self.session

    def _observe(self, seat: str) -> str:
        return clip(printable(self._session().observe(seat).text), self._obs_space.max_length)

    def _info(self, seat: str, refused: str | None) -> dict[str, Any]:
        session = self._session()
        can_act = self.driver.can_act(session, seat)
        fresh = [e for e in session.events_for(seat, self._seen[seat]) if e.kind != "tick"]
        self._seen[seat] = len(session.events)
        info: dict[str, Any] = {
            "can_act": can_act,
            "legal_actions": self.driver.legal_actions(session, seat) if can_act else [NOOP],
            "invalid_action": refused,
            "score": session.score(seat),
            "tick": session.tick_count,
            **session.info(seat),
            **self.driver.info(seat),
            "events": [event_view(e) for e in fresh],
        }
        result = session.result
        if result is not None:
            info["success"] = bool(result.success)
            info.update(result.metrics)
        return info
