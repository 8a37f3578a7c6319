"""report_beliefs and reflect over the in-memory MCP client: due flags, once per round, private events."""

import pytest
from mcp import Client

from servers.serve import build_server
from servers.spec import Limits


async def call(client, tool, **args):
    result = await client.call_tool(tool, args)
    assert not result.is_error, result.content[0].text
    return result.structured_content


async def to_phase(client, token, phase):
    """Play `pass` (or the first legal move) until the seat is awaited in `phase` or the game ends."""
    view = await call(client, "observe", seat_token=token)
    while not view["done"] and not (view["awaiting_you"] and view["phase"] == phase):
        move = "pass" if "pass" in view["legal_actions"] else view["legal_actions"][0]
        view = await call(client, "act", seat_token=token, command=move)
    return view


async def test_beliefs_are_due_at_the_vote_once_per_day_and_stay_private():
    server = build_server("village", Limits())
    async with Client(server.mcp) as client:
        created = await call(client, "new_game", options={"players": 5}, seed=3, seat="Ava", data=True)
        token = created["seat_token"]
        assert not created["beliefs_due"] and created["belief_targets"] == []
        early = await call(client, "report_beliefs", seat_token=token, beliefs={"Ben": 0.5})
        assert not early["accepted"] and "no belief round" in early["reason"]
        view = await to_phase(client, token, "vote")
        assert view["beliefs_due"] and "Ava" not in view["belief_targets"]
        assert set(view["belief_targets"]) == set(view["data"]["alive"]) - {"Ava"}
        wanted = {name.lower(): 0.25 for name in view["belief_targets"]}
        recorded = await call(client, "report_beliefs", seat_token=token, beliefs=wanted)
        assert recorded == {"accepted": True, "reason": None, "round": "day 1"}
        again = await call(client, "report_beliefs", seat_token=token, beliefs=wanted)
        assert not again["accepted"] and "already" in again["reason"]
        assert not (await call(client, "observe", seat_token=token))["beliefs_due"]
        session = next(iter(server.table.games.values())).session
        belief = [e for e in session.events if e.kind == "belief"]
        assert len(belief) == 1 and belief[0].to == frozenset({"Ava"}) and belief[0].seat == "Ava"
        assert belief[0].data["beliefs"] == {name: 0.25 for name in view["belief_targets"]}


async def test_a_bad_name_or_probability_is_refused_with_a_message():
    server = build_server("village", Limits())
    async with Client(server.mcp) as client:
        token = (await call(client, "new_game", options={"players": 5}, seed=3, seat="Ava"))["seat_token"]
        await to_phase(client, token, "vote")
        for beliefs, message in (({"Zed": 0.5}, "no other player 'Zed'"), ({"Ava": 0.5}, "no other player 'Ava'"),
                                 ({"Ben": 1.5}, "from 0 to 1")):
            result = await client.call_tool("report_beliefs", {"seat_token": token, "beliefs": beliefs})
            assert result.is_error and message in result.content[0].text


async def test_a_reflection_is_taken_once_the_game_is_over_and_only_once():
    server = build_server("village", Limits())
    async with Client(server.mcp) as client:
        token = (await call(client, "new_game", options={"players": 5}, seed=3, seat="Ava"))["seat_token"]
        early = await call(client, "reflect", seat_token=token, text="too soon")
        assert not early["accepted"] and "over" in early["reason"]
        view = await to_phase(client, token, "never")
        assert view["done"] and view["reflection_due"]
        assert (await call(client, "reflect", seat_token=token, text="I  passed too much."))["accepted"]
        assert not (await call(client, "reflect", seat_token=token, text="again"))["accepted"]
        final = await call(client, "observe", seat_token=token)
        assert not final["reflection_due"]
        session = next(iter(server.table.games.values())).session
        assert [e.data["text"] for e in session.events if e.kind == "reflection"] == ["I passed too much."]


@pytest.mark.parametrize("world", ["forge", "kitchen"])
async def test_worlds_without_a_belief_round_offer_no_belief_tools(world):
    server = build_server(world, Limits())
    async with Client(server.mcp) as client:
        names = {t.name for t in (await client.list_tools()).tools}
    assert not names & {"report_beliefs", "reflect"}
