"""`gamehall episode --agent llm` as a user runs it (a subprocess): quiet, parseable, one line when it fails."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fake_endpoint import fake_endpoint

ROOT = Path(__file__).resolve().parents[2]
NATIVE_PREFIXES = ("llama_", "ggml_", "load_", "print_info", "gguf_")


def gamehall(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GAMEHALL_", "FAKE_ENGINE", "OPENAI"))}
    environ.update(GAMEHALL_CACHE_DIR=str(tmp_path / "cache"), LITELLM_LOCAL_MODEL_COST_MAP="True", **env)
    return subprocess.run([sys.executable, "-m", "tasks.cli", *args], cwd=ROOT, env=environ, capture_output=True,
                          text=True, timeout=240)


def one_line_no_traceback(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_llama_cpp_output_never_reaches_the_terminal_and_json_stays_json(tmp_path):
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    done = gamehall(tmp_path, "episode", "forge", "--agent", "llm", "-o", "tier=1", "--json",
                    GAMEHALL_LOCAL_ENGINE="tests.agents.fake_engine:load", FAKE_ENGINE="noisy",
                    GAMEHALL_LOCAL_MODEL=str(gguf))
    assert done.returncode == 0, done.stderr
    assert not [line for line in done.stderr.splitlines() if line.startswith(NATIVE_PREFIXES)]
    record = json.loads(done.stdout)
    assert record["status"] == "ok" and record["tokens_cached"] > 0
    log = (tmp_path / "cache" / "local-model.log").read_text()
    assert "llama_decode: printed to the C stdout" in log and "ggml_backend: printed to the C stderr" in log


def test_a_garbage_gguf_is_one_clear_line_and_a_failing_exit(tmp_path):
    pytest.importorskip("llama_cpp")
    garbage = tmp_path / "garbage.gguf"
    garbage.write_bytes(b"not a model at all\n" * 64)
    done = gamehall(tmp_path, "episode", "forge", "--agent", "llm", "-o", "tier=1", GAMEHALL_LOCAL_MODEL=str(garbage))
    assert done.returncode == 1
    line = one_line_no_traceback(done.stderr)
    assert f"cannot load {garbage}" in line


def test_json_stays_parseable_when_the_endpoint_answers_500(tmp_path):
    with fake_endpoint(500, {"error": {"message": "upstream exploded", "type": "server_error"}}) as (url, seen):
        done = gamehall(tmp_path, "episode", "forge", "--agent", "llm", "--model", "openai/test-model",
                        "-o", "tier=1", "--json", OPENAI_API_BASE=url, OPENAI_BASE_URL=url, OPENAI_API_KEY="sk-fake")
    assert seen, "the agent never reached the fake endpoint"
    record = json.loads(done.stdout)  # nothing but the record on stdout: no litellm banner
    assert record["status"] == "error" and "500" in record["error"]
    assert done.returncode == 1
    assert "Give Feedback" not in done.stdout + done.stderr
    one_line_no_traceback(done.stderr)


@pytest.mark.model
def test_the_embedded_model_plays_forge_quietly(tmp_path):
    done = gamehall(tmp_path, "episode", "forge", "--agent", "llm", "--seed", "1", "-o", "tier=1", "--json")
    assert done.returncode == 0, done.stderr
    assert not [line for line in done.stderr.splitlines() if line.startswith(NATIVE_PREFIXES)], done.stderr
    record = json.loads(done.stdout)
    assert record["status"] == "ok" and record["model_calls"] > 0
    assert 0 < record["tokens_cached"] < record["tokens_in"]
