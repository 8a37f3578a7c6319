"""`gamehall replay DIR`: a finished run played back from its event logs, with play / pause / step / speed."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Static

from tui.hall import COMMON_HELP, HallApp
from tui.logs import read_run, read_summaries
from tui.playback import Playback

STEPS_PER_SECOND = 10.0  # frames are written at up to 10 Hz, so speed 1 is roughly the pace of the run
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)
REPLAY_HELP = [
    ("space", "play / pause"),
    (". or right", "one frame on (pauses)"),
    (", or left", "one frame back (pauses)"),
    ("+ / -", "faster / slower"),
    ("home / end", "the first / the last frame"),
    *COMMON_HELP,
]


class ReplayApp(HallApp):
    TITLE = "gamehall replay"
    KEYS_HELP = REPLAY_HELP
    BINDINGS = [
        Binding("space", "toggle_play", "play/pause", priority=True),
        Binding("full_stop,right", "step(1)", "step", key_display=".", priority=True),
        Binding("comma,left", "step(-1)", "back", key_display=",", priority=True),
        Binding("plus,equals_sign", "speed(1)", "faster", key_display="+", priority=True),
        Binding("minus", "speed(-1)", "slower", key_display="-", priority=True),
        Binding("home", "seek(0)", "start", show=False, priority=True),
        Binding("end", "seek(-1)", "end", show=False, priority=True),
    ]

    playing: reactive[bool] = reactive(False)
    speed: reactive[float] = reactive(1.0)
    position: reactive[int] = reactive(0)

    def __init__(self, run_dir: str | Path, *, speed: float = 1.0, reveal: bool = False, autoplay: bool = True,
                 at_end: bool = False, compare: list[str | Path] | None = None) -> None:
        """`compare`: other run directories whose leaderboard rows join this run's in the Leaderboard tab."""
        super().__init__(reveal=reveal, sub_title=Path(run_dir).name)
        if speed <= 0:
            raise ValueError(f"--speed must be positive, got {speed}")
        self.run_dir = Path(run_dir)
        self.board_dirs = [self.run_dir, *(Path(d) for d in compare or [])]
        logs = read_run(self.run_dir)
        if not logs:
            raise ValueError(f"{self.run_dir}/events holds no event files: nothing to replay")
        self.problems = [p for p in (log.problem() for log in logs) if p]
        self.playback = Playback(logs)
        self.set_reactive(ReplayApp.speed, speed)
        self.set_reactive(ReplayApp.playing, autoplay)
        self._start = self.playback.last if at_end else 0
        self._owed = 0.0  # fractional steps carried between timer ticks at slow speeds

    def on_mount(self) -> None:
        self.position = self._start
        self.seek_to(self._start)
        self.show_leaderboard(*read_summaries(self.board_dirs))
        self.set_interval(1 / STEPS_PER_SECOND, self._tick)
        if self.problems:
            self.query_one("#status", Static).add_class("problem")
            self.notify("\n".join(self.problems), title="unreadable event lines", severity="warning", timeout=8)

    def seek_to(self, position: int) -> None:
        self.position = self.playback.seek(position)
        self.hall = self.playback.hall
        self.redraw(force=True)
        self._show_status()

    def _tick(self) -> None:
        if not self.playing:
            return
        self._owed += self.speed
        steps, self._owed = int(self._owed), self._owed - int(self._owed)
        if steps:
            self.seek_to(self.position + steps)
        if self.position >= self.playback.last:
            self.playing = False

    def _show_status(self) -> None:
        state = "▶ playing" if self.playing else "⏸ paused"
        view = self.selected_view()
        tick = view.tick if view is not None else 0
        text = f"{state} ×{self.speed:g} · frame {self.position + 1}/{self.playback.length} · tick {tick}"
        self.status = " · ".join([text, *self.problems[:1]])

    def watch_playing(self, playing: bool) -> None:
        if self.is_mounted:
            self._show_status()

    def watch_speed(self, speed: float) -> None:
        if self.is_mounted:
            self._show_status()

    def watch_selected(self, selected: str | None) -> None:
        super().watch_selected(selected)
        if self.is_mounted:
            self._show_status()

    def action_toggle_play(self) -> None:
        if not self.playing and self.position >= self.playback.last:
            self.seek_to(0)  # play from the start again once at the end
        self.playing = not self.playing

    def action_step(self, delta: int) -> None:
        self.playing = False
        self.seek_to(self.position + delta)

    def action_seek(self, position: int) -> None:
        self.seek_to(self.playback.last if position < 0 else position)

    def action_speed(self, direction: int) -> None:
        faster = [s for s in SPEEDS if s > self.speed]
        slower = [s for s in SPEEDS if s < self.speed]
        if direction > 0 and faster:
            self.speed = faster[0]
        elif direction < 0 and slower:
            self.speed = slower[-1]
