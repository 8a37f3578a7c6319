"""One episode: an agent plays a seat of a world through an MCP client; the result becomes a record."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from typing import Any

from tasks.records import EpisodeRecord, latency_summary
from tasks.suite import EpisodePlan, Seating

EventSink = Callable[[dict[str, Any]], None]
Connect = Callable[[str], AbstractAsyncContextManager[Any]]
GRACE_S = 30.0


def raw_score(world: str, view: dict[str, Any]) -> float:
    """The number normalised scores are made of: Forge progress, Kitchen team score, Village won (0/1)."""
    result = view.get("result") or {}
    if world == "village":
        return float(result.get("seat_score") or 0.0)
    if world == "forge" and result:
        return float(result.get("metrics", {}).get("progress", view.get("score", 0.0)))
    return float(view.get("score", 0.0))


async def play_episode(
    plan: EpisodePlan,
    connect: Connect,
    *,
    suite: str = "",
    on_game: Callable[[str, str], None] | None = None,
    on_event: EventSink | None = None,
    hard_timeout_s: float | None = None,
    agent_factory: Callable[[Any], Any] | None = None,
) -> list[EpisodeRecord]:
    """Play `plan` (one agent, or a mixed table) and return a record per agent seat. Never raises for a
    failing agent: its record says error or timeout and why."""
    clock = time.monotonic()
    records = [_new_record(plan, seating, suite) for seating in plan.table]
    seats: list[Any] = []
    async with connect(plan.task.world) as client:
        try:
            game_id, seats = await _seat_everyone(client, plan, on_event)
        except Exception as error:  # noqa: BLE001 - a game that cannot start is that episode's error
            for record in records:
                record.status, record.error = "error", f"{type(error).__name__}: {error}"[:500]
        else:
            if on_game is not None:
                on_game(plan.episode_id, game_id)
            factory = agent_factory or _build_agent
            await asyncio.gather(*(_play_seat(record, seat, factory, hard_timeout_s)
                                   for record, seat in zip(records, seats, strict=True)))
        for record, seat in zip(records, seats or [None] * len(records), strict=True):
            await _finish(record, client, seat, plan.task.world)
            record.wall_time_s = round(time.monotonic() - clock, 3)
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


async def _seat_everyone(client: Any, plan: EpisodePlan, on_event: EventSink | None) -> tuple[str, list[Any]]:
    """Create the game (waiting for the whole table) and seat every agent with its own token."""
    from agents import SeatClient

    args: dict[str, Any] = {"options": plan.task.options, "seed": plan.seed, "players": len(plan.table)}
    if plan.task.seat:
        args["seat"] = plan.task.seat
    created = await _call(client, "new_game", args)
    tokens = [created["seat_token"]]
    for _ in plan.table[1:]:
        tokens.append((await _call(client, "join_game", {"game_id": created["game_id"]}))["seat_token"])
    meta = {"task": plan.task.name, "options": plan.task.options, "seed": plan.seed}
    return created["game_id"], [SeatClient(client, token, plan.task.world, on_event=on_event,
                                           meta={**meta, "episode_id": seating.episode_id})
                                for token, seating in zip(tokens, plan.table, strict=True)]


async def _play_seat(record: EpisodeRecord, seat: Any, factory: Callable[[Any], Any], timeout: float | None) -> None:
    from agents import AgentError, AgentSpec

    try:
        agent = factory(AgentSpec.model_validate(record.agent))
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


async def _finish(record: EpisodeRecord, client: Any, seat: Any, world: str) -> None:
    """Fill the record from the seat's last view and the agent's usage."""
    if seat is None:
        return
    usage = seat.usage
    record.steps, record.invalid_actions = usage.steps, usage.invalid_actions
    record.tokens_in, record.tokens_out = usage.tokens_in, usage.tokens_out
    record.cost_usd, record.model_calls = round(usage.cost_usd, 6), usage.model_calls
    for mind, values in usage.latency_ms.items():
        summary = latency_summary(list(values))
        if summary is not None:
            record.latency[mind] = summary
    try:
        view = await seat.observe()
    except Exception as error:  # noqa: BLE001 - the server may be gone; keep what we have
        record.error = record.error or f"final observe failed: {error}"
        return
    record.seat = str(view.get("seat", ""))
    record.done = bool(view.get("done"))
    record.score = raw_score(world, view)
    result = view.get("result") or {}
    record.success = bool(result.get("success")) if world != "village" else bool(result.get("seat_score"))
    record.metrics = result.get("metrics", {})
    if not record.done:
        record.success = False
