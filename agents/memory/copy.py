"""The copy agent: on an exact state match it replays the move a won game made there, otherwise it plays a
random legal move. No model: it shows what the memory pipeline alone can carry from training to test."""

from __future__ import annotations

import numpy as np

from agents.loop import View, concrete, play_turns, within_limits
from agents.memory.episode import EpisodeMemory
from agents.seat import AgentError, SeatClient
from agents.spec import AgentSpec, Budget

MIND = "memory"


class CopyAgent:
    def __init__(self, spec: AgentSpec) -> None:
        if spec.memory is None:
            raise AgentError("the copy agent needs memory: {path: ...} in its spec")
        self.spec = spec

    async def play(self, seat: SeatClient) -> None:
        memory = EpisodeMemory(self.spec, seat)
        # the game's seed joins the agent's, so the random fallback differs between games
        rng = np.random.default_rng([self.spec.seed, int(seat.meta.get("seed", 0) or 0)])
        budget = Budget(self.spec, seat)

        async def decide(view: View) -> View:
            options = concrete(view["legal_actions"])
            now = memory.now(view)
            stored = memory.recall.steps.exact(now.signature) if self.spec.memory.k > 0 else []
            replay = next((h for h in stored if now.specialize(h.document.payload[1].choice) in options), None)
            if replay is not None:
                command = now.specialize(replay.document.payload[1].choice)
                memory.recall.retrieved.add(replay.document.id[0])
                seat.thought(MIND, f"replay {command} (episode {replay.document.id[0]}, step {replay.document.id[1]})",
                             memory=[{"episode": replay.document.id[0], "step": replay.document.id[1]}])
            else:
                command = options[int(rng.integers(len(options)))]
            seat.usage.decided("bot")  # no model: a scripted player's move, replayed or random
            after = await seat.act(command)
            memory.record(view, "act", {"command": command}, command, after)
            return after

        try:
            await within_limits(seat, budget, play_turns(seat, budget, decide))
        finally:
            memory.finish("")
