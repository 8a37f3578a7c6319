"""The model a scaffold baseline puts in an agent's place: a seeded uniform-random chooser.

It has `litellm.acompletion`'s shape, so the agent around it (prompts, macro layer, executor, slow mind)
runs unchanged; only its choices are random. Where the request forces a tool with an enum argument (the
feasible macros, the legal actions, the vote targets the agent offers), it picks one uniformly; anything
else (a free-text plan) gets a short text reply, which the agents read as "no plan"."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import numpy as np

NO_PLAN = "(no plan)"


class RandomChooser:
    """A fake completion endpoint whose every forced choice is uniform over the options offered."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.calls = 0

    async def __call__(self, **request: Any) -> SimpleNamespace:
        self.calls += 1
        offered = forced_enum(request)
        if offered is None or not offered[2]:
            return _response(NO_PLAN, None)
        tool, argument, options = offered
        choice = options[int(self.rng.integers(len(options)))]
        return _response(None, (tool, {argument: choice}))


def forced_enum(request: dict[str, Any]) -> tuple[str, str, list[str]] | None:
    """(tool, argument, enum) of the tool a request forces, if it forces one; enum empty for free text."""
    choice = request.get("tool_choice")
    if not isinstance(choice, dict):
        return None
    name = choice.get("function", {}).get("name")
    tool = next((t["function"] for t in request.get("tools") or [] if t["function"]["name"] == name), None)
    if tool is None:
        return None
    properties = tool.get("parameters", {}).get("properties") or {}
    if not properties:
        return None
    argument, schema = next(iter(properties.items()))
    return str(name), str(argument), [str(o) for o in schema.get("enum") or []]


def _response(text: str | None, call: tuple[str, dict[str, Any]] | None) -> SimpleNamespace:
    calls = None
    if call is not None:
        function = SimpleNamespace(name=call[0], arguments=json.dumps(call[1]))
        calls = [SimpleNamespace(id="call_0", type="function", function=function)]
    message = SimpleNamespace(content=text, tool_calls=calls, role="assistant")
    usage = SimpleNamespace(prompt_tokens=0, completion_tokens=0, prompt_tokens_details=None)
    return SimpleNamespace(choices=[SimpleNamespace(message=message)], usage=usage, model="scaffold/random")
