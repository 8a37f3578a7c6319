"""Hidden information never leaks: a seeded sweep over games with bot and random players checks every
seat's observation (text and data), info and event stream after every move."""

import json
import re

import numpy as np
import pytest

from envs.core import Observation, Session
from envs.core.policies import random_legal
from envs.village.bots import bot
from envs.village.rules import WORLD, make_scenario
from envs.village.state import VillageState

MARK = "WOLFSECRET"
ROLE_WORD = re.compile(r"\b(werewolf|seer|doctor|villager)\b", re.IGNORECASE)
CHAT_LINE = re.compile(r"^\[d\d+ \w+ (public|wolves)\] [A-Z][a-z]+: ")
TABLES = [
    make_scenario(),
    make_scenario(players=8, wolves=2),
    make_scenario(players=9, wolves=2, reveal_on_death=False),
    make_scenario(players=6, roles="seer", talk_rounds=1, max_message=60),
]


def marked(policy, session: Session, seat: str):
    """A wolf that first whispers a unique marker to its pack each night, then plays `policy`."""
    said: set[int] = set()

    def play(seen: Observation) -> str:
        data = seen.data
        night_wolf = data["role"] == "werewolf" and data["phase"] == "night"
        if night_wolf and data["day"] not in said and "say <text>" in seen.legal_actions:
            said.add(data["day"])
            return f"say {MARK}-{seat}-{data['day']} let us pick"
        return policy(seen)

    return play


def legit_roles(state: VillageState, seat: str) -> dict[str, str]:
    """What the rules let `seat` know, worked out here from the rules text, not from the engine's helper."""
    known = {seat: state.roles[seat]}
    if state.roles[seat] == "werewolf":
        known.update({p: r for p, r in state.roles.items() if r == "werewolf"})
    if state.scenario.reveal_on_death:
        known.update({p: state.roles[p] for p in state.players if p not in state.alive})
    return known


def inspected_by(state: VillageState, seat: str) -> set[str]:
    return {target for _, seer, target in state.inspections if seer == seat}


def check_seat(session: Session, seat: str) -> None:
    state = session.state
    seen, info, events = session.observe(seat), session.info(seat), session.events_for(seat)
    legit, looked = legit_roles(state, seat), inspected_by(state, seat)
    blob = json.dumps([seen.text, dict(seen.data), info, [dict(e.data) for e in events]])
    if state.roles[seat] != "werewolf":
        assert MARK not in blob, f"{seat} sees the wolves' channel"
    assert info["role"] == state.roles[seat] and "roles" not in info
    assert seen.data["known_roles"] == legit
    assert set(seen.data["known_teams"]) <= set(legit) | looked
    for line in seen.text.splitlines():
        if CHAT_LINE.match(line) or not ROLE_WORD.search(line):
            continue
        for other in state.players:
            if other != seat and re.search(rf"\b{other}\b", line):
                assert other in legit or other in looked, f"{seat} learns {other}'s role from: {line}"
    for event in events:
        if event.kind in ("role", "inspection", "protection", "saved") or event.data.get("channel") == "wolves":
            assert event.to is not None and seat in event.to
        if event.kind == "role":
            assert event.data["role"] == state.roles[seat]
        if event.kind == "action" and event.seat != seat:
            command = event.data["command"]
            assert command.startswith(("say", "pass", "kill")) and (
                not command.startswith("kill") or state.roles[seat] == "werewolf"), command


def check_spectator(session: Session) -> None:
    public = session.events_for(None)
    assert MARK not in json.dumps([dict(e.data) for e in public])
    assert not any(e.kind in ("role", "inspection", "pack", "proposal") for e in public)
    view = WORLD.observe(session.state, None)  # the spectator resource and the runner's frames
    shown = view.text + json.dumps(dict(view.data))
    assert MARK not in shown and set(view.data["revealed"]) <= set(session.state.deaths)
    hidden = {p: r for p, r in session.state.roles.items() if p not in view.data["revealed"]}
    assert all(f"{p} was a {r}" not in shown for p, r in hidden.items())


def sweep(seed: int) -> int:
    scenario = TABLES[seed % len(TABLES)]
    session = Session(WORLD, scenario, seed=seed)
    choice = np.random.default_rng(seed)
    players = {}
    for i, seat in enumerate(session.seats):
        base = bot if choice.random() < 0.6 else random_legal
        players[seat] = marked(base(session, seat, seed * 100 + i), session, seat)
    moves = 0
    while not session.done:
        for seat in sorted(session.awaiting()):
            seen = session.observe(seat)
            session.act(seat, players[seat](seen))
            moves += 1
            if not session.done:
                for other in session.seats:
                    check_seat(session, other)
                check_spectator(session)
    return moves


@pytest.mark.parametrize("seed", range(24))
def test_no_seat_sees_what_the_rules_hide(seed):
    assert sweep(seed) > 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(24, 224))
def test_no_seat_sees_what_the_rules_hide_long_sweep(seed):
    assert sweep(seed) > 0


def test_wolf_markers_do_reach_the_pack():
    """The sweep's marker check is not vacuous: the pack does see its own channel."""
    session = Session(WORLD, make_scenario(players=8, wolves=2), seed=5)
    players = {s: marked(bot(session, s, i), session, s) for i, s in enumerate(session.seats)}
    for seat in sorted(session.awaiting()):
        seen = session.observe(seat)
        session.act(seat, players[seat](seen))
    wolves = sorted(session.state.wolves)
    assert all(MARK in session.observe(w).text for w in wolves)
    assert any(MARK in json.dumps(dict(e.data)) for e in session.events_for(wolves[0]))
