"""The Kitchen Gymnasium env: every registered id, determinism, realtime that does not wait, macros,
bad input through `step`, rendering, the env-level policies."""

from __future__ import annotations

import threading
import time

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import envs
from envs.kitchen import policies

KITCHEN_IDS = envs.WORLDS["kitchen"].ids


@pytest.mark.parametrize("env_id", KITCHEN_IDS)
def test_check_env(env_id):
    env = gym.make(env_id)
    check_env(env.unwrapped, skip_render_check=True)
    env.close()


@pytest.mark.parametrize("action_level", ["atomic", "macro"])
def test_check_env_realtime(action_level):
    env = gym.make("gamehall/Kitchen-v0", clock="realtime", tick_hz=50, action_level=action_level)
    check_env(env.unwrapped, skip_render_check=True)
    env.close()


@pytest.mark.parametrize("env_id", KITCHEN_IDS)
def test_same_seed_same_game(env_id):
    def play(seed: int) -> list[tuple[str, float]]:
        env = gym.make(env_id, rules="orders", partner="random")
        observation, info = env.reset(seed=seed)
        policy, trace = policies.random(env, seed=7), []
        for _ in range(40):
            observation, reward, *_ , info = env.step(policy(observation, info))
            trace.append((observation, reward))
        env.close()
        return trace

    assert play(3) == play(3)
    assert play(3) != play(4)


def test_step_plays_one_tick_with_the_partner_and_reports_info():
    env = gym.make("gamehall/Kitchen-v0")
    env.reset(seed=0)
    _, _, terminated, truncated, info = env.step("right")
    assert info["tick"] == 1 and not terminated and not truncated
    assert {"legal_actions", "score", "invalid_action", "orders_served", "orders_expired", "fires"} <= set(info)
    _, _, _, _, info = env.step("say hello")
    assert info["tick"] == 1, "chat does not use the tick"


@pytest.mark.parametrize("command", ["dance", "up 3", "", "q" * 10_240])
def test_bad_input_through_step_changes_nothing(command):
    env = gym.make("gamehall/Kitchen-v0")
    observation, _ = env.reset(seed=0)
    after, reward, _, _, info = env.step(command)
    assert info["invalid_action"] and after == observation and reward == 0 and info["tick"] == 0
    assert "interact" in info["legal_actions"]


def test_episode_ends_at_the_tick_limit_with_orders_counts():
    env = gym.make("gamehall/Kitchen-v0", layout="quick")
    observation, info = env.reset(seed=0)
    policy = policies.expert(env)
    terminated = False
    while not terminated:
        observation, _, terminated, _, info = env.step(policy(observation, info))
    assert info["tick"] == 400 and info["orders_served"] > 0 and info["orders_expired"] == 0
    assert info["legal_actions"] == []


def test_macro_level_runs_a_macro_over_many_ticks_and_lists_feasible_macros():
    env = gym.make("gamehall/KitchenMacro-v0")
    _, info = env.reset(seed=0)
    assert "fetch onion" in info["legal_actions"] and "serve" not in info["legal_actions"]
    _, _, _, _, info = env.step("fetch onion")
    assert info["macro"]["status"] == "done" and info["macro"]["ticks"] >= 2 and info["held"] == "onion"
    assert "fill pot" in info["legal_actions"]


@pytest.mark.parametrize("macro, reason", [("serve", "not holding"), ("fetch onoin", "Did you mean"),
                                           ("", "unknown macro")])
def test_macro_level_refuses_what_cannot_begin(macro, reason):
    env = gym.make("gamehall/KitchenMacro-v0")
    _, before = env.reset(seed=0)
    _, _, _, _, info = env.step(macro)
    assert reason in info["invalid_action"] and info["tick"] == 0
    assert info["legal_actions"] == before["legal_actions"]


def test_macro_expert_serves_at_macro_level():
    env = gym.make("gamehall/KitchenMacro-v0", layout="cramped_room")
    observation, info = env.reset(seed=0)
    policy, terminated = policies.expert(env), False
    while not terminated:
        observation, _, terminated, _, info = env.step(policy(observation, info))
    assert info["orders_served"] >= 5


class SlowPartner:
    """A partner that thinks for a long time before every move."""

    def __init__(self, delay: float) -> None:
        self.delay, self.moves = delay, 0

    def __call__(self, observation: str, info: dict) -> str:
        time.sleep(self.delay)
        self.moves += 1
        return "stay"


def _wait_until(condition, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_realtime_ticks_without_anyone_acting_and_a_slow_partner_falls_behind():
    partner = SlowPartner(delay=0.25)
    env = gym.make("gamehall/Kitchen-v0", clock="realtime", tick_hz=50, partner=partner)
    env.reset(seed=0)
    session = env.unwrapped.session
    _wait_until(lambda: session.tick_count >= 30)
    assert session.tick_count >= 30, "the clock ticks although the agent never stepped"
    assert partner.moves < session.tick_count, "the partner's thinking did not hold the clock"
    _, _, _, _, info = env.step("down")
    assert info["tick"] >= 30
    late = session.stats["chef1"].latency_ticks
    _wait_until(lambda: len(session.stats["chef1"].latency_ticks) >= 2)
    assert max(late) >= 1 and session.stats["chef1"].latency_ms
    env.close()


def test_realtime_step_returns_after_the_next_tick_and_close_stops_the_threads():
    env = gym.make("gamehall/Kitchen-v0", clock="realtime", tick_hz=100, partner="expert")
    env.reset(seed=0)
    before = threading.active_count()
    ticks = [env.step("stay")[4]["tick"] for _ in range(5)]
    assert ticks == sorted(ticks) and ticks[0] >= 1 and len(set(ticks)) == 5
    assert env.unwrapped.session.stats["chef0"].latency_ms
    env.close()
    _wait_until(lambda: threading.active_count() <= before - 2)
    assert not any(t.name.startswith(("kitchen-", "gamehall-clock")) for t in threading.enumerate())


def test_realtime_macro_level_plays_a_macro():
    env = gym.make("gamehall/KitchenMacro-v0", clock="realtime", tick_hz=100)
    env.reset(seed=0)
    _, _, _, _, info = env.step("fetch onion")
    assert info["macro"]["status"] in {"done", "failed"} and info["macro"]["ticks"] >= 1
    env.close()


def test_render_modes():
    env = gym.make("gamehall/KitchenOrders-v0", render_mode="ansi", layout="ring")
    env.reset(seed=0)
    assert "pot (5,0)" in env.render()
    env = gym.make("gamehall/KitchenOrders-v0", render_mode="rgb_array", layout="ring")
    env.reset(seed=0)
    frame = env.render()
    assert frame.dtype == np.uint8 and frame.shape[2] == 3 and frame.std() > 0


def test_bad_kwargs_name_the_allowed_values():
    with pytest.raises(ValueError, match="clock must be one of"):
        gym.make("gamehall/Kitchen-v0", clock="turn")
    with pytest.raises(ValueError, match="partner must be one of"):
        gym.make("gamehall/Kitchen-v0", partner="chef")
    with pytest.raises(ValueError, match="Did you mean 'ring'"):
        gym.make("gamehall/Kitchen-v0", layout="rung")
