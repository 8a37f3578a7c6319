"""The embedded model's prompt cache: the smoke suite with and without it, and whether runs replay exactly.

    python bench/local_model.py [--suite smoke] [--runs plain blocks blocks] [--out /tmp/gamehall-bench]

Each run is `gamehall run SUITE` in a fresh output directory and a fresh cache directory (the baselines
are calibrated once, in a warm-up cache shared by all runs, so every run times only its episodes).
`plain` is the worker as it was before the block cache: one Llama with llama-cpp-python's own prefix
reuse (batch 512, nothing reported as cached); `blocks` is the default engine. Printed: wall time of each
run and its ratio to the first, tokens in / cached and their ratio, and for every pair of `blocks` runs
whether the episode records (score, steps, tokens) and every model reply are identical.

`--batches` instead times prompt processing at several batch sizes (why batches are cut at messages, not
in small fixed blocks).

`--replay RUN_DIR [--at-once N]` replays every model call logged in a run's events through both engines in
one process, in the order N concurrent episodes send them (default 4, the suite's concurrency), call by
call alternating which goes first (so machine load hits both alike): total time of each and the
ratio, the cached fraction, and whether the block engine gives the same replies when the episodes' calls
are interleaved in another order (a reply must depend on its prompt only).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import _pathfix  # noqa: F401  (first: bench/mcp.py and bench/tui.py would shadow the packages)

ROOT = Path(__file__).resolve().parent.parent
ENGINES = {"plain": "bench.plain_engine:load", "blocks": "agents.local_worker:load_engine"}


def run_suite(suite: str, engine: str, out: Path, cache: Path) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(out.parent / "warm-cache", cache)
    env = dict(os.environ, GAMEHALL_CACHE_DIR=str(cache), GAMEHALL_LOCAL_ENGINE=ENGINES[engine],
               PYTHONPATH=str(ROOT), LITELLM_LOCAL_MODEL_COST_MAP="True")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tasks.cli", "run", suite, "--out", str(out), "--display", "none"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    records = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines() if line.strip()]
    return {"engine": engine, "wall_s": wall, "exit": done.returncode, "stderr": done.stderr.strip()[-300:],
            "records": records, "replies": replies(out)}


def replies(out: Path) -> dict[str, list[str]]:
    """Every model reply of every episode, in order, as JSON text."""
    found: dict[str, list[str]] = {}
    for path in sorted((out / "events").glob("*.jsonl")):
        calls = []
        for line in path.read_text().splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("kind") == "model_call":
                calls.append(json.dumps((event.get("data") or {}).get("reply"), sort_keys=True))
        found[path.stem] = calls
    return found


def fingerprint(record: dict[str, Any]) -> tuple:
    # not tokens_cached: which snapshot a call finds depends on how concurrent episodes interleave (the
    # replies do not: they are a pure function of the prompt)
    return (record["episode_id"], record["score"], record["steps"], record["tokens_in"], record["tokens_out"],
            record.get("model_calls"), record.get("decisions"), record["status"])


def compare(a: dict[str, Any], b: dict[str, Any]) -> str:
    left = {r["episode_id"]: fingerprint(r) for r in a["records"]}
    right = {r["episode_id"]: fingerprint(r) for r in b["records"]}
    differ = [k for k in left if left[k] != right.get(k)]
    reply_differ = [k for k in a["replies"] if a["replies"][k] != b["replies"].get(k)]
    if not differ and not reply_differ:
        calls = sum(len(v) for v in a["replies"].values())
        return f"identical: {len(left)} records, {calls} model replies"
    return f"DIFFERENT records: {differ}; replies differ in: {reply_differ}"


def calibrate(suite: str, base: Path) -> None:
    """Play the suite's baselines once (scripted, no model) so no timed run pays for them."""
    cache = base / "warm-cache"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(base / "warm-run", ignore_errors=True)  # a finished run would resume and calibrate nothing
    env = dict(os.environ, GAMEHALL_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "tasks.cli", "run", suite, "--agent", "random", "--out",
                    str(base / "warm-run"), "--display", "none"], cwd=ROOT, env=env, capture_output=True, check=True)


def batches() -> None:
    import numpy as np

    from agents import local_engine
    from agents.local import LocalModel, model_path

    extra = LocalModel().choice.enabled
    text = (ROOT / "README.md").read_text()[:4000]
    for batch in (16, 32, 64, 128, 512):
        llama = local_engine.load(model_path(), extra, n_threads=os.cpu_count() or 2, n_batch=batch)
        tokens = llama.tokenize(text.encode(), add_bos=True)
        rates = []
        for _ in range(3):
            llama.n_tokens = 0
            started = time.perf_counter()
            llama.eval(tokens)
            rates.append(len(tokens) / (time.perf_counter() - started))
        print(f"batch {batch:>4}: {np.median(rates):6.0f} prompt tokens/s ({len(tokens)} tokens, median of 3)")
        llama.close()


