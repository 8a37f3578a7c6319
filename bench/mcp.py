"""Per-call cost of a game action through MCP, as a ratio to the SDK's own cost for a trivial tool.

Both are measured in the same run, in memory (the SDK's in-process client) and over stdio (a real
subprocess), in alternating batches of 25 calls: the ratio is the median over the pairs of batches, so it
holds on a shared machine where absolute times drift. Beside each: the bytes of one `act` result, its text
content and its structured content (compact JSON).

Over stdio `gamehall serve` runs on gamehall's own transport (servers/stdio.py: the SDK's framing on the
event loop's pipes, no thread per line); the baseline is the trivial tool on the SDK's stdio transport. A
second stdio row puts the trivial tool on gamehall's transport too: the act's own cost on equal footing.

    python bench/mcp.py [--calls 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time

import _pathfix  # noqa: F401  (first: bench/mcp.py and bench/tui.py would shadow the packages)
from mcp import Client, StdioServerParameters
from mcp.server.mcpserver import MCPServer

BATCH = 25


def trivial_server() -> MCPServer:
    server = MCPServer("trivial", log_level="WARNING")

    @server.tool(description="Return the text it is given.")
    def echo(text: str) -> str:
        return text

    return server


def result_bytes(result) -> tuple[int, int]:
    """Bytes of a tool result as a client receives it: its text content, and its structured content as JSON."""
    text = sum(len(getattr(part, "text", "").encode()) for part in result.content or [])
    structured = len(json.dumps(result.structured_content, separators=(",", ":")).encode())
    return text, structured if result.structured_content is not None else 0


async def timed(client: Client, tool: str, args: dict, calls: int) -> tuple[float, object]:
    """Seconds for `calls` calls in a row, and the last result."""
    start = time.perf_counter()
    for _ in range(calls):
        result = await client.call_tool(tool, args)
    return time.perf_counter() - start, result


class Game:
    """An `act` that can always be played: a new game when the last one is near its end."""

    def __init__(self, client: Client, world: str) -> None:
        self.client, self.world, self.token, self.left = client, world, "", 0
        self.options = {"tier": 1} if world == "forge" else {"layout": "cramped_room"}
        self.command = "inspect goal" if world == "forge" else "pass"

    async def args(self, calls: int) -> dict:
        if self.left < calls:
            if self.token:
                await self.client.call_tool("leave", {"seat_token": self.token})
            created = await self.client.call_tool("new_game", {"options": self.options, "seed": 1})
            self.token, self.left = created.structured_content["seat_token"], 350  # a classic kitchen: 400 ticks
        self.left -= calls
        return {"seat_token": self.token, "command": self.command}


async def paired(trivials: list[Client], world_client: Client, world: str, calls: int) -> list[tuple]:
    """Trivial and act calls in alternating batches, so all see the same load: for each trivial server,
    (median ratio of the paired batches, trivial us/call, act us/call, the last act result)."""
    game = Game(world_client, world)
    for trivial in trivials:
        await timed(trivial, "echo", {"text": "hi"}, BATCH)
    await timed(world_client, "act", await game.args(BATCH), BATCH)
    ratios, bases, act_total, result = [[] for _ in trivials], [0.0 for _ in trivials], 0.0, None
    batches = max(1, calls // BATCH)
    for _ in range(batches):
        times = [(await timed(trivial, "echo", {"text": "hi"}, BATCH))[0] for trivial in trivials]
        act, result = await timed(world_client, "act", await game.args(BATCH), BATCH)
        for i, base in enumerate(times):
            ratios[i].append(act / base)
            bases[i] += base
        act_total += act
    per_call = batches * BATCH / 1e6
    return [(statistics.median(r), base / per_call, act_total / per_call, result)
            for r, base in zip(ratios, bases, strict=True)]


async def measure(calls: int) -> None:
    from servers.serve import build_server

    rows = []
    sdk_trivial = StdioServerParameters(command=sys.executable, args=[__file__, "--serve-trivial"])
    our_trivial = StdioServerParameters(command=sys.executable, args=[__file__, "--serve-trivial", "gamehall"])
    for world in ("forge", "kitchen"):
        async with Client(trivial_server()) as trivial, Client(build_server(world).mcp) as client:
            rows.append((world, "memory", *(await paired([trivial], client, world, calls))[0]))
        params = StdioServerParameters(command=sys.executable, args=["-m", "tasks.cli", "serve", world])
        async with Client(sdk_trivial) as sdk, Client(our_trivial) as ours, Client(params) as client:
            against_sdk, against_ours = await paired([sdk, ours], client, world, calls)
        rows.append((world, "stdio", *against_sdk))
        rows.append((world, "stdio*", *against_ours))
    print(f"{'world':<8} {'transport':<9} {'trivial us':>10} {'act us':>8} {'x trivial':>10} {'text B':>7} "
          f"{'structured B':>12}")
    for world, transport, ratio, base, act, result in rows:
        text, structured = result_bytes(result)
        print(f"{world:<8} {transport:<9} {base:10.0f} {act:8.0f} {ratio:10.2f} {text:7d} {structured:12d}")
    print("stdio: the trivial tool on the SDK's stdio transport; stdio*: on gamehall's (both against act on "
          "`gamehall serve`)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per measurement (default 2000)")
    parser.add_argument("--serve-trivial", nargs="?", const="sdk", choices=["sdk", "gamehall"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_trivial == "gamehall":
        from servers import stdio

        stdio.run(trivial_server())
        return
    if args.serve_trivial:
        trivial_server().run("stdio")
        return
    asyncio.run(measure(args.calls))


if __name__ == "__main__":
    main()
