"""The PettingZoo face: PettingZoo's own checks for every world, noop seats, hidden information, whole games."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pettingzoo_test = pytest.importorskip("pettingzoo.test")

from envs.kitchen.chefs import choose_macro  # noqa: E402
from envs.pettingzoo import NOOP, parallel_env  # noqa: E402

WORLDS = [
    ("forge", {}),
    ("forge", {"tier": 3}),
    ("kitchen", {}),
    ("gamehall/KitchenOrders-v0", {}),
    ("kitchen", {"action_level": "macro"}),
    ("village", {}),
    ("village", {"players": 7, "wolves": 2}),
]


@pytest.mark.parametrize(("world", "options"), WORLDS)
def test_pettingzoo_parallel_checks_pass(world: str, options: dict) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its advice that text spaces are not Box or Discrete
        pettingzoo_test.parallel_api_test(parallel_env(world, **options), num_cycles=300)
        pettingzoo_test.parallel_seed_test(lambda: parallel_env(world, **options), num_cycles=200)


def _play_random_legal(env, seed: int, limit: int = 20_000) -> tuple[dict, dict, int]:
    """Every live seat sends a random legal command; returns total rewards, last infos and steps."""
    rng = np.random.default_rng(seed)
    observations, infos = env.reset(seed=seed)
    totals = dict.fromkeys(env.possible_agents, 0.0)
    for step in range(1, limit + 1):
        actions = {}
        for seat in env.agents:
            legal = [a for a in infos[seat]["legal_actions"] if "<" not in a] or [NOOP]
            actions[seat] = legal[int(rng.integers(len(legal)))]
        observations, rewards, terminations, truncations, infos = env.step(actions)
        for seat, reward in rewards.items():
            totals[seat] += reward
        if not env.agents:
            assert all(terminations.values()) and not any(truncations.values())
            return totals, infos, step
    raise AssertionError(f"no end after {limit} steps")


@pytest.mark.parametrize(("world", "options"), [("forge", {}), ("village", {"players": 6})])
def test_random_legal_play_reaches_the_end_with_rewards_that_sum_to_the_score(world: str, options: dict) -> None:
    env = parallel_env(world, **options)
    totals, infos, _ = _play_random_legal(env, seed=3)
    for seat, total in totals.items():
        assert total == pytest.approx(infos[seat]["score"])
        assert infos[seat]["can_act"] is False and infos[seat]["legal_actions"] == [NOOP]


def test_seats_that_cannot_act_get_noop_and_what_they_send_is_ignored() -> None:
    env = parallel_env("village", players=5)
    _, infos = env.reset(seed=1)
    idle = [s for s in env.agents if not infos[s]["can_act"]]
    acting = [s for s in env.agents if infos[s]["can_act"]]
    assert idle and acting  # night 1: villagers wait while the night roles act
    for seat in idle:
        assert infos[seat]["legal_actions"] == [NOOP]
    before = env.state()
    _, _, _, _, after = env.step(dict.fromkeys(idle, "vote Ava"))
    assert env.state() is before  # only idle seats spoke: nothing was played
    assert all(after[s]["invalid_action"] is None for s in idle)


def test_each_village_seat_sees_only_what_it_may_know() -> None:
    env = parallel_env("village", players=7, wolves=2)
    observations, infos = env.reset(seed=5)
    session = env.session
    seen: dict[str, set[str]] = {s: set() for s in env.agents}
    for _ in range(40):
        for seat in env.agents:
            seen[seat] |= {e["kind"] for e in infos[seat]["events"]}
            assert observations[seat] == session.observe(seat).text  # the seat's own view, as over MCP
            assert infos[seat]["role"] == session.state.roles[seat]
            for event in infos[seat]["events"]:
                routed = session.events[event["seq"]]
                assert routed.visible_to(seat)
                if event["kind"] == "role":
                    assert event["data"]["role"] == session.state.roles[seat]
        if not env.agents:
            break
        actions = {s: infos[s]["legal_actions"][-1] for s in env.agents}
        observations, _, _, _, infos = env.step(actions)
    wolves = {s for s, r in session.state.roles.items() if r == "werewolf"}
    assert {s for s in seen if "pack" in seen[s]} == wolves  # the pack's channel reached the wolves only


def test_kitchen_macro_level_expert_chefs_cook_and_serve() -> None:
    env = parallel_env("kitchen", action_level="macro")
    _, infos = env.reset(seed=0)
    steps = 0
    while env.agents:
        state = env.state()
        actions = {s: choose_macro(state, int(s.removeprefix("chef"))) if infos[s]["can_act"] else NOOP
                   for s in env.agents}
        _, rewards, _, _, infos = env.step(actions)
        steps += 1
        assert any(infos[s]["can_act"] for s in infos) or not env.agents
    assert infos["chef0"]["orders_served"] >= 3 and infos["chef0"]["score"] == infos["chef1"]["score"]
    assert steps < 400  # macros span several ticks: far fewer steps than ticks
    assert any(infos[s]["macro"] is not None for s in infos)


def test_kitchen_atomic_step_is_one_tick_and_say_does_not_use_the_move() -> None:
    env = parallel_env("kitchen")
    _, infos = env.reset(seed=0)
    assert all(infos[s]["can_act"] for s in env.agents)
    env.step({"chef0": "say chop onions please", "chef1": "stay"})
    assert env.state().tick == 0  # chef0 only talked: the tick waits for its move
    _, _, _, _, infos = env.step({"chef0": "up", "chef1": "left"})
    assert infos["chef1"]["can_act"] and env.state().tick == 1


def test_seat_options_and_realtime_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="every seat is an agent"):
        parallel_env("kitchen", partner="random")
    with pytest.raises(ValueError, match="realtime"):
        parallel_env("kitchen", clock="realtime")
    with pytest.raises(KeyError, match="unknown world"):
        parallel_env("chess")
