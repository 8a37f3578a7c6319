"""The turn loop every agent shares: observe, wait while it is not your move, decide, stop at limits."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from agents.seat import AgentError, SeatClient, ToolRefused
from agents.spec import Budget

View = dict[str, Any]
Decide = Callable[[View], Awaitable[View | None]]
WAIT_S = 5.0
IDLE_S = 0.25


def concrete(legal_actions: list[str]) -> list[str]:
    """The legal actions that are whole commands (not patterns such as `say <text>`)."""
    return [a for a in legal_actions if "<" not in a]


async def play_turns(seat: SeatClient, budget: Budget, decide: Decide) -> None:
    """Loop until the game ends or a limit is reached; `decide` plays one move and returns the new view."""
    view = await seat.observe()
    while not view["done"] and not budget.exhausted():
        if not view["awaiting_you"]:
            view = await seat.wait(WAIT_S)
        elif not concrete(view["legal_actions"]):
            await asyncio.sleep(IDLE_S)  # awaited, yet only patterns: `wait` would return at once
            view = await seat.observe()
        else:
            view = await decide(view) or await seat.observe()


async def within_limits(seat: SeatClient, budget: Budget, game: Awaitable[None]) -> None:
    """Run `game` under the time limit; a server that drops the seat ends play with AgentError."""
    left = budget.seconds_left()
    try:
        async with asyncio.timeout(left) as deadline:
            await game
    except TimeoutError:
        if left is None or not deadline.expired():
            raise
        seat.stop_reason = "max_seconds"
    except ToolRefused as refusal:
        raise AgentError(f"the server refused a call the agent needs: {_first_line(refusal)}") from None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__
