"""SVG snapshots of `play` for each world at its first move (seeded games; Kitchen in lockstep so the clock
waits for the human)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tui.play import PlayApp

GAMES = {
    "kitchen": {"clock": "lockstep", "rules": "orders"},  # orders rules: timed orders, a board, a fire extinguisher
    "forge": {"tier": 1},
    "village": {"players": 5},
}


async def first_move(pilot: Pilot) -> None:
    app = pilot.app
    for _ in range(400):
        if app.view.get("awaiting_you"):
            break
        await pilot.pause(0.02)
    await pilot.pause()


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((140, 45), id="140x45")])
@pytest.mark.parametrize("world", list(GAMES))
def test_play_screen(snap_compare, world: str, size: tuple[int, int]) -> None:
    app = PlayApp(world, seed=0, options=GAMES[world])
    assert snap_compare(app, terminal_size=size, run_before=first_move)
