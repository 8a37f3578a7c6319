"""The headless runner: a suite's episodes, concurrently, through the worlds' MCP servers; resumable."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from envs.core.schema import run_event
from envs.registry import world as world_spec
from tasks.credit import Credit
from tasks.episode import play_episode
from tasks.follow import merge_by_seq
from tasks.persona_eval import add_measures
from tasks.progress import Progress
from tasks.records import EpisodeRecord
from tasks.store import EventWriter, RunStore
from tasks.suite import EpisodePlan, Suite, plan_episodes

RunListener = Callable[[str, dict[str, Any]], None]
"""(episode_id, event record) for every event of every episode, as it happens (the TUI listens here)."""


@dataclass
class RunConfig:
    suite: Suite
    agents: list[dict[str, Any]]
    out_dir: str
    concurrency: int = 4
    display: str = "bar"
    limit_cost: float | None = None
    server_url: str | None = None
    retry_errors: bool = False
    listeners: list[RunListener] = field(default_factory=list)
    agent_factory: Callable[[Any], Any] | None = None
    """Builds an agent from its AgentSpec (default `agents.build_agent`); benches and tests plug fakes in."""


@dataclass
class RunOutcome:
    planned: int
    played: int
    skipped: int
    stopped_for_cost: int = 0
    records: list[EpisodeRecord] = field(default_factory=list)


class Runner:
    def __init__(self, config: RunConfig) -> None:
        from agents import AgentSpec

        if config.concurrency < 1:
            raise ValueError(f"--concurrency must be at least 1, got {config.concurrency}")
        self.config = config
        self.store = RunStore(config.out_dir)
        self.specs = [_agent_spec(AgentSpec, {**_limits(config.suite), **a}) for a in config.agents]
        for spec in self.specs:
            if spec.persona:
                from tasks.personas import check_name

                check_name(spec.persona)
        self.plans = plan_episodes(config.suite, [s.model_dump(exclude_none=True) for s in self.specs],
                                   lambda agent: AgentSpec.model_validate(agent).label)
        self._servers: dict[str, Any] = {}
        self._writers: dict[str, EventWriter] = {}
        self.credit = Credit(concurrency=config.concurrency)
        self._cost = 0.0
        self._clients: dict[str, Any] = {}
        self._connections: contextlib.AsyncExitStack | None = None
        self._loopback: tuple[str, str | None] | None = None
        self._loopback_lock = asyncio.Lock()

    # -- the run -----------------------------------------------------------------------------------

    async def run(self) -> RunOutcome:
        config = self.config
        if config.retry_errors:
            self.store.forget("error")
            self.store.forget("timeout")
        todo = [p for p in self.plans if not all(s.episode_id in self.store.records for s in p.table)]
        total = sum(len(p.table) for p in self.plans)
        progress = Progress(total, total - sum(len(p.table) for p in todo), config.display)
        if self.store.dropped:
            progress.note(f"resumed: dropped {self.store.dropped} torn line(s) of a killed run")
        if todo:
            progress.note(f"calibrating baselines for {len({p.task.name for p in todo})} task(s) ...")
            await asyncio.to_thread(self.calibrate, todo)
            await self.credit.calibrate(todo)
        outcome = RunOutcome(planned=total, played=0, skipped=total - sum(len(p.table) for p in todo))
        semaphore = asyncio.Semaphore(config.concurrency)

        async def one(plan: EpisodePlan) -> None:
            async with semaphore:
                if config.limit_cost is not None and self._cost >= config.limit_cost:
                    outcome.stopped_for_cost += len(plan.table)
                    return
                progress.started(plan.episode_id)
                for record in await self.play_one(plan):
                    self.store.append(record)
                    self._cost += record.cost_usd
                    outcome.played += 1
                    progress.finished(record)

        try:
            async with contextlib.AsyncExitStack() as connections:
                self._connections = connections
                # One MCP connection per world for the whole run, shared by every seat (each seat has its
                # own token): a client checks each tool's result schema once, not once per episode.
                for world in sorted({p.task.world for p in todo}):
                    self._clients[world] = await connections.enter_async_context(self._new_client(world))
                ticker = asyncio.create_task(progress.ticking())
                try:
                    await asyncio.gather(*(one(plan) for plan in todo))
                finally:
                    ticker.cancel()
        finally:
            self._clients.clear()
            self._connections, self._loopback = None, None
            progress.close()
            for writer in self._writers.values():
                writer.close()
        if outcome.stopped_for_cost:
            progress.note(f"stopped at the cost limit (${config.limit_cost}): {outcome.stopped_for_cost} "
                          "episode(s) not played; run again with a higher --limit-cost to finish")
        ids = [s.episode_id for p in self.plans for s in p.table]
        outcome.records = [self.store.records[i] for i in ids if i in self.store.records]
        return outcome

    async def play_one(self, plan: EpisodePlan) -> list[EpisodeRecord]:
        writer = self.store.events_writer(plan.episode_id)
        self._writers[plan.episode_id] = writer
        lines: list[dict[str, Any]] = []

        def on_event(record: dict[str, Any]) -> None:
            lines.append(record)
            self._emit(plan.episode_id, record)

        on_event(run_event("run_episode_started", _plan_data(plan)))
        records = await play_episode(plan, self._connect, suite=self.config.suite.name, on_event=on_event,
                                     hard_timeout_s=self._hard_limit(plan), agent_factory=self._agent_factory)
        self._score(plan, records)
        events = merge_by_seq(lines)
        for record in records:
            add_measures(record, events)
            on_event(run_event("run_episode_finished", record.model_dump()))
        writer.close()
        self._writers.pop(plan.episode_id, None)
        merged = merge_by_seq(lines)
        if merged is not lines:  # the hidden lines a referee reads at the end go back where they happened
            writer.rewrite(merged)
        return records

    def _hard_limit(self, plan: EpisodePlan) -> float:
        """The wall-clock cap of one game: half again the agents' own time limit, plus a minute."""
        seconds = plan.agent.get("max_seconds") or 3600.0
        return float(seconds) * 1.5 + 60.0

    def _score(self, plan: EpisodePlan, records: list[EpisodeRecord]) -> None:
        scorable: set[str] = set()
        for record in records:
            # A mixed table's seats differ from the baseline's seat: arenas are compared by ratings. A game cut
            # short by an agent limit is not comparable with whole baseline games, unless the world's measure
            # counts milestones reached, not time played. An errored episode is counted, not scored.
            partial = world_spec(record.world).scoring.partial_comparable
            comparable = len(records) == 1 and (record.done or partial) and record.status != "error"
            if comparable:
                scorable.add(record.episode_id)  # tasks/credit.py normalises it against its own seed
        self.credit.finish(plan, records, scorable)

    # -- agents ------------------------------------------------------------------------------------

    def _agent_factory(self, spec: Any) -> Any:
        if spec.kind == "cmd":
            from agents.command import CommandAgent

            return CommandAgent(spec, self._endpoint)
        factory = self.config.agent_factory
        if factory is None:
            from agents import build_agent

            factory = build_agent
        return factory(spec)

    async def _endpoint(self, world: str) -> tuple[str, str | None]:
        """Where a program the runner starts plays `world`: the remote server, or this process's servers
        served on token-protected loopback HTTP (started once, for the rest of the run)."""
        import os

        if self.config.server_url is not None:
            return self.config.server_url.format(world=world), os.environ.get("GAMEHALL_TOKEN")
        async with self._loopback_lock:
            if self._loopback is None:
                from servers.loopback import loopback

                assert self._connections is not None, "endpoints exist only while the run runs"
                self._loopback = await self._connections.enter_async_context(loopback(dict(self._servers)))
        url, token = self._loopback
        return url.format(world=world), token

    # -- servers and events ------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _connect(self, world: str):
        yield self._clients[world]

    def _new_client(self, world: str) -> Any:
        from mcp import Client

        from tasks.remote import remote_client

        if self.config.server_url is None:
            return Client(self._server(world).mcp)
        return remote_client(self.config.server_url.format(world=world))

    def _server(self, world: str) -> Any:
        if world not in self._servers:
            from servers.serve import build_server
            from servers.spec import Limits

            limits = Limits(max_games=4 * self.config.concurrency + 16, seat_timeout_s=1e9, idle_game_s=1e9)
            self._servers[world] = build_server(world, limits, hints=True)
        return self._servers[world]

    def _emit(self, episode_id: str, record: dict[str, Any]) -> None:
        writer = self._writers.get(episode_id)
        if writer is not None:
            writer.write(record)
        for listener in self.config.listeners:
            listener(episode_id, record)

    # -- baselines ---------------------------------------------------------------------------------

    def calibrate(self, plans: list[EpisodePlan]) -> None:
        """Play (or read from the cache) every task's random and expert games, seed by seed: the anchors that
        tasks/credit.py normalises each episode against."""
        baselines = self.credit.baselines
        for task in {p.task.name: p.task for p in plans}.values():
            for seed in task.seed_list():
                baselines.pair(task.world, task.options, seed, task.seat)


def _agent_spec(model: Any, raw: dict[str, Any]) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(agent)"
        raise ValueError(f"agent {raw.get('kind', '?')!r}: field {field}: {first['msg']}") from None


def _limits(suite: Suite) -> dict[str, Any]:
    return suite.limits.model_dump(exclude_none=True)


def _plan_data(plan: EpisodePlan) -> dict[str, Any]:
    return {"task": plan.task.name, "world": plan.task.world, "options": plan.task.options, "seed": plan.seed,
            "agent": plan.agent_label}
