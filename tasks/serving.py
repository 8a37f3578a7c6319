"""`gamehall serve`: its flags, where the bearer token comes from, and the port checked before uvicorn starts."""

from __future__ import annotations

import argparse


def serve_command(args: argparse.Namespace) -> int:
    """`gamehall serve`: checks its flags, finds the token, binds once, then serves until stopped."""
    from servers.serve import serve

    if args.transport == "stdio" and (args.token or args.port or args.token_file):
        raise ValueError("--token, --token-file and --port apply to --transport http only")
    token = serve_token(args)
    worlds = list(dict.fromkeys(args.worlds))
    if "all" in worlds:
        from envs.registry import WORLDS

        worlds = list(WORLDS)
    target = worlds[0] if len(args.worlds) == 1 and args.worlds[0] != "all" else worlds
    if args.transport == "http":
        check_listen(args.host, args.port or 8765)
    serve(target, args.transport, args.host, args.port or 8765, token, hints=args.hints,
          allow_hosts=args.allow_host or [])
    return 0


def check_listen(host: str, port: int) -> None:
    """Bind once before serving: uvicorn reports a port in use in its own words and exits 3."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(infos[0][4])
    except OSError as error:
        raise OSError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def serve_token(args: argparse.Namespace) -> str | None:
    """--token-file, else $GAMEHALL_TOKEN, else the deprecated --token (argv shows in `ps`)."""
    import os
    import sys

    if args.token_file:
        try:
            with open(args.token_file, encoding="utf-8") as handle:
                token = handle.readline().strip()
        except OSError as error:
            raise ValueError(f"--token-file {args.token_file}: {error.strerror}") from None
        if not token:
            raise ValueError(f"--token-file {args.token_file} is empty")
        return token
    if args.token:
        print("gamehall serve: --token shows the token to every user of `ps`: use --token-file or GAMEHALL_TOKEN "
              "(--token goes in the next release)", file=sys.stderr)
        return args.token
    return os.environ.get("GAMEHALL_TOKEN") or None
