"""Kitchen as an MCP server: atomic moves, macro actions through the world's executor, chat via `say`.

Clock options: `clock` lockstep (default: the tick plays when every chef has moved) or realtime (the server
ticks at `tick_hz`, default 10, whether or not anyone moved: a slow player stands still)."""

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from envs.core import SeatId, Session
from envs.kitchen import macros as kitchen_macros
from envs.kitchen.render import ansi
from envs.kitchen.rules import SCENARIO_OPTIONS, WORLD, make_scenario
from servers.macros import MacroOption
from servers.models import ActionResult
from servers.params import SeatToken
from servers.spec import WorldServerSpec

if TYPE_CHECKING:
    from servers.factory import WorldServer

Direction = Annotated[Literal["up", "down", "left", "right"], Field(description="Which way to step or turn.")]
SESSION_OPTIONS = {"clock": "lockstep", "tick_hz": 10.0}


def spectator(session: Session) -> str:
    return ansi(session.state, session.seats[0]).replace(" (you)", "")


def frame(session: Session) -> dict[str, Any]:
    data = dict(session.observe(session.seats[0]).data)
    data.pop("you", None)
    return data


class MacroRun:
    """The world's Executor as a server macro: it reads the live state at every tick."""

    def __init__(self, executor: kitchen_macros.Executor) -> None:
        self.executor = executor

    @property
    def status(self) -> str:
        return self.executor.status

    @property
    def reason(self) -> str:
        return self.executor.reason

    def next_command(self, session: Session) -> str | None:
        return self.executor.next_action(session.state)


class KitchenMacros:
    def options(self, session: Session, seat: SeatId) -> list[MacroOption]:
        state = session.state
        found = []
        for name in kitchen_macros.macro_names(state):
            check = kitchen_macros.can_begin(state, seat, name)
            found.append(MacroOption(name, check.feasible, check.reason, tuple(check.missing), check.score))
        return found

    def start(self, session: Session, seat: SeatId, name: str) -> MacroRun:
        state = session.state
        if name not in kitchen_macros.macro_names(state):
            raise ValueError(f"unknown macro {name!r}; macros: {kitchen_macros.macro_names(state)}")
        check = kitchen_macros.can_begin(state, seat, name)
        if not check.feasible:
            raise ValueError(f"macro {name!r} cannot begin: {check.reason}")
        return MacroRun(kitchen_macros.Executor(state, seat, name))


def actions(mcp, server: "WorldServer") -> None:
    @mcp.tool(description="Step one tile (or turn to face that way if the tile is blocked); one tick.")
    async def move(seat_token: SeatToken, direction: Direction) -> ActionResult:
        return server.play(seat_token, direction)

    @mcp.tool(description="Use the tile you face: pick up, put down, fill or take from a pot, chop, serve; one tick.")
    async def interact(seat_token: SeatToken) -> ActionResult:
        return server.play(seat_token, "interact")

    @mcp.tool(description="Stand still for one tick.")
    async def stay(seat_token: SeatToken) -> ActionResult:
        return server.play(seat_token, "stay")


def spec() -> WorldServerSpec:
    options = {**SCENARIO_OPTIONS,
               "clock": "lockstep (each tick waits for every chef) or realtime (ticks at tick_hz regardless)",
               "tick_hz": "realtime ticks per second, default 10"}
    return WorldServerSpec(
        world=WORLD,
        make_scenario=make_scenario,
        scenario_options=options,
        spectator=spectator,
        frame=frame,
        bot="expert",
        actions=actions,
        macros=KitchenMacros(),
        session_options=SESSION_OPTIONS,
        instructions="Kitchen: cook and serve with your partner. read rules://kitchen; new_game(options={layout, "
        "rules, clock}); play atomic moves, or macros (macros, run_macro); talk with say.",
    )
