"""Issue 20's server items: an error names what was wrong and never echoes what was sent (2); an unknown
prompt is a clean error with no traceback in the log (6); a flood of legacy sessions neither grows the server
nor locks other clients out (9)."""

import logging

import httpx2
import pytest
from mcp import Client

from servers import sessions
from servers.loopback import loopback
from servers.serve import build_server
from servers.sessions import own_hosts
from tests.servers.surface import KITCHEN

pytestmark = pytest.mark.filterwarnings("ignore:resources/:DeprecationWarning")
MEGABYTE = "x" * 1_000_000


@pytest.mark.parametrize("tool,args", [
    ("act", {}), ("act", {"command": MEGABYTE}), ("say", {"text": ""}), ("wait_for_turn", {"timeout_s": "soon"}),
    ("act", {"command": "pass", "extra": MEGABYTE}), ("run_macro", {"name": MEGABYTE}),
])
async def test_an_argument_error_echoes_neither_the_token_nor_the_value(tool, args):
    async with Client(build_server("kitchen").mcp) as client:
        token = (await client.call_tool("new_game", {"options": KITCHEN})).structured_content["seat_token"]
        result = await client.call_tool(tool, {"seat_token": token, **args})
        text = result.content[0].text
        assert result.is_error and token not in text and "xxxxxxxxxx" not in text and len(text) <= 600
        assert "input_value" not in text and f"{tool}: " in text and "Arguments: seat_token" in text


async def test_a_huge_option_value_is_cut_and_the_token_never_shown():
    async with Client(build_server("forge").mcp) as client:
        result = await client.call_tool("new_game", {"options": {"tier": MEGABYTE}})
        assert result.is_error and len(result.content[0].text) < 600
        referee = await client.call_tool("referee", {"referee_token": "r" * 150})
        assert referee.is_error and "r" * 150 not in referee.content[0].text


async def test_an_unknown_prompt_is_a_clean_error(caplog):
    caplog.set_level(logging.DEBUG)
    async with Client(build_server("kitchen").mcp) as client:
        with pytest.raises(Exception) as refused:  # noqa: PT011 - the SDK's MCPError
            await client.get_prompt("nope")
        assert "no prompt 'nope'; prompts: play" in str(refused.value)
        assert (await client.get_prompt("play")).messages
    assert not [r for r in caplog.records if r.exc_info], "no traceback logged"


async def test_a_flood_of_legacy_sessions_neither_grows_nor_locks_out(monkeypatch):
    monkeypatch.setattr(sessions, "MAX_SESSIONS", 3)
    servers = {"kitchen": build_server("kitchen")}
    hello = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "flood", "version": "1"}}
    async with loopback(servers) as (template, token):
        url = template.format(world="kitchen")
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json, text/event-stream"}
        async with httpx2.AsyncClient(timeout=30) as http:
            statuses = [(await http.post(url, headers=headers, json={"jsonrpc": "2.0", "id": n, "method": "initialize",
                                                                      "params": hello})).status_code
                        for n in range(12)]
        assert statuses == [200] * 12, "no 503 at the limit: the longest idle session made room"
        assert len(servers["kitchen"].mcp.session_manager._server_instances) <= 3
        from tasks.remote import remote_client

        async with remote_client(url, token) as client:
            created = await client.call_tool("new_game", {"options": KITCHEN})
            assert not created.is_error


def test_the_hosts_a_server_answers_to():
    assert own_hosts("127.0.0.1", 8765) == ["127.0.0.1:8765", "[::1]:8765", "localhost:8765"]
    assert own_hosts("10.1.2.3", 80, ["games.example"]) == ["10.1.2.3:80", "games.example:80"]
    assert "localhost:*" not in own_hosts("0.0.0.0", 9000) and "localhost:9000" in own_hosts("0.0.0.0", 9000)
