"""Scripted chefs: the expert pair serves on every layout under both rule sets, the random pair does
not; the expert follows chat requests and keeps serving with a partner that is no help."""

from __future__ import annotations

import pytest

from envs.core import Session
from envs.kitchen.layout import LAYOUTS
from envs.kitchen.requests import requested_macro
from envs.kitchen.rules import WORLD, make_scenario
from tests.envs.kitchen.helpers import RNG, kitchen, placed, play_pair, tick, with_pot


@pytest.mark.parametrize("rules", ["classic", "orders"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_expert_pair_serves_and_beats_the_random_pair(layout, rules):
    expert = play_pair(layout, rules, "expert", seed=1)
    random = play_pair(layout, rules, "random", seed=1)
    assert expert.served >= 2, f"{layout}/{rules}: expert pair served {expert.served}"
    assert random.served == 0 and random.score <= 0
    assert expert.score >= random.score + 40


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("rules", ["classic", "orders"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_expert_pair_serves_on_many_seeds(layout, rules, seed):
    assert play_pair(layout, rules, "expert", seed=seed).served >= 2


@pytest.mark.parametrize("line, macro", [
    ("please chop the onions", "chop onion"),
    ("Chop tomatoes!", "chop tomato"),
    ("can you serve the mixed soup", "serve mixed"),
    ("FIRE! put it out", "putout"),
    ("nice weather", None),
])
def test_chat_requests_are_read_as_macros(line, macro):
    assert requested_macro(kitchen(rules="orders"), line) == macro


def test_expert_answers_a_request_and_then_does_it():
    session = Session(WORLD, make_scenario("cramped_room", "orders"), seed=0, clock="lockstep")
    expert = WORLD.policies()["expert"](session, "chef1", 0)
    session.act("chef0", "say chop the lettuce please")
    assert session.ask("chef1", expert) == "say ok, chop lettuce"
    session.act("chef1", "say ok, chop lettuce")
    move = session.ask("chef1", expert)
    assert expert.run.macro == "chop lettuce" and move in {"up", "down", "left", "right", "interact", "stay"}


def test_a_request_counts_as_followed_when_the_partner_does_it():
    session = Session(WORLD, make_scenario("counter_circuit", "orders"), seed=0, clock="lockstep")
    expert = WORLD.policies()["expert"](session, "chef1", 0)
    (chat,) = [e for e in session.act("chef0", "say chop the lettuce please") if e.kind == "chat"]
    assert chat.data["request"] == "chop lettuce" and session.state.asked == 1
    for _ in range(60):
        session.act("chef1", session.ask("chef1", expert))
        session.act("chef0", "stay")
    assert session.state.asked == 1, "the expert's answer is not a request"
    assert session.state.followed == 1 and session.state.requests == ()


def test_a_request_the_asker_does_alone_is_not_followed():
    state = WORLD.apply(kitchen(), "chef0", "say fetch an onion", RNG).state
    state = tick(placed(state, ((1, 1), "left", None), ((3, 2), "up", None)), "interact", "stay")
    assert state.chefs[0].held == "onion" and state.followed == 0 and len(state.requests) == 1
    state = tick(placed(state, ((1, 1), "left", "onion"), ((3, 1), "right", None)), "stay", "interact")
    assert state.followed == 1


def test_expert_keeps_serving_with_a_partner_who_only_stays():
    session = Session(WORLD, make_scenario("counter_circuit", "classic"), seed=0, clock="lockstep")
    expert = WORLD.policies()["expert"](session, "chef0", 0)
    while not session.done:
        session.act("chef1", "stay")
        session.act("chef0", session.ask("chef0", expert))
    assert session.state.served >= 3


def test_experts_empty_a_pot_whose_ingredients_make_no_recipe():
    session = Session(WORLD, make_scenario("cramped_room", "orders"), seed=0, clock="lockstep")
    session.state = with_pot(session.state, (2, 0), ("lettuce", "onion"))
    players = {seat: WORLD.policies()["expert"](session, seat, 0) for seat in session.seats}
    while session.tick_count < 150:
        for seat in sorted(session.awaiting()):
            session.act(seat, session.ask(seat, players[seat]))
    assert any(e.kind == "plated" and e.data["soup"] == "mush" for e in session.events)
