"""A model that never makes a usable move: counted, slowed, bounded; the seat token never reaches it.

Each kind of bad reply an endpoint gives (text only, a tool that does not exist, wrong argument names,
`{}`) is a step and an invalid action; the agent stops at its step limit, or after max_bad_replies in a
row, never re-asking in a tight loop.
"""

import json

import httpx
import litellm
import pytest

from agents import AgentError, AgentSpec, build_agent
from agents.model import ModelClient
from agents.seat import SeatClient
from tests.agents.conftest import table
from tests.agents.fakes import ScriptedModel, response

BAD_REPLIES = {
    "text only": "I think I will explore.",
    "unknown tool": [("explore", {"direction": "north"})],
    "wrong argument names": [("act", {"cmd": "take 1"})],
    "empty arguments": [("act", {})],
}


def agent(model, **spec):
    return build_agent(AgentSpec(kind="llm", model="fake/bad", **spec), completion=model, backoff_s=0.0)


@pytest.mark.parametrize("kind", list(BAD_REPLIES))
async def test_each_bad_reply_is_a_step_and_an_invalid_action_and_the_step_limit_holds(kind):
    model = ScriptedModel(lambda request: BAD_REPLIES[kind])
    async with table() as nim:
        seat = await nim.seat()
        await agent(model, max_steps=5).play(seat)
    assert seat.stop_reason == "max_steps"
    assert len(model.requests) == 5 and seat.usage.steps == 5 and seat.usage.invalid_actions == 5


async def test_without_a_step_limit_it_gives_up_after_max_bad_replies():
    model = ScriptedModel(lambda request: BAD_REPLIES["text only"])
    async with table() as nim:
        seat = await nim.seat()
        with pytest.raises(AgentError, match="no usable move in 6 replies in a row; last: text without a tool"):
            await agent(model, max_bad_replies=6).play(seat)
    assert len(model.requests) == 6 and seat.stop_reason == "max_bad_replies"


async def test_bad_replies_back_off_before_asking_again(monkeypatch):
    pauses = []

    async def fake_sleep(seconds):
        pauses.append(seconds)

    import agents.llm

    monkeypatch.setattr(agents.llm.asyncio, "sleep", fake_sleep)
    model = ScriptedModel(lambda request: BAD_REPLIES["text only"])
    async with table() as nim:
        seat = await nim.seat()
        spec = AgentSpec(kind="llm", model="fake/bad", max_steps=7)
        await build_agent(spec, completion=model, backoff_s=0.5).play(seat)
    assert pauses[:6] == [0.5, 1.0, 2.0, 4.0, 8.0, 10.0]


async def test_the_seat_token_never_reaches_the_model_through_an_error():
    model = ScriptedModel(lambda request: BAD_REPLIES["empty arguments"])
    async with table() as nim:
        seat = await nim.seat()
        token = seat._token
        await agent(model, max_steps=4).play(seat)
        logged = json.dumps(nim.events)
    assert model.requests and token not in json.dumps(model.requests, default=str)
    assert token not in logged
    assert any("missing argument 'command'" in json.dumps(r["messages"]) for r in model.requests[1:]), (
        "the model reads what was wrong (the server names it, with no argument values)")


async def test_a_huge_echoed_argument_is_cut_in_what_the_model_reads():
    huge = "x" * 1_000_000
    model = ScriptedModel(lambda request: [("act", {"command": huge})])
    async with table() as nim:
        seat = await nim.seat()
        await agent(model, max_steps=2).play(seat)
    results = [m["content"] for r in model.requests for m in r["messages"] if m["role"] == "tool"]
    feedback = [m["content"] for r in model.requests for m in r["messages"] if m["role"] == "user"]
    assert results and max(len(text) for text in results + feedback) < 5_000


class RateLimited:
    """Answers 429 with a Retry-After header `times` times, then a move."""

    def __init__(self, retry_after: str, times: int = 1) -> None:
        self.retry_after, self.times, self.calls = retry_after, times, 0

    async def __call__(self, **request):
        self.calls += 1
        if self.calls <= self.times:
            reply = httpx.Response(429, headers={"Retry-After": self.retry_after},
                                   request=httpx.Request("POST", "http://fake/v1/chat/completions"))
            raise litellm.RateLimitError("slow down", llm_provider="fake", model=request["model"], response=reply)
        return response([("act", {"command": "take 1"})])


def client(model, pauses):
    async def fake_sleep(seconds):
        pauses.append(seconds)

    seat = SeatClient(client=None, seat_token="t", world="nim")
    return ModelClient("fake/limited", seat, "llm", completion=model, backoff_s=0.5, sleep=fake_sleep)


async def test_retry_after_is_honoured():
    pauses = []
    reply = await client(RateLimited("2"), pauses).ask([{"role": "user", "content": "move"}])
    assert reply.tool_calls[0].name == "act" and pauses == [2.0]
    pauses.clear()
    await client(RateLimited("0.1", times=2), pauses).ask([{"role": "user", "content": "move"}])
    assert pauses == [0.5, 1.0]  # a shorter Retry-After than the backoff keeps the backoff


async def test_a_retry_after_longer_than_an_agent_waits_ends_play_without_waiting():
    pauses = []
    with pytest.raises(AgentError, match="retry after 3600 s"):
        await client(RateLimited("3600"), pauses).ask([{"role": "user", "content": "move"}])
    assert pauses == []
