"""A fake engine for the local model's worker process (loaded through GAMEHALL_LOCAL_ENGINE).

It behaves like a model that answers instantly, or like the failures a real one has: FAKE_ENGINE selects
`ok`, `crash-with-extra` (a native crash only while extra buffer types are on, as llama.cpp's AMX path),
`crash` (always, at the first request), `crash-load` (while loading), `oom` (MemoryError while loading),
`slow` (never answers until cancelled), `noisy` (writes to the C stdout and stderr like llama.cpp),
`tokens` (writes `max_tokens` tokens, 10 ms each, giving way to urgent requests between two; also any
prompt that starts with `tokens:`).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any


class FakeEngine:
    def __init__(self, mode: str, extra_bufts: bool) -> None:
        self.mode, self.extra_bufts = mode, extra_bufts

    def complete(self, prompt: str, params: dict[str, Any], tools: list, choice: Any,
                 cancelled: threading.Event, preempt: Any = None, segments: list[str] | None = None) -> dict[str, Any]:
        if self.mode == "crash" or (self.mode == "crash-with-extra" and self.extra_bufts):
            os.kill(os.getpid(), signal.SIGSEGV)
        if self.mode == "slow":
            while not cancelled.is_set():
                time.sleep(0.01)
            raise TimeoutError("cancelled")
        if self.mode == "tokens" or prompt.startswith("tokens:"):
            return self._tokens(prompt, int(params.get("max_tokens") or 20), cancelled, preempt)
        if self.mode == "noisy":
            os.write(1, b"llama_decode: printed to the C stdout\n")
            os.write(2, b"ggml_backend: printed to the C stderr\n")
        name = choice["function"]["name"] if isinstance(choice, dict) else None
        call = [name, {"command": _first_option(tools, name) or f"echo {len(prompt)}"}] if name else None
        return {"text": "" if call else f"saw {len(prompt)} characters", "call": call,
                "tokens_in": len(prompt), "tokens_out": 3, "tokens_cached": len(prompt) // 2}


    def _tokens(self, prompt: str, count: int, cancelled: threading.Event, preempt: Any) -> dict[str, Any]:
        """A generation of `count` tokens, 10 ms each, that gives way at every token boundary as the real
        engine does; its text is a function of the prompt alone, so a preempted reply can be compared."""
        out = []
        for i in range(count):
            time.sleep(0.01)
            out.append(f"{prompt.rsplit(':', 1)[-1][:8]}{i}")
            if preempt is not None and preempt.waiting():
                preempt.serve()
            if cancelled.is_set():
                raise TimeoutError("cancelled")
        return {"text": " ".join(out), "call": None, "tokens_in": len(prompt), "tokens_out": count,
                "tokens_cached": 0}


def _first_option(tools: list, name: str) -> str | None:
    """The first legal command a forced tool's enum offers (so the fake plays valid moves)."""
    for tool in tools:
        if tool.get("function", {}).get("name") == name:
            for spec in (tool["function"].get("parameters") or {}).get("properties", {}).values():
                if spec.get("enum"):
                    return str(spec["enum"][0])
    return None


def load(path: str, extra_bufts: bool) -> FakeEngine:
    mode = os.environ.get("FAKE_ENGINE", "ok")
    if mode == "crash-load":
        os.kill(os.getpid(), signal.SIGSEGV)
    if mode == "oom":
        raise MemoryError
    if mode == "noisy":
        os.write(2, b"llama_model_loader: loaded meta data\nload_tensors: CPU model buffer\n")
    return FakeEngine(mode, extra_bufts)
