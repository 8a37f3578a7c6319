"""Forge's and Village's views after the speed-ups: the memoised places line is the line built afresh, and
the observation data built on first read is the data built at once."""

from __future__ import annotations

import numpy as np

from envs.core import Session
from envs.forge import view as forge_view
from envs.forge.rules import WORLD as FORGE
from envs.forge.scenario import make_scenario as forge_scenario
from envs.village import view as village_view
from envs.village.rules import WORLD as VILLAGE
from envs.village.scenario import make_scenario as village_scenario


def test_forge_text_with_the_places_memo_is_the_text_built_afresh() -> None:
    for tier in (1, 4, 8):
        session = Session(FORGE, forge_scenario(tier, "base", "interactive"), seed=tier)
        rng = np.random.default_rng(tier)
        for _ in range(60):
            if session.done:
                break
            state = session.state
            warm = forge_view.observation_text(state, state.progress)
            forge_view.places_line.cache_clear()
            assert forge_view.observation_text(state, state.progress) == warm
            legal = session.legal_actions("hero")
            session.act("hero", legal[int(rng.integers(len(legal)))])


def test_lazy_observation_data_equals_the_data_built_at_once() -> None:
    session = Session(VILLAGE, village_scenario(players=7), seed=3)
    bots = {s: VILLAGE.policies()["bots"](session, s, 0) for s in session.seats}
    for _ in range(30):
        for seat in session.seats:
            state = session.state
            seen = VILLAGE.observe(state, seat)
            notes = village_view.visible_notes(state, seat)
            assert dict(seen.data) == village_view._data(state, seat, notes, seen.status.awaiting)
            assert f"Now: {seen.data['expected']}" in seen.text
        for seat in sorted(session.awaiting()):
            session.act(seat, session.ask(seat, bots[seat]))
        if session.done:
            break
    forge = Session(FORGE, forge_scenario(2, "base", "interactive"), seed=0)
    state = forge.state
    assert dict(forge.observe("hero").data) == forge_view.observation_data(state, state.progress)
