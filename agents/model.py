"""One model, called through litellm (or any function with `litellm.acompletion`'s shape).

Transient faults (timeouts, 5xx, rate limits, connection drops, garbage replies) are retried with
exponential backoff; when retries run out, or on a fault no retry can fix, the agent stops with
AgentError and a one-line reason. Every attempt's tokens and cost go into the seat's Usage.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from agents.seat import AgentError, Mind, SeatClient

Completion = Callable[..., Awaitable[Any]]
RETRY_STATUS = {408, 409, 425, 429}
MAX_RETRY_AFTER_S = 60.0  # an endpoint that asks for a longer pause than this ends play instead
TRANSIENT_NAMES = ("Timeout", "RateLimit", "Connection", "ServiceUnavailable", "InternalServer", "Overloaded")


class GarbageReply(Exception):
    """The endpoint answered, but not with a reply we can read."""


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    args: dict[str, Any]


@dataclass
class Reply:
    """A model's answer: text and the tool calls it made."""

    text: str
    tool_calls: list[ToolCall] = field(default_factory=list)

    def message(self) -> dict[str, Any]:
        """The reply as an assistant message for the history."""
        message: dict[str, Any] = {"role": "assistant", "content": self.text or None}
        if self.tool_calls:
            message["tool_calls"] = [{"id": c.id, "type": "function",
                                      "function": {"name": c.name, "arguments": json.dumps(c.args)}}
                                     for c in self.tool_calls]
        return message


def litellm_completion() -> Completion:
    """litellm's acompletion, imported on first use, quiet, with the local provider registered."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    from agents.local import register

    quiet_litellm(litellm)
    register()
    return litellm.acompletion


def completion_for(model: str) -> Completion:
    """The embedded model is called directly (no 5 s litellm import, its errors unwrapped); others via litellm."""
    if model.startswith("local/"):
        from agents.local import local_completion

        return local_completion
    return litellm_completion()


def unroutable(model: str) -> str | None:
    """Why litellm could not call `model` (no provider it knows), or None. Checked before a run starts: an
    unknown provider fails every episode the same way. Imports litellm only for models that need it."""
    if model.startswith("local/"):
        return None
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    quiet_litellm(litellm)
    try:
        litellm.get_llm_provider(model)
    except Exception:  # noqa: BLE001 - litellm raises its BadRequestError, or others for odd strings
        return (f"model {model!r}: no provider litellm knows; write provider/model, e.g. openai/gpt-4o-mini or "
                "anthropic/claude-3-5-haiku-latest (https://docs.litellm.ai/docs/providers)")
    return None


def quiet_litellm(litellm: Any) -> None:
    """litellm prints banners to stdout on failures ("Give Feedback / Get Help", "Provider List") and logs
    through handlers of its own; both go to the project's logging instead, shown only with --verbose."""
    import logging

    from agents.local_process import verbose

    litellm.suppress_debug_info = not verbose()
    for name in ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy", "litellm"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.propagate = True
        logger.setLevel(logging.DEBUG if verbose() else logging.WARNING)


class ModelClient:
    """Calls one model for one mind of one seat, with timeouts, retries and usage accounting."""

    def __init__(self, model: str, seat: SeatClient, mind: Mind, *, completion: Completion | None = None,
                 temperature: float = 0.0, seed: int = 0, timeout_s: float = 60.0, retries: int = 3,
                 backoff_s: float = 0.5, reply_tokens: int = 512, priority: int = 0,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        """`priority`: on the embedded model, a call of a higher one preempts a running call of a lower one
        (the fast mind's choice does not wait for the slow mind's plan); other endpoints ignore it."""
        self.model, self.seat, self.mind, self.priority = model, seat, mind, priority
        self._completion, self._sleep = completion, sleep
        self.temperature, self.seed, self.timeout_s = temperature, seed, timeout_s
        self.retries, self.backoff_s, self.reply_tokens = retries, backoff_s, reply_tokens

    async def ask(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None = None,
                  tool_choice: Any = None) -> Reply:
        """One decision: retries transient faults, raises AgentError when it cannot get a reply."""
        request = self._request(messages, tools, tool_choice)
        last, pause = "no attempt", 0.0
        for attempt in range(self.retries + 1):
            if attempt:
                self.seat.usage.retries += 1
                await self._sleep(pause)
            started = time.perf_counter()
            try:
                reply = await self._attempt(request)
            except Exception as error:  # noqa: BLE001 - every fault becomes retry or AgentError
                last = _describe(error, self.timeout_s)
                if not _transient(error):
                    raise AgentError(f"model {self.model} failed: {last}") from error
                pause = self._pause(error, attempt, last)
                continue
            self.seat.usage.record_latency(self.mind, started)
            # What the model saw and answered: the run's event log keeps it (gamehall export reads it).
            usage = self.seat.usage
            totals = {"tokens_in": usage.tokens_in, "tokens_out": usage.tokens_out,
                      "tokens_cached": usage.tokens_cached, "cost_usd": usage.cost_usd}
            self.seat.emit("model_call", {"mind": self.mind, "model": self.model, "messages": messages,
                                          "tools": request.get("tools", []),
                                          "tool_choice": request.get("tool_choice"), "reply": reply.message(),
                                          "usage": totals})
            return reply
        raise AgentError(f"model {self.model} failed {self.retries + 1} times; last: {last}")

    def _pause(self, error: Exception, attempt: int, last: str) -> float:
        """Exponential backoff, or longer if the endpoint's Retry-After asks (too long a pause ends play)."""
        asked = retry_after(error)
        if asked is not None and asked > MAX_RETRY_AFTER_S:
            raise AgentError(f"model {self.model} failed: {last}; the endpoint asks to retry after {asked:g} s, "
                             f"longer than the {MAX_RETRY_AFTER_S:g} s an agent waits") from error
        return max(self.backoff_s * 2 ** attempt, asked or 0.0)

    async def _attempt(self, request: dict[str, Any]) -> Reply:
        completion = self._completion or completion_for(self.model)
        response = await asyncio.wait_for(completion(**request), timeout=self.timeout_s)
        self._account(response)
        return parse_reply(response)

    def _request(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None,
                 tool_choice: Any) -> dict[str, Any]:
        request: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": self.temperature,
                                   "max_tokens": self.reply_tokens, "seed": self.seed,
                                   "timeout": self.timeout_s, "drop_params": True,
                                   "max_retries": 0}  # the retries are ours (and honour Retry-After), not the SDK's
        if self.priority and self.model.startswith("local/"):
            request["priority"] = self.priority
        if tools:
            request["tools"] = tools
            if tool_choice is not None:
                request["tool_choice"] = tool_choice
        return request

    def _account(self, response: Any) -> None:
        usage = self.seat.usage
        usage.model_calls += 1
        counted = getattr(response, "usage", None)
        usage.tokens_in += int(getattr(counted, "prompt_tokens", 0) or 0)
        usage.tokens_out += int(getattr(counted, "completion_tokens", 0) or 0)
        usage.tokens_cached += cached_tokens(counted)
        usage.cost_usd += cost_of(response, self.model)


