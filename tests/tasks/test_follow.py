"""Following a game as its referee: merge_by_seq puts the hidden lines a referee reads at the end back where they
happened in the log; the follower stops reading the moment the seats are done, and at the run's pace."""

import pytest

from tasks.follow import merge_by_seq


def line(seq, kind="action", to=None):
    return {"seq": seq, "kind": kind, "to": to}


def test_hidden_lines_go_back_between_the_world_lines_around_them_and_the_rest_keeps_its_order():
    started, obs, frame, finished = line(-1, "run_episode_started"), line(-1, "observation"), line(-1, "frame"), \
        line(-1, "run_episode_finished")
    lines = [started, line(0), obs, line(3), frame, line(4), line(1, "role", ["a"]), line(2, "role", ["b"]),
             line(5, "pack", ["b"]), finished]
    merged = merge_by_seq(lines)
    assert [(r["seq"], r["kind"]) for r in merged] == [
        (-1, "run_episode_started"), (0, "action"), (-1, "observation"), (1, "role"), (2, "role"), (3, "action"),
        (-1, "frame"), (4, "action"), (5, "pack"), (-1, "run_episode_finished")]


def test_a_log_without_hidden_lines_is_left_as_it_is():
    lines = [line(-1, "run_episode_started"), line(0), line(1)]
    assert merge_by_seq(lines) is lines


async def test_stop_gives_up_a_long_poll_at_once(monkeypatch):
    """The seats have finished but the game is not over (an agent limit): the follower's long-poll would hold
    for POLL_S with nothing to wake it. stop() cancels it; what is left is read by finish()."""
    import asyncio

    from mcp import Client

    from servers.factory import WorldServer
    from servers.spec import Limits
    from tasks import follow
    from tests.servers.conftest import nim_spec

    monkeypatch.setattr(follow, "POLL_S", 600.0)  # far past the guard below: only a cancelled poll ends in time
    server = WorldServer(nim_spec(), Limits(max_wait_s=600.0))
    async with Client(server.mcp) as client:
        created = (await client.call_tool("new_game", {"options": {}, "seed": 1, "referee": True})).structured_content
        lines = []
        follower = follow.GameFollower(client, created["referee_token"], lines.append)
        following = asyncio.create_task(follower.run())
        while not lines:  # the first read (the game's start) is in: the next one is the long wait
            await asyncio.sleep(0.01)
        await client.call_tool("act", {"seat_token": created["seat_token"], "command": "take 1"})
        follower.stop()
        final = await asyncio.wait_for(following, 60)
    assert not final["done"]
    assert any(line.get("kind") == "action" for line in lines)  # the move after the stop was still read


def test_a_run_reads_its_games_at_most_run_frame_hz_in_all():
    from tasks.follow import FRAME_HZ, RUN_FRAME_HZ, GameFollower, pace

    assert pace(1) == pace(4) == 1 / FRAME_HZ  # a few games: each at FRAME_HZ
    assert pace(64) == 64 / RUN_FRAME_HZ  # many: the run's budget shared
    assert GameFollower(None, "t", print, pace_s=0.0).pace_s == 1 / FRAME_HZ


@pytest.fixture
def nim_server():
    from servers.factory import WorldServer
    from servers.spec import Limits
    from tests.servers.conftest import nim_spec

    return WorldServer(nim_spec(), Limits(seat_timeout_s=5.0, idle_game_s=60.0))


class CountingClient:
    """The in-memory client, with the `since` of every referee read written down."""

    def __init__(self, client):
        self.client, self.reads = client, []

    async def call_tool(self, name, args):
        if name == "referee":
            self.reads.append(args["since"])
        return await self.client.call_tool(name, args)


async def _ended_nim(client):
    """A Nim game against the bot, played to its end; its creation (with referee and seat tokens)."""
    created = (await client.call_tool("new_game", {"options": {"stones": 7}, "seed": 3, "referee": True})
               ).structured_content
    view = created
    while not view["done"]:
        view = (await client.call_tool("act", {"seat_token": created["seat_token"],
                                               "command": view["legal_actions"][0]})).structured_content
    return created


async def test_finish_reads_a_game_whose_end_it_saw_once_from_the_start(nim_server):
    from mcp import Client

    from tasks.follow import GameFollower

    async with Client(nim_server.mcp) as client:
        created = await _ended_nim(client)
        game = nim_server.table.refereed(created["referee_token"])
        counting, lines = CountingClient(client), []
        follower = GameFollower(counting, created["referee_token"], lines.append)
        assert (await follower.poll())["done"]  # the end is seen while following
        counting.reads.clear()
        final = await follower.finish()
        assert counting.reads == [0]  # straight from seq 0: the hidden lines are in that one page
        assert final["done"] and final["hidden_included"] and not final["more"]
        seqs = [r["seq"] for r in lines if r.get("seq", -1) >= 0]
        assert sorted(seqs) == list(range(len(game.session.events)))  # read twice, emitted once


async def test_finish_of_an_end_it_did_not_see_reads_on_then_from_the_start(nim_server):
    from mcp import Client

    from tasks.follow import GameFollower

    async with Client(nim_server.mcp) as client:
        created = (await client.call_tool("new_game", {"options": {"stones": 7}, "seed": 3, "referee": True})
                   ).structured_content
        counting, lines = CountingClient(client), []
        follower = GameFollower(counting, created["referee_token"], lines.append)
        assert not (await follower.poll())["done"]
        view = created
        while not view["done"]:
            view = (await client.call_tool("act", {"seat_token": created["seat_token"],
                                                   "command": view["legal_actions"][0]})).structured_content
        since = follower.view["next_since"]
        counting.reads.clear()
        assert (await follower.finish())["done"]
        assert counting.reads == [since, 0]


async def test_a_log_longer_than_a_page_is_read_page_by_page_and_each_line_emitted_once(nim_server, monkeypatch):
    from mcp import Client

    from servers import referee
    from tasks.follow import GameFollower

    monkeypatch.setattr(referee, "MAX_EVENTS_PER_CALL", 3)
    async with Client(nim_server.mcp) as client:
        created = await _ended_nim(client)
        total = len(nim_server.table.refereed(created["referee_token"]).session.events)
        assert total > 6  # three pages at least
        first = (await client.call_tool("referee", {"referee_token": created["referee_token"]})).structured_content
        assert len(first["events"]) == 3 and first["more"] and first["next_since"] == 3
        counting, lines = CountingClient(client), []
        follower = GameFollower(counting, created["referee_token"], lines.append)
        follower.view = {"done": True}  # as if the end was seen: finish reads from seq 0
        final = await follower.finish()
        assert not final["more"] and final["next_since"] == total
        assert counting.reads == list(range(0, total, 3))  # no read past the last page
        assert sorted(r["seq"] for r in lines if r.get("seq", -1) >= 0) == list(range(total))
