"""Drivers for the realtime clock: ticks happen on wall time, whether or not any seat has acted."""

from __future__ import annotations

import asyncio
import threading
import time

from envs.core.session import Session


class ThreadClock:
    """Ticks a realtime Session from a daemon thread at its `tick_hz`, on absolute deadlines (no drift).

    If a tick takes longer than its period the clock does not try to catch up with a burst: it skips
    to the next deadline, as a real kitchen clock would.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gamehall-clock", daemon=True)

    def start(self) -> ThreadClock:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=2.0)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        period = 1.0 / self.session.tick_hz
        deadline = time.monotonic() + period
        while not self._stop.wait(max(0.0, deadline - time.monotonic())):
            self.session.tick()
            if self.session.done:
                return
            deadline = max(deadline + period, time.monotonic())


async def run_async_clock(session: Session, stop: asyncio.Event | None = None) -> None:
    """The same clock as an asyncio task (used by servers): ticks until the game ends or `stop` is set."""
    period = 1.0 / session.tick_hz
    loop = asyncio.get_running_loop()
    deadline = loop.time() + period
    stop = stop or asyncio.Event()
    while not session.done and not stop.is_set():
        await asyncio.sleep(max(0.0, deadline - loop.time()))
        if stop.is_set():
            return
        session.tick()
        deadline = max(deadline + period, loop.time())
