"""`gamehall watch SUITE`: the headless runner, run in the app's event loop, shown live.

The runner's listener folds every event record into the RunView (the very records it writes to
events/<episode_id>.jsonl); a timer redraws at REFRESH_HZ only when something new came, so a busy run costs the
screen at most REFRESH_HZ redraws a second however many events the episodes make."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual import work
from textual.message import Message
from textual.reactive import reactive

from tui.hall import HallApp
from tui.logs import read_summaries

REFRESH_HZ = 8.0


class WatchApp(HallApp):
    TITLE = "gamehall watch"

    finished: reactive[bool] = reactive(False)

    class RunEnded(Message):
        """The runner returned: the outcome, and the report paths written."""

        def __init__(self, outcome: Any, paths: list[Any]) -> None:
            self.outcome = outcome
            self.paths = paths
            super().__init__()

    class RunFailed(Message):
        def __init__(self, error: BaseException) -> None:
            self.error = error
            super().__init__()

    def __init__(self, config: Any, *, reveal: bool = False, write_reports: bool = True) -> None:
        """`config` is a tasks.runner.RunConfig; the app adds its own listener to it."""
        super().__init__(reveal=reveal, sub_title=f"{config.suite.name} → {config.out_dir}")
        self.config = config
        self.config.listeners.append(self.hall.apply)
        self.write_reports = write_reports
        self.outcome: Any = None
        self.error: BaseException | None = None
        self.started = time.monotonic()

    def on_mount(self) -> None:
        self.set_interval(1 / REFRESH_HZ, self._on_refresh_timer)
        self.status = f"running {self.config.suite.name}: calibrating baselines ..."
        self.run_suite()

    def _on_refresh_timer(self) -> None:
        self.redraw()
        if not self.finished:
            self._show_progress()

    def _show_progress(self) -> None:
        episodes = self.hall.episodes.values()
        done = sum(1 for e in episodes if e.result)
        running = sum(1 for e in episodes if not e.result)
        self.status = (f"running {self.config.suite.name}: {done} finished, {running} playing · "
                       f"{time.monotonic() - self.started:.0f}s")

    @work(exclusive=True, group="runner")
    async def run_suite(self) -> None:
        """The same runner `gamehall run` uses, in this event loop; reports written in a thread at the end."""
        from tasks.report import write_reports
        from tasks.runner import runner_for

        try:
            outcome = await runner_for(self.config).run()
            paths = []
            if self.write_reports:
                paths = await asyncio.to_thread(write_reports, self.config.out_dir, outcome.records)
        except Exception as error:  # noqa: BLE001 - shown on screen; the app stays up so it can be read
            self.post_message(self.RunFailed(error))
            return
        self.post_message(self.RunEnded(outcome, paths))

    def on_watch_app_run_ended(self, message: RunEnded) -> None:
        self.outcome = message.outcome
        self.finished = True
        self.redraw(force=True)
        outcome = message.outcome
        self.status = (f"finished: {outcome.played} played, {outcome.skipped} already done, "
                       f"{len(outcome.records)}/{outcome.planned} recorded in {self.config.out_dir} · q quits")
        if self.write_reports:
            self.show_leaderboard(*read_summaries([self.config.out_dir]))
            self.action_tab("leaderboard")

    def on_watch_app_run_failed(self, message: RunFailed) -> None:
        self.error = message.error
        self.finished = True
        self.status = f"the run failed: {type(message.error).__name__}: {message.error} · q quits"
        self.query_one("#status").add_class("problem")
