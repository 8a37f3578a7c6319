"""Claim extraction on a fixed transcript, self-contradictions, and out-of-character speech."""

from envs.village.claims import Claim, claim_log, contradictions
from envs.village.ooc import ooc_rate, out_of_character

PLAYERS = ["Ava", "Ben", "Cleo", "Dan", "Eve"]
TRANSCRIPT = [
    (1, "Ava", "I am the seer. Ben is a werewolf. Vote Ben."),
    (1, "Ben", "Ava is lying! I'm the seer, and cleo is innocent."),
    (1, "Cleo", "I suspect Dan, but I trust Ava."),
    (1, "Dan", "Nothing to add."),
    (2, "Ben", "Fine, I am a villager. Cleo is a wolf after all."),
    (2, "Eve", "Ben is not a werewolf. Dan is suspicious."),
]


def test_the_fixed_transcript_gives_the_expected_claims():
    assert claim_log(TRANSCRIPT, PLAYERS) == [
        Claim(1, "Ava", "role", "seer"), Claim(1, "Ava", "accuse", "Ben"), Claim(1, "Ava", "suspect", "Ben"),
        Claim(1, "Ben", "role", "seer"), Claim(1, "Ben", "clear", "Cleo"), Claim(1, "Ben", "accuse", "Ava"),
        Claim(1, "Cleo", "clear", "Ava"), Claim(1, "Cleo", "suspect", "Dan"),
        Claim(2, "Ben", "role", "villager"), Claim(2, "Ben", "accuse", "Cleo"),
        Claim(2, "Eve", "clear", "Ben"), Claim(2, "Eve", "suspect", "Dan"),
    ]


def test_contradictions_count_a_second_role_and_each_turned_stance():
    claims = claim_log(TRANSCRIPT, PLAYERS)
    assert contradictions(claims, "Ben") == 2  # seer then villager; Cleo cleared then accused
    assert [contradictions(claims, p) for p in ("Ava", "Cleo", "Dan", "Eve")] == [0, 0, 0, 0]


def test_a_player_naming_itself_is_not_a_claim_about_a_player():
    assert claim_log([(1, "Ava", "Ava is innocent. I suspect Ben.")], PLAYERS) == [Claim(1, "Ava", "suspect", "Ben")]


def test_out_of_character_patterns():
    assert out_of_character("As an AI language model, I cannot vote.")
    assert out_of_character("Sure, here is my move in JSON: vote Ben")
    assert out_of_character("I'm unable to help with deception.")
    assert out_of_character("I'm a doctor, I have been here ten years. You are an AI.")
    assert not out_of_character("Mark my words, matey: Ben is a werewolf.")
    assert ooc_rate(["As an AI, hmm.", "Ben is a werewolf.", "I trust Ava.", "Check the legal actions."]) == 0.5
    assert ooc_rate([]) is None


def test_brier_and_role_accuracy_by_day_on_fixed_reports():
    from envs.village.measures import brier_scores, uniform_brier

    roles = {"Ava": "villager", "Ben": "werewolf", "Cleo": "seer", "Dan": "villager"}
    reports = [(1, {"Ben": 0.5, "Cleo": 0.5}), (2, {"Ben": 1.0, "Cleo": 0.0}), (2, {"Cleo": 0.9, "Dan": 0.1})]
    found = brier_scores(reports, roles, "Ava")
    assert found["brier_by_day"] == {"1": 0.25, "2": 0.205}  # day 2: (0 + 0 + 0.81 + 0.01) / 4
    assert found["brier"] == round((0.25 * 2 + 0.82) / 6, 4)
    assert found["role_accuracy_by_day"] == {"1": 1.0, "2": 1.0}  # the last report judges no wolf: not counted
    assert uniform_brier(roles, "Ava") == round((4 / 9 + 2 * 1 / 9) / 3, 4)
