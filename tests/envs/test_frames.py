"""Logged frames drawn back: Kitchen's are its own view and renderer exactly; Forge's and Village's show the
frame's facts (and Village's never a role the frame does not reveal)."""

from __future__ import annotations

import json

import numpy as np

from envs.core import Session
from envs.frames import frame_rgb, frame_text
from envs.kitchen import render, view
from envs.kitchen.rules import WORLD as KITCHEN
from envs.kitchen.rules import make_scenario
from envs.registry import WORLDS


def _frame(world: str, session: Session) -> dict:
    """The frame the runner logs: the public view's data (World.observe(state, None))."""
    return dict(WORLDS[world].public(session).data)


def _logged(frame: dict) -> dict:
    return json.loads(json.dumps(frame))  # as it comes back from the event file


def test_kitchen_frames_draw_back_the_exact_text_and_picture() -> None:
    session = Session(KITCHEN, make_scenario("ring", "orders"), seed=1, clock="lockstep")
    players = {s: KITCHEN.policies()["expert"](session, s, 0) for s in session.seats}
    pictures = 0
    while not session.done:
        for seat in session.seats:
            session.act(seat, session.ask(seat, players[seat]))
        frame = _logged(_frame("kitchen", session))
        assert frame_text("kitchen", frame) == view.text(session.state, -1)
        if session.tick_count % 250 == 0:
            assert np.array_equal(frame_rgb("kitchen", frame), render.rgb(session.state))
            pictures += 1
    assert pictures == 4


def test_forge_frames_show_the_map_the_goal_and_the_bag() -> None:
    from envs.forge.rules import WORLD
    from envs.forge.scenario import make_scenario as forge_scenario

    session = Session(WORLD, forge_scenario(3, "base", "interactive"), seed=2)
    frame = _logged(_frame("forge", session))
    text = frame_text("forge", frame)
    assert "@" in text and f"goal: {frame['goal']}" in text and f"gold {frame['gold']}" in text
    picture = frame_rgb("forge", frame)
    assert picture.dtype == np.uint8 and picture.shape[2] == 3 and picture.std() > 0


def test_village_frames_show_the_table_and_no_hidden_role() -> None:
    from envs.village.rules import WORLD
    from envs.village.scenario import make_scenario as village_scenario

    session = Session(WORLD, village_scenario(players=7), seed=4)
    players = {s: WORLD.policies()["bots"](session, s, 0) for s in session.seats}
    while not session.done and len(session.state.alive) == 7:
        for seat in sorted(session.awaiting()):
            session.act(seat, session.ask(seat, players[seat]))
    frame = _logged(_frame("village", session))
    text = frame_text("village", frame)
    hidden = [p for p in session.state.players if p not in frame["revealed"]]
    assert hidden and all(f"{p} (" not in text for p in hidden)
    assert all(f"{p} ({role})" in text for p, role in frame["revealed"].items())
    assert frame_rgb("village", frame).shape == (540, 720, 3)
