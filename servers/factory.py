"""One factory turns any world into an MCP server: common tools, resources and a prompt."""


import asyncio
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError, ToolError
from mcp.server.subscriptions import InMemorySubscriptionBus, ResourceUpdated
from pydantic import Field

from envs.core import Event, EventKind
from envs.core.spec import WorldSpec
from servers.games import Game, GameTable, Seat
from servers.models import (
    ActionResult,
    EventView,
    GameCreated,
    GameSummary,
    LeftGame,
    ResultView,
    SeatJoined,
    SeatView,
    Suggestion,
)
from servers.params import GameId, Players, SeatChoice, SeatToken, Seed
from servers.spec import Limits


class WorldServer:
    """The server for one world: a GameTable behind the tools. `mcp` is the MCPServer to run or test."""

    def __init__(self, spec: WorldSpec, limits: Limits | None = None, *, hints: bool = False) -> None:
        """`hints` adds the `suggest` tool (the world's scripted player's move for your seat): the scripted
        baseline agents play through it; leave it off where models are being measured."""
        self.spec = spec
        self.limits = limits or Limits()
        self.table = GameTable(spec, self.limits)
        self.bus = InMemorySubscriptionBus()
        name = spec.world.name
        self.mcp = MCPServer(
            f"gamehall-{name}",
            title=f"gamehall {name.title()}",
            instructions=spec.instructions or f"Play gamehall's {name} world. Read rules://{name}, then new_game.",
            version=spec.world.version,
            log_level="WARNING",
            subscriptions=self.bus,
        )
        self.table.subscribe(self._notify)
        self._register_common_tools()
        if hints:
            self._register_hints()
        if spec.macros is not None:
            from servers.macro_tools import register_macro_tools

            register_macro_tools(self, spec.macros)
        if spec.belief_round is not None:
            from servers.beliefs import register_belief_tools

            register_belief_tools(self)
        self._register_resources()
        from servers.referee import register_referee_tools

        register_referee_tools(self)
        if spec.tools:
            from servers.action_tools import register_action_tools

            register_action_tools(self, spec.tools)

    # -- what tools share -------------------------------------------------------------------------

    def play(self, seat_token: str, command: str, *, chat: bool = False) -> ActionResult:
        """Run one command for the seat the token stands for; returns the world's answer and the view.
        A move interrupts the seat's running macro; chat (`say`) does not, and may be longer."""
        limit = self.limits.max_message_chars if chat else self.limits.max_command_chars
        if len(command) > limit:
            raise ToolError(f"command is {len(command)} characters; the limit is {limit}")
        game, seat = self.table.seat(seat_token)
        seat.moves += not chat
        events = self.table.act(game, seat, command)
        refusal = next((e for e in events if e.kind == EventKind.INVALID_ACTION and e.seat == seat.name), None)
        reason = refusal.data.get("reason") if refusal else None
        return ActionResult(**self.view(game, seat), command=command, accepted=refusal is None, reason=reason)

    def view(self, game: Game, seat: Seat) -> dict[str, Any]:
        """The seat's view as the fields of SeatView; marks the events it returns as seen."""
        session = game.session
        observation = session.observe(seat.name)
        fresh = [e for e in session.events_for(seat.name, seat.seen_seq) if e.kind != EventKind.TICK]
        seat.seen_seq = len(session.events)
        result = session.result
        return {
            "game_id": game.id,
            "world": self.spec.world.name,
            "seat": seat.name,
            "observation": observation.text,
            "data": dict(observation.data),
            "legal_actions": list(observation.legal_actions) if game.started else [],
            "awaiting_you": game.started and observation.status.awaiting and not session.done,
            "done": session.done,
            "phase": observation.status.phase,
            "tick": session.tick_count,
            "score": session.score(seat.name),
            "waiting_for_players": game.waiting_for,
            "controller": seat.controller,
            "events": [_event_view(e).model_dump() for e in fresh[-self.limits.events_per_view :]],
            "result": _result_view(result, seat.name).model_dump() if result is not None else None,
            **self._due(game, seat),
        }

    def _due(self, game: Game, seat: Seat) -> dict[str, Any]:
        if self.spec.belief_round is None:
            return {}
        from servers.beliefs import due

        return due(self, game, seat)

    # -- tools ------------------------------------------------------------------------------------

    def _register_common_tools(self) -> None:
        mcp, table, name = self.mcp, self.table, self.spec.world.name
        options_help = "; ".join(f"{k}: {v}" for k, v in self.spec.scenario_options().items())
        max_wait, max_text = self.limits.max_wait_s, self.limits.max_message_chars

        @mcp.tool(description=f"Start a new {name} game and take a seat in it. Seats you do not fill are "
                  "played by built-in bots, unless you ask for more players: then the game starts once "
                  "they have joined with join_game.")
        async def new_game(
            options: Annotated[dict[str, Any] | None, Field(description=f"Game options. {options_help}")] = None,
            seed: Seed = None,
            seat: SeatChoice = None,
            players: Players = 1,
            referee: Annotated[bool, Field(description="Also return a referee_token: the whole game's log and "
                                            "result through the referee tool (keep it from the seats).")] = False,
        ) -> GameCreated:
            game, mine = table.new_game(options or {}, seed, seat, players, referee=referee)
            open_seats = [s.name for s in game.seats.values() if s.controller == "open"]
            return GameCreated(**self.view(game, mine), seat_token=mine.token or "", open_seats=open_seats,
                               referee_token=game.referee_token)

        @mcp.tool(description="Take an open seat in a game that is waiting for players.")
        async def join_game(
            game_id: GameId,
            seat: SeatChoice = None,
        ) -> SeatJoined:
            game, mine = table.join(game_id, seat)
            return SeatJoined(**self.view(game, mine), seat_token=mine.token or "")

        @mcp.tool(description="Your seat's observation, legal actions, status, and what happened since your last call.")
        async def observe(seat_token: SeatToken) -> SeatView:
            game, seat = table.seat(seat_token)
            return SeatView(**self.view(game, seat))

        @mcp.tool(description="Wait until it is your move, something new happens, or the game ends (long-poll).")
        async def wait(
            seat_token: SeatToken,
            timeout_s: Annotated[float, Field(ge=0, le=max_wait, description="Longest wait in seconds.")] = 10.0,
        ) -> SeatView:
            game, seat = table.seat(seat_token)
            await table.wait(game, seat, timeout_s)
            return SeatView(**self.view(game, seat))

        @mcp.tool(description="Play any legal command as text, exactly as legal_actions lists it.")
        async def act(
            seat_token: SeatToken,
            command: Annotated[str, Field(max_length=max_text, description="One command, e.g. from legal_actions.")],
        ) -> ActionResult:
            return self.play(seat_token, command)

        @mcp.tool(description="Say something to the other players (length-bounded; long text is cut).")
        async def say(
            seat_token: SeatToken,
            text: Annotated[str, Field(min_length=1, max_length=max_text, description="What to say.")],
            phase: Annotated[str | None, Field(max_length=40, description="The `phase` of the view you wrote this "
                                               "for; if the game has moved past it, nothing is said.")] = None,
        ) -> ActionResult:
            if phase is not None:
                game, seat = table.seat(seat_token)
                now = game.session.observe(seat.name).status.phase
                if now != phase:
                    raise ToolError(f"not said: you wrote it for the {phase} phase and it is now {now}; "
                                    "observe, then say what fits now")
            return self.play(seat_token, f"say {' '.join(text.split())}", chat=True)

        @mcp.tool(description="Leave the game for good (your seat_token stops working): a built-in bot plays "
                  "your seat from now on, or, before the game starts, the seat opens for someone else.")
        async def leave(seat_token: SeatToken) -> LeftGame:
            game, seat = table.seat(seat_token)
            table.leave(game, seat)
            return LeftGame(game_id=game.id, seat=seat.name, controller=seat.controller, done=game.session.done)

        @mcp.tool(description="The games on this server and their open seats (no secrets).")
        async def list_games() -> list[GameSummary]:
            table.sweep()
            return [_summary(g) for g in table.games.values()]

    def _register_hints(self) -> None:
        table = self.table

        @self.mcp.tool(description="The move the world's scripted player would make for your seat now "
                       "(policy: expert, bot, random or one of the world's own). Only on servers started with hints.")
        async def suggest(
            seat_token: SeatToken,
            policy: Annotated[str, Field(max_length=20, description="Which scripted player to ask.")] = "",
            persona: Annotated[dict[str, Any] | None, Field(description="A persona card (tasks/personas) for the "
                                                            "player to speak in; worlds whose bots take one.")] = None,
        ) -> Suggestion:
            game, seat = table.seat(seat_token)
            policy = self.spec.policy(policy or "bot")
            command = table.suggest(game, seat, policy, persona)
            return Suggestion(command=command, policy=policy, beliefs=self._advised_beliefs(game, seat, policy))

    def _advised_beliefs(self, game: Game, seat: Seat, policy: str) -> dict[str, float] | None:
        """The advisor's beliefs while a belief round is open (scripted seats report what their bot believes)."""
        advisor = seat.advisors.get(policy)
        spec = self.spec
        if spec.belief_round is None or spec.belief_round(game.session) is None or not hasattr(advisor, "beliefs"):
            return None
        return advisor.beliefs()

    def _register_resources(self) -> None:
        mcp, spec, table = self.mcp, self.spec, self.table
        name = spec.world.name

        @mcp.resource("rules://{world}", description="The rules a player needs (markdown).", mime_type="text/markdown")
        def rules(world: str) -> str:
            if world != name:
                raise ResourceNotFoundError(f"this server serves {name}; read rules://{name}")
            return spec.world.rules_text()

        @mcp.resource("game://{game_id}/spectator", description="The public view of a game (no seat's secrets); "
                      "updated as the game goes on.", mime_type="text/plain")
        def spectator(game_id: str) -> str:
            game = table.games.get(game_id)
            if game is None:
                raise ResourceNotFoundError(f"no live game {game_id[:80]!r}")
            return spec.public(game.session).text

        @mcp.prompt(description=f"How to play {name} through this server's tools.")
        def play() -> str:
            return _play_prompt(name, spec.world.rules_text())

    def _notify(self, game: Game, event: Event) -> None:
        if not event.public or event.kind == EventKind.SCORE:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        loop.create_task(self.bus.publish(ResourceUpdated(uri=f"game://{game.id}/spectator")))


