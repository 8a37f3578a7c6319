"""The report's persona table: rows per agent and persona, and the persona's cost over paired games."""

from tasks.persona_table import persona_rows
from tasks.personas import library, table_personas
from tasks.records import EpisodeRecord
from tasks.suite import Suite, plan_episodes


def record(task, seed, seat, persona, success, vote_accuracy, **extra):
    metrics = {"brier": 0.2, "role_accuracy": 0.5, "claim_contradictions": 1, "ooc_rate": 0.0,
               "uniform_brier": 0.1875, "seat_vote_accuracy": vote_accuracy}
    return EpisodeRecord(episode_id=f"{task}-{seed}-{seat}", task=task, world="village", options={"players": 5},
                         seed=seed, agent={"kind": "llm"}, agent_label="llm:m", seat=seat, success=success,
                         persona=persona, metrics=metrics, **extra)


def test_the_cost_pairs_a_persona_seat_with_the_same_game_played_without_one():
    records = [
        record("persona-5", 0, "Ava", "jester", True, 1.0, persona_score={"score": 4.0, "missing": 1, "proxy": False,
                                                                          "judges": {}}),
        record("persona-5", 1, "Ava", "jester", False, 0.0),
        record("persona-5", 2, "Ava", "jester", False, 0.5),  # no plain game on seed 2: not paired
        record("plain-5", 0, "Ava", None, False, 0.5),
        record("plain-5", 1, "Ava", None, False, 0.5),
        record("plain-5", 1, "Ben", None, True, 1.0),  # another seat: never paired with Ava
    ]
    rows = {row["persona"]: row for row in persona_rows(records)}
    assert set(rows) == {"jester", "-"}
    jester = rows["jester"]
    assert jester["seats"] == 3 and jester["win_rate"] == round(1 / 3, 4)
    assert jester["cost_win_rate"] == 0.5  # (1 - 0 + 0 - 0) / 2 paired games
    assert jester["cost_vote_accuracy"] == 0.0  # (1.0 - 0.5 + 0.0 - 0.5) / 2
    assert jester["persona_score"] == 4.0 and jester["score_missing"] == 1
    assert rows["-"]["cost_win_rate"] is None and rows["-"]["seats"] == 3


def test_no_persona_anywhere_means_no_table():
    assert persona_rows([record("plain-5", 0, "Ava", None, True, 1.0)]) == []


def test_a_task_persona_applies_to_entries_without_their_own_and_keeps_ids_apart():
    suite = Suite.model_validate({"name": "s", "agents": [{"kind": "llm"}, {"kind": "llm", "persona": "jester"}],
                                  "tasks": [{"name": "t", "world": "village", "persona": "random"},
                                            {"name": "u", "world": "village"},
                                            {"name": "a", "world": "village", "persona": "random", "arena": True}]})
    plans = plan_episodes(suite, suite.agents, lambda agent: agent["kind"])
    ids = [s.episode_id for p in plans for s in p.table]
    assert len(ids) == len(set(ids)) == 6
    cards = {(p.task.name, p.table[0].agent.get("persona")): [c.name if c else None for c in table_personas(p)]
             for p in plans if not p.task.arena}
    assert cards[("t", None)][0] in library() and cards[("t", "jester")] == ["jester"]
    assert cards[("u", None)] == [None] and cards[("u", "jester")] == ["jester"]
    arena = next(p for p in plans if p.task.arena)
    drawn = [c.name for c in table_personas(arena)]
    assert drawn[1] == "jester" and drawn[0] != "jester" and drawn == [c.name for c in table_personas(arena)]
