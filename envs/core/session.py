"""Session: one running game — state, rng, seats, clock, event log, counters and decision latency."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from envs.core.events import Event, EventKind, SeatId
from envs.core.world import Observation, Policy, Result, World

Clock = Literal["turn", "lockstep", "realtime"]
CLOCKS: tuple[str, ...] = ("turn", "lockstep", "realtime")
Listener = Callable[[Event], None]
_INVALID = EventKind.INVALID_ACTION  # an enum member lookup costs 0.1 us on 3.11; this runs on every act


@dataclass(slots=True)
class SeatStats:
    """Per-seat counters; latency is measured from the seat's last observation to its next action."""

    actions: int = 0
    invalid: int = 0
    latency_ms: list[float] = field(default_factory=list)
    latency_ticks: list[int] = field(default_factory=list)
    seen_at: tuple[float, int] | None = None


MIN_HZ, MAX_HZ = 0.1, 1000.0  # slower never ticks in a game's life; faster plays a game in a blink


def _real(value: object) -> bool:
    """A finite int or float (not a bool, a string, None or NaN)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class Session:
    """Owns one game of one world.

    Clocks: `turn` and `lockstep` advance the world as soon as no seat is awaited (deterministic: same
    seed and same actions give the same game); `realtime` advances only when `tick()` is called, which a
    clock driver does at `tick_hz` whether or not anyone acted. All public methods are thread-safe.
    """

    def __init__(
        self,
        world: World,
        scenario: Any,
        *,
        seed: int | None = None,
        rng: np.random.Generator | None = None,
        clock: Clock = "turn",
        tick_hz: float = 10.0,
        time_fn: Callable[[], float] = time.monotonic,
    ) -> None:
        if clock not in CLOCKS:
            raise ValueError(f"clock must be one of {CLOCKS}, got {clock!r}")
        if not _real(tick_hz) or not MIN_HZ <= tick_hz <= MAX_HZ:
            raise ValueError(f"tick_hz must be a number from {MIN_HZ:g} to {MAX_HZ:g} ticks a second, got {tick_hz!r}")
        self.world = world
        self.scenario = scenario
        # The world's methods of every step, bound once (an attribute lookup and a bound method fewer per call)
        self._apply, self._advance, self._tick, self._score = world.apply, world.advance, world.tick, world.score
        self.clock: Clock = clock
        self.tick_hz = float(tick_hz)
        self.rng = rng if rng is not None else np.random.default_rng(seed)
        self._time = time_fn
        self._start = time_fn()
        self.lock = threading.RLock()
        self.events: list[Event] = []
        self._listeners: list[Listener] = []
        self.state = world.new_state(scenario, self.rng)
        self.stats: dict[SeatId, SeatStats] = {s: SeatStats() for s in world.seats(self.state)}
        self._scores: dict[SeatId, float] = {}
        # Per-state memos (states are never mutated): a step asks for the result and a seat's view many times.
        self._result: tuple[Any, Result | None] = (None, None)
        self._views: dict[SeatId, tuple[Any, Observation]] = {}
        self._score_state: Any = None
        self._ended = False
        self._emit([Event(EventKind.EPISODE_STARTED, data={"world": world.name, "clock": clock})])
        opening = getattr(world, "opening", None)  # optional: the world's first lines, before anyone moves
        if opening is not None:
            self.state, events = opening(self.state)
            self._emit(list(events))

    # -- reading -------------------------------------------------------------------------------

    @property
    def seats(self) -> tuple[SeatId, ...]:
        return self.world.seats(self.state)

    @property
    def tick_count(self) -> int:
        return self.world.tick(self.state)

    @property
    def result(self) -> Result | None:
        state = self.state
        last, result = self._result
        if last is not state:
            result = self.world.result(state)
            self._result = (state, result)
        return result

    @property
    def done(self) -> bool:
        last, result = self._result
        return (result if last is self.state else self.result) is not None

    def awaiting(self) -> frozenset[SeatId]:
        with self.lock:
            state = self.state
            last, result = self._result
            if (result if last is state else self.result) is not None:  # self.done, inline: asked on every move
                return frozenset()
            return self.world.awaiting(state)

    def legal_actions(self, seat: SeatId) -> list[str]:
        self._check_seat(seat)
        with self.lock:
            return [] if self.done else self.world.legal_actions(self.state, seat)

    def observe(self, seat: SeatId) -> Observation:
        """The seat's view; also starts its decision-latency clock."""
        stats = self.stats.get(seat)
        if stats is None:
            self._check_seat(seat)
        with self.lock:
            state = self.state
            stats.seen_at = (self._time(), self._tick(state))
            last = self._views.get(seat)
            if last is not None and last[0] is state:
                return last[1]
            observation = self.world.observe(state, seat)
            self._views[seat] = (state, observation)
            return observation

    def ask(self, seat: SeatId, policy: Policy) -> str:
        """What `policy` plays for `seat` now, shown only what that seat may see."""
        return policy(self.observe(seat))

    def score(self, seat: SeatId) -> float:
        with self.lock:
            return self._score(self.state, seat)

    def info(self, seat: SeatId) -> dict[str, Any]:
        with self.lock:
            return self.world.info(self.state, seat)

    def events_for(self, seat: SeatId | None, since: int = 0) -> list[Event]:
        """Events from sequence number `since` on that `seat` may see (None: the public view)."""
        with self.lock:
            return [e for e in self.events[since:] if e.visible_to(seat)]

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every new event; returns the function that unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # -- acting --------------------------------------------------------------------------------

    def act(self, seat: SeatId, action: str) -> list[Event]:
        """Apply one command from `seat`; returns the events it caused (an `invalid_action` if refused)."""
        stats = self.stats.get(seat)
        if stats is None:
            self._check_seat(seat)
        with self.lock:
            last, result = self._result
            if (result if last is self.state else self.result) is not None:  # self.done, inline: every act asks
                refusal = Event(
                    EventKind.INVALID_ACTION,
                    seat=seat,
                    data={"action": str(action)[:200], "reason": "the game is over", "legal_actions": []},
                    to=frozenset({seat}),
                )
                return self._emit([refusal])
            seen = stats.seen_at
            if seen is not None:  # the decision latency (inline: every act)
                stats.latency_ms.append((self._time() - seen[0]) * 1000.0)
                stats.latency_ticks.append(self._tick(self.state) - seen[1])
                stats.seen_at = None
            self.state, events = self._apply(self.state, seat, action, self.rng)
            refused = False
            for event in events:
                if event.kind == _INVALID:
                    refused = True
                    break
            stats.invalid += refused
            stats.actions += not refused
            emitted = self._emit(events)
            if self.clock != "realtime":
                settled = self._settle()
                if settled:
                    emitted += settled
            return emitted

    def tick(self) -> list[Event]:
        """Advance the world by one step of its clock (the realtime driver calls this at tick_hz)."""
        with self.lock:
            if self.done:
                return []
            self.state, events = self.world.advance(self.state, self.rng)
            return self._emit(list(events)) + self._finish_if_done()

    def note(self, event: Event) -> Event:
        """Add an event from outside the rules (an agent's thought, a server notice) to the log."""
        with self.lock:
            return self._emit([event])[0]

    # -- internals -----------------------------------------------------------------------------

    def _settle(self) -> list[Event]:
        """Turn clocks: advance while nobody is awaited (end of a night, a tick with all moves in)."""
        awaiting, emitted = self.world.awaiting, []
        for _ in range(10_000):
            if awaiting(self.state) or self.result is not None:
                if not self._ended:
                    ended = self._finish_if_done()
                    if ended:
                        emitted += ended
                return emitted
            self.state, events = self._advance(self.state, self.rng)
            emitted += self._emit(events)
        raise RuntimeError(f"{self.world.name}: advance() made no seat awaited after 10000 calls")

    def _finish_if_done(self) -> list[Event]:
        if self._ended:
            return []
        result = self.result
        if result is None:
            return []
        self._ended = True
        data = {"score": result.score, "success": result.success, "metrics": dict(result.metrics)}
        return self._emit([Event(EventKind.EPISODE_ENDED, data=data)])

    def _emit(self, events: Sequence[Event]) -> list[Event]:
        now = self._time() - self._start
        state, log = self.state, self.events
        tick, base = self._tick(state), len(log)
        # Event's constructor inline rather than `stamped`: one call less for each of the events of every step
        if len(events) == 1:  # the usual act: one event, without a list comprehension's frame
            e = events[0]
            stamped = [Event(e.kind, e.seat, e.data, e.to, tick, base, now)]
        else:
            stamped = [Event(e.kind, e.seat, e.data, e.to, tick, base + i, now) for i, e in enumerate(events)]
        log.extend(stamped)
        if self._score_state is not state:  # scores are a function of the state: same state, same scores
            self._score_state = state
            score, scores = self._score, self._scores
            for seat in self.stats:
                value = score(state, seat)
                if scores.get(seat) != value:
                    scores[seat] = value
                    event = Event(EventKind.SCORE, seat, {"score": value}, None, tick, len(log), now)
                    log.append(event)
                    stamped.append(event)
        if self._listeners:
            for event in stamped:
                for listener in list(self._listeners):
                    listener(event)
        return stamped

    def _check_seat(self, seat: SeatId) -> None:
        if seat not in self.stats:
            raise KeyError(f"no seat {seat!r} in this {self.world.name} game; seats: {sorted(self.stats)}")