def _event_view(event: Event) -> EventView:
    return EventView(seq=event.seq, tick=event.tick, kind=str(event.kind), seat=event.seat, data=dict(event.data))


def _result_view(result, seat: str) -> ResultView:
    return ResultView(score=result.score, success=result.success, seat_score=result.seat_scores.get(seat),
                      metrics=dict(result.metrics))


def _summary(game: Game) -> GameSummary:
    return GameSummary(
        game_id=game.id,
        world=game.spec.world.name,
        seats={s.name: "open" if s.controller == "open" else "taken" for s in game.seats.values()},
        waiting_for_players=game.waiting_for,
        done=game.session.done,
        tick=game.session.tick_count,
    )


def _play_prompt(name: str, rules: str) -> str:
    return (
        f"You are playing gamehall's {name} world through this server's tools.\n"
        "1. Call new_game (optionally with options and a seed). Keep the seat_token it returns; pass it to "
        "every later call and never show it to anyone.\n"
        "2. Read observation and legal_actions. When awaiting_you is true, play one command: a typed tool "
        "or act(command) with a command from legal_actions.\n"
        "3. If a move is refused, read reason and legal_actions and try again. If it is not your move, "
        "call wait.\n4. Stop when done is true and report the result.\n\nRules:\n" + rules
    )
