"""A world's typed action tools (declared as data in its WorldSpec) as MCP tools: each plays one command."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from envs.core.spec import REQUIRED, ActionTool
from servers.models import ActionResult
from servers.params import SeatToken

if TYPE_CHECKING:
    from servers.factory import WorldServer


def register_action_tools(server: WorldServer, tools: tuple[ActionTool, ...]) -> None:
    for tool in tools:
        server.mcp.tool(name=tool.name, description=tool.description)(_tool_function(server, tool))


def _tool_function(server: WorldServer, tool: ActionTool) -> Any:
    """An async function whose signature is the tool's schema: seat_token, then the declared parameters."""

    async def play(seat_token: str, **args: Any) -> ActionResult:
        return server.play(seat_token, tool.command.format(**args))

    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    parameters = [inspect.Parameter("seat_token", keyword, annotation=SeatToken)]
    parameters += [inspect.Parameter(p.name, keyword, annotation=p.annotation,
                                     default=inspect.Parameter.empty if p.default is REQUIRED else p.default)
                   for p in tool.params]
    play.__signature__ = inspect.Signature(parameters, return_annotation=ActionResult)  # type: ignore[attr-defined]
    play.__name__ = tool.name
    play.__doc__ = tool.description
    return play
