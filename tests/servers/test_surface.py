"""Issue 18's nine through the SDK's in-memory client, and what only an in-process server can show: every
world's do-nothing, a macro that outlasts one call, and the updates a pre-2026 client subscribes to."""

import asyncio

import jsonschema
import pytest
from mcp import Client

from servers.factory import WorldServer
from servers.serve import build_server, world_spec
from servers.spec import Limits
from tests.servers.surface import CHECKS, KITCHEN

pytestmark = pytest.mark.filterwarnings("ignore:resources/:DeprecationWarning")


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__.removeprefix("check_"))
async def test_in_memory(check):
    async with Client(build_server("kitchen").mcp) as client:
        await check(client)


@pytest.mark.parametrize("world,options,old", [("forge", {"tier": 1}, "wait"), ("kitchen", KITCHEN, "stay"),
                                               ("village", {"players": 7}, None)])
async def test_pass_is_every_worlds_do_nothing(world, options, old):
    async with Client(build_server(world).mcp) as client:
        created = (await client.call_tool("new_game", {"options": options, "seed": 2})).structured_content
        token = created["seat_token"]
        view = created if created["awaiting_you"] else (
            await client.call_tool("wait_for_turn", {"seat_token": token, "timeout_s": 5})).structured_content
        assert "pass" in view["legal_actions"] and not {"wait", "stay", "pass_turn"} & set(view["legal_actions"])
        assert (await client.call_tool("pass", {"seat_token": token})).structured_content["accepted"]
        if old is not None:
            view = (await client.call_tool("wait_for_turn", {"seat_token": token, "timeout_s": 5})).structured_content
            assert (await client.call_tool("act", {"seat_token": token, "command": old})).structured_content["accepted"]


async def test_village_table_size_is_an_option_not_clients():
    async with Client(build_server("village").mcp) as client:
        seven = (await client.call_tool("new_game", {"options": {"players": 7}})).structured_content
        assert len(seven["data"] if "data" in seven else seven["observation"]) and seven["waiting_for_players"] == 0
        assert "Table: 7 players" in seven["observation"]


async def test_run_macro_returns_running_and_goes_on():
    """A macro longer than one call's budget returns `running`; the same name goes on where it stopped."""
    server = WorldServer(world_spec("kitchen"), Limits(macro_call_s=0.3))
    options = {**KITCHEN, "clock": "realtime", "tick_hz": 8.0}
    async with Client(server.mcp) as client:
        token = (await client.call_tool("new_game", {"options": options, "seed": 1})).structured_content["seat_token"]
        statuses, steps = [], []
        for _ in range(60):
            ran = (await client.call_tool("run_macro", {"seat_token": token, "name": "fetch onion"})).structured_content
            statuses.append(ran["status"])
            steps.append(ran["steps"])
            if ran["status"] != "running":
                break
        assert statuses[0] == "running" and statuses[-1] == "done", statuses
        assert steps == sorted(steps) and steps[-1] >= 2, "each call goes on counting the same macro's moves"
        view = (await client.call_tool("observe", {"seat_token": token})).structured_content
        assert "holding onion" in view["observation"], "the macro did what one uninterrupted run does"


async def test_a_move_interrupts_a_running_macro():
    server = WorldServer(world_spec("kitchen"), Limits(macro_call_s=0.2))
    options = {**KITCHEN, "clock": "realtime", "tick_hz": 4.0}
    async with Client(server.mcp) as client:
        token = (await client.call_tool("new_game", {"options": options, "seed": 1})).structured_content["seat_token"]
        first = (await client.call_tool("run_macro", {"seat_token": token, "name": "fetch onion"})).structured_content
        assert first["status"] == "running"
        await client.call_tool("act", {"seat_token": token, "command": "pass"})
        after = (await client.call_tool("run_macro", {"seat_token": token, "name": "fetch onion"})).structured_content
        assert after["steps"] <= first["steps"] + 3, "a move in between starts the macro afresh"


async def test_legacy_clients_get_resource_updates():
    """A client of a protocol before 2026-07-28 subscribes with resources/subscribe and is told of changes."""
    updates = []

    async def on_message(message):
        if getattr(message, "method", "") == "notifications/resources/updated":
            updates.append(str(message.params.uri))

    async with Client(build_server("kitchen").mcp, mode="legacy", message_handler=on_message) as client:
        assert client.server_capabilities.resources.subscribe is True
        created = (await client.call_tool("new_game", {"options": KITCHEN, "seed": 1})).structured_content
        uri = f"game://{created['game_id']}/spectator"
        await client.subscribe_resource(uri)
        await client.call_tool("act", {"seat_token": created["seat_token"], "command": "pass"})
        for _ in range(50):
            if updates:
                break
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.1)  # any late notice would arrive by now
        assert updates == [uri], "one notice for the move, not one per event it made"
        await client.unsubscribe_resource(uri)


async def test_every_structured_result_matches_its_published_schema():
    """The SDK does not check our results against the schemas (that costs every call): this does, tool by tool."""
    async with Client(build_server("kitchen", hints=True).mcp) as client:
        schemas = {t.name: t.output_schema for t in (await client.list_tools()).tools}
        created = (await client.call_tool("new_game", {"options": KITCHEN, "referee": True})).structured_content
        token, referee = created["seat_token"], created["referee_token"]
        waiting = (await client.call_tool("new_game", {"options": KITCHEN, "clients": 2})).structured_content
        calls = [("new_game", {"options": KITCHEN}), ("observe", {"seat_token": token}),
                 ("wait_for_turn", {"seat_token": token, "timeout_s": 0}),
                 ("act", {"seat_token": token, "command": "up"}), ("say", {"seat_token": token, "text": "hi"}),
                 ("macros", {"seat_token": token}), ("run_macro", {"seat_token": token, "name": "fetch onion"}),
                 ("move", {"seat_token": token, "direction": "left"}), ("suggest", {"seat_token": token}),
                 ("list_games", {}), ("referee", {"referee_token": referee}),
                 ("join_game", {"game_id": waiting["game_id"]}), ("leave", {"seat_token": token}),
                 ("close_game", {"referee_token": referee})]
        for name, args in calls:
            result = await client.call_tool(name, args)
            assert not result.is_error, (name, result.content[0].text)
            jsonschema.validate(result.structured_content, schemas[name])
