from mcp import Client

from servers.factory import WorldServer
from tests.servers.conftest import nim_spec


async def test_macros_list_and_run_to_the_end():
    server = WorldServer(nim_spec(macros=True))
    async with Client(server.mcp) as client:
        created = (await client.call_tool("new_game", {"options": {"stones": 30}, "seed": 1})).structured_content
        token = created["seat_token"]
        listed = (await client.call_tool("macros", {"seat_token": token})).structured_content
        assert listed["macros"][0]["name"] == "greedy 2" and listed["macros"][0]["feasible"]
        stones = server.table.games[created["game_id"]].session.state.stones
        result = (await client.call_tool("run_macro", {"seat_token": token, "name": "greedy 2"})).structured_content
        assert result["status"] == "done" and result["steps"] == 2
        assert server.table.games[created["game_id"]].session.state.stones < stones - 6 + 1


async def test_unknown_macro_is_a_tool_error_naming_the_macros():
    server = WorldServer(nim_spec(macros=True))
    async with Client(server.mcp) as client:
        token = (await client.call_tool("new_game", {"seed": 1})).structured_content["seat_token"]
        bad = await client.call_tool("run_macro", {"seat_token": token, "name": "fly"})
        assert bad.is_error and "greedy 2" in bad.content[0].text


async def test_worlds_without_a_macro_layer_have_no_macro_tools():
    server = WorldServer(nim_spec())
    async with Client(server.mcp) as client:
        names = {t.name for t in (await client.list_tools()).tools}
    assert "run_macro" not in names and "macros" not in names


async def test_macros_after_a_macro_list_its_forecast_and_plan_names_the_reactive_pick():
    from servers.serve import build_server

    server = build_server("kitchen")
    async with Client(server.mcp) as client:
        created = (await client.call_tool("new_game", {"options": {"clock": "realtime", "tick_hz": 10},
                                                       "seed": 1})).structured_content
        token = created["seat_token"]
        now = (await client.call_tool("macros", {"seat_token": token})).structured_content
        assert now["clock"] == "realtime" and now["observation"] is None and now["reactive"] is None
        ahead = (await client.call_tool("macros", {"seat_token": token, "after": "fetch onion",
                                                   "plan": "fill pot"})).structured_content
        feasible = {m["name"] for m in ahead["macros"] if m["feasible"]}
        assert "fetch onion" not in feasible and "fill pot" in feasible  # the onion is in hand by then
        assert "onion" in ahead["observation"] and ahead["reactive"] == "fill pot" and ahead["reactive_why"]
        bad = await client.call_tool("macros", {"seat_token": token, "after": "serve"})
        assert bad.is_error and "cannot begin" in bad.content[0].text
        session = server.table.games[created["game_id"]].session
        assert session.state.chefs[0].held is None  # a forecast never touches the live game
