"""Load on one world server over streamable HTTP: many clients, each creating, playing and finishing a game.

`gamehall serve kitchen --transport http` runs in a subprocess; each client is its own MCP session (its own
HTTP connection) that creates a game, plays it to the end with the server's macros, and disconnects. Every
call is timed. First one client plays one game alone (the baseline, same server, same process); then the
clients play, at most --concurrency at once (the server holds 64 games: finished games must give their slot
back, or game 65 is refused); last, one client alone again, on a server now holding every finished game.
Prints per-call p50/p95/p99 against the baseline's, the errors, and the server's resident memory.

    python bench/load.py [--clients 200] [--concurrency 50] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import _pathfix  # noqa: F401  (first: bench/mcp.py and bench/tui.py would shadow the packages)

ROOT = Path(__file__).resolve().parents[1]
WORLD, OPTIONS = "kitchen", {"layout": "cramped_room", "rules": "classic"}
TOKEN = "load-bench-token"


class Calls:
    """Every call's latency by tool, and every failure's first line."""

    def __init__(self) -> None:
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    async def call(self, client, tool: str, **args) -> dict:
        started = time.perf_counter()
        result = await client.call_tool(tool, args)
        self.ms[tool].append((time.perf_counter() - started) * 1000.0)
        if result.is_error:
            raise RuntimeError(f"{tool}: {result.content[0].text[:200]}")
        return result.structured_content

    def all(self) -> list[float]:
        return [ms for values in self.ms.values() for ms in values]


def percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        return {"n": len(values), "p50": values[0] if values else 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"n": len(values), "p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": max(values)}


async def play_one(url: str, seed: int, calls: Calls) -> dict:
    """Connect, create a game, play it to the end (the best feasible macro, else stay), disconnect."""
    from tasks.remote import remote_client

    async with remote_client(url, TOKEN) as client:
        view = await calls.call(client, "new_game", options=OPTIONS, seed=seed)
        token = view["seat_token"]
        while not view["done"]:
            if not view["awaiting_you"]:
                view = await calls.call(client, "wait", seat_token=token, timeout_s=2)
                continue
            feasible = [m for m in (await calls.call(client, "macros", seat_token=token))["macros"] if m["feasible"]]
            if feasible:
                best = max(feasible, key=lambda m: m["score"])
                view = await calls.call(client, "run_macro", seat_token=token, name=best["name"])
            else:
                view = await calls.call(client, "act", seat_token=token, command="stay")
        return view


async def load(url: str, clients: int, concurrency: int) -> dict:
    gate = asyncio.Semaphore(concurrency)
    calls, finished = Calls(), []

    async def client(seed: int) -> None:
        async with gate:
            try:
                view = await play_one(url, seed, calls)
            except Exception as error:  # noqa: BLE001 - every failure is counted and its first line kept
                calls.errors.append(f"client {seed}: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
                return
            finished.append(view["result"]["score"] if view.get("result") else None)

    started = time.perf_counter()
    await asyncio.gather(*(client(seed) for seed in range(clients)))
    wall = time.perf_counter() - started
    return {"clients": clients, "concurrency": concurrency, "finished": len(finished), "errors": len(calls.errors),
            "error_lines": calls.errors[:5], "wall_s": wall, "calls": len(calls.all()),
            "calls_per_s": len(calls.all()) / wall, "per_call_ms": percentiles(calls.all()),
            "per_tool_ms": {tool: percentiles(values) for tool, values in sorted(calls.ms.items())}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_server(port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "tasks.cli", "serve", WORLD, "--transport", "http", "--port",
                                str(port), "--token", TOKEN], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server did not start: {process.stderr.read().decode()[-500:]}")


async def measure(clients: int, concurrency: int) -> dict:
    port = free_port()
    server = start_server(port)
    url = f"http://127.0.0.1:{port}/mcp"
    try:
        baseline_calls = Calls()
        await play_one(url, 10_000, baseline_calls)
        rss_before = rss_mb(server.pid)
        result = await load(url, clients, concurrency)
        result["server_rss_mb"] = {"after_baseline": round(rss_before, 1), "after_load": round(rss_mb(server.pid), 1)}
        result["baseline_ms"] = percentiles(baseline_calls.all())
        after_calls = Calls()  # the same lone game once the server holds every finished one: did it slow down?
        await play_one(url, 10_001, after_calls)
        result["baseline_after_ms"] = percentiles(after_calls.all())
        return result
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def show(result: dict) -> None:
    base, load_ms = result["baseline_ms"], result["per_call_ms"]
    print(f"{WORLD} over streamable HTTP: {result['clients']} clients ({result['concurrency']} at once), one server")
    print(f"games finished {result['finished']}/{result['clients']}, errors {result['errors']}, "
          f"{result['calls']} calls in {result['wall_s']:.1f} s ({result['calls_per_s']:.0f} calls/s)")
    for line in result["error_lines"]:
        print(f"  {line}")
    print(f"{'per call, ms':<22} {'n':>7} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}")
    rows = [("baseline (1 client)", base), ("under load", load_ms),
            *[(f"  {tool}", r) for tool, r in result["per_tool_ms"].items()],
            ("1 client, after load", result["baseline_after_ms"])]
    for name, row in rows:
        print(f"{name:<22} {row['n']:7d} {row['p50']:8.1f} {row['p95']:8.1f} {row['p99']:8.1f} {row['max']:8.1f}")
    print(f"under load / baseline: p50 x{load_ms['p50'] / base['p50']:.1f}, p99 x{load_ms['p99'] / base['p50']:.1f} "
          "the baseline p50")
    rss = result["server_rss_mb"]
    print(f"server RSS: {rss['after_baseline']} MB after the baseline game, {rss['after_load']} MB after the load")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200, help="clients, one game each (default 200)")
    parser.add_argument("--concurrency", type=int, default=50, help="clients playing at once (default 50)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args()
    result = asyncio.run(measure(args.clients, args.concurrency))
    print(json.dumps(result)) if args.json else show(result)
    sys.exit(1 if result["errors"] or result["finished"] != args.clients else 0)


if __name__ == "__main__":
    main()
