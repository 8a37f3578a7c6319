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
    serve(args.world, args.transport, args.host, args.port or 8765, token)
    return 0


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
    serve.set_defaults(handler=_serve)

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
