"""The hierarchical agent under a realtime clock: the seat never waits for a mind.

While a macro runs, the fast mind already chooses the next one, on the view the running macro will most
likely end in (the world's forecast, `macros(after=...)`). When a macro ends, the ready choice starts at
once if it can still begin (a choice made stale by what happened meanwhile is re-checked, never played
blind); if none is ready, the executor plays the world's reactive default (`macros(plan=...)`: the plan's
next step, what it needs, stepping aside), chosen by rules and counted as `executor`.

Under a turn or lockstep clock the world waits for the seat, so thinking costs no ticks: the agent then
chooses on the real view (agents/hierarchical.py), as it always did.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from agents.executor import execute_macro
from agents.loop import View
from agents.minds import Board
from agents.seat import SeatClient, ToolRefused
from agents.spec import Budget

Choose = Callable[[View, list[str]], Awaitable[str]]


@dataclass(frozen=True)
class Choice:
    """A macro a mind chose ahead, and the macro on whose forecast it chose it."""

    name: str
    after: str
    who: str = "model:fast"  # `forced` when there was only one option


class TickClock:
    """Decision latency in ticks: the world's tick before and after a decision (realtime games only)."""

    def __init__(self, seat: SeatClient) -> None:
        self.seat = seat

    async def now(self) -> int:
        return int((await self.seat.observe()).get("tick") or 0)

    async def timed(self, mind: str, decision: Awaitable[Any]) -> Any:
        first = await self.now()
        result = await decision
        self.seat.usage.record_ticks(mind, await self.now() - first)
        return result


class Pipeline:
    """Realtime play over macros: one macro runs while the fast mind chooses the next."""

    def __init__(self, seat: SeatClient, budget: Budget, board: Board, choose: Choose, *,
                 ahead: bool = True) -> None:
        """`choose(view, options)` asks the fast mind; `ahead=False` leaves the executor alone (no mind)."""
        self.seat, self.budget, self.board, self.choose = seat, budget, board, choose
        self.ahead = ahead
        self.clock = TickClock(seat)
        self.ready: Choice | None = None
        self.thinking: asyncio.Task | None = None
        self.runs: set[asyncio.Task] = set()  # interrupted macros' calls, answered once the next move lands

    async def run(self, view: View) -> None:
        try:
            while not view.get("done") and not self.budget.exhausted():
                self.board.raise_failure()
                self.board.see(view, self.seat.drain_events())
                listed = await self.seat.call("macros", plan=self.board.plan)
                name = self._next(listed)
                if name is None:  # no macro at all right now: let a tick pass
                    view = await self.seat.wait(0.5)
                    continue
                if self.ahead and self.thinking is None and self.ready is None:
                    self.thinking = asyncio.create_task(self._think(name))
                view = await self._execute(name) or await self.seat.observe()
        finally:
            for task in [t for t in (self.thinking, *self.runs) if t is not None]:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    def _next(self, listed: dict[str, Any]) -> str | None:
        """The ready choice if it can begin now; else the rules' reactive pick (the executor's decision)."""
        feasible = {m["name"]: m for m in listed["macros"] if m["feasible"]}
        self._collect()
        if self.ready is not None:
            choice, self.ready = self.ready, None
            if choice.name in feasible:
                self.seat.usage.decided(choice.who)
                return choice.name
            reason = next((m["reason"] for m in listed["macros"] if m["name"] == choice.name), "") or "not listed"
            self.seat.thought("executor", f"stale choice {choice.name} (chosen for after {choice.after}) "
                              f"cannot begin now: {reason}")
        name = listed.get("reactive")
        if name is None or name not in feasible:
            return None
        self.seat.usage.decided("executor")
        self.seat.thought("executor", f"reactive {name}: {listed.get('reactive_why') or ''}".strip())
        return name

    def _collect(self) -> None:
        """Take the fast mind's finished choice (its failure ends play, as a slow mind's does)."""
        task = self.thinking
        if task is None or not task.done():
            return
        self.thinking = None
        self.ready = task.result()

    async def _think(self, after: str) -> Choice | None:
        """Choose the macro to play after `after`, on the forecast of where `after` ends."""
        try:
            ahead = await self.seat.call("macros", after=after)
        except ToolRefused:  # it cannot begin any more (it ended at once): choose on the view now
            ahead = await self.seat.call("macros")
        options = [m["name"] for m in sorted((m for m in ahead["macros"] if m["feasible"]), key=lambda m: -m["score"])]
        if not options:
            return None
        if len(options) == 1:
            return Choice(options[0], after, "forced")
        view = dict(self.seat.view)
        if ahead.get("observation"):
            view["observation"] = f"(where `{after}` most likely ends)\n{ahead['observation']}"
        name = await self.clock.timed("fast", self.choose(view, options))
        self.seat.thought("fast", f"next after {after}: {name}")
        return Choice(name, after)

    async def _execute(self, name: str) -> View | None:
        """Run one macro to its end, or until the slow mind interrupts it."""
        result, interrupted = await execute_macro(self.seat, self.board, self.runs, name)
        if interrupted:
            self.ready = None  # chosen for after a macro that did not end
        return result
