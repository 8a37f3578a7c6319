"""Scripted baselines over MCP: a uniformly random player and the world's strong scripted player."""

from __future__ import annotations

from typing import Any

import numpy as np

from agents.loop import View, concrete, play_turns, within_limits
from agents.memory.episode import EpisodeMemory
from agents.seat import AgentError, SeatClient
from agents.spec import AgentSpec, Budget


class RandomAgent:
    """The 0 of normalised scores over MCP: the world's own random player for this seat (the server's
    `suggest`, seeded from the game as the calibration seeds it, so it replays the calibration's games);
    without hints, a uniformly random concrete legal action from its own seeded generator."""

    def __init__(self, spec: AgentSpec) -> None:
        self.spec = spec

    async def play(self, seat: SeatClient) -> None:
        rng = np.random.default_rng(self.spec.seed)
        budget = Budget(self.spec, seat)
        hinted = await seat.has_tool("suggest")

        memory = EpisodeMemory.open(self.spec, seat)

        async def decide(view: View) -> View:
            seat.usage.decided("bot")
            if hinted:
                return await remembered(memory, view, seat, (await seat.call("suggest", policy="random"))["command"])
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
        persona = {"persona": self.spec.persona_card} if self.spec.persona_card else {}
        memory = EpisodeMemory.open(self.spec, seat)

        async def decide(view: View) -> View:
            # "expert" is a role: the server plays the world's own strong scripted player for it.
            suggestion = await seat.call("suggest", policy="expert", **persona)
            if view.get("beliefs_due") and suggestion.get("beliefs"):
                await seat.call("report_beliefs", beliefs=suggestion["beliefs"])
            seat.usage.decided("bot")
            return await remembered(memory, view, seat, suggestion["command"])

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
