"""`-o key=value` options from the command line, typed the way a YAML suite would type them."""

from __future__ import annotations

from typing import Any


def parse_value(text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text) if text.strip() else ""
    except yaml.YAMLError:
        return text


def parse_options(pairs: list[str] | None) -> dict[str, Any]:
    """`["tier=3", "variant=noise"]` -> `{"tier": 3, "variant": "noise"}`; a bad pair raises ValueError."""
    options: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"option {pair!r} is not key=value (e.g. -o tier=3)")
        options[key.strip()] = parse_value(value)
    return options
