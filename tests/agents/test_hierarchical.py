"""The hierarchical agent: slow mind beside the play, fast mind over macros, executor on the server."""

import asyncio

import pytest

import envs
from agents import AgentSpec, build_agent
from tests.agents.conftest import nim_server, table
from tests.agents.fakes import ScriptedModel, forced_options, player, response


def hierarchical(slow, fast, **spec):
    spec = AgentSpec(kind="hierarchical", slow_model="fake/slow", fast_model="fake/fast", **spec)
    return build_agent(spec, slow_completion=slow, fast_completion=fast, backoff_s=0.0)


def thoughts(events, mind):
    return [e["data"]["text"] for e in events if e["kind"] == "thought" and e["data"]["mind"] == mind]


async def test_full_agent_plays_macros_while_the_slow_mind_plans():
    slow, fast = ScriptedModel(player(plan_text="take two at a time")), ScriptedModel(player())
    async with table() as nim:
        seat = await nim.seat(options={"stones": 300})
        await hierarchical(slow, fast, max_steps=30).play(seat)  # room for the slow mind to answer
    assert any(t.startswith("macro greedy 2: done") for t in thoughts(nim.events, "executor"))
    assert "take two at a time" in thoughts(nim.events, "slow")
    assert {"slow", "executor"} <= set(seat.usage.latency_ms)
    assert all(r["tools"][0]["function"]["name"] == "plan" for r in slow.requests)


async def test_the_fast_mind_is_held_to_the_feasible_options():
    fast = ScriptedModel(player(pick=-1))
    async with table(nim_server()) as nim:  # no macro layer: the options are the legal actions
        seat = await nim.seat(options={"stones": 20})
        await hierarchical(ScriptedModel(), fast, ablation="fast-only").play(seat)
        assert nim.session(seat).done
    tool, argument, options = forced_options(fast.requests[0])
    assert (tool, argument, options) == ("act", "command", ["take 1", "take 2", "take 3"])
    assert len(seat.usage.latency_ms["fast"]) == len(fast.requests) and "slow" not in seat.usage.latency_ms


@pytest.mark.parametrize(("ablation", "minds"), [
    ("full", {"slow", "executor"}),
    ("fast-only", {"executor"}),
    ("slow-only", {"slow"}),
    ("no-executor", {"slow"}),
])
async def test_ablations_are_configurations(ablation, minds):
    slow, fast = ScriptedModel(player()), ScriptedModel(player())
    async with table() as nim:
        seat = await nim.seat(options={"stones": 300})
        await hierarchical(slow, fast, ablation=ablation, max_steps=30).play(seat)
        assert seat.stop_reason == "max_steps" and seat.usage.invalid_actions == 0
    assert minds <= set(seat.usage.latency_ms)
    assert ("executor" in seat.usage.latency_ms) == (ablation in ("full", "fast-only"))
    if ablation == "slow-only":
        assert forced_options(slow.requests[0])[0] == "act" and not fast.requests


async def test_the_slow_mind_talks_through_say():
    def chatty(request):
        return [("plan", {"plan": "keep taking"}), ("say", {"text": "good luck"})]

    async with table() as nim:
        seat = await nim.seat(options={"stones": 300})
        await hierarchical(ScriptedModel(chatty), ScriptedModel(), ablation="no-executor", max_steps=30).play(seat)
        said = [e for e in nim.session(seat).events if "good luck" in str(e.data)]
    assert said and said[0].seat == "a"  # Nim has no chat and refuses it, but the words reached the world
    assert "say: good luck" in thoughts(nim.events, "slow")


class SlowThinker:
    """A slow-mind fake that takes its time, and notes in the shared log when it starts and ends."""

    def __init__(self, log, seconds):
        self.log, self.seconds, self.requests = log, seconds, []

    async def __call__(self, **request):
        self.requests.append(request)
        self.log.append({"kind": "slow_started"})
        await asyncio.sleep(self.seconds)
        self.log.append({"kind": "slow_finished"})
        return response([("plan", {"plan": "grab stones fast"})])


