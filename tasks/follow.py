"""Following a game as its referee, over MCP only: the event log as it grows (public lines while the game
runs, the hidden ones once it is over), frames at most FRAME_HZ a second, and the final view with the
world's own counts. The same code follows an in-memory server and a remote one."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any

from envs.core.schema import run_event

FRAME_HZ = 10.0  # the most reads (and frames) a second of one game
RUN_FRAME_HZ = 40.0  # the most a second over all the games a run plays at once: 64 games read at 10 Hz cost the
# harness more CPU than their moves (bench/ray.py); the log is whole either way, only frames get sparser
POLL_S = 1.0  # the longest a long-poll holds
Emit = Callable[[dict[str, Any]], None]


def pace(concurrency: int) -> float:
    """The least seconds between two reads of one game when `concurrency` games run at once: FRAME_HZ each, and
    RUN_FRAME_HZ over the run."""
    return max(1.0 / FRAME_HZ, max(1, concurrency) / RUN_FRAME_HZ)


class GameFollower:
    """Reads a game through the `referee` tool and emits its log lines and frames as event records."""

    def __init__(self, client: Any, referee_token: str, emit: Emit, pace_s: float = 1.0 / FRAME_HZ) -> None:
        """`pace_s`: the least time between two reads while the game runs (`pace(concurrency)` for a run)."""
        self.client = client
        self.pace_s = max(pace_s, 1.0 / FRAME_HZ)
        self._token = referee_token
        self._emit = emit
        self.view: dict[str, Any] = {}
        self.changed = asyncio.Event()
        self._since = 0
        self._written: set[int] = set()
        self._started = time.monotonic()
        self._frame_at = float("-inf")
        self._stop = asyncio.Event()

    async def run(self) -> dict[str, Any]:
        """Follow until the game ends or `stop()`; then read what remains (all of it, once it is over)."""
        while not self._stop.is_set():
            began = time.monotonic()
            view = await self._poll_until_stopped()
            if view is None:  # stopped while the long-poll held: the game will not change for it
                break
            if view["done"]:
                await self._stop.wait()  # seats may still write after the end (a reflection): read once they stop
                break
            # At most one read a pace: a realtime world ticks faster than a log needs frames.
            rest = self.pace_s - (time.monotonic() - began)
            if rest > 0:
                try:
                    await asyncio.wait_for(self._stop.wait(), rest)
                except TimeoutError:
                    pass
        return await self.finish()

    def stop(self) -> None:
        self._stop.set()

    async def _poll_until_stopped(self) -> dict[str, Any] | None:
        """A long-poll, given up (the call cancelled) as soon as `stop()` is called: the seats have finished, so
        the episode need not wait out POLL_S for a game nobody moves any more. None if it was given up."""
        polling = asyncio.ensure_future(self.poll(POLL_S))
        stopping = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if polling.done():
            return polling.result()
        polling.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
        return None

    async def poll(self, timeout_s: float = 0.0) -> dict[str, Any]:
        view = await self._call(self._since, timeout_s)
        self._take(view)
        self._frame(view, final=False)
        return view

    async def finish(self) -> dict[str, Any]:
        """The last view: once the game is over, the whole log from seq 0 (hidden lines were held back). One read
        when the game's end was already seen (straight from seq 0) or it has not ended; two when it ended since
        the last read; more only for a log longer than a page."""
        view = self.view
        if not view.get("done"):
            view = await self._call(self._since, 0.0)
            self._take(view)
        if view["done"]:
            since = 0
            while True:
                view = await self._call(since, 0.0)
                self._take(view)
                if not _more(view) or view["next_since"] <= since:
                    break
                since = view["next_since"]
        self._frame(view, final=True)
        return view

    def _take(self, view: dict[str, Any]) -> None:
        self.view = view
        self._since = max(self._since, view["next_since"])
        for record in view["events"]:
            if record["seq"] not in self._written:
                self._written.add(record["seq"])
                self._emit(record)
        self.changed.set()
        self.changed = asyncio.Event()

    def _frame(self, view: dict[str, Any], final: bool) -> None:
        now = time.monotonic()
        if not final and now - self._frame_at < self.pace_s:
            return
        self._frame_at = now
        self._emit(run_event("frame", view["frame"], time=round(now - self._started, 6), tick=view["tick"]))

    async def _call(self, since: int, timeout_s: float) -> dict[str, Any]:
        args = {"referee_token": self._token, "since": since, "timeout_s": timeout_s}
        result = await self.client.call_tool("referee", args)
        if result.is_error:
            text = result.content[0].text if result.content else "referee failed"
            raise RuntimeError(f"referee refused: {text.replace(self._token, '<referee_token>')[:300]}")
        return result.structured_content


def _more(view: dict[str, Any]) -> bool:
    """Whether the log holds lines past the page `view` returned (a server without `more` says so by a next
    page that is not empty: read until one is)."""
    more = view.get("more")
    return bool(view["events"]) if more is None else bool(more)


def merge_by_seq(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An episode's lines with the world's hidden lines, which a referee reads only once the game is over, put
    back where they happened in the log (before the first world line after them); other lines keep their order."""
    hidden = sorted((r for r in records if r.get("to") is not None and r.get("seq", -1) >= 0), key=lambda r: r["seq"])
    if not hidden:
        return records
    late = {id(r) for r in hidden}
    out: list[dict[str, Any]] = []
    after_world: int | None = None
    taken = 0
    for record in records:
        if id(record) in late:
            continue
        seq = record.get("seq", -1)
        if seq >= 0:
            while taken < len(hidden) and hidden[taken]["seq"] < seq:
                out.append(hidden[taken])
                taken += 1
            out.append(record)
            after_world = len(out)
        else:
            out.append(record)
    at = len(out) if after_world is None else after_world
    out[at:at] = hidden[taken:]
    return out
