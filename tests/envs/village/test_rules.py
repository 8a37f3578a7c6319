import numpy as np
import pytest

from envs.core import EventKind
from envs.village.rules import WORLD, make_scenario
from tests.envs.village.tables import FIVE, night_one, play, refusal, table, talk_through


def test_night_needs_every_night_role_then_dawn_announces_the_victim():
    state = table()
    assert WORLD.awaiting(state) == {"Ava", "Ben", "Cleo"}
    state = night_one(state)
    assert state.phase == "day" and "Dan" not in state.alive and state.deaths == {"Dan": 1}
    public = [n.text for n in state.notes if n.to is None]
    assert "Dawn of day 1: Dan was killed in the night." in public and "Dan was a villager." in public


def test_doctor_guard_saves_the_victim():
    state = night_one(table(), victim="Dan", guard="Dan")
    assert state.alive == ("Ava", "Ben", "Cleo", "Dan", "Eve")
    assert any(n.text == "Your protection saved Dan from the wolves." and n.to == {"Cleo"} for n in state.notes)


def test_wolves_agree_on_the_most_proposed_victim_with_a_seeded_tie_break():
    dealt = ["werewolf", "werewolf", "seer", "doctor", "villager", "villager", "villager"]
    moves = [("Ava", "kill Eve"), ("Ben", "kill Eve"), ("Cleo", "pass"), ("Dan", "pass")]
    state, _ = play(table(dealt), *moves)
    assert "Eve" not in state.alive
    tied = {play(table(dealt), ("Ava", "kill Eve"), ("Ben", "kill Finn"), ("Cleo", "pass"), ("Dan", "pass"),
                 seed=seed)[0].alive for seed in range(12)}
    assert len(tied) == 2


def test_seer_learns_a_team_only_privately():
    state, events = play(table(), ("Ben", "inspect Ava"))
    finding = [e for e in events if e.kind == "inspection"]
    assert finding[0].to == {"Ben"} and finding[0].data["team"] == "wolves"
    assert "Night 1: Ava is a werewolf." in WORLD.observe(state, "Ben").text
    assert "is a werewolf" not in WORLD.observe(state, "Dan").text


def test_dead_player_cannot_act():
    state = talk_through(night_one(table()))
    reason = refusal(state, "Dan", "vote Ava")
    assert "dead" in reason and WORLD.legal_actions(state, "Dan") == []


def test_villager_cannot_kill():
    state = table()
    reason = refusal(state, "Dan", "kill Eve")
    assert "a villager cannot kill" in reason and "only werewolves kill" in reason
    day = night_one(state)
    assert "a villager cannot kill" in refusal(day, "Eve", "kill Ben")


def test_vote_for_a_dead_or_unknown_player_is_refused_with_the_reason():
    state = talk_through(night_one(table()))
    assert state.phase == "vote"
    assert "Dan is dead" in refusal(state, "Eve", "vote Dan")
    unknown = refusal(state, "Eve", "vote Bem")
    assert "no player named 'Bem'" in unknown and "Did you mean Ben?" in unknown
    assert "yourself" in refusal(state, "Eve", "vote Eve")


def test_refusal_lists_the_legal_commands():
    state = table()
    _, events = WORLD.apply(state, "Ben", "dance", np.random.default_rng(0))
    assert "unknown command" in events[0].data["reason"]
    assert events[0].data["legal_actions"] == WORLD.legal_actions(state, "Ben")


def test_a_10kb_speech_is_cut_to_the_bound_and_says_so():
    state = night_one(table())
    speaker = state.speakers[0]
    state, events = play(state, (speaker, "say " + "x" * 10_000))
    chat = next(e for e in events if e.kind == EventKind.CHAT)
    assert chat.data["cut"] is True and chat.data["original_length"] == 10_000
    assert chat.data["text"].startswith("x" * 500) and "x" * 501 not in chat.data["text"]
    assert "[cut: 10000 characters, the limit is 500]" in chat.data["text"]
    assert "the limit is 500" in WORLD.observe(state, "Eve").text


def test_speaking_out_of_turn_is_refused():
    state = night_one(table())
    waiting = [p for p in state.alive if p != state.speakers[0]][0]
    assert "turn to speak" in refusal(state, waiting, "say hello")


