"""The bodies of `gamehall run | episode | report | export`; cli.py only parses arguments."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from pathlib import Path
from typing import Any

from tasks.options import parse_options


def agent_override(args: argparse.Namespace) -> list[dict[str, Any]] | None:
    """The agent the command line asks for, or None to keep the suite's roster."""
    if not any(getattr(args, k, None) for k in ("agent", "model", "slow_model", "fast_model")):
        return None
    spec: dict[str, Any] = {"kind": args.agent or "llm"}
    for key in ("model", "slow_model", "fast_model"):
        if getattr(args, key, None):
            spec[key] = getattr(args, key)
    if getattr(args, "ablation", None):
        spec["ablation"] = args.ablation
    return [spec]


def run(args: argparse.Namespace) -> int:
    from tasks.report import write_reports
    from tasks.runner import RunConfig, Runner
    from tasks.suite import load_suite

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    suite = load_suite(args.suite)
    agents = agent_override(args) or suite.agents
    out = args.out or str(Path("runs") / suite.name)
    config = RunConfig(suite=suite, agents=agents, out_dir=out, concurrency=args.concurrency, display=args.display,
                       limit_cost=args.limit_cost, server_url=args.server, retry_errors=args.retry_errors)
    runner = Runner(config)
    outcome = asyncio.run(runner.run())
    paths = write_reports(out, outcome.records)
    if args.display != "none":
        print(f"{outcome.played} played, {outcome.skipped} already done, {len(outcome.records)}/{outcome.planned} "
              f"recorded in {out}/episodes.jsonl")
        print("wrote " + ", ".join(str(p.relative_to(out)) for p in paths))
    return 0


def episode(args: argparse.Namespace) -> int:
    from tasks.runner import RunConfig, Runner
    from tasks.suite import Suite

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    options = parse_options(args.option)
    agent = (agent_override(args) or [{"kind": "llm"}])[0]
    task = {"name": f"{args.world}-cli", "world": args.world, "options": options, "seeds": [args.seed]}
    suite = Suite.model_validate({"name": "episode", "agents": [agent], "tasks": [task]})
    with _scratch_dir() as scratch:
        runner = Runner(RunConfig(suite=suite, agents=[agent], out_dir=scratch, display="none"))
        record = asyncio.run(runner.run()).records[0]
    if args.json:
        print(record.model_dump_json(indent=2))
    else:
        _print_record(record)
    return 0 if record.status in ("ok", "limit") else 1


@contextlib.contextmanager
def _scratch_dir():
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gamehall-episode-") as scratch:
        yield scratch


def _print_record(record: Any) -> None:
    fields = record.model_dump()
    keys = ("world", "options", "seed", "agent_label", "seat", "status", "score", "normalized_score", "success",
            "done", "steps", "invalid_actions", "tokens_in", "tokens_out", "cost_usd", "wall_time_s", "stop_reason",
            "error")
    for key in keys:
        if fields.get(key) not in (None, "", {}):
            print(f"{key:>17}: {fields[key]}")
    for mind, latency in fields["latency"].items():
        label = f"latency {mind}"
        print(f"{label:>17}: p50 {latency['p50_ms']:.0f} ms, p95 {latency['p95_ms']:.0f} ms (n={latency['n']})")


def learn(args: argparse.Namespace) -> int:
    from tasks.curve import build_curve, write_curve
    from tasks.learn import LearnConfig, default_checkpoints, parse_seeds, run_learn
    from tasks.suite import load_suite

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    suite = load_suite(args.suite)
    agent = dict((agent_override(args) or suite.agents)[0])
    memory = {**(agent.get("memory") or {}), **{k: v for k, v in (("k", args.k), ("mode", args.mode)) if v}}
    agent["memory"] = {**memory, "path": str(Path(args.out) / "memory.sqlite")}
    train, test = parse_seeds(args.train_seeds), parse_seeds(args.test_seeds)
    total = len(train) * len(suite.tasks)
    checkpoints = ([int(c) for c in args.checkpoints.split(",") if c.strip()] if args.checkpoints
                   else default_checkpoints(total))
    train_agent = {"kind": args.train_agent} if args.train_agent else None
    config = LearnConfig(suite=suite, agent=agent, train_seeds=train, test_seeds=test, checkpoints=checkpoints,
                         out_dir=args.out, train_agent=train_agent, concurrency=args.concurrency)
    conditions = run_learn(config)
    from agents import AgentSpec

    label = AgentSpec.model_validate(agent).label
    meta = {"suite": suite.name, "agent": label, "train_agent": args.train_agent or label,
            "train_seeds": args.train_seeds, "test_seeds": args.test_seeds, "checkpoints": sorted(set(checkpoints))}
    paths = write_curve(args.out, build_curve(conditions, meta))
    print("wrote " + ", ".join(str(p) for p in paths) + f", {Path(args.out) / 'memory.sqlite'}")
    print((Path(args.out) / "summary.md").read_text(), end="")
    return 0


def report(args: argparse.Namespace) -> int:
    from tasks.report import load_records, write_reports

    records = load_records(args.dirs)
    out = args.out or args.dirs[0]
    paths = write_reports(out, records)
    print(f"{len(records)} episodes from {len(args.dirs)} run(s); wrote " + ", ".join(str(p) for p in paths))
    print((Path(out) / "leaderboard.md").read_text(), end="")
    return 0


def export(args: argparse.Namespace) -> int:
    from tasks.export import export_chat

    if args.format != "chat-jsonl":
        raise ValueError(f"--format must be chat-jsonl, got {args.format!r}")
    target = open(args.output, "w") if args.output else sys.stdout  # noqa: SIM115 - closed below
    try:
        count = export_chat(args.dir, target)
    finally:
        if target is not sys.stdout:
            target.close()
    print(f"exported {count} trajectories", file=sys.stderr)
    return 0
