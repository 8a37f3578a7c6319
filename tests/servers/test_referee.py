"""The referee tool: a token only for the creator who asks, spectator-level events while the game runs, the
whole log (secrets included), counts and result once it is over; long-poll; closing the game."""

import asyncio

from mcp import Client

from servers.serve import build_server


async def call(client, tool, **args):
    result = await client.call_tool(tool, args)
    assert not result.is_error, result.content[0].text
    return result.structured_content


async def test_only_a_creator_who_asks_gets_a_referee_token_and_seats_cannot_use_theirs(nim_server):
    async with Client(nim_server.mcp) as client:
        plain = await call(client, "new_game", options={"stones": 9}, seed=1)
        assert plain["referee_token"] is None
        created = await call(client, "new_game", options={"stones": 9}, seed=1, players=2, referee=True)
        joined = await call(client, "join_game", game_id=created["game_id"])
        assert created["referee_token"] and "referee_token" not in joined
        assert created["referee_token"] not in (created["seat_token"], joined["seat_token"])
        refused = await client.call_tool("referee", {"referee_token": joined["seat_token"]})
        assert refused.is_error and "unknown referee_token" in refused.content[0].text
        assert joined["seat_token"] not in refused.content[0].text


async def test_hidden_events_only_once_the_game_is_over():
    server = build_server("village", hints=True)
    async with Client(server.mcp) as client:
        created = await call(client, "new_game", options={"players": 5}, seed=0, referee=True)
        referee = created["referee_token"]
        early = await call(client, "referee", referee_token=referee)
        game = server.table.games[created["game_id"]]
        assert any(e.to is not None for e in game.session.events)  # roles were dealt in secret
        assert not early["done"] and not early["hidden_included"] and early["result"] is None
        assert all(e["to"] is None for e in early["events"]) and early["frame"]
        assert early["next_since"] == len(game.session.events)
        assert "latency_ms" not in early["stats"][created["seat"]]
        view = created
        while not view["done"]:
            command = (await call(client, "suggest", seat_token=created["seat_token"], policy="random"))["command"] \
                if view["awaiting_you"] else None
            view = await call(client, "act", seat_token=created["seat_token"], command=command) if command else \
                await call(client, "wait", seat_token=created["seat_token"], timeout_s=1)
        late = await call(client, "referee", referee_token=referee)
        assert late["done"] and late["hidden_included"] and late["result"]["seat_scores"]
        assert [e["seq"] for e in late["events"]] == list(range(len(game.session.events)))
        assert any(e["to"] is not None and e["kind"] == "role" for e in late["events"])
        stats = late["stats"][created["seat"]]
        assert stats["actions"] == game.session.stats[created["seat"]].actions and len(stats["latency_ms"]) > 0
        closed = await call(client, "close_game", referee_token=referee)
        assert closed["done"] and created["game_id"] not in server.table.games
        gone = await client.call_tool("referee", {"referee_token": referee})
        assert gone.is_error


async def test_the_referee_long_polls_until_something_new(nim_server):
    async with Client(nim_server.mcp) as client:
        created = await call(client, "new_game", options={"stones": 9}, seed=2, referee=True)
        first = await call(client, "referee", referee_token=created["referee_token"])
        since = first["next_since"]
        waiting = asyncio.create_task(call(client, "referee", referee_token=created["referee_token"], since=since,
                                           timeout_s=20))
        await asyncio.sleep(0.05)
        assert not waiting.done()  # nothing new yet: it waits
        await call(client, "act", seat_token=created["seat_token"], command=created["legal_actions"][0])
        woke = await waiting
        assert woke["events"] and woke["events"][0]["seq"] == since
