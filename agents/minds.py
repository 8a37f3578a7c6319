"""What the hierarchical agent's minds share (the Board), and the slow mind that writes the plan."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from agents.model import ModelClient, ToolCall
from agents.prompting import cap, prompt, view_values
from agents.seat import AgentError, SeatClient, ToolRefused
from agents.tools import forced, text_tool

MAX_RECENT = 30
RULES_CHARS = {False: 8_000, True: 1_500}  # by whether the model is a small local one
SLOW_TOOLS = [
    text_tool("plan", "Set the intention the fast mind follows from now on.", "plan", "One or two sentences."),
    text_tool("say", "Say something to the other players.", "text", "What to say, briefly."),
    text_tool("interrupt", "Stop the running macro now; the fast mind chooses again.", "reason", "Why."),
]


class Board:
    """The plan, what the fast mind is doing, the latest view and events; and the signals between minds."""

    def __init__(self) -> None:
        self.plan = "(no plan yet: pick what scores)"
        self.doing = "(nothing yet)"
        self.view: dict[str, Any] = {}
        self.recent: list[dict[str, Any]] = []
        self.unread: list[dict[str, Any]] = []
        self.fresh = asyncio.Event()
        self.interrupted = asyncio.Event()
        self.closed = False
        self.failure: AgentError | None = None
        self._interrupt_reason = ""

    def see(self, view: dict[str, Any], events: list[dict[str, Any]]) -> None:
        """A new view from the fast loop: wakes the slow mind."""
        self.view = view
        self.recent = (self.recent + events)[-MAX_RECENT:]
        self.unread = (self.unread + events)[-MAX_RECENT:]
        self.fresh.set()

    def interrupt(self, reason: str) -> None:
        self._interrupt_reason = reason
        self.interrupted.set()

    def take_interrupt(self) -> str:
        self.interrupted.clear()
        return self._interrupt_reason

    def close(self) -> None:
        self.closed = True
        self.fresh.set()

    def raise_failure(self) -> None:
        """The slow mind's fatal error surfaces in the foreground, where play can end with it."""
        if self.failure is not None:
            raise self.failure


class SlowMind:
    """Thinks whenever there is something new, at its own pace; never blocks the fast loop."""

    def __init__(self, model: ModelClient, seat: SeatClient, board: Board, *, shares_model: bool = False,
                 memory: Any = None) -> None:
        """`shares_model`: both minds run on this process's one local model, so the slow mind rests as long
        as it thought after each thought, leaving the model to the fast mind at least half the time.
        `memory` (an EpisodeMemory): won games like this one are shown with each thought, and the plan kept."""
        self.model, self.seat, self.board = model, seat, board
        self.memory = memory
        self.shares_model = shares_model
        self.system: str | None = None
        self.thought_on: str | None = None
        self.clock: Any = None  # a TickClock in realtime games: the thought's latency in ticks

    async def run(self) -> None:
        try:
            while True:
                await self.board.fresh.wait()
                self.board.fresh.clear()
                if self.board.closed or self.board.view.get("done"):
                    return
                started = time.perf_counter()
                await self.think()
                if self.shares_model:
                    await asyncio.sleep(time.perf_counter() - started)
        except AgentError as error:
            self.board.failure = error
        except Exception as error:  # noqa: BLE001 - a dead slow mind must end play, not vanish in its task
            self.board.failure = AgentError(f"the slow mind failed: {type(error).__name__}: {error}"[:300])

    async def prepare(self) -> None:
        """Read the rules before play starts, so the first thought comes as soon as there is a view."""
        rules = await mind_rules(self.seat, self.model.model)
        self.system = prompt("slow_system", world=self.seat.world, seat=self.seat.seat, rules=rules)

    async def think(self) -> None:
        if self.system is None:
            await self.prepare()
        events, self.board.unread = self.board.unread, []
        self.thought_on = self.board.view.get("phase")  # what it says is meant for this phase only
        values = view_values(self.board.view, events)
        user = prompt("slow_turn", **values, doing=self.board.doing, plan=self.board.plan)
        if self.memory is not None:
            recalled = self.memory.examples(self.board.view, "slow", "plan")
            user = f"{recalled}\n\n{user}" if recalled else user
        messages = [{"role": "system", "content": self.system}, {"role": "user", "content": user}]
        asked = self.model.ask(messages, SLOW_TOOLS, self._tool_choice())
        reply = await (self.clock.timed("slow", asked) if self.clock is not None else asked)
        if not reply.tool_calls and reply.text:
            self._plan(reply.text)
        for call in reply.tool_calls:
            await self._follow(call)

    def _tool_choice(self) -> str | dict:
        """A small local model only writes the plan: its chat is noise and its interrupts would stall play."""
        return forced("plan") if self.model.model.startswith("local/") else "required"

    async def _follow(self, call: ToolCall) -> None:
        text = str(next(iter(call.args.values()), "")).strip()
        if not text:
            return
        if call.name == "plan":
            self._plan(text)
        elif call.name == "say":
            await self._say(text)
        elif call.name == "interrupt":
            self.seat.thought("slow", f"interrupt: {text}")
            self.board.interrupt(text)

    def _plan(self, text: str) -> None:
        self.board.plan = text[:500]
        self.seat.thought("slow", self.board.plan)
        if self.memory is not None:
            self.memory.set_plan(self.board.plan)

    async def _say(self, text: str) -> None:
        self.seat.thought("slow", f"say: {text}")
        try:
            extra = {"phase": self.thought_on} if self.thought_on else {}
            await self.seat.call("say", text=text[:500], **extra)
        except ToolRefused as refusal:
            self.seat.thought("slow", f"say refused: {refusal}")


async def mind_rules(seat: SeatClient, model: str) -> str:
    """The world's rules for a mind's system text, cut shorter for a small local model."""
    from agents.llm import read_rules

    return cap(await read_rules(seat), RULES_CHARS[model.startswith("local/")])
