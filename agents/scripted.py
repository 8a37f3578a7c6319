"""Scripted baselines over MCP: a uniformly random player and the world's strong scripted player."""

from __future__ import annotations

import numpy as np

from agents.loop import View, concrete, play_turns, within_limits
from agents.seat import AgentError, SeatClient
from agents.spec import AgentSpec, Budget


class RandomAgent:
    """Plays a uniformly random concrete legal action, from its own seeded generator."""

    def __init__(self, spec: AgentSpec) -> None:
        self.spec = spec

    async def play(self, seat: SeatClient) -> None:
        rng = np.random.default_rng(self.spec.seed)
        budget = Budget(self.spec, seat)

        async def decide(view: View) -> View:
            options = concrete(view["legal_actions"])
            return await seat.act(options[int(rng.integers(len(options)))])

        await within_limits(seat, budget, play_turns(seat, budget, decide))


class ExpertAgent:
    """Asks the server's `suggest` tool for the world's strong scripted player's move, then plays it."""

    def __init__(self, spec: AgentSpec) -> None:
        self.spec = spec

    async def play(self, seat: SeatClient) -> None:
        if not await seat.has_tool("suggest"):
            raise AgentError("the expert agent needs the server's suggest tool: build the server with hints=True")
        budget = Budget(self.spec, seat)
        persona = {"persona": self.spec.persona_card} if self.spec.persona_card else {}

        async def decide(view: View) -> View:
            # "expert" is a role: the server plays the world's own strong scripted player for it.
            suggestion = await seat.call("suggest", policy="expert", **persona)
            if view.get("beliefs_due") and suggestion.get("beliefs"):
                await seat.call("report_beliefs", beliefs=suggestion["beliefs"])
            return await seat.act(suggestion["command"])

        await within_limits(seat, budget, play_turns(seat, budget, decide))
