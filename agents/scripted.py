"""Scripted baselines over MCP: a uniformly random player and the world's strong scripted player."""

from __future__ import annotations

from typing import Any

import numpy as np

from agents.loop import View, concrete, play_turns, within_limits
from agents.memory.episode import EpisodeMemory
from agents.seat import AgentError, SeatClient
from agents.spec import AgentSpec, Budget

# The world's strong scripted player, as its `suggest` policy is named; other worlds use the server's bot.
EXPERT_POLICY = {"forge": "expert", "kitchen": "expert", "village": "bot"}


class RandomAgent:
    """Plays a uniformly random concrete legal action, from its own seeded generator."""

    def __init__(self, spec: AgentSpec) -> None:
        self.spec = spec

    async def play(self, seat: SeatClient) -> None:
        rng = np.random.default_rng(self.spec.seed)
        budget = Budget(self.spec, seat)

        memory = EpisodeMemory.open(self.spec, seat)

        async def decide(view: View) -> View:
            options = concrete(view["legal_actions"])
            return await remembered(memory, view, seat, options[int(rng.integers(len(options)))])

        await _play(seat, budget, decide, memory)


class ExpertAgent:
    """Asks the server's `suggest` tool for the world's strong scripted player's move, then plays it."""

    def __init__(self, spec: AgentSpec) -> None:
        self.spec = spec

    async def play(self, seat: SeatClient) -> None:
        if not await seat.has_tool("suggest"):
            raise AgentError("the expert agent needs the server's suggest tool: build the server with hints=True")
        budget = Budget(self.spec, seat)
        policy = EXPERT_POLICY.get(seat.world, "")
        memory = EpisodeMemory.open(self.spec, seat)

        async def decide(view: View) -> View:
            command = (await seat.call("suggest", policy=policy))["command"]
            return await remembered(memory, view, seat, command)

        await _play(seat, budget, decide, memory)


async def remembered(memory: EpisodeMemory | None, view: View, seat: SeatClient, command: str) -> View:
    """Play `command`; a memory (if the spec has one) records the decision."""
    after = await seat.act(command)
    if memory is not None:
        memory.record(view, "act", {"command": command}, command, after)
    return after


async def _play(seat: SeatClient, budget: Budget, decide: Any, memory: EpisodeMemory | None) -> None:
    try:
        await within_limits(seat, budget, play_turns(seat, budget, decide))
    finally:
        if memory is not None:
            memory.finish("")
