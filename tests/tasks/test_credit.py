"""Honest scores: scaffold baselines, who decided, partners, paired differences, and exports that say who acted."""

import asyncio
import json

import pytest

from agents import build_agent
from tasks.cli import main
from tasks.runner import RunConfig, Runner
from tasks.scoring import paired_differences
from tasks.suite import Suite
from tests.agents.fakes import ScriptedModel, player

HIERARCHICAL = {"kind": "hierarchical", "ablation": "fast-only", "model": "fake/scripted"}


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def run(tmp_path, name, pick, tasks, agent=HIERARCHICAL, max_steps=200):
    suite = Suite.model_validate({"name": "credit", "limits": {"max_steps": max_steps}, "tasks": tasks})

    def factory(spec):
        return build_agent(spec, completion=ScriptedModel(player(pick)), backoff_s=0.0)

    config = RunConfig(suite=suite, agents=[agent], out_dir=str(tmp_path / name), display="none",
                       agent_factory=factory)
    return asyncio.run(Runner(config).run()).records


FORGE = [{"name": "forge-t1", "world": "forge", "options": {"tier": 1}, "seeds": [0, 1, 2]}]


def test_the_best_and_the_worst_model_are_ordered_and_apart_above_the_same_scaffold(tmp_path):
    # the hierarchical agent lists feasible macros best-scored first: pick 0 is the best, -1 the worst
    best, worst = run(tmp_path, "best", 0, FORGE), run(tmp_path, "worst", -1, FORGE)
    for records in (best, worst):
        assert all(r.status in ("ok", "limit") and r.scaffold_normalized_score is not None for r in records)
    # the same configuration has the same scaffold baseline whatever its model
    assert [r.scaffold_baseline for r in best] == [r.scaffold_baseline for r in worst]
    mean = [sum(r.scaffold_normalized_score for r in rs) / len(rs) for rs in (best, worst)]
    assert mean[0] - mean[1] >= 50, mean
    # the scaffold's 0 is above random atomic play here, so the scaffold score is the stricter one
    assert all(r.scaffold_normalized_score <= r.normalized_score for r in best + worst)
    for record in best:
        assert record.decisions["model:fast"] >= 1 and record.decisions.get("executor", 0) >= 1
        assert record.partners == {}


def test_partners_are_the_seats_the_referee_counted_and_an_unplayed_game_makes_its_game_to_learn_them(tmp_path):
    from tasks.credit import partners_of
    from tasks.suite import plan_episodes

    suite = Suite.model_validate({"name": "p", "tasks": [{"name": "k", "world": "kitchen", "seeds": [0],
                                                          "options": {"layout": "cramped_room"}}]})
    (plan,) = plan_episodes(suite, [{"kind": "expert"}], lambda agent: "expert")
    (record,) = run(tmp_path, "p", 0, [suite.tasks[0].model_dump()], agent={"kind": "expert"}, max_steps=5)
    assert list(record.metrics["invalid_actions_by_seat"]) == ["chef0", "chef1"]
    counted = partners_of(plan, [record])
    record.metrics = {}  # as if the episode failed before the referee's last view: no counts
    assert partners_of(plan, [record]) == counted == {record.episode_id: {"chef1": "bot:expert"}}


def test_kitchen_records_name_the_partner_and_scripted_agents_decide_as_bots(tmp_path):
    kitchen = [{"name": "k", "world": "kitchen", "options": {"layout": "cramped_room", "rules": "classic",
                                                             "clock": "lockstep"}, "seeds": [0]}]
    (record,) = run(tmp_path, "k", 0, kitchen, agent={"kind": "expert"}, max_steps=500)
    assert record.partners == {"chef1": "bot:expert"}
    assert record.decisions == {"bot": record.steps}
    # no model: its scaffold is random play itself, so both scores agree
    assert record.scaffold_normalized_score == record.normalized_score == 100.0


def test_chat_jsonl_holds_model_calls_only_and_trajectories_say_who_moved(tmp_path):
    records = run(tmp_path, "h", 0, FORGE)
    out = tmp_path / "h"
    chat, moves = tmp_path / "chat.jsonl", tmp_path / "moves.jsonl"
    assert main(["export", str(out), "--format", "chat-jsonl", "-o", str(chat)]) == 0
    assert main(["export", str(out), "--format", "trajectory-jsonl", "-o", str(moves)]) == 0
    examples = [json.loads(line) for line in chat.read_text().splitlines()]
    assert len(examples) == sum(r.model_calls for r in records)
    assert all(e["metadata"]["source"] == "model_call" and e["metadata"]["mind"] == "fast" for e in examples)
    assert all({"episode_id", "score"} <= set(e["metadata"]) for e in examples)
    trajectories = [json.loads(line) for line in moves.read_text().splitlines()]
    mine = [m for t in trajectories for m in t["moves"] if m["seat"] == t["metadata"]["seat"]]
    executor = [m for m in mine if m["actor"] == "executor"]
    assert len(executor) == sum(r.decisions.get("executor", 0) for r in records) > 0
    assert {m["actor"] for m in mine} <= {"executor", "model:fast", "forced"}
    calls = [c for e in examples for m in e["messages"] if m["role"] == "assistant" for c in m.get("tool_calls") or []]
    # one assistant turn per model call, each naming a macro: the executor's atomic moves are never one
    assert len(calls) == len(examples) < len(executor) + len(examples)
    assert all(c["function"]["name"] == "run_macro" for c in calls)
    assert "seat_token" not in chat.read_text() + moves.read_text()


def test_export_help_says_what_each_format_holds(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "chat-jsonl: model calls only" in text and "trajectory-jsonl: one line per episode" in text


def test_paired_differences_match_seeds_and_bound_the_mean(tmp_path):
    from tasks.records import EpisodeRecord

    def record(agent, seed, value):
        return EpisodeRecord(episode_id=f"{agent}{seed}", task="t", world="forge", seed=seed, agent={"kind": agent},
                             agent_label=agent, normalized_score=value)

    records = [record("a", s, 50.0 + s) for s in range(6)] + [record("b", s, 40.0 + s) for s in range(5)]
    (row,) = paired_differences(records)
    assert row["seeds"] == 5 and row["difference"] == 10.0  # seed 5 has no pair
    assert row["ci95_low"] == row["ci95_high"] == 10.0


def test_a_memory_agents_scaffold_game_is_not_filed_in_its_memory(tmp_path):
    from agents.memory.store import read_episodes

    store = tmp_path / "memory.sqlite"
    agent = {**HIERARCHICAL, "memory": {"path": str(store), "write": True}}
    records = run(tmp_path, "m", 0, FORGE, agent=agent)
    assert all(r.scaffold_normalized_score is not None for r in records)
    # the agent's own three games, none of the random chooser's
    assert sorted(e.key for e in read_episodes(store)) == sorted(r.episode_id for r in records)
