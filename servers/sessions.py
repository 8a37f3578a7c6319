"""What bounds the HTTP side of a server: whose Host and Origin it answers, and how many MCP sessions it
keeps. A legacy client's `initialize` opens a session that lives until it is idle for the idle timeout: a
flood of them must neither grow the server without bound nor lock other clients out (the SDK answers 503
at its session limit), so at the limit the session idle the longest makes room."""

from __future__ import annotations

import logging
import math
import socket
import types
from typing import Any

from mcp.server.transport_security import TransportSecuritySettings

MAX_SESSIONS = 500
SESSION_IDLE_S = 600.0  # a seat goes to a bot after 120 s of silence; a session idle this long has no use left
WILDCARD = ("0.0.0.0", "::", "")
logger = logging.getLogger(__name__)


def bound_sessions() -> dict[str, Any]:
    return {"max_sessions": MAX_SESSIONS, "session_idle_timeout": SESSION_IDLE_S}


def own_hosts(host: str, port: int, allow: list[str] = ()) -> list[str]:
    """The Host header values this server answers to: its bind address (and, on loopback, the other loopback
    names) with its port; a wildcard bind also the machine's names and addresses; plus `allow` (e.g. the name
    a reverse proxy forwards)."""
    names = {host}
    if host in ("127.0.0.1", "localhost", "::1") or host.startswith("127."):
        names |= {"127.0.0.1", "localhost", "::1"}
    if host in WILDCARD:
        names = {"127.0.0.1", "localhost", "::1", socket.gethostname(), socket.getfqdn()}
        try:
            names |= set(socket.gethostbyname_ex(socket.gethostname())[2])
        except OSError:
            pass
    hosts = [f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in sorted(names - set(WILDCARD))]
    return hosts + [a if ":" in a.rsplit("]", 1)[-1] else f"{a}:{port}" for a in allow]


def transport_security(host: str, port: int, allow: list[str] = ()) -> TransportSecuritySettings:
    """DNS-rebinding protection on for every bind: only this server's own host:port, and only an Origin of
    one of them (a browser page from any other origin, another localhost port included, is refused)."""
    hosts = own_hosts(host, port, allow)
    return TransportSecuritySettings(enable_dns_rebinding_protection=True, allowed_hosts=hosts,
                                     allowed_origins=[f"{scheme}://{h}" for h in hosts for scheme in ("http", "https")])


def evict_idle(manager: Any) -> None:
    """At the session limit, end the session idle the longest (none with a request in flight) instead of
    refusing the new one. Its client's next request gets 404 and initializes again; seats live on tokens, so
    nothing of a game is lost."""
    admit = manager._admit_session

    def admit_or_evict(self: Any, requestor: Any) -> Any:
        if self.max_sessions is not None and len(self._server_instances) >= self.max_sessions:
            _evict_one(self)
        return admit(requestor)

    manager._admit_session = types.MethodType(admit_or_evict, manager)


def _evict_one(manager: Any) -> None:
    idle = [(t.idle_scope.deadline, sid, t) for sid, t in manager._server_instances.items()
            if t.idle_scope is not None and t.idle_scope.deadline < math.inf and not t.idle_scope.cancel_called]
    if not idle:
        return
    _, session_id, transport = min(idle, key=lambda entry: entry[0])
    manager._server_instances.pop(session_id, None)
    manager._session_owners.pop(session_id, None)
    transport.idle_scope.cancel()  # its server task ends and terminates the transport
    logger.info("session limit: ended the longest idle session")
