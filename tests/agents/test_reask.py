"""A single feasible macro is taken without asking, yet the model is asked at least every `reask_ticks` ticks
(over the atomic legal actions), so a plan stuck on `wait` can be left."""

import asyncio

from agents import AgentSpec, Usage
from agents.hierarchical import HierarchicalAgent
from tests.agents.fakes import ScriptedModel, forced_options, player


class OnlyWaitSeat:
    """A seat whose macro layer offers only `wait` (as the Kitchen fetch-plate trap did); a tick per move."""

    world, seat = "toy", "chef0"

    def __init__(self, ticks: int) -> None:
        self.usage, self.stop_reason, self.tick, self.ticks = Usage(), None, 0, ticks
        self.played: list[tuple[str, str]] = []

    def view(self) -> dict:
        return {"observation": "a kitchen", "legal_actions": ["stay", "up", "interact"], "awaiting_you": True,
                "done": self.tick >= self.ticks, "tick": self.tick, "events": [], "seat": self.seat}

    async def has_tool(self, name: str) -> bool:
        return name == "macros"

    async def call(self, tool: str, **args) -> dict:
        return {"macros": [{"name": "wait", "feasible": True, "score": -10.0}]} if tool == "macros" else self.view()

    async def observe(self) -> dict:
        return self.view()

    async def wait(self, timeout_s: float = 10.0) -> dict:
        return self.view()

    async def move(self, tool: str, **args) -> dict:
        self.usage.steps += 1
        self.played.append((tool, args.get("name") or args.get("command")))
        self.tick += 1
        return {**self.view(), "status": "done", "steps": 1, "events": []}

    async def act(self, command: str) -> dict:
        return await self.move("act", command=command)

    def drain_events(self) -> list:
        return []

    def thought(self, mind: str, text: str, **extra) -> None:
        pass

    def emit(self, kind: str, data: dict) -> None:
        pass


def test_a_forced_option_is_taken_without_asking_but_the_model_is_asked_every_n_ticks():
    model = ScriptedModel(player(-1))
    seat = OnlyWaitSeat(ticks=60)
    spec = AgentSpec(kind="hierarchical", ablation="fast-only", model="fake/scripted", reask_ticks=10)
    asyncio.run(HierarchicalAgent(spec, completion=model, backoff_s=0.0).play(seat))
    asked = [forced_options(r) for r in model.requests]
    assert 5 <= len(asked) <= 6  # once per 10 ticks of 60, no more
    assert all(tool == "act" and options == ["stay", "up", "interact"] for tool, _, options in asked)
    assert seat.played.count(("act", "interact")) == len(asked)  # the model's way out was played
    assert seat.usage.decisions["forced"] == 60 - len(asked)
    assert seat.usage.decisions["model:fast"] == len(asked)
