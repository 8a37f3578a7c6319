"""The TUI's widgets: the episode table, the selected episode (world, minds, score plot), the leaderboard,
and the help screen. They draw what they are given; the apps decide what that is."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Sparkline, Static

from tui import draw
from tui.model import MINDS, EpisodeView, RunView

EPISODE_COLUMNS = ("world", "task", "agent", "tick", "score", "tokens", "cost", "status")
COLUMN_WIDTHS = {"world": 7, "task": 14, "agent": 12, "tick": 4, "score": 5, "tokens": 6, "cost": 7, "status": 7}
BOARD_COLUMNS = ("run", "agent", "tasks", "episodes", "normalized", "success_rate", "errors", "tokens", "cost_usd")
LABEL_CHARS = 24
MIND_STYLE = {"slow": "bold magenta", "fast": "bold cyan", "executor": "bold green", "llm": "bold yellow",
              "memory": "bold blue"}
STATUS_STYLE = {"ok": "green", "running": "yellow", "ended": "green", "limit": "yellow", "error": "bold red",
                "timeout": "bold red", "waiting": "dim"}


class EpisodeTable(DataTable):
    """One row an episode; highlighting a row selects it (the app hears `EpisodeTable.Selected`)."""

    class Selected(Message):
        def __init__(self, episode_id: str) -> None:
            self.episode_id = episode_id
            super().__init__()

    def on_mount(self) -> None:
        self._cell_text: dict[tuple[str, str], str] = {}  # what each cell shows: only changed cells are rewritten
        self.cursor_type = "row"
        self.zebra_stripes = True
        for column in EPISODE_COLUMNS:
            self.add_column(column, key=column, width=COLUMN_WIDTHS.get(column))

    def sync(self, run: RunView) -> None:
        """Add rows for new episodes and rewrite the cells that changed (a busy run changes mostly the ticks)."""
        for episode_id, view in run.episodes.items():
            cells = _episode_cells(view)
            if episode_id not in self.rows:
                self.add_row(*cells, key=episode_id)
            for column, cell in zip(EPISODE_COLUMNS, cells, strict=True):
                plain = cell.plain if isinstance(cell, Text) else cell
                if self._cell_text.get((episode_id, column)) != plain:
                    self._cell_text[(episode_id, column)] = plain
                    self.update_cell(episode_id, column, cell)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.post_message(self.Selected(event.row_key.value))


def _episode_cells(view: EpisodeView) -> list[Any]:
    tokens = f"{view.tokens:,}" if view.result else "-"
    cost = f"${view.cost:.4f}" if view.result else "-"
    status = Text(view.status, style=STATUS_STYLE.get(view.status, ""))
    return [view.world, view.task or view.episode_id, view.agent, str(view.tick), f"{view.score:g}", tokens, cost,
            status]


class EpisodeDetail(Horizontal):
    """The selected episode: its world drawn on the left; the minds' thoughts and the score plot on the right."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own name for it
        super().__init__(id=id)
        self._shown: tuple[EpisodeView | None, bool] | None = None
        self._drawn: dict[str, Any] = {}  # per panel, what it last showed: unchanged panels are not redrawn

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="world-pane"):
            yield Static(id="world")
        with Vertical(id="side"):
            yield Static(id="score-label")
            yield Sparkline([0.0], id="scores")
            with VerticalScroll(id="thoughts-pane"):
                yield Static(id="thoughts")

    def on_resize(self) -> None:
        """Redraw at the new size (a world's drawer may draw bigger when it fits)."""
        if self._shown is not None:
            self._drawn.clear()
            self.show(*self._shown)

    def show(self, view: EpisodeView | None, reveal: bool) -> None:
        self._shown = (view, reveal)
        if view is None:
            self.query_one("#world", Static).update(Text("no episode selected", style="dim"))
            return
        pane = self.query_one("#world-pane").content_size
        room = (pane.width, pane.height)
        if self._changed("world", (view.episode_id, view.frames_seen, len(view.roles), reveal, room)):
            self.query_one("#world", Static).update(draw.world(view.world, view.frame,
                                                               view.roles if reveal else None, room))
        if self._changed("thoughts", (view.episode_id, view.notes)):
            self.query_one("#thoughts", Static).update(thoughts_text(view))
        scores = list(view.scores) or [0.0]
        if self._changed("scores", (view.episode_id, scores[-8:], len(scores))):
            self.query_one("#scores", Sparkline).data = scores if len(scores) > 1 else scores * 2
        label = Text(f"{view.task} s{view.seed} · {view.seat or '?'} · {view.actions} moves"
                     f"{f' ({view.invalid} invalid)' if view.invalid else ''} · score {view.score:g}", style="bold")
        if self._changed("label", label.plain):
            self.query_one("#score-label", Static).update(label)

    def _changed(self, panel: str, key: Any) -> bool:
        if self._drawn.get(panel) == key:
            return False
        self._drawn[panel] = key
        return True


