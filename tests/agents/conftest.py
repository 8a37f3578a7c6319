from contextlib import asynccontextmanager

from mcp import Client

from agents import SeatClient
from servers.factory import WorldServer
from servers.spec import Limits
from tests.servers.conftest import nim_spec

FAST_LIMITS = Limits(seat_timeout_s=30.0, idle_game_s=120.0)


def nim_server(**spec_options) -> WorldServer:
    hints = spec_options.pop("hints", False)
    return WorldServer(nim_spec(**spec_options), FAST_LIMITS, hints=hints)


class Table:
    """A server and a connected client; `seat()` starts a game and hands back a SeatClient for it."""

    def __init__(self, server: WorldServer, client: Client) -> None:
        self.server, self.client, self.events = server, client, []

    async def seat(self, options: dict | None = None, seed: int = 1, world: str | None = None) -> SeatClient:
        created = await self.client.call_tool("new_game", {"options": options or {}, "seed": seed})
        assert not created.is_error, created.content[0].text
        name = world or self.server.spec.world.name
        return SeatClient(self.client, created.structured_content["seat_token"], name, on_event=self.events.append)

    def session(self, seat: SeatClient):
        return self.server.table.games[seat.view["game_id"]].session


@asynccontextmanager
async def table(server: WorldServer | None = None):
    """A Table over `server` (default: Nim with macros and hints). Not a fixture: the SDK's client must
    be entered and left in the same task."""
    server = server or nim_server(macros=True, hints=True)
    async with Client(server.mcp) as client:
        yield Table(server, client)
