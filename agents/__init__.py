"""Players behind an MCP client: scripted baselines, the LLM agent, the hierarchical agent.

An agent reaches a world only through a SeatClient (an MCP client session and a seat token):

    agent = build_agent(AgentSpec(kind="llm", model="local/gemma-3-270m", max_steps=50))
    await agent.play(SeatClient(client, seat_token, world_name, on_event=events.append))
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
    if spec.kind == "hierarchical":
        return HierarchicalAgent(spec, completion=completion, **options)
    return _plug_in(spec)


def _plug_in(spec: AgentSpec) -> Agent:
    """An agent from outside: `python:package.module:factory`, or a kind from the gamehall.agents entry points."""
    from importlib import import_module

    from agents.spec import registered_kinds

    if spec.kind == "python":
        module, _, name = (spec.factory or "").partition(":")
        if not module or not name:
            raise AgentError(f"python agent: factory must be package.module:callable, got {spec.factory!r}")
        try:
            factory = getattr(import_module(module), name)
        except (ImportError, AttributeError) as error:
            raise AgentError(f"python agent {spec.factory}: {type(error).__name__}: {error}") from None
    elif spec.kind in registered_kinds():
        factory = registered_kinds()[spec.kind].load()
    else:
        raise AgentError(f"a {spec.kind} agent is not built here (cmd agents need a runner; humans play themselves)")
    agent = factory(spec)
    if not callable(getattr(agent, "play", None)):
        raise AgentError(f"{spec.label}: the factory returned {type(agent).__name__}, which has no play(seat)")
    return agent


__all__ = ["DEFAULT_MODEL", "Agent", "AgentError", "AgentSpec", "SeatClient", "ToolRefused", "ToolSpec", "Usage",
           "build_agent"]
