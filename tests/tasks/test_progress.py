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


async def test_the_bar_is_redrawn_while_no_episode_ends_so_the_eta_ages(clock, monkeypatch):
    import asyncio

    monkeypatch.setattr(progress_module, "REDRAW_S", 0.0)
    screen = Terminal()
    bar = Progress(total=2, already=0, display="bar", stream=screen)
    bar.started("quick")
    bar.started("long")
    clock.now = 7.0
    bar.finished(record("quick"))
    assert "| ETA 0s |" in screen.getvalue().split("\r")[-1]
    clock.now = 300.0  # the other episode has run for 5 minutes; nothing finished since
    ticker = asyncio.create_task(bar.ticking())
    for _ in range(3):
        await asyncio.sleep(0)
    ticker.cancel()
    assert "| ETA ? |" in screen.getvalue().split("\r")[-1]


def test_the_bar_fits_the_terminal_so_a_carriage_return_overwrites_all_of_it(clock):
    import fcntl
    import os
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))

    class Narrow(Terminal):
        def fileno(self) -> int:
            return terminal

    try:
        screen = Narrow()
        bar = Progress(total=2, already=0, display="bar", stream=screen)
        bar.tokens = 123_456_789
        bar.draw()
    finally:
        os.close(controller)
        os.close(terminal)
    (drawn,) = screen.getvalue().split("\r")[1:]
    assert len(drawn) == 59 and bar.line().startswith(drawn)


@pytest.mark.parametrize("seconds,text", [(7.4, "7s"), (59.6, "1m00s"), (303, "5m03s"), (7620, "2h07m")])
def test_durations_read_at_a_glance(seconds, text):
    assert progress_module.duration(seconds) == text
