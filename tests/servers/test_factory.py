"""The factory's common tools, driven through the SDK's in-memory client against a toy world."""

import pytest
from mcp import Client

from servers.factory import WorldServer
from servers.spec import Limits
from tests.servers.conftest import nim_spec


async def call(client, tool, **args):
    result = await client.call_tool(tool, args)
    return result


async def test_every_tool_has_a_description_and_described_arguments(nim_server):
    async with Client(nim_server.mcp) as client:
        tools = (await client.list_tools()).tools
    names = {t.name for t in tools}
    assert {"new_game", "join_game", "observe", "wait", "act", "say", "leave"} <= names
    for tool in tools:
        assert tool.description
        for arg, schema in tool.input_schema.get("properties", {}).items():
            assert schema.get("description"), f"{tool.name}.{arg} has no description"
        assert tool.output_schema is not None


async def test_a_full_game_against_a_bot(nim_server):
    async with Client(nim_server.mcp) as client:
        created = (await call(client, "new_game", options={"stones": 9}, seed=3)).structured_content
        token = created["seat_token"]
        view = created
        while not view["done"]:
            view = (await call(client, "act", seat_token=token, command=view["legal_actions"][0])).structured_content
            assert view["accepted"]
        assert view["result"] is not None and view["result"]["seat_score"] in (0.0, 1.0)


async def test_an_illegal_move_is_a_normal_result_with_reason_and_legal_moves(nim_server):
    async with Client(nim_server.mcp) as client:
        token = (await call(client, "new_game", seed=1)).structured_content["seat_token"]
        result = await call(client, "act", seat_token=token, command="take 7")
        assert not result.is_error
        view = result.structured_content
        assert view["accepted"] is False and "not legal" in view["reason"] and view["legal_actions"]


async def test_bad_calls_raise_tool_errors_a_model_can_act_on(nim_server):
    async with Client(nim_server.mcp) as client:
        unknown = await call(client, "observe", seat_token="not-a-token")
        assert unknown.is_error and "new_game or join_game" in unknown.content[0].text
        bad_option = await call(client, "new_game", options={"stones": -1})
        assert bad_option.is_error and "stones" in bad_option.content[0].text
        missing = await client.call_tool("act", {"command": "take 1"})
        assert missing.is_error and "seat_token" in missing.content[0].text
        huge = await call(client, "act", seat_token="x", command="a" * 20_000)
        assert huge.is_error
        nogame = await call(client, "join_game", game_id="nope")
        assert nogame.is_error and "new_game" in nogame.content[0].text


async def test_two_clients_share_a_waiting_game_and_tokens_are_seat_bound():
    server = WorldServer(nim_spec())
    async with Client(server.mcp) as alice, Client(server.mcp) as bob:
        created = (await call(alice, "new_game", seed=5, players=2)).structured_content
        assert created["waiting_for_players"] == 1 and created["legal_actions"] == []
        early = (await call(alice, "act", seat_token=created["seat_token"], command="take 1"))
        assert early.is_error and "join_game" in early.content[0].text
        joined = (await call(bob, "join_game", game_id=created["game_id"])).structured_content
        tokens = {created["seat"]: created["seat_token"], joined["seat"]: joined["seat_token"]}
        assert created["seat_token"] != joined["seat_token"]
        done = False
        while not done:
            for seat, token in tokens.items():
                client = alice if token == created["seat_token"] else bob
                view = (await call(client, "wait", seat_token=token, timeout_s=1)).structured_content
                if view["done"]:
                    done = True
                    break
                if view["awaiting_you"]:
                    assert view["seat"] == seat
                    await call(client, "act", seat_token=token, command=view["legal_actions"][-1])
        assert server.table.games[created["game_id"]].session.done


async def test_leave_hands_the_seat_to_a_bot_that_finishes_the_game(nim_server):
    async with Client(nim_server.mcp) as client:
        created = (await call(client, "new_game", seed=2)).structured_content
        left = (await call(client, "leave", seat_token=created["seat_token"])).structured_content
        assert left["controller"] == "bot" and left["done"]


async def test_a_silent_client_loses_its_seat_to_a_bot():
    clock = [0.0]
    server = WorldServer(nim_spec(), Limits(seat_timeout_s=5.0))
    server.table._now = lambda: clock[0]
    async with Client(server.mcp) as alice, Client(server.mcp) as bob:
        created = (await call(alice, "new_game", seed=5, players=2)).structured_content
        joined = (await call(bob, "join_game", game_id=created["game_id"])).structured_content
        game = server.table.games[created["game_id"]]
        silent = next(iter(game.session.awaiting()))
        other = joined if silent == created["seat"] else created
        clock[0] = 60.0
        client = bob if other is joined else alice
        view = (await call(client, "observe", seat_token=other["seat_token"])).structured_content
        assert game.seats[silent].controller == "bot"
        assert view["awaiting_you"] or view["done"]


async def test_idle_games_are_reaped_and_their_result_kept():
    clock = [0.0]
    server = WorldServer(nim_spec(), Limits(idle_game_s=10.0))
    server.table._now = lambda: clock[0]
    async with Client(server.mcp) as client:
        created = (await call(client, "new_game", seed=2)).structured_content
        await call(client, "leave", seat_token=created["seat_token"])
        clock[0] = 100.0
        gone = await call(client, "join_game", game_id=created["game_id"])
        assert gone.is_error and "result" in gone.content[0].text
        assert created["game_id"] not in server.table.games


async def test_game_limit():
    server = WorldServer(nim_spec(), Limits(max_games=2))
    async with Client(server.mcp) as client:
        for _ in range(2):
            assert not (await call(client, "new_game")).is_error
        third = await call(client, "new_game")
        assert third.is_error and "limit" in third.content[0].text


async def test_resources_and_prompt(nim_server):
    async with Client(nim_server.mcp) as client:
        rules = await client.read_resource("rules://nim")
        assert "stones" in rules.contents[0].text
        created = (await call(client, "new_game", seed=1)).structured_content
        spectator = await client.read_resource(f"game://{created['game_id']}/spectator")
        assert "stones left" in spectator.contents[0].text
        prompt = await client.get_prompt("play", {})
        assert "seat_token" in prompt.messages[0].content.text


@pytest.mark.parametrize("seed", [0, 1])
async def test_same_seed_same_game_through_the_server(nim_server, seed):
    async with Client(nim_server.mcp) as client:
        a = (await call(client, "new_game", seed=seed)).structured_content
        b = (await call(client, "new_game", seed=seed)).structured_content
        assert a["observation"] == b["observation"]


async def test_suggest_exists_only_with_hints_and_gives_a_legal_move():
    plain = WorldServer(nim_spec())
    async with Client(plain.mcp) as client:
        assert "suggest" not in {t.name for t in (await client.list_tools()).tools}
    hinted = WorldServer(nim_spec(), hints=True)
    async with Client(hinted.mcp) as client:
        created = (await call(client, "new_game", seed=4)).structured_content
        hint = (await call(client, "suggest", seat_token=created["seat_token"], policy="random")).structured_content
        assert hint["command"] in created["legal_actions"]
        unknown = await call(client, "suggest", seat_token=created["seat_token"], policy="oracle")
        assert unknown.is_error and "random" in unknown.content[0].text
