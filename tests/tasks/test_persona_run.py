"""A model persona seat through the runner (MCP only, the game followed as its referee): its beliefs and its
reflection, written after the game ended, reach the episode's event log and the record's measures."""

import asyncio
import json

import pytest

from agents import build_agent
from envs.core.schema import validate_event
from tasks.runner import RunConfig, Runner
from tasks.suite import Suite
from tests.agents.fakes import ScriptedModel
from tests.agents.test_persona_agent import planner


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def test_a_model_persona_seat_logs_beliefs_and_its_reflection(tmp_path):
    suite = Suite.model_validate({"name": "p", "tasks": [
        {"name": "v5", "world": "village", "options": {"players": 5}, "seeds": [3], "seat": "Ava"}]})
    model = ScriptedModel(planner)
    runner = Runner(RunConfig(suite=suite, agents=[{"kind": "llm", "model": "fake/small", "persona": "old-sailor"}],
                              out_dir=str(tmp_path), display="none",
                              agent_factory=lambda spec: build_agent(spec, completion=model, constrained=True,
                                                                     backoff_s=0.0)))
    [record] = asyncio.run(runner.run()).records
    assert record.status == "ok" and record.persona == "old-sailor"
    lines = [json.loads(line) for line in (tmp_path / "events" / f"{record.episode_id}.jsonl").read_text()
             .splitlines()]
    for line in lines:
        validate_event(line)
    persona = [e for e in lines if e["kind"] == "persona"]
    assert [(e["seat"], e["data"]["persona"]) for e in persona] == [("Ava", "old-sailor")]
    beliefs = [e for e in lines if e["kind"] == "belief" and e["seat"] == "Ava"]
    assert beliefs and all(set(e["data"]["beliefs"].values()) == {0.4} for e in beliefs)
    reflections = [e for e in lines if e["kind"] == "reflection"]
    assert [(e["seat"], e["data"]["text"]) for e in reflections] == [
        ("Ava", "Mark my words, matey: steady as she goes.")]
    assert record.metrics["brier"] is not None and record.metrics["ooc_rate"] == 0.0