def test_wolves_talk_at_night_in_their_own_channel_only():
    state, events = play(table(), ("Ava", "say hello pack"))
    chat = next(e for e in events if e.kind == EventKind.CHAT)
    assert chat.to == {"Ava"} and chat.data["channel"] == "wolves"
    assert "only the werewolves talk at night" in refusal(state, "Dan", "say hi")


def test_vote_exiles_the_plurality_and_the_village_wins_without_wolves():
    state = talk_through(night_one(table()))
    votes = [("Ava", "vote Eve"), ("Ben", "vote Ava"), ("Cleo", "vote Ava"), ("Eve", "vote Ava")]
    state, events = play(state, *votes)
    assert state.winner == "village" and state.phase == "end"
    result = WORLD.result(state)
    assert result.metrics["team_won"] == {"Ava": False, "Ben": True, "Cleo": True, "Dan": True, "Eve": True}
    credit = result.metrics["seat_credit"]
    # the wolf voted a villager and lived the whole (one-day) game, but was exiled
    assert credit["Ava"] == {"votes": 1.0, "not_exiled": 0.0, "survival": 1.0}
    assert credit["Ben"]["votes"] == 1.0 and credit["Cleo"]["votes"] == 1.0
    assert result.seat_scores["Ava"] == round(2 / 3, 4)
    assert all(0.0 <= v <= 1.0 for v in result.seat_scores.values())
    assert result.seat_scores == {p: round(sum(c.values()) / len(c), 4) for p, c in credit.items()}
    assert result.metrics["vote_accuracy"] == 1.0 and result.metrics["seer_hit_rate"] == 0.0
    assert result.metrics["survived"]["Dan"] is False and result.metrics["wolf_survival_days"] == 1.0


def test_wolves_win_when_as_many_as_the_rest():
    state = talk_through(night_one(table()))
    state, _ = play(state, ("Ava", "vote Ben"), ("Ben", "vote Cleo"), ("Cleo", "vote Ben"), ("Eve", "vote Ben"))
    state, _ = play(state, ("Ava", "kill Eve"), ("Cleo", "protect Cleo"))
    assert state.winner == "wolves" and WORLD.score(state, "Ava") == 1.0 and WORLD.score(state, "Cleo") == 0.0


def test_tie_rule_none_exiles_nobody():
    state = talk_through(night_one(table(tie_rule="none")))
    state, _ = play(state, ("Ava", "vote Eve"), ("Ben", "vote Ava"), ("Cleo", "vote Eve"), ("Eve", "vote Ava"))
    assert len(state.alive) == 4 and state.phase == "night" and state.day == 2


def test_hidden_roles_stay_hidden_on_death_when_the_table_says_so():
    state = night_one(table(reveal_on_death=False))
    assert not any("Dan was a" in n.text for n in state.notes)
    assert WORLD.observe(state, "Eve").data["known_roles"] == {"Eve": "villager"}


def test_no_talk_rounds_go_straight_to_the_vote():
    assert night_one(table(talk_rounds=0)).phase == "vote"


def test_score_is_zero_until_the_end():
    state = night_one(table())
    assert all(WORLD.score(state, p) == 0.0 for p in state.players) and WORLD.result(state) is None


@pytest.mark.parametrize(
    ("options", "message"),
    [({"players": 4}, "players"), ({"wolves": 3}, "wolves"), ({"players": 5, "wolves": 2}, "more than 5 players"),
     ({"roles": "seer,witch"}, "roles may name only"), ({"tie_rule": "coin"}, "tie_rule"),
     ({"talk_round": 2}, "Did you mean 'talk_rounds'")],
)
def test_bad_scenario_options_name_what_is_allowed(options, message):
    with pytest.raises(ValueError, match=message):
        make_scenario(**options)


def test_scenario_deck_has_the_role_mix():
    scenario = make_scenario(players=9, wolves=2, roles="seer")
    assert sorted(scenario.deck) == sorted(["werewolf"] * 2 + ["seer"] + ["villager"] * 6)
    assert FIVE.count("werewolf") == make_scenario().wolves
