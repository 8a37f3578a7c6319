"""A seat in a game, as an agent holds it: an MCP client session plus the seat's token.

The token never reaches a model: `tools()` strips it from every schema and `call` fills it in.
"""

from __future__ import annotations

import asyncio
import json
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TOKEN_ARG = "seat_token"
MAX_ERROR_CHARS = 1_000  # a server's error may echo a huge argument back: a model reads the start
MAX_EVENTS_KEPT = 60
Mind = str  # "llm", "slow", "fast", "executor"


class AgentError(Exception):
    """The agent cannot go on (its model endpoint keeps failing, or the server lacks a tool it needs)."""


class ToolRefused(Exception):
    """The server answered a tool call with an error; the message is written for a model to read."""


@dataclass
class Usage:
    """What an agent spent on one episode; the runner writes it into the result record."""

    tokens_in: int = 0
    tokens_out: int = 0
    tokens_cached: int = 0  # of tokens_in: served from the provider's (or the local model's) prompt cache
    cost_usd: float = 0.0
    model_calls: int = 0
    retries: int = 0
    latency_ms: dict[Mind, list[float]] = field(default_factory=dict)
    steps: int = 0
    invalid_actions: int = 0
    unplayed_steps: int = 0
    """Of steps: turns that reached no world (a reply without a move, a call the server refused); the world's
    own counts miss them, so the record adds them to the referee's."""
    unplayed_invalid: int = 0
    """Of invalid_actions: those turns that were wrong (all but a turn that only looked)."""
    decisions: dict[str, int] = field(default_factory=dict)
    """Who chose each move: `model:<mind>`, `executor` (a macro's atomic moves), `forced` (the only option,
    taken without asking), `bot` (a scripted player), `human`."""
    latency_ticks: dict[Mind, list[int]] = field(default_factory=dict)
    """Per mind, the world's ticks each decision took, asking to answer (realtime games only)."""

    def decided(self, who: str, moves: int = 1) -> None:
        if moves > 0:
            self.decisions[who] = self.decisions.get(who, 0) + moves

    def record_ticks(self, mind: Mind, ticks: int) -> None:
        self.latency_ticks.setdefault(mind, []).append(ticks)

    def record_latency(self, mind: Mind, started: float) -> None:
        """Add the time since `started` (a `time.perf_counter()` reading) to `mind`'s latencies."""
        self.latency_ms.setdefault(mind, []).append((time.perf_counter() - started) * 1000.0)

    @property
    def tokens(self) -> int:
        return self.tokens_in + self.tokens_out


@dataclass(frozen=True)
class ToolSpec:
    """A server tool as a model sees it: no seat_token anywhere."""

    name: str
    description: str
    parameters: dict[str, Any]


