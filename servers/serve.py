"""Run a world's server over stdio or streamable HTTP. Over HTTP every request needs the bearer token (from a
file, $GAMEHALL_TOKEN, or generated and printed once); Host and Origin must be this server's own."""

from __future__ import annotations

import hmac
import sys
from typing import Any

from envs.core.spec import WorldSpec
from servers.factory import WorldServer
from servers.sessions import bound_sessions, evict_idle, transport_security
from servers.spec import Limits

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def world_spec(world: str) -> WorldSpec:
    """The registered world called `world`; a ValueError names the worlds there are."""
    from envs.registry import world as find_world

    try:
        return find_world(world)
    except KeyError as error:
        raise ValueError(error.args[0]) from None


def build_server(world: str, limits: Limits | None = None, *, hints: bool = False) -> WorldServer:
    """The WorldServer for a registered world; `hints` adds the `suggest` tool."""
    return WorldServer(world_spec(world), limits, hints=hints)


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


class BearerAuth:
    """ASGI middleware: every HTTP request must carry `Authorization: Bearer <token>` (the scheme in any case).
    A refusal is a plain 401: no `WWW-Authenticate` challenge, which sends OAuth-aware clients into an OAuth
    flow this server does not offer; OAuth discovery paths answer 404 for the same reason."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self._expected = token.encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not str(scope.get("path", "")).startswith("/.well-known/"):
            given = dict(scope.get("headers") or []).get(b"authorization", b"")
            scheme, _, token = given.strip().partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(token.strip(), self._expected):
                await _deny(send)
                return
        await self.app(scope, receive, send)


async def _deny(send: Any) -> None:
    body = b'{"error": "missing or wrong bearer token: send Authorization: Bearer <token>"}'
    await send({"type": "http.response.start", "status": 401, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def _streamable(server: WorldServer, path: str, host: str, port: int, allow: list[str]) -> Any:
    app = server.mcp.streamable_http_app(streamable_http_path=path, host=host,
                                         transport_security=transport_security(host, port, allow),
                                         **bound_sessions())
    evict_idle(server.mcp.session_manager)
    return app


def http_app(server: WorldServer, host: str, token: str | None, port: int = 8765, allow: list[str] = ()) -> Any:
    app = _streamable(server, "/mcp", host, port, list(allow))
    return BearerAuth(app, token) if token else app


def worlds_app(servers: dict[str, WorldServer], host: str, token: str | None, port: int = 8765,
               allow: list[str] = ()) -> Any:
    """One HTTP app serving several worlds, each at `/{world}/mcp`, behind one bearer token (if any)."""
    import contextlib

    from starlette.applications import Starlette

    routes = []
    for name, server in servers.items():
        routes.extend(_streamable(server, f"/{name}/mcp", host, port, list(allow)).routes)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any):
        async with contextlib.AsyncExitStack() as stack:
            for server in servers.values():
                await stack.enter_async_context(server.mcp.session_manager.run())
            yield

    app = Starlette(routes=routes, lifespan=lifespan)
    return BearerAuth(app, token) if token else app


def serve(worlds: str | list[str], transport: str = "stdio", host: str = "127.0.0.1", port: int = 8765,
          token: str | None = None, *, hints: bool = False, allow_hosts: list[str] = ()) -> None:
    """Serve one world (stdio, or HTTP at /mcp), or several over HTTP, each at /{world}/mcp on one port. Over
    HTTP with no token: refused on a non-loopback address; on loopback one is generated and printed once."""
    names = [worlds] if isinstance(worlds, str) else list(worlds)
    if transport not in ("stdio", "http"):
        raise ValueError(f"transport must be stdio or http, got {transport!r}")
    if transport == "stdio":
        if len(names) != 1:
            raise ValueError("stdio serves one world; serve several with --transport http")
        from servers import stdio

        stdio.run(build_server(names[0], hints=hints).mcp)
        return
    import uvicorn

    token = http_token(host, token)
    if len(names) == 1 and isinstance(worlds, str):
        app, path = http_app(build_server(names[0], hints=hints), host, token, port, allow_hosts), "/mcp"
    else:
        servers = {name: build_server(name, hints=hints) for name in names}
        app, path = worlds_app(servers, host, token, port, allow_hosts), "/{world}/mcp"
    shown = f"[{host}]" if ":" in host else host
    print(f"listening on http://{shown}:{port}{path}", file=sys.stderr, flush=True)
    # h11 drops a request whose headers outgrow its buffer with no answer; a bigger buffer lets the app refuse it
    uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="on", h11_max_incomplete_event_size=1 << 20)


def http_token(host: str, token: str | None) -> str:
    """The token to require: the one given, or, on loopback only, a fresh one told once on stderr."""
    if token:
        return token
    if not is_loopback(host):
        raise ValueError(f"--host {host} is not a loopback address: serving it needs a token (--token-file FILE "
                         "or GAMEHALL_TOKEN)")
    import secrets

    token = secrets.token_urlsafe(24)
    print(f"token (generated; send Authorization: Bearer <token>, or export GAMEHALL_TOKEN={token}): {token}",
          file=sys.stderr, flush=True)
    return token
