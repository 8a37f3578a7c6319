"""The worker's priorities: an urgent request (the fast mind's) preempts a running one (the slow mind's) at
a token boundary, and the preempted one resumes with the reply it would have had alone."""

import threading
import time

from agents.local_worker import Requests
from tests.agents.test_local_worker import fake  # noqa: F401 - the fixture

__all__ = ["fake"]


def _tokens(name: str, count: int, priority: int) -> dict:
    return {"prompt": f"tokens:{name}", "tools": [], "tool_choice": None, "params": {"max_tokens": count},
            "priority": priority}


def _in_thread(model, request, done: list) -> threading.Thread:
    def call() -> None:
        done.append((request["prompt"], model.complete(request, threading.Event())))

    thread = threading.Thread(target=call)
    thread.start()
    return thread


def test_an_urgent_request_preempts_a_long_one_which_then_resumes_unchanged(fake):  # noqa: F811
    model = fake("ok")
    alone = model.complete(_tokens("plan", 150, 0), threading.Event())["text"]
    done: list = []
    slow = _in_thread(model, _tokens("plan", 150, 0), done)
    time.sleep(0.3)  # the long one is generating (150 tokens of 10 ms)
    fast = _in_thread(model, _tokens("pick", 3, 1), done)
    fast.join(10)
    slow.join(10)
    assert [prompt for prompt, _ in done] == ["tokens:pick", "tokens:plan"]  # the urgent one answered first
    assert done[1][1]["text"] == alone  # the preempted reply is the one it had alone
    assert done[0][1]["text"] == "pick0 pick1 pick2"


def test_equal_priorities_keep_arrival_order_and_do_not_preempt(fake):  # noqa: F811
    model = fake("ok")
    done: list = []
    first = _in_thread(model, _tokens("first", 60, 0), done)
    time.sleep(0.2)
    second = _in_thread(model, _tokens("second", 2, 0), done)
    first.join(10)
    second.join(10)
    assert [prompt for prompt, _ in done] == ["tokens:first", "tokens:second"]


def test_the_queue_takes_the_most_urgent_first_then_in_arrival_order():
    requests = Requests()
    for rid, priority in ((1, 0), (2, 1), (3, 0), (4, 1)):
        requests.put({"id": rid, "priority": priority})
    assert requests.urgent(0) and not requests.urgent(1)
    assert requests.take(above=0)["id"] == 2
    assert [requests.take()["id"] for _ in range(3)] == [4, 1, 3]
    assert requests.take(above=0) is None
    requests.close()
    assert requests.take() is None
