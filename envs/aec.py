"""Every turn-based world as a PettingZoo AEC env: `envs.pettingzoo.env(world, **options)`.

Agents are the world's seats and take turns: `agent_selection` is always a seat the world is waiting for
(Village: the speaker, each voter of a vote in turn, the night roles; Kitchen: chef0, then chef1, and the
tick plays once both moved; Forge: the hero). A seat that cannot act is never selected until the game ends,
when every seat is terminated and steps `None` once, as PettingZoo's cycle has it. Each step plays one
command through the same driver and views as the parallel env (`envs/pettingzoo.py`): the infos are its
infos (`can_act`, `legal_actions`, `invalid_action`, `events` routed to the seat, ...), a refused command
leaves the seat awaited with the reason in `invalid_action`, and rewards are each seat's change of score.

Observations are a dict: `"text"`, the seat's observation text exactly as over MCP, and `"observation"`,
the same text as a fixed-length `uint8` array (its ASCII codes, zero-padded), which is what PettingZoo's
`api_test` requires of an AEC observation (it reads the observation's NumPy dtype; a bare string has none).
Kitchen's macro level has no AEC form: its macros run over ticks for both chefs at once.
"""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
from pettingzoo import AECEnv

from envs.core.turns import TurnDriver
from envs.pettingzoo import WorldParallelEnv

__all__ = ["WorldAECEnv", "env"]


def env(world: str, **options: Any) -> WorldAECEnv:
    """`world` is a world name or a Gymnasium id; `options` as for `envs.pettingzoo.parallel_env`."""
    return WorldAECEnv(world, **options)


class WorldAECEnv(AECEnv):
    """One game of a world, its seats taking turns (see the module's docstring for the contract)."""

    metadata = {"render_modes": ["ansi", "rgb_array"], "name": "gamehall_aec", "is_parallelizable": True}

    def __init__(self, world: str, **options: Any) -> None:
        super().__init__()
        self._game = WorldParallelEnv(world, **options)
        if not isinstance(self._game.driver, TurnDriver):
            raise ValueError(f"{world}: this action level plays every seat at once; use parallel_env for it")
        self.metadata = {**self.metadata, "name": f"gamehall_{self._game.world.name}_aec"}
        self.render_mode = self._game.render_mode
        self.possible_agents = list(self._game.possible_agents)
        length = self._game.observation_space(self.possible_agents[0]).max_length
        self._space = gym.spaces.Dict({
            "observation": gym.spaces.Box(0, 127, shape=(length,), dtype=np.uint8),
            "text": self._game.observation_space(self.possible_agents[0]),
        })
        self.agents: list[str] = []

    def observation_space(self, agent: str) -> gym.spaces.Dict:
        return self._space

    def action_space(self, agent: str) -> gym.spaces.Text:
        return self._game.action_space(agent)

    def reset(self, seed: int | None = None, options: dict | None = None) -> None:
        _, infos = self._game.reset(seed=seed, options=options)
        self.agents = list(self._game.agents)
        self.rewards = dict.fromkeys(self.agents, 0.0)
        self._cumulative_rewards = dict.fromkeys(self.agents, 0.0)
        self.terminations = dict.fromkeys(self.agents, False)
        self.truncations = dict.fromkeys(self.agents, False)
        self.infos = infos
        self.agent_selection = self._next_to_act(after=None)

    def observe(self, agent: str) -> dict[str, Any]:
        text = self._game._observe(agent)
        codes = np.zeros(self._space["observation"].shape, dtype=np.uint8)
        raw = np.frombuffer(text.encode("ascii"), dtype=np.uint8)  # printable ASCII: see _observe
        codes[: len(raw)] = raw
        return {"observation": codes, "text": text}

    def step(self, action: str | None) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        self._cumulative_rewards[agent] = 0.0
        _, rewards, terminations, truncations, infos = self._game.step({agent: str(action)})
        self.rewards, self.infos = rewards, infos
        self.terminations, self.truncations = terminations, truncations
        self._accumulate_rewards()
        if any(terminations.values()) or any(truncations.values()):
            self.agent_selection = self.agents[0]  # everyone is done: each steps None in turn
        else:
            self.agent_selection = self._next_to_act(after=agent)

    def render(self) -> Any:
        return self._game.render()

    def close(self) -> None:
        self._game.close()

    def state(self) -> Any:
        return self._game.state()

    def _next_to_act(self, after: str | None) -> str:
        """The first seat after `after` (in seat order, round the table) that the world is waiting for."""
        order = self.agents
        start = order.index(after) + 1 if after in order else 0
        for seat in order[start:] + order[:start]:
            if self.infos[seat]["can_act"]:
                return seat
        raise RuntimeError(f"{self._game.world.name}: no seat can act in a game that is not over")
