"""`gamehall play WORLD`: a human takes a seat through the world's MCP server, exactly as an agent would
(an in-memory `mcp.Client` and a SeatClient). What differs between worlds is the WorldSpec's PlayView: its
keys, option defaults, whether a pad of keys drives the board, how the input line is read, and whether an
AI partner (its own client) takes the other seat."""

from __future__ import annotations

import asyncio
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer, Header, Input, OptionList, Static

from envs.core.spec import PlayView
from tui import draw
from tui.widgets import HelpScreen

WAIT_S = 0.5
COMMON_KEYS = [("tab", "move the focus"), ("escape", "leave the input box (the board takes the keys)"),
               ("q", "quit, as in replay and watch; in the input box q is a letter: escape first (once the game "
                "is over the box closes and q quits)"), ("ctrl+q", "quit from anywhere"),
               ("?", "this help (f1 in the input box)")]
GAME_OVER = "game over · q quits"


class BoardPad(Static, can_focus=True):
    """The board drawn; while it has the focus its keys play commands (`pad_for` adds a world's bindings)."""

    class Move(Message):
        def __init__(self, command: str) -> None:
            self.command = command
            super().__init__()

    def action_move(self, command: str) -> None:
        self.post_message(self.Move(command))


class CommandLine(Input):
    """The input line. Beside a list of legal actions, up / down move the list's highlight and enter on an
    empty line plays it: the list's keys work from the line, where the focus starts."""

    BINDINGS = [Binding("up", "app.pick(-1)", show=False), Binding("down", "app.pick(1)", show=False)]


def pad_for(play: PlayView) -> type[BoardPad]:
    """A BoardPad with the world's key bindings (and `c` to chat), shown in the footer where labelled."""
    bindings = [Binding(keys, f"move({command!r})", label or command, show=bool(label),
                        key_display=keys.split(",")[0] if label else None) for keys, command, label in play.pad]
    bindings.append(Binding("c", "app.focus('line')", "chat"))
    return type("WorldPad", (BoardPad,), {"BINDINGS": bindings})


