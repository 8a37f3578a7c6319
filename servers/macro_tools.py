"""The `macros` and `run_macro` tools, for worlds that have a macro layer."""

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult
from pydantic import Field

from envs.core.macros import macro_commands, rules_default
from envs.core.session import Session
from servers.annotations import MOVE, READ
from servers.games import Game, Seat
from servers.macros import MacroLayer
from servers.models import MacroList, MacroResult, MacroView
from servers.params import SeatToken
from servers.strict import tool_result
from servers.views import view_text

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
        name: Annotated[str, Field(min_length=1, max_length=120, description="A macro name from `macros`; the "
                                   "name of the running macro goes on with it.")],
        ctx: Context,
    ) -> CallToolResult:
        game, seat = table.seat(seat_token)
        running = seat.macro
        if running is not None and running.name == name and running.mine == seat.moves and not game.session.done:
            return await _drive(server, game, seat, running, ctx)
        if not game.started or game.session.done:
            raise ToolError("no macro can run: the game has not started or has ended")
        try:
            run = layer.start(game.session, seat.name, name)
        except ValueError as error:
            raise ToolError(str(error)) from None
        seat.moves += 1
        seat.macro = Running(name, macro_commands(run, game.session), seat.moves, time.monotonic())
        return await _drive(server, game, seat, seat.macro, ctx)

    mcp.register(macros, "List macros", READ, MacroList,
                 "The macro actions of your seat now, each with whether it can begin and why not.")
    mcp.register(run_macro, "Run a macro", MOVE, MacroResult,
                 "Run a macro action: many atomic moves over steps or ticks. One call plays for at most "
                 f"{server.limits.macro_call_s:g} s (progress notifications meanwhile, if you send a progressToken); "
                 "status running means it goes on: call run_macro with the same name again. Another move from "
                 "your seat interrupts it.")


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


@dataclass
class Running:
    """A macro between calls of run_macro: its commands still to play, and the seat's move it was."""

    name: str
    commands: Iterator[str]
    mine: int
    started: float
    steps: int = 0


async def _drive(server: "WorldServer", game: Game, seat: Seat, run: Running, ctx: Context) -> CallToolResult:
    """Play the macro's commands until it ends, the seat moves otherwise, a limit hits, or this call's time is
    up (then `running`: the next run_macro goes on). No call comes near a client's 60 s request timeout."""
    table, limits, session = server.table, server.limits, game.session
    now = time.monotonic()
    deadline = min(run.started + limits.macro_max_s, now + limits.macro_call_s)
    status, reason = "running", f"still running after {limits.macro_call_s:g} s: call run_macro({run.name!r}) again"
    while True:
        if seat.moves != run.mine:
            status, reason = "interrupted", "another move from your seat replaced this macro"
            break
        if run.steps >= limits.macro_max_steps or time.monotonic() >= run.started + limits.macro_max_s:
            status, reason = "limit", f"stopped after {limits.macro_max_steps} moves or {limits.macro_max_s:.0f} s"
            break
        if time.monotonic() >= deadline:
            break
        if not session.done and not await _my_turn(server, game, seat, deadline, first=run.steps == 0):
            continue
        try:
            command = next(run.commands)
        except StopIteration as end:
            status, reason = end.value
            break
        table.act(game, seat, command)
        run.steps += 1
        await _progress(ctx, run)
    if status != "running" and seat.macro is run:
        seat.macro = None
    view = server.view(game, seat)
    view.update(command=run.name, accepted=status == "done", reason=reason or None, macro=run.name, status=status,
                steps=run.steps)
    return tool_result(view_text(view, f"macro {run.name}: {status} after {run.steps} moves"
                                 + (f" ({reason})" if reason and status != "done" else "")), view)


async def _progress(ctx: Context, run: Running) -> None:
    """A progress notification per move, to a client that asked for them (a progressToken in the request)."""
    try:
        await ctx.report_progress(run.steps, None, f"{run.name}: {run.steps} moves")
    except Exception:  # noqa: BLE001 - a client gone or without progress support must not stop the macro
        return


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
