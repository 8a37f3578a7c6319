"""The one play-out loop: scripted players move for the seats they hold until the game ends or waits for a
seat they do not hold. Baselines, the gym adapter, the servers' bots and the worlds' own tables use it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from envs.core.events import SeatId
from envs.core.session import Session
from envs.core.world import Policy

MAX_MOVES = 1_000_000


def play_out(session: Session, players: Mapping[SeatId, Policy], *,
             stop: Callable[[frozenset[SeatId]], bool] | None = None, until: SeatId | None = None,
             max_moves: int = MAX_MOVES) -> int:
    """Move every awaited seat in `players` (in seat order, each shown only its own view) until the game
    ends, no awaited seat has a player, `stop(awaiting)` holds or the seat `until` is awaited. Returns the
    number of moves made."""
    moves = 0
    while moves < max_moves:
        awaiting = session.awaiting()  # empty once the game is done
        if not awaiting or until in awaiting or (stop is not None and stop(awaiting)):
            return moves
        movers = [s for s in awaiting if s in players]
        if not movers:
            return moves
        if len(movers) > 1:
            movers.sort()
        for seat in movers:
            session.act(seat, session.ask(seat, players[seat]))
            moves += 1
    raise RuntimeError(f"{session.world.name}: scripted players made {max_moves} moves without an end")
