"""The progress bar: an ETA that does not promise seconds while a long episode runs, and no leftovers."""

import io

import pytest

import tasks.progress as progress_module
from tasks.progress import Progress
from tasks.records import EpisodeRecord


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", fake)
    return fake


def record(episode_id: str) -> EpisodeRecord:
    return EpisodeRecord(episode_id=episode_id, task="t", world="w", seed=0, agent={}, agent_label="a", score=1.0)


def test_a_long_episode_in_flight_turns_the_eta_into_a_lower_bound(clock):
    bar = Progress(total=6, already=0, display="bar", stream=Terminal())
    for i in range(6):
        bar.started(f"e{i}")
    for i in range(5):
        clock.now += 7.0
        bar.finished(record(f"e{i}"))
    assert bar.eta() != "0s"
    clock.now += 300.0  # the last one has run for 335 s, the others took 7 to 35
    assert bar.eta() == "?"


def test_eta_counts_queued_episodes_at_the_pace_so_far(clock):
    bar = Progress(total=4, already=0, display="plain", stream=io.StringIO())
    bar.started("a")
    clock.now = 10.0
    bar.finished(record("a"))
    assert bar.eta() == "30s"


def test_a_shorter_bar_overwrites_the_whole_longer_one(clock):
    screen = Terminal()
    bar = Progress(total=2, already=0, display="bar", stream=screen)
    bar.tokens = 123_456_789
    bar.draw()
    bar.tokens = 0
    bar.draw()
    first, second = screen.getvalue().split("\r")[1:]
    assert len(second) >= len(first)
