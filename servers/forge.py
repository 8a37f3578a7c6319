"""Forge as an MCP server: the typed commands of one hero."""

from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from envs.core import Session
from envs.forge.macros import ForgeMacros
from envs.forge.rules import WORLD
from envs.forge.scenario import SCENARIO_OPTIONS, make_scenario
from servers.models import ActionResult
from servers.params import SeatToken
from servers.spec import WorldServerSpec

if TYPE_CHECKING:
    from servers.factory import WorldServer

Name = Annotated[str, Field(min_length=1, max_length=80, description="A name as the observation spells it.")]
Count = Annotated[int, Field(ge=1, le=99, description="How many (default 1).")]


def spectator(session: Session) -> str:
    return session.observe(session.seats[0]).text


def frame(session: Session) -> dict:
    return dict(session.observe(session.seats[0]).data)


def actions(mcp, server: "WorldServer") -> None:
    @mcp.tool(description="Walk to a place (costs the grid distance in steps).")
    async def move(seat_token: SeatToken, place: Name) -> ActionResult:
        return server.play(seat_token, f"move {place}")

    @mcp.tool(description="Gather the resource of the node you stand at, qty units (qty steps).")
    async def gather(seat_token: SeatToken, qty: Count = 1) -> ActionResult:
        return server.play(seat_token, f"gather {qty}")

    @mcp.tool(description="Craft qty of an item at its workshop, with its inputs in your bag.")
    async def craft(seat_token: SeatToken, item: Name, qty: Count = 1) -> ActionResult:
        return server.play(seat_token, f"craft {item} {qty}")

    @mcp.tool(description="Buy goods at the market.")
    async def buy(seat_token: SeatToken, item: Name, qty: Count = 1) -> ActionResult:
        return server.play(seat_token, f"buy {item} {qty}")

    @mcp.tool(description="Sell items from your bag at the market.")
    async def sell(seat_token: SeatToken, item: Name, qty: Count = 1) -> ActionResult:
        return server.play(seat_token, f"sell {item} {qty}")

    @mcp.tool(description="Wear a piece of gear from your bag.")
    async def equip(seat_token: SeatToken, item: Name) -> ActionResult:
        return server.play(seat_token, f"equip {item}")

    @mcp.tool(description="Take off the gear in a slot (weapon, shield, helmet, body, legs, boots, ring, amulet).")
    async def unequip(seat_token: SeatToken, slot: Name) -> ActionResult:
        return server.play(seat_token, f"unequip {slot}")

    @mcp.tool(description="Drink a potion: extra HP for your next fight.")
    async def use(seat_token: SeatToken, item: Name) -> ActionResult:
        return server.play(seat_token, f"use {item}")

    @mcp.tool(description="Fight the monster of the lair you stand at.")
    async def fight(seat_token: SeatToken) -> ActionResult:
        return server.play(seat_token, "fight")

    @mcp.tool(description="Details on an item (recipe), a monster (stats, your odds), a place, the goal or here. "
              "Costs no steps.")
    async def inspect(seat_token: SeatToken, thing: Name) -> ActionResult:
        return server.play(seat_token, f"inspect {thing}")


def spec() -> WorldServerSpec:
    return WorldServerSpec(
        world=WORLD,
        make_scenario=make_scenario,
        scenario_options=SCENARIO_OPTIONS,
        spectator=spectator,
        frame=frame,
        bot="expert",
        actions=actions,
        macros=ForgeMacros(),
        instructions="Forge: read rules://forge, call new_game(options={tier: 1-9}), then play commands "
        "(typed tools or act) until done. inspect costs no steps.",
    )
