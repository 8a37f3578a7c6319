"""Server tools as litellm (OpenAI-style) tools, and the forced one-of choice small models need."""

from __future__ import annotations

from typing import Any

from agents.seat import ToolSpec

# Tools a playing model never needs: the runner seats it, and hints would measure the world's bot.
NOT_FOR_MODELS = frozenset({"new_game", "join_game", "leave", "list_games", "suggest", "referee", "close_game"})


def litellm_tools(specs: list[ToolSpec], exclude: frozenset[str] = NOT_FOR_MODELS) -> list[dict[str, Any]]:
    """The seat's tools (seat_token already stripped) in litellm's tool format; a deprecated alias of another
    tool (a name kept for one release) is left out: the model sees each tool once."""
    return [function_tool(s.name, s.description, s.parameters) for s in specs
            if s.name not in exclude and not s.description.startswith("Deprecated")]


def function_tool(name: str, description: str, parameters: dict[str, Any]) -> dict[str, Any]:
    return {"type": "function", "function": {"name": name, "description": description, "parameters": parameters}}


def forced_choice(tool: str, argument: str, options: list[str], description: str) -> tuple[list[dict], dict]:
    """One tool whose only argument is an enum of `options`, and the tool_choice that forces it."""
    parameters = {"type": "object", "required": [argument],
                  "properties": {argument: {"type": "string", "enum": list(options), "description": description}}}
    return [function_tool(tool, description, parameters)], forced(tool)


def forced(tool: str) -> dict[str, Any]:
    return {"type": "function", "function": {"name": tool}}


def text_tool(name: str, description: str, argument: str, about: str) -> dict[str, Any]:
    """A tool of one free-text argument (the slow mind's plan, say, interrupt)."""
    parameters = {"type": "object", "required": [argument],
                  "properties": {argument: {"type": "string", "description": about}}}
    return function_tool(name, description, parameters)
