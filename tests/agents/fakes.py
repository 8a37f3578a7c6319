"""Fake model endpoints with litellm's shape: scripted tool calls, slowness and faults. Fakes, not mocks."""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import Callable
from typing import Any

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
import litellm  # noqa: E402
from litellm.types.utils import ChatCompletionMessageToolCall, Function, Message, ModelResponse, Usage  # noqa: E402

Call = tuple[str, dict[str, Any]]
Planner = Callable[[dict[str, Any]], list[Call] | str]


def response(plan: list[Call] | str, tokens_in: int = 50, tokens_out: int = 5) -> ModelResponse:
    """A litellm ModelResponse carrying `plan`: tool calls, or plain text."""
    reply = ModelResponse(model="fake/scripted")
    if isinstance(plan, str):
        reply.choices[0].message = Message(content=plan, role="assistant")
    else:
        calls = [ChatCompletionMessageToolCall(id=f"call_{i}", type="function",
                                               function=Function(name=name, arguments=json.dumps(args)))
                 for i, (name, args) in enumerate(plan)]
        reply.choices[0].message = Message(content=None, role="assistant", tool_calls=calls)
    reply.usage = Usage(prompt_tokens=tokens_in, completion_tokens=tokens_out, total_tokens=tokens_in + tokens_out)
    return reply


def forced_options(request: dict[str, Any]) -> tuple[str, str, list[str]] | None:
    """(tool, argument, enum) of the tool the request forces, if it forces one with an enum argument."""
    choice = request.get("tool_choice")
    if not isinstance(choice, dict):
        return None
    name = choice["function"]["name"]
    tool = next(t["function"] for t in request["tools"] if t["function"]["name"] == name)
    argument, schema = next(iter(tool["parameters"]["properties"].items()))
    return name, argument, schema.get("enum", [])


def legal_in_prompt(request: dict[str, Any]) -> list[str]:
    """The legal actions the last user message lists."""
    last = next(m["content"] for m in reversed(request["messages"]) if m["role"] == "user")
    found = re.search(r"^Legal actions(?: now)?: (.*)$", last, re.MULTILINE)
    return [a for a in found.group(1).split("; ") if "(" not in a and "<" not in a] if found else []


def player(pick: int = 0, plan_text: str = "take as many stones as allowed") -> Planner:
    """A planner that plays option `pick` (0 = first, -1 = last) of whatever it is offered."""

    def plan(request: dict[str, Any]) -> list[Call]:
        names = {t["function"]["name"] for t in request.get("tools") or []}
        if "plan" in names:
            return [("plan", {"plan": plan_text})]
        forced = forced_options(request)
        if forced is not None and forced[2]:
            tool, argument, options = forced
            return [(tool, {argument: options[pick]})]
        if forced is not None:  # a forced tool without a choice (beliefs, a speech): fill in every argument
            return [(forced[0], filled(request, forced[0]))]
        legal = legal_in_prompt(request)
        return [("act", {"command": legal[pick]})] if legal else []

    return plan


def filled(request: dict[str, Any], name: str) -> dict[str, Any]:
    """Arguments for tool `name`: 0.5 for numbers, a short text for strings."""
    tool = next(t["function"] for t in request["tools"] if t["function"]["name"] == name)
    properties = tool["parameters"]["properties"]
    return {k: 0.5 if v.get("type") == "number" else "I have nothing to add." for k, v in properties.items()}


class ScriptedModel:
    """A fake litellm.acompletion: answers each request with its planner's tool calls, after `delay` s."""

    def __init__(self, planner: Planner | None = None, delay: float = 0.0, tokens_in: int = 50) -> None:
        self.planner = planner or player()
        self.delay = delay
        self.tokens_in = tokens_in
        self.requests: list[dict[str, Any]] = []

    async def __call__(self, **request: Any) -> ModelResponse:
        self.requests.append(request)
        if self.delay:
            await asyncio.sleep(self.delay)
        return response(self.planner(request), tokens_in=self.tokens_in)


class FaultyModel(ScriptedModel):
    """Fails its first `failures` calls (or all, if None) with `fault`, then plays like ScriptedModel."""

    def __init__(self, fault: str, failures: int | None = None, planner: Planner | None = None) -> None:
        super().__init__(planner)
        self.fault, self.failures = fault, failures

    async def __call__(self, **request: Any) -> ModelResponse:
        failing = self.failures is None or len(self.requests) < self.failures
        if not failing:
            return await super().__call__(**request)
        self.requests.append(request)
        return await FAULTS[self.fault](request)


async def _hang(request: dict[str, Any]) -> ModelResponse:
    await asyncio.sleep(3600)
    raise AssertionError("a hanging endpoint never answers")


async def _server_error(request: dict[str, Any]) -> ModelResponse:
    raise litellm.InternalServerError("upstream exploded", llm_provider="fake", model=request["model"])


async def _rate_limit(request: dict[str, Any]) -> ModelResponse:
    raise litellm.RateLimitError("slow down", llm_provider="fake", model=request["model"])


async def _garbage(request: dict[str, Any]) -> ModelResponse:
    reply = response([("act", {})])
    reply.choices[0].message.tool_calls[0].function.arguments = "{take 1 pls"
    return reply


async def _empty(request: dict[str, Any]) -> ModelResponse:
    reply = ModelResponse(model="fake/scripted")
    reply.choices = []
    return reply


async def _unauthorised(request: dict[str, Any]) -> ModelResponse:
    raise litellm.AuthenticationError("bad key", llm_provider="fake", model=request["model"])


FAULTS = {"hang": _hang, "500": _server_error, "rate_limit": _rate_limit, "garbage": _garbage, "empty": _empty,
          "401": _unauthorised}
