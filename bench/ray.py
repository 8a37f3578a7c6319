"""The Ray backend's throughput against the asyncio backend's, in one run: the same suite (Forge tier 3) with the
same fake model of fixed latency (bench/runner.py's), each as a ratio to the ideal, concurrency / (steps x
latency) episodes a second; then how Ray scales with its workers, more of them than cores, under a latency-bound
load (a slow model: the waiting, not the CPU, sets the pace, as with a remote API).

    python bench/ray.py [--latency 0.2] [--steps 8] [--concurrency 64] [--waves 2,8]

Each backend plays two runs of `concurrency` episodes at once: a short one (2 waves: 128 episodes) and a long one
(8 waves: 512), the size of the suites the backend is for. In a short run, two one-off costs weigh: the first wave's
set-ups all land at the same moment (each worker sets up its 32 games one after another, ~0.2 s), and the last
wave's games end together, so the run waits for the last of them; a long run is mostly the steady state between.

A run is timed from the start of its first episode to its last record: the cluster's and the workers' start-up
(seconds, once per run) is printed apart. An episode's start is when its record arrived less the wall time the
record says it took, the same for both backends: a Ray worker sends event lines in batches, so the first line the
driver sees comes late, and timing from it would shorten a Ray run by the batching delay. Needs the extra: pip
install -e '.[ray]'.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

import _pathfix  # noqa: F401  (first: bench/mcp.py and bench/tui.py would shadow the packages)

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")


def fake_model_module():
    """bench/runner.py's FixedLatencyModel (bench/ is not a package; its module goes to the workers by value)."""
    spec = importlib.util.spec_from_file_location("bench_runner", Path(__file__).with_name("runner.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_runner"] = module
    spec.loader.exec_module(module)
    return module


async def measure(backend: str, concurrency: int, episodes: int, model, steps: int) -> tuple[float, float]:
    """(episodes a second from the first episode's start to the last record, seconds before that start)."""
    from agents import build_agent
    from tasks.runner import RunConfig, runner_for
    from tasks.suite import Suite

    suite = Suite.model_validate({
        "name": "bench", "limits": {"max_steps": steps},
        "tasks": [{"name": "forge-t3", "world": "forge", "options": {"tier": 3},
                   "seeds": {"start": 0, "count": episodes}}]})
    starts: list[float] = []
    marks: dict[str, float] = {}

    def listen(_: str, event: dict) -> None:
        if event["kind"] == "run_episode_finished":  # it began its own wall time before it ended
            now = time.perf_counter()
            starts.append(now - event["data"]["wall_time_s"])
            marks["last"] = now

    with tempfile.TemporaryDirectory() as out:
        config = RunConfig(suite=suite, agents=[{"kind": "llm", "model": "fake/fixed-latency"}], out_dir=out,
                           concurrency=concurrency, display="none", backend=backend, listeners=[listen],
                           agent_factory=lambda spec: build_agent(spec, completion=model, constrained=True))
        runner = runner_for(config)
        runner.calibrate(runner.plans)  # baselines are a one-off cost, not the harness's throughput
        start = time.perf_counter()
        outcome = await runner.run()
    bad = [r for r in outcome.records if r.status not in ("ok", "limit")]
    if bad or len(outcome.records) != episodes:
        raise SystemExit(f"{len(bad)} of {len(outcome.records)} episodes failed: {bad[0].error if bad else ''}")
    first = min(starts)
    return episodes / (marks["last"] - first), first - start


def row(label: str, concurrency: int, episodes: int, rate: float, ideal: float, startup: float) -> None:
    print(f"{label:<22} {concurrency:>11} {episodes:>8} {rate:8.2f} {ideal:8.2f} {rate / ideal:6.2f} {startup:8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per model call (default 0.2)")
    parser.add_argument("--steps", type=int, default=8, help="model calls per episode (default 8)")
    parser.add_argument("--concurrency", type=int, default=64, help="episodes at once (default 64)")
    parser.add_argument("--waves", default="2,8", help="run sizes, in waves: episodes = waves x concurrency "
                        "(default 2,8: a short run and a long one)")
    parser.add_argument("--slow-latency", type=float, default=2.0, help="the latency-bound model's seconds a call "
                        "for the scaling table (default 2.0)")
    parser.add_argument("--per-worker", type=int, default=16, help="scaling: episodes at once per worker")
    parser.add_argument("--workers", default="1,2,4,8", help="scaling: worker counts (default 1,2,4,8)")
    args = parser.parse_args()
    try:
        waves = [int(w) for w in args.waves.split(",")]
        workers = [int(w) for w in args.workers.split(",")]
    except ValueError:
        parser.error("--waves and --workers take whole numbers separated by commas, e.g. 2,8")
    if min(waves + workers) < 1:
        parser.error("--waves and --workers must be at least 1")
    try:
        import ray
    except ImportError:
        raise SystemExit("bench/ray.py needs Ray: pip install -e '.[ray]'") from None
    fake = fake_model_module()
    ray.cloudpickle.register_pickle_by_value(fake)
    cores = os.cpu_count() or 1
    ideal = args.concurrency / (args.steps * args.latency)
    model = fake.FixedLatencyModel(args.latency)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())  # other processes share the cores: say how busy
    print(f"fake model: {args.latency:.2f} s a call, {args.steps} calls an episode (Forge tier 3); {cores} cores, "
          f"load average {load}")
    print(f"{'backend':<22} {'concurrency':>11} {'episodes':>8} {'eps/s':>8} {'ideal':>8} {'ratio':>6} {'start s':>8}")
    ray_over_asyncio: list[str] = []
    for count in waves:
        episodes = count * args.concurrency
        base, startup = asyncio.run(measure("asyncio", args.concurrency, episodes, model, args.steps))
        row("asyncio (1 process)", args.concurrency, episodes, base, ideal, startup)
        ray.init(num_cpus=cores, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
        rate, startup = asyncio.run(measure("ray", args.concurrency, episodes, model, args.steps))
        ray.shutdown()
        row(f"ray ({cores} workers)", args.concurrency, episodes, rate, ideal, startup)
        ray_over_asyncio.append(f"{rate / base:.2f} ({count} waves)")
    print(f"ray / asyncio: {', '.join(ray_over_asyncio)}")

    slow = fake.FixedLatencyModel(args.slow_latency)
    print(f"\nscaling, latency-bound: {args.slow_latency:.2f} s a call, {args.per_worker} episodes at once per worker, "
          f"{cores} cores")
    print(f"{'workers':<22} {'concurrency':>11} {'episodes':>8} {'eps/s':>8} {'ideal':>8} {'ratio':>6} {'start s':>8}")
    for count in workers:
        concurrency = count * args.per_worker
        ray.init(num_cpus=count, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
        rate, startup = asyncio.run(measure("ray", concurrency, concurrency, slow, args.steps))
        ray.shutdown()
        row(f"{count}", concurrency, concurrency, rate, concurrency / (args.steps * args.slow_latency), startup)
    print(f"load average at the end {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
