"""Kitchen rules: layouts, walking and collisions, stations, both rule sets, chat, refusals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from envs.core import EventKind
from envs.kitchen.layout import LAYOUTS, load, parse
from envs.kitchen.rules import WORLD, make_scenario
from envs.kitchen.state import CLASSIC, MOVES, ORDERS
from tests.envs.kitchen.helpers import RNG, kitchen, placed, tick, with_pot


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_layout_has_two_chefs_and_usable_classic_stations(name):
    layout = load(name)
    assert len(layout.starts) == 2 and all(s in layout.floor for s in layout.starts)
    for kind in "ODPS":
        assert layout.stations(kind), f"{name} has no usable {kind}"


def test_a_bad_layout_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="unknown tile 'Z'"):
        parse("broken", "#Z#\n.1.\n.2.")
    with pytest.raises(ValueError, match="Did you mean 'cramped_room'"):
        load("cramped_rom")
    with pytest.raises(ValueError, match="rules must be one of"):
        make_scenario(rules="chaos")


def test_walking_into_a_counter_only_turns_the_chef():
    state = placed(kitchen(), ((1, 2), "up", None), ((3, 1), "up", None))
    after = tick(state, "left", "stay")
    assert after.chefs[0].pos == (1, 2) and after.chefs[0].facing == "left"


def test_two_chefs_stepping_into_one_cell_both_stay():
    state = placed(kitchen(), ((1, 1), "up", None), ((3, 1), "up", None))
    after = tick(state, "right", "left")
    assert [c.pos for c in after.chefs] == [(1, 1), (3, 1)]


def test_chefs_cannot_swap_places_or_walk_into_each_other():
    state = placed(kitchen(), ((1, 1), "up", None), ((2, 1), "up", None))
    assert [c.pos for c in tick(state, "right", "left").chefs] == [(1, 1), (2, 1)]
    assert [c.pos for c in tick(state, "right", "stay").chefs] == [(1, 1), (2, 1)]
    assert [c.pos for c in tick(state, "right", "right").chefs] == [(2, 1), (3, 1)]


def test_classic_soup_from_onions_to_the_window():
    state = placed(kitchen(), ((1, 1), "left", None), ((3, 2), "up", None))
    state = tick(state, "interact", "stay")
    assert state.chefs[0].held == "onion"
    state = with_pot(state, (2, 0), ("onion", "onion"))
    state = placed(state, ((2, 1), "up", "onion"), ((3, 2), "up", None))
    state = tick(state, "interact", "stay")
    assert state.pots[(2, 0)].cooked == 1 and state.chefs[0].held is None
    for _ in range(CLASSIC.cook_time):
        state = tick(state, "stay", "stay")
    state = placed(state, ((2, 1), "up", "plate"), ((3, 2), "down", None))
    state = tick(state, "interact", "stay")
    assert state.chefs[0].held == "onion soup" and state.pots[(2, 0)].contents == ()
    state = placed(state, ((2, 1), "up", None), ((3, 2), "down", "onion soup"))
    state = tick(state, "stay", "interact")
    assert (state.score, state.served, state.chefs[1].held) == (20, 1, None)


def test_counters_hold_one_item_and_give_it_back():
    state = placed(kitchen(), ((2, 2), "down", "onion"), ((3, 1), "up", None))
    state = tick(state, "interact", "stay")
    assert state.items[(2, 3)] == "onion" and state.chefs[0].held is None
    state = tick(state, "interact", "stay")
    assert (2, 3) not in state.items and state.chefs[0].held == "onion"


def test_orders_chopping_takes_eight_interacts_and_two_ingredients_start_by_hand():
    state = placed(kitchen(rules="orders"), ((1, 1), "up", "onion"), ((3, 2), "up", None))
    state = tick(state, "interact", "stay")
    for _ in range(ORDERS.chop_steps):
        assert state.items[(1, 0)] == "onion"
        state = tick(state, "interact", "stay")
    assert state.items[(1, 0)] == "chopped onion"
    state = with_pot(state, (2, 0), ("onion", "tomato"))
    state = placed(state, ((2, 1), "up", None), ((3, 2), "up", None))
    state = tick(state, "interact", "stay")
    assert state.pots[(2, 0)].cooked == 1


def test_raw_ingredients_do_not_go_in_an_orders_pot():
    state = placed(kitchen(rules="orders"), ((2, 1), "up", "onion"), ((3, 2), "up", None))
    after = tick(state, "interact", "stay")
    assert after.pots[(2, 0)].contents == () and after.chefs[0].held == "onion"


def test_a_forgotten_soup_catches_fire_and_the_extinguisher_puts_it_out():
    state = with_pot(kitchen(rules="orders"), (2, 0), ("onion", "onion", "onion"), cooked=ORDERS.cook_time)
    for _ in range(ORDERS.burn_after + 1):
        state = tick(state, "stay", "stay")
    assert state.pots[(2, 0)].burning and state.fires == 1
    state = placed(state, ((2, 1), "up", "plate"), ((3, 2), "up", None))
    assert tick(state, "interact", "stay").chefs[0].held == "plate", "a burning pot gives no soup"
    state = placed(state, ((2, 1), "up", "extinguisher"), ((3, 2), "up", None))
    state = tick(state, "interact", "stay")
    assert not state.pots[(2, 0)].burning and state.pots[(2, 0)].contents == ()


def test_orders_pay_with_a_tip_and_expire_with_a_penalty():
    state = kitchen(rules="orders", seed=3)
    order = state.orders[0]
    state = placed(state, ((3, 2), "down", f"{order.recipe} soup"), ((1, 1), "up", None))
    served = tick(state, "interact", "stay")
    reward = ORDERS.recipes[order.recipe].reward + ORDERS.tip
    assert served.score == reward and served.served == 1 and order not in served.orders
    late = state.evolve(tick=order.deadline)
    expired = WORLD.advance(late, RNG).state
    assert expired.expired >= 1 and expired.score <= -ORDERS.expire_penalty


def test_a_later_move_replaces_an_unplayed_one_and_awaiting_tracks_the_tick():
    state = kitchen()
    assert WORLD.awaiting(state) == {"chef0", "chef1"}
    state = WORLD.apply(state, "chef0", "down", RNG).state
    state = WORLD.apply(state, "chef0", "right", RNG).state
    assert WORLD.awaiting(state) == {"chef1"} and state.pending[0] == "right"


def test_say_is_free_bounded_and_seen_by_the_partner():
    state = kitchen()
    outcome = WORLD.apply(state, "chef0", "say " + "x" * 10_000, RNG)
    chat = next(e for e in outcome.events if e.kind == EventKind.CHAT)
    assert chat.data["cut"] and "cut to 300" in chat.data["note"] and len(chat.data["text"]) == 300
    assert WORLD.awaiting(outcome.state) == {"chef0", "chef1"}, "chat does not use the move"
    assert 'said: "xxx' in WORLD.observe(outcome.state, "chef1").text


@pytest.mark.parametrize("command, reason", [
    ("dance", "unknown command 'dance'"),
    ("upp", "Did you mean 'up'"),
    ("up 3", "'up' takes no argument"),
    ("", "empty command"),
    ("   ", "empty command"),
    ("say", "say needs text"),
    ("z" * 10_240, "too long"),
])
def test_bad_input_is_refused_with_a_reason_and_the_legal_moves(command, reason):
    state = kitchen()
    outcome = WORLD.apply(state, "chef0", command, RNG)
    assert outcome.state is state
    (refusal,) = outcome.events
    assert refusal.kind == EventKind.INVALID_ACTION and reason in refusal.data["reason"]
    assert refusal.data["legal_actions"] == ["up", "down", "left", "right", "pass", "interact", "say <text>"]
    assert len(refusal.data["action"]) <= 200


def test_the_game_ends_at_the_tick_limit_with_metrics():
    state = kitchen().evolve(tick=CLASSIC.ticks)
    result = WORLD.result(state)
    assert result is not None
    assert set(result.metrics) == {"orders_served", "orders_expired", "fires", "idle_fraction", "instructions",
                                   "instructions_followed"}
    assert WORLD.legal_actions(state, "chef0") == [] and WORLD.awaiting(state) == frozenset()


def test_idle_ticks_count_stays_and_missed_ticks():
    state = kitchen("quick")
    for _ in range(4):
        state = WORLD.apply(state, "chef0", "left", RNG).state
        state = WORLD.advance(state, RNG).state
    assert state.idle == (0, 4)
    result = WORLD.result(state.evolve(tick=CLASSIC.ticks, idle=(100, 400)))
    assert result.metrics["idle_fraction"] == {"chef0": 0.25, "chef1": 1.0}


def test_observation_is_printable_exact_and_json_ready():
    import json
    import string

    observation = WORLD.observe(kitchen("ring", "orders"), "chef1")
    assert set(observation.text) <= set(string.printable)
    assert "chef1 (you) at (9,3)" in observation.text and "orders: " in observation.text
    data = json.loads(json.dumps(dict(observation.data)))
    assert data["chefs"][1]["pos"] == [9, 3] and len(data["orders"]) == 2


@settings(max_examples=30, deadline=None)
@given(layout=st.sampled_from(LAYOUTS), rules=st.sampled_from(["classic", "orders"]),
       moves=st.lists(st.tuples(st.sampled_from([*MOVES, "say hi", "jump", ""]),
                                st.sampled_from([*MOVES, "say hi", "jump", ""])), max_size=150))
def test_any_moves_keep_chefs_on_free_floor_and_refusals_keep_the_state(layout, rules, moves):
    state = kitchen(layout, rules)
    for pair in moves:
        for index, move in enumerate(pair):
            before = state
            state, events = WORLD.apply(state, f"chef{index}", move, RNG)
            if any(e.kind == EventKind.INVALID_ACTION for e in events):
                assert state is before
        state = WORLD.advance(state, RNG).state
        cells = [c.pos for c in state.chefs]
        assert len(set(cells)) == len(cells) and all(c in state.setup.layout.floor for c in cells)
        assert all(len(p.contents) <= 3 for p in state.pots.values())
