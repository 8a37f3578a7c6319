"""State signatures: what changes with time is left out; abstract names translate both ways."""

import gymnasium as gym

import envs  # noqa: F401 - registers the ids
from envs.core.abstraction import Abstraction, generic
from envs.kitchen.memory import abstract as kitchen


def test_the_generic_signature_ignores_time_and_score_but_not_the_state():
    base = {"observation": "5 stones left\nyour move", "data": {"stones": 5, "tick": 3, "score": 1.0}}
    later = {"observation": "5 stones left\nyour move", "data": {"stones": 5, "tick": 9, "score": 4.0}}
    other = {"observation": "4 stones left", "data": {"stones": 4, "tick": 3}}
    assert generic(base).signature == generic(later).signature != generic(other).signature
    assert generic(base).observation == "5 stones left | your move"


def test_names_swap_whole_words_only_and_round_trip():
    now = Abstraction("", "", mapping={"oak": "wood1", "oak grove": "wood1 grove", "tin": "metal1"})
    assert now.generalize("move oak grove; craft tin bar; take oaken tinder") == \
        "move wood1 grove; craft metal1 bar; take oaken tinder"
    assert now.specialize(now.generalize("craft oak plank")) == "craft oak plank"


def test_a_kitchen_signature_is_what_a_cook_decides_on_not_where_they_stand():
    env = gym.make("gamehall/Kitchen-v0", layout="cramped_room", rules="classic", clock="lockstep")
    env.reset(seed=0)
    session = env.unwrapped.session
    seat = session.seats[0]
    first = kitchen({"data": dict(session.observe(seat).data)})
    moved = dict(session.observe(seat).data)
    moved["chefs"] = [{**c, "pos": [c["pos"][0] + 1, c["pos"][1]]} for c in moved["chefs"]]
    assert kitchen({"data": moved}).signature == first.signature
    assert kitchen({"data": moved}).observation != first.observation
    holding = dict(moved, chefs=[{**c, "held": "onion"} for c in moved["chefs"]])
    assert kitchen({"data": holding}).signature != first.signature
