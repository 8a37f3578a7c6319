"""Replay with the Pilot: navigation, play / pause / step / speed, and a damaged event file."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable, TabbedContent

from tui.replay import ReplayApp
from tui.widgets import HelpScreen

KITCHEN = "kitchen-cramped-s0-r0-b37131d60992"


async def test_navigation_selects_episodes_switches_tabs_and_opens_help(run_dir: Path) -> None:
    app = ReplayApp(run_dir, autoplay=False, at_end=True)
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.selected
        await pilot.press("down")
        assert app.selected == KITCHEN != first
        await pilot.press("l")
        assert app.query_one(TabbedContent).active == "leaderboard"
        await pilot.press("e", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("r")
        assert app.reveal is True


async def test_step_and_back_change_the_shown_frame(run_dir: Path) -> None:
    app = ReplayApp(run_dir, autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        start_tick = app.selected_view().tick
        await pilot.press("full_stop", "full_stop", "full_stop")
        assert app.position == 3
        later = app.selected_view()
        assert later.tick > start_tick
        assert later.frame["tick"] == later.tick  # the drawn frame is the one at the cursor
        await pilot.press("comma")
        assert app.position == 2 and app.selected_view().tick < later.tick
        await pilot.press("end")
        assert app.selected_view().status == "ok" and app.selected_view().tick == 400


async def test_play_pause_and_speed(run_dir: Path) -> None:
    app = ReplayApp(run_dir, autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "plus")
        assert app.speed == 4.0
        await pilot.press("minus")
        assert app.speed == 2.0
        await pilot.press("space")
        assert app.playing
        while app.position < 3:
            await pilot.pause(0.05)
        await pilot.press("space")
        paused_at = app.position
        await pilot.pause(0.3)
        assert not app.playing and app.position == paused_at
        assert "paused ×2" in app.status


async def test_playing_to_the_end_stops_there(run_dir: Path) -> None:
    app = ReplayApp(run_dir, speed=32.0)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.playing:
            await pilot.pause(0.05)
        assert app.position == app.playback.last
        assert {view.status for view in app.hall.episodes.values()} == {"ok", "limit"}  # the LLM hit max_steps


async def test_corrupt_and_truncated_event_file_still_replays(run_dir: Path) -> None:
    path = run_dir / "events" / f"{KITCHEN}.jsonl"
    lines = path.read_text().splitlines()
    lines[56] = '{"seq": 57, "kind": "tick", "da'  # a line torn in the middle
    lines.insert(100, "\x00\x00garbage")
    path.write_text("\n".join(lines[:-1]) + '\n{"kind": "run_episode_fini')  # and a truncated last line
    app = ReplayApp(run_dir, autoplay=False, at_end=True)
    assert len(app.problems) == 1
    problem = app.problems[0]
    assert problem.startswith(f"events/{KITCHEN}.jsonl: 3 unreadable lines skipped (line 57: not JSON")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        view = app.selected_view()
        assert view.frame["tick"] == 400  # the last frame survived; the record that closed the episode did not
        assert view.status == "ended"
        assert "3 unreadable lines skipped" in app.status


async def test_leaderboard_joins_the_rows_of_other_runs(run_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(run_dir, other)
    app = ReplayApp(run_dir, autoplay=False, compare=[other])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        board = app.query_one("#board", DataTable)
        assert board.row_count == 4
        assert [str(c.label) for c in board.columns.values()][:2] == ["run", "agent"]
