"""Where a run's episodes are played: the worlds' MCP servers in memory (or the remote `--server`), one client per
world, and an agent built for each seat. The asyncio runner is one host; each Ray worker is another
(tasks/ray_worker.py), so both play an episode with the same code."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
from collections.abc import AsyncIterator, Callable, Iterable
from typing import TYPE_CHECKING, Any

from tasks.episode import EventSink, play_episode
from tasks.follow import pace
from tasks.records import EpisodeRecord
from tasks.suite import EpisodePlan

if TYPE_CHECKING:
    from tasks.runner import RunConfig

Restart = Callable[[], None]
"""Called by a host that plays an episode again from the start (its worker died): the lines so far are void."""


GC_THRESHOLD = (50_000, 20, 10)  # the cyclic collector's (gen0, gen1, gen2) while episodes play


@contextlib.contextmanager
def fewer_collections():
    """While a host plays: what is loaded so far (worlds, servers, models) frozen out of the cyclic collector, and
    collections rarer. At the default thresholds a host playing 32 episodes at once spent a fifth of its CPU in
    collections, some of them pauses of the whole loop, which every episode's next step waited out (bench/ray.py).
    Rarer is not never: cycles are still collected. The old thresholds come back after."""
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def trust_results(client: Any) -> Callable[[], None]:
    """Have `client`, connected to a server in this very process, take its tools' results as they come; returns
    the undo. The SDK's client checks every structured result against the tool's output schema, a walk over the
    whole view that cost a host about a tenth of its CPU (bench/ray.py). A server here built each result from a
    validated pydantic model of that schema a moment before, on the same loop, so the check can only pass; that
    every tool's results match what it publishes is tests/servers/test_surface.py's job. A remote server's results
    are still checked, one by one."""
    session = client.session

    async def trusted(name: str, result: Any) -> None:
        return None

    session.validate_tool_result = trusted
    return lambda: session.__dict__.pop("validate_tool_result", None)


class EpisodeHost:
    def __init__(self, config: RunConfig) -> None:
        self.config = config
        self._servers: dict[str, Any] = {}
        self._clients: dict[str, Any] = {}
        self._connections: contextlib.AsyncExitStack | None = None
        self._loopback: tuple[str, str | None] | None = None
        self._loopback_lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def hosting(self, worlds: Iterable[str]) -> AsyncIterator[None]:
        """One MCP connection per world while the block runs, shared by every seat (each seat has its own
        token): a client checks each tool's result schema once, not once per episode. The block starts warm
        (`warm_up`)."""
        from agents.seat import take_turns

        try:
            async with contextlib.AsyncExitStack() as connections:
                self._connections = connections
                for world in sorted(set(worlds)):
                    self._clients[world] = await connections.enter_async_context(self._new_client(world))
                    if self.config.server_url is None:  # this process's server: its seats' moves take turns,
                        connections.callback(take_turns(self._clients[world]))  # and its results are its own
                        connections.callback(trust_results(self._clients[world]))
                await self.warm_up()
                connections.enter_context(fewer_collections())  # after: what warming loaded is frozen too
                yield
        finally:
            self._clients.clear()
            self._connections, self._loopback = None, None

    async def play(self, plan: EpisodePlan, on_event: EventSink, restart: Restart) -> list[EpisodeRecord]:
        """The episode's records; every event line goes to `on_event` as it comes (`restart` is unused here:
        an in-process episode is never played twice)."""
        return await play_episode(plan, self._connect, suite=self.config.suite.name, on_event=on_event,
                                  hard_timeout_s=self._hard_limit(plan), agent_factory=self._agent_factory,
                                  follow_pace_s=pace(self.config.concurrency))

    async def warm_up(self) -> None:
        """Load, once and before any episode, what a host's first episodes would each wait for: the tools of
        every world's server, the agents' and the SDK's result checking (jsonschema) modules, each world's
        engine (a game of its first task made here, on no server: nothing is played or recorded), and the
        persona cards if the suite casts any. Loaded by the first episode instead, it stalled every episode of
        the first wave on the host's one loop (a Ray worker's first wave took 1.2x the second; bench/ray.py)."""
        import jsonschema  # noqa: F401 - the SDK client checks every tool result with it, imported at first use

        import agents.hierarchical  # noqa: F401 - build_agent imports the kinds at the first episode
        import agents.llm  # noqa: F401
        import agents.scripted  # noqa: F401
        from agents.seat import listed_tools
        from envs.registry import world as world_spec

        for client in self._clients.values():
            await listed_tools(client)
        suite = self.config.suite
        if self.config.server_url is None:
            first = {task.world: task for task in reversed(suite.tasks) if task.world in self._clients}
            for world, task in first.items():
                try:
                    world_spec(world).session(task.options, seed=(task.seed_list() or [0])[0])
                except Exception:  # noqa: BLE001 - warming only: the episodes report what is wrong
                    continue
        if any(task.persona for task in suite.tasks) or any(a.get("persona") for a in self.config.agents):
            from tasks.personas import library

            library()

    def _hard_limit(self, plan: EpisodePlan) -> float:
        """The wall-clock cap of one game: half again the agents' own time limit, plus a minute."""
        seconds = plan.agent.get("max_seconds") or 3600.0
        return float(seconds) * 1.5 + 60.0

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
        if self.config.server_url is not None:
            return self.config.server_url.format(world=world), os.environ.get("GAMEHALL_TOKEN")
        async with self._loopback_lock:
            if self._loopback is None:
                from servers.loopback import loopback

                assert self._connections is not None, "endpoints exist only while the run runs"
                self._loopback = await self._connections.enter_async_context(loopback(dict(self._servers)))
        url, token = self._loopback
        return url.format(world=world), token

    # -- servers -----------------------------------------------------------------------------------

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
