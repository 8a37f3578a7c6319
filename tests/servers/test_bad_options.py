"""Tick rates the issue found playing 400 ticks in under a second or never ticking, beyond those
test_hardening refuses: a missing or non-finite rate reaches the MCP transport as null and the game runs
at the world's default rate, never at NaN or infinity."""

import pytest
from mcp import Client

from servers.serve import build_server


@pytest.mark.parametrize("tick_hz", [None, float("nan"), float("inf")], ids=["null", "nan", "inf"])
async def test_a_missing_or_non_finite_tick_rate_plays_at_the_default_rate(tick_hz):
    server = build_server("kitchen")
    async with Client(server.mcp) as client:
        created = await client.call_tool("new_game", {"options": {"clock": "realtime", "tick_hz": tick_hz}})
        assert not created.is_error, created.content[0].text
        session = server.table.games[created.structured_content["game_id"]].session
    assert session.clock == "realtime" and session.tick_hz == server.spec.session_options["tick_hz"]
