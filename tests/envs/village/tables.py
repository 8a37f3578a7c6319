"""Small helpers to set up Village tables with known roles and drive them by hand."""

from __future__ import annotations

import numpy as np

from envs.core import Event, EventKind
from envs.village.rules import WORLD, make_scenario, seat_table
from envs.village.state import VillageState

FIVE = ["werewolf", "seer", "doctor", "villager", "villager"]
"""Ava werewolf, Ben seer, Cleo doctor, Dan and Eve villagers."""


def table(dealt: list[str] = FIVE, **options: object) -> VillageState:
    wolves = dealt.count("werewolf")
    roles = [r for r in dealt if r in ("seer", "doctor")]
    scenario = make_scenario(players=len(dealt), wolves=wolves, roles=roles, **options)
    return seat_table(scenario, dealt)


def settle(state: VillageState, rng: np.random.Generator) -> tuple[VillageState, list[Event]]:
    """Advance while nobody is awaited, as the session's turn clock does."""
    events: list[Event] = []
    while not state.done and not WORLD.awaiting(state):
        state, more = WORLD.advance(state, rng)
        events += more
    return state, events


def play(state: VillageState, *moves: tuple[str, str], seed: int = 0) -> tuple[VillageState, list[Event]]:
    """Apply (seat, command) moves in order, settling after each; fails loudly on a refused move."""
    rng = np.random.default_rng(seed)
    events: list[Event] = []
    for seat, command in moves:
        state, done = WORLD.apply(state, seat, command, rng)
        refused = [e.data["reason"] for e in done if e.kind == EventKind.INVALID_ACTION]
        assert not refused, f"{seat} {command!r} refused: {refused}"
        state, more = settle(state, rng)
        events += [*done, *more]
    return state, events


def refusal(state: VillageState, seat: str, command: str) -> str:
    """The reason `command` is refused; asserts it is refused and the state is the same object."""
    after, events = WORLD.apply(state, seat, command, np.random.default_rng(0))
    assert after is state
    assert [e.kind for e in events] == [EventKind.INVALID_ACTION]
    return str(events[0].data["reason"])


def night_one(state: VillageState, victim: str = "Dan", guard: str = "Cleo", look: str = "Eve") -> VillageState:
    """Night 1 of the FIVE table: Ava kills, Cleo guards, Ben inspects; then day 1 begins."""
    state, _ = play(state, ("Ava", f"kill {victim}"), ("Cleo", f"protect {guard}"), ("Ben", f"inspect {look}"))
    return state


def talk_through(state: VillageState) -> VillageState:
    """Every speaker passes until the vote opens."""
    while state.phase == "day":
        state, _ = play(state, (state.speakers[0], "pass"))
    return state