def thoughts_text(view: EpisodeView, per_mind: int = 4) -> Text:
    """The latest thoughts of each mind that spoke (slow, fast, executor; or the single llm mind), newest first."""
    minds = [m for m in MINDS if view.thoughts.get(m)] + [m for m in view.thoughts if m not in MINDS]
    out = Text()
    if view.personas:
        out.append("personas\n", style="bold magenta")
        for seat, persona in sorted(view.personas.items()):
            out.append(f"  {seat}: {persona}\n")
    if view.chat and not _frame_shows_chat(view.world):
        out.append("chat\n", style="bold blue")
        for line in list(view.chat)[-per_mind:]:
            out.append(f"  {line}\n")
    if not minds:
        out.append("no thoughts: this agent does not report any (scripted players think in code)", style="dim")
        return out
    for mind in minds:
        out.append(f"{mind}\n", style=MIND_STYLE.get(mind, "bold"))
        for thought in reversed(view.mind_thoughts(mind)[-per_mind:]):
            out.append(f"  t{thought.tick if thought.tick is not None else '?'} ", style="dim")
            out.append(f"{' '.join(thought.text.split())[:200]}\n")
    return out


class Leaderboard(Vertical):
    """Leaderboard rows of one or more runs' summary.json."""

    def compose(self) -> ComposeResult:
        yield Static("leaderboard: written when the run ends", id="board-note")
        yield DataTable(id="board", cursor_type="row", zebra_stripes=True)

    def show(self, rows: list[dict[str, Any]], problems: list[str]) -> None:
        """One row per agent and run; the run column only when there are several runs."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        runs = {row.get("run") for row in rows}
        columns = [c for c in BOARD_COLUMNS if c != "run" or len(runs) > 1]
        table.add_columns(*columns)
        for row in rows:
            table.add_row(*(_board_cell(row.get(c)) for c in columns))
        note = "normalised score: 0 = random play, 100 = the scripted expert"
        self.query_one("#board-note", Static).update("\n".join([note, *problems]))


def _board_cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, str) and len(value) > LABEL_CHARS:
        return value[: LABEL_CHARS - 1] + "…"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


class HelpScreen(ModalScreen[None]):
    """The keys of the current app, shown over it."""

    BINDINGS = [Binding("escape,q,question_mark", "app.pop_screen", "close")]

    def __init__(self, title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        text = Text(f"{self.title_text}\n\n", style="bold")
        for key, meaning in self.keys:
            text.append(f"{key:>14}", style="bold cyan")
            text.append(f"  {meaning}\n")
        text.append("\nescape or ? closes this help", style="dim")
        with VerticalScroll(id="help"):
            yield Static(text)


def _frame_shows_chat(world: str) -> bool:
    from envs.registry import find

    spec = find(world)
    return spec is not None and spec.frame_shows_chat
