"""The hierarchical agent, after HLA: a slow mind plans while a fast mind picks macros an executor runs.

- slow mind: a strong model in its own asyncio task; sets the plan, chats with `say`, may interrupt the
  running macro. Play never waits for it.
- fast mind: a small model; picks the next macro among the feasible ones (a forced enum, so it cannot
  pick anything else), or an atomic legal action where the world has no macro layer.
- executor: the server's `run_macro`, which plays the macro's atomic moves over steps or ticks.

Under a realtime clock the fast mind chooses ahead while a macro runs, and the executor plays the world's
reactive default when no choice is ready (agents/pipeline.py): the seat never waits for a mind.

Ablations: slow-only (the slow model picks atomic commands itself, synchronously), fast-only (no slow
mind), no-executor (the fast mind picks atomic legal actions instead of macros).
"""

from __future__ import annotations

import asyncio
import contextlib

from agents.executor import execute_macro
from agents.loop import View, concrete, play_turns, within_limits
from agents.memory.episode import EpisodeMemory
from agents.minds import Board, SlowMind, mind_rules
from agents.model import Completion, ModelClient
from agents.pipeline import Pipeline, TickClock
from agents.prompting import prompt, view_values
from agents.seat import SeatClient
from agents.spec import AgentSpec, Budget
from agents.tools import forced_choice

WAIT_S = 5.0
FAST_PRIORITY = 1  # on a model both minds share, the fast mind's call preempts the slow mind's


class HierarchicalAgent:
    def __init__(self, spec: AgentSpec, *, completion: Completion | None = None,
                 slow_completion: Completion | None = None, fast_completion: Completion | None = None,
                 backoff_s: float = 0.5) -> None:
        self.spec = spec
        self.slow_completion = slow_completion or completion
        self.fast_completion = fast_completion or completion
        self.backoff_s = backoff_s

    async def play(self, seat: SeatClient) -> None:
        budget = Budget(self.spec, seat)
        await within_limits(seat, budget, _Episode(self, seat, budget).run())

    def client(self, seat: SeatClient, mind: str) -> ModelClient:
        slow, fast = self.spec.minds()
        model, completion = (slow, self.slow_completion) if mind == "slow" else (fast, self.fast_completion)
        return ModelClient(model, seat, mind, completion=completion, temperature=self.spec.temperature,
                           seed=self.spec.seed, timeout_s=self.spec.call_timeout_s, retries=self.spec.retries,
                           backoff_s=self.backoff_s, reply_tokens=_reply_tokens(mind, model),
                           priority=FAST_PRIORITY if mind == "fast" else 0)


