"""`gamehall run SUITE --backend ray [--address auto|ray://HOST:PORT]`: a suite's episodes on a Ray cluster.

The driver is the asyncio runner (tasks/runner.py) with one difference, where an episode is played. Baselines,
scores, `--concurrency` and `--limit-cost` (over the whole cluster), the progress display and every file of the
run directory stay in the driver and are written by the same code, so a Ray run's directory is the same as an
asyncio run's: `gamehall watch`, `report` and resuming a killed run read it alike. The workers
(tasks/ray_worker.py: one Ray actor per CPU, at most one per concurrent episode) each play many episodes at
once and send each one's event lines back as they come and its records when it ends.

A worker that dies (killed, out of memory, its node gone) is restarted by Ray (max_restarts); the episodes it was
playing are played again from the start on a live worker, the lines they had logged dropped, at most ATTEMPTS
times. The driver retries, not Ray's task retry: only the driver knows which lines it already wrote belong to a
dead attempt, and a model-played episode does not replay the same way twice."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import re
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from tasks.episode import EventSink, failed_records
from tasks.host import Restart
from tasks.records import EpisodeRecord
from tasks.runner import RunConfig, Runner
from tasks.suite import EpisodePlan

INSTALL = "pip install -e '.[ray]'"
ATTEMPTS = 3  # plays of one episode whose worker keeps dying, before its record says error
WAIT_S = 0.5  # the longest one drain of a worker waits for news
LOST = object()  # an attempt's outcome when its worker died


class RayMissing(ValueError):
    """--backend ray without Ray installed: a usage error (exit 2), saying how to install it."""


def require_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise RayMissing(f"--backend ray needs Ray, which is not installed: {INSTALL}") from None
    return ray


class RayRunner(Runner):
    def __init__(self, config: RunConfig) -> None:
        self.ray = require_ray()
        super().__init__(config)
        self.pool: WorkerPool | None = None

    @contextlib.asynccontextmanager
    async def hosting(self, worlds: Iterable[str]) -> AsyncIterator[None]:
        worlds = sorted(set(worlds))
        if not worlds:  # nothing left to play: no cluster to start
            yield
            return
        started = connect(self.ray, self.config.address)
        pool = WorkerPool(self.ray, replace(self.config, listeners=[]), worlds)
        try:
            pool.start()
            self.pool = pool
            yield
        finally:
            self.pool = None
            await pool.close()
            if started:
                self.ray.shutdown()

    async def play(self, plan: EpisodePlan, on_event: EventSink, restart: Restart) -> list[EpisodeRecord]:
        assert self.pool is not None, "episodes are played only while the run runs"
        return await self.pool.play(plan, on_event, restart)


def connect(ray: Any, address: str | None) -> bool:
    """Join the cluster at `address` (auto, ray://HOST:PORT), or start a local one sized to this machine;
    True when this call started or joined it (the run then leaves it). An already connected process (a test,
    a notebook) keeps its connection."""
    if ray.is_initialized():
        return False
    quiet = not os.environ.get("GAMEHALL_VERBOSE")
    options: dict[str, Any] = {"logging_level": logging.ERROR if quiet else logging.INFO, "log_to_driver": not quiet}
    if address is None:  # "local": a new cluster, even where a `ray start` cluster or its stale address file is
        address, options["include_dashboard"] = "local", False
    ray.init(address=address, **options)
    return True


@dataclass
class _Attempt:
    on_event: EventSink
    done: asyncio.Future


@dataclass
class _Slot:
    handle: Any
    ready: bool = False
    dead: bool = False
    attempts: dict[str, _Attempt] = field(default_factory=dict)
    poller: asyncio.Task | None = None


class WorkerPool:
    """The run's Ray workers, one poller each. An episode goes to the live worker playing the fewest, and none
    plays more than its share of --concurrency: the first worker up does not take the whole first wave."""

    def __init__(self, ray: Any, config: RunConfig, worlds: list[str]) -> None:
        self.ray, self.config, self.worlds = ray, config, worlds
        self.slots: list[_Slot] = []
        self.share = 1
        self.fatal: Exception | None = None
        self._changed = asyncio.Event()

    def start(self) -> None:
        from tasks.ray_worker import EpisodeWorker

        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        actor = self.ray.remote(EpisodeWorker).options(num_cpus=1, max_restarts=-1, max_task_retries=0)
        workers = max(1, min(self.config.concurrency, cpus))
        self.share = math.ceil(self.config.concurrency / workers)
        for _ in range(workers):
            slot = _Slot(actor.remote(self.config, self.worlds))
            slot.poller = asyncio.create_task(self._poll(slot))
            self.slots.append(slot)

    async def close(self) -> None:
        for slot in self.slots:
            if slot.poller is not None:
                slot.poller.cancel()
            with contextlib.suppress(Exception):
                self.ray.kill(slot.handle, no_restart=True)
        await asyncio.gather(*(s.poller for s in self.slots if s.poller is not None), return_exceptions=True)

    async def play(self, plan: EpisodePlan, on_event: EventSink, restart: Restart) -> list[EpisodeRecord]:
        last = ""
        for attempt in range(1, ATTEMPTS + 1):
            if attempt > 1:
                restart()
            slot = await self._pick()
            key = f"{plan.episode_id}#{attempt}"
            done = asyncio.get_running_loop().create_future()
            slot.attempts[key] = _Attempt(on_event, done)  # before start: its first lines may come at once
            try:
                await _get(slot.handle.start.remote(key, plan))
            except self.ray.exceptions.RayActorError as error:
                slot.attempts.pop(key, None)
                slot.ready = False  # until its poller hears from it again
                last = why(error)
                continue
            except self.ray.exceptions.RayTaskError as error:
                raise RuntimeError(f"a Ray worker could not play {plan.episode_id}: {why(error)}") from None
            outcome = await done
            if outcome is LOST:
                last = "its worker died"
                continue
            records, error = outcome
            if error is not None:
                raise RuntimeError(f"a Ray worker failed playing {plan.episode_id}: {error}")
            return [EpisodeRecord.model_validate(r) for r in records]
        message = f"its Ray worker died {ATTEMPTS} times (last: {last})"
        return failed_records(plan, self.config.suite.name, message)

    async def _pick(self) -> _Slot:
        while True:
            if self.fatal is not None:
                raise self.fatal
            ready = [s for s in self.slots if s.ready and len(s.attempts) < self.share]
            if ready:
                return min(ready, key=lambda s: len(s.attempts))
            if all(s.dead for s in self.slots):
                raise RuntimeError("every Ray worker of the run died and none was restarted")
            self._changed.clear()
            await self._changed.wait()

    def _notify(self) -> None:
        self._changed.set()

    async def _poll(self, slot: _Slot) -> None:
        """Forward the worker's lines and records to their episodes; after its death, lose its episodes and
        wait for Ray to restart it."""
        errors = self.ray.exceptions
        while True:
            if not slot.ready:
                try:
                    await _get(slot.handle.ping.remote())
                except errors.RayTaskError as error:  # it started, but cannot reach or open its servers
                    self.fatal = RuntimeError(f"a Ray worker cannot open the worlds' servers: {why(error)}")
                    self._notify()
                    return
                except errors.RayActorError as error:
                    if _failed_to_start(error):
                        self.fatal = RuntimeError(start_failure(error))
                        self._notify()
                        return
                    if isinstance(error, errors.ActorDiedError):
                        slot.dead = True
                        self._notify()
                        return
                    await asyncio.sleep(1.0)  # restarting: ask again
                    continue
                slot.ready = True
                self._notify()
            try:
                batch = await _get(slot.handle.drain.remote(WAIT_S))
            except errors.RayActorError:
                slot.ready = False
                lost, slot.attempts = slot.attempts, {}
                for attempt in lost.values():
                    attempt.done.set_result(LOST)
                self._notify()
                continue
            for key, events, records, error in batch:
                attempt = slot.attempts.get(key)
                if attempt is None:  # an attempt already given up (its worker seemed dead): never counted
                    continue
                for event in events:
                    attempt.on_event(event)
                if records is not None or error is not None:
                    del slot.attempts[key]
                    attempt.done.set_result((records, error))
                    self._notify()


async def _get(ref: Any) -> Any:
    """An object ref's value without blocking the loop; through the Ray Client too."""
    return await asyncio.wrap_future(ref.future())


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ERROR_LINE = re.compile(r"^[\s|+-]*(?:\w+\.)*(\w+(?:Error|Exception)): (.+)$", re.MULTILINE)  # also a group's


def why(error: BaseException) -> str:
    """A Ray error's cause in one line: the last `SomeError: text` line of its message (a task group's
    traceback prints its members' lines after its own, behind `|`; a module path is left off the name)."""
    text = _ANSI.sub("", str(error))
    found = _ERROR_LINE.findall(text)
    if found:
        return f"{found[-1][0]}: {found[-1][1].strip()}"[:300]
    return " ".join(text.split())[:300] or type(error).__name__


def _failed_to_start(error: BaseException) -> bool:
    return "creation task" in str(error) or "failed to import" in str(error)


def start_failure(error: BaseException) -> str:
    cause = why(error)
    if "failed to import" in str(error) or "ModuleNotFoundError" in cause or "ImportError" in cause:
        return f"a Ray worker cannot import gamehall ({cause}): install it on every node, for Ray's Python ({INSTALL})"
    return f"a Ray worker failed to start: {cause}"
