"""The local Gemma 3 270M as a player: milliseconds per decision and tokens per call, through MCP.

Each row plays short episodes of a world with one agent configuration over the in-memory MCP client and
reports the model's decisions: p50/p90 latency (ms), prompt and completion tokens per call. The model is
loaded (and one call warmed up) before timing, so the figures are steady-state decisions.

    python bench/agents.py [--worlds forge kitchen] [--configs llm "hierarchical full"] [--steps 12]

"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import _pathfix  # noqa: F401  (first: bench/mcp.py and bench/tui.py would shadow the packages)
from mcp import Client

from agents import AgentSpec, SeatClient, build_agent
from servers.serve import build_server

CONFIGS = {
    "llm": AgentSpec(kind="llm"),
    "hierarchical fast-only": AgentSpec(kind="hierarchical", ablation="fast-only"),
    "hierarchical full": AgentSpec(kind="hierarchical"),
}
OPTIONS = {"kitchen": {"clock": "lockstep"}}


async def episode(world: str, spec: AgentSpec, seed: int) -> SeatClient:
    server = build_server(world)
    async with Client(server.mcp) as client:
        created = (await client.call_tool("new_game", {"options": OPTIONS.get(world, {}), "seed": seed}))
        seat = SeatClient(client, created.structured_content["seat_token"], world)
        await build_agent(spec).play(seat)
    return seat


async def warm_up() -> None:
    from agents.local import gemma

    gemma()
    await episode("forge", AgentSpec(kind="llm", max_steps=1), 0)


def row(world: str, name: str, seats: list[SeatClient], seconds: float, mind: str) -> str:
    latencies = [ms for s in seats for ms in s.usage.latency_ms.get(mind, [])]
    calls = sum(s.usage.model_calls for s in seats) or 1
    tokens_in = sum(s.usage.tokens_in for s in seats) / calls
    tokens_out = sum(s.usage.tokens_out for s in seats) / calls
    p90 = statistics.quantiles(latencies, n=10)[-1] if len(latencies) > 1 else latencies[0]
    return (f"| {world} | {name} | {mind} | {len(latencies)} | {statistics.median(latencies):.0f} | {p90:.0f} | "
            f"{tokens_in:.0f} | {tokens_out:.1f} | {sum(s.usage.invalid_actions for s in seats)} | {seconds:.1f} |")


async def main(worlds: list[str], configs: list[str], steps: int, episodes: int) -> None:
    await warm_up()
    print("| world | agent | mind | decisions | p50 ms/decision | p90 ms | tokens in/call (all minds) "
          "| tokens out/call | invalid | wall s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for world in worlds:
        for name in configs:
            spec = CONFIGS[name].model_copy(update={"max_steps": steps})
            started = time.perf_counter()
            seats = [await episode(world, spec, seed) for seed in range(1, episodes + 1)]
            seconds = time.perf_counter() - started
            for mind in sorted({m for s in seats for m in s.usage.latency_ms} - {"executor"}):
                print(row(world, name, seats, seconds, mind), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worlds", nargs="+", default=["forge", "kitchen"])
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=list(CONFIGS))
    parser.add_argument("--steps", type=int, default=12, help="moves per episode")
    parser.add_argument("--episodes", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main(args.worlds, args.configs, args.steps, args.episodes))
