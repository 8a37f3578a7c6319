"""The realtime clock and its two drivers (a thread, an asyncio task): ticks happen on wall time, whether
or not any seat has acted, on absolute deadlines (no drift). A tick that overruns its period is not caught
up with a burst: the clock skips to the next deadline, as a real kitchen clock would."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from envs.core.session import Session


def next_deadline(deadline: float, period: float, now: float) -> float:
    return max(deadline + period, now)


class ThreadClock:
    """Ticks a realtime Session from a daemon thread at its `tick_hz`."""

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
            deadline = next_deadline(deadline, period, time.monotonic())


async def run_async_clock(session: Session, running: Callable[[], bool] = lambda: True,
                          after_tick: Callable[[], None] | None = None) -> None:
    """The same clock as an asyncio task (the servers'): ticks until the game ends or `running()` is false;
    `after_tick` runs after each tick (the servers' bots move and idle seats are swept there)."""
    import asyncio

    period = 1.0 / session.tick_hz
    loop = asyncio.get_running_loop()
    deadline = loop.time() + period
    while not session.done and running():
        await asyncio.sleep(max(0.0, deadline - loop.time()))
        if not running():
            return
        session.tick()
        if after_tick is not None:
            after_tick()
        deadline = next_deadline(deadline, period, loop.time())
