"""Each world's server, played to the end through the in-memory client; secrets stay with their seats."""

import asyncio
import json

import pytest
from mcp import Client

from servers.serve import build_server
from tests.servers.players import call, play_to_end

GAMES = {
    "forge": {"tier": 2},
    "kitchen": {"layout": "cramped_room", "rules": "classic"},
    "village": {"players": 5},
}


@pytest.mark.parametrize("world", sorted(GAMES))
async def test_a_full_game_with_a_scripted_player(world):
    server = build_server(world)
    async with Client(server.mcp) as client:
        created = await call(client, "new_game", options=GAMES[world], seed=3)
        final = await play_to_end(client, created["seat_token"])
    assert final["done"] and final["result"] is not None


@pytest.mark.parametrize("world", sorted(GAMES))
async def test_the_expert_plays_through_suggest(world):
    server = build_server(world, hints=True)
    async with Client(server.mcp) as client:
        view = await call(client, "new_game", options=GAMES[world], seed=1)
        token = view["seat_token"]
        while not view["done"]:
            command = (await call(client, "suggest", seat_token=token))["command"]
            view = await call(client, "act", seat_token=token, command=command)
    assert view["result"]["success"] or world == "village"


@pytest.mark.parametrize("world,options", [("kitchen", GAMES["kitchen"]), ("village", {"players": 6})])
async def test_two_clients_share_one_game(world, options):
    server = build_server(world)
    async with Client(server.mcp) as alice, Client(server.mcp) as bob:
        created = await call(alice, "new_game", options=options, seed=2, players=2)
        joined = await call(bob, "join_game", game_id=created["game_id"])
        assert created["seat"] != joined["seat"]
        views = await asyncio.gather(play_to_end(alice, created["seat_token"]), play_to_end(bob, joined["seat_token"]))
    assert all(v["done"] for v in views)


async def test_kitchen_realtime_runs_its_clock_in_the_server():
    server = build_server("kitchen")
    async with Client(server.mcp) as client:
        options = {**GAMES["kitchen"], "clock": "realtime", "tick_hz": 50}
        created = await call(client, "new_game", options=options, seed=0)
        await asyncio.sleep(0.3)
        view = await call(client, "observe", seat_token=created["seat_token"])
    assert view["tick"] >= 5


async def test_in_a_realtime_game_the_bots_move_from_the_first_tick_as_in_lockstep():
    """A bot that skipped tick 0 played a different game than the lockstep calibration's, so the expert
    through MCP scored 125 normalised on a realtime Kitchen task instead of 100."""
    server = build_server("kitchen")
    async with Client(server.mcp) as client:
        options = {**GAMES["kitchen"], "clock": "realtime", "tick_hz": 50}
        created = await call(client, "new_game", options=options, seed=0)
        await asyncio.sleep(0.2)
        session = server.table.games[created["game_id"]].session
        first_tick = next(i for i, e in enumerate(session.events) if e.kind == "tick")
    bot_moves = [e for e in session.events[:first_tick] if e.kind == "action" and e.seat != created["seat"]]
    assert len(bot_moves) == 1


async def test_a_village_seat_sees_no_other_seats_secrets():
    server = build_server("village")
    async with Client(server.mcp) as client:
        created = await call(client, "new_game", options={"players": 8, "wolves": 2}, seed=4, seat="random")
        token, me = created["seat_token"], created["seat"]
        seen = [json.dumps(created)]
        view = created
        while not view["done"]:
            if view["awaiting_you"]:
                for command in ("inspect Ava", "kill Ben", "vote Zed", "say " + "x" * 50):
                    seen.append(json.dumps(await call(client, "act", seat_token=token, command=command)))
                view = await play_one(client, token, view)
            else:
                view = await call(client, "wait", seat_token=token, timeout_s=1)
            seen.append(json.dumps(view))
        session = next(iter(server.table.games.values())).session
    secrets = [e for e in session.events if e.to is not None and me not in e.to]
    revealed_at_end = json.dumps(view["result"])
    text = "\n".join(seen[:-1])  # the last view carries the end-of-game reveal
    for event in secrets:
        for value in event.data.values():
            if isinstance(value, str) and len(value) > 12:
                assert value not in text, f"{me} saw a secret meant for {sorted(event.to)}: {value!r}"
    assert "roles" in revealed_at_end


async def play_one(client, token, view):
    legal = [a for a in view["legal_actions"] if "<" not in a]
    return await call(client, "act", seat_token=token, command=legal[0])


async def test_another_seats_token_is_the_only_way_to_it():
    server = build_server("village")
    async with Client(server.mcp) as client:
        created = await call(client, "new_game", options={"players": 5}, seed=0, clients=2, data=True)
        other = created["open_seats"][0]
        join = await client.call_tool("join_game", {"game_id": created["game_id"], "seat": created["seat"]})
        assert join.is_error and "taken" in join.content[0].text
        forged = await client.call_tool("observe", {"seat_token": created["seat_token"][:-2] + "xx"})
        assert forged.is_error and created["seat_token"][:8] not in forged.content[0].text
        assert other not in json.dumps(created["data"].get("known_roles", {}))