class SeatClient:
    """One seat of one game behind an MCP client (`mcp.Client` or anything with its call_tool/list_tools)."""

    def __init__(self, client: Any, seat_token: str, world: str, *,
                 on_event: Callable[[dict], None] | None = None, meta: dict[str, Any] | None = None) -> None:
        self.client = client
        self.world = world
        self.meta: dict[str, Any] = dict(meta or {})
        """What the runner knows of the game and the agent does not need to play it (task, options, seed,
        episode id): the memory files a finished game under it."""
        self.usage = Usage()
        self.stop_reason: str | None = None
        self.view: dict[str, Any] = {}
        self._token = seat_token
        self._on_event = on_event
        self._tools: list[ToolSpec] | None = None
        self._takes_token: set[str] = set()
        self._events: list[dict[str, Any]] = []
        self.episode_id = ""  # set by the runner: the record this seat's play ends up in
        self.referee: Any = None  # set by the runner: its GameFollower (the game as its referee reads it)
        self._call_notes: dict[Mind, dict[str, Any]] = {}

    @property
    def seat(self) -> str:
        return str(self.view.get("seat", ""))

    # -- the server's tools -----------------------------------------------------------------------

    async def tools(self) -> list[ToolSpec]:
        """The server's tools with `seat_token` stripped from their schemas (listed once, then cached)."""
        if self._tools is None:
            self._tools = [self._strip(t) for t in await listed_tools(self.client)]
        return self._tools

    async def has_tool(self, name: str) -> bool:
        return any(t.name == name for t in await self.tools())

    async def call(self, tool: str, **args: Any) -> dict[str, Any]:
        """Call a server tool for this seat; raises ToolRefused with the server's message on an error."""
        return await self._call(tool, args, move=False)

    async def _call(self, tool: str, args: dict[str, Any], move: bool) -> dict[str, Any]:
        await self.tools()
        if tool in self._takes_token:
            args[TOKEN_ARG] = self._token
        result = await (call_tool(self.client, tool, args) if move else self.client.call_tool(tool, args))
        text = "\n".join(getattr(part, "text", "") for part in result.content or [])
        if result.is_error:
            raise ToolRefused(self.scrub(text) or f"{tool} failed")
        payload = result.structured_content
        if payload is None:
            payload = _parse_json(text)
        if "observation" in payload and "done" in payload:
            self.view = payload
            self._events = (self._events + list(payload.get("events") or []))[-MAX_EVENTS_KEPT:]
            self.emit("observation", {"text": payload["observation"], "legal_actions": payload["legal_actions"],
                                      "tick": payload.get("tick"), "awaiting_you": payload.get("awaiting_you")})
        return payload

    def token_for_process(self) -> str:
        """The seat token itself, only to hand to an external agent's process (its environment); never to log."""
        return self._token

    def scrub(self, text: str) -> str:
        """`text` without this seat's token (a server's validation error may echo every argument) and cut
        to MAX_ERROR_CHARS: what a model, a log or an export is shown of a refusal."""
        text = text.replace(self._token, "<seat_token>") if self._token else text
        return text if len(text) <= MAX_ERROR_CHARS else text[:MAX_ERROR_CHARS] + f" ... ({len(text)} chars)"

    def drain_events(self) -> list[dict[str, Any]]:
        """The events every view since the last drain brought (the server sends each only once)."""
        events, self._events = self._events, []
        return events

    # -- the common moves -------------------------------------------------------------------------

    async def observe(self) -> dict[str, Any]:
        return await self.call("observe")

    async def wait(self, timeout_s: float = 10.0) -> dict[str, Any]:
        """Long-poll until it is the seat's move or something happens (`wait` on servers before wait_for_turn)."""
        tool = "wait_for_turn" if await self.has_tool("wait_for_turn") else "wait"
        return await self.call(tool, timeout_s=timeout_s)

    async def act(self, command: str) -> dict[str, Any]:
        """Play one command; counts a step, and an invalid action if the world refused it."""
        return await self.move("act", command=command)

    async def move(self, tool: str, **args: Any) -> dict[str, Any]:
        """Any move tool (act, a typed action, run_macro): counted as one step; refusals as invalid."""
        self.usage.steps += 1
        try:
            result = await self._call(tool, args, move=True)
        except ToolRefused:
            self.usage.invalid_actions += 1
            self.usage.unplayed_steps += 1
            self.usage.unplayed_invalid += 1
            raise
        if result.get("accepted") is False and "macro" not in result:
            self.usage.invalid_actions += 1
        return result

    # -- the event stream -------------------------------------------------------------------------

    def thought(self, mind: Mind, text: str, **extra: Any) -> None:
        """Report a thought of one mind into the episode's event stream."""
        self.emit("thought", {"mind": mind, "text": text, **extra})

    def note_call(self, mind: Mind, **notes: Any) -> None:
        """Fields for `mind`'s next model_call event, e.g. the ids of the memories its prompt shows."""
        self._call_notes[mind] = notes

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        """Add an event to the episode's stream, checked against its kind in the event schema (the runner
        stamps the rest of the line). A model call carries the notes its mind left for it (`note_call`)."""
        if kind == "model_call" and data.get("mind") in self._call_notes:
            data = {**data, **self._call_notes.pop(data["mind"])}
        if self._on_event is not None:
            from envs.core.schema import run_event

            event = {"kind": kind, "seat": self.seat or None, "data": data}
            run_event(kind, data, seat=event["seat"])
            self._on_event(event)

    def _strip(self, tool: Any) -> ToolSpec:
        schema = json.loads(json.dumps(tool.input_schema or {"type": "object", "properties": {}}))
        properties = schema.setdefault("properties", {})
        if TOKEN_ARG in properties:
            self._takes_token.add(tool.name)
            del properties[TOKEN_ARG]
            schema["required"] = [r for r in schema.get("required", []) if r != TOKEN_ARG]
        schema.pop("title", None)
        return ToolSpec(tool.name, tool.description or "", schema)


WAITING_TOOLS = frozenset({"wait_for_turn", "wait", "run_macro"})  # answer when something happens, not at once
TURN_HOLD_S = 0.1  # the longest one move keeps the others of its connection waiting
_TURNS: dict[int, asyncio.Lock] = {}  # id(client) -> the turn its seats' moves take


