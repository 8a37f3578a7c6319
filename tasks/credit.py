"""Honest credit: per-seed normalisation, the scaffold baseline, and who else sat at the table.

`normalized_score` takes random atomic play as its 0, so an agent that wraps an executor starts near 100
whatever its model does. `scaffold_normalized_score` takes as its 0 the same agent configuration (kind,
ablation, limits, seat, partners) with its model replaced by a seeded uniform-random chooser over the
options it is offered (agents/chooser.py): what remains above it is the model's. Scaffold games are played
through MCP on a server of their own (lockstep, as all baselines are), once per configuration, task and
seed, and cached with the other baselines."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from envs.registry import world as world_spec
from tasks.baselines import Baselines
from tasks.records import EpisodeRecord
from tasks.scoring import normalize
from tasks.suite import EpisodePlan, Seating, TaskSpec

# No model to replace: their scaffold is the random player (copy: a memory's moves, else random ones).
SCRIPTED = ("random", "expert", "copy")
# What makes two agents the same scaffold: everything but the models, their sampling and their budgets.
MODEL_ONLY = ("model", "slow_model", "fast_model", "temperature", "seed", "call_timeout_s", "retries",
              "max_tokens", "max_cost_usd", "max_seconds")
# A scaffold game neither reads nor writes the agent's memory of past games: a random chooser ignores the
# examples, and its game must not be filed among the agent's own.
NOT_SCAFFOLD = (*MODEL_ONLY, "memory")


def scaffold_config(agent: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in sorted(agent.items()) if k not in NOT_SCAFFOLD and v is not None}


def seed_normalize(raw: float | None, pair: tuple[float, float]) -> float | None:
    """Against this seed's (low, high), so a player that replays the calibration's game scores exactly 0 or
    100. A seed where the expert does not beat its 0 has no scale: no normalised score (the episode is still
    counted), rather than one divided by a difference of two lucky games."""
    return normalize(raw, *pair)


def partners_of(plan: EpisodePlan, records: list[EpisodeRecord]) -> dict[str, dict[str, str]]:
    """Per record: the other seats and who played them (another agent of the table, or the world's bot). The
    seats are those the referee counted (every seat of the game, in its order); only an episode that never got
    that far makes its game again to learn them (a world's set-up costs more than the rest of scoring)."""
    spec = world_spec(plan.task.world)
    counted = next((r.metrics["invalid_actions_by_seat"] for r in records
                    if isinstance(r.metrics.get("invalid_actions_by_seat"), dict)), None)
    if counted:
        seats = list(counted)
    else:
        session_options = {k: v for k, v in plan.task.options.items() if k not in spec.session_options}
        seats = list(spec.session(session_options, plan.seed).seats)
    held = {r.seat: f"agent:{r.agent_label}" for r in records if r.seat}
    return {r.episode_id: {s: held.get(s, f"bot:{spec.bot}") for s in seats if s != r.seat} for r in records}


class Credit:
    """Calibrates the scaffold baselines of a run's plans and fills each record's credit fields."""

    def __init__(self, baselines: Baselines | None = None, concurrency: int = 2) -> None:
        self.baselines = baselines or Baselines()
        self.concurrency = max(1, concurrency)
        self._scaffold: dict[str, float | None] = {}

    # -- the scaffold games -------------------------------------------------------------------------

    def _key(self, task: TaskSpec, seed: int, agent: dict[str, Any]) -> str:
        spec = world_spec(task.world)
        return json.dumps([task.world, spec.world.version, task.options, seed, task.seat,
                           "scaffold", scaffold_config(agent)], sort_keys=True, default=str)

    async def calibrate(self, plans: list[EpisodePlan]) -> None:
        """Play (or read from the cache) the scaffold game of every single-agent plan with a model."""
        todo: dict[str, EpisodePlan] = {}
        for plan in plans:
            if len(plan.table) != 1 or plan.agent.get("kind") in SCRIPTED:
                continue
            key = self._key(plan.task, plan.seed, plan.agent)
            cached = self.baselines.cached(key)
            if cached is not None:
                self._scaffold[key] = cached
            elif key not in self._scaffold:
                todo[key] = plan
        if not todo:
            return
        semaphore = asyncio.Semaphore(self.concurrency)
        async with _servers() as connect:
            for world in sorted({p.task.world for p in todo.values()}):
                await connect.open(world)  # here: an MCP client must close in the task that opened it

            async def one(key: str, plan: EpisodePlan) -> None:
                async with semaphore:
                    raw = await play_scaffold(plan, connect)
                self._scaffold[key] = raw
                if raw is not None:
                    self.baselines.store(key, raw)

            await asyncio.gather(*(one(k, p) for k, p in todo.items()))

    def scaffold_raw(self, plan: EpisodePlan) -> float | None:
        if plan.agent.get("kind") in SCRIPTED:  # no model: its random chooser is the random player itself
            return self.baselines.pair(plan.task.world, plan.task.options, plan.seed, plan.task.seat)[0]
        return self._scaffold.get(self._key(plan.task, plan.seed, plan.agent))

    # -- the records -------------------------------------------------------------------------------

    def finish(self, plan: EpisodePlan, records: list[EpisodeRecord], scorable: set[str]) -> None:
        """Per-seed normalised scores and scaffold scores for the records the runner found comparable with
        whole baseline games (`scorable` ids), and every record's partners. Arenas are never scorable: their
        seats differ from every baseline's."""
        task = plan.task
        pair = self.baselines.pair(task.world, task.options, plan.seed, task.seat)
        try:
            partners = partners_of(plan, records)
        except Exception:  # noqa: BLE001 - options the runner already refused; the record says why
            partners = {}
        for record in records:
            record.partners = partners.get(record.episode_id, {})
            if record.episode_id not in scorable:
                record.normalized_score = None
                continue
            record.normalized_score = seed_normalize(record.score, pair)
            low = self.scaffold_raw(plan)
            record.scaffold_baseline = None if low is None else round(low, 6)
            if low is not None:
                record.scaffold_normalized_score = seed_normalize(record.score, (low, pair[1]))


async def play_scaffold(plan: EpisodePlan, connect: Any) -> float | None:
    """The raw score of `plan`'s agent with a RandomChooser for every model, on the plan's seed."""
    from agents import AgentSpec, build_agent
    from agents.chooser import RandomChooser
    from tasks.episode import play_episode

    spec = world_spec(plan.task.world)
    options = dict(plan.task.options)
    if "clock" in spec.session_options:
        options["clock"] = "lockstep"  # as every baseline: the chooser's score must not depend on wall time
    agent = {k: v for k, v in plan.agent.items() if k not in ("max_seconds", "max_tokens", "max_cost_usd", "memory")}
    task = plan.task.model_copy(update={"options": options})
    seating = Seating(agent, plan.agent_label, f"scaffold-{plan.episode_id}")
    scaffold_plan = EpisodePlan(seating.episode_id, task, plan.seed, plan.repeat, (seating,))

    def factory(agent_spec: AgentSpec) -> Any:
        chooser = RandomChooser(plan.seed * 7919 + 17)
        extra = {"constrained": True} if agent_spec.kind == "llm" else {}  # the options offered are an enum
        return build_agent(agent_spec, completion=chooser, backoff_s=0.0, **extra)

    games: list[str] = []
    record = (await play_episode(scaffold_plan, connect, agent_factory=factory,
                                 on_game=lambda _, game_id: games.append(game_id)))[0]
    connect.close(plan.task.world, games)
    if record.status == "error" or not (record.done or spec.scoring.partial_comparable):
        return None
    return record.score


class _Servers:
    """One in-memory server per world for scaffold games, each game closed once played."""

    def __init__(self, stack: contextlib.AsyncExitStack) -> None:
        self.stack = stack
        self.servers: dict[str, Any] = {}
        self.clients: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def __call__(self, world: str):
        yield self.clients[world]

    async def open(self, world: str) -> None:
        if world not in self.servers:
            from mcp import Client

            from servers.serve import build_server
            from servers.spec import Limits
            from tasks.host import trust_results

            limits = Limits(max_games=64, seat_timeout_s=1e9, idle_game_s=1e9)
            self.servers[world] = build_server(world, limits, hints=True)
            self.clients[world] = await self.stack.enter_async_context(Client(self.servers[world].mcp))
            self.stack.callback(trust_results(self.clients[world]))  # its own servers, in this process

    def close(self, world: str, games: list[str]) -> None:
        for game_id in games:
            self.servers[world].table.close(game_id)


@contextlib.asynccontextmanager
async def _servers():
    async with contextlib.AsyncExitStack() as stack:
        yield _Servers(stack)
