"""The scripted baselines over MCP: random (seeded) and expert (the server's suggest tool)."""

import pytest

from agents import AgentError, AgentSpec, build_agent
from tests.agents.conftest import nim_server, table


def commands(session, seat="a"):
    return [e.data["command"] for e in session.events if e.kind == "action" and e.seat == seat]


async def test_random_plays_legal_moves_to_the_end():
    async with table() as nim:
        seat = await nim.seat(options={"stones": 20})
        await build_agent(AgentSpec(kind="random", seed=3)).play(seat)
        assert nim.session(seat).done and seat.stop_reason is None
        assert seat.usage.steps == len(commands(nim.session(seat))) and seat.usage.invalid_actions == 0


async def test_random_is_seeded():
    async with table() as nim:
        played = []
        for _ in range(2):
            seat = await nim.seat(options={"stones": 30}, seed=5)
            await build_agent(AgentSpec(kind="random", seed=11)).play(seat)
            played.append(commands(nim.session(seat)))
        assert played[0] == played[1] and len(played[0]) > 3


async def test_expert_plays_the_suggested_moves_to_the_end():
    async with table() as nim:
        seat = await nim.seat(options={"stones": 15})
        await build_agent(AgentSpec(kind="expert")).play(seat)
        assert nim.session(seat).done and seat.usage.invalid_actions == 0 and seat.usage.steps > 0


async def test_expert_without_hints_says_what_the_server_needs():
    async with table(nim_server()) as plain_nim:
        seat = await plain_nim.seat()
        with pytest.raises(AgentError, match="hints=True"):
            await build_agent(AgentSpec(kind="expert")).play(seat)


async def test_step_limit_ends_play_with_a_stop_reason():
    async with table() as nim:
        seat = await nim.seat(options={"stones": 40})
        await build_agent(AgentSpec(kind="random", max_steps=2)).play(seat)
        assert seat.stop_reason == "max_steps" and seat.usage.steps == 2 and not nim.session(seat).done


async def test_a_seat_the_server_no_longer_knows_ends_play_with_agent_error():
    from agents import SeatClient

    async with table() as nim:
        seat = SeatClient(nim.client, "stale-token", "nim")
        with pytest.raises(AgentError, match="unknown seat_token"):
            await build_agent(AgentSpec(kind="random")).play(seat)
