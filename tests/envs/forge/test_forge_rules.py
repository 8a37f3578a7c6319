"""Forge's rules: refusals leave the state untouched and explain themselves; commands parse loosely."""

from __future__ import annotations

import numpy as np
import pytest

from envs.core import EventKind, Session
from envs.forge.actions import perform
from envs.forge.combat import Fighter, damage, fight
from envs.forge.items import xp_to_next
from envs.forge.oracle import solve
from envs.forge.rules import WORLD, make_scenario


def session(tier: int = 3, seed: int = 0, **options: str) -> Session:
    return Session(WORLD, make_scenario(tier, **options), seed=seed)


def refuse(game: Session, action: str) -> str:
    """Send `action`, check it was refused with the legal moves and the state untouched; return the reason."""
    before, before_hero = game.state, game.state.hero
    before_text = game.observe("hero").text
    events = game.act("hero", action)
    assert [e.kind for e in events] == [EventKind.INVALID_ACTION]
    assert game.state is before and game.state.hero == before_hero
    assert game.observe("hero").text == before_text
    assert events[0].data["legal_actions"] == WORLD.legal_actions(before, "hero")
    assert events[0].data["legal_actions"]
    return events[0].data["reason"]


@pytest.mark.parametrize(
    ("action", "says"),
    [
        ("dance", "unknown command 'dance'"),
        ("", "empty command"),
        ("   ", "empty command"),
        ("x" * 10_000, "command too long"),
        ("move narnia", "no place called 'narnia'"),
        ("move", "move needs the name of a place"),
        ("move home", "already at home"),
        ("craft", "craft needs the name of an item"),
        ("craft dragon egg", "no item called 'dragon egg'"),
        ("gather lots", "gather takes only a count"),
        ("gather 0", "count must be a whole number"),
        ("gather ²", "gather takes only a count"),  # str.isdigit() says yes to superscripts; int() does not
        ("craft iron bar ³", "no item called 'iron bar ³'"),
        ("equip golden crown", "you have 0 'golden crown'"),
        ("use coal", "you have 0 'coal'"),
        ("sell coal 3", "you have 0 'coal'"),
        ("unequip weapon", "nothing worn in 'weapon'"),
        ("fight", "no monster at home"),
        ("fight hard", "fight takes no argument"),
        ("buy coal", "only buy at market"),
        ("buy unicorn", "the market sells no 'unicorn'"),
        ("inspect nothing at all", "nothing called"),
        ("wait a bit", "pass takes no argument"), ("pass now", "pass takes no argument"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_the_state_kept(action, says):
    assert says in refuse(session(), action)


def test_a_near_miss_suggests_the_right_word():
    assert "did you mean 'craft'" in refuse(session(), "crfat iron bar")
    assert "did you mean 'market'" in refuse(session(), "move markt")


def test_craft_elsewhere_or_without_inputs_is_refused():
    game = session(tier=5, seed=1)
    recipe = next(iter(game.state.realm.recipes.values()))
    assert "is crafted at" in refuse(game, f"craft {recipe.output}")
    game.act("hero", f"move {recipe.place}")
    assert "not enough to craft" in refuse(game, f"craft {recipe.output} 3")


def test_commands_are_case_insensitive_and_names_may_have_spaces():
    realm = session(tier=6, seed=4).state.realm
    plan = solve(realm)
    assert any(" " in c.split(" ", 1)[1] for c in plan.commands if c.startswith("craft"))
    game = session(tier=6, seed=4)
    for command in plan.commands:
        shouted = "  " + "  ".join(command.upper().split()) + " "
        assert not any(e.kind == EventKind.INVALID_ACTION for e in game.act("hero", shouted)), command
    assert game.result is not None and game.result.success


def test_inspect_costs_no_steps_and_answers():
    game = session(tier=4, seed=2)
    target = game.state.realm.task.target
    events = game.act("hero", f"inspect {target}")
    assert game.state.steps == 0 and target in events[1].data["text"]
    for thing in ("goal", "here", "market"):
        game.act("hero", f"Inspect {thing}")
    assert game.state.steps == 0 and game.state.actions == 4


def test_running_out_of_steps_ends_the_game_without_success():
    game = session(tier=1, seed=0)
    while game.result is None:
        game.act("hero", "wait")
    assert game.result.success is False and game.state.outcome == "out of steps"
    assert game.state.steps == game.state.realm.budget
    assert game.result.metrics["oracle_steps"] == game.state.realm.oracle_steps


def test_leveling_starts_at_one_and_follows_the_xp_curve():
    game = session(tier=4, variant="leveling", seed=3)
    realm, hero = game.state.realm, game.state.hero
    assert set(hero.skills.values()) == {1}
    assert [xp_to_next(level) for level in (1, 2, 5)] == [150, 160, 190]
    node = next(p for p in realm.places.values() if p.resource and realm.items[p.resource].level == 1)
    hero = perform(realm, hero, f"move {node.name}").hero
    done = perform(realm, hero, "gather 6")
    skill = realm.items[node.resource].skill
    assert done.hero.skills[skill] == 2 and done.hero.xp[skill] == 0
    assert f"level {skill} 2" in done.marks


def test_leveling_locks_recipes_until_trained():
    game = session(tier=5, variant="leveling", seed=1)
    realm = game.state.realm
    node = next(p for p in realm.places.values() if p.resource and realm.items[p.resource].level == 2)
    game.act("hero", f"move {node.name}")
    assert "needs" in refuse(game, "gather")


def test_combat_formula_and_first_strike():
    assert damage((10, 0, 0, 0), (20, 0, 0, 0), (50, 0, 0, 0)) == 7
    assert damage((0, 10, 0, 10), (0, 0, 0, 0), (0, -50, 0, 100)) == 15
    hero = Fighter(hp=30, attack=(10, 0, 0, 0), bonus=(0, 0, 0, 0), resist=(0, 0, 0, 0))
    monster = Fighter(hp=30, attack=(10, 0, 0, 0), bonus=(0, 0, 0, 0), resist=(0, 0, 0, 0))
    even = fight(hero, monster)
    assert even.won and even.rounds == 3 and even.hero_hp_left == 10
    stronger = Fighter(hp=31, attack=(10, 0, 0, 0), bonus=(0, 0, 0, 0), resist=(0, 0, 0, 0))
    assert not fight(hero, stronger).won


def test_a_lost_fight_costs_steps_not_the_game():
    game = session(tier=8, seed=3)
    realm = game.state.realm
    lair = next(p.name for p in realm.places.values() if p.monster)
    game.act("hero", f"move {lair}")
    steps = game.state.steps
    events = game.act("hero", "fight")
    assert "lost to the" in events[1].data["text"] and game.state.steps == steps + 4
    assert game.result is None


def test_plan_mode_refuses_a_plan_that_fails_at_once():
    game = session(tier=2, seed=1, mode="plan")
    assert "empty plan" in refuse(game, " ; \n ;")
    assert "command 1" in refuse(game, "dance; wait")
    assert "command 1" in refuse(game, "z" * 10_000)
    assert "at most" in refuse(game, "wait;" * 5000)


def test_plan_mode_runs_the_plan_and_reports_where_it_stopped():
    game = session(tier=2, seed=1, mode="plan")
    events = game.act("hero", "wait; wait\nmove narnia; wait")
    report = next(e for e in events if e.kind == "plan_report").data["report"]
    assert "stopped at command 3" in report and "narnia" in report
    assert game.state.steps == 2 and game.result is not None and not game.result.success
    assert "stopped at command 3" in game.observe("hero").text


def test_progress_counts_the_oracle_milestones():
    game = session(tier=5, seed=2)
    realm = game.state.realm
    assert realm.milestones[-1] == "goal" and realm.budget == 3 * realm.oracle_steps + 20
    plan = solve(realm)
    scores = []
    for command in plan.commands:
        game.act("hero", command)
        scores.append(game.score("hero"))
    assert scores == sorted(scores) and scores[-1] == 100 and 0 < scores[len(scores) // 2] < 100


def test_world_is_pure_same_rng_same_state():
    one = WORLD.new_state(make_scenario(7, "noise"), np.random.default_rng(5))
    two = WORLD.new_state(make_scenario(7, "noise"), np.random.default_rng(5))
    assert WORLD.observe(one, "hero").text == WORLD.observe(two, "hero").text
    assert one.realm.milestones == two.realm.milestones
