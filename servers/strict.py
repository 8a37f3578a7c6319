"""The MCPServer every world runs on: strict arguments, and errors that name what was wrong without echoing
what was sent (a validation error of the SDK quotes every argument, the seat token and a 1 MB value with them)."""

from __future__ import annotations

import functools
import inspect
import json
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS, CallToolResult, GetPromptResult, TextContent
from pydantic import BaseModel, ConfigDict, ValidationError

MAX_ERROR_CHARS = 500
SECRET_ARGS = ("seat_token", "referee_token")
MAX_URI_CHARS = 2_048


class StrictServer(MCPServer):
    """An MCPServer whose tools refuse unknown arguments (`additionalProperties: false`, named in the error)."""

    def add_tool(self, fn: Any, name: str | None = None, **kwargs: Any) -> None:
        super().add_tool(fn, name=name, **kwargs)
        _forbid_extra(self._tool_manager.get_tool(name or fn.__name__))

    def register(self, fn: Any, title: str, annotations: Any, output: type[BaseModel], description: str,
                 name: str | None = None) -> None:
        """Add a tool whose result is a CallToolResult: text for models, structured content for programs (a
        function returning a pydantic model gets it as one line of JSON). `output` is the schema it publishes;
        the SDK does not validate each result against it again (tests/servers/test_surface.py does)."""
        fn = _as_result(fn)
        self.add_tool(fn, name=name, title=title, description=description, annotations=annotations)
        tool = self._tool_manager.get_tool(name or fn.__name__)
        tool.fn_metadata.output_schema = lean_schema(output.model_json_schema())
        tool.__dict__.pop("output_schema", None)  # a cached_property: read afresh

    async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None) -> Any:
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as error:
            if isinstance(error.__cause__, ValidationError):
                raise ToolError(self._argument_error(name, error.__cause__)) from None
            raise ToolError(scrub(str(error), arguments)) from None

    def _argument_error(self, name: str, error: ValidationError) -> str:
        tool = self._tool_manager.get_tool(name)
        allowed = list((tool.parameters.get("properties") or {}) if tool else ())
        problems = []
        for item in error.errors(include_input=False, include_url=False):
            where = ".".join(str(part) for part in item["loc"])
            if item["type"] == "extra_forbidden":
                problems.append(f"unknown argument {where[:60]!r}")
            elif item["type"] == "missing":
                problems.append(f"missing argument {where!r}")
            else:
                problems.append(f"{where}: {item['msg']}")
        return _cut(f"{name}: {'; '.join(problems)}. Arguments: {', '.join(allowed)}")

    async def get_prompt(self, name: str, arguments: dict[str, Any] | None = None,
                         context: Any = None) -> GetPromptResult:
        if self._prompt_manager.get_prompt(name) is None:  # the SDK's ValueError would log a traceback
            known = ", ".join(p.name for p in self._prompt_manager.list_prompts())
            raise MCPError(code=INVALID_PARAMS, message=f"no prompt {name[:80]!r}; prompts: {known}")
        return await super().get_prompt(name, arguments, context)

    async def read_resource(self, uri: Any, context: Any = None) -> Any:
        if len(str(uri)) > MAX_URI_CHARS:
            raise MCPError(code=INVALID_PARAMS, message=f"resource URI of {len(str(uri))} characters; the limit "
                           f"is {MAX_URI_CHARS}")
        return await super().read_resource(uri, context)


def lean_schema(schema: Any) -> Any:
    """The schema with what costs every client's validator a walk over free-form values taken out (`{}`-like
    `additionalProperties: true`, per-item schemas of lists of strings or objects): those fields stay documented
    by their descriptions and are still checked to be objects and lists. `X | None` becomes a list of types."""
    if isinstance(schema, list):
        return [lean_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    lean = {k: lean_schema(v) for k, v in schema.items() if k != "title" or not isinstance(v, str)}
    if lean.get("additionalProperties") is True:
        del lean["additionalProperties"]
    if lean.get("type") == "array" and lean.get("items") in ({"type": "object"}, {"type": "string"}, {}):
        del lean["items"]  # lists of commands, names, events: each item would cost a validator step
    options = lean.get("anyOf")
    if options and all(set(o) == {"type"} and isinstance(o["type"], str) for o in options):
        del lean["anyOf"]
        lean["type"] = [o["type"] for o in options]
    return lean


def _as_result(fn: Any) -> Any:
    """`fn` if it builds its own CallToolResult, else a wrapper that turns the model it returns into one."""
    signature = inspect.signature(fn, eval_str=True)
    if signature.return_annotation is CallToolResult:
        return fn

    @functools.wraps(fn)
    async def run(**kwargs: Any) -> CallToolResult:
        data = (await fn(**kwargs)).model_dump(mode="json")
        return tool_result(json.dumps(data, separators=(",", ":"), ensure_ascii=False), data)

    run.__signature__ = signature.replace(return_annotation=CallToolResult)  # type: ignore[attr-defined]
    run.__annotations__ = {**{k: p.annotation for k, p in signature.parameters.items()}, "return": CallToolResult}
    return run


def _forbid_extra(tool: Any) -> None:
    """Swap the tool's argument model for one that forbids extra keys, and publish the stricter schema."""
    base = tool.fn_metadata.arg_model
    strict = type(base.__name__, (base,), {"model_config": ConfigDict(arbitrary_types_allowed=True, extra="forbid"),
                                          "__module__": base.__module__})
    tool.fn_metadata.arg_model = strict
    tool.parameters = strict.model_json_schema(by_alias=True)


def scrub(text: str, arguments: dict[str, Any]) -> str:
    """`text` without the secrets of the call's arguments, cut to MAX_ERROR_CHARS."""
    for key in SECRET_ARGS:
        secret = arguments.get(key)
        if isinstance(secret, str) and secret:
            text = text.replace(secret, f"<{key}>")
    return _cut(text)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_ERROR_CHARS else text[:MAX_ERROR_CHARS] + f" ... ({len(text)} characters)"


def tool_result(text: str, structured: dict[str, Any]) -> CallToolResult:
    """A result whose text is what a model reads and whose structured content is what a program reads."""
    return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=structured)
