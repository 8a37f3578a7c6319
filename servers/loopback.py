"""World servers of this process served over loopback HTTP, token-protected, for programs the runner starts
(`kind: cmd` agents): the same games the runner's in-memory client sees, at http://127.0.0.1:PORT/{world}/mcp."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import socket
from collections.abc import AsyncIterator
from typing import Any

from servers.factory import WorldServer
from servers.serve import worlds_app

HOST = "127.0.0.1"


def _quiet_server(config: Any) -> Any:
    """uvicorn's server without its signal handlers: Ctrl-C belongs to the runner, not to this side door."""
    import uvicorn

    class Quiet(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self):  # noqa: ANN202 - uvicorn's hook
            yield

    return Quiet(config)


@contextlib.asynccontextmanager
async def loopback(servers: dict[str, WorldServer]) -> AsyncIterator[tuple[str, str]]:
    """Serve `servers` on a free loopback port; yields (URL template with {world}, bearer token)."""
    import uvicorn

    token = secrets.token_urlsafe(24)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))  # the port first: the app answers only to its own host:port
    port = sock.getsockname()[1]
    config = uvicorn.Config(worlds_app(servers, HOST, token, port), host=HOST, port=port, log_level="error",
                            lifespan="on", access_log=False, h11_max_incomplete_event_size=1 << 20)
    server = _quiet_server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError("the loopback MCP server stopped while starting")
        await asyncio.sleep(0.02)
    try:
        yield f"http://{HOST}:{port}/{{world}}/mcp", token
    finally:
        server.should_exit = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 10)
        sock.close()