def logged_calls(run: Path) -> list[tuple[str, dict[str, Any]]]:
    """(episode, request) of every model_call in a run's event logs, in log order."""
    from agents.local import gemma_segments

    calls = []
    for path in sorted((run / "events").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            data = event.get("data") or {}
            if event.get("kind") == "model_call" and str(data.get("model", "")).startswith("local/"):
                tools = data.get("tools") or []
                choice = data.get("tool_choice")  # logs before it was recorded: one tool offered was forced
                if choice is None and len(tools) == 1:
                    choice = {"type": "function", "function": {"name": tools[0]["function"]["name"]}}
                segments = gemma_segments(data["messages"])
                request = {"prompt": "".join(segments), "segments": segments, "tools": tools, "tool_choice": choice,
                           "params": {"max_tokens": 64, "temperature": 0.0}}
                calls.append((path.stem, request))
    return calls


def interleaved(calls: list[tuple[str, dict[str, Any]]], at_once: int) -> list[tuple[str, dict[str, Any]]]:
    """The calls in the order `at_once` concurrent episodes would send them: one from each running episode in
    turn, the next episode starting as one finishes (a run's logs keep each episode's calls together)."""
    queues: dict[str, list[dict[str, Any]]] = {}
    for episode, request in calls:
        queues.setdefault(episode, []).append(request)
    waiting, running, order = list(queues), [], []
    while waiting or running:
        while waiting and len(running) < at_once:
            running.append(waiting.pop(0))
        for episode in list(running):
            order.append((episode, queues[episode].pop(0)))
            if not queues[episode]:
                running.remove(episode)
    return order


def replay(run: Path, at_once: int) -> None:
    import random
    import threading

    from agents.local import LocalModel, model_path
    from agents.local_engine import Engine, load
    from bench.plain_engine import load as load_plain

    calls = interleaved(logged_calls(run), at_once)
    if not calls:
        raise SystemExit(f"no local model calls in {run}/events")
    extra = LocalModel().choice.enabled
    blocks = Engine(load(model_path(), extra, n_threads=os.cpu_count() or 2))
    plain = load_plain(model_path(), extra)
    times = {"plain": 0.0, "blocks": 0.0}
    tokens_in = cached = 0
    first: dict[int, str] = {}
    for i, (_, request) in enumerate(calls):
        order = [("plain", plain), ("blocks", blocks)][:: 1 if i % 2 else -1]
        for name, engine in order:
            started = time.perf_counter()
            out = engine.complete(request["prompt"], request["params"], request["tools"], request["tool_choice"],
                                  threading.Event(), segments=request["segments"])
            times[name] += time.perf_counter() - started
            if name == "blocks":
                tokens_in += out["tokens_in"]
                cached += out["tokens_cached"]
                first[i] = json.dumps([out["text"], out["call"]])
    print(f"{len(calls)} logged calls from {run}, {at_once} episodes at a time: "
          f"plain {times['plain']:.1f} s, blocks {times['blocks']:.1f} s "
          f"(blocks/plain x{times['blocks'] / times['plain']:.2f}); cached {cached}/{tokens_in} "
          f"({cached / max(tokens_in, 1):.2f})")
    shuffled = list(range(len(calls)))
    random.Random(0).shuffle(shuffled)
    same = sum(json.dumps([o["text"], o["call"]]) == first[i] for i in shuffled
               for o in [blocks.complete(calls[i][1]["prompt"], calls[i][1]["params"], calls[i][1]["tools"],
                                         calls[i][1]["tool_choice"], threading.Event(),
                                         segments=calls[i][1]["segments"])])
    print(f"replayed again in a shuffled order: {same}/{len(calls)} replies identical")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", default="smoke")
    parser.add_argument("--runs", nargs="+", default=["plain", "blocks", "blocks"], choices=sorted(ENGINES))
    parser.add_argument("--out", default="/tmp/gamehall-bench-local")
    parser.add_argument("--batches", action="store_true", help="time prompt processing per batch size instead")
    parser.add_argument("--replay", metavar="RUN_DIR", help="replay a run's logged model calls through both engines")
    parser.add_argument("--at-once", type=int, default=4, metavar="N",
                        help="--replay: interleave the calls of N episodes, as a suite at --concurrency N sends them")
    args = parser.parse_args()
    if args.batches:
        batches()
        return
    if args.replay:
        replay(Path(args.replay), max(1, args.at_once))
        return
    base = Path(args.out)
    base.mkdir(parents=True, exist_ok=True)
    calibrate(args.suite, base)
    results = []
    for i, engine in enumerate(args.runs):
        result = run_suite(args.suite, engine, base / f"run{i}-{engine}", base / f"cache{i}")
        results.append(result)
        tokens_in = sum(r["tokens_in"] for r in result["records"])
        cached = sum(r.get("tokens_cached", 0) for r in result["records"])
        ratio = result["wall_s"] / results[0]["wall_s"]
        print(f"run {i} {engine:<6} wall {result['wall_s']:7.1f} s (x{ratio:.2f} of run 0), exit {result['exit']}, "
              f"tokens in {tokens_in}, cached {cached} ({cached / max(tokens_in, 1):.2f}), "
              f"normalised mean {mean([r['normalized_score'] for r in result['records']])}", flush=True)
        if result["exit"]:
            print(f"  stderr: {result['stderr']}")
    blocks = [r for r in results if r["engine"] == "blocks"]
    for a, b in zip(blocks, blocks[1:], strict=False):
        print("blocks vs blocks:", compare(a, b))


def mean(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{sum(known) / len(known):.1f}" if known else "-"


if __name__ == "__main__":
    main()
