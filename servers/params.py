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
Players = Annotated[int, Field(ge=1, le=16, description="Clients to wait for, you included (1 = start now).")]
GameId = Annotated[str, Field(min_length=1, max_length=100, description="The game's id.")]
