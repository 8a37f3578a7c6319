"""The games a server holds: seats as capabilities, bots for empty seats, clocks, limits and reaping."""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mcp.server.mcpserver.exceptions import ToolError

from envs.core import Event, EventKind, Policy, SeatId, Session
from envs.core.clock import run_async_clock
from envs.core.playout import play_out
from envs.core.spec import WorldSpec
from servers.spec import Limits

OPEN, CLIENT, BOT = "open", "client", "bot"
SWEEP_EVERY_S = 1.0
_MAX_BOT_MOVES = 100_000


@dataclass
class Seat:
    """A seat at the table: who plays it, the token that stands for it, what it has already seen."""

    name: SeatId
    controller: str = OPEN
    token: str | None = None
    policy: Policy | None = None
    advisors: dict[str, Policy] = field(default_factory=dict)
    last_seen: float = 0.0
    seen_seq: int = 0
    moves: int = 0
    macro: Any = None  # the macro run_macro plays for this seat between its calls (servers/macro_tools.py)
    data: bool = False  # views carry the observation's structured data (asked for at new_game or join_game)


@dataclass
class Game:
    id: str
    spec: WorldSpec
    session: Session
    seats: dict[SeatId, Seat]
    waiting_for: int
    last_activity: float
    clock_task: asyncio.Task | None = None
    pulse: asyncio.Event = field(default_factory=asyncio.Event)
    seed: int = 0
    referee_token: str | None = None

    @property
    def started(self) -> bool:
        return self.waiting_for == 0

    def touch(self, now: float) -> None:
        self.last_activity = now

    def wake(self) -> None:
        """Wake every long-poll waiting on this game."""
        self.pulse.set()
        self.pulse = asyncio.Event()


