"""SeatClient: the token stays out of every schema, is filled in on every call, and usage is counted."""

import asyncio

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


async def test_seats_that_ask_for_the_tools_together_share_one_listing():
    """A run's first episodes all start at once: their seats wait for the one listing under way."""
    from mcp import Client

    from agents.seat import listed_tools

    server = nim_server()
    listings = []
    original = server.mcp.list_tools

    async def counted(*args, **kwargs):
        listings.append(1)
        await asyncio.sleep(0.01)  # still under way when the other seats ask
        return await original(*args, **kwargs)

    server.mcp.list_tools = counted
    async with Client(server.mcp) as client:
        listed = await asyncio.gather(*(listed_tools(client) for _ in range(8)))
    assert len(listings) == 1
    assert all([t.name for t in tools] == [t.name for t in listed[0]] for tools in listed) and listed[0]


async def test_a_listing_given_up_by_the_seat_that_began_it_is_made_again_for_the_seats_waiting_on_it():
    from mcp import Client

    from agents.seat import listed_tools

    server = nim_server()
    listings, release = [], asyncio.Event()
    original = server.mcp.list_tools

    async def held(*args, **kwargs):
        listings.append(1)
        if len(listings) == 1:
            await release.wait()
        return await original(*args, **kwargs)

    server.mcp.list_tools = held
    async with Client(server.mcp) as client:
        first = asyncio.create_task(listed_tools(client))
        while not listings:
            await asyncio.sleep(0.001)
        waiting = asyncio.create_task(listed_tools(client))
        await asyncio.sleep(0.01)
        first.cancel()
        tools = await asyncio.wait_for(waiting, 30)
        release.set()
    assert first.cancelled() and "act" in {t.name for t in tools} and len(listings) == 2


def busy_server():
    """A server whose `work` yields to the loop between its steps (as an in-memory call does), `hang` and
    `wait_for_turn` answer only once `release` is set; `seen` says how many calls of `work` overlapped."""
    from mcp.server.mcpserver import MCPServer

    mcp = MCPServer("busy")
    seen = {"now": 0, "most": 0, "order": []}
    release = asyncio.Event()

    async def work(n: int) -> str:
        seen["now"] += 1
        seen["most"] = max(seen["most"], seen["now"])
        for _ in range(5):
            await asyncio.sleep(0)
        seen["order"].append(n)
        seen["now"] -= 1
        return "done"

    async def hang() -> str:
        await release.wait()
        return "released"

    mcp.add_tool(work, name="work", description="Some work.")
    mcp.add_tool(hang, name="hang", description="Answers once released.")
    mcp.add_tool(hang, name="wait_for_turn", description="Answers once released.")
    return mcp, seen, release


async def test_calls_on_a_connection_that_takes_turns_run_one_at_a_time_in_the_order_they_were_made():
    from mcp import Client

    from agents.seat import call_tool, take_turns

    mcp, seen, _ = busy_server()
    async with Client(mcp) as client:
        await client.list_tools()
        await asyncio.gather(*(call_tool(client, "work", {"n": n}) for n in range(8)))
        assert seen["most"] > 1  # by default the loop interleaves them
        undo = take_turns(client)
        seen.update(most=0, order=[])
        await asyncio.gather(*(call_tool(client, "work", {"n": n}) for n in range(8)))
        assert seen["most"] == 1 and seen["order"] == list(range(8))
        undo()
        seen.update(most=0)
        await asyncio.gather(*(call_tool(client, "work", {"n": n}) for n in range(8)))
        assert seen["most"] > 1


async def test_a_call_that_waits_never_keeps_the_others_from_their_turn(monkeypatch):
    """A tool that waits for something takes no turn, and no call holds the turn past TURN_HOLD_S."""
    from mcp import Client

    import agents.seat
    from agents.seat import call_tool, take_turns

    mcp, _, release = busy_server()
    async with Client(mcp) as client:
        await client.list_tools()
        undo = take_turns(client)
        monkeypatch.setattr(agents.seat, "TURN_HOLD_S", 600.0)
        waits = [asyncio.create_task(call_tool(client, "wait_for_turn", {})),
                 asyncio.create_task(call_tool(client, "hang", {"timeout_s": 5}))]  # a long-poll: no turn
        await asyncio.sleep(0.01)
        assert not (await asyncio.wait_for(call_tool(client, "work", {"n": 1}), 30)).is_error
        monkeypatch.setattr(agents.seat, "TURN_HOLD_S", 0.01)
        hanging = asyncio.create_task(call_tool(client, "hang", {}))  # holds the turn, but only so long
        await asyncio.sleep(0.001)
        assert not (await asyncio.wait_for(call_tool(client, "work", {"n": 2}), 30)).is_error
        assert not hanging.done()
        release.set()
        answers = await asyncio.wait_for(asyncio.gather(hanging, *waits), 30)
        undo()
    assert [a.content[0].text for a in answers] == ["released"] * 3


async def test_on_a_connection_that_takes_turns_only_a_seats_moves_take_them():
    """A game's reads and set-up come in waves as whole episodes start and end together: they go at once."""
    from agents.seat import _TURNS, take_turns

    async with table() as nim:
        seat = await nim.seat()
        undo = take_turns(nim.client)
        turns = _TURNS[id(nim.client)]
        await turns.acquire()  # a move of another seat holds the turn
        try:
            view = await asyncio.wait_for(seat.observe(), 30)  # a read does not wait for it
            move = asyncio.create_task(seat.act(view["legal_actions"][0]))
            await asyncio.sleep(0.05)
            assert not move.done()  # a move does
        finally:
            turns.release()
        assert (await asyncio.wait_for(move, 30))["accepted"] is True
        undo()
