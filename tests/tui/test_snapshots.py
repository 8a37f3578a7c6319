"""SVG snapshots of the main screens at 80x24 and 140x45, from a replay of the committed fixture run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.replay import ReplayApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((140, 45), id="140x45")]
SCREENS = {  # the replay opens paused on the last frame; home + steps go back to mid-game
    "episodes_forge": [],
    "kitchen_midgame": ["down", "home", *["full_stop"] * 6],
    "kitchen_end": ["down"],
    "hierarchical_thoughts": ["down", "down"],
    "village_roles_hidden": ["down", "down", "down", "home", "full_stop"],
    "village_roles_revealed": ["down", "down", "down", "home", "full_stop", "r"],
    "leaderboard": ["l"],
    "help": ["question_mark"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, run_dir: Path, screen: str, size: tuple[int, int]) -> None:
    app = ReplayApp(run_dir, autoplay=False, at_end=True)
    assert snap_compare(app, press=SCREENS[screen], terminal_size=size)
