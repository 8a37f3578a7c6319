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


def judge(args: argparse.Namespace) -> int:
    """Attribution and rubric judging of a finished run's persona seats; rewrites its records and reports."""
    from tasks.attribution import Attribution, summary
    from tasks.persona_eval import agreement_alpha, judge_records
    from tasks.report import write_reports
    from tasks.store import EPISODES, RunStore

    run_dir = Path(args.run)
    if not (run_dir / EPISODES).exists():
        raise ValueError(f"{run_dir} holds no {EPISODES}: is it a run directory (gamehall run --out DIR)?")
    if args.cards < 2:
        raise ValueError(f"--cards must be at least 2, got {args.cards}")
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    store = RunStore(run_dir)
    records = list(store.records.values())
    judged = judge_records(records, run_dir, args.judge or [], args.cards)
    if not judged:
        raise ValueError(f"{run_dir}: no record of a persona seat to judge (give roster entries persona: NAME)")
    store.update(records)
    write_reports(run_dir, list(store.records.values()))

    def scorer(get: Any) -> str:
        found = summary([Attribution(a.get("rank"), a["n"]) for a in map(get, judged) if a])
        return (f"top-1 {found['top1']}, mean rank {found['mean_rank']} (chance {found['chance']}, "
                f"{found['chance_rank']}; {found['seats']} seats, {found.get('missing', 0)} without speech)")

    print(f"judged {len(judged)} persona seat(s) of {run_dir}")
    print(f"attribution, offline: {scorer(lambda r: r.attribution['offline'])}")
    for model in args.judge or []:
        print(f"attribution, {model}: {scorer(lambda r, m=model: r.attribution['llm'].get(m))}")
        agree = [r.attribution["agreement"].get(model) for r in judged]
        agree = [a for a in agree if a is not None]
        print(f"  agreement with offline top-1: {sum(agree)}/{len(agree)}")
    scores = [r.persona_score["score"] for r in judged if r.persona_score["score"] is not None]
    missing = sum(r.persona_score["missing"] for r in judged)
    label = "proxy judge (offline, not a model)" if not args.judge else ", ".join(args.judge)
    mean = f"{sum(scores) / len(scores):.2f}" if scores else "-"
    print(f"PersonaScore by {label}: {mean} over {len(scores)} seat(s); {missing} rubric score(s) missing")
    if len(args.judge or []) >= 2:
        print(f"judges' agreement (Krippendorff's alpha, interval): {agreement_alpha(judged)}")
    print(f"rewrote {run_dir / EPISODES} and {run_dir / 'leaderboard.md'}")
    return 0
