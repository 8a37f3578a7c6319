"""Per-call cost of a game action through MCP, as a ratio to the SDK's own cost for a trivial tool.

Both are measured in the same run, in memory (the SDK's in-process client) and over stdio (a real
subprocess), so the ratios hold on a noisy machine where absolute times drift.

    python bench/mcp.py [--calls 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time

import _pathfix  # noqa: F401  (first: bench/mcp.py and bench/tui.py would shadow the packages)
from mcp import Client, StdioServerParameters
from mcp.server.mcpserver import MCPServer


def trivial_server() -> MCPServer:
    server = MCPServer("trivial", log_level="WARNING")

    @server.tool(description="Return the text it is given.")
    def echo(text: str) -> str:
        return text

    return server


async def per_call_us(client: Client, tool: str, args: dict, calls: int) -> float:
    """Median over 5 batches of the mean time per call, in microseconds."""
    for _ in range(min(50, calls)):
        await client.call_tool(tool, args)
    batches = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(calls // 5):
            await client.call_tool(tool, args)
        batches.append((time.perf_counter() - start) / (calls // 5) * 1e6)
    return statistics.median(batches)


async def game_action(client: Client, world: str, calls: int) -> float:
    options = {"tier": 1} if world == "forge" else {"layout": "cramped_room"}
    command = "inspect goal" if world == "forge" else "stay"
    total, done = 0.0, 0
    while done < calls:
        created = (await client.call_tool("new_game", {"options": options, "seed": 1})).structured_content
        token = created["seat_token"]
        batch = min(calls - done, 350)  # a classic kitchen lasts 400 ticks
        start = time.perf_counter()
        for _ in range(batch):
            await client.call_tool("act", {"seat_token": token, "command": command})
        total += time.perf_counter() - start
        done += batch
        await client.call_tool("leave", {"seat_token": token})
    return total / calls * 1e6


async def measure(calls: int) -> None:
    from servers.serve import build_server

    rows = []
    async with Client(trivial_server()) as client:
        trivial_memory = await per_call_us(client, "echo", {"text": "hi"}, calls)
    stdio_trivial = StdioServerParameters(command=sys.executable, args=[__file__, "--serve-trivial"])
    async with Client(stdio_trivial) as client:
        trivial_stdio = await per_call_us(client, "echo", {"text": "hi"}, calls)
    for world in ("forge", "kitchen"):
        async with Client(build_server(world).mcp) as client:
            rows.append((world, "memory", await game_action(client, world, calls), trivial_memory))
        params = StdioServerParameters(command=sys.executable, args=["-m", "tasks.cli", "serve", world])
        async with Client(params) as client:
            rows.append((world, "stdio", await game_action(client, world, calls), trivial_stdio))
    print(f"trivial tool (SDK baseline): memory {trivial_memory:8.0f} us/call   stdio {trivial_stdio:8.0f} us/call")
    print(f"{'world':<8} {'transport':<9} {'act us/call':>12} {'x trivial':>10}")
    for world, transport, action, base in rows:
        print(f"{world:<8} {transport:<9} {action:12.0f} {action / base:10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per measurement (default 2000)")
    parser.add_argument("--serve-trivial", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_trivial:
        trivial_server().run("stdio")
        return
    asyncio.run(measure(args.calls))


if __name__ == "__main__":
    main()
