"""Kitchen's side of thinking while playing: where a macro most likely ends, and the executor's own pick."""

from envs.core.macros import MacroOption, Reactive, named_in, plan_default
from envs.kitchen.macros import can_begin, macro_names
from envs.kitchen.reactive import forecast, reactive
from tests.envs.kitchen.helpers import kitchen, placed, with_pot

FAR_APART = (((1, 2), "up", None), ((3, 1), "up", None))  # chef1 beside the right onion crate, 2+ cells away


def test_the_forecast_of_fetch_onion_ends_with_the_onion_in_hand_and_the_live_state_untouched():
    state = placed(kitchen(), *FAR_APART)
    after = forecast(state, "chef0", "fetch onion")
    assert after.chefs[0].held == "onion" and after.tick > state.tick
    assert state.chefs[0].held is None and state.tick == 0
    assert can_begin(after, "chef0", "fill pot").feasible and not can_begin(after, "chef0", "fetch plate").feasible


def test_the_reactive_pick_follows_the_plan():
    cooking = with_pot(placed(kitchen(), *FAR_APART), (2, 0), ("onion", "onion", "onion"), cooked=5)
    pick = reactive(cooking, "chef0", "fetch plate then serve")
    assert pick.name == "fetch plate" and "plan" in pick.why
    holding = placed(kitchen(), ((1, 2), "up", "onion"), FAR_APART[1])
    assert reactive(holding, "chef0", "fill pot").name == "fill pot"


def test_a_blocked_plan_step_fetches_what_it_is_missing():
    options = [MacroOption("cook tomato", False, "no tomato", ("tomato",)), MacroOption("fetch onion", True),
               MacroOption("fetch tomato", True, score=1.0)]
    pick = plan_default(options, "cook tomato soup")
    assert pick == Reactive("fetch tomato", "the plan's cook tomato needs tomato")
    assert plan_default(options, "dance") is None


def test_without_a_plan_an_empty_pot_makes_filling_it_the_pick():
    state = placed(kitchen(), *FAR_APART)
    assert reactive(state, "chef0", "").name == "fill pot"  # a plate now would be a dead end (nothing cooks)


def test_a_pick_that_would_leave_the_chef_stuck_is_passed_over():
    # every pot full and cooking: an onion fetched now could go nowhere (only waiting or dropping after)
    state = with_pot(placed(kitchen(), *FAR_APART), (2, 0), ("onion", "onion", "onion"), cooked=5)
    pick = reactive(state, "chef0", "fetch onion")
    assert pick.name != "fetch onion", pick


def test_when_nothing_useful_can_begin_the_chef_steps_aside():
    # holding a plate, nothing cooking, every counter taken: nothing but waiting can begin
    state = placed(kitchen(), ((1, 2), "up", "plate"), FAR_APART[1])
    full = {pos: "onion" for pos in state.setup.stations("#")}
    pick = reactive(state.evolve(items={**state.items, **full}), "chef0", "")
    assert pick.name == "wait" and "step aside" in pick.why


def test_plan_text_names_macros_in_the_order_it_says_them():
    names = macro_names(kitchen())
    assert named_in("First fill pot, then Fetch  Onion and serve.", names) == ["fill pot", "fetch onion", "serve"]
