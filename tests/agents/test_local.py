"""The embedded local model: prompt format and grammars offline; the real Gemma behind the `model` mark."""

import os

import pytest
from mcp import Client

from agents import AgentSpec, SeatClient, build_agent
from agents.grammar import arguments, one_of, single_enum
from agents.local import gemma_prompt
from tests.agents.test_worlds import WORLDS

CRAFT = {"type": "object", "required": ["item", "qty"],
         "properties": {"item": {"type": "string"}, "qty": {"type": "integer"}}}


def test_gemma_prompt_folds_system_into_the_user_turn_and_ends_on_the_model_turn():
    text = gemma_prompt([{"role": "system", "content": "Rules."}, {"role": "user", "content": "Move?"},
                         {"role": "assistant", "content": None, "tool_calls": [
                             {"id": "1", "type": "function", "function": {"name": "act", "arguments": "{}"}}]},
                         {"role": "tool", "tool_call_id": "1", "content": "accepted"}])
    assert text == ("<start_of_turn>user\nRules.\n\nMove?<end_of_turn>\n<start_of_turn>model\nact({})<end_of_turn>\n"
                    "<start_of_turn>user\nTool result: accepted<end_of_turn>\n<start_of_turn>model\n")


def test_grammars_compile_for_enums_and_typed_arguments():
    llama_cpp = pytest.importorskip("llama_cpp")
    options = ['say "hi"', "move ember imp lair", "take 1", "back\\slash"]
    for grammar in (one_of(options), arguments(CRAFT)):
        assert llama_cpp.LlamaGrammar.from_string(grammar, verbose=False) is not None
    assert single_enum({"required": ["command"], "properties": {"command": {"enum": options}}}) == ("command", options)
    assert single_enum(CRAFT) is None
    with pytest.raises(ValueError, match="at least one option"):
        one_of([])


@pytest.mark.model
async def test_local_gemma_makes_grammar_bound_tool_calls_through_litellm():
    from agents.model import litellm_completion

    completion = litellm_completion()
    tools = [{"type": "function", "function": {"name": "craft", "description": "Craft.", "parameters": CRAFT}}]
    reply = await completion(model="local/gemma-3-270m", tools=tools, max_tokens=24,
                             tool_choice={"type": "function", "function": {"name": "craft"}},
                             messages=[{"role": "user", "content": "Craft two iron swords."}])
    call = reply.choices[0].message.tool_calls[0]
    assert call.function.name == "craft" and reply.usage.prompt_tokens > 0
    args = __import__("json").loads(call.function.arguments)
    assert isinstance(args["item"], str) and isinstance(args["qty"], int)


@pytest.mark.model
@pytest.mark.parametrize("world", [w for w in ("forge", "kitchen") if w in WORLDS])
@pytest.mark.parametrize("kind", ["llm", "hierarchical"])
async def test_local_gemma_plays_a_short_episode_end_to_end(world, kind):
    from servers.serve import build_server

    server = build_server(world)
    options = {"kitchen": {"clock": "lockstep"}}.get(world, {})
    async with Client(server.mcp) as client:
        created = (await client.call_tool("new_game", {"options": options, "seed": 1})).structured_content
        seat = SeatClient(client, created["seat_token"], world)
        spec = AgentSpec(kind=kind, max_steps=int(os.environ.get("GAMEHALL_MODEL_STEPS", "4")), call_timeout_s=120)
        await build_agent(spec).play(seat)
    usage = seat.usage
    assert usage.model_calls > 0 and usage.tokens_in > 0 and usage.tokens_out > 0 and usage.cost_usd == 0.0
    assert seat.stop_reason in (None, "max_steps") and usage.steps > 0


def test_batches_are_cut_where_messages_end_and_long_ones_every_max_batch():
    from agents.local_engine import BLOCK, MAX_BATCH, batch_cuts

    assert batch_cuts([400, 300, 5], 705) == [400, 700]  # the model's turn marker is the last batch
    assert batch_cuts([MAX_BATCH * 2 + 10, 20], MAX_BATCH * 2 + 30) == [MAX_BATCH, MAX_BATCH * 2, MAX_BATCH * 2 + 10]
    assert batch_cuts(None, 3 * BLOCK) == [BLOCK, 2 * BLOCK]  # a bare string: every BLOCK, the last batch kept


def test_a_cached_state_is_reused_only_up_to_a_cut_both_prompts_share_with_all_before_it():
    from agents.local_engine import reusable

    cached, cached_cuts = list(range(100)), [40, 100]
    assert reusable(cached, cached_cuts, [*range(100), 7], [40, 100]) == 100
    assert reusable(cached, cached_cuts, [*range(60), 7, 7], [40, 61]) == 40  # diverges after the first cut
    assert reusable(cached, cached_cuts, [*range(39), 7], [39]) == 0  # diverges before it
    assert reusable(cached, cached_cuts, [*range(100), 7], [30, 100]) == 0  # same tokens, other batches


def test_the_prompt_is_cut_into_message_pieces_that_earlier_prompts_share():
    from agents.local import gemma_prompt, gemma_segments

    history = [{"role": "system", "content": "rules"}, {"role": "user", "content": "turn 1"},
               {"role": "assistant", "content": "move"}]
    earlier, later = history[:2], [*history, {"role": "user", "content": "turn 2"}]
    assert "".join(gemma_segments(later)) == gemma_prompt(later)
    assert gemma_segments(later)[:2] == gemma_segments(earlier)[:2]  # what a cache can serve the later prompt
