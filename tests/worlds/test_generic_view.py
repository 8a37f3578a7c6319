"""The TUI's generic text view: a world with no drawer of its own (the tests' Nim plug-in), replayed from a
committed run (`gamehall run` of an expert and a random player on Nim; committed so the frames are the same
on every machine)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui import draw
from tui.replay import ReplayApp

FIXTURE_RUN = Path(__file__).parent / "fixtures" / "nim-run"


def test_a_frame_draws_as_key_value_lines() -> None:
    text = draw.world("nim", {"stones": 3, "log": [{"took": 2}], "seats": {"a": 1}}).plain
    assert text.splitlines() == ["stones: 3", "log:", "  {'took': 2}", "seats:", "  a: 1"]
    assert draw.world("nim", {}).plain == "(no frame yet)"


def test_replay_of_the_toy_world(snap_compare, tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    shutil.copytree(FIXTURE_RUN, run_dir)
    app = ReplayApp(run_dir, autoplay=False, at_end=True)
    assert snap_compare(app, terminal_size=(100, 30))
