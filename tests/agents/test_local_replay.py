"""The embedded model's reply is a pure function of its prompt: whatever was evaluated before it.

Real Gemma (the `model` mark). Logits are compared bit for bit: llama.cpp gives a token evaluated alone
different numbers from the same token in a batch, so reusing an arbitrary cached prefix would fail here.
"""

import threading

import numpy as np
import pytest

from agents.local import gemma_prompt, gemma_segments

pytestmark = pytest.mark.model

RULES = "You play Forge, a crafting game. Gather, craft and fight to reach the goal. " * 12


@pytest.fixture(scope="module")
def engine():
    from agents.local import LocalModel, model_path
    from agents.local_engine import Engine, load

    return Engine(load(model_path(), LocalModel().choice.enabled, n_threads=2))


def chat(turn: str) -> list[dict]:
    return [{"role": "system", "content": RULES}, {"role": "user", "content": turn}]


def prompt(turn: str) -> str:
    return gemma_prompt(chat(turn))


def tokens_and_cuts(engine, turn: str, cut: str) -> tuple[list[int], list[int]]:
    """The prompt's tokens and batch cuts as the engine makes them: at its messages, or every BLOCK tokens."""
    from agents.local_engine import _Generation

    run = _Generation(engine, prompt(turn), {}, threading.Event(), None,
                      gemma_segments(chat(turn)) if cut == "messages" else None)
    return run.tokens, run.cuts


def logits_for(engine, turn: str, cut: str) -> np.ndarray:
    tokens, cuts = tokens_and_cuts(engine, turn, cut)
    engine.cache.prepare(tokens, cuts)
    engine.cache.remember()
    engine.cache.prepare(tokens, cuts)  # the exact repeat: served from whole batches, the last re-evaluated
    return np.ctypeslib.as_array(engine.llama._ctx.get_logits(), shape=(engine.llama.n_vocab(),)).copy()


def reply(engine, turn: str, cut: str = "messages") -> dict:
    segments = {"segments": gemma_segments(chat(turn))} if cut == "messages" else {}
    return engine.complete(prompt(turn), {"max_tokens": 12, "temperature": 0.0, "seed": 0}, [], None,
                           threading.Event(), **segments)


@pytest.mark.parametrize("cut", ["messages", "blocks"])
def test_logits_do_not_depend_on_what_was_evaluated_before(engine, cut):
    target = "You hold 2 wood. Goal: craft a wooden sword. What do you do?"
    engine.cache.snapshots.clear()
    engine.cache.clean, engine.cache.cuts = [], []
    fresh = logits_for(engine, target, cut)
    histories = ["Something else entirely, " * 30,                      # unrelated
                 "You hold 2 wood. Goal: craft a stone axe instead.",   # diverges inside a batch
                 target,                                                 # the same prompt again
                 "You hold 2 wood. Goal: craft a wooden sword. What do you do? Think."]  # a longer one
    for history in histories:
        for how in ("messages", "blocks"):  # whatever cut the call before used
            reply(engine, history, how)
            assert np.array_equal(logits_for(engine, target, cut), fresh)


@pytest.mark.parametrize("cut", ["messages", "blocks"])
def test_replies_are_identical_across_histories_and_snapshots(engine, cut):
    turns = [f"Turn {i}: you hold {i} wood. What do you do?" for i in range(3)]
    first = [reply(engine, t, cut) for t in turns]
    for other in ("Village night: who do you protect?", "Kitchen: an onion is on the counter."):
        reply(engine, other, cut)
    second = [reply(engine, t, cut) for t in reversed(turns)][::-1]
    assert [r["text"] for r in first] == [r["text"] for r in second]
    assert all(r["tokens_cached"] > 0 for r in second)


def test_a_snapshot_restored_after_another_games_prompt_gives_the_fresh_logits(engine):
    """The rules' snapshot is restored (the live state holds another system text), then the turn evaluated."""
    target = "You hold 3 wood. What now?"
    engine.cache.snapshots.clear()
    engine.cache.clean, engine.cache.cuts = [], []
    fresh = logits_for(engine, target, "messages")
    for turn in ("You hold 1 wood.", "Goal: a stone axe. " * 20):
        reply(engine, turn)
        other = [{"role": "system", "content": "You play Village, a werewolf game. " * 15},
                 {"role": "user", "content": "Night 1: who do you protect?"}]
        engine.complete(gemma_prompt(other), {"max_tokens": 6, "temperature": 0.0}, [], None, threading.Event(),
                        segments=gemma_segments(other))
        assert np.array_equal(logits_for(engine, target, "messages"), fresh)


def test_cut_at_messages_the_rules_are_reused_whole(engine):
    """The system text with the rules is one batch: a new turn reuses all of it, not whole 64-token blocks."""
    first, second = tokens_and_cuts(engine, "Turn 1.", "messages"), tokens_and_cuts(engine, "Turn 2.", "messages")
    rules_end = first[1][0]
    assert second[1][0] == rules_end and first[0][:rules_end] == second[0][:rules_end]
    reply(engine, "Turn 1.")
    assert reply(engine, "Turn 2.")["tokens_cached"] == rules_end


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
