"""`python -m agents.local_worker`: the embedded model in a process of its own.

Why a process. A native crash (llama.cpp faulting on some CPUs), a corrupt GGUF or an out-of-memory kill
ends this process, not the run: the parent sees the pipe close, names the cause in one line and the
episode ends with status error. llama.cpp also writes to the C stdout/stderr; here both go to the
worker's log file (or the user's stderr with --verbose), never into a run's machine-readable output.

Protocol: JSON lines. Requests on stdin: `{"op": "complete", "id", "prompt", "params", "tools",
"tool_choice"}` and `{"op": "cancel", "id"}`. Replies on the protocol pipe (the original stdout): first
`{"op": "ready", ...}` or `{"op": "fatal", "error"}`, then `{"op": "done", "id", ...}` or
`{"op": "error", "id", "error"}` per request, in the order they were taken.
"""

from __future__ import annotations

import importlib
import json
import os
import queue
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


def _reader(requests: queue.Queue, cancelled: dict[int, threading.Event]) -> None:
    for line in sys.stdin:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if message.get("op") == "cancel":
            cancelled.setdefault(int(message["id"]), threading.Event()).set()
        elif message.get("op") == "complete":
            cancelled.setdefault(int(message["id"]), threading.Event())
            requests.put(message)
    requests.put(None)  # the parent closed the pipe: finish


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
    requests: queue.Queue = queue.Queue()
    cancelled: dict[int, threading.Event] = {}
    threading.Thread(target=_reader, args=(requests, cancelled), daemon=True).start()
    while (message := requests.get()) is not None:
        rid = int(message["id"])
        flag = cancelled.get(rid) or threading.Event()
        try:
            result = engine.complete(message["prompt"], message.get("params") or {}, message.get("tools") or [],
                                     message.get("tool_choice"), flag)
            send({"op": "done", "id": rid, **result})
        except Exception as error:  # noqa: BLE001 - a failed request is the parent's to report
            send({"op": "error", "id": rid, "error": _one_line(error), "kind": type(error).__name__})
        finally:
            cancelled.pop(rid, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
