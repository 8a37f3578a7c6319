"""200 clients against one streamable HTTP server subprocess, each creating, playing and finishing a Kitchen
game: no errors, and every game finishes although the server holds only 64 (finished games give their slot
back). Runs bench/load.py, the one load driver; its per-call percentiles are printed (pytest -s shows them)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 200


@pytest.mark.slow
def test_two_hundred_clients_create_play_and_finish_their_games_without_an_error():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), "--clients", str(CLIENTS),
                           "--concurrency", "50", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == 0, result["error_lines"]
    assert result["finished"] == CLIENTS and done.returncode == 0
    assert result["per_tool_ms"]["new_game"]["n"] == CLIENTS  # more games than the server's 64 slots
    calls = result["per_call_ms"]
    print(f"\n{CLIENTS} clients, {result['calls']} calls in {result['wall_s']:.0f} s: per call p50 "
          f"{calls['p50']:.1f} ms, p95 {calls['p95']:.1f} ms, p99 {calls['p99']:.1f} ms (baseline p50 "
          f"{result['baseline_ms']['p50']:.1f} ms alone before, {result['baseline_after_ms']['p50']:.1f} ms after)")