def take_turns(client: Any) -> Callable[[], None]:
    """Make the moves of the seats on `client` go one at a time, in the order they were made; returns the undo.
    For a connection to a server in this process, whose answers are this loop's own work: when a run's games
    move at the same moment (a model's replies come back together), the loop otherwise interleaves the moves
    hop by hop, every move ends only when the last does, and the games stay in step, round after round. Taking
    turns, each move ends as soon as its own work is done and the games drift apart (bench/ray.py: a step's
    wait beyond its model call, 32 games on one loop, from ~24 ms to ~2 ms). Only moves: the other calls (a
    game's set-up, reads, its end) come in waves as whole episodes start and end together, and queued behind
    each other they held each episode up longer than interleaved (Ray at 2 workers: 0.84 of ideal with every
    call in turn, 0.88 with moves only). A tool that waits (WAITING_TOOLS) takes no turn, and no move holds it
    longer than TURN_HOLD_S: nothing can wait on a turn forever. Not for a remote server: its calls wait on the
    network, and would queue for nothing."""
    key = id(client)
    _TURNS[key] = asyncio.Lock()
    return lambda: _TURNS.pop(key, None)


async def call_tool(client: Any, tool: str, args: dict[str, Any]) -> Any:
    """A move's `client.call_tool(tool, args)`: in turn with the other moves on `client` if it takes turns,
    unless the tool waits for something to happen (WAITING_TOOLS, or a positive `timeout_s`: a long-poll)."""
    turns = _TURNS.get(id(client))
    if turns is None or tool in WAITING_TOOLS or (args.get("timeout_s") or 0) > 0:
        return await client.call_tool(tool, args)
    return await _in_turn(turns, lambda: client.call_tool(tool, args))


async def _in_turn(turns: asyncio.Lock, call: Callable[[], Any]) -> Any:
    async with turns:
        answer = asyncio.ensure_future(call())
        try:
            await asyncio.wait({answer}, timeout=TURN_HOLD_S)
        except asyncio.CancelledError:
            answer.cancel()
            raise
    return await answer


class _ListingCancelled(Exception):
    """The listing other seats waited for was cancelled with the seat that started it."""


_LISTINGS: dict[int, tuple[float, list[Any]]] = {}  # id(client) -> (fresh until, its server's tools)
_LISTING: dict[int, asyncio.Future] = {}  # id(client) -> the listing under way on it


async def listed_tools(client: Any) -> list[Any]:
    """The tools of the server `client` reaches, kept per connection for as long as the server says the listing
    stays fresh (its `ttlMs` cache hint; gamehall's servers give a day): a run's seats share one connection per
    world, and each seat listing again cost an episode more than its moves did (bench/ray.py). Seats that ask
    while a listing is under way wait for that one: a run starts all its first episodes at once, and each
    listing for itself made the first wave list once per seat. Not the SDK client's response cache: it
    deep-copies the listing on every hit, which measured slower than listing."""
    key = id(client)
    kept = _LISTINGS.get(key)
    if kept is not None and kept[0] > time.monotonic():
        return kept[1]
    under_way = _LISTING.get(key)
    if under_way is not None:
        try:
            return list(await asyncio.shield(under_way))
        except _ListingCancelled:  # the seat that listed was stopped, not the server: list again
            return await listed_tools(client)
    listing_done: asyncio.Future = asyncio.get_running_loop().create_future()
    _LISTING[key] = listing_done
    try:
        listing = await client.list_tools()
    except BaseException as error:
        listing_done.set_exception(error if isinstance(error, Exception) else _ListingCancelled())
        listing_done.exception()  # retrieved: no "never retrieved" warning when nobody else waited
        raise
    finally:
        _LISTING.pop(key, None)
    tools = list(listing.tools)
    listing_done.set_result(tools)
    ttl_ms = getattr(listing, "ttl_ms", None)
    if isinstance(ttl_ms, int) and ttl_ms > 0:
        try:
            if key not in _LISTINGS:
                weakref.finalize(client, _LISTINGS.pop, key, None)
        except TypeError:  # not weakly referenceable: its id could pass to another client
            return tools
        _LISTINGS[key] = (time.monotonic() + ttl_ms / 1000, tools)
    return tools


def _parse_json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"text": text}
    return value if isinstance(value, dict) else {"result": value}
