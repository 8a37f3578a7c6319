"""Tool argument types shared by every server: the annotation is the schema and its description."""

from typing import Annotated

from pydantic import Field

SeatToken = Annotated[
    str,
    Field(min_length=1, max_length=200, description="Your seat's secret token from new_game or join_game."),
]
Seed = Annotated[int | None, Field(ge=0, le=2**31 - 1, description="Seed; the same seed gives the same game.")]
SeatChoice = Annotated[
    str | None,
    Field(max_length=40, description="Seat to take: a seat name, 'random', or empty for the first open seat."),
]
Clients = Annotated[int, Field(ge=1, le=16, description="MCP clients to seat, you included (1 = start now; bots "
                              "fill the other seats). Not a table size: that is a world option, e.g. options.players.")]
GameId = Annotated[str, Field(min_length=1, max_length=100, description="The game's id.")]
WithData = Annotated[bool, Field(description="Also put `data` (the observation as structured data: positions, "
                                "inventory, ...) in every view of this seat; off, the text observation alone.")]