def cost_of(response: Any, model: str) -> float:
    """The call's cost in USD from litellm's price map; 0 for local or unpriced models, never an error."""
    if model.startswith("local/"):
        return 0.0
    try:
        import litellm

        if model not in litellm.model_cost and model.split("/", 1)[-1] not in litellm.model_cost:
            return 0.0  # unpriced: asking litellm would only print its provider list
        return float(litellm.completion_cost(completion_response=response, model=model) or 0.0)
    except Exception:  # noqa: BLE001 - an unpriced model costs what we can prove: nothing
        return 0.0


def cached_tokens(usage: Any) -> int:
    """Prompt tokens the provider served from its cache (`prompt_tokens_details.cached_tokens`), 0 if unsaid."""
    details = getattr(usage, "prompt_tokens_details", None)
    if isinstance(details, dict):
        return int(details.get("cached_tokens") or 0)
    return int(getattr(details, "cached_tokens", 0) or 0)


def parse_reply(response: Any) -> Reply:
    """Text and tool calls from a litellm-shaped response; GarbageReply if it has neither."""
    try:
        message = response.choices[0].message
    except (AttributeError, IndexError, TypeError, KeyError):
        raise GarbageReply(f"no choices in the reply: {str(response)[:120]!r}") from None
    calls = [_tool_call(c, i) for i, c in enumerate(getattr(message, "tool_calls", None) or [])]
    text = getattr(message, "content", None) or ""
    if not isinstance(text, str):
        raise GarbageReply(f"reply content is not text: {str(text)[:120]!r}")
    if not calls and not text.strip():
        raise GarbageReply("empty reply: no text and no tool call")
    return Reply(text.strip(), calls)


def _tool_call(call: Any, index: int) -> ToolCall:
    function = getattr(call, "function", None)
    name = getattr(function, "name", None)
    arguments = getattr(function, "arguments", None)
    if not isinstance(name, str) or not name:
        raise GarbageReply(f"a tool call without a name: {str(call)[:120]!r}")
    if isinstance(arguments, dict):
        return ToolCall(getattr(call, "id", None) or f"call_{index}", name, arguments)
    try:
        args = json.loads(arguments or "{}")
    except (TypeError, ValueError):
        raise GarbageReply(f"unparseable arguments for {name}: {str(arguments)[:120]!r}") from None
    if not isinstance(args, dict):
        raise GarbageReply(f"arguments for {name} are not an object: {str(arguments)[:120]!r}")
    return ToolCall(getattr(call, "id", None) or f"call_{index}", name, args)


def retry_after(error: Exception) -> float | None:
    """The seconds a `Retry-After` (or `retry-after-ms`) header of the failed call asks for, if it has one."""
    headers: Any = getattr(error, "litellm_response_headers", None)
    if headers is None:
        headers = getattr(getattr(error, "response", None), "headers", None)
    if not headers:
        return None
    try:
        lowered = {str(k).lower(): str(v) for k, v in dict(headers).items()}
    except (TypeError, ValueError):
        return None
    if "retry-after-ms" in lowered:
        try:
            return max(0.0, float(lowered["retry-after-ms"]) / 1000.0)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _transient(error: Exception) -> bool:
    if isinstance(error, TimeoutError | GarbageReply | ConnectionError):
        return True
    status = getattr(error, "status_code", None)
    if isinstance(status, int):
        return status >= 500 or status in RETRY_STATUS
    return any(word in type(error).__name__ for word in TRANSIENT_NAMES)


def _describe(error: Exception, timeout_s: float) -> str:
    if isinstance(error, TimeoutError):
        return f"no reply within {timeout_s:g} s"
    status = getattr(error, "status_code", None)
    head = f"{type(error).__name__}" + (f" {status}" if isinstance(status, int) else "")
    text = " ".join(str(error).split())[:200]
    return f"{head}: {text}" if text else head
