"""The Gymnasium face of Forge: registration, check_env, determinism, rendering, options, the demo."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from envs.forge import policies
from envs.registry import WORLDS
from tasks.cli import main
from tests.envs.forge.helpers import play

FORGE_IDS = WORLDS["forge"].ids


def test_every_variant_is_registered():
    assert FORGE_IDS == [
        "gamehall/Forge-v0",
        "gamehall/ForgeLeveling-v0",
        "gamehall/ForgeNoise-v0",
        "gamehall/ForgePlan-v0",
    ]


@pytest.mark.parametrize("env_id", FORGE_IDS)
def test_check_env_passes(env_id):
    check_env(gym.make(env_id).unwrapped, skip_render_check=True)
    check_env(gym.make(env_id, render_mode="ansi").unwrapped)


@pytest.mark.parametrize("env_id", FORGE_IDS)
def test_same_seed_same_task_observations_and_result(env_id):
    def trace(seed):
        env = gym.make(env_id, tier=5)
        policy = policies.random(env, seed=7)
        observation, info = env.reset(seed=seed)
        seen = [observation]
        for _ in range(40):
            observation, reward, terminated, _, info = env.step(policy(observation, info))
            seen.append((observation, reward, info["score"]))
            if terminated:
                break
        return seen, info

    first, second = trace(11), trace(11)
    assert first == second


def test_different_seeds_give_different_worlds():
    env = gym.make("gamehall/Forge-v0", tier=4)
    observations = {env.reset(seed=seed)[0] for seed in range(10)}
    assert len(observations) == 10


def test_info_holds_the_contract_keys_and_end_metrics(expert_run):
    info = expert_run(seed=2, tier=3)
    for key in ("legal_actions", "score", "invalid_action", "success", "progress", "oracle_steps"):
        assert key in info
    assert info["success"] is True and info["progress"] == 100 and info["score"] == 100
    assert info["efficiency"] == pytest.approx(1.0)


def test_reward_sums_to_the_final_progress():
    env = gym.make("gamehall/ForgeLeveling-v0", tier=4)
    policy = policies.expert(env)
    observation, info = env.reset(seed=5)
    total, terminated = 0.0, False
    while not terminated:
        observation, reward, terminated, _, info = env.step(policy(observation, info))
        total += reward
    assert total == pytest.approx(info["progress"]) and info["progress"] == 100


def test_ansi_render_shows_the_map_and_the_goal():
    env = gym.make("gamehall/Forge-v0", tier=2, render_mode="ansi")
    env.reset(seed=1)
    text = env.render()
    assert "@ = you" in text and "goal:" in text and text.isascii()


def test_rgb_render_is_a_frame():
    env = gym.make("gamehall/ForgeNoise-v0", tier=6, render_mode="rgb_array")
    env.reset(seed=1)
    frame = env.render()
    assert frame.dtype == np.uint8 and frame.ndim == 3 and frame.shape[2] == 3
    assert frame.std() > 0


@pytest.mark.parametrize(
    ("kwargs", "allowed"),
    [
        ({"tier": 0}, "1 to 9"),
        ({"tier": "3"}, "1 to 9"),
        ({"variant": "nosie"}, "Did you mean 'noise'"),
        ({"mode": "batch"}, "interactive, plan"),
        ({"render_mode": "pixels"}, "render_mode"),
    ],
)
def test_programmer_errors_name_what_is_allowed(kwargs, allowed):
    with pytest.raises(ValueError, match=allowed):
        gym.make("gamehall/Forge-v0", **kwargs)


def test_plan_mode_expert_sends_one_plan_and_wins():
    env = gym.make("gamehall/ForgePlan-v0", tier=7)
    info = play(env, policies.expert(env), seed=3)
    assert info["env_steps"] == 1 and info["success"] and info["progress"] == 100
    assert "ran all" in info["plan_report"]


def test_demo_plays_forge_to_success(capsys):
    assert main(["demo", "forge"]) == 0
    out = capsys.readouterr().out
    assert "result: success=True, progress=100.0" in out


def test_demo_runs_the_random_policy(capsys):
    assert main(["demo", "forge", "--policy", "random", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "result: success=" in out and "step    1" in out
