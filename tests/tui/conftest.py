"""Runs to replay and suites to watch.

`run_dir` is a copy of fixtures/run: a real run (`gamehall run` of SUITE below, expert players: Forge tier 1,
Kitchen lockstep, a five-seat Village) committed so that snapshots are the same on every machine (the runner
writes frames by wall clock, so a fresh run would have a different number of frames)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE_RUN = Path(__file__).parent / "fixtures" / "run"
SUITE = {
    "name": "tui-fixture",
    "agents": [{"kind": "expert"}],
    "tasks": [
        {"name": "forge-t1", "world": "forge", "options": {"tier": 1}, "seeds": [0]},
        {"name": "kitchen-cramped", "world": "kitchen",
         "options": {"layout": "cramped_room", "rules": "classic", "clock": "lockstep"}, "seeds": [0]},
        {"name": "village-5", "world": "village", "options": {"players": 5}, "seeds": [0]},
    ],
}


def make_config(out_dir: Path, suite: dict | None = None):
    """The RunConfig `gamehall run` would build for `suite` (default SUITE), quietly."""
    from tasks.runner import RunConfig
    from tasks.suite import Suite

    parsed = Suite.model_validate(suite or SUITE)
    return RunConfig(suite=parsed, agents=parsed.agents, out_dir=str(out_dir), display="none")


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    """A finished run directory named `run` (events/, episodes.jsonl, summary.json), free to damage."""
    target = tmp_path / "run"
    shutil.copytree(FIXTURE_RUN, target)
    return target
