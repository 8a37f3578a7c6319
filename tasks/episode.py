"""One episode: an agent plays a seat of a world through an MCP client; the result becomes a record."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from typing import Any

from tasks.records import EpisodeRecord, latency_summary
from tasks.suite import EpisodePlan

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
) -> EpisodeRecord:
    """Play `plan` and return its record; never raises for a failing agent (status error/timeout)."""
    from agents import AgentError, AgentSpec, SeatClient, build_agent

    started, clock = datetime.now(UTC), time.monotonic()
    spec = AgentSpec.model_validate(plan.agent)
    record = EpisodeRecord(
        episode_id=plan.episode_id, suite=suite, task=plan.task.name, world=plan.task.world,
        options=plan.task.options, seed=plan.seed, repeat=plan.repeat, agent=plan.agent,
        agent_label=plan.agent_label, started_at=started.isoformat(timespec="seconds"),
    )
    seat = None
    async with connect(plan.task.world) as client:
        try:
            created = await _new_game(client, plan)
            record.seat = created["seat"]
            if on_game is not None:
                on_game(plan.episode_id, created["game_id"])
            seat = SeatClient(client, created["seat_token"], plan.task.world, on_event=on_event)
            agent = (agent_factory or build_agent)(spec)
            await asyncio.wait_for(agent.play(seat), timeout=hard_timeout_s)
            record.status = "limit" if getattr(seat, "stop_reason", "") else "ok"
            record.stop_reason = getattr(seat, "stop_reason", "") or ""
        except AgentError as error:
            record.status, record.error = "error", str(error)[:500]
        except TimeoutError:
            record.status, record.error = "timeout", f"the episode passed its hard limit of {hard_timeout_s:.0f} s"
        except Exception as error:  # noqa: BLE001 - one broken episode must not end the run
            record.status, record.error = "error", f"{type(error).__name__}: {error}"[:500]
        await _finish(record, client, seat, plan.task.world)
    record.wall_time_s = round(time.monotonic() - clock, 3)
    record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    return record


async def _new_game(client: Any, plan: EpisodePlan) -> dict[str, Any]:
    args: dict[str, Any] = {"options": plan.task.options, "seed": plan.seed}
    if plan.task.seat:
        args["seat"] = plan.task.seat
    result = await client.call_tool("new_game", args)
    if result.is_error:
        raise RuntimeError(f"new_game refused: {result.content[0].text}")
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
    record.done = bool(view.get("done"))
    record.score = raw_score(world, view)
    result = view.get("result") or {}
    record.success = bool(result.get("success")) if world != "village" else bool(result.get("seat_score"))
    record.metrics = result.get("metrics", {})
    if not record.done:
        record.success = False
