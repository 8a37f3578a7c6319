"""The bodies of `gamehall watch | replay | play`; tasks/cli.py parses the arguments. Textual is imported here,
only when one of these commands runs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def watch(args: argparse.Namespace) -> int:
    """Run SUITE with the same runner and config as `gamehall run`, shown live; reports written at the end."""
    from tasks.commands import agent_override
    from tasks.runner import RunConfig
    from tasks.suite import load_suite
    from tui.watch import WatchApp

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    suite = load_suite(args.suite)
    agents = agent_override(args) or suite.agents
    out = args.out or str(Path("runs") / suite.name)
    config = RunConfig(suite=suite, agents=agents, out_dir=out, concurrency=args.concurrency, display="none",
                       limit_cost=args.limit_cost, server_url=args.server, retry_errors=args.retry_errors,
                       backend=args.backend, address=args.address)
    if config.backend == "ray":
        from tasks.ray_backend import require_ray

        require_ray()  # before the screen opens: a missing extra is one line, not a failed run on screen
    app = WatchApp(config, reveal=args.reveal)
    app.run()
    if app.error is not None:
        raise ValueError(f"the run failed: {type(app.error).__name__}: {app.error}")
    if app.outcome is None:
        print(f"stopped before the end: finished episodes are in {out}; the same command resumes the run")
        return 130
    print(f"{app.outcome.played} played, {len(app.outcome.records)}/{app.outcome.planned} recorded in {out}")
    return 0


def replay(args: argparse.Namespace) -> int:
    from tui.replay import ReplayApp

    app = ReplayApp(args.dir, speed=args.speed, reveal=args.reveal, compare=list(getattr(args, "compare", None) or []))
    app.run()
    for problem in app.problems:
        print(problem)
    return 0


def play(args: argparse.Namespace) -> int:
    from tasks.commands import check_models
    from tasks.options import parse_options
    from tui.play import PlayApp

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    check_models([{"model": args.model}])
    app = PlayApp(args.world, partner=args.partner, model=args.model, seed=args.seed,
                  options=parse_options(args.option), out=args.out)
    app.spec.check_options(app.options)  # a bad option is one line before the screen opens
    app.run()
    if app.error and app.return_code == 2:
        raise ValueError(app.error)
    if app.error:  # the game broke off (already one line, without the seat token)
        print(f"gamehall play: {app.error}", file=sys.stderr)
        return 1
    if app.view:
        print(f"{args.world}: score {app.view.get('score', 0):g}, tick {app.view.get('tick', 0)}, "
              f"{'game over' if app.view.get('done') else 'left before the end'}")
    if app.record is not None:
        print(f"recorded {app.record.episode_id} in {args.out}/episodes.jsonl (gamehall report {args.out})")
    return 0
