"""The referee's tools: whoever created a game with `referee=true` reads its whole event log, public frames,
the world's own counts and the final result over MCP. Before the end it sees what a spectator sees (public
events only); once the game is over, everything, secrets included. A runner records only this."""

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, Field

from servers.annotations import DESTRUCTIVE, READ
from servers.games import Game

if TYPE_CHECKING:
    from servers.factory import WorldServer

MAX_EVENTS_PER_CALL = 2_000
RefereeToken = Annotated[str, Field(min_length=1, max_length=200,
                                    description="The referee_token new_game returned when asked with referee=true.")]


class RefereeView(BaseModel):
    """A game as its referee sees it."""

    game_id: str
    world: str
    world_version: str = Field(description="The world's version (records carry it).")
    started: bool = Field(description="False while the game waits for players to join.")
    done: bool = Field(description="True once the game has ended; from then on events include hidden ones.")
    tick: int
    seats: dict[str, str] = Field(description="Seat -> open, client or bot.")
    awaiting: list[str] = Field(description="Seats whose move the world waits for now.")
    scores: dict[str, float] = Field(description="Every seat's score so far.")
    events: list[dict[str, Any]] = Field(
        description="Log lines with seq >= since (envs/core/schema.py): public ones while the game runs, all "
        "once it is over.")
    next_since: int = Field(description="Pass as `since` to read on from here.")
    more: bool = Field(default=False, description="True when the log already holds lines from next_since on that "
                       "this page did not return (it was full): read again from next_since.")
    hidden_included: bool = Field(description="Whether events include seat-private ones (only after the end).")
    frame: dict[str, Any] = Field(description="The public view's data now (what a spectator's board shows).")
    stats: dict[str, dict[str, Any]] = Field(
        description="The world's counts by seat: actions (accepted), invalid; once the game is over also "
        "latency_ms and latency_ticks (each decision's).")
    result: dict[str, Any] | None = Field(
        default=None, description="Once done: score, success, seat_scores, metrics.")


class GameClosed(BaseModel):
    game_id: str
    done: bool


def register_referee_tools(server: "WorldServer") -> None:
    mcp, table, limits = server.mcp, server.table, server.limits

    async def referee(
        referee_token: RefereeToken,
        since: Annotated[int, Field(ge=0, description="First seq to return (0: from the start).")] = 0,
        timeout_s: Annotated[float, Field(ge=0, le=limits.max_wait_s, description="Longest wait, seconds.")] = 0.0,
    ) -> RefereeView:
        game = table.refereed(referee_token)
        await table.wait(game, None, timeout_s, until=lambda: game.session.done or bool(_visible(game, since, 1)))
        return referee_view(game, since)

    mcp.register(referee, "Referee's view", READ, RefereeView,
                 "Referee only (the referee_token of new_game with referee=true): the game's event log from `since`, "
                 "its public frame, counts and result. With timeout_s, waits until there is something new or the "
                 "game ends (long-poll). Hidden events appear only once the game is over.")

    async def close_game(referee_token: RefereeToken) -> GameClosed:
        game = table.refereed(referee_token)
        table.close(game.id)
        return GameClosed(game_id=game.id, done=game.session.done)

    mcp.register(close_game, "Close the game", DESTRUCTIVE, GameClosed,
                 "Referee only: end the game's life on this server now (its result is kept).")


def _visible(game: Game, since: int, limit: int, done: bool | None = None) -> list[Any]:
    session = game.session
    done = session.done if done is None else done
    out = []
    for event in session.events[since:]:
        if done or event.public:
            out.append(event)
            if len(out) >= limit:
                break
    return out


def referee_view(game: Game, since: int) -> RefereeView:
    session = game.session
    done = session.done  # read once: the events and the flag below must agree
    events = _visible(game, since, MAX_EVENTS_PER_CALL, done)
    full = len(events) >= MAX_EVENTS_PER_CALL
    next_since = events[-1].seq + 1 if full else max(since, len(session.events))
    result = session.result
    stats: dict[str, dict[str, Any]] = {}
    for seat, counts in session.stats.items():
        stats[seat] = {"actions": counts.actions, "invalid": counts.invalid}
        if done:
            stats[seat].update(latency_ms=list(counts.latency_ms), latency_ticks=list(counts.latency_ticks))
    return RefereeView(
        game_id=game.id, world=game.spec.world.name, world_version=session.world.version, started=game.started,
        done=done, tick=session.tick_count, seats={s.name: s.controller for s in game.seats.values()},
        awaiting=sorted(session.awaiting()) if game.started and not done else [],
        scores={seat: session.score(seat) for seat in game.seats},
        events=[e.to_record() for e in events], next_since=next_since, more=full and next_since < len(session.events),
        hidden_included=done,
        frame=dict(game.spec.public(session).data), stats=stats,
        result=None if result is None else {"score": result.score, "success": result.success,
                                            "seat_scores": dict(result.seat_scores), "metrics": dict(result.metrics)},
    )
