"""Preemption on the real embedded model (the `model` mark): an urgent request run between two tokens of a
long generation leaves both replies exactly as they are alone (the state put aside is put back bit for bit)."""

import threading

import pytest

from agents.local import gemma_prompt
from tests.agents.test_local_replay import engine  # noqa: F401 - the module-scoped real engine

pytestmark = pytest.mark.model

PLAN = gemma_prompt([{"role": "user", "content": "Write a plan for cooking onion soup with a partner, step by step."}])
PICK = gemma_prompt([{"role": "user", "content": "Pick one: fetch onion, fill pot, serve. Answer with the name."}])
PARAMS = {"temperature": 0.0, "seed": 0}


class Once:
    """Asks for the urgent request at the `at`-th token boundary, once."""

    def __init__(self, engine, at: int) -> None:  # noqa: F811
        self.engine, self.at, self.seen, self.reply = engine, at, 0, None

    def waiting(self) -> bool:
        self.seen += 1
        return self.seen == self.at

    def serve(self) -> None:
        self.reply = self.engine.complete(PICK, {**PARAMS, "max_tokens": 8}, [], None, threading.Event())


def test_a_preempted_generation_and_the_urgent_one_reply_as_they_would_alone(engine):  # noqa: F811
    alone_plan = engine.complete(PLAN, {**PARAMS, "max_tokens": 48}, [], None, threading.Event())["text"]
    alone_pick = engine.complete(PICK, {**PARAMS, "max_tokens": 8}, [], None, threading.Event())["text"]
    for at in (3, 20):
        urgent = Once(engine, at)
        preempted = engine.complete(PLAN, {**PARAMS, "max_tokens": 48}, [], None, threading.Event(), urgent)
        assert urgent.reply is not None and urgent.reply["text"] == alone_pick
        assert preempted["text"] == alone_plan, at
