import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import envs
from envs.village import policies
from envs.village.rules import SCENARIO_OPTIONS, WORLD

IDS = envs.WORLDS["village"].ids


@pytest.mark.parametrize("env_id", IDS)
def test_check_env(env_id):
    check_env(gym.make(env_id).unwrapped, skip_render_check=True)


def _episode(env_id: str, seed: int, **kwargs) -> list:
    env = gym.make(env_id, **kwargs)
    policy = policies.random(env, seed=7)
    observation, info = env.reset(seed=seed)
    trace, done = [(observation, info)], False
    while not done:
        observation, reward, terminated, truncated, info = env.step(policy(observation, info))
        trace.append((observation, reward, info))
        done = terminated or truncated
    return trace


@pytest.mark.parametrize("env_id", IDS)
def test_same_seed_same_game(env_id):
    first = _episode(env_id, 11, seat="random")
    assert first == _episode(env_id, 11, seat="random")
    assert first != _episode(env_id, 12, seat="random")


def test_info_carries_own_role_phase_and_at_the_end_the_result():
    env = gym.make("gamehall/Village8-v0", seat="cleo")
    policy = policies.bot(env)
    observation, info = env.reset(seed=3)
    assert env.unwrapped.seat == "Cleo" and info["role"] == env.unwrapped.session.state.roles["Cleo"]
    assert {"legal_actions", "phase", "invalid_action"} <= set(info) and "roles" not in info
    terminated = False
    while not terminated:
        observation, reward, terminated, truncated, info = env.step(policy(observation, info))
    assert info["winner"] in ("village", "wolves") and isinstance(info["won"], bool)
    assert reward == float(info["won"]) and set(info["roles"]) == set(info["survived"])
    assert info["invalid_actions"] == dict.fromkeys(info["roles"], 0)
    assert {"vote_accuracy", "seer_hit_rate", "wolf_survival_days"} <= set(info)


def test_invalid_action_is_reported_and_changes_nothing():
    env = gym.make("gamehall/Village-v0", seat=0)
    observation, info = env.reset(seed=0)
    again, reward, terminated, truncated, info = env.step("vote Nobody")
    assert info["invalid_action"] and not terminated and reward == 0.0
    assert again == observation


@pytest.mark.parametrize(("seat", "expected"), [(None, "Ava"), (2, "Cleo"), ("EVE", "Eve")])
def test_seat_by_name_or_index(seat, expected):
    env = gym.make("gamehall/Village-v0", seat=seat)
    env.reset(seed=0)
    assert env.unwrapped.seat == expected


def test_random_seat_is_seeded_and_bad_seats_are_refused():
    picks = set()
    for seed in range(8):
        env = gym.make("gamehall/Village-v0", seat="random")
        env.reset(seed=seed)
        picks.add(env.unwrapped.seat)
    assert len(picks) > 1
    with pytest.raises(ValueError, match="not at a 5-player table"):
        gym.make("gamehall/Village-v0", seat="Ivy")
    with pytest.raises(ValueError, match="seat must be one of"):
        gym.make("gamehall/Village-v0", seat=9)


def test_others_may_be_a_callable():
    env = gym.make("gamehall/Village-v0", others=lambda observation, info: info["legal_actions"][-1])
    observation, info = env.reset(seed=1)
    assert info["legal_actions"] or env.unwrapped.session.done


def test_renders_show_the_table():
    env = gym.make("gamehall/Village-v0", render_mode="ansi")
    env.reset(seed=2)
    text = env.render()
    assert "Village | day 1" in text and "Ava" in text
    frame = gym.make("gamehall/Village-v0", render_mode="rgb_array")
    frame.reset(seed=2)
    image = frame.render()
    assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3 and image.std() > 0


def test_world_publishes_rules_options_and_policies():
    assert "inspect <player>" in WORLD.rules_text()
    assert {"players", "wolves", "roles", "talk_rounds", "reveal_on_death"} <= set(SCENARIO_OPTIONS)
    assert {"bots", "bot", "random"} <= set(WORLD.policies())


def test_long_games_summarise_old_talk_and_keep_the_legal_commands_in_view():
    def shout(observation: str, info: dict) -> str:
        legal = info["legal_actions"]
        return "say " + "blah " * 200 if "say <text>" in legal else legal[-1]

    env = gym.make("gamehall/Village-v0", players=9, wolves=2, talk_rounds=4, others=shout, seat="Ava")
    observation, info = env.reset(seed=1)
    longest = observation
    for _ in range(6):
        if not info["legal_actions"]:
            break
        observation, reward, terminated, truncated, info = env.step(shout(observation, info))
        longest = max(longest, observation, key=len)
    assert "[earlier talk summarised - day 1:" in longest
    assert len(longest) < 16_384 and "\\nLegal: " in repr(longest) and "cut to fit" not in longest
