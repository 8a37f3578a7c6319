"""Macros: feasibility with reasons, the executor's paths (never through counters or chefs), failure
instead of looping, and whole soups made by macros alone."""

from __future__ import annotations

import pytest

from envs.kitchen.layout import DIRECTIONS, LAYOUTS
from envs.kitchen.macros import Executor, can_begin, feasible_macros, macro_names
from envs.kitchen.rules import WORLD
from envs.kitchen.state import KitchenState
from tests.envs.kitchen.helpers import RNG, kitchen, placed, tick, with_pot


def run_macro(state: KitchenState, seat: int, macro: str, partner: str = "stay", limit: int = 400):
    """Play `macro` for `seat` to its end while the other chef plays `partner` every tick."""
    run = Executor(state, seat, macro)
    moves: list[tuple[KitchenState, str]] = []
    while (move := run.next_action(state)) is not None and len(moves) < limit:
        moves.append((state, move))
        both = [partner, partner]
        both[seat] = move
        state = tick(state, *both)
    return run, state, moves


def test_can_begin_says_why_not_and_what_is_missing():
    state = kitchen()
    serve = can_begin(state, "chef0", "serve")
    assert not serve.feasible and "not holding" in serve.reason and serve.missing == ("soup in hand",)
    plate = can_begin(state, 0, "plate soup")
    assert not plate.feasible and plate.missing == ("onion soup cooking",)
    fetch = can_begin(state, 0, "fetch onion")
    assert fetch.feasible and fetch.score > can_begin(state, 0, "wait").score
    unknown = can_begin(state, 0, "juggle onions")
    assert not unknown.feasible and "unknown macro" in unknown.reason and "fetch onion" in unknown.reason


def test_feasible_macros_follow_what_the_chef_holds():
    state = placed(kitchen(), ((1, 2), "up", "onion"), ((3, 1), "up", None))
    assert feasible_macros(state, 0) == ["fill pot", "drop", "wait"]
    orders = placed(kitchen(rules="orders"), ((1, 2), "up", "tomato"), ((3, 1), "up", None))
    assert "chop tomato" in feasible_macros(orders, 0) and "chop onion" not in feasible_macros(orders, 0)
    assert "chop onion" in macro_names(orders)


def test_macros_alone_make_and_serve_a_classic_soup():
    state = placed(kitchen(), ((1, 2), "up", None), ((3, 1), "up", None))
    for _ in range(3):
        run, state, _ = run_macro(state, 0, "fill pot")
        assert run.status == "done", run.reason
    run, state, _ = run_macro(state, 0, "plate soup")
    assert run.status == "done" and state.chefs[0].held == "onion soup"
    run, state, _ = run_macro(state, 0, "serve")
    assert run.status == "done" and state.score == 20


def test_macros_alone_chop_prepare_cook_and_serve_an_orders_soup():
    state = placed(kitchen("quick", "orders"), ((1, 2), "up", None), ((4, 2), "up", None))
    state = state.evolve(orders=state.orders[:1])
    recipe = state.setup.rules.recipes[state.orders[0].recipe]
    for ingredient in recipe.ingredients:
        for macro in (f"chop {ingredient}", f"prepare {recipe.name}"):
            run, state, _ = run_macro(state, 0, macro)
            assert run.status == "done", (macro, run.reason)
    if len(recipe.ingredients) == 2:
        run, state, _ = run_macro(state, 0, f"cook {recipe.name}")
        assert run.status == "done", run.reason
    for macro in (f"plate {recipe.name}", f"serve {recipe.name}"):
        run, state, _ = run_macro(state, 0, macro)
        assert run.status == "done", (macro, run.reason)
    assert state.served == 1 and state.score >= recipe.reward


def _walks_only_on_free_floor(before: KitchenState, seat: int, move: str) -> bool:
    if move not in DIRECTIONS:
        return True
    x, y = before.chefs[seat].pos
    dx, dy = DIRECTIONS[move]
    cell = (x + dx, y + dy)
    others = {c.pos for i, c in enumerate(before.chefs) if i != seat}
    if cell in before.setup.layout.floor:
        return cell not in others
    spots = {spot for station in before.setup.layout.access for spot, face in before.setup.layout.access[station]
             if face == move and station == cell}
    return before.chefs[seat].pos in spots  # turning on the spot to face the station it will use


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_executor_never_walks_into_a_counter_or_a_chef(layout):
    state = kitchen(layout, "orders")
    partner_moves = ["up", "right", "down", "left", "stay"]
    for step in range(300):
        macro = _any_feasible(state, 0, step)
        run = Executor(state, 0, macro)
        for _ in range(30):
            move = run.next_action(state)
            if move is None or WORLD.result(state):
                break
            assert _walks_only_on_free_floor(state, 0, move), (layout, macro, state.chefs, move)
            state = tick(state, move, partner_moves[(step + state.tick) % 5])
        if WORLD.result(state):
            break


def _any_feasible(state: KitchenState, seat: int, step: int) -> str:
    feasible = [m for m in feasible_macros(state, seat) if m != "wait"] or ["wait"]
    return feasible[step % len(feasible)]


def test_a_macro_blocked_by_a_partner_who_never_moves_fails_instead_of_looping():
    state = placed(kitchen(), ((1, 2), "up", "onion"), ((2, 1), "up", None))
    run, _, moves = run_macro(state, 0, "fill pot")
    assert run.status == "failed" and "blocked by chef1" in run.reason and len(moves) <= 20


def test_a_macro_that_cannot_finish_fails_at_its_tick_budget():
    state = with_pot(placed(kitchen(), ((1, 2), "up", "plate"), ((3, 2), "up", None)), (2, 0), ("onion",) * 3, 0)
    run = Executor(state, 0, "plate soup", max_ticks=5)
    frozen = state.evolve(pots={(2, 0): state.pots[(2, 0)]._replace(cooked=1)})
    moves = [run.next_action(frozen) for _ in range(10)]
    assert run.status == "failed" and "5 ticks" in run.reason and moves[5:] == [None] * 5


def test_a_macro_whose_goal_vanishes_reports_why():
    state = placed(kitchen(), ((1, 2), "up", "plate"), ((3, 2), "up", None))
    state = with_pot(state, (2, 0), ("onion",) * 3, 5)
    run = Executor(state, 0, "plate soup")
    assert run.next_action(state) is not None
    emptied = state.evolve(pots={(2, 0): state.pots[(2, 0)]._replace(contents=(), cooked=-1)})
    assert run.next_action(emptied) is None and run.status == "failed" and "no onion soup" in run.reason


def test_interrupt_stops_a_running_macro():
    state = kitchen()
    run = Executor(state, 0, "fetch onion")
    run.interrupt("the slow mind changed its plan")
    assert run.next_action(state) is None and run.reason == "the slow mind changed its plan"


def test_an_unknown_macro_is_a_programmer_error_for_the_executor():
    with pytest.raises(ValueError, match="Did you mean 'fetch onion'"):
        Executor(kitchen(), 0, "fetch onoin")


def test_wait_takes_one_tick():
    state = kitchen()
    run = Executor(state, 0, "wait")
    assert run.next_action(state) in {"stay", *DIRECTIONS} and run.next_action(state) is None
    assert run.status == "done" and RNG is not None
