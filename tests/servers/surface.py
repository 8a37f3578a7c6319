"""The MCP surface as an outside agent author meets it (issue 18), as checks any client can run: the same nine
run through the SDK's in-memory client (test_surface.py) and against `gamehall serve` subprocesses over
stdio and HTTP (test_surface_transports.py). Each plays Kitchen, the world with macros, templates and a clock."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

KITCHEN = {"layout": "cramped_room", "rules": "classic"}


async def new(client: Any, **args: Any) -> tuple[dict[str, Any], str]:
    result = await client.call_tool("new_game", {"options": KITCHEN, "seed": 3, **args})
    assert not result.is_error, result.content[0].text
    return result.structured_content, result.content[0].text


async def error_text(client: Any, tool: str, args: dict[str, Any]) -> str:
    result = await client.call_tool(tool, args)
    assert result.is_error, f"{tool}({args}) was accepted"
    return result.content[0].text


async def check_1_clients_is_one_name(client: Any) -> None:
    """`clients` is how many MCP clients to seat; table sizes are options; `players` is a deprecated alias."""
    waiting, text = await new(client, clients=2)
    assert waiting["waiting_for_players"] == 1 and waiting["legal_actions"] == []
    assert "waiting for 1 more client(s) to join_game" in text
    refused = await error_text(client, "new_game", {"options": KITCHEN, "clients": 3})
    assert "clients must be between 1 and 2" in refused and "not the table size" in refused
    old, old_text = await new(client, players=2)
    assert old["waiting_for_players"] == 1 and "players is deprecated: use clients" in old_text
    schema = await tool_schema(client, "new_game")
    assert schema["properties"]["players"]["description"].startswith("Deprecated")


async def check_2_unknown_arguments_refused(client: Any) -> None:
    refused = await error_text(client, "new_game", {"options": KITCHEN, "tier": 5})
    assert "unknown argument 'tier'" in refused and "options, seed, seat, clients" in refused
    for tool in (await client.list_tools()).tools:
        assert tool.input_schema.get("additionalProperties") is False, tool.name


async def check_3_one_do_nothing_and_a_free_wait(client: Any) -> None:
    view, _ = await new(client)
    token = view["seat_token"]
    assert "pass" in view["legal_actions"] and "stay" not in view["legal_actions"]
    tools = {t.name: t for t in (await client.list_tools()).tools}
    assert {"wait_for_turn", "pass"} <= set(tools)
    assert tools["wait"].description.startswith("Deprecated") and tools["stay"].description.startswith("Deprecated")
    now = await client.call_tool("wait_for_turn", {"seat_token": token, "timeout_s": 5})
    assert now.structured_content["awaiting_you"] and now.structured_content["tick"] == view["tick"]
    assert now.content[0].text.startswith("It is your move: wait_for_turn returns at once")
    passed = (await client.call_tool("act", {"seat_token": token, "command": "pass"})).structured_content
    assert passed["accepted"] and passed["tick"] == view["tick"] + 1
    old = (await client.call_tool("act", {"seat_token": token, "command": "stay"})).structured_content
    assert old["accepted"], "the old spelling still plays for one release"


async def check_4_legal_actions_are_playable(client: Any) -> None:
    view, _ = await new(client)
    assert not [a for a in view["legal_actions"] if "<" in a]
    assert view["templates"] == ["say <text>"]
    said = await client.call_tool("act", {"seat_token": view["seat_token"], "command": "say hello chef"})
    assert said.structured_content["accepted"]
    for command in view["legal_actions"]:
        assert (await client.call_tool("act", {"seat_token": view["seat_token"], "command": command})
                ).structured_content["accepted"], command


async def check_5_seat_token_shown_once_and_revoked(client: Any) -> None:
    view, text = await new(client)
    token = view["seat_token"]
    assert token in text, "the call that issues the token says it (text-only clients need it)"
    for tool, args in (("observe", {}), ("act", {"command": "pass"}), ("wait_for_turn", {"timeout_s": 0}),
                       ("macros", {}), ("run_macro", {"name": "fetch onion"})):
        result = await client.call_tool(tool, {"seat_token": token, **args})
        assert token not in json.dumps([c.model_dump() for c in result.content]), tool
    for bad in ({"seat_token": token}, {"seat_token": token, "command": "x" * 20_000}):
        assert token not in await error_text(client, "act", bad)
    left = await client.call_tool("leave", {"seat_token": token})
    assert not left.is_error and token not in left.content[0].text
    assert "unknown seat_token" in await error_text(client, "observe", {"seat_token": token})


async def check_6_run_macro_reports_progress(client: Any) -> None:
    view, _ = await new(client)
    progress: list[float] = []

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        progress.append(done)

    result = await client.call_tool("run_macro", {"seat_token": view["seat_token"], "name": "fetch onion"},
                                    progress_callback=on_progress)
    ran = result.structured_content
    assert ran["status"] == "done" and ran["steps"] >= 1 and f"macro fetch onion: done after {ran['steps']}" in (
        result.content[0].text)
    assert progress == [float(n) for n in range(1, ran["steps"] + 1)]
    description = (await tool(client, "run_macro")).description
    assert "status running means it goes on" in description


async def check_7_resources_listed(client: Any) -> None:
    listed = {str(r.uri) for r in (await client.list_resources()).resources}
    assert "rules://kitchen" in listed
    rules = await client.read_resource("rules://kitchen")
    assert "pass" in rules.contents[0].text
    templates = {t.uri_template for t in (await client.list_resource_templates()).resource_templates}
    assert "game://{game_id}/spectator" in templates


async def check_8_titles_and_annotations(client: Any) -> None:
    tools = {t.name: t for t in (await client.list_tools()).tools}
    for name, listed in tools.items():
        assert listed.title and listed.annotations is not None, name
        assert listed.annotations.open_world_hint is False, name
    for name in ("observe", "wait_for_turn", "list_games", "macros", "referee"):
        assert tools[name].annotations.read_only_hint is True, name
    for name in ("act", "say", "run_macro", "new_game", "pass", "move"):
        assert tools[name].annotations.read_only_hint is False and not tools[name].annotations.destructive_hint
    for name in ("leave", "close_game"):
        assert tools[name].annotations.destructive_hint is True, name


async def check_9_compact_results(client: Any) -> None:
    view, _ = await new(client)
    result = await client.call_tool("act", {"seat_token": view["seat_token"], "command": "pass"})
    text, structured = result.content[0].text, result.structured_content
    assert not text.lstrip().startswith("{"), "the text is for a model, not a JSON dump"
    assert structured["observation"] in text and "Legal commands: up | down" in text
    assert len(text.encode()) < 1_200 and "data" not in structured
    jsonschema.validate(structured, (await tool(client, "act")).output_schema)
    assert all("legal_actions" not in (e["data"] or {}) for e in structured["events"])
    detailed, _ = await new(client, data=True)
    assert detailed["data"]["layout"] == "cramped_room"


CHECKS = [check_1_clients_is_one_name, check_2_unknown_arguments_refused, check_3_one_do_nothing_and_a_free_wait,
          check_4_legal_actions_are_playable, check_5_seat_token_shown_once_and_revoked,
          check_6_run_macro_reports_progress, check_7_resources_listed, check_8_titles_and_annotations,
          check_9_compact_results]


async def tool(client: Any, name: str) -> Any:
    return next(t for t in (await client.list_tools()).tools if t.name == name)


async def tool_schema(client: Any, name: str) -> dict[str, Any]:
    return (await tool(client, name)).input_schema
