"""One factory turns any world into an MCP server: common tools, resources and a prompt."""


import asyncio
from typing import Annotated, Any

from mcp.server.caching import CacheHint
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.subscriptions import InMemorySubscriptionBus, ResourceUpdated
from mcp_types import CallToolResult
from pydantic import Field

from envs.core import Event, EventKind
from envs.core.spec import WorldSpec
from servers.annotations import DESTRUCTIVE, MOVE, READ, START
from servers.games import Game, GameTable, Seat
from servers.models import ActionResult, GameCreated, GameList, LeftGame, SeatJoined, SeatView, Suggestion
from servers.params import Clients, GameId, SeatChoice, SeatToken, Seed, WithData
from servers.spec import Limits
from servers.strict import StrictServer, tool_result
from servers.subscriptions import LegacySubscriptions
from servers.views import event_view, split_legal, view_text

FIXED_LISTING = CacheHint(ttl_ms=24 * 3600 * 1000, scope="public")  # tools/list, prompts/list: fixed for life

WAIT_DEPRECATED = "Deprecated alias of wait_for_turn (the name clashed with the worlds' moves); removed next release."
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
        self.mcp = StrictServer(
            f"gamehall-{name}",
            title=f"gamehall {name.title()}",
            instructions=spec.instructions or f"Play gamehall's {name} world. Read rules://{name}, then new_game.",
            version=spec.world.version,
            log_level="WARNING",
            subscriptions=self.bus,
            # The tools and prompts are fixed for the server's life and the same for every client: a client may
            # keep the listing (2026-07-28 cache hints) instead of asking again for every seat it plays.
            cache_hints={"tools/list": FIXED_LISTING, "prompts/list": FIXED_LISTING},
        )
        self._pending: set[str] = set()  # spectator URIs with a notice on its way
        self.legacy = LegacySubscriptions()
        self.legacy.install(self.mcp._lowlevel_server)
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
        from servers.resources import register_resources

        register_resources(self)
        from servers.referee import register_referee_tools

        register_referee_tools(self)
        if spec.tools:
            from servers.action_tools import register_action_tools

            register_action_tools(self, spec.tools)

    # -- what tools share -------------------------------------------------------------------------

    def play(self, seat_token: str, command: str, *, chat: bool = False) -> CallToolResult:
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
        view = self.view(game, seat)
        view.update(command=command, accepted=refusal is None, reason=reason)
        head = f"refused: {command[:80]}: {reason}" if refusal else f"played: {command[:200]}"
        return tool_result(view_text(view, head), view)

    def view(self, game: Game, seat: Seat) -> dict[str, Any]:
        """The seat's view as the fields of SeatView; marks the events it returns as seen."""
        session = game.session
        observation = session.observe(seat.name)
        fresh = [e for e in session.events_for(seat.name, seat.seen_seq) if e.kind != EventKind.TICK]
        seat.seen_seq = len(session.events)
        result = session.result
        commands, templates = split_legal(observation.legal_actions) if game.started else ([], [])
        return {
            "game_id": game.id,
            "world": self.spec.world.name,
            "seat": seat.name,
            "observation": observation.text,
            **({"data": dict(observation.data)} if seat.data else {}),
            "legal_actions": commands,
            "templates": templates,
            "awaiting_you": game.started and observation.status.awaiting and not session.done,
            "done": session.done,
            "phase": observation.status.phase,
            "tick": session.tick_count,
            "score": session.score(seat.name),
            "waiting_for_players": game.waiting_for,
            "controller": seat.controller,
            "events": [event_view(e) for e in fresh[-self.limits.events_per_view :]],
            "result": _result_view(result, seat.name) if result is not None else None,
            **self._due(game, seat),
        }

    def seat_result(self, game: Game, seat: Seat, head: str = "") -> CallToolResult:
        view = self.view(game, seat)
        return tool_result(view_text(view, head), view)

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

        async def new_game(
            options: Annotated[dict[str, Any] | None, Field(description=f"Game options. {options_help}")] = None,
            seed: Seed = None,
            seat: SeatChoice = None,
            clients: Clients = 1,
            referee: Annotated[bool, Field(description="Also return a referee_token: the whole game's log and "
                                            "result through the referee tool (keep it from the seats).")] = False,
            data: WithData = False,
            players: Annotated[int | None, Field(ge=1, le=16, description="Deprecated: use clients (removed next "
                                                 "release). A table size goes in options.")] = None,
        ) -> CallToolResult:
            waiting = clients if players is None else players
            game, mine = table.new_game(options or {}, seed, seat, waiting, referee=referee)
            mine.data = data
            view = self.view(game, mine)
            view.update(seat_token=mine.token or "", open_seats=[s.name for s in game.seats.values()
                                                                  if s.controller == "open"],
                        referee_token=game.referee_token)
            head = (f"seat_token: {mine.token} (pass it to every call; keep it secret: it is shown only here)"
                    + (" · referee_token in the structured result" if game.referee_token else "")
                    + (" · players is deprecated: use clients" if players is not None else ""))
            return tool_result(view_text(view, head), view)

        mcp.register(new_game, "Start a game", START, GameCreated,
                     f"Start a new {name} game and take a seat in it. Seats you do not fill are played by built-in "
                     "bots, unless you ask for more clients: then the game starts once they have joined with "
                     "join_game.")

        async def join_game(game_id: GameId, seat: SeatChoice = None, data: WithData = False) -> CallToolResult:
            game, mine = table.join(game_id, seat)
            mine.data = data
            view = self.view(game, mine)
            view["seat_token"] = mine.token or ""
            head = f"seat_token: {mine.token} (pass it to every call; keep it secret: it is shown only here)"
            return tool_result(view_text(view, head), view)

        mcp.register(join_game, "Join a game", START, SeatJoined,
                     "Take an open seat in a game that is waiting for clients.")

        async def observe(seat_token: SeatToken) -> CallToolResult:
            game, seat = table.seat(seat_token)
            return self.seat_result(game, seat)

        mcp.register(observe, "Look", READ, SeatView,
                     "Your seat's observation, legal commands, status, and what happened since your last call.")

        async def wait_for_turn(
            seat_token: SeatToken,
            timeout_s: Annotated[float, Field(ge=0, le=max_wait, description="Longest wait in seconds.")] = 10.0,
        ) -> CallToolResult:
            game, seat = table.seat(seat_token)
            await table.wait(game, seat, timeout_s)
            mine = game.started and not game.session.done and seat.name in game.session.awaiting()
            head = "It is your move: wait_for_turn returns at once while it is. Play a command (pass does nothing)."
            return self.seat_result(game, seat, head if mine else "")

        about = ("Wait until it is your move, something new happens, or the game ends (long-poll; free, not a "
                 "move). To do nothing on your move, play pass.")
        mcp.register(wait_for_turn, "Wait for your turn", READ, SeatView, about)
        mcp.register(wait_for_turn, "Wait for your turn (deprecated name)", READ, SeatView,
                     f"{WAIT_DEPRECATED} {about}", name="wait")

        async def act(
            seat_token: SeatToken,
            command: Annotated[str, Field(max_length=max_text, description="One command from legal_actions, or a "
                                          "template from templates with its <slot> filled in.")],
        ) -> CallToolResult:
            return self.play(seat_token, command)

        mcp.register(act, "Play a command", MOVE, ActionResult,
                     "Play one command as text: one of legal_actions as listed, or a template from templates with "
                     "its <slot> filled in (e.g. `say <text>` as `say hello`).")

        async def say(
            seat_token: SeatToken,
            text: Annotated[str, Field(min_length=1, max_length=max_text, description="What to say.")],
            phase: Annotated[str | None, Field(max_length=40, description="The `phase` of the view you wrote this "
                                               "for; if the game has moved past it, nothing is said.")] = None,
        ) -> CallToolResult:
            if phase is not None:
                game, seat = table.seat(seat_token)
                now = game.session.observe(seat.name).status.phase
                if now != phase:
                    raise ToolError(f"not said: you wrote it for the {phase} phase and it is now {now}; "
                                    "observe, then say what fits now")
            return self.play(seat_token, f"say {' '.join(text.split())}", chat=True)

        mcp.register(say, "Say", MOVE, ActionResult,
                     "Say something to the other players (length-bounded; long text is cut).")

        async def leave(seat_token: SeatToken) -> CallToolResult:
            game, seat = table.seat(seat_token)
            table.leave(game, seat)
            left = LeftGame(game_id=game.id, seat=seat.name, controller=seat.controller, done=game.session.done)
            return tool_result(f"left {game.id}: your seat_token no longer works; {seat.name} is now "
                               f"{seat.controller}", left.model_dump())

        mcp.register(leave, "Leave the game", DESTRUCTIVE, LeftGame,
                     "Leave the game for good (your seat_token stops working): a built-in bot plays your seat from "
                     "now on, or, before the game starts, the seat opens for someone else.")

        async def list_games() -> CallToolResult:
            table.sweep()
            games = [_summary(g) for g in table.games.values()]
            lines = [f"{g['game_id']}: {_state(g)}; open seats: "
                     f"{', '.join(s for s, c in g['seats'].items() if c == 'open') or 'none'}" for g in games]
            return tool_result("\n".join(lines) or "no games on this server", {"result": games})

        mcp.register(list_games, "List games", READ, GameList, "The games on this server and their open seats "
                     "(no secrets).")

    def _register_hints(self) -> None:
        table = self.table

        async def suggest(
            seat_token: SeatToken,
            policy: Annotated[str, Field(max_length=20, description="Which scripted player to ask.")] = "",
            persona: Annotated[dict[str, Any] | None, Field(description="A persona card (tasks/personas) for the "
                                                            "player to speak in; worlds whose bots take one.")] = None,
        ) -> CallToolResult:
            game, seat = table.seat(seat_token)
            policy = self.spec.policy(policy or "bot")
            command = table.suggest(game, seat, policy, persona)
            advice = Suggestion(command=command, policy=policy, beliefs=self._advised_beliefs(game, seat, policy))
            return tool_result(f"{policy} would play: {command}", advice.model_dump())

        self.mcp.register(suggest, "Suggest a move", READ, Suggestion,
                          "The move the world's scripted player would make for your seat now (policy: expert, bot, "
                          "random or one of the world's own). Only on servers started with hints.")

    def _advised_beliefs(self, game: Game, seat: Seat, policy: str) -> dict[str, float] | None:
        """The advisor's beliefs while a belief round is open (scripted seats report what their bot believes)."""
        advisor = seat.advisors.get(policy)
        spec = self.spec
        if spec.belief_round is None or spec.belief_round(game.session) is None or not hasattr(advisor, "beliefs"):
            return None
        return advisor.beliefs()

    def _notify(self, game: Game, event: Event) -> None:
        if not event.public or event.kind == EventKind.SCORE:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        uri = f"game://{game.id}/spectator"
        if uri not in self._pending:  # one notice for all the events of one call (a move, the bots after it)
            self._pending.add(uri)
            loop.call_soon(self._publish, uri)

    def _publish(self, uri: str) -> None:
        self._pending.discard(uri)
        asyncio.get_running_loop().create_task(self.bus.publish(ResourceUpdated(uri=uri)))
        self.legacy.publish(uri)


def _result_view(result: Any, seat: str) -> dict[str, Any]:
    return {"score": result.score, "success": result.success, "seat_score": result.seat_scores.get(seat),
            "metrics": dict(result.metrics)}


def _state(summary: dict[str, Any]) -> str:
    if summary["done"]:
        return "done"
    waiting = summary["waiting_for_players"]
    return f"waiting for {waiting} client(s)" if waiting else "playing"


def _summary(game: Game) -> dict[str, Any]:
    return {"game_id": game.id, "world": game.spec.world.name,
            "seats": {s.name: "open" if s.controller == "open" else "taken" for s in game.seats.values()},
            "waiting_for_players": game.waiting_for, "done": game.session.done, "tick": game.session.tick_count}
