"""Runner throughput with a fake model of fixed latency: episodes per second at concurrency 1, 8 and 64,
each as a ratio to the ideal (concurrency / (steps x latency)), all in one run.

A ratio near 1 means the harness (runner, MCP client and server, agent loop) is not the bottleneck.

    python bench/runner.py [--latency 0.5] [--steps 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time

import _pathfix  # noqa: F401  (first: bench/mcp.py and bench/tui.py would shadow the packages)

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")


class FixedLatencyModel:
    """A litellm-shaped endpoint that answers after `latency` seconds with the first offered command."""

    def __init__(self, latency: float) -> None:
        from litellm.types.utils import ChatCompletionMessageToolCall, Function, Message, ModelResponse, Usage

        self.types = (ChatCompletionMessageToolCall, Function, Message, ModelResponse, Usage)
        self.latency = latency
        self.calls = 0

    async def __call__(self, **request):
        call_type, function, message, response_type, usage = self.types
        await asyncio.sleep(self.latency)
        self.calls += 1
        choice = request["tool_choice"]["function"]["name"]
        tool = next(t["function"] for t in request["tools"] if t["function"]["name"] == choice)
        argument, schema = next(iter(tool["parameters"]["properties"].items()))
        arguments = json.dumps({argument: schema["enum"][0]})
        reply = response_type(model="fake/fixed-latency")
        reply.choices[0].message = message(content=None, role="assistant", tool_calls=[
            call_type(id="call_0", type="function", function=function(name=choice, arguments=arguments))])
        reply.usage = usage(prompt_tokens=100, completion_tokens=5, total_tokens=105)
        return reply


async def throughput(concurrency: int, episodes: int, model: FixedLatencyModel, steps: int) -> float:
    from agents import build_agent
    from tasks.runner import RunConfig, Runner
    from tasks.suite import Suite

    suite = Suite.model_validate({
        "name": "bench", "limits": {"max_steps": steps},
        "tasks": [{"name": "forge-t3", "world": "forge", "options": {"tier": 3},
                   "seeds": {"start": 0, "count": episodes}}]})
    agent = {"kind": "llm", "model": "fake/fixed-latency"}
    with tempfile.TemporaryDirectory() as out:
        runner = Runner(RunConfig(suite=suite, agents=[agent], out_dir=out, concurrency=concurrency, display="none",
                                  agent_factory=lambda spec: build_agent(spec, completion=model, constrained=True)))
        runner.calibrate(runner.plans)  # baselines are a one-off cost, not the harness's throughput
        start = time.perf_counter()
        outcome = await runner.run()
        elapsed = time.perf_counter() - start
    bad = [r for r in outcome.records if r.status not in ("ok", "limit")]
    if bad:
        raise SystemExit(f"{len(bad)} episodes failed: {bad[0].error}")
    return len(outcome.records) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.5, help="seconds per model call (default 0.5)")
    parser.add_argument("--steps", type=int, default=8, help="model calls per episode (default 8)")
    args = parser.parse_args()
    model = FixedLatencyModel(args.latency)
    print(f"fake model: {args.latency:.2f} s a call, {args.steps} calls an episode (Forge tier 3)")
    print(f"{'concurrency':>11} {'episodes':>8} {'eps/s':>8} {'ideal':>8} {'ratio':>6}")
    for concurrency in (1, 8, 64):
        episodes = max(2, concurrency)
        rate = asyncio.run(throughput(concurrency, episodes, model, args.steps))
        ideal = concurrency / (args.steps * args.latency)
        print(f"{concurrency:>11} {episodes:>8} {rate:8.2f} {ideal:8.2f} {rate / ideal:6.2f}")


if __name__ == "__main__":
    main()