class GameTable:
    """All live games of one world server, and the results of the ones that ended or were reaped."""

    def __init__(self, spec: WorldSpec, limits: Limits, clock: Callable[[], float] = time.monotonic):
        self.spec = spec
        self.limits = limits
        self._now = clock
        self.games: dict[str, Game] = {}
        self.finished: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._tokens: dict[str, tuple[str, SeatId]] = {}
        self._referees: dict[str, str] = {}  # referee token -> game id
        self._ids = itertools.count(1)
        self._listeners: list[Callable[[Game, Event], None]] = []
        self._swept = float("-inf")

    # -- creating and joining -------------------------------------------------------------------

    def new_game(self, options: dict[str, Any], seed: int | None, seat: str | None, players: int,
                 referee: bool = False) -> tuple[Game, Seat]:
        self.sweep()
        self._make_room()
        session_kwargs, scenario = self._scenario(options)
        seed = int(secrets.randbits(31)) if seed is None else int(seed)
        try:
            session = Session(self.spec.world, scenario, seed=seed, **session_kwargs)
        except ValueError as error:
            raise ToolError(f"bad game options: {error}") from None
        seats = {name: Seat(name) for name in session.seats}
        if not 1 <= players <= len(seats):
            raise ToolError(f"clients must be between 1 and {len(seats)} (this game's seats), got {players}: clients "
                            "counts the MCP clients to seat, not the table size (a table size is a game option)")
        game = Game(f"{self.spec.world.name}-{next(self._ids)}-{secrets.token_hex(3)}", self.spec, session,
                    seats, waiting_for=players, last_activity=self._now(), seed=seed)
        session.subscribe(lambda event: self._on_event(game, event))
        if referee:  # the creator's capability to read the whole game; never handed to a seat
            game.referee_token = secrets.token_urlsafe(24)
            self._referees[game.referee_token] = game.id
        mine = self._claim(game, self._pick_seat(game, seat))
        self.games[game.id] = game
        return game, mine

    def _make_room(self) -> None:
        """A finished game keeps its slot only while a slot is free: its result stays readable either way."""
        if len(self.games) < self.limits.max_games:
            return
        for game in sorted((g for g in self.games.values() if g.session.done), key=lambda g: g.last_activity):
            self._retire(game)
            if len(self.games) < self.limits.max_games:
                return
        raise ToolError(f"this server holds its limit of {self.limits.max_games} unfinished games; finish one, "
                        "or leave one that has not started")

    def join(self, game_id: str, seat: str | None) -> tuple[Game, Seat]:
        self.sweep()
        game = self.game(game_id)
        if game.started:
            raise ToolError(f"game {game_id} is not waiting for players; start your own with new_game")
        return game, self._claim(game, self._pick_seat(game, seat))

    def _pick_seat(self, game: Game, wanted: str | None) -> Seat:
        open_seats = [s for s in game.seats.values() if s.controller == OPEN]
        if wanted in (None, "", "any"):
            return open_seats[0]
        if wanted == "random":  # not the game's rng: choosing a seat must not change the game
            return open_seats[secrets.randbelow(len(open_seats))]
        if wanted not in game.seats:
            raise ToolError(f"no seat {wanted!r}; open seats: {[s.name for s in open_seats]}")
        if game.seats[wanted].controller != OPEN:
            raise ToolError(f"seat {wanted!r} is taken; open seats: {[s.name for s in open_seats]}")
        return game.seats[wanted]

    def _claim(self, game: Game, seat: Seat) -> Seat:
        seat.controller, seat.token, seat.last_seen = CLIENT, secrets.token_urlsafe(24), self._now()
        self._tokens[seat.token] = (game.id, seat.name)
        game.waiting_for -= 1
        if game.started:
            self._start(game)
        return seat

    def _start(self, game: Game) -> None:
        for seat in game.seats.values():
            if seat.controller == OPEN:
                self._hand_to_bot(game, seat)
        if game.session.clock == "realtime":
            game.clock_task = asyncio.get_running_loop().create_task(self._run_clock(game))
        else:
            self.play_bots(game)

    # -- finding things ---------------------------------------------------------------------------

    def game(self, game_id: str) -> Game:
        game = self.games.get(game_id)
        if game is not None:
            return game
        if game_id in self.finished:
            raise ToolError(f"game {game_id} has ended and was cleared; its result: {self.finished[game_id]}")
        raise ToolError(f"no game {str(game_id)[:80]!r} on this server; call new_game to start one")

    def seat(self, token: str) -> tuple[Game, Seat]:
        """The game and seat a token stands for; the token is the only way to a seat."""
        self.sweep()
        entry = self._tokens.get(token)
        if entry is None:
            raise ToolError("unknown seat_token: use the seat_token that new_game or join_game returned")
        game_id, name = entry
        game = self.game(game_id)
        seat = game.seats[name]
        seat.last_seen = self._now()
        game.touch(seat.last_seen)
        if seat.controller == BOT:
            seat.controller, seat.policy = CLIENT, None  # a client that comes back takes its seat back
        return game, seat

    def refereed(self, token: str) -> Game:
        """The game a referee token stands for (it does not count as activity: a referee only reads)."""
        game_id = self._referees.get(token)
        if game_id is None:
            raise ToolError("unknown referee_token: use the referee_token new_game returned (referee=true)")
        return self.game(game_id)

    # -- playing ----------------------------------------------------------------------------------

    def act(self, game: Game, seat: Seat, command: str) -> list[Event]:
        if not game.started:
            raise ToolError(f"game {game.id} waits for {game.waiting_for} more player(s) to join_game first")
        events = game.session.act(seat.name, command)
        if game.session.clock != "realtime":
            self.play_bots(game)
        return events

    def play_bots(self, game: Game) -> None:
        """Turn clocks: bots move until a client's seat is awaited or the game ends. Within a round, seats move
        in seat order as in every scripted play-out: a bot after an awaited client waits for that client's
        move (two wolves at night, say), so a scripted client replays the baselines' games exactly."""
        bots = {s.name: s.policy for s in game.seats.values() if s.controller == BOT and s.policy is not None}
        clients = {s.name for s in game.seats.values() if s.controller == CLIENT}
        moved = 0
        while moved < _MAX_BOT_MOVES:
            awaited = [s for s in sorted(game.session.awaiting()) if s in clients]
            ready = {s: p for s, p in bots.items() if not awaited or s < awaited[0]}
            made = play_out(game.session, ready, max_moves=_MAX_BOT_MOVES - moved,
                            stop=lambda awaiting, first=awaited[:1]: _first_client(awaiting, clients) != first)
            moved += made
            if not made:
                return

    def _bot_move(self, game: Game, seat: Seat) -> None:
        game.session.act(seat.name, game.session.ask(seat.name, seat.policy))

    def suggest(self, game: Game, seat: Seat, policy: str, persona: dict[str, Any] | None = None) -> str:
        """What the world's scripted `policy` would play for this seat now (it sees only what the seat may);
        with `persona`, a world whose bots take a persona card speaks in it."""
        factories = self.spec.world.policies()
        if policy not in factories:
            raise ToolError(f"no scripted player {policy!r}; choose one of {sorted(factories)}")
        if not game.started or game.session.done:
            raise ToolError("nothing to suggest: the game has not started or has ended")
        advisor = seat.advisors.get(policy)
        if advisor is None:
            extra = {"persona": persona} if persona else {}
            try:
                advisor = factories[policy](game.session, seat.name, self._bot_seed(game, seat), **extra)
            except TypeError:
                raise ToolError(f"the {self.spec.world.name} {policy!r} player takes no persona") from None
            seat.advisors[policy] = advisor
        return game.session.ask(seat.name, advisor)

    def _bot_seed(self, game: Game, seat: Seat) -> int:
        return game.seed * 1009 + list(game.seats).index(seat.name)

    def _hand_to_bot(self, game: Game, seat: Seat) -> None:
        factory = self.spec.world.policies()[self.spec.bot]
        seat.controller = BOT
        seat.policy = factory(game.session, seat.name, self._bot_seed(game, seat))

    def leave(self, game: Game, seat: Seat) -> None:
        """Give the seat up for good: the token stops working (it used to take the seat back silently). Before
        the game starts the seat opens again for someone else; after, a bot plays it."""
        self._tokens.pop(seat.token or "", None)
        seat.token = None
        if not game.started:
            seat.controller, seat.policy = OPEN, None
            game.waiting_for += 1
            return
        self._hand_to_bot(game, seat)
        if game.session.clock != "realtime":
            self.play_bots(game)

    async def _run_clock(self, game: Game) -> None:
        def bots_move() -> None:
            for seat in game.seats.values():
                if seat.controller == BOT and not game.session.done:
                    self._bot_move(game, seat)

        def after_tick() -> None:
            bots_move()
            self.sweep()

        bots_move()  # the bots' moves for the first tick too, as in a lockstep game (they used to skip it)
        await run_async_clock(game.session, running=lambda: game.id in self.games, after_tick=after_tick)

    async def wait(self, game: Game, seat: Seat | None, timeout_s: float,
                   until: Callable[[], bool] | None = None) -> None:
        """Return when `until()` holds (default: it is this seat's move, it has something new to see, or the
        game ended), or when time is up. A referee waits with no seat."""
        ready = until or (lambda: self._worth_waking(game, seat))
        deadline = self._now() + min(max(0.0, timeout_s), self.limits.max_wait_s)
        while not ready():
            remaining = deadline - self._now()
            if remaining <= 0:
                return
            try:
                await asyncio.wait_for(game.pulse.wait(), timeout=min(remaining, 1.0))
            except TimeoutError:
                self.sweep()
            if seat is not None:
                seat.last_seen = self._now()

    def _worth_waking(self, game: Game, seat: Seat) -> bool:
        session = game.session
        if session.done or (game.started and seat.name in session.awaiting()):
            return True
        new = session.events_for(seat.name, seat.seen_seq)
        return any(e.kind not in (EventKind.TICK, EventKind.SCORE) for e in new)

    # -- keeping the server alive -----------------------------------------------------------------

    def sweep(self, force: bool = False) -> None:
        """Hand silent clients' seats to bots and clear idle games (keeping their results). Called from every
        tool and clock; does its work at most once a second."""
        now = self._now()
        if not force and now - self._swept < SWEEP_EVERY_S:
            return
        self._swept = now
        for game in list(self.games.values()):
            idle = now - game.last_activity
            if idle > self.limits.idle_game_s or (not game.started and idle > self.limits.waiting_game_s):
                self._retire(game)
                continue
            if not game.started or game.session.done:
                continue
            self._hand_off_silent(game, now)
            if game.session.clock != "realtime":
                self.play_bots(game)

    def _hand_off_silent(self, game: Game, now: float) -> None:
        """Every silent client's seat goes to a bot, awaited or not, and only that seat is told: which seats
        the game waits for (a hidden role's, at night) must not show in who is handed off or when."""
        for seat in game.seats.values():
            if seat.controller == CLIENT and now - seat.last_seen > self.limits.seat_timeout_s:
                self._hand_to_bot(game, seat)
                notice = {"after_s": self.limits.seat_timeout_s}
                game.session.note(Event("seat_handed_to_bot", seat=seat.name, data=notice,
                                        to=frozenset({seat.name})))

    def close(self, game_id: str) -> None:
        """End a game's life on this server now (its result, if any, is kept)."""
        if game_id in self.games:
            self._retire(self.games[game_id])

    def _retire(self, game: Game) -> None:
        result = game.session.result
        summary = {"done": result is not None}
        if result is not None:
            summary.update(score=result.score, success=result.success)
        self.finished[game.id] = summary
        while len(self.finished) > self.limits.finished_kept:
            self.finished.popitem(last=False)
        for seat in game.seats.values():
            self._tokens.pop(seat.token or "", None)
        self._referees.pop(game.referee_token or "", None)
        if game.clock_task is not None:
            game.clock_task.cancel()
        del self.games[game.id]
        game.wake()

    def _scenario(self, options: dict[str, Any]) -> tuple[dict[str, Any], Any]:
        try:
            return self.spec.split_options(options or {})
        except (TypeError, ValueError) as error:
            allowed = "; ".join(f"{k}: {v}" for k, v in self.spec.scenario_options().items())
            raise ToolError(f"bad game options: {error}. Options: {allowed}") from None

    def subscribe(self, listener: Callable[[Game, Event], None]) -> None:
        self._listeners.append(listener)

    def _on_event(self, game: Game, event: Event) -> None:
        game.touch(self._now())
        game.wake()
        for listener in self._listeners:
            listener(game, event)


def _first_client(awaiting: frozenset[SeatId], clients: set[SeatId]) -> list[SeatId]:
    return sorted(s for s in awaiting if s in clients)[:1]
