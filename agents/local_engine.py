"""The embedded model inside its worker process: llama.cpp, a block-aligned prompt cache, tool-call grammars.

Why fixed batches. llama.cpp's numbers for a token depend on the batch it was evaluated in: a token decoded
alone (as every generated token is, and as llama-cpp-python replays the last prompt token on an exact cache
hit) gets logits up to 0.8 apart from the same token in a batch. Reusing "whatever prefix the previous
prompt left" therefore makes a reply depend on the call before it. Here a prompt is cut into batches at
positions that are a function of the prompt alone: where each chat message ends (a message longer than
MAX_BATCH is cut every MAX_BATCH tokens from its start), or, for a bare string, every BLOCK tokens. A batch
is always evaluated whole, so its KV state is the same whoever computed it, and a cached state is reused up
to a cut the two prompts share (with every cut before it). The reply is a pure function of (prompt,
sampling parameters, seed). Cutting at messages keeps batches large (a batch of 64 tokens evaluates about
3 times slower than one of 512 on a 2-core CPU: `bench/local_model.py --batches`) and makes the unit of
reuse the unit that repeats: the system text with the rules, the history of a conversation.

Snapshots. Concurrent episodes share the one model and alternate, so the live KV cache holds someone
else's prompt most of the time. After each call the prompt's state is saved (only the sequence's KV, ~7.5 kB
a token for Gemma 3 270M) at its last cut (where a conversation goes on) and at its first (the system text
with the rules, which every turn of a game shares), in a small LRU; the next call restores the longest one
its prompt continues. A snapshot is only continued from its own end: llama.cpp saves a sliding-window
layer's cells for continuing from the end, so one restored and cut shorter differs from a fresh prompt's.

Preemption. A request may be told to give way (`preempt`): at each token boundary it asks whether a more
urgent request waits; if one does, its whole state (the KV of prompt and tokens so far, the sampler with
its grammar, the token count) is put aside, the urgent request runs, and the state is put back exactly, so
the preempted reply is the one it would have been alone (the fast mind's choice need not wait for a plan).
"""

from __future__ import annotations

import ctypes
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Protocol

from agents.grammar import arguments, one_of, single_enum

N_CTX = 8192
MAX_BATCH = 512  # the longest batch (n_batch): a message longer than this is cut every MAX_BATCH tokens
BLOCK = 64  # the batch of a prompt given as one string, without its messages
SNAPSHOTS = 12  # a conversation's end and its rules for each concurrent episode at the default concurrency
REPEAT_PENALTY = 1.15  # keeps free text from looping (grammar-bound choices are unaffected in practice)
ARGUMENT_TOKENS = 160  # room for a grammar-bound JSON object to close


def load(path: str, extra_bufts: bool, n_threads: int, n_batch: int = MAX_BATCH) -> Any:
    """A Llama for `path`; `extra_bufts` is llama_model_params.use_extra_bufts, which Llama() does not expose."""
    import llama_cpp
    import llama_cpp.llama_cpp as low

    default = low.llama_model_default_params

    def params() -> Any:
        chosen = default()
        chosen.use_extra_bufts = extra_bufts
        return chosen

    low.llama_model_default_params = params
    try:
        return llama_cpp.Llama(model_path=path, n_ctx=N_CTX, n_batch=n_batch, n_ubatch=n_batch, n_threads=n_threads,
                               verbose=False)
    finally:
        low.llama_model_default_params = default


def batch_cuts(lengths: list[int] | None, total: int) -> list[int]:
    """Where the batches of a `total`-token prompt end (all before `total`: the last batch gives the logits).
    `lengths`: the token counts of its messages; None for a bare string (a cut every BLOCK tokens)."""
    if lengths is None:
        return list(range(BLOCK, total, BLOCK))
    cuts, start = [], 0
    for length in lengths:
        cuts += range(start + MAX_BATCH, start + length, MAX_BATCH)
        start += length
        cuts.append(start)
    return [c for c in cuts if 0 < c < total]


def reusable(key: tuple[int, ...] | list[int], key_cuts: list[int] | tuple[int, ...], tokens: list[int],
             cuts: list[int]) -> int:
    """How much of `tokens` a state evaluated for `key` (cut at `key_cuts`) holds exactly as `tokens` needs it:
    up to the last cut both share, with all the cuts before it, inside their common prefix."""
    common = 0
    for x, y in zip(key, tokens, strict=False):
        if x != y:
            break
        common += 1
    best = 0
    for a, b in zip(key_cuts, cuts, strict=False):
        if a != b or a > common:
            break
        best = a
    return best


