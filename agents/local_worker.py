"""`python -m agents.local_worker`: the embedded model in a process of its own.

Why a process. A native crash (llama.cpp faulting on some CPUs), a corrupt GGUF or an out-of-memory kill
ends this process, not the run: the parent sees the pipe close, names the cause in one line and the
episode ends with status error. llama.cpp also writes to the C stdout/stderr; here both go to the
worker's log file (or the user's stderr with --verbose), never into a run's machine-readable output.

Protocol: JSON lines. Requests on stdin: `{"op": "complete", "id", "prompt", "segments", "params", "tools",
"tool_choice", "priority"}` (`segments`, optional: the prompt cut where its messages end) and
`{"op": "cancel", "id"}`. Replies on the protocol pipe (the original stdout): first `{"op": "ready", ...}`
or `{"op": "fatal", "error"}`, then `{"op": "done", "id", ...}` or
`{"op": "error", "id", "error"}` per request.

Priority (an int, default 0): the most urgent waiting request is taken first (in arrival order among
equals), and one that arrives while a less urgent one generates preempts it at its next token boundary;
the preempted one then resumes where it was, its reply unchanged (agents/local_engine.py).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import threading
from typing import Any

ENV_ENGINE = "GAMEHALL_LOCAL_ENGINE"  # module:function that loads an engine (tests use a fake one)
DEFAULT_ENGINE = "agents.local_worker:load_engine"


def load_engine(path: str, extra_bufts: bool) -> Any:
    from agents.local_engine import Engine, load

    return Engine(load(path, extra_bufts, n_threads=os.cpu_count() or 2))


def _protocol_stream() -> Any:
    """The original stdout, kept for replies; fd 1 itself then points at stderr (the log) for native prints."""
    stream = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return stream


class Requests:
    """The waiting requests, most urgent first; thread-safe (the reader adds, the model's thread takes)."""

    def __init__(self) -> None:
        self._waiting: list[dict[str, Any]] = []
        self._ready = threading.Condition()
        self.closed = False
        self.cancelled: dict[int, threading.Event] = {}

    def put(self, message: dict[str, Any]) -> None:
        with self._ready:
            self.cancelled.setdefault(int(message["id"]), threading.Event())
            self._waiting.append(message)
            self._ready.notify()

    def cancel(self, rid: int) -> None:
        with self._ready:
            self.cancelled.setdefault(rid, threading.Event()).set()

    def close(self) -> None:
        with self._ready:
            self.closed = True
            self._ready.notify()

    def urgent(self, above: int) -> bool:
        """Whether a request more urgent than `above` waits (asked between two tokens: cheap)."""
        with self._ready:
            return any(_priority(m) > above for m in self._waiting)

    def take(self, above: int | None = None) -> dict[str, Any] | None:
        """The most urgent waiting request (more urgent than `above` if given, without waiting); None when
        there is none such, or once the parent closed the pipe and nothing waits."""
        with self._ready:
            while above is None and not self._waiting and not self.closed:
                self._ready.wait()
            eligible = [m for m in self._waiting if above is None or _priority(m) > above]
            if not eligible:
                return None
            chosen = max(eligible, key=_priority)  # max keeps the first of equals: arrival order
            self._waiting.remove(chosen)
            return chosen


def _priority(message: dict[str, Any]) -> int:
    try:
        return int(message.get("priority") or 0)
    except (TypeError, ValueError):
        return 0


def _reader(requests: Requests) -> None:
    for line in sys.stdin:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if message.get("op") == "cancel":
            requests.cancel(int(message["id"]))
        elif message.get("op") == "complete":
            requests.put(message)
    requests.close()  # the parent closed the pipe: finish


class _GiveWay:
    """A running request's preemption hook: serves every waiting request more urgent than it."""

    def __init__(self, serve: Any, requests: Requests, priority: int) -> None:
        self._serve, self._requests, self._priority = serve, requests, priority

    def waiting(self) -> bool:
        return self._requests.urgent(self._priority)

    def serve(self) -> None:
        while (message := self._requests.take(above=self._priority)) is not None:
            self._serve(message)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:300]


def main() -> int:
    out = _protocol_stream()

    def send(message: dict[str, Any]) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    path, extra_bufts = os.environ["GAMEHALL_LOCAL_MODEL_PATH"], os.environ.get("GAMEHALL_EXTRA_BUFTS") == "1"
    module, _, name = os.environ.get(ENV_ENGINE, DEFAULT_ENGINE).partition(":")
    try:
        engine = getattr(importlib.import_module(module), name)(path, extra_bufts)
    except MemoryError:
        send({"op": "fatal", "error": f"not enough memory to load {path}"})
        return 1
    except Exception as error:  # noqa: BLE001 - every load failure becomes one line for the parent
        send({"op": "fatal", "error": f"cannot load {path}: {_one_line(error)}"})
        return 1
    send({"op": "ready", "extra_bufts": extra_bufts, "pid": os.getpid()})
    requests = Requests()
    threading.Thread(target=_reader, args=(requests,), daemon=True).start()

    def serve(message: dict[str, Any]) -> None:
        rid = int(message["id"])
        flag = requests.cancelled.get(rid) or threading.Event()
        give_way = _GiveWay(serve, requests, _priority(message))
        try:
            extra = {"segments": message["segments"]} if message.get("segments") else {}
            result = engine.complete(message["prompt"], message.get("params") or {}, message.get("tools") or [],
                                     message.get("tool_choice"), flag, give_way, **extra)
            send({"op": "done", "id": rid, **result})
        except Exception as error:  # noqa: BLE001 - a failed request is the parent's to report
            send({"op": "error", "id": rid, "error": _one_line(error), "kind": type(error).__name__})
        finally:
            requests.cancelled.pop(rid, None)

    while (message := requests.take()) is not None:
        serve(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
