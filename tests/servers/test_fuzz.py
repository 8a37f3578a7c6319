"""A few thousand random calls, well-formed or not: the server keeps answering, never crashes inside a
tool (a crash would hide its message), and every game stays valid."""

import json

import numpy as np
import pytest
from mcp import Client

from servers.serve import build_server
from servers.spec import Limits

JUNK = [None, 0, -1, 2**40, 3.5, True, "", " ", "x" * 20_000, "\x00\x07", "'; drop table", [], {}, {"a": 1},
        "vote", "kill Ava", "say hi", "move up", "craft iron sword 2", "fetch onion", "interact", "up"]


def junk(rng):
    return JUNK[int(rng.integers(len(JUNK)))]


def random_args(rng, schema, tokens, game_ids):
    args = {}
    for name in schema.get("properties", {}):
        if rng.random() < 0.15:
            continue  # leave it out
        if name == "seat_token" and tokens and rng.random() < 0.8:
            args[name] = tokens[int(rng.integers(len(tokens)))]
        elif name == "game_id" and game_ids and rng.random() < 0.7:
            args[name] = game_ids[int(rng.integers(len(game_ids)))]
        else:
            args[name] = junk(rng)
    if rng.random() < 0.1:
        args["unexpected"] = junk(rng)
    return args


@pytest.mark.parametrize("world", ["forge", "kitchen", "village"])
async def test_random_calls_leave_the_server_answering_and_games_valid(world):
    rng = np.random.default_rng(7)
    server = build_server(world, Limits(max_games=6), hints=True)
    crashes = []
    async with Client(server.mcp) as client:
        tools = {t.name: t.input_schema for t in (await client.list_tools()).tools}
        names = sorted(tools)
        tokens, game_ids, answered = [], [], 0
        for seed in range(3):  # some real games for the random calls to land in
            created = (await client.call_tool("new_game", {"seed": seed})).structured_content
            tokens.append(created["seat_token"])
            game_ids.append(created["game_id"])
        for _ in range(3000):
            name = names[int(rng.integers(len(names)))]
            result = await client.call_tool(name, random_args(rng, tools[name], tokens, game_ids))
            text = result.content[0].text if result.content else ""
            if result.is_error and text.strip() == f"Error executing tool {name}":
                crashes.append((name, text))
            answered += not result.is_error
            content = result.structured_content or {}
            if content.get("seat_token"):
                tokens.append(content["seat_token"])
                game_ids.append(content["game_id"])
        assert not crashes, crashes[:5]
        assert answered > 100, "the fuzz should also reach the games, not only the validators"
        assert len(server.table.games) <= 6
        for game in server.table.games.values():
            for seat in game.session.seats:
                observation = game.session.observe(seat)
                json.dumps(dict(observation.data))
                assert isinstance(observation.text, str) and observation.text
        fresh = (await client.call_tool("list_games", {})).structured_content
        assert fresh is not None
