"""The llm and hierarchical agents with memory: they write their games, show won games as examples, and say
which ones on the model_call event. Nim has no abstract names of its own: the generic signature serves."""

import sqlite3

from agents import AgentSpec, build_agent
from agents.memory.store import read_episodes
from tests.agents.conftest import nim_server, table
from tests.agents.fakes import ScriptedModel, player


def spec(kind: str, path, **memory) -> AgentSpec:
    extra = {"model": "fake/scripted"} if kind == "llm" else {"slow_model": "fake/slow", "fast_model": "fake/fast"}
    return AgentSpec(kind=kind, memory={"path": str(path), **memory}, max_steps=40, **extra)


def won(path) -> None:
    """Mark every stored game won (Nim's bot may win; the examples need a won game)."""
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE episodes SET success = 1")
    db.close()


async def play(agent_spec: AgentSpec, model: ScriptedModel, stones: int = 12, server=None, **kwargs):
    async with table(server) as nim:
        seat = await nim.seat(options={"stones": stones}, seed=3)
        await build_agent(agent_spec, completion=model, backoff_s=0.0, **kwargs).play(seat)
        return nim.events


async def test_the_llm_agent_writes_its_game_then_sees_it_as_step_examples(tmp_path):
    path = tmp_path / "m.sqlite"
    await play(spec("llm", path, write=True, k=0), ScriptedModel(player()), constrained=True)
    [stored] = read_episodes(path)
    assert stored.world == "nim" and stored.steps and stored.steps[0].choice == "take 1"
    assert all(s.tool == "act" and s.signature for s in stored.steps)
    won(path)
    before = path.read_bytes()

    model = ScriptedModel(player())
    events = await play(spec("llm", path, k=2), model, constrained=True)
    first = model.requests[0]["messages"][-1]["content"]
    assert "Moves that won past games" in first and "-> take 1" in first
    calls = [e["data"] for e in events if e["kind"] == "model_call"]
    assert calls[0]["memory"] and {m["episode"] for m in calls[0]["memory"]} == {stored.id}
    assert path.read_bytes() == before  # write: false leaves the store alone


async def test_plan_mode_puts_whole_won_games_in_the_system_prompt(tmp_path):
    path = tmp_path / "m.sqlite"
    await play(spec("llm", path, write=True, k=0), ScriptedModel(player()), constrained=True)
    won(path)
    model = ScriptedModel(player())
    await play(spec("llm", path, k=1, mode="plan"), model, constrained=True)
    system = model.requests[0]["messages"][0]["content"]
    assert "Past games like this one that were won" in system and "moves: take 1 ; take 1" in system
    assert "Moves that won past games" not in model.requests[0]["messages"][-1]["content"]


async def test_no_won_game_means_no_examples_and_an_empty_memory_note(tmp_path):
    path = tmp_path / "m.sqlite"
    await play(spec("llm", path, write=True, k=0), ScriptedModel(player()), constrained=True)
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE episodes SET success = 0")
    db.close()
    model = ScriptedModel(player())
    events = await play(spec("llm", path, k=3), model, constrained=True)
    assert "Moves that won" not in model.requests[0]["messages"][-1]["content"]
    assert [e["data"]["memory"] for e in events if e["kind"] == "model_call"][0] == []


async def test_the_hierarchical_minds_get_steps_and_plans_and_the_plan_is_stored(tmp_path):
    path = tmp_path / "m.sqlite"
    slow, fast = ScriptedModel(player(plan_text="take two at a time")), ScriptedModel(player())
    await play(spec("hierarchical", path, write=True, k=0), fast, stones=300, slow_completion=slow,
               fast_completion=fast)
    [stored] = read_episodes(path)
    assert stored.plan == "take two at a time"
    assert {s.tool for s in stored.steps} <= {"run_macro", "act"} and stored.steps
    won(path)
    slow, fast = ScriptedModel(player(plan_text="again")), ScriptedModel(player())
    events = await play(spec("hierarchical", path, k=2), fast, stones=300, slow_completion=slow,
                        fast_completion=fast)
    minds = {e["data"]["mind"] for e in events if e["kind"] == "model_call" and e["data"].get("memory")}
    assert "slow" in minds
    slow_prompt = slow.requests[0]["messages"][-1]["content"]
    assert "Past games like this one that were won" in slow_prompt and "take two at a time" in slow_prompt


async def test_the_fast_mind_sees_step_examples_where_it_has_options(tmp_path):
    path = tmp_path / "m.sqlite"
    agent = spec("hierarchical", path, write=True, k=0).model_copy(update={"ablation": "fast-only"})
    await play(agent, ScriptedModel(player(pick=-1)), server=nim_server())  # no macros: take 1, 2 or 3
    [stored] = read_episodes(path)
    assert stored.steps[0].tool == "act" and stored.steps[0].choice == "take 3"
    won(path)
    fast = ScriptedModel(player())
    reader = spec("hierarchical", path, k=1).model_copy(update={"ablation": "fast-only"})
    events = await play(reader, fast, server=nim_server())
    assert "-> take 3" in fast.requests[0]["messages"][-1]["content"]
    assert [e["data"]["mind"] for e in events if e["kind"] == "model_call" and e["data"]["memory"]][0] == "fast"