class _Episode:
    """One game: the fast loop in the foreground, the slow mind (if any) in a task beside it."""

    def __init__(self, agent: HierarchicalAgent, seat: SeatClient, budget: Budget) -> None:
        self.seat, self.budget, self.ablation = seat, budget, agent.spec.ablation
        self.board = Board()
        self.memory = EpisodeMemory.open(agent.spec, seat)
        self.models = "+".join(agent.spec.minds())
        self.chooser_mind = "slow" if self.ablation == "slow-only" else "fast"
        self.chooser = agent.client(seat, self.chooser_mind)
        slow, fast = agent.spec.minds()
        shared = slow.startswith("local/") and fast.startswith("local/")
        self.slow = (SlowMind(agent.client(seat, "slow"), seat, self.board, shares_model=shared, memory=self.memory)
                     if self._with_slow_mind() else None)
        self.runs: set[asyncio.Task] = set()
        self.reask_ticks = agent.spec.reask_ticks
        self.asked_at: int | None = None  # the tick the chooser model was last asked
        self.fast_system: str | None = None  # read once: the rules, then the same prefix every call (cached)
        self.ticks: TickClock | None = None

    def _with_slow_mind(self) -> bool:
        return self.ablation in ("full", "no-executor")

    async def _clock(self) -> str:
        """The game's clock as the macro layer tells it ("" in a world without one: played as turns)."""
        if not await self.seat.has_tool("macros"):
            return ""
        return str((await self.seat.call("macros")).get("clock") or "")

    async def run(self) -> None:
        realtime = await self._clock() == "realtime"
        self.ticks = TickClock(self.seat) if realtime else None  # decision latency in ticks, where ticks run
        slow_task = None
        if self.slow is not None:
            await self.seat.observe()  # the seat's name, for the slow mind's prompt
            await self.slow.prepare()
            self.slow.clock = self.ticks
            slow_task = asyncio.create_task(self.slow.run())
        try:
            if realtime and self.ablation in ("full", "fast-only"):  # an executor to play ahead of the minds
                pipeline = Pipeline(self.seat, self.budget, self.board, self._pick)
                await pipeline.run(await self.seat.observe())
            else:
                await play_turns(self.seat, self.budget, self.step)
        finally:
            self.board.close()
            for task in [t for t in (slow_task, *self.runs) if t is not None]:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            if self.memory is not None:
                self.memory.finish(self.models)
        self.board.raise_failure()

    async def step(self, view: View) -> View | None:
        """One fast-mind decision and its execution."""
        self.board.raise_failure()
        self.board.see(view, self.seat.drain_events())
        options, tool = await self._options(view)
        if not options:
            return await self.seat.wait(WAIT_S)
        if len(options) == 1 and self._reask_due(view):
            # one option for a while (e.g. only `wait` after a plan got stuck): the model may leave it
            atomic = concrete(view["legal_actions"])
            options, tool = (atomic, "act") if len(atomic) > 1 else (options, tool)
        asked = self._choose(view, options, tool)
        choice, who = await (self.ticks.timed(self.chooser_mind, asked) if self.ticks and len(options) > 1 else asked)
        self.seat.usage.decided(who)
        # who plays the moves that follow (what trajectory exports attribute each move to)
        self.seat.thought(self.chooser_mind, f"{tool} {choice}", decided_by=who,
                          moves_by="executor" if tool == "run_macro" else who)
        after = await self.seat.act(choice) if tool == "act" else await self._execute(choice)
        if self.memory is not None:
            self.memory.record(view, tool, {"command" if tool == "act" else "name": choice}, choice, after)
        return after

    async def _options(self, view: View) -> tuple[list[str], str]:
        """Feasible macros, best first (the executor's work); else the concrete legal actions."""
        if self.ablation not in ("slow-only", "no-executor") and await self.seat.has_tool("macros"):
            listed = (await self.seat.call("macros"))["macros"]
            feasible = sorted((m for m in listed if m["feasible"]), key=lambda m: -m["score"])
            if feasible:
                return [m["name"] for m in feasible], "run_macro"
        return concrete(view["legal_actions"]), "act"

    def _reask_due(self, view: View) -> bool:
        tick = int(view.get("tick") or 0)
        if self.asked_at is None:
            self.asked_at = tick
        return tick - self.asked_at >= self.reask_ticks

    async def _pick(self, view: View, options: list[str]) -> str:
        """The pipeline's question to the fast mind: which macro next (on a forecast view)."""
        choice, _ = await self._choose(view, options, "run_macro")
        return choice

    async def _choose(self, view: View, options: list[str], tool: str) -> tuple[str, str]:
        """The option to play and who chose it: the model, `forced` (the only option) or `executor`."""
        if len(options) == 1:
            return options[0], "forced"
        self.asked_at = int(view.get("tick") or 0)
        argument = "name" if tool == "run_macro" else "command"
        tools, forced = forced_choice(tool, argument, options, "The option to play next.")
        values = view_values(view, self.board.recent[-5:], max_events=5)
        recalled = self.memory.examples(view, self.chooser_mind, "step") if self.memory is not None else ""
        user = prompt("fast_turn", **values, plan=self.board.plan, options="; ".join(options))
        messages = [{"role": "system", "content": await self._fast_system()},
                    {"role": "user", "content": f"{recalled}\n\n{user}" if recalled else user}]
        reply = await self.chooser.ask(messages, tools, forced)
        picked = [c.args.get(argument) for c in reply.tool_calls if c.name == tool]
        if picked and picked[0]:
            return str(picked[0]), f"model:{self.chooser_mind}"
        # no pick (a text reply): the scaffold takes the first option, the best-scored macro where there are macros
        return options[0], "executor"

    async def _fast_system(self) -> str:
        """The chooser's system text: who it is and the world's rules (a small model gets them cut short).

        It comes first and never changes within an episode, so a model with a prompt cache evaluates it once
        and every later call only its turn (agents/local_engine.py; providers' prompt caching alike).
        """
        if self.fast_system is None:
            rules = await mind_rules(self.seat, self.chooser.model)
            self.fast_system = prompt("fast_system", world=self.seat.world, seat=self.seat.seat, rules=rules)
        return self.fast_system

    async def _execute(self, name: str) -> View | None:
        result, _ = await execute_macro(self.seat, self.board, self.runs, name)
        return result


def _reply_tokens(mind: str, model: str) -> int:
    """The fast mind names one option; the slow mind writes a plan (briefly, on a small local model)."""
    if mind == "fast":
        return 64
    return 120 if model.startswith("local/") else 400
