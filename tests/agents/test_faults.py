"""A failing model endpoint: the agent retries transient faults, then ends with AgentError and the reason."""

import pytest

from agents import AgentError, AgentSpec, build_agent
from tests.agents.conftest import nim_server, table
from tests.agents.fakes import FaultyModel, ScriptedModel, player

RETRIES = 2


def agent(model, kind="llm", **spec):
    spec = AgentSpec(kind=kind, model="fake/flaky", retries=RETRIES, call_timeout_s=0.2, **spec)
    return build_agent(spec, completion=model, backoff_s=0.0)


@pytest.mark.parametrize(("fault", "reason"), [
    ("hang", "no reply within 0.2 s"),
    ("500", "InternalServerError 500"),
    ("rate_limit", "RateLimitError 429"),
    ("garbage", "unparseable arguments"),
    ("empty", "no choices"),
])
async def test_persistent_faults_are_retried_then_end_play_with_the_reason(fault, reason):
    model = FaultyModel(fault)
    async with table() as nim:
        seat = await nim.seat()
        with pytest.raises(AgentError, match=reason) as error:
            await agent(model).play(seat)
    assert f"failed {RETRIES + 1} times" in str(error.value) and "\n" not in str(error.value)
    assert len(model.requests) == RETRIES + 1 and seat.usage.retries == RETRIES


async def test_a_fault_no_retry_can_fix_ends_play_at_once():
    model = FaultyModel("401")
    async with table() as nim:
        with pytest.raises(AgentError, match="AuthenticationError 401"):
            await agent(model).play(await nim.seat())
    assert len(model.requests) == 1


@pytest.mark.parametrize("fault", ["hang", "500", "garbage"])
async def test_a_passing_fault_costs_a_retry_and_the_game_goes_on(fault):
    model = FaultyModel(fault, failures=1, planner=player())
    async with table() as nim:
        seat = await nim.seat(options={"stones": 8})
        await agent(model).play(seat)
        assert nim.session(seat).done and seat.usage.retries == 1


async def test_after_a_failed_run_a_second_agent_plays_normally():
    async with table() as nim:
        with pytest.raises(AgentError):
            await agent(FaultyModel("500")).play(await nim.seat())
        seat = await nim.seat(options={"stones": 10})
        await agent(ScriptedModel(player())).play(seat)
        assert nim.session(seat).done and seat.stop_reason is None


@pytest.mark.parametrize("ablation", ["full", "fast-only"])
async def test_the_hierarchical_agent_fails_the_same_way(ablation):
    async with table(nim_server()) as nim:  # no macros: the fast mind must ask its model every move
        seat = await nim.seat(options={"stones": 30})
        with pytest.raises(AgentError, match="InternalServerError"):
            await agent(FaultyModel("500"), kind="hierarchical", ablation=ablation).play(seat)


def test_cost_comes_from_the_price_map_and_unpriced_models_cost_nothing():
    from agents.model import cost_of
    from tests.agents.fakes import response

    reply = response([("act", {"command": "take 1"})], tokens_in=1000, tokens_out=100)
    assert cost_of(reply, "gpt-4o-mini") > 0
    assert cost_of(reply, "fake/unpriced") == 0.0 and cost_of(reply, "local/gemma-3-270m") == 0.0
