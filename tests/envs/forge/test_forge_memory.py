"""Forge in abstract names: one seed's situation matches another's; moves translate both ways."""

import gymnasium as gym

import envs  # noqa: F401 - registers the ids
from envs.forge.memory import abstract


def view(seed: int, tier: int = 1) -> dict:
    env = gym.make("gamehall/Forge-v0", tier=tier)
    env.reset(seed=seed)
    session = env.unwrapped.session
    observation = session.observe(session.seats[0])
    return {"observation": observation.text, "data": dict(observation.data),
            "legal_actions": list(observation.legal_actions)}


def test_names_a_seed_drew_become_family_numbers_in_order_of_mention():
    now = abstract(view(0))  # goal: craft 1 x moon amulet, with moon leaf in the bag
    assert now.goal == "craft 1 x herb1 amulet"
    assert now.mapping["moon"] == "herb1"
    assert "herb1 leaf x3" in now.observation and "moon" not in now.signature


def test_two_seeds_with_different_materials_can_share_a_signature():
    starts: dict[str, set[str]] = {}
    for seed in range(40):
        seen = view(seed)
        starts.setdefault(abstract(seen).signature, set()).add(seen["data"]["goal"])
    # one abstract start stands for several concrete goals (other materials, the same situation)
    assert max(len(goals) for goals in starts.values()) > 1


def test_every_legal_move_round_trips_through_the_abstract_names():
    seen = view(5, tier=2)
    now = abstract(seen)
    for command in seen["legal_actions"]:
        assert now.specialize(now.generalize(command)) == command
    moves = [now.generalize(c) for c in seen["legal_actions"] if c.startswith("move ")]
    names = set(now.mapping)
    assert all(not any(f" {name} " in f" {m} " for name in names) for m in moves)  # no concrete name left


def test_the_memory_reaches_the_abstraction_through_the_world_spec():
    from agents.memory.recall import abstraction
    from envs.core.abstraction import generic

    assert envs.WORLDS["forge"].memory == "envs.forge.memory"
    seen = view(0)
    assert abstraction("forge", seen) == abstract(seen)
    # a world the registry does not know (a test's own server) gets the generic names
    assert abstraction("no-such-world", seen) == generic(seen)
