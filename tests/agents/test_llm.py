"""The LLM agent driven through whole games by a scripted fake model over the in-memory MCP client."""

from agents import AgentSpec, build_agent
from tests.agents.conftest import table
from tests.agents.fakes import ScriptedModel, forced_options, legal_in_prompt, player


def llm(model: ScriptedModel, **spec) -> object:
    return build_agent(AgentSpec(kind="llm", model="fake/scripted", **spec), completion=model, backoff_s=0.0)


async def test_a_full_game_with_every_playing_tool_offered():
    model = ScriptedModel(player(pick=-1))
    async with table() as nim:
        seat = await nim.seat(options={"stones": 20})
        await llm(model).play(seat)
        assert nim.session(seat).done and seat.stop_reason is None
    offered = {t["function"]["name"] for t in model.requests[0]["tools"]}
    assert {"act", "run_macro", "macros", "say"} <= offered
    assert not offered & {"new_game", "join_game", "leave", "list_games", "suggest"}
    assert all("seat_token" not in t["function"]["parameters"]["properties"] for t in model.requests[0]["tools"])
    assert seat.usage.model_calls == len(model.requests) == seat.usage.steps
    assert seat.usage.tokens_in == 50 * len(model.requests) and seat.usage.tokens_out == 5 * len(model.requests)
    assert len(seat.usage.latency_ms["llm"]) == len(model.requests)


async def test_constrained_mode_forces_act_with_the_legal_commands_as_an_enum():
    model = ScriptedModel(player())
    async with table() as nim:
        seat = await nim.seat(options={"stones": 12})
        await build_agent(AgentSpec(kind="llm", model="fake/small"), completion=model, constrained=True).play(seat)
        assert nim.session(seat).done
    tool, argument, options = forced_options(model.requests[0])
    assert (tool, argument) == ("act", "command") and options == ["take 1", "take 2", "take 3"]


async def test_a_refused_move_comes_back_as_feedback_and_the_game_goes_on():
    def stubborn_then_legal(request):
        return [("act", {"command": "take 9"})] if len(model.requests) == 1 else player()(request)

    model = ScriptedModel(stubborn_then_legal)
    async with table() as nim:
        seat = await nim.seat(options={"stones": 10})
        await llm(model).play(seat)
        assert nim.session(seat).done
    assert seat.usage.invalid_actions == 1
    second = model.requests[1]["messages"]
    assert "refused" in second[-1]["content"] and "take 9" in second[-1]["content"]
    assert any(m["role"] == "tool" and m["content"].startswith("refused") for m in second)


async def test_history_is_bounded_and_what_fell_off_is_summarised():
    model = ScriptedModel(player())
    async with table() as nim:
        seat = await nim.seat(options={"stones": 40})
        await llm(model, history_turns=2).play(seat)
    last = model.requests[-1]["messages"]
    assert len(model.requests) > 6
    assert len(last) <= 1 + 1 + 2 * 3 + 1  # system, summary, two kept turns, the new turn
    assert last[1]["content"].startswith("Earlier in this game") and "take 1" in last[1]["content"]


async def test_a_text_only_reply_is_no_move_and_is_told_so():
    def chatty_then_playing(request):
        return "I think I should take some stones." if len(model.requests) == 1 else player()(request)

    model = ScriptedModel(chatty_then_playing)
    async with table() as nim:
        seat = await nim.seat(options={"stones": 8})
        await llm(model).play(seat)
        assert nim.session(seat).done
    assert seat.usage.invalid_actions == 1 and "no move" in model.requests[1]["messages"][-1]["content"]
    assert any(e["data"]["text"].startswith("I think") for e in nim.events if e["kind"] == "thought")


async def test_token_cost_and_step_limits_end_play_with_their_names():
    for limit, reason in [({"max_tokens": 120}, "max_tokens"), ({"max_steps": 1}, "max_steps"),
                          ({"max_cost_usd": 0.0}, "max_cost_usd")]:
        async with table() as nim:
            seat = await nim.seat(options={"stones": 40})
            await llm(ScriptedModel(player()), **limit).play(seat)
            assert seat.stop_reason == reason and not nim.session(seat).done


async def test_time_limit_ends_a_slow_model_without_an_error():
    async with table() as nim:
        seat = await nim.seat(options={"stones": 40})
        await llm(ScriptedModel(player(), delay=0.3), max_seconds=0.5).play(seat)
        assert seat.stop_reason == "max_seconds" and not nim.session(seat).done


async def test_the_prompt_carries_rules_observation_and_legal_actions():
    model = ScriptedModel(player())
    async with table() as nim:
        seat = await nim.seat(options={"stones": 6})
        await llm(model).play(seat)
    system, turn = model.requests[0]["messages"][0]["content"], model.requests[0]["messages"][-1]["content"]
    assert "Take 1-3 stones" in system and "nim" in system
    assert "stones left" in turn and legal_in_prompt(model.requests[0]) == ["take 1", "take 2", "take 3"]


async def test_constrained_mode_keeps_prompts_short():
    model = ScriptedModel(player())
    async with table() as nim:
        seat = await nim.seat(options={"stones": 40})
        await build_agent(AgentSpec(kind="llm", model="fake/small"), completion=model, constrained=True).play(seat)
    roles = [m["role"] for m in model.requests[-1]["messages"]]
    assert roles == ["system", "user", "user", "assistant", "tool", "user"]  # rules, summary, one turn, now
    kept = model.requests[-1]["messages"][2]["content"]
    assert kept.startswith("Tick") and "\n" not in kept


async def test_a_move_s_own_view_is_the_next_turn_s_no_observe_repeats_it():
    """The act result carries the view after the move (bots included): the agent plays on from it. It observes
    once, at the start, and again only after a turn that moved nothing (here: one refused move)."""
    def stubborn_then_legal(request):
        return [("act", {"command": "take 9"})] if len(model.requests) == 1 else player()(request)

    model = ScriptedModel(stubborn_then_legal)
    async with table() as nim:
        calls = []
        original = nim.server.mcp.call_tool

        async def counted(name, arguments, context=None):
            calls.append(name)
            return await original(name, arguments, context)

        nim.server.mcp.call_tool = counted
        seat = await nim.seat(options={"stones": 20})
        await llm(model).play(seat)
        assert nim.session(seat).done
    assert calls.count("act") == len(model.requests) > 3
    first, last = calls.index("act"), len(calls) - calls[::-1].index("act")
    assert calls[:first] == ["new_game", "observe"]
    assert calls[first:last].count("observe") == 1  # after the refused move only (the end's reflection may look)
