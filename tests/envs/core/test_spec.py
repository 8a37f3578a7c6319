"""WorldSpec's parts every layer reads: the options schema, the roles of the scripted players, scoring."""

from __future__ import annotations

import pytest

import envs
from envs.core.events import EventKind
from envs.core.options import OptionsError
from envs.core.schema import CORE_KINDS, event_adapter, validate_event
from envs.core.spec import Scoring


def test_unknown_options_name_the_valid_keys() -> None:
    spec = envs.WORLDS["forge"]
    with pytest.raises(OptionsError, match=r"unknown forge option 'tire'; options: tier, variant, mode\. "
                                           r"Did you mean 'tier'\?"):
        spec.check_options({"tire": 2})
    with pytest.raises(OptionsError, match="forge option tier: Input should be a valid integer"):
        spec.check_options({"tier": "hard"})
    assert spec.check_options({"tier": 2, "mode": None}) == {"tier": 2}


def test_session_options_pass_to_the_session_and_are_listed() -> None:
    kitchen = envs.WORLDS["kitchen"]
    session, scenario = kitchen.split_options({"clock": "realtime", "tick_hz": 3, "layout": "cramped_room"})
    assert session == {"clock": "realtime", "tick_hz": 3} and scenario.layout == "cramped_room"
    assert {"layout", "rules", "clock", "tick_hz"} <= set(kitchen.scenario_options())
    nim = envs.WORLDS["nim"]
    assert nim.check_options({"clock": "lockstep"}) == {"clock": "lockstep"}
    assert "clock" in nim.scenario_options()


@pytest.mark.parametrize("name", sorted(envs.WORLDS))
def test_every_role_names_a_policy_of_the_world(name: str) -> None:
    spec = envs.WORLDS[name]
    for role in ("expert", "random", "bot"):
        assert spec.policy(role) in spec.world.policies()


def test_scoring_reads_the_declared_measure() -> None:
    result = {"score": 40.0, "success": False, "seat_score": 1.0, "metrics": {"progress": 62.5}}
    assert Scoring().raw(result, 40.0) == 40.0
    assert Scoring(measure="metric:progress").raw(result, 40.0) == 62.5
    assert Scoring(measure="seat_score").raw(result, 40.0) == 1.0
    assert Scoring(measure="seat_score").raw(None, 0.0) == 0.0
    assert Scoring(success="seat_score").succeeded(result) and not Scoring().succeeded(result)


def test_every_session_kind_has_a_model_and_world_kinds_come_from_the_specs() -> None:
    assert {str(kind) for kind in EventKind} <= set(CORE_KINDS)
    schema = event_adapter().json_schema()
    assert set(schema["discriminator"]["mapping"]) >= set(CORE_KINDS) | {"fire", "plan_report", "tally"}


def test_a_line_must_fit_its_kind() -> None:
    assert validate_event({"kind": "action", "seat": "a", "data": {"command": "take 1"}}).schema_version == 1
    for bad in ({"kind": "action", "data": {}}, {"kind": "no_such_kind"}, {"kind": "score", "data": {"score": 1},
                                                                         "extra_field": 1}):
        with pytest.raises(ValueError):
            validate_event(bad)
