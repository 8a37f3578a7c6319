"""The HLA table: the hierarchical agent in Kitchen at 10 Hz, realtime, beside the expert partner.

Each row is one ablation (full, fast-only, slow-only, no-executor) with one model for both minds: the
embedded Gemma 3 270M, or a fake model that answers after a fixed 0.2 s or 2 s (it picks the first
option it is offered and plans "fetch onion, fill pot, plate soup, serve"). Every row plays the same
seeds over the in-memory MCP client. Columns: score, our chef's idle fraction (ticks it stood still or
sent nothing in time), the partner's in the same games and the ratio of the two, decision latency in
ticks (p50) per mind, and model calls.

    python bench/realtime.py [--seeds 3] [--models embedded fake-0.2 fake-2] [--ablations full slow-only]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import _pathfix  # noqa: F401  (first: bench/mcp.py and bench/tui.py would shadow the packages)
from mcp import Client

from agents import AgentSpec, SeatClient, build_agent
from agents.local import Choice, Function, LocalResponse, Message, ToolCallOut, Usage
from servers.serve import build_server

WORLD, OPTIONS = "kitchen", {"layout": "cramped_room", "clock": "realtime", "tick_hz": 10}
ABLATIONS = ("full", "fast-only", "slow-only", "no-executor")
MODELS = ("embedded", "fake-0.2", "fake-2")
PLAN = "fetch onion, fill pot, then plate soup and serve"


class FixedLatency:
    """A completion that answers after `seconds`: the first option of a forced choice, or the plan."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    async def __call__(self, *, tools: list | None = None, tool_choice: Any = None, **request: Any) -> LocalResponse:
        await asyncio.sleep(self.seconds)
        name = tool_choice["function"]["name"] if isinstance(tool_choice, dict) else "plan"
        tool = next((t["function"] for t in tools or [] if t["function"]["name"] == name), None)
        argument, spec = next(iter(((tool or {}).get("parameters") or {}).get("properties", {"plan": {}}).items()))
        value = (spec.get("enum") or [PLAN])[0]
        call = ToolCallOut(f"call_{time.monotonic_ns()}", Function(name, json.dumps({argument: value})))
        return LocalResponse([Choice(Message(None, [call]), "tool_calls")], Usage(50, 5), "fake/fixed")


@dataclass
class Game:
    score: float
    idle: float
    partner_idle: float
    ticks: dict[str, list[int]] = field(default_factory=dict)
    calls: int = 0


async def play(ablation: str, model: str, seed: int) -> Game:
    server = build_server(WORLD)
    spec = AgentSpec(kind="hierarchical", ablation=ablation)
    completion = None if model == "embedded" else FixedLatency(float(model.removeprefix("fake-")))
    async with Client(server.mcp) as client:
        created = await client.call_tool("new_game", {"options": OPTIONS, "seed": seed})
        seat = SeatClient(client, created.structured_content["seat_token"], WORLD)
        await build_agent(spec, completion=completion).play(seat)
        final = await seat.observe()
    idle = (final.get("result") or {}).get("metrics", {}).get("idle_fraction", {})
    ours = final["seat"]
    partner = next(s for s in idle if s != ours)
    return Game(float(final["score"]), idle[ours], idle[partner], seat.usage.latency_ticks, seat.usage.model_calls)


def row(ablation: str, model: str, games: list[Game]) -> str:
    def mean(values: list[float]) -> float:
        return statistics.fmean(values) if values else float("nan")

    idle, partner = mean([g.idle for g in games]), mean([g.partner_idle for g in games])
    ticks = {mind: [t for g in games for t in g.ticks.get(mind, [])] for mind in ("fast", "slow")}
    p50 = {mind: (f"{statistics.median(v):.0f}" if v else "-") for mind, v in ticks.items()}
    return (f"| {ablation} | {model} | {mean([g.score for g in games]):.0f} | {idle:.0%} | {partner:.0%} | "
            f"{idle / partner if partner else float('nan'):.2f} | {p50['fast']} | {p50['slow']} | "
            f"{mean([g.calls for g in games]):.0f} |")


async def main(seeds: list[int], models: list[str], ablations: list[str]) -> None:
    print(f"Kitchen {OPTIONS['layout']}, realtime {OPTIONS['tick_hz']:g} Hz, expert partner, seeds {seeds}")
    print("| ablation | model | score | our idle | partner idle | idle ratio (ours / partner) | fast p50 ticks "
          "| slow p50 ticks | model calls |")
    print("|---|---|---|---|---|---|---|---|---|")
    for model in models:
        for ablation in ablations:
            games = [await play(ablation, model, seed) for seed in seeds]
            print(row(ablation, model, games), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[3])
    parser.add_argument("--models", nargs="+", choices=MODELS, default=list(MODELS))
    parser.add_argument("--ablations", nargs="+", choices=ABLATIONS, default=list(ABLATIONS))
    args = parser.parse_args()
    asyncio.run(main(args.seeds, args.models, args.ablations))