class PlayApp(App[int]):
    CSS_PATH = "gamehall.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("f1", "help('f1')", "help", key_display="f1"),
        Binding("escape", "focus('board-pad')", "leave the box", key_display="esc"),
        Binding("q", "leave", "quit"),
        Binding("ctrl+q", "quit", "quit", show=False, priority=True),
    ]

    tick: reactive[int] = reactive(0)
    score: reactive[float] = reactive(0.0)
    done: reactive[bool] = reactive(False)

    def __init__(self, world: str, *, partner: str = "expert", model: str | None = None, seed: int = 0,
                 options: dict[str, Any] | None = None, out: str | None = None) -> None:
        super().__init__()
        from envs.registry import world as find_world

        self.spec = find_world(world)
        self.play_view = self.spec.play
        self.world = self.spec.name
        self.partner = partner
        self.model = model
        self.seed = seed
        self.options = {**self.play_view.defaults, **(options or {})}
        self.title = f"gamehall play {world}"
        self.seat: Any = None
        self.error = ""  # why the game could not start (bad options), for the command line to print
        self.view: dict[str, Any] = {}
        self.feed: list[str] = []
        self.ready = asyncio.Event()
        self.moved = asyncio.Event()
        self.out = out  # a run directory the human's record goes into (`--out`), or None
        self.recorder: Any = None
        self.record: Any = None
        self.picked = False  # the list's highlight was moved from the input line (up / down)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="play-body"):
            if self.play_view.pad:
                yield pad_for(self.play_view)(id="board-pad")
            else:
                yield VerticalScroll(Static(id="board-view"), id="board-pad")
            with Vertical(id="play-side"):
                yield Static("joining ...", id="seat-note")
                if not self.play_view.pad:
                    yield OptionList(id="legal")
                yield Static(id="feed")
                yield CommandLine(placeholder=self.play_view.placeholder, id="line")
        yield Footer()

    def on_mount(self) -> None:
        self.play_seat()
        self.query_one("#board-pad" if self.play_view.pad else "#line").focus()

    # -- the seat ----------------------------------------------------------------------------------

    @work(exclusive=True, group="seat")
    async def play_seat(self) -> None:
        """Create the game, seat the partner (co-op worlds), then follow the game with long-polls until it ends."""
        from mcp import Client

        from agents import SeatClient
        from servers.serve import build_server

        server = build_server(self.world, hints=True)
        async with Client(server.mcp) as client:
            try:
                created = await self._new_game(client)
            except ValueError as error:
                self.error = str(error)
                self.exit(return_code=2)
                return
            self.seat = SeatClient(client, created["seat_token"], self.world)
            self.seat.view = created
            if self.out:
                from tasks.human import HumanRecorder

                self.recorder = HumanRecorder(self.out, self.world, self.options, self.seed)
                self.recorder.start(client, created["referee_token"])
            if self.play_view.partner:
                self.play_partner(server, created["game_id"])
            self.show(created)
            self.ready.set()
            try:
                while not self.view.get("done") and self.is_running:
                    self.show(await self._next_view())
                if self.recorder is not None:
                    self.record = await self.recorder.finish(self.seat)
            except Exception as error:  # noqa: BLE001 - one line for the command line, never a traceback
                self.error = self._one_line(error)
                self.exit(return_code=1)

    async def _next_view(self) -> dict[str, Any]:
        """Long-poll while others play; while the world awaits the human, `wait` would return at once, so
        sleep until a move was sent (or a beat passed: the realtime clock and the chat go on meanwhile)."""
        if not self.view.get("awaiting_you"):
            return await self.seat.wait(timeout_s=WAIT_S)
        self.moved.clear()
        beat = 1.0 / float(self.options.get("tick_hz", 1.0)) if self.options.get("clock") == "realtime" else 1.0
        try:
            await asyncio.wait_for(self.moved.wait(), timeout=beat)
        except TimeoutError:
            pass
        return await self.seat.observe()

    async def _new_game(self, client: Any) -> dict[str, Any]:
        args: dict[str, Any] = {"options": self.options, "seed": self.seed, "referee": bool(self.out), "data": True}
        if self.play_view.partner:
            args["clients"] = 2
        result = await client.call_tool("new_game", args)
        if result.is_error:
            raise ValueError(f"new_game refused: {result.content[0].text}")
        return result.structured_content

    @work(group="partner")
    async def play_partner(self, server: Any, game_id: str) -> None:
        """The AI partner: an agent on its own client, joining the open seat like any remote player."""
        from mcp import Client

        from agents import AgentSpec, SeatClient, build_agent

        spec = AgentSpec(kind=self.partner, model=self.model) if self.model else AgentSpec(kind=self.partner)
        async with Client(server.mcp) as client:
            joined = (await client.call_tool("join_game", {"game_id": game_id, "data": True})).structured_content
            partner = SeatClient(client, joined["seat_token"], self.world)
            try:
                await build_agent(spec).play(partner)
            except Exception as error:  # noqa: BLE001 - the human plays on; the server's bot takes the seat
                self.notify(f"your partner stopped: {partner.scrub(self._one_line(error))}", severity="error")

    @work(group="moves")
    async def send(self, command: str, speech: bool = False) -> None:
        from agents import ToolRefused

        await self.ready.wait()
        if self.view.get("done"):
            self.notify(GAME_OVER, timeout=4)
            return
        try:
            view = await (self.seat.call("say", text=command) if speech else self.seat.act(command))
        except ToolRefused as refusal:
            self.notify(str(refusal), severity="error", timeout=4)
            return
        except Exception as error:  # noqa: BLE001 - e.g. the game ended meanwhile and its session closed
            self.notify(GAME_OVER if self.view.get("done") else self._one_line(error), severity="warning")
            return
        if view.get("accepted") is False:
            self.notify(view.get("reason") or "refused", severity="warning", timeout=4)
        self.show(view)
        self.moved.set()

    # -- what the seat sees ------------------------------------------------------------------------

    def show(self, view: dict[str, Any]) -> None:
        self.view = view
        if not self.is_running or not self.screen.is_mounted:
            return  # a long-poll that came back while the app was closing
        for event in view.get("events") or []:
            line = _event_line(event)
            if line:
                self.feed = (self.feed + [line])[-40:]
        self._draw_board()
        feed = self.feed[-12:] or [self.play_view.hint]
        self.query_one("#feed", Static).update(Text("\n".join(feed)))
        if not self.play_view.pad:
            self._show_legal(view.get("legal_actions") or [])
        self.tick, self.score, self.done = int(view.get("tick", 0)), float(view.get("score", 0.0)), bool(view["done"])
        self._show_note()

    def _draw_board(self) -> None:
        """The world from the seat's observation data, at the board's size (drawn again once it is known)."""
        data = self.view.get("data") or {}
        frame = self.spec.view_to_frame(data)
        room = self.query_one("#board-pad").content_size
        if room.width == 0:
            self.call_after_refresh(self._draw_board)
        board = self.query_one("#board-pad" if self.play_view.pad else "#board-view", Static)
        board.update(draw.world(self.world, frame, room=(room.width, room.height)))

    def on_resize(self) -> None:
        if self.view:
            self.call_after_refresh(self._draw_board)

    def _show_legal(self, legal: list[str]) -> None:
        options = self.query_one("#legal", OptionList)
        if [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] != legal:
            options.clear_options()
            options.add_options(legal)
            self.picked = False  # a highlight moved on the old list would play some other action

    def _show_note(self) -> None:
        view = self.view
        role = (view.get("data") or {}).get("role")
        who = f"you are {view.get('seat', '?')}" + (f", the {role}" if role else "")
        turn = "your move" if view.get("awaiting_you") else "waiting"
        text = f"{who} · tick {self.tick} · score {self.score:g} · {'game over' if self.done else turn}"
        note = self.query_one("#seat-note", Static)
        note.update(text)
        note.set_class(self.done, "done")

    def watch_done(self, done: bool) -> None:
        """The game over: the input line closes (so q quits from anywhere) and says so."""
        if done:
            result = self.view.get("result") or {}
            self.notify(f"game over: score {self.score:g}, success {result.get('success')} · q quits", timeout=10)
            line = self.query_one("#line", Input)
            line.value, line.placeholder, line.disabled = "", GAME_OVER, True
            if self.focused is None or self.focused is line:
                self.query_one("#board-pad").focus()

    def _one_line(self, error: BaseException) -> str:
        text = " ".join(f"{type(error).__name__}: {error}".split())[:300]
        return self.seat.scrub(text) if self.seat is not None else text

    # -- input -------------------------------------------------------------------------------------

    def on_board_pad_move(self, message: BoardPad.Move) -> None:
        self.send(message.command)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.send(str(message.option.prompt))

    def action_pick(self, delta: int) -> None:
        if not self.play_view.pad:
            options = self.query_one("#legal", OptionList)
            options.action_cursor_down() if delta > 0 else options.action_cursor_up()
            self.picked = options.highlighted is not None

    def on_input_submitted(self, message: Input.Submitted) -> None:
        text = message.value.strip()
        message.input.value = ""
        if not text and self.picked:
            options = self.query_one("#legal", OptionList)
            if options.highlighted is not None:
                self.send(str(options.get_option_at_index(options.highlighted).prompt))
            return
        if not text:
            return
        speech = self.play_view.speech
        legal = [*(self.view.get("legal_actions") or []), *(self.view.get("templates") or [])]
        self.send(text, speech=speech == "always" or (speech == "unless_command" and not _is_command(text, legal)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the input line has the focus, q and ? are letters; escape leaves the line and f1 is help (the
        footer shows the keys that work where the focus is)."""
        typing = isinstance(self.focused, Input) and not self.focused.disabled
        if action == "help":
            return typing == (parameters == ("f1",))
        if action == "leave":
            return not typing
        if action == "focus" and parameters == ("board-pad",):
            return typing
        return True

    async def action_leave(self) -> None:
        await self.action_quit()

    async def action_quit(self) -> None:
        """A human who quits before the end still gets a record (status limit, stop_reason left) with --out."""
        if self.recorder is not None and self.record is None and self.seat is not None:
            self.record = await self.recorder.finish(self.seat)
        self.exit()

    def action_help(self, key: str = "?") -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(f"gamehall play {self.world}: keys", [*self.play_view.keys, *COMMON_KEYS]))


def _is_command(text: str, legal: list[str]) -> bool:
    verbs = {action.split()[0] for action in legal if action}
    return text in legal or text.split()[0] in verbs - {"say"}


def _event_line(event: dict[str, Any]) -> str:
    data = event.get("data") or {}
    if event.get("kind") == "chat":
        return f"{event.get('seat') or '?'}: {data.get('text', '')}"
    if event.get("kind") in ("action", "score", "tick", "frame", "episode_started"):
        return ""
    return str(data.get("text") or data.get("reason") or "")
