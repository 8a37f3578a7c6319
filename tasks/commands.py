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
    spec = agent_choice(args.agent or "llm")
    for key in ("model", "slow_model", "fast_model"):
        if getattr(args, key, None):
            spec[key] = getattr(args, key)
    if getattr(args, "ablation", None):
        spec["ablation"] = args.ablation
    check_models([spec])
    return [spec]


def check_models(agents: list[dict[str, Any]]) -> None:
    """Refuse, before anything is played or written, a model no provider serves (a usage error)."""
    from agents.model import unroutable

    for agent in agents:
        for key in ("model", "slow_model", "fast_model"):
            problem = unroutable(agent[key]) if agent.get(key) else None
            if problem:
                raise ValueError(problem)


def agent_choice(text: str) -> dict[str, Any]:
    """`--agent`'s value as an agent entry: a kind, `cmd:COMMAND` or `python:package.module:factory`."""
    kind, colon, rest = text.partition(":")
    if kind == "cmd" and colon:
        if not rest.strip():
            raise ValueError("--agent cmd: needs a command, e.g. --agent cmd:'python my_agent.py'")
        return {"kind": "cmd", "command": rest}
    if kind == "python" and colon:
        return {"kind": "python", "factory": rest}
    return {"kind": text}


def run(args: argparse.Namespace) -> int:
    from tasks.report import write_reports
    from tasks.runner import RunConfig, runner_for
    from tasks.suite import load_suite

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    suite = load_suite(args.suite)
    agents = agent_override(args) or suite.agents
    check_models(agents)
    out = args.out or str(Path("runs") / suite.name)
    config = RunConfig(suite=suite, agents=agents, out_dir=out, concurrency=args.concurrency, display=args.display,
                       limit_cost=args.limit_cost, server_url=args.server, retry_errors=args.retry_errors,
                       backend=args.backend, address=args.address)
    runner = runner_for(config)
    outcome = asyncio.run(runner.run())
    paths = write_reports(out, outcome.records)
    if args.display != "none":
        print(f"{outcome.played} played, {outcome.skipped} already done, {len(outcome.records)}/{outcome.planned} "
              f"recorded in {out}/episodes.jsonl")
        print("wrote " + ", ".join(str(p.relative_to(out)) for p in paths))
    return _exit_status("run", outcome.records)


def _exit_status(command: str, records: list[Any]) -> int:
    """1, and one line on stderr, when an episode ended in error: the records are written, but the run failed."""
    failed = [r for r in records if r.status == "error"]
    if not failed:
        return 0
    print(f"gamehall {command}: {len(failed)} of {len(records)} episode(s) ended in error; first: {failed[0].error}",
          file=sys.stderr)
    return 1


def episode(args: argparse.Namespace) -> int:
    from tasks.runner import RunConfig, Runner
    from tasks.suite import Suite

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    from envs.registry import world

    options = world(args.world).check_options(parse_options(args.option))
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
    if record.status == "timeout":
        print(f"gamehall episode: timeout: {record.error}", file=sys.stderr)
        return 1
    return _exit_status("episode", [record])


@contextlib.contextmanager
def _scratch_dir():
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gamehall-episode-") as scratch:
        yield scratch


def _print_record(record: Any) -> None:
    fields = record.model_dump()
    keys = ("world", "options", "seed", "agent_label", "seat", "status", "score", "normalized_score", "success",
            "done", "steps", "invalid_actions", "tokens_in", "tokens_out", "tokens_cached", "cost_usd", "wall_time_s",
            "stop_reason", "error")
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
    from tasks.report import load_runs, write_reports

    records, repeated = load_runs(args.dirs)
    if repeated:
        print(f"gamehall report: {repeated} episode(s) appear in more than one run; each is counted once, "
              "from the first run that has it", file=sys.stderr)
    out = args.out or args.dirs[0]
    paths = write_reports(out, records)
    print(f"{len(records)} episodes from {len(args.dirs)} run(s); wrote " + ", ".join(str(p) for p in paths))
    print((Path(out) / "leaderboard.md").read_text(), end="")
    return 0


def export(args: argparse.Namespace) -> int:
    from tasks.export import FORMATS
    from tasks.export import export as write

    if args.format in ("gif", "mp4"):
        return _export_video(args)
    if args.format not in FORMATS:
        known = ", ".join([*FORMATS, "gif", "mp4"])
        raise ValueError(f"--format must be one of {known}, got {args.format!r}")
    if args.episode:
        raise ValueError("--episode applies to --format gif or mp4")
    target = open(args.output, "w") if args.output else sys.stdout  # noqa: SIM115 - closed below
    try:
        count = write(args.dir, target, args.format)
    finally:
        if target is not sys.stdout:
            target.close()
    what = "model calls" if args.format == "chat-jsonl" else "trajectories"
    print(f"exported {count} {what}", file=sys.stderr)
    return 0


def _export_video(args: argparse.Namespace) -> int:
    from tasks.video import VideoError, export_video

    try:
        paths = export_video(args.dir, args.format, args.episode, args.output)
    except VideoError as error:
        print(f"gamehall export: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


def transcript(args: argparse.Namespace) -> int:
    from tasks.transcript import transcript as episode_text

    sys.stdout.write(episode_text(args.dir, args.episode))
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
