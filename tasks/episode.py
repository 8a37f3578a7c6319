"""One episode: an agent plays a seat of a world through an MCP client; the result becomes a record."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from typing import Any

from envs.core.schema import run_event
from tasks.follow import FRAME_HZ, GameFollower
from tasks.personas import table_personas
from tasks.records import EpisodeRecord, latency_summary
from tasks.suite import EpisodePlan, Seating

EventSink = Callable[[dict[str, Any]], None]
Connect = Callable[[str], AbstractAsyncContextManager[Any]]
GRACE_S = 30.0


def raw_score(world: str, view: dict[str, Any]) -> float:
    """The number normalised scores are made of, as the world's Scoring declares it."""
    from envs.registry import world as find_world

    return find_world(world).scoring.raw(view.get("result"), float(view.get("score", 0.0)))


async def play_episode(
    plan: EpisodePlan,
    connect: Connect,
    *,
    suite: str = "",
    on_game: Callable[[str, str], None] | None = None,
    on_event: EventSink | None = None,
    hard_timeout_s: float | None = None,
    agent_factory: Callable[[Any], Any] | None = None,
    follow_pace_s: float = 1.0 / FRAME_HZ,
) -> list[EpisodeRecord]:
    """Play `plan` (one agent, or a mixed table) on the server `connect` reaches and return a record per agent
    seat; every event line (the world's log read as the game's referee, frames, the agents' own) goes to
    `on_event` as it comes (the game is read at most once per `follow_pace_s`). Nothing but MCP: the same for
    an in-memory server and a remote one. Never raises for a failing agent: its record says error or timeout
    and why."""
    clock = time.monotonic()
    records = [_new_record(plan, seating, suite) for seating in plan.table]
    emit = on_event or (lambda _: None)
    cards = table_personas(plan)  # one persona card (or None) per seat
    for record, found in zip(records, cards, strict=True):
        record.persona = found.name if found is not None else None
    seats: list[Any] = []
    final: dict[str, Any] | None = None
    async with connect(plan.task.world) as client:
        try:
            game_id, referee_token, seats = await _seat_everyone(client, plan, emit, cards)
        except Exception as error:  # noqa: BLE001 - a game that cannot start is that episode's error
            for record in records:
                record.status, record.error = "error", f"{type(error).__name__}: {error}"[:500]
        else:
            follower = GameFollower(client, referee_token, emit, follow_pace_s)
            following = asyncio.create_task(follower.run())
            for seat in seats:
                seat.referee = follower
            if on_game is not None:
                on_game(plan.episode_id, game_id)
            factory = agent_factory or _build_agent
            await asyncio.gather(*(_play_seat(record, seat, factory, hard_timeout_s, card)
                                   for record, seat, card in zip(records, seats, cards, strict=True)))
            follower.stop()
            final = await _final_view(following, records)
            await _close(client, referee_token)
        for record, seat in zip(records, seats or [None] * len(records), strict=True):
            finish_record(record, seat, final, plan.task.world)
            record.wall_time_s = round(time.monotonic() - clock, 3)
            record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
            if len(plan.table) > 1:
                record.metrics["arena"] = plan.episode_id
    return records


async def _final_view(following: asyncio.Task, records: list[EpisodeRecord]) -> dict[str, Any] | None:
    try:
        return await following
    except Exception as error:  # noqa: BLE001 - the server may be gone; the records say so
        for record in records:
            record.error = record.error or f"following the game failed: {type(error).__name__}: {error}"[:500]
            if record.status == "ok":
                record.status = "error"
        return None


async def _close(client: Any, referee_token: str) -> None:
    """Free the game's slot on the server (a remote one would otherwise keep it until it is idle)."""
    try:
        await client.call_tool("close_game", {"referee_token": referee_token})
    except Exception:  # noqa: BLE001 - the server reaps idle games anyway
        return


def failed_records(plan: EpisodePlan, suite: str, error: str) -> list[EpisodeRecord]:
    """A record per seat of an episode that could not be played at all: status error, and why."""
    records = [_new_record(plan, seating, suite) for seating in plan.table]
    for record in records:
        record.status, record.error = "error", error[:500]
        record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        if len(plan.table) > 1:
            record.metrics["arena"] = plan.episode_id
    return records


