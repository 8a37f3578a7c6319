"""Run a world's server over stdio or streamable HTTP (loopback by default, optional bearer token)."""

from __future__ import annotations

import hmac
from typing import Any

from envs.core.spec import WorldSpec
from servers.factory import WorldServer
from servers.spec import Limits


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


class BearerAuth:
    """ASGI middleware: every HTTP request must carry `Authorization: Bearer <token>`."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            given = dict(scope.get("headers") or []).get(b"authorization", b"")
            if not hmac.compare_digest(given, self._expected):
                await _deny(send)
                return
        await self.app(scope, receive, send)


async def _deny(send: Any) -> None:
    body = b'{"error": "missing or wrong bearer token: send Authorization: Bearer <token>"}'
    headers = [(b"content-type", b"application/json"), (b"www-authenticate", b"Bearer")]
    await send({"type": "http.response.start", "status": 401, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def http_app(server: WorldServer, host: str, token: str | None) -> Any:
    app = server.mcp.streamable_http_app(host=host)
    return BearerAuth(app, token) if token else app


def worlds_app(servers: dict[str, WorldServer], host: str, token: str | None) -> Any:
    """One HTTP app serving several worlds, each at `/{world}/mcp`, behind one bearer token (if any)."""
    import contextlib

    from starlette.applications import Starlette

    routes = []
    for name, server in servers.items():
        routes.extend(server.mcp.streamable_http_app(streamable_http_path=f"/{name}/mcp", host=host).routes)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any):
        async with contextlib.AsyncExitStack() as stack:
            for server in servers.values():
                await stack.enter_async_context(server.mcp.session_manager.run())
            yield

    app = Starlette(routes=routes, lifespan=lifespan)
    return BearerAuth(app, token) if token else app


def serve(worlds: str | list[str], transport: str = "stdio", host: str = "127.0.0.1", port: int = 8765,
          token: str | None = None, *, hints: bool = False) -> None:
    """Serve one world (stdio, or HTTP at /mcp), or several over HTTP, each at /{world}/mcp on one port."""
    names = [worlds] if isinstance(worlds, str) else list(worlds)
    if transport not in ("stdio", "http"):
        raise ValueError(f"transport must be stdio or http, got {transport!r}")
    if transport == "stdio":
        if len(names) != 1:
            raise ValueError("stdio serves one world; serve several with --transport http")
        build_server(names[0], hints=hints).mcp.run("stdio")
        return
    import uvicorn

    if len(names) == 1 and isinstance(worlds, str):
        app = http_app(build_server(names[0], hints=hints), host, token)
    else:
        app = worlds_app({name: build_server(name, hints=hints) for name in names}, host, token)
    uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="on")
