"""Players behind an MCP client: scripted baselines, the LLM agent, the hierarchical agent.

An agent reaches a world only through a SeatClient (an MCP client session and a seat token):

    agent = build_agent(AgentSpec(kind="llm", model="local/gemma-3-270m", max_steps=50))
    await agent.play(SeatClient(client, seat_token, "forge", on_event=events.append))
"""

from __future__ import annotations

from typing import Any, Protocol

from agents.model import Completion
from agents.seat import AgentError, SeatClient, ToolRefused, ToolSpec, Usage
from agents.spec import DEFAULT_MODEL, AgentSpec


class Agent(Protocol):
    async def play(self, seat: SeatClient) -> None: ...


def build_agent(spec: AgentSpec, *, completion: Completion | None = None, **options: Any) -> Agent:
    """The agent `spec` describes. `completion` replaces litellm.acompletion (tests, other backends)."""
    from agents.hierarchical import HierarchicalAgent
    from agents.llm import LLMAgent
    from agents.scripted import ExpertAgent, RandomAgent

    if spec.kind == "random":
        return RandomAgent(spec)
    if spec.kind == "expert":
        return ExpertAgent(spec)
    if spec.kind == "copy":
        from agents.memory.copy import CopyAgent

        return CopyAgent(spec)
    if spec.kind == "llm":
        return LLMAgent(spec, completion=completion, **options)
    return HierarchicalAgent(spec, completion=completion, **options)


__all__ = ["DEFAULT_MODEL", "Agent", "AgentError", "AgentSpec", "SeatClient", "ToolRefused", "ToolSpec", "Usage",
           "build_agent"]