def _new_record(plan: EpisodePlan, seating: Seating, suite: str) -> EpisodeRecord:
    return EpisodeRecord(
        episode_id=seating.episode_id, suite=suite, task=plan.task.name, world=plan.task.world,
        options=plan.task.options, seed=plan.seed, repeat=plan.repeat, agent=seating.agent,
        agent_label=seating.label, started_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _build_agent(spec: Any) -> Any:
    from agents import build_agent

    return build_agent(spec)


async def _seat_everyone(client: Any, plan: EpisodePlan, emit: EventSink,
                         cards: list[Any]) -> tuple[str, str, list[Any]]:
    """Create the game as its referee (waiting for the whole table) and seat every agent with its own token;
    a persona seat is logged as a `persona` event (who plays which card: for the TUI and the judge)."""
    from agents import SeatClient

    def agent_event(event: dict[str, Any]) -> None:
        emit(run_event(event["kind"], event.get("data") or {}, seat=event.get("seat")))

    args: dict[str, Any] = {"options": plan.task.options, "seed": plan.seed, "clients": len(plan.table),
                            "referee": True, "data": True}
    if plan.task.seat:
        args["seat"] = plan.task.seat
    created = await _call(client, "new_game", args)
    if not created.get("referee_token"):
        raise RuntimeError("the server gave no referee_token: it predates the referee tool")
    views = [created]
    for _ in plan.table[1:]:
        views.append(await _call(client, "join_game", {"game_id": created["game_id"], "data": True}))
    for view, card in zip(views, cards, strict=True):
        if card is not None:
            emit(run_event("persona", {"persona": card.name, "archetype": card.archetype}, seat=view["seat"]))
    seats = []
    meta = {"task": plan.task.name, "options": plan.task.options, "seed": plan.seed}
    for seating, view in zip(plan.table, views, strict=True):
        seat = SeatClient(client, view["seat_token"], plan.task.world, on_event=agent_event,
                          meta={**meta, "episode_id": seating.episode_id})
        seat.view = {k: v for k, v in view.items() if k not in ("seat_token", "referee_token")}
        seat.episode_id = seating.episode_id
        seats.append(seat)
    return created["game_id"], created["referee_token"], seats


async def _play_seat(record: EpisodeRecord, seat: Any, factory: Callable[[Any], Any], timeout: float | None,
                     card: Any = None) -> None:
    from agents import AgentError, AgentSpec

    try:
        shown = {"persona_card": card.prompt_data()} if card is not None else {}
        agent = factory(AgentSpec.model_validate({**record.agent, **shown}))
        await asyncio.wait_for(agent.play(seat), timeout=timeout)
        record.stop_reason = getattr(seat, "stop_reason", "") or ""
        record.status = "limit" if record.stop_reason else "ok"
    except AgentError as error:
        record.status, record.error = "error", str(error)[:500]
    except TimeoutError:
        record.status, record.error = "timeout", f"the episode passed its hard limit of {timeout:.0f} s"
    except Exception as error:  # noqa: BLE001 - one broken agent must not end the run
        record.status, record.error = "error", f"{type(error).__name__}: {error}"[:500]


async def _call(client: Any, tool: str, args: dict[str, Any]) -> dict[str, Any]:
    result = await client.call_tool(tool, args)
    if result.is_error:
        raise RuntimeError(f"{tool} refused: {result.content[0].text}")
    return result.structured_content


def finish_record(record: EpisodeRecord, seat: Any, final: dict[str, Any] | None, world: str) -> None:
    """Fill the record from the agent's usage and, for what the world counts, from the referee's last view:
    the world's own counts are the truth; an agent only sees its replies."""
    if seat is None:
        return
    usage = seat.usage
    record.steps, record.invalid_actions = usage.steps, usage.invalid_actions
    record.tokens_in, record.tokens_out = usage.tokens_in, usage.tokens_out
    record.tokens_cached = usage.tokens_cached
    record.cost_usd, record.model_calls = round(usage.cost_usd, 6), usage.model_calls
    record.decisions = dict(sorted(usage.decisions.items()))
    for mind, values in usage.latency_ms.items():
        summary = latency_summary(list(values), usage.latency_ticks.get(mind))
        if summary is not None:
            record.latency[mind] = summary
    record.seat = seat.seat
    if final is None:
        return
    from envs.registry import world as find_world

    record.world_version = final["world_version"]
    stats = final["stats"].get(record.seat)
    if stats is not None:
        # the referee counts what reached the world; a reply that moved nothing never did
        record.steps = stats["actions"] + usage.unplayed_steps
        record.invalid_actions = stats["invalid"] + usage.unplayed_invalid
        summary = latency_summary(stats.get("latency_ms") or [], stats.get("latency_ticks") or [])
        if summary is not None:
            record.latency["seat"] = summary
    record.done = bool(final["done"])
    result = final.get("result")
    view = {"score": final["scores"].get(record.seat, 0.0), "result": None}
    if result is not None:
        view["result"] = {"score": result["score"], "success": result["success"],
                          "seat_score": result["seat_scores"].get(record.seat), "metrics": result["metrics"]}
    record.score = raw_score(world, view)
    result = view["result"] or {}
    record.success = record.done and find_world(world).scoring.succeeded(result, record.seat)
    record.metrics = dict(result.get("metrics", {}))
    record.metrics["invalid_actions_by_seat"] = {s: st["invalid"] for s, st in final["stats"].items()}
