"""The embedded model's reply is a pure function of its prompt: whatever was evaluated before it.

Real Gemma (the `model` mark). Logits are compared bit for bit: llama.cpp gives a token evaluated alone
different numbers from the same token in a batch, so reusing an arbitrary cached prefix would fail here.
"""

import threading

import numpy as np
import pytest

from agents.local import gemma_prompt

pytestmark = pytest.mark.model

RULES = "You play Forge, a crafting game. Gather, craft and fight to reach the goal. " * 12


@pytest.fixture(scope="module")
def engine():
    from agents.local import LocalModel, model_path
    from agents.local_engine import Engine, load

    return Engine(load(model_path(), LocalModel().choice.enabled, n_threads=2))


def prompt(turn: str) -> str:
    return gemma_prompt([{"role": "system", "content": RULES}, {"role": "user", "content": turn}])


def logits_for(engine, text: str) -> np.ndarray:
    tokens = engine.llama.tokenize(text.encode(), add_bos=True, special=True)
    engine.cache.prepare(tokens)
    engine.cache.remember()
    engine.cache.prepare(tokens)  # the exact repeat: served from whole blocks, the rest re-evaluated
    return np.ctypeslib.as_array(engine.llama._ctx.get_logits(), shape=(engine.llama.n_vocab(),)).copy()


def reply(engine, text: str) -> dict:
    return engine.complete(text, {"max_tokens": 12, "temperature": 0.0, "seed": 0}, [], None, threading.Event())


def test_logits_do_not_depend_on_what_was_evaluated_before(engine):
    target = prompt("You hold 2 wood. Goal: craft a wooden sword. What do you do?")
    engine.cache.snapshots.clear()
    engine.cache.clean = []
    fresh = logits_for(engine, target)
    histories = [prompt("Something else entirely, " * 30),                      # unrelated
                 prompt("You hold 2 wood. Goal: craft a stone axe instead."),   # diverges inside a block
                 target,                                                         # the same prompt again
                 prompt("You hold 2 wood. Goal: craft a wooden sword. What do you do? Think.")]  # a longer one
    for history in histories:
        reply(engine, history)
        assert np.array_equal(logits_for(engine, target), fresh)


def test_replies_are_identical_across_histories_and_snapshots(engine):
    turns = [prompt(f"Turn {i}: you hold {i} wood. What do you do?") for i in range(3)]
    first = [reply(engine, t) for t in turns]
    for other in ("Village night: who do you protect?", "Kitchen: an onion is on the counter."):
        reply(engine, prompt(other))
    second = [reply(engine, t) for t in reversed(turns)][::-1]
    assert [r["text"] for r in first] == [r["text"] for r in second]
    assert all(r["tokens_cached"] > 0 for r in second)


def test_started_with_extra_buffer_types_the_real_model_answers_falling_back_if_they_crash(tmp_path, monkeypatch):
    from agents.local import LocalModel
    from tests.agents.test_local_cpu import ZEN3

    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("GAMEHALL_LLAMA_EXTRA_BUFTS", raising=False)
    model = LocalModel(cpuinfo=ZEN3)  # claims no AMX: extra buffer types on, whatever this CPU really has
    try:
        answer = model.complete({"prompt": prompt("Say hello."), "tools": [], "tool_choice": None,
                                 "params": {"max_tokens": 4}}, threading.Event())
    finally:
        model.close()
    assert answer["tokens_out"] > 0
    log = (tmp_path / "local-model.log").read_text()
    assert log.count("--- worker for") == (1 if model.choice.enabled else 2)  # a crash shows as a second start
