"""Connecting to a world server that runs elsewhere (streamable HTTP), with an optional bearer token."""

from __future__ import annotations

import os
from typing import Any


def remote_client(url: str, token: str | None = None, timeout_s: float = 60.0) -> Any:
    """An `mcp.Client` for `url`; `token` (or $GAMEHALL_TOKEN) is sent as `Authorization: Bearer`."""
    import httpx2
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    token = token or os.environ.get("GAMEHALL_TOKEN")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    http = httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(timeout_s, read=timeout_s + 30))
    return Client(streamable_http_client(url, http_client=http))
