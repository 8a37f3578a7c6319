"""The realtime side of the Kitchen env: a wall clock and the partners, each in its own thread, so a
slow partner (or a slow agent) never holds the clock back; their late moves land on later ticks."""

from __future__ import annotations

import threading

from envs.core import Event, EventKind, Policy, SeatId, Session
from envs.core.clock import ThreadClock

_SLACK_TICKS = 20
"""How many tick periods `wait_for_tick` waits before giving up (only if the clock has died)."""


class RealtimeRunner:
    """Runs the clock and one thread per partner seat; the agent's env waits on `wait_for_tick`."""

    def __init__(self, session: Session, agent: SeatId, policies: dict[SeatId, Policy]) -> None:
        self.session = session
        self._ticked = threading.Condition()
        self._stop = threading.Event()
        self._unsubscribe = session.subscribe(self._on_event)
        self._clock = ThreadClock(session)
        self._partners = [
            threading.Thread(target=self._play, args=(seat, policy), name=f"kitchen-{seat}", daemon=True)
            for seat, policy in policies.items() if seat != agent
        ]

    def start(self) -> RealtimeRunner:
        for thread in self._partners:
            thread.start()
        self._clock.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._clock.stop()
        with self._ticked:
            self._ticked.notify_all()
        for thread in self._partners:
            if thread is not threading.current_thread():
                thread.join(timeout=2.0)
        self._unsubscribe()

    def wait_for_tick(self, after: int) -> None:
        """Block until the tick counter passes `after`, the game ends, or the runner stops."""
        timeout = _SLACK_TICKS / self.session.tick_hz
        with self._ticked:
            self._ticked.wait_for(self._past(after), timeout=timeout)

    def _past(self, tick: int):
        return lambda: self._stop.is_set() or self.session.done or self.session.tick_count > tick

    def _on_event(self, event: Event) -> None:
        if event.kind in (EventKind.TICK, EventKind.EPISODE_ENDED):
            with self._ticked:
                self._ticked.notify_all()

    def _play(self, seat: SeatId, policy: Policy) -> None:
        """A partner: look, think (as long as it likes: the clock keeps going), move, wait for a tick."""
        session = self.session
        while not self._stop.is_set() and not session.done:
            command = session.ask(seat, policy)
            if self._stop.is_set():
                return
            tick = session.tick_count
            session.act(seat, command)
            if not command.startswith("say "):
                self.wait_for_tick(after=tick)
