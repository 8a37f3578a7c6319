"""`gamehall export`: a run's trajectories as chat messages with tool calls."""

import asyncio
import json

import pytest

from agents import build_agent
from tasks.cli import main
from tasks.runner import RunConfig, Runner
from tasks.suite import Suite
from tests.agents.fakes import ScriptedModel


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def test_an_llm_run_exports_model_calls_and_trajectories(tmp_path, capsys):
    suite = Suite.model_validate({"name": "x", "limits": {"max_steps": 4}, "tasks": [
        {"name": "forge-t1", "world": "forge", "options": {"tier": 1}, "seeds": [0, 1]}]})
    model = ScriptedModel()
    runner = Runner(RunConfig(suite=suite, agents=[{"kind": "llm", "model": "fake/scripted"}], out_dir=str(tmp_path),
                              display="none", agent_factory=lambda spec: build_agent(spec, completion=model,
                                                                                       constrained=True)))
    outcome = asyncio.run(runner.run())
    assert all(r.status in ("ok", "limit") for r in outcome.records)
    target = tmp_path / "trajectories.jsonl"
    assert main(["export", str(tmp_path), "--format", "chat-jsonl", "-o", str(target)]) == 0
    calls = [json.loads(line) for line in target.read_text().splitlines()]
    assert len(calls) == len(model.requests) and {x["metadata"]["source"] for x in calls} == {"model_call"}
    assert calls[0]["messages"][-1]["role"] == "assistant" and calls[0]["messages"][-1]["tool_calls"]
    assert {x["metadata"]["mind"] for x in calls} == {"llm"}
    moves = tmp_path / "moves.jsonl"
    assert main(["export", str(tmp_path), "--format", "trajectory-jsonl", "-o", str(moves)]) == 0
    episodes = [json.loads(line) for line in moves.read_text().splitlines()]
    assert len(episodes) == 2
    assert all(m["actor"] == "model:llm" for e in episodes for m in e["moves"] if m["seat"] == "hero")
    assert "seat_token" not in target.read_text() + moves.read_text()


def test_export_refuses_an_unknown_format(tmp_path, capsys):
    (tmp_path / "episodes.jsonl").write_text("")
    assert main(["export", str(tmp_path), "--format", "parquet"]) == 2
    assert "chat-jsonl" in capsys.readouterr().err
