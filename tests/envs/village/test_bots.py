import pytest

from envs.core import Observation, Session
from envs.village.bots import bot
from envs.village.rules import WORLD, make_scenario
from envs.village.state import VillageState
from envs.village.tables import play, win_rates
from tests.envs.village.tables import night_one, table, talk_through
from tests.envs.village.tables import play as drive

FIVE, EIGHT = make_scenario(), make_scenario(players=8, wolves=2)


class SeatWindow:
    """A fake session that offers a bot nothing but its own seat's observation of a fixed state."""

    def __init__(self, state: VillageState) -> None:
        self.state = state

    def observe(self, seat: str) -> Observation:
        return WORLD.observe(self.state, seat)


def decide(state: VillageState, seat: str, seed: int = 0) -> str:
    seen = WORLD.observe(state, seat)
    return bot(SeatWindow(state), seat, seed)(seen)


@pytest.mark.parametrize("scenario", [FIVE, EIGHT], ids=["5p", "8p"])
def test_both_sides_win_a_real_share_of_bot_tables(scenario):
    rates = win_rates(scenario, games=60)
    assert rates["village"] >= 0.2 and rates["wolves"] >= 0.2, rates
    assert rates["invalid_actions"] == 0


@pytest.mark.slow
@pytest.mark.parametrize("scenario", [FIVE, EIGHT], ids=["5p", "8p"])
def test_both_sides_win_a_real_share_over_200_games(scenario):
    rates = win_rates(scenario, games=200)
    assert 0.25 <= rates["village"] <= 0.75, rates


def test_bots_play_a_whole_game_seeing_only_their_own_observation():
    session = Session(WORLD, EIGHT, seed=4)
    window = SeatWindow(session.state)
    players = {seat: bot(window, seat, i) for i, seat in enumerate(session.seats)}
    while not session.done:
        for seat in sorted(session.awaiting()):
            window.state = session.state
            seen = session.observe(seat)
            session.act(seat, players[seat](seen))
    assert session.result is not None and sum(s.invalid for s in session.stats.values()) == 0


def test_same_seed_same_bot_game():
    def record(seed: int) -> list:
        return [(e.kind, e.seat, dict(e.data)) for e in play(EIGHT, seed).events]

    assert record(9) == record(9) and record(9) != record(10)


def test_seer_reveals_the_wolf_it_found_and_votes_for_it():
    state = _speak_until(night_one(table(), look="Ava"), "Ben", None)
    assert decide(state, "Ben") == "say I am the seer. Ava is a werewolf. Vote Ava."
    assert decide(talk_through(state), "Ben") == "vote Ava"


def test_villagers_and_doctor_follow_a_lone_seer_claim():
    state = night_one(table(), look="Ava")
    state = _speak_until(state, "Ben", "say I am the seer. Ava is a werewolf.")
    state = talk_through(state)
    assert decide(state, "Eve") == "vote Ava" and decide(state, "Cleo") == "vote Ava"


def test_doctor_guards_the_claimed_seer():
    state = night_one(table(), look="Ava")
    state = _speak_until(state, "Ben", "say I am the seer. Ava is a werewolf.")
    state = talk_through(state)
    state = drive(state, *[(p, "vote Eve") for p in ("Ava", "Ben", "Cleo")], ("Eve", "vote Ava"))[0]
    assert state.phase == "night" and decide(state, "Cleo") == "protect Ben"
    assert decide(state, "Ava") == "kill Ben"


def test_a_charged_wolf_answers_the_charge():
    state = night_one(table(), look="Ava")
    state = _speak_until(state, "Ben", "say I am the seer. Ava is a werewolf.")
    state = _speak_until(state, "Ava", None)
    answers = {decide(state, "Ava", seed) for seed in range(10)}
    assert answers <= {"say I am the seer. Ben is a werewolf, not me.", "say I suspect Ben."}
    assert len(answers) == 2


def _speak_until(state: VillageState, seat: str, command: str | None) -> VillageState:
    """Others pass until `seat` has the floor; then it says `command` (or the state waits on it if None)."""
    while state.speakers[0] != seat:
        state = drive(state, (state.speakers[0], "pass"))[0]
        assert state.phase == "day", f"{seat} did not get the floor"
    return drive(state, (seat, command))[0] if command else state
