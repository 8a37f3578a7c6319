"""The parent's side of the local model's worker process: start it, send requests, notice its death."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from agents.cache import cache_dir

LOG_NAME = "local-model.log"
LOG_MAX_BYTES = 5_000_000
READY_TIMEOUT_S = 300.0  # loading a GGUF from a slow disk; a hung load still ends
SIGNAL_HINTS = {signal.SIGSEGV: "a native crash in llama.cpp", signal.SIGBUS: "a native crash in llama.cpp",
                signal.SIGILL: "an instruction this CPU lacks", signal.SIGABRT: "llama.cpp aborted",
                signal.SIGKILL: "killed, most likely out of memory"}


class LocalModelError(Exception):
    """The embedded model cannot answer (it will not load, or its worker keeps dying); one line says why."""


class WorkerDied(Exception):
    """The worker process ended while a request was open (the message names the signal or exit code)."""


def verbose() -> bool:
    return os.environ.get("GAMEHALL_VERBOSE", "") not in ("", "0")


@dataclass
class _Slot:
    done: threading.Event = field(default_factory=threading.Event)
    reply: dict[str, Any] | None = None


class Worker:
    """One `python -m agents.local_worker` process; thread-safe `request` from any number of threads."""

    def __init__(self, path: str, extra_bufts: bool, reason: str) -> None:
        self.path, self.extra_bufts = path, extra_bufts
        self.log_path = cache_dir() / LOG_NAME
        self._log_start = self._open_log()
        env = dict(os.environ, GAMEHALL_LOCAL_MODEL_PATH=path, GAMEHALL_EXTRA_BUFTS="1" if extra_bufts else "0")
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
        stderr: Any = None if verbose() else open(self.log_path, "ab")  # noqa: SIM115 - the child holds it
        if stderr is not None:
            stderr.write(f"--- worker for {path}; extra buffer types {'on' if extra_bufts else 'off'}: "
                         f"{reason}\n".encode())
            stderr.flush()
        self.proc = subprocess.Popen([sys.executable, "-m", "agents.local_worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=stderr, env=env, start_new_session=True)
        if stderr is not None:
            stderr.close()
        self._write_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._pending: dict[int, _Slot] = {}
        self._ready = _Slot()
        self._death: str | None = None
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()

    @property
    def alive(self) -> bool:
        return self._death is None and self.proc.poll() is None

    def wait_ready(self) -> None:
        """Block until the model is loaded; LocalModelError if it cannot be, WorkerDied if the process died."""
        if not self._ready.done.wait(READY_TIMEOUT_S):
            self.close()
            raise LocalModelError(f"the local model did not load within {READY_TIMEOUT_S:g} s")
        reply = self._ready.reply or {}
        if reply.get("op") == "fatal":
            raise LocalModelError(self._with_log_hint(str(reply.get("error"))))
        if reply.get("op") != "ready":
            raise WorkerDied(self._death or "no ready line")

    def request(self, payload: dict[str, Any], cancelled: threading.Event) -> dict[str, Any]:
        """Send one completion request and wait for its reply (a set `cancelled` abandons it)."""
        rid, slot = next(self._ids), _Slot()
        self._pending[rid] = slot
        try:
            self._send({"op": "complete", "id": rid, **payload})
            while not slot.done.wait(0.05):
                if cancelled.is_set():
                    self._send({"op": "cancel", "id": rid})
                    raise TimeoutError("the local model's call was cancelled")
        finally:
            self._pending.pop(rid, None)
        reply = slot.reply or {}
        if reply.get("op") == "done":
            return reply
        if reply.get("op") == "error":
            if reply.get("kind") == "TimeoutError":
                raise TimeoutError(reply.get("error"))
            raise LocalModelError(f"the local model failed: {reply.get('error')}")
        raise WorkerDied(self._death or "the worker closed its pipe")

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()  # type: ignore[union-attr]
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()

    def _send(self, message: dict[str, Any]) -> None:
        line = (json.dumps(message) + "\n").encode()
        with self._write_lock:
            try:
                self.proc.stdin.write(line)  # type: ignore[union-attr]
                self.proc.stdin.flush()  # type: ignore[union-attr]
            except (BrokenPipeError, ValueError, OSError):
                self.proc.wait()
                raise WorkerDied(self._describe_exit()) from None

    def _read(self, stream: IO[bytes]) -> None:
        for raw in stream:
            try:
                reply = json.loads(raw)
            except ValueError:
                continue
            if reply.get("op") in ("ready", "fatal"):
                self._ready.reply = reply
                self._ready.done.set()
            elif (slot := self._pending.get(int(reply.get("id", -1)))) is not None:
                slot.reply = reply
                slot.done.set()
        self.proc.wait()
        self._death = self._describe_exit()
        for slot in [self._ready, *self._pending.values()]:
            slot.done.set()

    def _describe_exit(self) -> str:
        code = self.proc.returncode
        if code is not None and code < 0:
            try:
                sig = signal.Signals(-code)
                what = f"{sig.name} ({SIGNAL_HINTS[sig]})" if sig in SIGNAL_HINTS else sig.name
            except ValueError:
                what = f"signal {-code}"
        else:
            what = f"exit code {code}"
        return self._with_log_hint(what)

    def _open_log(self) -> int:
        if verbose():
            return 0
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        if self.log_path.exists() and self.log_path.stat().st_size > LOG_MAX_BYTES:
            self.log_path.unlink()
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def _with_log_hint(self, what: str) -> str:
        """`what`, plus llama.cpp's own last error line from this worker's part of the log, if it wrote one."""
        if verbose():
            return what
        try:
            with open(self.log_path, "rb") as log:
                log.seek(self._log_start)
                lines = log.read().decode("utf-8", "replace").splitlines()
        except OSError:
            lines = []
        cause = next((" ".join(line.split())[:160] for line in reversed(lines)
                      if any(word in line.lower() for word in ("error", "invalid", "failed", "cannot"))), "")
        hint = f" ({cause})" if cause and cause not in what else ""
        return f"{what}{hint}; log: {self.log_path}"
