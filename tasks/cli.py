"""The `gamehall` command. Start-up imports nothing heavy: each command imports what it needs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """A usage error is one line (and exit 2), pointing at --help instead of printing the whole usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _worlds(args: argparse.Namespace) -> int:
    from envs.registry import WORLDS

    for spec in WORLDS.values():
        print(f"{spec.name:<8} {spec.summary}")
        print(f"{'':<8} ids: {', '.join(spec.ids)}")
        print(f"{'':<8} options: {', '.join(spec.scenario_options())}; score: {spec.scoring.note}")
    return 0


def _world_name(text: str) -> str:
    """An argparse type: a registered world's name (the registry loads only when a command names a world)."""
    from envs.registry import world

    try:
        return world(text).name
    except KeyError as error:
        raise argparse.ArgumentTypeError(error.args[0]) from None


def _world_or_all(text: str) -> str:
    return "all" if text == "all" else _world_name(text)


def _schema(args: argparse.Namespace) -> int:
    import json

    if args.what == "events":
        from envs.core.schema import events_json_schema

        schema = events_json_schema()
    else:
        from tasks.records import EpisodeRecord

        schema = EpisodeRecord.model_json_schema()
    print(json.dumps(schema, indent=2))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from tasks.demo import run_demo

    return run_demo(args)


def _serve(args: argparse.Namespace) -> int:
    from tasks.serving import serve_command

    return serve_command(args)


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
    parser.add_argument("--limit-cost", type=_money, metavar="USD", help="start no new episode past this model cost")
    parser.add_argument("--server", metavar="URL", help="play on a remote MCP server (use {world} in the URL for "
                        "suites with several worlds) instead of the in-memory one; token from $GAMEHALL_TOKEN")
    parser.add_argument("--retry-errors", action="store_true", help="play again the episodes that ended in error")
    parser.add_argument("--backend", choices=["asyncio", "ray"], default="asyncio", help="where episodes are played: "
                        "in this process (asyncio, the default) or on a Ray cluster (ray; pip install -e '.[ray]')")
    parser.add_argument("--address", metavar="ADDRESS", help="--backend ray: the cluster, auto or ray://HOST:PORT "
                        "(default: start a local one sized to this machine)")


def _agent_flags(parser: argparse.ArgumentParser, default_kind: str | None) -> None:
    parser.add_argument("--agent", default=default_kind, metavar="AGENT",
                        help="who plays: random, expert, llm, hierarchical, copy, cmd:'COMMAND' (an external program, "
                        "see docs/agents.md), python:package.module:factory, or a kind from the gamehall.agents "
                        "entry points (default: the suite's roster; for episode: llm)")
    parser.add_argument("--model", help="litellm model string (default: the embedded local/gemma-3-270m)")
    parser.add_argument("--slow-model", help="hierarchical: the slow mind's model")
    parser.add_argument("--fast-model", help="hierarchical: the fast mind's model")
    parser.add_argument("--ablation", choices=["full", "slow-only", "fast-only", "no-executor"],
                        help="hierarchical: which minds run (default full)")
    _verbose_flag(parser)


