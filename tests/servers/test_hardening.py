"""Server faults found by hostile clients: slots freed, no role side channels, no force-starts, no stale speech."""

import json
import re
from contextlib import asynccontextmanager

import pytest
from mcp import Client

from servers.factory import WorldServer
from servers.serve import build_server
from servers.spec import Limits
from tests.worlds.nim import nim_spec


async def call(client, tool, **args):
    return await client.call_tool(tool, args)


async def test_finished_games_give_their_slots_back():
    server = WorldServer(nim_spec(), Limits(max_games=4))
    async with Client(server.mcp) as client:
        ids = []
        for _ in range(4):
            created = (await call(client, "new_game", seed=2)).structured_content
            ids.append(created["game_id"])
            await call(client, "leave", seat_token=created["seat_token"])  # a bot finishes each game at once
        assert all(g.session.done for g in server.table.games.values())
        fifth = await call(client, "new_game", seed=3)
        assert not fifth.is_error, fifth.content[0].text
        gone = await call(client, "join_game", game_id=ids[0])
        assert gone.is_error and "result" in gone.content[0].text  # the oldest retired, its result readable


async def test_games_nobody_joins_free_their_slot_soon():
    clock = [0.0]
    server = WorldServer(nim_spec(), Limits(max_games=2, waiting_game_s=30.0))
    server.table._now = lambda: clock[0]
    async with Client(server.mcp) as client:
        for _ in range(2):
            await call(client, "new_game", players=2)
        assert (await call(client, "new_game")).is_error
        clock[0] = 31.0
        assert not (await call(client, "new_game")).is_error


async def test_leave_revokes_the_token_and_cannot_force_start_a_waiting_game():
    server = WorldServer(nim_spec())
    async with Client(server.mcp) as alice, Client(server.mcp) as bob:
        created = (await call(alice, "new_game", players=2)).structured_content
        for _ in range(3):  # leave + observe used to lower the count of awaited players each time
            left = await call(alice, "leave", seat_token=created["seat_token"])
            again = await call(alice, "observe", seat_token=created["seat_token"])
            assert again.is_error and "unknown seat_token" in again.content[0].text
            if left.is_error:
                break
        game = server.table.games[created["game_id"]]
        assert not game.started and game.waiting_for == 2
        joined = await call(bob, "join_game", game_id=created["game_id"])
        assert not joined.is_error and not game.started


@asynccontextmanager
async def village_table(players=8):
    """An 8-seat Village game whose every seat is held by one client: (client, fake clock, role -> tokens)."""
    clock = [0.0]
    server = build_server("village", Limits(seat_timeout_s=5.0))
    server.table._now = lambda: clock[0]
    async with Client(server.mcp) as client:
        created = (await call(client, "new_game", options={"players": players}, players=players,
                              seed=3)).structured_content
        tokens = [created["seat_token"]]
        for _ in range(players - 1):
            joined = await call(client, "join_game", game_id=created["game_id"])
            tokens.append(joined.structured_content["seat_token"])
        roles: dict[str, list[str]] = {}
        for token in tokens:
            view = (await call(client, "observe", seat_token=token)).structured_content
            roles.setdefault(re.search(r"your role: (\w+)", view["observation"]).group(1), []).append(token)
        yield client, clock, roles


async def test_a_silent_night_role_is_handed_off_without_telling_the_table():
    async with village_table() as (client, clock, roles):
        villager = roles["villager"][0]
        clock[0] = 100.0  # everyone silent: at night only the wolves, seer and doctor are awaited
        view = (await call(client, "observe", seat_token=villager)).structured_content
        assert not [e for e in view["events"] if e["kind"] == "seat_handed_to_bot"]
        (summary,) = (await call(client, "list_games")).structured_content["result"]
        assert set(summary["seats"].values()) == {"taken"}


async def test_wolves_whispering_at_night_do_not_move_the_public_tick():
    async with village_table() as (client, _, roles):
        wolf, villager = roles["werewolf"][0], roles["villager"][0]
        before = (await call(client, "observe", seat_token=villager)).structured_content
        assert before["phase"].startswith("night")
        for text in ("take the seer", "agreed"):
            said = await call(client, "say", seat_token=wolf, text=text)
            assert not said.is_error, said.content[0].text
        after = (await call(client, "observe", seat_token=villager)).structured_content
        assert after["tick"] == before["tick"]
        assert "take the seer" not in json.dumps(after)


async def test_speech_written_for_a_phase_that_has_passed_is_not_said():
    async with village_table() as (client, _, roles):
        wolf = roles["werewolf"][0]
        night = (await call(client, "observe", seat_token=wolf)).structured_content["phase"]
        stale = await call(client, "say", seat_token=wolf, text="kill the seer", phase="day")
        assert stale.is_error and f"it is now {night}" in stale.content[0].text
        fresh = await call(client, "say", seat_token=wolf, text="kill the seer", phase=night)
        assert not fresh.is_error


@pytest.mark.parametrize("arg", ["gather ²", "craft iron bar ³"])
async def test_forge_superscript_counts_are_refused_not_crashed(arg):
    server = build_server("forge")
    async with Client(server.mcp) as client:
        created = (await call(client, "new_game", seed=1)).structured_content
        result = (await call(client, "act", seat_token=created["seat_token"], command=arg)).structured_content
        assert result["accepted"] is False and result["reason"]


@pytest.mark.parametrize("tick_hz", ["10", [1], 1e9, 1e-300, True, 5000])
async def test_bad_tick_rates_are_refused_with_the_range(tick_hz):
    server = build_server("kitchen")
    async with Client(server.mcp) as client:
        refused = await call(client, "new_game", options={"clock": "realtime", "tick_hz": tick_hz})
    assert refused.is_error and "tick_hz" in refused.content[0].text
