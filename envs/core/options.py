"""Scenario options as a typed schema: one pydantic model per world, read by suites, `-o key=value`, MCP
`new_game` and the docs. The model checks names and types; the world's `make_scenario` checks the rest
(ranges that depend on each other, "did you mean" hints) and keeps its own messages."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError


class OptionsError(ValueError):
    """Options a world does not take; the message names the valid keys."""


class Options(BaseModel):
    """Base of every world's options model: unknown keys are errors, None means the default."""

    model_config = ConfigDict(extra="forbid")


def option_help(model: type[BaseModel]) -> dict[str, str]:
    """Option name -> description, in declaration order."""
    return {name: info.description or "" for name, info in model.model_fields.items()}


def validate_options(world: str, model: type[BaseModel], options: Mapping[str, Any]) -> dict[str, Any]:
    """The given options (None values dropped), type-checked; raises OptionsError naming what is valid."""
    given = {str(k): v for k, v in dict(options or {}).items() if v is not None}
    known = list(model.model_fields)
    unknown = [k for k in given if k not in model.model_fields]
    if unknown:
        near = difflib.get_close_matches(unknown[0], known, n=1)
        hint = f" Did you mean {near[0]!r}?" if near else ""
        valid = ", ".join(known) or "(none)"
        raise OptionsError(f"unknown {world} option {unknown[0]!r}; options: {valid}.{hint}")
    try:
        model.model_validate(given)
    except ValidationError as error:
        first = error.errors()[0]
        name = ".".join(str(p) for p in first["loc"]) or "(options)"
        raise OptionsError(f"{world} option {name}: {first['msg']} (got {first.get('input')!r})") from None
    # The values as given: make_scenario reads them with its own (older, tested) messages.
    return given
