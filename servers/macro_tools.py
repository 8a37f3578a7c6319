"""The `macros` and `run_macro` tools, for worlds that have a macro layer."""

import asyncio
import time
from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from envs.core.macros import macro_commands, rules_default
from envs.core.session import Session
from servers.games import Game, Seat
from servers.macros import MacroLayer, MacroRun
from servers.models import MacroList, MacroResult, MacroView
from servers.params import SeatToken

if TYPE_CHECKING:
    from servers.factory import WorldServer


def register_macro_tools(server: "WorldServer", layer: MacroLayer) -> None:
    mcp, table = server.mcp, server.table

    async def macros(
        seat_token: SeatToken,
        after: Annotated[str | None, Field(max_length=120, description="A macro name: list the options where "
                                           "it most likely ends instead of now (to choose ahead).")] = None,
        plan: Annotated[str | None, Field(max_length=2_000, description="Your plan, in words: the answer then "
                                          "names the macro the world's rules would play now.")] = None,
    ) -> MacroList:
        game, seat = table.seat(seat_token)
        session = game.session
        if not game.started or session.done:
            return MacroList(macros=[], clock=session.clock)
        return pipelined_options(layer, session, seat.name, after, plan)

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


def pipelined_options(layer: MacroLayer, session: Session, seat: str, after: str | None,
                      plan: str | None) -> MacroList:
    """The options now, or `after` a macro on the layer's forecast; with the rules' reactive pick if asked."""
    where: Any = session
    observation = None
    if after and hasattr(layer, "forecast"):
        try:
            layer.start(session, seat, after)  # validates the name and that it can begin now
        except ValueError as error:
            raise ToolError(str(error)) from None
        where = layer.forecast(session, seat, after)
        observation = where.observe(seat).text
    options = layer.options(where, seat)
    listed = MacroList(macros=[MacroView(name=o.name, feasible=o.feasible, reason=o.reason, missing=list(o.missing),
                                         score=o.score) for o in options], clock=session.clock, observation=observation)
    if plan is not None:
        pick = layer.reactive(session, seat, plan) if hasattr(layer, "reactive") else rules_default(options, plan)
        if pick is not None:
            listed.reactive, listed.reactive_why = pick.name, pick.why
    return listed


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
        if not session.done and not await _my_turn(server, game, seat, deadline, first=steps == 0):
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


async def _my_turn(server: "WorldServer", game: Game, seat: Seat, deadline: float, first: bool = False) -> bool:
    """Turn clocks: wait until the seat is awaited. Realtime: wait for the next tick, then go; the first
    move goes at once (the last macro's last move has already played), so back-to-back macros lose no tick."""
    session = game.session
    if session.clock == "realtime" and first:
        return True
    if session.clock == "realtime":
        tick = session.tick_count
        while session.tick_count == tick and not session.done and time.monotonic() < deadline:
            await asyncio.sleep(0.5 / session.tick_hz)
        return True
    def my_move() -> bool:
        return session.done or seat.name in session.awaiting()

    await server.table.wait(game, seat, max(0.0, deadline - time.monotonic()), until=my_move)
    return my_move()
