"""The headless runner: a suite's episodes, concurrently, through the worlds' MCP servers; resumable."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from envs.core import Event
from envs.core.schema import run_event
from envs.registry import world as world_spec
from tasks.credit import Credit
from tasks.episode import play_episode
from tasks.progress import Progress
from tasks.records import EpisodeRecord, latency_summary
from tasks.store import EventWriter, RunStore
from tasks.suite import EpisodePlan, Suite, plan_episodes

FRAME_HZ = 10.0
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
        self.plans = plan_episodes(config.suite, [s.model_dump(exclude_none=True) for s in self.specs],
                                   lambda agent: AgentSpec.model_validate(agent).label)
        self._servers: dict[str, Any] = {}
        self._writers: dict[str, EventWriter] = {}
        self._games: dict[str, str] = {}  # game id -> episode id
        self._baselines: dict[tuple[str, int], tuple[float, float]] = {}
        self.credit = Credit(concurrency=config.concurrency)
        self._cost = 0.0
        self._frames: dict[str, float] = {}
        self._clients: dict[str, Any] = {}
        self._started = time.monotonic()

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
                for record in await self.play_one(plan):
                    self.store.append(record)
                    self._cost += record.cost_usd
                    outcome.played += 1
                    progress.finished(record)

        try:
            async with contextlib.AsyncExitStack() as connections:
                # One MCP connection per world for the whole run, shared by every seat (each seat has its
                # own token): a client checks each tool's result schema once, not once per episode.
                for world in sorted({p.task.world for p in todo}):
                    self._clients[world] = await connections.enter_async_context(self._new_client(world))
                await asyncio.gather(*(one(plan) for plan in todo))
        finally:
            self._clients.clear()
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

        def on_event(event: dict[str, Any]) -> None:
            self._emit(plan.episode_id, run_event(event["kind"], event.get("data") or {}, seat=event.get("seat")))

        self._emit(plan.episode_id, run_event("run_episode_started", _plan_data(plan)))
        limit = self._hard_limit(plan)
        records = await play_episode(plan, self._connect, suite=self.config.suite.name,
                                     on_game=lambda _, game_id: self._follow(plan, game_id),
                                     on_event=on_event, hard_timeout_s=limit,
                                     agent_factory=self.config.agent_factory)
        self._finish_records(plan, records)
        for record in records:
            self._emit(plan.episode_id, run_event("run_episode_finished", record.model_dump()))
        writer.close()
        self._writers.pop(plan.episode_id, None)
        return records

    def _hard_limit(self, plan: EpisodePlan) -> float:
        """The wall-clock cap of one game: half again the agents' own time limit, plus a minute."""
        seconds = plan.agent.get("max_seconds") or 3600.0
        return float(seconds) * 1.5 + 60.0

    def _finish_records(self, plan: EpisodePlan, records: list[EpisodeRecord]) -> None:
        game_id = next((g for g, e in self._games.items() if e == plan.episode_id), None)
        self._games.pop(game_id or "", None)
        server = self._servers.get(plan.task.world)
        game = server.table.games.get(game_id or "") if server is not None else None
        scorable: set[str] = set()
        for record in records:
            # A mixed table's seats differ from the baseline's seat: arenas are compared by ratings. A game cut
            # short by an agent limit is not comparable with whole baseline games, unless the world's measure
            # counts milestones reached, not time played. An errored episode is counted, not scored.
            partial = world_spec(record.world).scoring.partial_comparable
            comparable = len(records) == 1 and (record.done or partial) and record.status != "error"
            if comparable:
                scorable.add(record.episode_id)  # tasks/credit.py normalises it against its own seed
            if game is not None:
                self._world_counts(record, game.session)
        self.credit.finish(plan, records, scorable)
        if game is not None:
            server.table.close(game.id)

    @staticmethod
    def _world_counts(record: EpisodeRecord, session: Any) -> None:
        """The world's own counts are the truth; an agent only sees its replies."""
        record.world_version = session.world.version
        stats = session.stats.get(record.seat)
        if stats is not None:
            record.steps, record.invalid_actions = stats.actions, stats.invalid
            summary = latency_summary(stats.latency_ms, stats.latency_ticks)
            if summary is not None:
                record.latency["seat"] = summary
        record.metrics["invalid_actions_by_seat"] = {s: st.invalid for s, st in session.stats.items()}

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
            server = build_server(world, limits, hints=True)
            server.table.subscribe(self._on_table_event)
            self._servers[world] = server
        return self._servers[world]

    def _follow(self, plan: EpisodePlan, game_id: str) -> None:
        """The episode's game exists: write what it has logged so far, then follow it live."""
        self._games[game_id] = plan.episode_id
        server = self._servers.get(plan.task.world)
        if server is not None and game_id in server.table.games:
            game = server.table.games[game_id]
            for event in list(game.session.events):
                self._emit(plan.episode_id, event.to_record())
            self._maybe_frame(plan.episode_id, game, final=True)

    def _on_table_event(self, game: Any, event: Event) -> None:
        episode_id = self._games.get(game.id)
        if episode_id is None:
            return
        self._emit(episode_id, event.to_record())
        self._maybe_frame(episode_id, game, final=event.kind == "episode_ended")

    def _maybe_frame(self, episode_id: str, game: Any, final: bool = False) -> None:
        """The public state as a `frame` event, at most FRAME_HZ times a second per episode (and at the end):
        what the TUI draws, from the log alone."""
        now = time.monotonic()
        if not final and now - self._frames.get(episode_id, -1.0) < 1.0 / FRAME_HZ:
            return
        self._frames[episode_id] = now
        session = game.session
        frame = game.spec.public(session).data
        self._emit(episode_id, run_event("frame", dict(frame), time=round(now - self._started, 6),
                                         tick=session.tick_count))

    def _emit(self, episode_id: str, record: dict[str, Any]) -> None:
        writer = self._writers.get(episode_id)
        if writer is not None:
            writer.write(record)
        for listener in self.config.listeners:
            listener(episode_id, record)

    # -- baselines ---------------------------------------------------------------------------------

    def calibrate(self, plans: list[EpisodePlan]) -> None:
        baselines = self.credit.baselines
        for task in {p.task.name: p.task for p in plans}.values():
            pairs = [baselines.pair(task.world, task.options, seed, task.seat) for seed in task.seed_list()]
            low = sum(p[0] for p in pairs) / len(pairs)
            high = sum(p[1] for p in pairs) / len(pairs)
            self._baselines[(task.name, 0)] = (low, high)


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
