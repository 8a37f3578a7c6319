"""The oracle solves every generated task; the expert follows it in both modes; random scores far below."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest

from envs.forge import policies
from envs.forge.catalog import GIVEN_SHARE
from envs.forge.items import TIERS, VARIANTS
from envs.forge.oracle import solve
from envs.forge.scenario import generate, make_scenario
from tests.envs.forge.helpers import play


def sweep(tiers, variants, seeds, mode="interactive"):
    """(tier, variant, seed) -> last info of an expert episode; every one must be a clean success."""
    results = {}
    for tier in tiers:
        for variant in variants:
            env = gym.make("gamehall/Forge-v0", tier=tier, variant=variant, mode=mode)
            policy = policies.expert(env)
            for seed in seeds:
                results[tier, variant, seed] = play(env, policy, seed)
    return results


def assert_all_solved(results):
    failed = {k: (v.get("success"), v.get("progress")) for k, v in results.items()
              if not (v["success"] and v["progress"] == 100 and v["refused"] == 0)}
    assert not failed


def test_expert_solves_a_fast_subset():
    assert_all_solved(sweep(TIERS, VARIANTS, seeds=range(2)))


def test_expert_solves_a_fast_subset_in_plan_mode():
    results = sweep(TIERS, VARIANTS, seeds=[3], mode="plan")
    assert_all_solved(results)
    assert all(r["env_steps"] == 1 for r in results.values())


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["interactive", "plan"])
def test_expert_solves_every_tier_and_variant_over_20_seeds(mode):
    results = sweep(TIERS, VARIANTS, seeds=range(20), mode=mode)
    assert len(results) == 9 * 3 * 20
    assert_all_solved(results)


def test_expert_replans_after_someone_else_played():
    env = gym.make("gamehall/ForgeNoise-v0", tier=6)
    wander, expert = policies.random(env, seed=1), policies.expert(env)
    observation, info = env.reset(seed=8)
    for _ in range(15):
        observation, _, terminated, _, info = env.step(wander(observation, info))
    while not terminated:
        observation, _, terminated, _, info = env.step(expert(observation, info))
    assert info["success"] and info["progress"] == 100


def test_random_scores_far_below_the_expert():
    progress, wins = [], 0
    for tier in (1, 3, 5, 7, 9):
        env = gym.make("gamehall/Forge-v0", tier=tier)
        for seed in range(3):
            info = play(env, policies.random(env, seed=seed), seed)
            progress.append(info["progress"])
            wins += info["success"]
    assert np.mean(progress) < 40 and wins <= 3


def test_both_task_kinds_appear_at_every_tier():
    for tier in TIERS:
        kinds = {generate(make_scenario(tier), np.random.default_rng(s)).task.kind for s in range(12)}
        assert kinds == {"craft", "defeat"}, tier


def test_tiers_grow_harder():
    def mean_oracle_steps(tier):
        return np.mean([generate(make_scenario(tier), np.random.default_rng(s)).oracle_steps for s in range(15)])

    steps = [mean_oracle_steps(t) for t in (1, 3, 5, 7, 9)]
    assert steps == sorted(steps) and steps[-1] > 5 * steps[0]


def test_defeat_tasks_need_gear():
    for seed in range(30):
        realm = generate(make_scenario(8), np.random.default_rng(seed))
        if realm.task.kind == "defeat":
            equips = [c for c in solve(realm).commands if c.startswith("equip")]
            assert len(equips) >= 2


def test_noise_adds_decoys_the_oracle_never_touches():
    for seed in range(10):
        realm = generate(make_scenario(5, "noise"), np.random.default_rng(seed))
        assert len(realm.decoys) >= 5 and all(d in realm.items for d in realm.decoys)
        plan = solve(realm).text
        assert not any(f" {d}" in plan for d in realm.decoys if d not in ("rusty key", "old map", "bent nail"))


def test_low_tiers_start_with_some_components_high_tiers_with_none():
    def components(tier):
        bags = [generate(make_scenario(tier), np.random.default_rng(s)).start.bag for s in range(20)]
        return sum(count for bag in bags for item, count in bag.items() if item != "silver trinket")

    assert list(GIVEN_SHARE) == sorted(GIVEN_SHARE, reverse=True)
    assert components(1) > 0 and components(5) > 0 and components(6) == components(9) == 0
