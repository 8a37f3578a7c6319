import threading
import time

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from envs.core import EventKind, Session
from envs.core.clock import ThreadClock
from tests.envs.core.toy import Nim, NimEnv


def test_turn_session_applies_and_refuses_without_changing_state():
    session = Session(Nim(), 5, seed=1)
    before = session.state
    events = session.act("b", "take 1")
    assert [e.kind for e in events] == [EventKind.INVALID_ACTION]
    assert session.state is before
    assert events[0].to == frozenset({"b"})
    assert session.stats["b"].invalid == 1
    session.act("a", "take 2")
    assert session.state.stones == before.stones - 2


def test_lockstep_advances_when_every_seat_has_moved():
    session = Session(Nim(simultaneous=True), 9, seed=0, clock="lockstep")
    stones = session.state.stones
    session.act("a", "take 1")
    assert session.state.stones == stones
    session.act("b", "take 2")
    assert session.state.stones == stones - 3


def test_realtime_ticks_without_any_action():
    session = Session(Nim(simultaneous=True), 30, seed=0, clock="realtime", tick_hz=200)
    clock = ThreadClock(session).start()
    time.sleep(0.2)
    clock.stop()
    assert session.tick_count >= 10


def test_events_are_routed_and_episode_end_is_logged():
    session = Session(Nim(), 3, seed=2)
    while not session.done:
        seat = next(iter(session.awaiting()))
        session.act(seat, session.legal_actions(seat)[-1])
    kinds = [e.kind for e in session.events]
    assert kinds[0] == EventKind.EPISODE_STARTED and kinds.count(EventKind.EPISODE_ENDED) == 1
    session.act("a", "take 1")
    assert sum(e.kind == EventKind.EPISODE_ENDED for e in session.events) == 1
    assert [e.seq for e in session.events] == list(range(len(session.events)))


def test_same_seed_same_game():
    def play(seed):
        session = Session(Nim(), 8, rng=np.random.default_rng(seed))
        rng = np.random.default_rng(0)
        while not session.done:
            seat = next(iter(session.awaiting()))
            legal = session.legal_actions(seat)
            session.act(seat, legal[int(rng.integers(len(legal)))])
        return [(e.kind, e.seat, dict(e.data)) for e in session.events]

    assert play(3) == play(3)


def test_latency_is_recorded_per_seat():
    session = Session(Nim(), 5, seed=0)
    session.observe("a")
    session.act("a", "take 1")
    assert len(session.stats["a"].latency_ms) == 1 and session.stats["a"].latency_ticks == [0]


def test_unknown_seat_is_a_programmer_error():
    with pytest.raises(KeyError, match="seats"):
        Session(Nim(), 5, seed=0).act("z", "take 1")


def test_thread_safety_of_concurrent_acts():
    session = Session(Nim(simultaneous=True), 200, seed=0, clock="realtime", tick_hz=1000)
    clock = ThreadClock(session).start()
    workers = [threading.Thread(target=lambda s=s: [session.act(s, "take 1") for _ in range(50)]) for s in "ab"]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    clock.stop()
    assert [e.seq for e in session.events] == list(range(len(session.events)))


@pytest.mark.parametrize("simultaneous", [False, True])
def test_gym_adapter_passes_check_env(simultaneous):
    check_env(NimEnv(simultaneous=simultaneous, others="random"), skip_render_check=True)


def test_gym_adapter_plays_other_seats_and_reports_info():
    env = NimEnv(stones=6, others="random")
    obs, info = env.reset(seed=4)
    assert info["legal_actions"] and info["invalid_action"] is None
    obs, reward, terminated, truncated, info = env.step("take 99")
    assert info["invalid_action"] and reward == 0.0
    while not terminated:
        obs, reward, terminated, truncated, info = env.step(info["legal_actions"][0])
    assert "success" in info
