"""No traps in the macro layer: every seat plays random feasible macros, in every world, layout and rule set,
and no seat that could act is offered only `wait` for more than 50 ticks (tests/envs/traps.py)."""

from dataclasses import replace

import pytest

from envs.kitchen.layout import LAYOUTS
from envs.kitchen.macros import can_begin, feasible_macros
from envs.registry import world
from tests.envs.traps import MAX_RUN, play_random_macros, traps_in

KITCHEN = [({"layout": layout, "rules": rules}, seeds) for layout in LAYOUTS
           for rules, seeds in (("classic", range(2)), ("orders", range(1)))]
FORGE = [({"tier": tier, "variant": variant}, range(2)) for tier in range(1, 10)
         for variant in ("base", "leveling", "noise")]
VILLAGE = [({"players": n, **extra}, range(3)) for n in range(5, 10)
           for extra in ({}, {"reveal_on_death": False}, {"tie_rule": "none"}) if not (n < 7 and "wolves" in extra)]
VILLAGE += [({"players": n, "wolves": 2}, range(3)) for n in range(6, 10)]
CASES = [("kitchen", o, s) for o, s in KITCHEN] + [("forge", o, s) for o, s in FORGE] + [
    ("village", o, s) for o, s in VILLAGE]


@pytest.mark.parametrize(("name", "options", "seeds"), CASES, ids=[f"{n}-{o}" for n, o, _ in CASES])
def test_no_seat_is_left_only_waiting_while_it_could_act(name, options, seeds):
    traps = traps_in(name, options, seeds)
    assert not traps, f"{len(traps)} trap(s); first: {traps[0].seat} {traps[0].ticks} ticks at\n{traps[0].where}"


@pytest.mark.slow
@pytest.mark.parametrize("rules", ["classic", "orders"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_kitchen_has_no_traps_over_more_seeds(layout, rules):
    assert not traps_in("kitchen", {"layout": layout, "rules": rules}, range(2, 8))


def test_fetch_plate_then_nothing_to_plate_leaves_drop_feasible():
    """The smoke-run deadlock: chef0 fetched a plate with no soup to plate, cramped_room's one plain counter was
    taken, and `wait` was the only feasible macro for 393 ticks. In classic rules the orders-only stations
    (board, crates, extinguisher) are counters, so the plate can be put down."""
    session = world("kitchen").session({"layout": "cramped_room", "rules": "classic", "clock": "lockstep"}, 1)
    state = session.state
    chefs = (state.chefs[0]._replace(held="plate"), *state.chefs[1:])
    stuck = replace(state, chefs=chefs, items={(2, 3): "onion"})
    assert can_begin(stuck, "chef0", "drop").feasible
    assert [m for m in feasible_macros(stuck, "chef0") if m != "wait"]


def test_the_trap_watch_catches_a_seat_left_only_waiting():
    """The watch itself: a seat whose only macro is `wait` while it could put its plate down is reported."""
    spec = world("kitchen")

    class OnlyWait:
        def options(self, session, seat):
            return [option for option in spec.macros.options(session, seat) if option.name == "wait"]

        def start(self, session, seat, name):
            return spec.macros.start(session, seat, name)

    watches = play_random_macros(replace(spec, macros=OnlyWait()), {"layout": "cramped_room", "rules": "classic"}, 0)
    assert any(w.traps or w.longest > MAX_RUN for w in watches.values())
