"""The executor: run one macro through the server's `run_macro` until it ends or the slow mind interrupts it.

Shared by the hierarchical agent's step loop (lockstep and turn clocks) and its realtime pipeline.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from agents.minds import Board
from agents.prompting import format_events
from agents.seat import SeatClient, ToolRefused


async def run_to_end(seat: SeatClient, name: str) -> dict[str, Any]:
    """Run a macro to its end: one step, however many calls it takes (a call returns `running` before a
    client's request timeout; the next call with the same name goes on)."""
    result = await seat.move("run_macro", name=name)
    while result.get("status") == "running":
        result = await seat.call("run_macro", name=name)
    return result


async def execute_macro(seat: SeatClient, board: Board, runs: set[asyncio.Task],
                        name: str) -> tuple[dict[str, Any] | None, bool]:
    """(the macro's result or None, whether it was interrupted). An interrupted call stays in `runs` until the
    server answers it (the next move replaces the macro); its moves are the executor's decisions."""
    board.doing = f"macro {name}"
    started = time.perf_counter()
    run = asyncio.create_task(run_to_end(seat, name))
    runs.add(run)
    run.add_done_callback(runs.discard)
    interrupted = asyncio.create_task(board.interrupted.wait())
    try:
        await asyncio.wait({run, interrupted}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        interrupted.cancel()
    if not run.done():
        seat.thought("executor", f"macro {name} interrupted: {board.take_interrupt()}")
        return None, True
    seat.usage.record_latency("executor", started)
    try:
        result: dict[str, Any] = run.result()
    except ToolRefused as refusal:
        seat.thought("executor", f"macro {name} refused: {refusal}")
        return None, False
    board.doing = f"finished macro {name} ({result['status']})"
    seat.usage.decided("executor", int(result.get("steps") or 0))
    seat.thought("executor", f"macro {name}: {result['status']} after {result['steps']} moves",
                 events=format_events(result.get("events") or [])[-400:])
    return result, False
