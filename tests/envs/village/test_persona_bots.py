"""Rule bots with persona cards: players of known style for the persona measures.

Offline attribution finds each bot's card among 5 (and falls to chance when the labels are shuffled),
the bots' wolf beliefs beat the uniform prior, and a persona changes how a bot speaks, never what it does.
"""

import numpy as np

from envs.village.measures import seat_measures, utterances
from envs.village.rules import make_scenario
from envs.village.tables import play
from tasks.attribution import attribute, summary
from tasks.personas import library

SCENARIO = make_scenario()
GAMES = 24


def tables():
    """GAMES seeded games, five distinct cards a table, drawn from the shipped set with their own seed."""
    cards = list(library().values())
    rng = np.random.default_rng(17)
    for seed in range(GAMES):
        dealt = [cards[i] for i in rng.choice(len(cards), size=5, replace=False)]
        personas = {seat: c.prompt_data() for seat, c in zip(SCENARIO.names, dealt, strict=True)}
        yield play(SCENARIO, seed, personas=personas, beliefs=True), dealt


def test_offline_attribution_finds_the_card_among_five_and_is_chance_with_shuffled_labels():
    true, shuffled = [], []
    rng = np.random.default_rng(5)
    for session, dealt in tables():
        events = [e.to_record() for e in session.events]
        for index, seat in enumerate(SCENARIO.names):
            speech = " ".join(text for _, _, text in utterances(events, seat, public_only=False))
            if not speech:
                continue  # killed on night 1 before speaking
            true.append(attribute(speech, dealt[index].name, dealt))
            shuffled += [attribute(speech, dealt[int(rng.integers(5))].name, dealt) for _ in range(4)]
    found, chance = summary(true), summary(shuffled)
    assert found["seats"] >= 80
    assert found["top1"] >= 0.8 and found["mean_rank"] < 1.5
    assert found["chance"] == 0.2
    assert abs(chance["top1"] - 0.2) < 0.08 and abs(chance["mean_rank"] - 3.0) < 0.35


def test_the_bots_wolf_beliefs_beat_a_uniform_prior():
    briers, uniform, accuracy = [], [], []
    for session, _ in tables():
        events = [e.to_record() for e in session.events]
        for seat in SCENARIO.names:
            if session.state.roles[seat] == "werewolf":
                continue  # a wolf knows the pack: its beliefs are exact and would flatter the bots
            measures = seat_measures(events, seat, session.state.roles)
            if measures["brier"] is not None:
                briers.append(measures["brier"])
                uniform.append(measures["uniform_brier"])
            if measures["role_accuracy"] is not None:
                accuracy.append(measures["role_accuracy"])
    assert len(briers) >= 60
    assert np.mean(briers) < np.mean(uniform) - 0.01
    assert np.mean(accuracy) > 0.25 + 0.15  # the most suspected is a wolf well above 1 in 4


def test_a_persona_changes_the_words_not_the_moves():
    cards = [c.prompt_data() for c in list(library().values())[:5]]
    for seed in range(6):
        plain = play(SCENARIO, seed)
        styled = play(SCENARIO, seed, personas=dict(zip(SCENARIO.names, cards, strict=True)))
        assert styled.result.metrics == plain.result.metrics
        moves = [[e.data["command"] for e in s.events if e.kind == "action" and not e.data["command"].startswith("say")]
                 for s in (plain, styled)]
        assert moves[0] == moves[1]
        said = [[e.data["text"] for e in s.events if e.kind == "chat"] for s in (plain, styled)]
        assert all(p in s and p != s for p, s in zip(*said, strict=True))  # the plain line, inside the styled one
