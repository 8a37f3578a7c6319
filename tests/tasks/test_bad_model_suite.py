"""Whole suites against a real (fake) OpenAI-compatible endpoint that never gives a usable move.

The `llm` agent reaches the endpoint through litellm over HTTP, as with a paid provider: each kind of bad
reply is a step and an invalid action, the step limit stops the episode, and the suite finishes with records.
With a model that calls `act` with `{}` (the server's "Field required" error once echoed every argument),
no seat token reaches a prompt, an event, a record, an export or the command's output.
"""

import asyncio
import io
import json

import pytest

from agents import build_agent
from tasks.export import export
from tasks.runner import RunConfig, Runner
from tasks.suite import Suite
from tests.fake_endpoint import chat_completion, fake_endpoint

BAD_REPLIES = {
    "text only": chat_completion("I think I will explore."),
    "unknown tool": chat_completion(calls=[("explore", {"direction": "north"})]),
    "wrong argument names": chat_completion(calls=[("act", {"cmd": "gather 1"})]),
    "empty arguments": chat_completion(calls=[("act", {})]),
}
SEEDS, MAX_STEPS = [0, 1], 3


@pytest.fixture(autouse=True)
def provider_env(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-fake")


class TokenWitness:
    """Builds the real agents and notes each seat's token, so the test knows what must never appear."""

    def __init__(self) -> None:
        self.tokens: list[str] = []

    def __call__(self, spec):
        inner, tokens = build_agent(spec), self.tokens

        class Agent:
            async def play(self, seat):
                tokens.append(seat.token_for_process())
                await inner.play(seat)

        return Agent()


def run_suite(tmp_path, monkeypatch, body):
    """Run a two-episode Forge suite with the llm agent on an endpoint answering `body`; (outcome, requests,
    tokens, run directory)."""
    witness = TokenWitness()
    with fake_endpoint(200, body) as (url, seen):
        monkeypatch.setenv("OPENAI_API_BASE", url)
        monkeypatch.setenv("OPENAI_BASE_URL", url)
        suite = Suite.model_validate({
            "name": "bad-model", "limits": {"max_steps": MAX_STEPS},
            "agents": [{"kind": "llm", "model": "openai/test-model"}],
            "tasks": [{"name": "forge-t1", "world": "forge", "options": {"tier": 1}, "seeds": SEEDS}]})
        out = tmp_path / "run"
        runner = Runner(RunConfig(suite=suite, agents=suite.agents, out_dir=str(out), display="none",
                                  concurrency=2, agent_factory=witness))
        outcome = asyncio.run(runner.run())
    return outcome, seen, witness.tokens, out


@pytest.mark.parametrize("kind", list(BAD_REPLIES))
def test_a_suite_against_an_endpoint_that_never_moves_stops_at_its_limits_with_records(tmp_path, monkeypatch, kind):
    outcome, seen, _, out = run_suite(tmp_path, monkeypatch, BAD_REPLIES[kind])
    assert len(outcome.records) == len(SEEDS)
    assert len(seen) == len(SEEDS) * MAX_STEPS  # one request per counted step: no tight re-asking
    for record in outcome.records:
        assert record.status == "limit" and record.stop_reason == "max_steps", record.error
        assert record.steps == MAX_STEPS and record.invalid_actions == MAX_STEPS
        assert record.model_calls == MAX_STEPS
    assert len((out / "episodes.jsonl").read_text().splitlines()) == len(SEEDS)


def test_a_model_calling_act_with_empty_arguments_never_sees_or_leaks_the_seat_token(tmp_path, monkeypatch, capsys):
    outcome, seen, tokens, out = run_suite(tmp_path, monkeypatch, BAD_REPLIES["empty arguments"])
    assert len(tokens) == len(SEEDS) and all(len(t) >= 16 for t in tokens)
    prompts = json.dumps(seen)
    assert "required" in prompts.lower()  # the server's refusal did reach the model, scrubbed
    exports = []
    for fmt in ("chat-jsonl", "trajectory-jsonl"):
        stream = io.StringIO()
        assert export(str(out), stream, fmt) > 0
        exports.append(stream.getvalue())
    written = [path.read_text() for path in out.rglob("*") if path.is_file() and path.suffix in (".jsonl", ".json",
                                                                                               ".md", ".csv")]
    printed = capsys.readouterr()
    errors = [record.error for record in outcome.records]
    for token in tokens:
        for place, text in [("prompts", prompts), ("output", printed.out + printed.err), *[
                ("export", e) for e in exports], *[("run file", w) for w in written], ("errors", " ".join(errors))]:
            assert token not in text, f"a seat token reached the {place}"