def _verbose_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show the model libraries' own output (llama.cpp, litellm) and debug logs on stderr")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gamehall")
    except PackageNotFoundError:
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="gamehall",
        description="A benchmark where LLM agents play text game worlds through MCP (`gamehall worlds` lists them).",
        epilog="Run `gamehall COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"gamehall {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    worlds = commands.add_parser("worlds", help="list the registered worlds and their Gymnasium ids")
    worlds.set_defaults(handler=_worlds)

    serve = commands.add_parser(
        "serve",
        help="serve a world as an MCP tool server (stdio or streamable HTTP)",
        description="Serve WORLD as an MCP server. stdio by default (for desktop MCP clients); "
        "--transport http serves streamable HTTP at http://HOST:PORT/mcp, or several worlds (or all) on one "
        "port, each at http://HOST:PORT/WORLD/mcp.",
    )
    serve.add_argument("worlds", nargs="+", metavar="WORLD", type=_world_or_all,
                       help="the world(s) to serve (see gamehall worlds), or all")
    serve.add_argument("--transport", choices=["stdio", "http"], default="stdio", help="default: stdio")
    serve.add_argument("--host", default="127.0.0.1", help="HTTP bind address (default 127.0.0.1, loopback only; "
                       "any other needs a token)")
    serve.add_argument("--port", type=_port, default=None, help="HTTP port (default 8765)")
    serve.add_argument("--token-file", metavar="FILE", default=None,
                       help="HTTP: the bearer token every request must send, read from FILE's first line (else "
                       "$GAMEHALL_TOKEN; else, on loopback, one is generated and printed once on stderr)")
    serve.add_argument("--token", default=None, help=argparse.SUPPRESS)  # deprecated: argv shows in ps
    serve.add_argument("--allow-host", metavar="HOST[:PORT]", action="append",
                       help="HTTP: also answer to this Host (e.g. the name a reverse proxy forwards); repeatable")
    serve.add_argument("--hints", action="store_true",
                       help="add the suggest tool (the world's scripted player's move): for scripted baselines")
    serve.set_defaults(handler=_serve)

    episode = commands.add_parser(
        "episode",
        help="play one episode through the in-memory MCP server and print its result record",
        description="Play one episode of WORLD with an agent through the world's MCP server (in memory) and "
        "print the record the suite runner stores. Without --model, LLM agents use the embedded local model.",
    )
    episode.add_argument("world", type=_world_name, help="a registered world (see gamehall worlds)")
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
    watch.add_argument("--reveal", action="store_true", help="show every seat's hidden role")
    watch.set_defaults(handler=_tui("watch"))

    replay = commands.add_parser("replay", help="replay a finished run from its event logs (TUI)",
                                 description="Replay the episodes of run directory DIR with play / pause / step / "
                                 "speed; unreadable lines of an event file are skipped and reported.")
    replay.add_argument("dir", metavar="DIR", help="run directory")
    replay.add_argument("--speed", type=float, default=1.0, help="playback speed (default 1.0)")
    replay.add_argument("--reveal", action="store_true", help="show every seat's hidden role")
    replay.add_argument("--compare", nargs="+", metavar="DIR", help="other runs whose rows join the leaderboard tab")
    replay.set_defaults(handler=_tui("replay"))

    play = commands.add_parser("play", help="take a seat yourself (TUI), with an AI partner in co-op worlds",
                               description="Play WORLD from the keyboard through its MCP server; the other seats "
                               "are played by --partner (co-op worlds) or the built-in bots.")
    play.add_argument("world", type=_world_name, help="a registered world (see gamehall worlds)")
    play.add_argument("--partner", default="expert", help="co-op partner agent: expert, random, llm, hierarchical")
    play.add_argument("--model", help="the partner's model (llm/hierarchical; default the embedded local model)")
    play.add_argument("--seed", type=int, default=0, help="game seed (default 0)")
    play.add_argument("--out", metavar="DIR", help="write your game's record and event log into run directory DIR "
                      "(then `gamehall report DIR ...` ranks you with the agents)")
    play.add_argument("-o", "--option", action="append", metavar="KEY=VALUE", help="world option, e.g. -o tier=2")
    _verbose_flag(play)
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

    judge = commands.add_parser("judge", help="persona judging of a run: attribution and rubric scores",
                                description="Attribute every persona seat's speech among N persona cards (an "
                                "offline scorer, and each --judge model) and score its play on five rubrics "
                                "(each --judge model; without one, an offline proxy judge, labelled proxy). Adds "
                                "attribution and persona_score to the records judged and rewrites the report.")
    judge.add_argument("run", metavar="RUN", help="run directory")
    judge.add_argument("--judge", action="append", metavar="MODEL", help="a litellm judge model (repeat for two)")
    judge.add_argument("--cards", type=int, default=5, help="persona cards per attribution (default 5)")
    judge.set_defaults(handler=_command("judge"))

    from tasks.export_formats import FORMATS

    formats = {**FORMATS, "gif": "each episode's logged frames drawn as an animated GIF, one file per episode",
               "mp4": "the same as MP4 video (needs imageio and imageio-ffmpeg)"}
    export = commands.add_parser("export", help="export a run as training data (model calls, trajectories) or videos",
                                 description="Write a run as JSON lines or as videos. " + " ".join(
                                     f"{name}: {text}." for name, text in formats.items()))
    export.add_argument("dir", metavar="DIR", help="run directory")
    export.add_argument("--format", default="chat-jsonl", help=" | ".join(
        f"{name}: {text}" for name, text in formats.items()) + " (default chat-jsonl)")
    export.add_argument("--episode", metavar="ID", help="gif/mp4: only this episode")
    export.add_argument("-o", "--output", help="file to write (default: standard output; gif/mp4: DIR/videos/, "
                        "or this file with --episode)")
    export.set_defaults(handler=_command("export"))

    transcript = commands.add_parser("transcript", help="one episode of a run as plain text",
                                     description="Print episode EPISODE_ID of run directory DIR as plain text: "
                                     "views, moves, chat, the agent's thoughts by mind, and the result.")
    transcript.add_argument("dir", metavar="DIR", help="run directory")
    transcript.add_argument("episode", metavar="EPISODE_ID", help="the episode (its id in DIR/episodes.jsonl)")
    transcript.set_defaults(handler=_command("transcript"))

    demo = commands.add_parser(
        "demo",
        help="play one episode with a scripted policy directly on the Gymnasium env and show it as text",
        description="Play one episode of WORLD with a scripted policy (no MCP, no model) and print it.",
    )
    demo.add_argument("world", help="a registered world (see gamehall worlds)")
    demo.add_argument("--policy", default="expert", help="the world's scripted policy, e.g. expert, random, bot")
    demo.add_argument("--seed", type=int, default=0, help="episode seed (default 0)")
    demo.add_argument("-o", "--option", action="append", metavar="KEY=VALUE", help="env kwarg, e.g. -o tier=3")
    demo.add_argument("--frames", action="store_true", help="print the full text view after every step")
    demo.add_argument("--max-steps", type=int, default=2000, help="stop after this many steps (default 2000)")
    demo.set_defaults(handler=_demo)

    schema = commands.add_parser("schema", help="print a JSON Schema: the event log's lines or the episode record",
                                 description="Print the JSON Schema of every line of events/*.jsonl (events) or of "
                                 "a line of episodes.jsonl (record).")
    schema.add_argument("what", choices=["events", "record"])
    schema.set_defaults(handler=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    _set_verbosity(bool(getattr(args, "verbose", False)))
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (KeyError, ValueError, TypeError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"gamehall {args.command}: {message}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a runtime failure is one line (the traceback with --verbose)
        if getattr(args, "verbose", False):
            raise
        error = _innermost(error)
        text = " ".join(str(error).split())[:300]
        print(f"gamehall {args.command}: {type(error).__name__}: {text}" if text else
              f"gamehall {args.command}: {type(error).__name__}", file=sys.stderr)
        return 1


def _innermost(error: BaseException) -> BaseException:
    """The first real failure inside task-group wrappers (anyio's ExceptionGroup says only that one failed)."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error


def _port(text: str) -> int:
    port = int(text)
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a TCP port (1-65535)")
    return port


def _money(text: str) -> float:
    value = float(text)
    if not value >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text} is not a cost in USD (0 or more)")
    return value


def _set_verbosity(verbose: bool) -> None:
    """--verbose lets llama.cpp's and litellm's own output through (GAMEHALL_VERBOSE reaches the model worker)."""
    import logging
    import os

    if verbose:
        os.environ["GAMEHALL_VERBOSE"] = "1"
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(name)s: %(message)s")


if __name__ == "__main__":
    sys.exit(main())
