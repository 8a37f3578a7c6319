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


def serve(world: str, transport: str = "stdio", host: str = "127.0.0.1", port: int = 8765,
          token: str | None = None, *, hints: bool = False) -> None:
    server = build_server(world, hints=hints)
    if transport == "stdio":
        server.mcp.run("stdio")
        return
    if transport != "http":
        raise ValueError(f"transport must be stdio or http, got {transport!r}")
    import uvicorn

    uvicorn.run(http_app(server, host, token), host=host, port=port, log_level="warning", lifespan="on")
