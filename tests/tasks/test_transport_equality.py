"""Same record, any transport: the smoke suite played by expert and random agents in memory and against a real
`gamehall serve all --transport http --hints` subprocess gives the same episodes.jsonl (apart from times and
ids) and event logs with the same kinds, frames included. The runner reads both through the referee tool."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tasks.cli import main

VOLATILE = {"started_at", "finished_at", "wall_time_s", "latency", "suite"}


@pytest.fixture
def hall(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "GAMEHALL_TOKEN": "hall-s3cret"}
    process = subprocess.Popen([sys.executable, "-m", "tasks.cli", "serve", "all", "--transport", "http", "--hints",
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    assert process.poll() is None, process.stderr.read().decode()
    yield f"http://127.0.0.1:{port}/{{world}}/mcp"
    process.terminate()
    process.wait(timeout=10)


def played(out: Path, agent: str, server: str | None = None) -> tuple[dict, dict]:
    args = ["run", "smoke", "--agent", agent, "--out", str(out), "--display", "none"]
    assert main(args + (["--server", server] if server else [])) == 0
    records = {}
    for line in (out / "episodes.jsonl").read_text().splitlines():
        record = json.loads(line)
        assert record["latency"]["seat"]["n"] > 0  # the world's own decision latency, read as the referee
        records[(record["task"], record["seed"], record["agent_label"])] = record
    kinds = {key: {json.loads(line)["kind"] for line in (out / "events" / f"{r['episode_id']}.jsonl").open()}
             for key, r in records.items()}
    return records, kinds


@pytest.mark.parametrize("agent", ["expert", "random"])
def test_the_smoke_suite_records_the_same_in_memory_and_over_http(tmp_path, hall, monkeypatch, agent):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))
    local, local_kinds = played(tmp_path / "memory", agent)
    monkeypatch.setenv("GAMEHALL_TOKEN", "hall-s3cret")
    remote, remote_kinds = played(tmp_path / "http", agent, hall)
    assert local.keys() == remote.keys() and len(local) == 6
    for key, record in local.items():
        same = {k: v for k, v in record.items() if k not in VOLATILE}
        assert same == {k: v for k, v in remote[key].items() if k not in VOLATILE}, key
        assert record["status"] == "ok" and record["normalized_score"] is not None and record["world_version"]
        assert "frame" in local_kinds[key] and local_kinds[key] == remote_kinds[key], key
