"""An external program as a contestant (`kind: cmd`): the runner has created the game; the program gets its
seat through its environment, plays over MCP by itself, and is stopped when the game ends or a limit hits.

    GAMEHALL_MCP_URL      the world's streamable-HTTP MCP endpoint
    GAMEHALL_TOKEN        the bearer token that endpoint wants (`Authorization: Bearer ...`), if any
    GAMEHALL_SEAT_TOKEN   the seat's token (pass it as seat_token)
    GAMEHALL_WORLD        the world's name
    GAMEHALL_EPISODE_ID   the episode's id in the run

What happened is read as the game's referee (the seat's own view is the program's: reading it here would
mark its events as seen)."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import signal
import time
from collections.abc import Awaitable, Callable

from agents.seat import AgentError, SeatClient
from agents.spec import AgentSpec

Endpoint = Callable[[str], Awaitable[tuple[str, str | None]]]
"""world -> (MCP URL, bearer token or None) the program should use."""
STDERR_LINES = 5
CHECK_S = 0.2
KILL_GRACE_S = 2.0


class CommandAgent:
    def __init__(self, spec: AgentSpec, endpoint: Endpoint) -> None:
        if not spec.command:
            raise AgentError("a cmd agent needs a command")
        self.spec = spec
        self._endpoint = endpoint

    async def play(self, seat: SeatClient) -> None:
        if seat.referee is None:
            raise AgentError("a cmd agent plays only in a runner that referees the game")
        url, bearer = await self._endpoint(seat.world)
        env = {**os.environ, "GAMEHALL_MCP_URL": url, "GAMEHALL_SEAT_TOKEN": seat.token_for_process(),
               "GAMEHALL_WORLD": seat.world, "GAMEHALL_EPISODE_ID": seat.episode_id}
        env.pop("GAMEHALL_TOKEN", None)
        if bearer:
            env["GAMEHALL_TOKEN"] = bearer
        secrets = [seat.token_for_process(), bearer or ""]
        process = await asyncio.create_subprocess_shell(
            self.spec.command or "", env=env, stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE, start_new_session=True)
        tail: collections.deque[str] = collections.deque(maxlen=STDERR_LINES)
        reader = asyncio.create_task(_read_lines(process.stderr, tail))
        try:
            await self._watch(seat, process, tail, secrets)
        finally:
            await _stop(process)
            reader.cancel()

    async def _watch(self, seat: SeatClient, process: asyncio.subprocess.Process, tail: collections.deque[str],
                     secrets: list[str]) -> None:
        started = time.monotonic()
        moves, moved_at = -1, started
        while True:
            view = seat.referee.view
            if view.get("done"):
                return
            stats = (view.get("stats") or {}).get(seat.seat) or {}
            count = int(stats.get("actions", 0)) + int(stats.get("invalid", 0))
            now = time.monotonic()
            if count != moves:
                moves, moved_at = count, now
            if process.returncode is not None:
                await asyncio.sleep(CHECK_S)  # let its last lines of stderr arrive
                if (await seat.referee.poll()).get("done"):
                    return  # it saw the end before the referee's last read did
                raise AgentError(_scrub(f"the command exited with code {process.returncode} before the game "
                                        f"ended{_stderr(tail)}", secrets))
            if self.spec.max_steps is not None and count >= self.spec.max_steps:
                seat.stop_reason = "max_steps"
                return
            if self.spec.max_seconds is not None and now - started >= self.spec.max_seconds:
                seat.stop_reason = "max_seconds"
                return
            awaited = seat.seat in (view.get("awaiting") or [])
            if now - moved_at >= self.spec.max_silent_s and (awaited or moves <= 0):
                what = "never made a move" if moves <= 0 else "made no move"
                raise AgentError(_scrub(f"the command {what} in {self.spec.max_silent_s:g} s (still running, "
                                        f"killed){_stderr(tail)}", secrets))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(seat.referee.changed.wait(), CHECK_S)


async def _read_lines(stream: asyncio.StreamReader | None, tail: collections.deque[str]) -> None:
    if stream is None:
        return
    while line := await stream.readline():
        text = line.decode("utf-8", errors="replace").rstrip()
        if text:
            tail.append(text[:300])


async def _stop(process: asyncio.subprocess.Process) -> None:
    """End the program and everything it started (its own process group): TERM, then KILL."""
    if process.returncode is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            await asyncio.wait_for(process.wait(), KILL_GRACE_S)
            return
        except TimeoutError:
            continue


def _stderr(tail: collections.deque[str]) -> str:
    return "; stderr: " + " | ".join(tail) if tail else " (nothing on stderr)"


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<token>")
    return text
