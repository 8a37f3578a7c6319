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
