"""SeatClient: the token stays out of every schema, is filled in on every call, and usage is counted."""

import pytest

from agents import SeatClient, ToolRefused
from tests.agents.conftest import nim_server, table


async def test_tools_have_no_seat_token_and_calls_fill_it_in():
    async with table() as nim:
        seat = await nim.seat()
        tools = {t.name: t for t in await seat.tools()}
        assert {"act", "observe", "run_macro", "macros"} <= set(tools)
        for tool in tools.values():
            assert "seat_token" not in tool.parameters.get("properties", {})
            assert "seat_token" not in tool.parameters.get("required", [])
        view = await seat.observe()
        assert view["seat"] == "a" and view["legal_actions"]


async def test_moves_count_steps_and_refusals_count_invalid_actions():
    async with table() as nim:
        seat = await nim.seat()
        await seat.observe()
        refused = await seat.act("take 9")
        assert refused["accepted"] is False
        accepted = await seat.act(refused["legal_actions"][0])
        assert accepted["accepted"] is True
        assert seat.usage.steps == 2 and seat.usage.invalid_actions == 1


async def test_a_server_error_is_a_tool_refusal_with_the_servers_words():
    async with table() as nim:
        seat = SeatClient(nim.client, "not-a-token", "nim")
        with pytest.raises(ToolRefused, match="new_game or join_game"):
            await seat.observe()


async def test_thoughts_go_to_the_event_stream():
    async with table() as nim:
        seat = await nim.seat()
        await seat.observe()
        seat.thought("fast", "take 3")
        seen, thought = nim.events
        assert seen["kind"] == "observation" and seen["data"]["legal_actions"] and seen["data"]["text"]
        assert thought == {"kind": "thought", "seat": "a", "data": {"mind": "fast", "text": "take 3"}}


async def test_events_of_every_view_are_kept_until_drained():
    async with table() as nim:
        seat = await nim.seat()
        await seat.act("take 1")
        await seat.observe()
        kinds = [e["kind"] for e in seat.drain_events()]
        assert "action" in kinds and seat.drain_events() == []


async def test_seats_on_one_connection_list_the_tools_once_while_the_server_says_they_stay_fresh():
    """gamehall's servers give tools/list a day's ttlMs: the seats of a run, which share one connection per
    world, list once. A server without the hint is listed by every seat."""
    from mcp import Client
    from mcp.server.mcpserver import MCPServer

    from agents.seat import listed_tools

    server = nim_server()
    listings = []
    original = server.mcp.list_tools

    async def counted(*args, **kwargs):
        listings.append(1)
        return await original(*args, **kwargs)

    server.mcp.list_tools = counted
    async with Client(server.mcp) as client:
        for seed in range(3):
            created = await client.call_tool("new_game", {"options": {}, "seed": seed})
            seat = SeatClient(client, created.structured_content["seat_token"], "nim")
            assert "act" in {t.name for t in await seat.tools()}
            if seed == 0:
                after_first = len(listings)
    assert len(listings) == after_first  # (the SDK's own client lists once more to check new_game's result)

    plain = MCPServer("plain")
    plain.add_tool(lambda: "ok", name="ping", description="ping")
    async with Client(plain) as client:
        first, second = await listed_tools(client), await listed_tools(client)
    assert [t.name for t in first] == [t.name for t in second] == ["ping"]
    assert first is not second  # listed twice: no ttl, no keeping
