"""quick_init: the faster __init__ keeps a frozen dataclass's signature, defaults, equality and frozenness."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from envs.core.events import Event
from envs.core.world import Observation, Status


def test_events_are_built_as_before_and_stay_frozen() -> None:
    event = Event("chat", "Ava", {"text": "hi"}, frozenset({"Ava"}), 3, 7, 1.5)
    assert (event.kind, event.seat, event.data, event.to, event.tick, event.seq, event.time) == (
        "chat", "Ava", {"text": "hi"}, frozenset({"Ava"}), 3, 7, 1.5)
    assert Event("tick") == Event(kind="tick", seat=None, data={}, to=None, tick=0, seq=-1, time=0.0)
    assert Event("tick").data is not Event("tick").data  # a fresh dict each time, as default_factory gives
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.kind = "other"  # type: ignore[misc]
    assert event.stamped(9, 4, 2.0) == dataclasses.replace(event, seq=9, tick=4, time=2.0)
    assert list(inspect.signature(Event).parameters) == ["kind", "seat", "data", "to", "tick", "seq", "time"]


def test_observations_and_statuses_keep_their_fields_and_hash() -> None:
    status = Status(awaiting=True, done=False, phase="night", tick=2)
    assert status == Status(True, False, "night", 2) and hash(status) == hash(Status(True, False, "night", 2))
    assert Status(False, True).phase == "" and Status(False, True).tick == 0
    observation = Observation("Ava", "text", {"a": 1}, ("pass",), status)
    assert observation.legal_actions == ("pass",) and observation.status is status
    with pytest.raises(TypeError):
        Observation("Ava", "text")  # type: ignore[call-arg]
