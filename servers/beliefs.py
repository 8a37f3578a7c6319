"""Belief traces and reflections (after InMind): tools a world's server offers when its spec names a
belief round. `report_beliefs` takes one probability per other player (what it is a probability of is
the spec's `belief_about`), once per round; `reflect` takes a short reflection once the game is over.
Both become private events of the seat: the record keeps them, no other player sees them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver.exceptions import ToolError
from pydantic import BaseModel, Field

from envs.core import Event
from servers.annotations import RECORD
from servers.params import SeatToken

if TYPE_CHECKING:
    from servers.factory import WorldServer
    from servers.games import Game, Seat

BELIEF, REFLECTION = "belief", "reflection"
MAX_REFLECTION = 2_000


class Recorded(BaseModel):
    accepted: bool = Field(description="True if the report was recorded.")
    reason: str | None = Field(default=None, description="Why not, if refused.")
    round: str | None = Field(default=None, description="The belief round it was recorded for.")


def _reported(game: Game, seat: Seat, kind: str, round_: str | None = None) -> bool:
    return any(e.kind == kind and e.seat == seat.name and (round_ is None or e.data.get("round") == round_)
               for e in game.session.events)


def due(server: WorldServer, game: Game, seat: Seat) -> dict[str, Any]:
    """The view's flags: a belief report is due in an open round the seat has not reported in; a reflection
    once the game is over, until the seat has given one."""
    spec = server.spec
    if spec.belief_round is None:
        return {"beliefs_due": False, "belief_targets": [], "reflection_due": False}
    session = game.session
    round_ = None if session.done else spec.belief_round(session)
    awaited = seat.name in session.awaiting()  # the dead and those who already moved this round are not
    wanted = bool(round_ and awaited and not _reported(game, seat, BELIEF, round_))
    return {"beliefs_due": wanted, "belief_targets": targets(server, game, seat) if wanted else [],
            "reflection_due": session.done and not _reported(game, seat, REFLECTION)}


def targets(server: WorldServer, game: Game, seat: Seat) -> list[str]:
    chooser = server.spec.belief_targets
    if chooser is None:
        return [s for s in game.session.seats if s != seat.name]
    return chooser(game.session, seat.name)


def register_belief_tools(server: WorldServer) -> None:
    mcp, table, spec = server.mcp, server.table, server.spec
    about = spec.belief_about or "the probability that the player is on the other side"

    async def report_beliefs(
        seat_token: SeatToken,
        beliefs: Annotated[dict[str, float], Field(description="Player name -> probability (0-1).")],
    ) -> Recorded:
        game, seat = table.seat(seat_token)
        round_ = None if game.session.done else spec.belief_round(game.session)
        if round_ is None:
            return Recorded(accepted=False, reason="no belief round is open now")
        if _reported(game, seat, BELIEF, round_):
            return Recorded(accepted=False, reason=f"you already reported for {round_}", round=round_)
        cleaned = _clean(beliefs, [s for s in game.session.seats if s != seat.name])
        game.session.note(Event(BELIEF, seat=seat.name, data={"round": round_, "beliefs": cleaned},
                                to=frozenset({seat.name})))
        return Recorded(accepted=True, round=round_)

    mcp.register(report_beliefs, "Report beliefs", RECORD, Recorded,
                 f"Report your beliefs when beliefs_due is true: for each player in belief_targets, {about}, as a "
                 "JSON object {player: probability from 0 to 1}. Private: only the record sees it. Once per round.")

    async def reflect(
        seat_token: SeatToken,
        text: Annotated[str, Field(min_length=1, max_length=MAX_REFLECTION, description="Your reflection.")],
    ) -> Recorded:
        game, seat = table.seat(seat_token)
        if not game.session.done:
            return Recorded(accepted=False, reason="reflect once the game is over")
        if _reported(game, seat, REFLECTION):
            return Recorded(accepted=False, reason="you already reflected on this game")
        game.session.note(Event(REFLECTION, seat=seat.name, data={"text": " ".join(text.split())},
                                to=frozenset({seat.name})))
        return Recorded(accepted=True)

    mcp.register(reflect, "Reflect", RECORD, Recorded, "Once the game is over: a short reflection on how it went "
                 "and what you would do differently (private; kept in the record).")


def _clean(beliefs: dict[str, Any], others: list[str]) -> dict[str, float]:
    """Names matched to seats in any case; a name that is no other seat, or a value outside 0-1, is refused."""
    by_lower = {s.lower(): s for s in others}
    cleaned = {}
    for name, value in beliefs.items():
        seat = by_lower.get(str(name).strip().lower())
        if seat is None:
            raise ToolError(f"no other player {str(name)[:40]!r}; players: {', '.join(others)}")
        if not 0.0 <= float(value) <= 1.0:
            raise ToolError(f"the probability for {seat} must be from 0 to 1, got {value}")
        cleaned[seat] = round(float(value), 4)
    return cleaned
