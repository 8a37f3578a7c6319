"""`watch` runs the real runner in the app and shows the very records the runner writes to the event files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from textual.widgets import DataTable, TabbedContent

from tests.tui.conftest import make_config
from tui.watch import WatchApp

SMALL = {"name": "tui-watch", "agents": [{"kind": "expert"}], "tasks": [
    {"name": "forge-t1", "world": "forge", "options": {"tier": 1}, "seeds": [0, 1]},
    {"name": "village-5", "world": "village", "options": {"players": 5}, "seeds": [0]},
]}


async def test_watch_runs_the_suite_shows_it_and_writes_the_reports(tmp_path: Path) -> None:
    config = make_config(tmp_path / "out", SMALL)
    heard: Counter[str] = Counter()
    config.listeners.append(lambda episode_id, record: heard.update([episode_id]))
    app = WatchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.finished:
            await pilot.pause(0.1)
        await pilot.pause()
        assert app.error is None and app.outcome.played == 3
        assert app.query_one(TabbedContent).active == "leaderboard"
        assert app.query_one("#board", DataTable).row_count == 1
        assert app.query_one("#table", DataTable).row_count == 3
        assert {view.status for view in app.hall.episodes.values()} == {"ok"}
        assert "finished: 3 played" in app.status
        assert app.refreshes >= 1
    assert (tmp_path / "out" / "summary.json").exists() and (tmp_path / "out" / "leaderboard.md").exists()
    for episode_id, view in app.hall.episodes.items():
        written = (tmp_path / "out" / "events" / f"{episode_id}.jsonl").read_text().splitlines()
        assert view.events == heard[episode_id] == len(written)  # one stream: the file, the TUI, the listener
        assert json.loads(written[-1])["kind"] == "run_episode_finished"
