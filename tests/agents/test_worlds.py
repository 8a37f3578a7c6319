"""Every agent kind through whole episodes of each world server that exists (forge, kitchen, village)."""

import pytest
from mcp import Client

import envs
from agents import AgentSpec, SeatClient, build_agent
from tests.agents.fakes import ScriptedModel, player

WORLDS = [w for w in ("forge", "kitchen", "village") if w in envs.WORLDS]
LIMIT = 1_000  # far above any episode (Kitchen classic: 400 ticks), so every game plays to its end
SPECS = [
    AgentSpec(kind="random", seed=2, max_steps=LIMIT),
    AgentSpec(kind="expert", max_steps=LIMIT),
    AgentSpec(kind="llm", model="fake/scripted", max_steps=LIMIT),
    AgentSpec(kind="hierarchical", model="fake/scripted", max_steps=LIMIT),
    AgentSpec(kind="hierarchical", model="fake/scripted", ablation="fast-only", max_steps=LIMIT),
    AgentSpec(kind="hierarchical", model="fake/scripted", ablation="no-executor", max_steps=LIMIT),
]
OPTIONS = {"kitchen": {"clock": "lockstep"}}


async def play(world: str, spec: AgentSpec, options: dict | None = None):
    from servers.serve import build_server

    server = build_server(world, hints=True)
    model = ScriptedModel(player())
    events: list[dict] = []
    async with Client(server.mcp) as client:
        created = (await client.call_tool("new_game", {"options": options or {}, "seed": 1})).structured_content
        seat = SeatClient(client, created["seat_token"], world, on_event=events.append)
        await build_agent(spec, completion=model, backoff_s=0.0).play(seat)
        session = server.table.games[created["game_id"]].session
    return seat, session, model, events


@pytest.mark.parametrize("world", WORLDS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.label.split(":")[0] + f"-{s.ablation}")
async def test_each_agent_plays_a_whole_episode(world, spec):
    seat, session, model, events = await play(world, spec, OPTIONS.get(world))
    assert session.done and seat.stop_reason is None and session.result is not None
    assert seat.usage.steps > 0 and seat.usage.invalid_actions == 0
    if spec.kind in ("llm", "hierarchical"):
        assert seat.usage.model_calls == len(model.requests) and seat.usage.tokens_in == 50 * len(model.requests)
        assert all(e["seat"] == seat.seat for e in events)
        kinds = {e["kind"] for e in events}
        assert {"thought", "observation", "model_call"} <= kinds <= {"thought", "observation", "model_call"}


@pytest.mark.skipif("forge" not in WORLDS, reason="no forge server yet")
async def test_the_expert_solves_a_forge_task_and_random_does_worse():
    _, expert, _, _ = await play("forge", AgentSpec(kind="expert"))
    _, random, _, _ = await play("forge", AgentSpec(kind="random", seed=2))
    assert expert.result.success and expert.result.score > random.result.score
