"""`gamehall learn` end to end with the scripted copy agent on Forge (offline, deterministic, seconds)."""

import json
import sqlite3
from pathlib import Path

import pytest

from agents.memory.store import read_episodes
from tasks.cli import main

SUITE = """name: learn-test
agents:
  - kind: copy
limits:
  max_steps: 60
tasks:
  - {name: forge-t1, world: forge, options: {tier: 1}}
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def learn(tmp_path: Path, out: str, *flags: str) -> Path:
    suite = tmp_path / "suite.yaml"
    suite.write_text(SUITE)
    assert main(["learn", str(suite), "--out", str(tmp_path / out), *flags]) == 0
    return tmp_path / out


DEMOS = ("--train-seeds", "0-23", "--test-seeds", "100-119", "--checkpoints", "6,12,24", "--train-agent", "expert")


def test_the_copy_agent_improves_monotonically_with_store_size(tmp_path, capsys):
    out = learn(tmp_path, "run", *DEMOS)
    curve = json.loads((out / "curve.json").read_text())
    kept = sorted((p for p in curve["points"] if p["curation"] == "keep-all"), key=lambda p: p["checkpoint"])
    assert [p["checkpoint"] for p in kept] == [0, 6, 12, 24]
    assert [p["store_episodes"] for p in kept] == [0, 6, 12, 24]
    rates = [p["success"]["mean"] for p in kept]
    assert rates[0] == 0.0  # the random fallback never solves tier 1 in 60 moves
    assert all(a <= b for a, b in zip(rates, rates[1:], strict=False)) and rates[-1] >= 0.3, rates
    assert kept[-1]["delta_success_vs_empty"]["mean"] > 2 * kept[-1]["delta_success_vs_empty"]["se"]
    best = {b["name"]: b for b in curve["baselines"]}
    assert set(best) == {"best-of-2", "best-of-3"} and best["best-of-3"]["success"]["mean"] < rates[-1]
    assert (out / "curve.png").read_bytes()[:4] == b"\x89PNG"
    summary = (out / "summary.md").read_text()
    assert "| keep-all-24 | 24 (24) |" in summary and "in error" not in summary
    assert "keep-all-24" in capsys.readouterr().out


def test_the_same_seeds_build_a_byte_identical_store(tmp_path):
    flags = ("--train-seeds", "0-5", "--test-seeds", "50-52", "--checkpoints", "3,6")
    one, two = learn(tmp_path, "one", *flags), learn(tmp_path, "two", *flags)  # the copy agent learns from itself
    for name in ("memory.sqlite", "checkpoints/keep-all-3.sqlite", "checkpoints/curated-6.sqlite"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert len(read_episodes(one / "memory.sqlite")) == 6


def test_no_test_seed_is_ever_written(tmp_path):
    out = learn(tmp_path, "run", "--train-seeds", "0-7", "--test-seeds", "8-11", "--checkpoints", "4,8",
                "--train-agent", "expert")
    stores = [out / "memory.sqlite", *sorted((out / "checkpoints").glob("*.sqlite"))]
    assert len(stores) == 1 + 1 + 2 * 2
    for store in stores:
        seeds = {e.seed for e in read_episodes(store)}
        assert seeds <= set(range(8)), (store, seeds)
        assert {e.split for e in read_episodes(store)} <= {"train"}
    db = sqlite3.connect(out / "memory.sqlite")
    assert db.execute("SELECT COUNT(*) FROM episodes WHERE seed >= 8").fetchone()[0] == 0
    db.close()
    tested = [json.loads(line) for line in (out / "test" / "keep-all-8" / "episodes.jsonl").read_text().splitlines()]
    assert sorted(r["seed"] for r in tested) == [8, 9, 10, 11]
    assert all(r["agent"]["memory"]["write"] is False for r in tested)


def test_a_second_run_resumes_without_writing_twice(tmp_path):
    flags = ("--train-seeds", "0-3", "--test-seeds", "10-11", "--checkpoints", "2,4")
    out = learn(tmp_path, "run", *flags)
    before = (out / "memory.sqlite").read_bytes()
    learn(tmp_path, "run", *flags)
    assert (out / "memory.sqlite").read_bytes() == before


@pytest.mark.parametrize("flags, message", [
    (["--train-seeds", "0-5", "--test-seeds", "5-8"], "overlap"),
    (["--train-seeds", "0-1", "--test-seeds", "5-8", "--checkpoints", "9"], "checkpoints"),
    (["--train-seeds", "x", "--test-seeds", "5-8"], "seeds must be"),
])
def test_bad_seeds_and_checkpoints_are_one_line_errors(tmp_path, capsys, flags, message):
    suite = tmp_path / "suite.yaml"
    suite.write_text(SUITE)
    assert main(["learn", str(suite), "--out", str(tmp_path / "o"), *flags]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_the_shipped_learn_suite_is_a_memory_agent_once_learn_gives_it_a_path():
    from agents import AgentSpec
    from tasks.suite import load_suite

    suite = load_suite("learn")
    spec = AgentSpec.model_validate({**suite.agents[0], "memory": {**suite.agents[0]["memory"], "path": "m.sqlite"}})
    assert spec.memory.mode == "step" and spec.memory.k == 3 and not spec.memory.write
    assert {t.world for t in suite.tasks} == {"forge", "kitchen"}
