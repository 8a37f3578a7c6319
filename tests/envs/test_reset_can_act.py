"""A reset never returns a finished game: for every world, every seat choice and many seeds, the agent's seat
is awaited in the state reset returns (Village redraws a game the bots finish before the seat's first move)."""

from __future__ import annotations

import pytest

from envs.forge.env import ForgeEnv
from envs.kitchen.env import KitchenEnv
from envs.village.env import VillageEnv
from envs.village.scenario import make_scenario

SWEEP_SEEDS = 2_000
DEFAULT_SEEDS = 120


def _seat_choices(players: int) -> list:
    return [None, "random", *make_scenario(players=players).names]


def _assert_resets_can_act(env, seeds: range) -> None:
    for seed in seeds:
        _, info = env.reset(seed=seed)
        session = env.session
        assert not session.done, f"seed {seed}: reset returned a finished game"
        assert env.seat in session.awaiting(), f"seed {seed}: {env.seat} cannot act after reset"
        assert info["legal_actions"] and info["invalid_action"] is None


def test_the_issue_s_seed_36_now_starts_a_game_the_seat_can_play() -> None:
    env = VillageEnv(players=7, seat="random", others="bots")
    _, info = env.reset(seed=36)
    assert env.redraws >= 1  # the first game drawn ended before the seat's first move
    assert info["phase"] != "end" and "won" not in info
    _, reward, terminated, _, info = env.step(info["legal_actions"][0])
    assert info["invalid_action"] is None


@pytest.mark.parametrize("players", [5, 7, 9])
def test_village_resets_can_act_for_every_seat_choice(players: int) -> None:
    redrawn = 0
    for seat in _seat_choices(players):
        env = VillageEnv(players=players, seat=seat)
        for seed in range(DEFAULT_SEEDS):
            _assert_resets_can_act(env, [seed])
            redrawn += env.redraws
    assert redrawn > 0  # the sweep meets the games that used to come back finished


@pytest.mark.slow
def test_village_resets_can_act_over_2000_seeds_and_every_seat_choice() -> None:
    for seat in _seat_choices(7):
        _assert_resets_can_act(VillageEnv(players=7, seat=seat, others="bots"), range(SWEEP_SEEDS))


def test_a_redraw_is_decided_by_the_seed() -> None:
    first, second = VillageEnv(players=7, seat="random"), VillageEnv(players=7, seat="random")
    for seed in range(60):
        a, info_a = first.reset(seed=seed)
        b, info_b = second.reset(seed=seed)
        assert (a, first.seat) == (b, second.seat) and info_a == info_b


@pytest.mark.parametrize("make", [lambda: KitchenEnv(partner="random"), lambda: KitchenEnv(seat="chef1"),
                                  lambda: KitchenEnv(action_level="macro", seat="chef1"), lambda: ForgeEnv(tier=2)])
def test_kitchen_and_forge_resets_can_act(make) -> None:
    env = make()
    _assert_resets_can_act(env, range(30))
    assert env.redraws == 0
