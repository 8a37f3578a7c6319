"""tasks/host.py: what a host changes in its process while it plays, and gives back after."""

import gc

from tasks.host import GC_THRESHOLD, fewer_collections


def test_collections_are_rarer_while_a_host_plays_and_as_before_after():
    before = gc.get_threshold()
    kept = [object()]  # loaded before the host plays: frozen out of the collector's scans
    with fewer_collections():
        assert gc.get_threshold() == GC_THRESHOLD
        assert gc.get_freeze_count() > 0
        cycle = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # rarer is not never: a cycle made meanwhile is still collected
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert kept


async def test_a_trusted_client_takes_its_own_servers_results_as_they_come_and_checks_them_again_after():
    """trust_results drops the client's check of each result against the tool's schema (its own server made the
    result from that schema's model); the undo brings the check back. A result off its schema shows which is on."""
    import pytest
    from mcp import Client
    from mcp_types import CallToolResult
    from pydantic import BaseModel

    from servers.annotations import READ
    from servers.strict import StrictServer, tool_result
    from tasks.host import trust_results

    class Count(BaseModel):
        n: int

    server = StrictServer("t", log_level="WARNING")

    async def count() -> CallToolResult:
        return tool_result("many", {"n": "many"})

    server.register(count, "Count", READ, Count, "A count, off its schema.")
    async with Client(server) as client:
        undo = trust_results(client)
        trusted = await client.call_tool("count", {})
        assert trusted.structured_content == {"n": "many"}  # taken as it came
        undo()
        with pytest.raises(RuntimeError, match="Invalid structured content"):
            await client.call_tool("count", {})
