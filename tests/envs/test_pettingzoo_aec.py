"""The turn-based PettingZoo face: PettingZoo's AEC checks, turns only for awaited seats, whole games, secrets."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pettingzoo_test = pytest.importorskip("pettingzoo.test")

from envs.pettingzoo import env  # noqa: E402

WORLDS = [("village", {}), ("village", {"players": 7, "wolves": 2}), ("forge", {}), ("forge", {"tier": 3}),
          ("kitchen", {}), ("gamehall/KitchenOrders-v0", {})]


@pytest.mark.parametrize(("world", "options"), WORLDS)
def test_pettingzoo_aec_checks_pass(world: str, options: dict) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its advice that text spaces are not Box or Discrete
        pettingzoo_test.api_test(env(world, **options), num_cycles=300)
        pettingzoo_test.seed_test(lambda: env(world, **options), num_cycles=200)


def _play(game, seed: int, limit: int = 20_000) -> tuple[dict[str, float], dict[str, dict], int]:
    """Random legal commands for whichever seat is selected; returns reward totals, last infos and moves."""
    rng = np.random.default_rng(seed)
    game.reset(seed=seed)
    totals, last_infos, moves = dict.fromkeys(game.possible_agents, 0.0), {}, 0
    for agent in game.agent_iter(limit):
        observation, reward, terminated, truncated, info = game.last()
        totals[agent] += reward
        last_infos[agent] = info
        if terminated or truncated:
            game.step(None)
            continue
        session = game.unwrapped._game.session
        assert agent in session.awaiting() and info["can_act"]  # only a seat the world waits for is selected
        assert observation["text"] == session.observe(agent).text  # its own view, as over MCP
        codes = observation["observation"]
        assert bytes(codes[: len(observation["text"])]).decode() == observation["text"] and not codes[-1]
        legal = [a for a in info["legal_actions"] if "<" not in a]
        game.step(legal[int(rng.integers(len(legal)))])
        moves += 1
    assert not game.agents, f"no end after {limit} turns"
    return totals, last_infos, moves


@pytest.mark.parametrize(("world", "options"), [("village", {"players": 6}), ("forge", {}), ("kitchen", {})])
def test_whole_games_end_with_every_seat_out_and_rewards_summing_to_the_score(world: str, options: dict) -> None:
    totals, infos, moves = _play(env(world, **options), seed=4)
    assert moves > 10
    for seat, total in totals.items():
        assert total == pytest.approx(infos[seat]["score"])
        assert "success" in infos[seat]


def test_kitchen_chefs_alternate_and_the_tick_plays_when_both_moved() -> None:
    game = env("kitchen")
    game.reset(seed=0)
    assert game.agent_selection == "chef0"
    game.step("up")
    assert game.agent_selection == "chef1" and game.state().tick == 0
    game.step("left")
    assert game.agent_selection == "chef0" and game.state().tick == 1
    game.step("dance")  # refused: chef0 is still awaited, told why; chef1 moves next, then chef0 again
    assert "unknown command" in game.infos["chef0"]["invalid_action"] and game.infos["chef0"]["can_act"]
    assert game.agent_selection == "chef1" and game.state().tick == 1
    game.step("stay")
    assert game.agent_selection == "chef0" and game.state().tick == 1


def test_village_night_selects_only_the_night_roles() -> None:
    game = env("village", players=7, wolves=2)
    game.reset(seed=5)
    session = game.unwrapped._game.session
    seen = []
    while session.state.phase == "night":
        seen.append(game.agent_selection)
        game.step(game.infos[game.agent_selection]["legal_actions"][-1])
    roles = session.state.roles
    assert {roles[s] for s in seen} == {"seer", "doctor", "werewolf"}  # never a villager at night
    assert len(seen) == len(set(seen)) == sum(r != "villager" for r in roles.values())  # each once, in turn


def test_macro_level_has_no_turn_based_form() -> None:
    with pytest.raises(ValueError, match="parallel_env"):
        env("kitchen", action_level="macro")
