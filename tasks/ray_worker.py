"""One Ray worker of `gamehall run --backend ray`: a process that hosts the worlds' servers in memory (or reaches
`--server`) and plays the episodes the driver (tasks/ray_backend.py) sends it, many at once on its own event
loop, with the same EpisodeHost as the asyncio runner. Ray runs this class as an actor; nothing here imports Ray.

The process lives for the whole run, so what is loaded once per process (the embedded model: agents/local.py
keeps one model worker per process) is loaded once per Ray worker, not once per episode. The driver collects each
episode's event lines and, once it ends, its records with `drain`: one call for every episode of the worker,
batched, which also works through the Ray Client."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tasks.host import EpisodeHost
from tasks.suite import EpisodePlan

if TYPE_CHECKING:
    from tasks.runner import RunConfig

BATCH_S = 0.05  # after the first new line, how long a drain waits for more to send them in one reply; not past
# an episode's end: the driver starts the next one in its place only once it has the records
Drained = tuple[str, list[dict[str, Any]], list[dict[str, Any]] | None, str | None]
"""(attempt key, event lines since the last drain, the records once the episode ended, the error that ended it)"""


@dataclass
class _Running:
    events: list[dict[str, Any]] = field(default_factory=list)
    ended: bool = False
    records: list[dict[str, Any]] | None = None
    error: str | None = None
    task: asyncio.Task | None = None


class EpisodeWorker:
    def __init__(self, config: RunConfig, worlds: list[str]) -> None:
        self.host = EpisodeHost(config)
        self.worlds = worlds
        self._runs: dict[str, _Running] = {}
        self._changed = asyncio.Event()
        self._ended = asyncio.Event()
        self._ready: asyncio.Future | None = None
        self._holder: asyncio.Task | None = None

    async def ping(self) -> dict[str, Any]:
        """Where this worker runs, once its servers are up and warm (the driver's first call, and the driver
        sends no episode before it answers: it fails at once if the project cannot be imported or the servers
        cannot be opened)."""
        await self._open()
        return {"pid": os.getpid(), "host": socket.gethostname()}

    async def start(self, key: str, plan: EpisodePlan) -> None:
        """Begin playing `plan` (this attempt at it is `key`); its lines and records come out of `drain`."""
        await self._open()
        run = self._runs[key] = _Running()
        run.task = asyncio.create_task(self._play(plan, run))

    async def drain(self, wait_s: float) -> list[Drained]:
        """Every episode's lines since the last call and the records of those that ended (then forgotten);
        waits up to `wait_s` for there to be something."""
        if not any(run.events or run.ended for run in self._runs.values()):
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), wait_s)
            except TimeoutError:
                return []
            with contextlib.suppress(TimeoutError):  # more lines, but not past an episode's end (set until
                await asyncio.wait_for(self._ended.wait(), BATCH_S)  # drained): the next waits for its slot
        out: list[Drained] = []
        for key, run in list(self._runs.items()):
            if run.events or run.ended:
                out.append((key, run.events, run.records, run.error))
                run.events = []
                if run.ended:
                    del self._runs[key]
        self._ended.clear()  # every ended episode is in this reply
        return out

    async def _play(self, plan: EpisodePlan, run: _Running) -> None:
        def on_event(record: dict[str, Any]) -> None:
            run.events.append(record)
            self._changed.set()

        def restart() -> None:  # only the driver plays an episode again, on a new attempt
            raise AssertionError("a worker never restarts an episode itself")

        try:
            records = await self.host.play(plan, on_event, restart)
            run.records = [record.model_dump() for record in records]
        except Exception as error:  # noqa: BLE001 - the driver fails the run with this one line
            run.error = f"{type(error).__name__}: {error}"[:500]
        run.ended = True
        self._changed.set()
        self._ended.set()

    async def _open(self) -> None:
        """The worlds' clients, opened once by a task that holds them for the worker's life (an MCP client must
        close in the task that opened it)."""
        if self._ready is None:
            self._ready = asyncio.get_running_loop().create_future()
            self._holder = asyncio.create_task(self._hold(self._ready))
        await asyncio.shield(self._ready)

    async def _hold(self, ready: asyncio.Future) -> None:
        try:
            async with self.host.hosting(self.worlds):
                ready.set_result(None)
                await asyncio.Event().wait()
        except Exception as error:  # noqa: BLE001 - a server that cannot be reached fails every start
            if not ready.done():
                ready.set_exception(error)
