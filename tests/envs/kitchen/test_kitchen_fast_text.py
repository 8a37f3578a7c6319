"""The fast observation text is the text as it was: compared over many states of every layout and rule set."""

from __future__ import annotations

import numpy as np
import pytest

from envs.core import Session
from envs.core.text import printable
from envs.kitchen import view
from envs.kitchen.layout import LAYOUTS
from envs.kitchen.rules import WORLD, make_scenario
from envs.kitchen.state import Pot
from tests.envs.kitchen import old_view

CHAT = ["", "chop onions please", "serve it", 'a "quoted" line', "fire! grab the extinguisher"]


def _states(layout: str, rules: str, seed: int, ticks: int):
    """Every state of a game: an expert chef0, a random chef1 that sometimes talks."""
    session = Session(WORLD, make_scenario(layout, rules), seed=seed, clock="lockstep")
    factories, rng = WORLD.policies(), np.random.default_rng(seed)
    players = {"chef0": factories["expert"](session, "chef0", seed),
               "chef1": factories["random"](session, "chef1", seed)}
    yield session.state
    while not session.done and session.tick_count < ticks:
        for seat in session.seats:
            if rng.random() < 0.05:
                session.act(seat, "say " + CHAT[int(rng.integers(1, len(CHAT)))])
                yield session.state
            session.act(seat, session.ask(seat, players[seat]))
            yield session.state


@pytest.mark.parametrize("rules", ["classic", "orders"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_fast_text_equals_the_old_text_in_every_state(layout: str, rules: str) -> None:
    compared = 0
    for state in _states(layout, rules, seed=LAYOUTS.index(layout), ticks=400 if rules == "orders" else 200):
        for seat in range(len(state.chefs)):
            assert view.text(state, seat) == old_view.text(state, seat)
            compared += 1
    assert compared > 400


def test_fast_text_covers_cooking_ready_burning_and_chopped_states() -> None:
    state = WORLD.new_state(make_scenario("ring", "orders"), np.random.default_rng(0))
    pots = sorted(state.pots)
    assert len(pots) >= 2
    variants = [
        {pots[0]: Pot(("onion", "tomato"), 7), pots[1]: Pot(("tomato",) * 3, 20)},
        {pots[0]: Pot(("onion",) * 3, 75, burning=True), pots[1]: Pot(("lettuce",), -1)},
        {pots[0]: Pot(("onion", "tomato"), 40), pots[1]: Pot()},
    ]
    board = state.setup.stations("C")[0]
    for pots_now in variants:
        changed = state.evolve(pots={**state.pots, **pots_now}, items={**state.items, board: "onion"},
                               chops={board: 3}, chat=("hi", None))
        for seat in (0, 1):
            assert view.text(changed, seat) == old_view.text(changed, seat)
            # asked twice for one state (as a step does): the same text
            assert view.text(changed, seat) == old_view.text(changed, seat)


def test_the_observation_data_is_the_facts_built_on_first_read() -> None:
    state = WORLD.new_state(make_scenario(), np.random.default_rng(0))
    observation = WORLD.observe(state, "chef1")
    assert dict(observation.data) == view.facts(state, 1)
    assert observation.text == old_view.text(state, 1)


def test_every_text_is_printable_already_as_the_world_declares() -> None:
    """Kitchen.printable_text lets the gym env skip its scan: chat with any characters still reads printable."""
    assert WORLD.printable_text
    session = Session(WORLD, make_scenario("ring", "orders"), seed=0, clock="lockstep")
    lines = ["caf\u00e9 \u2014 \u201cquoted\u201d", "tab\there\r\x0b\x0c", "null\x00bell\x07 \U0001f600", "plain"]
    for tick, line in enumerate(lines * 5):
        session.act("chef0", f"say {line}")
        session.act("chef0", "interact" if tick % 2 else "up")
        session.act("chef1", "left")
        for seat in session.seats:
            text = session.observe(seat).text
            assert printable(text) == text
        assert printable(WORLD.observe(session.state, None).text) == WORLD.observe(session.state, None).text
