"""The hall: what `watch` and `replay` share. Tabs for episodes and the leaderboard, the selected episode's
world, minds and scores, a status line, and a help screen. Subclasses feed `self.hall` and call `redraw()`."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from tui.model import EpisodeView, RunView
from tui.widgets import EpisodeDetail, EpisodeTable, HelpScreen, Leaderboard

COMMON_HELP = [
    ("up / down", "choose an episode in the table"),
    ("e / l", "the Episodes / the Leaderboard tab"),
    ("tab", "move the focus (table, world, thoughts)"),
    ("r", "reveal or hide {secret} roles"),
    ("?", "this help"),
    ("q", "quit"),
]


def secret_worlds() -> str:
    """The worlds whose roles are secret, as the help and notices name them."""
    from envs.registry import WORLDS

    return "/".join(spec.name.title() for spec in WORLDS.values() if spec.hidden_roles) or "secret"


class HallApp(App[int]):
    """Episodes and leaderboard tabs over a RunView; subclasses say where the records come from."""

    CSS_PATH = "gamehall.tcss"
    TITLE = "gamehall"
    AUTO_FOCUS = "#table"
    ENABLE_COMMAND_PALETTE = False
    KEYS_HELP: list[tuple[str, str]] = COMMON_HELP
    BINDINGS = [
        Binding("q", "quit", "quit"),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("r", "toggle_reveal", "roles"),
        Binding("e", "tab('episodes')", "episodes", show=False),
        Binding("l", "tab('leaderboard')", "leaderboard", show=False),
    ]

    selected: reactive[str | None] = reactive(None)
    reveal: reactive[bool] = reactive(False)
    status: reactive[str] = reactive("")

    def __init__(self, *, reveal: bool = False, sub_title: str = "") -> None:
        super().__init__()
        self.hall = RunView()
        self.set_reactive(HallApp.reveal, reveal)
        self.sub_title = sub_title
        self.refreshes = 0  # screen updates done (the bench reads the achieved refresh rate from this)
        self._drawn_version = -1

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs", initial="episodes"):
            with TabPane("Episodes", id="episodes"):
                yield EpisodeTable(id="table")
                yield EpisodeDetail(id="detail")
            with TabPane("Leaderboard", id="leaderboard"):
                yield Leaderboard(id="board-pane")
        yield Static(id="status")
        yield Footer()

    # -- drawing -----------------------------------------------------------------------------------

    def redraw(self, force: bool = False) -> None:
        """Bring the table and the selected episode up to date, if any record came since the last time."""
        if not force and self.hall.version == self._drawn_version:
            return
        self._drawn_version = self.hall.version
        self.refreshes += 1
        self.query_one(EpisodeTable).sync(self.hall)
        if self.selected is None and self.hall.episodes:
            self.selected = self.hall.ids()[0]
        self.query_one(EpisodeDetail).show(self.selected_view(), self.reveal)

    def selected_view(self) -> EpisodeView | None:
        return self.hall.episodes.get(self.selected or "")

    def show_leaderboard(self, rows: list[dict[str, Any]], problems: list[str]) -> None:
        self.query_one(Leaderboard).show(rows, problems)

    # -- reactives ---------------------------------------------------------------------------------

    def watch_selected(self, selected: str | None) -> None:
        if self.is_mounted:
            self.query_one(EpisodeDetail).show(self.selected_view(), self.reveal)

    def watch_reveal(self, reveal: bool) -> None:
        if self.is_mounted:
            self.query_one(EpisodeDetail).show(self.selected_view(), reveal)
            self.notify(f"{secret_worlds()} roles {'shown' if reveal else 'hidden'}", timeout=2)

    def watch_status(self, status: str) -> None:
        if self.is_mounted:
            self.query_one("#status", Static).update(status)

    def on_episode_table_selected(self, message: EpisodeTable.Selected) -> None:
        self.selected = message.episode_id

    # -- actions -----------------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            keys = [(key, text.format(secret=secret_worlds())) for key, text in self.KEYS_HELP]
            self.push_screen(HelpScreen(f"{self.TITLE}: keys", keys))

    def action_toggle_reveal(self) -> None:
        self.reveal = not self.reveal

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
