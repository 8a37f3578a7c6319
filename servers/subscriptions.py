"""Resource updates for clients of every protocol version. The SDK's subscription bus reaches only
2026-07-28 clients (`subscriptions/listen`); a client of an earlier version subscribes with
`resources/subscribe` and is sent `notifications/resources/updated` on its own session, served here."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from typing import Any

import mcp_types as types

MAX_SUBSCRIBERS_PER_URI = 64
MAX_URIS = 1_024


class LegacySubscriptions:
    """uri -> the connections subscribed to it (weakly held: a connection that ends drops out by itself). A
    request's session object lives for that request only; its connection is the client's for as long as it is
    connected, and sends on the standalone stream."""

    def __init__(self) -> None:
        self._by_uri: dict[str, weakref.WeakSet[Any]] = {}
        self._due: set[str] = set()  # URIs with a notice on its way: a move's several events make one

    def install(self, lowlevel: Any) -> None:
        lowlevel.add_request_handler("resources/subscribe", types.SubscribeRequestParams, self._subscribe)
        lowlevel.add_request_handler("resources/unsubscribe", types.UnsubscribeRequestParams, self._unsubscribe)

    async def _subscribe(self, ctx: Any, params: types.SubscribeRequestParams) -> types.EmptyResult:
        uri = str(params.uri)
        sessions = self._by_uri.get(uri)
        if sessions is None:
            self._forget_empty()
            if len(self._by_uri) >= MAX_URIS:
                raise _refusal(f"this server follows at most {MAX_URIS} resources")
            sessions = self._by_uri[uri] = weakref.WeakSet()
        connection = _connection(ctx)
        if len(sessions) >= MAX_SUBSCRIBERS_PER_URI and connection not in sessions:
            raise _refusal(f"{uri[:80]} has {MAX_SUBSCRIBERS_PER_URI} subscribers already")
        sessions.add(connection)
        return types.EmptyResult()

    async def _unsubscribe(self, ctx: Any, params: types.UnsubscribeRequestParams) -> types.EmptyResult:
        sessions = self._by_uri.get(str(params.uri))
        if sessions is not None:
            sessions.discard(_connection(ctx))
        return types.EmptyResult()

    def publish(self, uri: str) -> None:
        """Tell every connection subscribed to `uri`, once for all the events of one call (from the loop)."""
        if uri in self._due or not self._by_uri.get(uri):
            return
        self._due.add(uri)
        asyncio.get_running_loop().call_soon(self._send_all, uri)

    def _send_all(self, uri: str) -> None:
        self._due.discard(uri)
        for connection in list(self._by_uri.get(uri) or ()):
            asyncio.get_running_loop().create_task(_send(connection, uri))

    def _forget_empty(self) -> None:
        for uri in [u for u, sessions in self._by_uri.items() if not sessions]:
            del self._by_uri[uri]


def _connection(ctx: Any) -> Any:
    session = ctx.session
    return getattr(session, "connection", None) or getattr(session, "_connection", session)


async def _send(session: Any, uri: str) -> None:
    with contextlib.suppress(Exception):  # a session that closed meanwhile has nobody to tell
        await session.send_resource_updated(uri)


def _refusal(message: str) -> Exception:
    from mcp.shared.exceptions import MCPError

    return MCPError(code=types.INVALID_PARAMS, message=message)
