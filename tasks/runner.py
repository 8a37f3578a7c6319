"""The headless runner: a suite's episodes, concurrently, through the worlds' MCP servers; resumable."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from envs.core.schema import run_event
from envs.registry import world as world_spec
from tasks.credit import Credit
from tasks.follow import merge_by_seq
from tasks.host import EpisodeHost
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
    backend: str = "asyncio"
    """asyncio: every episode in this process; ray: on a Ray cluster (tasks/ray_backend.py)."""
    address: str | None = None
    """ray: the cluster (auto, ray://HOST:PORT); none starts a local one sized to the machine."""


@dataclass
class RunOutcome:
    planned: int
    played: int
    skipped: int
    stopped_for_cost: int = 0
    records: list[EpisodeRecord] = field(default_factory=list)


class Runner(EpisodeHost):
    def __init__(self, config: RunConfig) -> None:
        from agents import AgentSpec

        if config.concurrency < 1:
            raise ValueError(f"--concurrency must be at least 1, got {config.concurrency}")
        super().__init__(config)
        self.store = RunStore(config.out_dir)
        self.specs = [_agent_spec(AgentSpec, {**_limits(config.suite), **a}) for a in config.agents]
        for spec in self.specs:
            if spec.persona:
                from tasks.personas import check_name

                check_name(spec.persona)
        self.plans = plan_episodes(config.suite, [s.model_dump(exclude_none=True) for s in self.specs],
                                   lambda agent: AgentSpec.model_validate(agent).label)
        self._writers: dict[str, EventWriter] = {}
        self.credit = Credit(concurrency=config.concurrency)
        self._cost = 0.0

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
            async with self.hosting({p.task.world for p in todo}):
                ticker = asyncio.create_task(progress.ticking())  # the ETA moves while long episodes run
                try:
                    await asyncio.gather(*(one(plan) for plan in todo))
                finally:
                    ticker.cancel()
        finally:
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

        def restart() -> None:  # the episode is played again from the start: its log so far is void
            nonlocal writer
            writer.close()
            writer = self._writers[plan.episode_id] = self.store.events_writer(plan.episode_id)
            lines.clear()
            on_event(run_event("run_episode_started", _plan_data(plan)))

        on_event(run_event("run_episode_started", _plan_data(plan)))
        records = await self.play(plan, on_event, restart)
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

    # -- events ------------------------------------------------------------------------------------

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


def runner_for(config: RunConfig) -> Runner:
    """The runner of `config.backend`: this process (asyncio), or a Ray cluster."""
    if config.backend == "ray":
        from tasks.ray_backend import RayRunner

        return RayRunner(config)
    if config.address is not None:
        raise ValueError("--address applies to --backend ray")
    return Runner(config)
