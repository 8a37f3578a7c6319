"""External agents scored like any other: the docs' example through `--agent cmd:` on every world, programs
that crash or stay silent (status error, the run goes on), python: factories and entry-point kinds, and no
seat token in any record, event log or error message of a whole suite."""

import json
import shlex
import sys
from pathlib import Path

import pytest

from tasks.cli import main
from tests.tasks.toy_agents import CRASH, SILENT

ROOT = Path(__file__).parents[2]
EXAMPLE = f"{shlex.quote(sys.executable)} {shlex.quote(str(ROOT / 'docs/examples/random_agent.py'))}"
TASKS = """tasks:
  - {name: forge-t1, world: forge, options: {tier: 1}, seeds: [0]}
  - {name: kitchen-cramped, world: kitchen, options: {layout: cramped_room, rules: classic, clock: lockstep},
     seeds: [0]}
  - {name: village-5, world: village, options: {players: 5}, seeds: [0]}
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def run(tmp_path, agents: str, tasks: str = TASKS, limits: str = "{max_steps: 1000, max_seconds: 120}"):
    suite = tmp_path / "suite.yaml"
    suite.write_text(f"name: ext\nagents:\n{agents}\nlimits: {limits}\n{tasks}")
    out = tmp_path / "run"
    code = main(["run", str(suite), "--out", str(out), "--display", "none"])
    records = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    return code, records, out


def test_the_docs_example_agent_plays_every_world_through_cmd(tmp_path):
    code, records, out = run(tmp_path, f"  - {{kind: cmd, command: {json.dumps(EXAMPLE)}}}")
    assert code == 0
    assert sorted(r["world"] for r in records) == ["forge", "kitchen", "village"]
    for record in records:
        assert record["status"] == "ok", record["error"]
        assert record["done"] and record["steps"] > 0 and record["normalized_score"] is not None
        assert record["agent_label"].startswith("cmd:") and record["latency"]["seat"]["n"] == record["steps"] + \
            record["invalid_actions"]
        kinds = {json.loads(line)["kind"] for line in (out / "events" / f"{record['episode_id']}.jsonl").open()}
        assert {"episode_started", "action", "frame", "episode_ended", "run_episode_finished"} <= kinds


def test_a_crashing_and_a_silent_command_are_errors_and_the_run_goes_on(tmp_path):
    crash = f"{sys.executable} -c {shlex.quote(CRASH)}"
    silent = f"{sys.executable} -c {shlex.quote(SILENT)}"
    agents = (f"  - {{kind: cmd, command: {json.dumps(crash)}}}\n"
              f"  - {{kind: cmd, command: {json.dumps(silent)}, max_silent_s: 1.5}}\n"
              "  - {kind: random}")
    tasks = "tasks:\n  - {name: forge-t1, world: forge, options: {tier: 1}, seeds: [0]}\n"
    code, records, out = run(tmp_path, agents, tasks)
    assert code == 1  # a run with errored episodes says so
    assert len(records) == 3
    crashed = next(r for r in records if r["agent"].get("command") == crash)
    assert crashed["status"] == "error" and "exited with code 3" in crashed["error"] and "boom" in crashed["error"]
    assert "<token>" in crashed["error"]  # it printed its seat token; the record shows none
    quiet = next(r for r in records if r["agent"].get("command") == silent)
    assert quiet["status"] == "error" and "never made a move in 1.5 s" in quiet["error"]
    assert quiet["normalized_score"] is None and crashed["normalized_score"] is None
    assert next(r for r in records if r["agent"]["kind"] == "random")["status"] == "ok"


def test_python_factories_and_entry_point_kinds_play_in_process(tmp_path):
    agents = "  - {kind: python, factory: 'tests.tasks.toy_agents:FirstLegal'}\n  - {kind: first-legal}"
    tasks = "tasks:\n  - {name: forge-t1, world: forge, options: {tier: 1}, seeds: [0]}\n"
    code, records, _ = run(tmp_path, agents, tasks)
    assert code == 0
    assert sorted(r["agent_label"] for r in records) == ["first-legal", "python:tests.tasks.toy_agents:FirstLegal"]
    assert all(r["status"] == "ok" and r["steps"] > 0 for r in records)


def test_a_bad_factory_is_the_episodes_error_and_an_unknown_kind_a_usage_error(tmp_path, capsys):
    tasks = "tasks:\n  - {name: forge-t1, world: forge, options: {tier: 1}, seeds: [0]}\n"
    code, records, _ = run(tmp_path, "  - {kind: python, factory: 'no.such.module:agent'}", tasks)
    assert code == 1 and records[0]["status"] == "error" and "no.such.module" in records[0]["error"]
    assert main(["run", "smoke", "--agent", "nonsense", "--out", str(tmp_path / "x")]) == 2
    assert "unknown agent kind 'nonsense'" in capsys.readouterr().err


def test_no_seat_token_reaches_any_record_event_log_or_error_of_a_whole_suite(tmp_path, monkeypatch):
    from servers.games import GameTable

    issued: list[str] = []
    claim = GameTable._claim

    def remember(self, game, seat):
        claimed = claim(self, game, seat)
        issued.append(claimed.token)
        if game.referee_token:
            issued.append(game.referee_token)
        return claimed

    monkeypatch.setattr(GameTable, "_claim", remember)
    crash = f"{sys.executable} -c {shlex.quote(CRASH)}"
    agents = (f"  - {{kind: cmd, command: {json.dumps(EXAMPLE)}}}\n  - {{kind: cmd, command: {json.dumps(crash)}}}\n"
              "  - {kind: random}\n  - {kind: expert}")
    _, records, out = run(tmp_path, agents)
    assert len(records) == 12 and len(set(issued)) >= 24
    written = "\n".join(p.read_text() for p in out.rglob("*") if p.is_file() and p.suffix in (".jsonl", ".json", ".md",
                                                                                              ".csv"))
    assert "exited with code 3" in written
    leaked = [t for t in set(issued) if t in written]
    assert not leaked
