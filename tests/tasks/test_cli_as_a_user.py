"""Each CLI failure of issue 20 (items 10-12) run as a new user runs it: `gamehall ...` in a subprocess, so what
uvicorn, litellm or Textual print on their own would show. One line on stderr, exit 2 for a usage error and
1 at run time, no traceback, and nothing written where nothing was played."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUITE = "name: tiny\ntasks:\n  - {name: forge-t1, world: forge, options: {tier: 1}, seeds: [0]}\n"
TIER_12 = "name: t\ntasks:\n  - name: a\n    world: forge\n    options: {tier: 12}\n"

CASES = {  # id: (arguments, exit code, what the line says)
    "limit-cost -1": (["run", "{suite}", "--limit-cost", "-1", "--out", "{out}"], 2, "-1 is not a cost in USD"),
    "unknown provider": (["run", "{suite}", "--model", "nosuchprovider/foo", "--out", "{out}"], 2,
                         "'nosuchprovider/foo': no provider litellm knows"),
    "tier 12 in a suite": (["run", "{tier12}", "--out", "{out}"], 2, "{tier12}:5: field tasks.0.options: forge option "
                           "tier: Input should be less than or equal to 9"),
    "misspelt option": (["episode", "forge", "-o", "tire=2", "--agent", "random"], 2,
                        "unknown forge option 'tire'; options: tier, variant, mode. Did you mean 'tier'?"),
    "server unreachable": (["run", "{suite}", "--agent", "random", "--server", "http://127.0.0.1:1/mcp", "--out",
                            "{out}", "--display", "none"], 1, "gamehall run: ConnectError"),
    "port out of range": (["serve", "forge", "--transport", "http", "--port", "99999"], 2, "99999 is not a TCP port"),
    "port in use": (["serve", "forge", "--transport", "http", "--port", "{busy}"], 1,
                    "cannot listen on 127.0.0.1:{busy}: Address already in use"),
    "export to /proc": (["export", "{tmp}", "-o", "/proc/x.jsonl"], 1, "No such file or directory: '/proc/x.jsonl'"),
    "play with a bad option": (["play", "forge", "-o", "tier=12"], 2, "forge option tier"),
    "report of no run": (["report", "{tmp}/nowhere"], 2, "holds no episodes.jsonl"),
}


@pytest.fixture
def busy_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def gamehall(tmp_path: Path, args: list[str]) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GAMEHALL_", "OPENAI"))}
    environ.update(GAMEHALL_CACHE_DIR=str(tmp_path / "cache"), LITELLM_LOCAL_MODEL_COST_MAP="True",
                   PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tasks.cli", *args], cwd=tmp_path, env=environ,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("case", list(CASES))
def test_each_cli_failure_is_one_line_and_the_right_exit_code(tmp_path, busy_port, case):
    (tmp_path / "suite.yaml").write_text(SUITE)
    (tmp_path / "tier12.yaml").write_text(TIER_12)
    names = {"suite": str(tmp_path / "suite.yaml"), "tier12": str(tmp_path / "tier12.yaml"),
             "out": str(tmp_path / "run"), "busy": str(busy_port), "tmp": str(tmp_path)}
    args, code, says = CASES[case]
    done = gamehall(tmp_path, [arg.format(**names) for arg in args])
    lines = done.stderr.strip().splitlines()
    assert done.returncode == code, done.stderr
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith("gamehall ") and says.format(**names) in lines[0]
    if code == 2:  # a usage error writes no run directory and calibrates nothing
        assert not (tmp_path / "run").exists() and not (tmp_path / "cache").exists()


def test_version_is_one_line_on_stdout(tmp_path):
    done = gamehall(tmp_path, ["--version"])
    assert done.returncode == 0 and done.stdout.startswith("gamehall ") and len(done.stdout.splitlines()) == 1
    assert done.stderr == ""
