"""LazyDict (the Gymnasium envs' info) and LazyMapping (observation data): built on first use, read like dicts."""

from __future__ import annotations

import copy
import json
import pickle

import gymnasium as gym

import envs  # noqa: F401 - registers the ids
from envs.core.lazy import LazyDict, LazyMapping


def _lazy(calls: list) -> LazyDict:
    return LazyDict(lambda: calls.append(1) or {"a": 1, "seat": "ignored", "b": [2]}, {"seat": "x"})


def test_lazy_dict_builds_once_at_first_use_and_reads_like_the_dict() -> None:
    calls: list = []
    info = _lazy(calls)
    assert calls == [] and isinstance(info, dict)
    expected = {"a": 1, "seat": "x", "b": [2]}
    assert info == expected and calls == [1]
    assert list(info) == ["a", "seat", "b"] and len(info) == 3 and info["a"] == 1 and info.get("b") == [2]
    assert calls == [1]


def test_lazy_dict_survives_json_unpacking_copies_and_pickles() -> None:
    expected = {"a": 1, "seat": "x", "b": [2]}
    assert json.loads(json.dumps(_lazy([]))) == expected  # json's encoder checks the size before the items
    assert {**_lazy([])} == dict(_lazy([])) == expected
    assert copy.deepcopy(_lazy([])) == copy.copy(_lazy([])) == expected
    assert type(pickle.loads(pickle.dumps(_lazy([])))) is dict
    assert _lazy([]) == _lazy([]) and not (_lazy([]) != _lazy([])) and _lazy([]) != {"a": 1}
    changed = _lazy([])
    changed["z"] = 3
    assert changed == {**expected, "z": 3} and (_lazy([]) | {"q": 1})["q"] == 1


def test_lazy_mapping_builds_on_first_read() -> None:
    calls: list = []
    data = LazyMapping(lambda: calls.append(1) or {"k": "v"})
    assert calls == [] and dict(data) == {"k": "v"} and data["k"] == "v" and calls == [1]


def test_an_info_read_steps_later_is_the_info_of_its_own_step() -> None:
    lazy, eager = gym.make("gamehall/Kitchen-v0", partner="random"), gym.make("gamehall/Kitchen-v0", partner="random")
    kept = []
    for env in (lazy, eager):
        _, info = env.reset(seed=4)
        infos = [info]
        for move in ["up", "interact", "left", "say hi", "bogus"] * 8:
            infos.append(env.step(move)[4])
            if env is eager:
                dict(infos[-1])  # read at once
        kept.append(infos)
    assert kept[0] == kept[1]
    assert kept[0][-1]["invalid_action"] and kept[0][5]["tick"] == 3  # say and a refused command use no tick
