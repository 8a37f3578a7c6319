"""The runner end to end with scripted agents (fast, offline): outputs, resume, kill -9, clear errors."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tasks.cli import main

SUITE = """name: rtest
agents:
  - kind: random
  - kind: expert
tasks:
  - {{name: village-5, world: village, options: {{players: 5}}, seeds: {{start: 0, count: {count}}}}}
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def suite_file(tmp_path, count=3) -> str:
    path = tmp_path / "suite.yaml"
    path.write_text(SUITE.format(count=count))
    return str(path)


def episode_lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]


def test_a_run_writes_every_output_and_a_rerun_plays_nothing_again(tmp_path):
    out = tmp_path / "run"
    assert main(["run", suite_file(tmp_path), "--out", str(out), "--display", "none"]) == 0
    records = episode_lines(out)
    assert len(records) == 6 and {r["agent_label"] for r in records} == {"random", "expert"}
    assert all(r["status"] == "ok" and r["done"] for r in records)
    for name in ("summary.json", "leaderboard.md", "leaderboard.csv", "plots/village.png"):
        assert (out / name).exists(), name
    for record in records:
        events = (out / "events" / f"{record['episode_id']}.jsonl").read_text().splitlines()
        kinds = [json.loads(e)["kind"] for e in events]
        assert kinds[0] == "run_episode_started" and "episode_ended" in kinds and kinds[-1] == "run_episode_finished"
    summary = json.loads((out / "summary.json").read_text())
    assert {row["agent"] for row in summary["leaderboard"]} == {"random", "expert"}
    assert main(["run", suite_file(tmp_path), "--out", str(out), "--display", "none"]) == 0
    assert len(episode_lines(out)) == 6


def test_kill_minus_nine_then_resume_gives_every_episode_exactly_once(tmp_path):
    out = tmp_path / "run"
    suite = suite_file(tmp_path, count=40)
    command = [sys.executable, "-m", "tasks.cli", "run", suite, "--out", str(out), "--display", "none",
               "--concurrency", "2"]
    process = subprocess.Popen(command, env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    path = out / "episodes.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and len(path.read_text().splitlines()) >= 5:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed; make the suite longer"
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = len(path.read_text().splitlines())
    assert 5 <= partial < 80
    with path.open("a") as file:  # a write torn by the kill
        file.write('{"version": 1, "episode_id": "village-5-s9')
    assert subprocess.run(command, env={**os.environ}, capture_output=True).returncode == 0
    records = episode_lines(out)
    ids = [r["episode_id"] for r in records]
    assert len(ids) == 80 and len(set(ids)) == 80


def test_unwritable_out_dir_is_one_clear_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    code = main(["run", suite_file(tmp_path), "--out", str(blocker / "run"), "--display", "none"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0 and len(err) == 1 and "cannot write" in err[0]


def test_broken_suite_and_unknown_agent_are_one_clear_line(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: b\ntasks:\n  - {name: x, world: atlantis}\n")
    assert main(["run", str(broken), "--out", str(tmp_path / "o"), "--display", "none"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken.yaml:3" in err[0] and "world" in err[0]
    roster = tmp_path / "roster.yaml"
    roster.write_text("name: r\nagents: [{kind: wizard}]\ntasks:\n  - {name: x, world: village}\n")
    assert main(["run", str(roster), "--out", str(tmp_path / "o2"), "--display", "none"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "wizard" in err[0]


def test_report_merges_runs(tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    main(["run", suite_file(tmp_path, 2), "--out", str(first), "--display", "none", "--agent", "random"])
    main(["run", suite_file(tmp_path, 2), "--out", str(second), "--display", "none", "--agent", "expert"])
    capsys.readouterr()
    assert main(["report", str(first), str(second), "--out", str(tmp_path / "merged")]) == 0
    board = (tmp_path / "merged" / "leaderboard.csv").read_text()
    assert "random" in board and "expert" in board


def test_report_over_two_copies_of_one_run_says_it_counted_each_episode_once(tmp_path, capsys):
    import shutil

    first = tmp_path / "a"
    main(["run", suite_file(tmp_path, 2), "--out", str(first), "--display", "none", "--agent", "random"])
    shutil.copytree(first, tmp_path / "copy")
    capsys.readouterr()
    assert main(["report", str(first), str(tmp_path / "copy"), "--out", str(tmp_path / "merged")]) == 0
    out, err = capsys.readouterr()
    episodes = len((first / "episodes.jsonl").read_text().splitlines())
    assert f"{episodes} episode(s) appear in more than one run" in err
    assert out.startswith(f"{episodes} episodes from 2 run(s)")


def test_an_arena_seats_the_roster_at_one_table_and_rates_it(tmp_path):
    path = tmp_path / "arena.yaml"
    path.write_text("name: arena\nagents: [{kind: random}, {kind: expert}]\ntasks:\n"
                    "  - {name: village-6, world: village, options: {players: 6}, seeds: {start: 0, count: 6}, "
                    "arena: true}\n")
    out = tmp_path / "run"
    assert main(["run", str(path), "--out", str(out), "--display", "none"]) == 0
    records = episode_lines(out)
    assert len(records) == 12
    games = {}
    for record in records:
        games.setdefault(record["metrics"]["arena"], []).append(record)
    assert len(games) == 6 and all(len(seats) == 2 for seats in games.values())
    assert all(len({r["seat"] for r in seats}) == 2 for seats in games.values())
    summary = json.loads((out / "summary.json").read_text())
    assert {row["agent"] for row in summary["ratings"]} >= {"random", "expert"}
