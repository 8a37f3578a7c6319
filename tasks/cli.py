"""The `gamehall` command. Start-up imports nothing heavy: each command imports what it needs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]


def _worlds(args: argparse.Namespace) -> int:
    from envs.registry import WORLDS

    for spec in WORLDS.values():
        print(f"{spec.name:<8} {spec.summary}")
        print(f"{'':<8} ids: {', '.join(spec.ids)}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from tasks.demo import run_demo

    return run_demo(args)


def _serve(args: argparse.Namespace) -> int:
    import os

    from servers.serve import serve

    if args.transport == "stdio" and (args.token or args.port):
        raise ValueError("--token and --port apply to --transport http only")
    token = args.token or os.environ.get("GAMEHALL_TOKEN")
    serve(args.world, args.transport, args.host, args.port or 8765, token, hints=args.hints)
    return 0


def _command(name: str) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        from tasks import commands

        return getattr(commands, name)(args)

    return handler


def _tui(name: str) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        from tui import commands

        return getattr(commands, name)(args)

    return handler


def _run_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("suite", help="suite file or name")
    _agent_flags(parser, None)
    parser.add_argument("--concurrency", type=int, default=4, help="episodes at once (default 4)")
    parser.add_argument("--out", help="run directory (default runs/SUITE_NAME)")
    parser.add_argument("--limit-cost", type=float, metavar="USD", help="start no new episode past this model cost")
    parser.add_argument("--server", metavar="URL", help="play on a remote MCP server (use {world} in the URL for "
                        "suites with several worlds) instead of the in-memory one; token from $GAMEHALL_TOKEN")
    parser.add_argument("--retry-errors", action="store_true", help="play again the episodes that ended in error")


def _agent_flags(parser: argparse.ArgumentParser, default_kind: str | None) -> None:
    parser.add_argument("--agent", default=default_kind, choices=["random", "expert", "llm", "hierarchical", "copy"],
                        help="who plays (default: the suite's roster; for episode: llm)")
    parser.add_argument("--model", help="litellm model string (default: the embedded local/gemma-3-270m)")
    parser.add_argument("--slow-model", help="hierarchical: the slow mind's model")
    parser.add_argument("--fast-model", help="hierarchical: the fast mind's model")
    parser.add_argument("--ablation", choices=["full", "slow-only", "fast-only", "no-executor"],
                        help="hierarchical: which minds run (default full)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gamehall",
        description="A benchmark where LLM agents play text game worlds (Forge, Kitchen, Village) through MCP.",
        epilog="Run `gamehall COMMAND --help` for a command's options.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    worlds = commands.add_parser("worlds", help="list the registered worlds and their Gymnasium ids")
    worlds.set_defaults(handler=_worlds)

    serve = commands.add_parser(
        "serve",
        help="serve a world as an MCP tool server (stdio or streamable HTTP)",
        description="Serve WORLD as an MCP server. stdio by default (for desktop MCP clients); "
        "--transport http serves streamable HTTP at http://HOST:PORT/mcp.",
    )
    serve.add_argument("world", choices=["forge", "kitchen", "village"], help="the world to serve")
    serve.add_argument("--transport", choices=["stdio", "http"], default="stdio", help="default: stdio")
    serve.add_argument("--host", default="127.0.0.1", help="HTTP bind address (default 127.0.0.1, loopback only)")
    serve.add_argument("--port", type=int, default=None, help="HTTP port (default 8765)")
    serve.add_argument("--token", default=None,
                       help="HTTP: require 'Authorization: Bearer TOKEN' on every request (or set GAMEHALL_TOKEN)")
    serve.add_argument("--hints", action="store_true",
                       help="add the suggest tool (the world's scripted player's move): for scripted baselines")
    serve.set_defaults(handler=_serve)

    episode = commands.add_parser(
        "episode",
        help="play one episode through the in-memory MCP server and print its result record",
        description="Play one episode of WORLD with an agent through the world's MCP server (in memory) and "
        "print the record the suite runner stores. Without --model, LLM agents use the embedded local model.",
    )
    episode.add_argument("world", choices=["forge", "kitchen", "village"])
    _agent_flags(episode, None)
    episode.add_argument("--seed", type=int, default=0, help="game seed (default 0)")
    episode.add_argument("-o", "--option", action="append", metavar="KEY=VALUE", help="world option, e.g. -o tier=2")
    episode.add_argument("--json", action="store_true", help="print the record as JSON")
    episode.set_defaults(handler=_command("episode"))

    run = commands.add_parser(
        "run",
        help="run a suite headlessly: concurrent, resumable, writes results and reports",
        description="Play every episode of SUITE (a YAML file, or a shipped suite name: smoke, core, full) and "
        "write DIR/episodes.jsonl, DIR/events/, DIR/summary.json, DIR/leaderboard.md and DIR/plots/. "
        "Re-running the same command resumes: finished episodes are skipped.",
    )
    _run_flags(run)
    run.add_argument("--display", choices=["bar", "plain", "none"], default="bar",
                     help="progress: a live bar, plain lines for logs, or nothing (default bar)")
    run.set_defaults(handler=_command("run"))

    watch = commands.add_parser("watch", help="run a suite and watch it live in the terminal (Textual TUI)",
                                description="Run SUITE like `gamehall run` and show it live: episodes, the "
                                "selected world drawn, the agent's thoughts by mind, scores over time.")
    _run_flags(watch)
    watch.add_argument("--reveal", action="store_true", help="Village: show every seat's role")
    watch.set_defaults(handler=_tui("watch"))

    replay = commands.add_parser("replay", help="replay a finished run from its event logs (TUI)",
                                 description="Replay the episodes of run directory DIR with play / pause / step / "
                                 "speed; unreadable lines of an event file are skipped and reported.")
    replay.add_argument("dir", metavar="DIR", help="run directory")
    replay.add_argument("--speed", type=float, default=1.0, help="playback speed (default 1.0)")
    replay.add_argument("--reveal", action="store_true", help="Village: show every seat's role")
    replay.add_argument("--compare", nargs="+", metavar="DIR", help="other runs whose rows join the leaderboard tab")
    replay.set_defaults(handler=_tui("replay"))

    play = commands.add_parser("play", help="take a seat yourself (TUI): Kitchen with an AI partner, Village, Forge",
                               description="Play WORLD from the keyboard through its MCP server; the other seats "
                               "are played by --partner (Kitchen) or the built-in bots.")
    play.add_argument("world", choices=["forge", "kitchen", "village"])
    play.add_argument("--partner", default="expert", help="Kitchen partner agent: expert, random, llm, hierarchical")
    play.add_argument("--model", help="the partner's model (llm/hierarchical; default the embedded local model)")
    play.add_argument("--seed", type=int, default=0, help="game seed (default 0)")
    play.add_argument("-o", "--option", action="append", metavar="KEY=VALUE", help="world option, e.g. -o tier=2")
    play.set_defaults(handler=_tui("play"))

    learn = commands.add_parser(
        "learn", help="a learning curve: train games fill the agent's memory, test seeds are played with it",
        description="Play SUITE's tasks on the train seeds with the agent writing its games to DIR/memory.sqlite, "
        "freeze the memory at each checkpoint (as is, and curated by exemplar utility), then play the test seeds "
        "read-only with each copy, with empty memory, and best-of-2/3 without memory. Writes DIR/curve.json, "
        "DIR/curve.png, DIR/summary.md. Re-running resumes.")
    learn.add_argument("suite", help="suite file or name (its tasks; their seeds are replaced)")
    _agent_flags(learn, None)
    learn.add_argument("--train-seeds", required=True, metavar="A-B", help="seeds the memory learns from")
    learn.add_argument("--test-seeds", required=True, metavar="C-D", help="seeds it is tested on (never written)")
    learn.add_argument("--checkpoints", metavar="N,N,...", help="train games after which the memory is frozen "
                       "(default: a quarter, half and all of them)")
    learn.add_argument("--out", required=True, metavar="DIR", help="where the memory, runs and curve go")
    learn.add_argument("--train-agent", choices=["random", "expert", "llm", "hierarchical", "copy"],
                       help="who plays the train games (default: the agent itself; expert: learn from "
                       "demonstrations)")
    learn.add_argument("--k", type=int, help="examples per decision (default: the spec's memory k, else 4)")
    learn.add_argument("--mode", choices=["plan", "step"], help="llm agent: whole-game or per-move examples")
    learn.add_argument("--concurrency", type=int, default=1, help="test episodes at once (train is in order)")
    learn.set_defaults(handler=_command("learn"))

    report = commands.add_parser("report", help="one leaderboard (markdown, CSV, plots) across runs",
                                 description="Merge the episodes of one or more run directories into "
                                 "summary.json, leaderboard.md, leaderboard.csv and plots/.")
    report.add_argument("dirs", nargs="+", metavar="DIR", help="run directories")
    report.add_argument("--out", help="where to write (default: the first DIR)")
    report.set_defaults(handler=_command("report"))

    export = commands.add_parser("export", help="export trajectories as fine-tuning data",
                                 description="Write the agent's trajectories of a run as chat messages with "
                                 "tool calls, one JSON object per episode.")
    export.add_argument("dir", metavar="DIR", help="run directory")
    export.add_argument("--format", default="chat-jsonl", help="chat-jsonl (the only format)")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.set_defaults(handler=_command("export"))

    demo = commands.add_parser(
        "demo",
        help="play one episode with a scripted policy directly on the Gymnasium env and show it as text",
        description="Play one episode of WORLD with a scripted policy (no MCP, no model) and print it.",
    )
    demo.add_argument("world", help="forge, kitchen or village")
    demo.add_argument("--policy", default="expert", help="the world's scripted policy: expert, random (village: bot)")
    demo.add_argument("--seed", type=int, default=0, help="episode seed (default 0)")
    demo.add_argument("-o", "--option", action="append", metavar="KEY=VALUE", help="env kwarg, e.g. -o tier=3")
    demo.add_argument("--frames", action="store_true", help="print the full text view after every step")
    demo.add_argument("--max-steps", type=int, default=2000, help="stop after this many steps (default 2000)")
    demo.set_defaults(handler=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (KeyError, ValueError, TypeError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"gamehall {args.command}: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