@dataclass
class BlockCache:
    """Evaluates prompts batch by batch on one Llama, reusing whole batches from the live state or a snapshot."""

    llama: Any
    clean: list[int] = field(default_factory=list)  # the live KV's tokens up to its prompt's last cut
    cuts: list[int] = field(default_factory=list)  # that prompt's cuts (the last one is len(clean))
    snapshots: OrderedDict[tuple[int, ...], tuple[tuple[int, ...], bytes]] = field(default_factory=OrderedDict)

    def prepare(self, tokens: list[int], cuts: list[int]) -> int:
        """Evaluate `tokens` so the next sample continues them; returns how many were reused (cached)."""
        live = reusable(self.clean, self.cuts, tokens, cuts)
        # A snapshot only ever continues from its own end: a restored state cut shorter is not the state a
        # fresh prompt has there (llama.cpp saves a sliding-window layer's cells for continuing from its end).
        key, saved = max(((k, len(k)) for k, v in self.snapshots.items()
                          if reusable(k, v[0], tokens, cuts) == len(k)), key=lambda item: item[1], default=((), 0))
        if saved > live:
            self._restore(key)
            live = saved
        self.llama.n_tokens = live
        ends = [c for c in cuts if c > live] + [len(tokens)]
        for start, end in zip([live, *ends], ends, strict=False):
            self.llama.eval(tokens[start:end])  # one batch (end - start <= MAX_BATCH = n_batch)
        self.clean, self.cuts = list(tokens[: cuts[-1]] if cuts else []), list(cuts)
        return live

    def remember(self) -> None:
        """Snapshot the prompt just used at its last cut (a conversation goes on from there) and at its first
        (the system text and rules, which the next turn of a game shares); the last batch and the generated
        tail are dropped. The live state is left at the first cut."""
        if not self.clean:
            return
        first = tuple(self.clean[: self.cuts[0]])
        self._save(tuple(self.clean), tuple(self.cuts), keep=first)
        if first not in self.snapshots:
            self._save(first, tuple(self.cuts[:1]), keep=first)
        self.snapshots.move_to_end(first)
        self.clean, self.cuts = list(first), list(self.cuts[:1])

    def _save(self, key: tuple[int, ...], cuts: tuple[int, ...], keep: tuple[int, ...]) -> None:
        import llama_cpp.llama_cpp as low

        ctx = self.llama._ctx.ctx
        self.llama._ctx.kv_cache_seq_rm(0, len(key), -1)
        self.llama.n_tokens = len(key)
        size = low.llama_state_seq_get_size(ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        written = low.llama_state_seq_get_data(ctx, buffer, size, 0)
        for other in [k for k in self.snapshots if k != keep and key[: len(k)] == k]:
            del self.snapshots[other]  # a longer prompt of the same conversation supersedes its prefix
        self.snapshots[key] = (cuts, bytes(buffer)[:written])
        while len(self.snapshots) > SNAPSHOTS:
            self.snapshots.popitem(last=False)

    def _restore(self, key: tuple[int, ...]) -> None:
        import llama_cpp.llama_cpp as low

        cuts, data = self.snapshots[key]
        self.snapshots.move_to_end(key)
        self.llama._ctx.kv_cache_seq_rm(-1, 0, -1)
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if low.llama_state_seq_set_data(self.llama._ctx.ctx, buffer, len(data), 0) != len(data):
            raise RuntimeError("llama.cpp refused a saved prompt state")
        self.llama.input_ids[: len(key)] = key
        self.llama.n_tokens = len(key)
        self.clean, self.cuts = list(key), list(cuts)


class Preempt(Protocol):
    """Asked at every token boundary of a preemptible request: whether a more urgent one waits, and to run it."""

    def waiting(self) -> bool: ...

    def serve(self) -> None: ...


class Engine:
    """One loaded model answering chat requests (already rendered to Gemma's turn format) in sequence."""

    def __init__(self, llama: Any) -> None:
        self.llama = llama
        self.cache = BlockCache(llama)
        self._lock = threading.RLock()  # re-entered by an urgent request run inside a preempted one

    def complete(self, prompt: str, params: dict[str, Any], tools: list[dict[str, Any]], choice: Any,
                 cancelled: threading.Event, preempt: Preempt | None = None,
                 segments: list[str] | None = None) -> dict[str, Any]:
        """Text, or a tool call `[name, arguments]`, and the token counts (in, out, cached). `segments`: the
        prompt cut where its messages end (their concatenation is `prompt`), where batches are cut."""
        with self._lock:
            run = _Generation(self, prompt, params, cancelled, preempt, segments)
            text, call = run.reply(tools, choice)
            return {"text": text, "call": call, "tokens_in": run.tokens_in, "tokens_out": run.tokens_out,
                    "tokens_cached": run.tokens_cached}

    def aside(self, urgent: Preempt) -> None:
        """Between two tokens of a generation: run `urgent`'s requests, then restore this one exactly."""
        import llama_cpp.llama_cpp as low

        llama = self.llama
        ctx, n = llama._ctx.ctx, llama.n_tokens
        size = low.llama_state_seq_get_size(ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        written = low.llama_state_seq_get_data(ctx, buffer, size, 0)
        kept = (llama.input_ids[:n].copy(), llama._sampler, llama._requires_eval, list(self.cache.clean),
                list(self.cache.cuts))
        try:
            urgent.serve()
        finally:
            llama._ctx.kv_cache_seq_rm(-1, 0, -1)
            if low.llama_state_seq_set_data(ctx, buffer, written, 0) != written:
                raise RuntimeError("llama.cpp refused a preempted request's state")
            ids, llama._sampler, llama._requires_eval, self.cache.clean, self.cache.cuts = kept
            llama.input_ids[:n] = ids
            llama.n_tokens = n


class _Generation:
    """One request, possibly in two stages (tool name, then its arguments)."""

    def __init__(self, engine: Engine, prompt: str, params: dict[str, Any], cancelled: threading.Event,
                 preempt: Preempt | None = None, segments: list[str] | None = None) -> None:
        self.engine, self.params, self.cancelled, self.preempt = engine, params, cancelled, preempt
        llama = engine.llama
        if segments and "".join(segments) == prompt:
            pieces = [llama.tokenize(text.encode("utf-8"), add_bos=i == 0, special=True)
                      for i, text in enumerate(segments)]
            tokens, lengths = [t for piece in pieces for t in piece], [len(piece) for piece in pieces]
        else:
            tokens, lengths = llama.tokenize(prompt.encode("utf-8"), add_bos=True, special=True), None
        self.tokens = self._fit(tokens)
        # a prompt cut to fit the context has moved its messages: it is cut at fixed blocks instead
        self.cuts = batch_cuts(lengths if len(self.tokens) == len(tokens) else None, len(self.tokens))
        self.tokens_in = self.tokens_out = self.tokens_cached = 0

    def reply(self, tools: list[dict[str, Any]], choice: Any) -> tuple[str, list | None]:
        functions = {t["function"]["name"]: t["function"] for t in tools if t.get("type") == "function"}
        forced = choice.get("function", {}).get("name") if isinstance(choice, dict) else None
        if forced is None and choice == "required" and functions:
            forced = self._generate(one_of(list(functions)), extend=True)
        if forced is None or forced not in functions:
            return self._generate(None), None
        return "", [forced, self._arguments(functions[forced].get("parameters") or {})]

    def _arguments(self, parameters: dict[str, Any]) -> dict[str, Any]:
        choice = single_enum(parameters)
        if choice is not None:
            name, options = choice
            return {name: self._generate(one_of(options))}
        return json.loads(self._generate(arguments(parameters), least_tokens=ARGUMENT_TOKENS))

    def _generate(self, grammar: str | None, extend: bool = False, least_tokens: int = 1) -> str:
        import llama_cpp

        llama, cache = self.engine.llama, self.engine.cache
        if self.cancelled.is_set():
            raise TimeoutError("the call was cancelled before the model started")
        rules = llama_cpp.LlamaGrammar.from_string(grammar, verbose=False) if grammar else None
        stop_when_cancelled = llama_cpp.StoppingCriteriaList([self._boundary])
        self.tokens_cached += cache.prepare(self.tokens, self.cuts)
        # The whole prompt is now evaluated: llama-cpp-python sees an exact cache hit and samples at once.
        out = llama.create_completion(
            self.tokens, max_tokens=max(least_tokens, int(self.params.get("max_tokens") or 256)),
            temperature=float(self.params.get("temperature") or 0.0), seed=self.params.get("seed"),
            stop=["<end_of_turn>"], grammar=rules, stopping_criteria=stop_when_cancelled,
            repeat_penalty=REPEAT_PENALTY)
        cache.remember()
        self.tokens_in += out["usage"]["prompt_tokens"]
        self.tokens_out += out["usage"]["completion_tokens"]
        text = out["choices"][0]["text"].strip()
        if extend:  # the chosen tool's name becomes part of the prompt for its arguments (the prompt a batch)
            self.cuts = [*self.cuts, len(self.tokens)]
            self.tokens = self.tokens + llama.tokenize(f"{text} ".encode(), add_bos=False, special=False)
        return text

    def _boundary(self, tokens: Any, logits: Any) -> bool:
        """Between two tokens: give way to a more urgent request; stop if this one was cancelled."""
        if self.preempt is not None and self.preempt.waiting():
            self.engine.aside(self.preempt)
        return self.cancelled.is_set()

    def _fit(self, tokens: list[int]) -> list[int]:
        """Keep the prompt inside the context: the head (rules) and the tail (the current turn)."""
        room = N_CTX - int(self.params.get("max_tokens") or 256) - 64
        if len(tokens) <= room:
            return tokens
        head = room // 4
        return tokens[:head] + tokens[-(room - head):]
