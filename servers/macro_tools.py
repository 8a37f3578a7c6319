"""The `macros` and `run_macro` tools, for worlds that have a macro layer."""

import asyncio
import time
from typing import TYPE_CHECKING, Annotated

from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from envs.core.macros import macro_commands
from servers.games import Game, Seat
from servers.macros import MacroLayer, MacroRun
from servers.models import MacroList, MacroResult, MacroView
from servers.params import SeatToken

if TYPE_CHECKING:
    from servers.factory import WorldServer


def register_macro_tools(server: "WorldServer", layer: MacroLayer) -> None:
    mcp, table = server.mcp, server.table

    async def macros(seat_token: SeatToken) -> MacroList:
        game, seat = table.seat(seat_token)
        options = layer.options(game.session, seat.name) if game.started and not game.session.done else []
        return MacroList(macros=[MacroView(name=o.name, feasible=o.feasible, reason=o.reason,
                                           missing=list(o.missing), score=o.score) for o in options])

    async def run_macro(
        seat_token: SeatToken,
        name: Annotated[str, Field(min_length=1, max_length=120, description="A macro name from `macros`.")],
    ) -> MacroResult:
        game, seat = table.seat(seat_token)
        if not game.started or game.session.done:
            raise ToolError("no macro can run: the game has not started or has ended")
        try:
            run = layer.start(game.session, seat.name, name)
        except ValueError as error:
            raise ToolError(str(error)) from None
        return await _drive(server, game, seat, name, run)

    mcp.tool(description="The macro actions of your seat now, each with whether it can begin and why not.")(macros)
    mcp.tool(description="Run a macro action to its end (many atomic moves over steps or ticks). Another "
             "move from your seat interrupts it.")(run_macro)


async def _drive(server: "WorldServer", game: Game, seat: Seat, name: str, run: MacroRun) -> MacroResult:
    table, limits, session = server.table, server.limits, game.session
    seat.moves += 1
    mine, steps, deadline = seat.moves, 0, time.monotonic() + limits.macro_max_s
    status, reason = "limit", f"stopped after {limits.macro_max_steps} moves or {limits.macro_max_s:.0f} s"
    commands = macro_commands(run, session)
    while steps < limits.macro_max_steps and time.monotonic() < deadline:
        if seat.moves != mine:
            status, reason = "interrupted", "another move from your seat replaced this macro"
            break
        if not session.done and not await _my_turn(server, game, seat, deadline):
            continue
        try:
            command = next(commands)
        except StopIteration as end:
            status, reason = end.value
            break
        table.act(game, seat, command)
        steps += 1
    view = server.view(game, seat)
    return MacroResult(**view, command=name, accepted=status == "done", reason=reason or None,
                       macro=name, status=status, steps=steps)


async def _my_turn(server: "WorldServer", game: Game, seat: Seat, deadline: float) -> bool:
    """Turn clocks: wait until the seat is awaited. Realtime: wait for the next tick, then go."""
    session = game.session
    if session.clock == "realtime":
        tick = session.tick_count
        while session.tick_count == tick and not session.done and time.monotonic() < deadline:
            await asyncio.sleep(0.5 / session.tick_hz)
        return True
    def my_move() -> bool:
        return session.done or seat.name in session.awaiting()

    await server.table.wait(game, seat, max(0.0, deadline - time.monotonic()), until=my_move)
    return my_move()