async def test_in_realtime_macros_keep_running_while_the_slow_mind_thinks():
    server = nim_server(simultaneous=True, macros=True)
    async with table(server) as nim:
        seat = await nim.seat(options={"stones": 200, "clock": "realtime", "tick_hz": 20})
        slow = SlowThinker(nim.events, seconds=0.5)
        await hierarchical(slow, ScriptedModel(), max_steps=40).play(seat)
        session = nim.session(seat)
    kinds = [e["kind"] if e["kind"] != "thought" else e["data"]["mind"] for e in nim.events]
    first_start, first_end = kinds.index("slow_started"), kinds.index("slow_finished")
    during = kinds[first_start:first_end]
    assert during.count("executor") >= 2, kinds  # macros ran to their end while the slow mind was thinking
    assert session.tick_count > 2 and seat.usage.steps > 2


HAS_KITCHEN = "kitchen" in envs.WORLDS


def kitchen_table():
    from servers.serve import build_server

    return table(build_server("kitchen"))


@pytest.mark.skipif(not HAS_KITCHEN, reason="no kitchen server yet")
async def test_in_realtime_kitchen_the_chef_keeps_cooking_while_the_slow_mind_thinks():
    async with kitchen_table() as kitchen:
        seat = await kitchen.seat(options={"clock": "realtime", "tick_hz": 20})
        slow = SlowThinker(kitchen.events, seconds=1.0)
        await hierarchical(slow, ScriptedModel(), max_steps=8).play(seat)
        ticks = kitchen.session(seat).tick_count
    kinds = [e["kind"] if e["kind"] != "thought" else e["data"]["mind"] for e in kitchen.events]
    during = kinds[kinds.index("slow_started"):kinds.index("slow_finished")]
    assert during.count("executor") >= 1, kinds
    assert seat.stop_reason == "max_steps" and ticks > 10


class Interrupter:
    """A slow-mind fake that waits until a macro is under way, then interrupts it (once)."""

    def __init__(self, log):
        self.log, self.calls = log, 0

    async def __call__(self, **request):
        self.calls += 1
        if self.calls > 1:
            return response([("plan", {"plan": "carry on"})])
        while not any(e["kind"] == "thought" and e["data"]["mind"] == "fast" for e in self.log):
            await asyncio.sleep(0.01)
        return response([("interrupt", {"reason": "the pot matters more"})])


@pytest.mark.skipif(not HAS_KITCHEN, reason="no kitchen server yet")
async def test_the_slow_mind_can_interrupt_a_running_macro():
    async with kitchen_table() as kitchen:
        seat = await kitchen.seat(options={"clock": "realtime", "tick_hz": 10})
        await hierarchical(Interrupter(kitchen.events), ScriptedModel(), max_steps=4).play(seat)
    executor = thoughts(kitchen.events, "executor")
    interrupted = [i for i, t in enumerate(executor) if "interrupted: the pot matters more" in t]
    assert interrupted and len(executor) > interrupted[0] + 1  # and play went on with the next macro


async def test_time_limit_ends_play_mid_macro_without_an_error():
    server = nim_server(simultaneous=True, macros=True)
    async with table(server) as nim:
        seat = await nim.seat(options={"stones": 500, "clock": "realtime", "tick_hz": 20})
        await hierarchical(SlowThinker(nim.events, seconds=5.0), ScriptedModel(), max_seconds=0.5).play(seat)
        assert seat.stop_reason == "max_seconds" and not nim.session(seat).done


async def test_the_fast_minds_prompt_starts_with_the_rules_and_never_changes_there():
    """Who it is and the rules come first and stay the same all game: a prompt cache evaluates them once."""
    fast = ScriptedModel(player())
    async with table(nim_server()) as nim:  # no macros: the legal actions are the options, the model picks
        seat = await nim.seat(options={"stones": 40})
        await hierarchical(ScriptedModel(), fast, ablation="fast-only").play(seat)
        rules = nim.session(seat).world.rules_text()
    systems = {r["messages"][0]["content"] for r in fast.requests}
    assert len(fast.requests) > 3 and len(systems) == 1
    assert rules.strip()[:200] in systems.pop()
    turns = [r["messages"][1]["content"] for r in fast.requests]
    assert all(t.startswith("Plan: ") and "Tick " in t for t in turns)  # the tick follows the stable part
