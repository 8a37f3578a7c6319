"""A world's typed action tools (declared as data in its WorldSpec) as MCP tools: each plays one command."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from mcp_types import CallToolResult

from envs.core.spec import REQUIRED, ActionTool
from servers.annotations import MOVE
from servers.models import ActionResult
from servers.params import SeatToken

if TYPE_CHECKING:
    from servers.factory import WorldServer


def register_action_tools(server: WorldServer, tools: tuple[ActionTool, ...]) -> None:
    for tool in tools:
        title = tool.name.replace("_", " ").capitalize()
        server.mcp.register(_tool_function(server, tool), title, MOVE, ActionResult, tool.description, name=tool.name)
        for old in tool.aliases:  # names a release ago: kept one release, marked deprecated
            server.mcp.register(_tool_function(server, tool), f"{title} (deprecated name)", MOVE, ActionResult,
                                f"Deprecated alias of {tool.name}; removed next release. {tool.description}", name=old)


def _tool_function(server: WorldServer, tool: ActionTool) -> Any:
    """An async function whose signature is the tool's schema: seat_token, then the declared parameters."""

    async def play(seat_token: str, **args: Any) -> CallToolResult:
        return server.play(seat_token, tool.command.format(**args))

    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    parameters = [inspect.Parameter("seat_token", keyword, annotation=SeatToken)]
    parameters += [inspect.Parameter(p.name, keyword, annotation=p.annotation,
                                     default=inspect.Parameter.empty if p.default is REQUIRED else p.default)
                   for p in tool.params]
    play.__signature__ = inspect.Signature(parameters, return_annotation=CallToolResult)  # type: ignore[attr-defined]
    play.__name__ = tool.name
    play.__doc__ = tool.description
    return play
