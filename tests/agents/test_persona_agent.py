"""The LLM agent in a persona seat, driven by a scripted fake model through the Village server: the card
is in its system prompt, it speaks through a second forced call, reports beliefs when due, and reflects."""

from mcp import Client

from agents import AgentSpec, SeatClient, build_agent
from agents.persona import SAY, _probability
from servers.serve import build_server
from servers.spec import Limits
from tasks.personas import card

CARD = card("old-sailor").prompt_data()


def planner(request):
    forced = request["tool_choice"]["function"]["name"]
    tool = next(t["function"] for t in request["tools"] if t["function"]["name"] == forced)
    properties = tool["parameters"]["properties"]
    if forced == "report_beliefs":
        return [(forced, {name: 40 for name in properties})]  # percent: the agent reads 40 as 0.4
    if forced in ("say", "reflect"):
        return [(forced, {"text": "Mark my words, matey: steady as she goes."})]
    options = properties["command"]["enum"]
    return [(forced, {"command": SAY if SAY in options else options[0]})]


async def test_a_persona_seat_speaks_in_its_card_reports_beliefs_and_reflects():
    from tests.agents.fakes import ScriptedModel

    model = ScriptedModel(planner)
    server = build_server("village", Limits(seat_timeout_s=60.0))
    async with Client(server.mcp) as client:
        created = await client.call_tool("new_game", {"options": {"players": 5}, "seed": 3, "seat": "Ava"})
        seat = SeatClient(client, created.structured_content["seat_token"], "village")
        spec = AgentSpec(kind="llm", model="fake/small", persona="old-sailor", persona_card=CARD)
        await build_agent(spec, completion=model, constrained=True, backoff_s=0.0).play(seat)
        session = next(iter(server.table.games.values())).session
    system = model.requests[0]["messages"][0]["content"]
    assert "retired sea captain (old-sailor)" in system and '"Mark my words, matey."' in system
    said = [e for e in session.events if e.kind == "chat" and e.seat == "Ava"]
    assert said and all(e.data["text"] == "Mark my words, matey: steady as she goes." for e in said)
    beliefs = [e for e in session.events if e.kind == "belief" and e.seat == "Ava"]
    assert beliefs and all(set(v.values()) == {0.4} for v in (e.data["beliefs"] for e in beliefs))
    assert [e.data["round"] for e in beliefs] == [f"day {d + 1}" for d in range(len(beliefs))]
    assert [e.data["text"] for e in session.events if e.kind == "reflection"] == [
        "Mark my words, matey: steady as she goes."]


def test_model_numbers_become_probabilities():
    assert [_probability(v) for v in (0.3, 1, 40, 250, -2)] == [0.3, 1.0, 0.4, 1.0, 0.0]
