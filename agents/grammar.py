"""llama.cpp GBNF grammars that let a model write only what a tool's schema allows."""

from __future__ import annotations

from typing import Any

STRING = r'"\"" [^"\\\n]{1,80} "\""'  # short: a small model may otherwise ramble to the token limit
INTEGER = r'"-"? [0-9]{1,9}'
NUMBER = r'"-"? [0-9]{1,9} ("." [0-9]{1,6})?'
BOOLEAN = '"true" | "false"'


def literal(text: str) -> str:
    """`text` as a GBNF string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def one_of(options: list[str]) -> str:
    """A grammar whose only sentences are the options, verbatim."""
    if not options:
        raise ValueError("one_of needs at least one option")
    return "root ::= " + " | ".join(literal(o) for o in dict.fromkeys(options))


def single_enum(parameters: dict[str, Any]) -> tuple[str, list[str]] | None:
    """(argument, options) if the schema's only required argument is an enum of strings."""
    properties = parameters.get("properties") or {}
    wanted = parameters.get("required") or list(properties)
    if len(wanted) != 1 or wanted[0] not in properties:
        return None
    options = properties[wanted[0]].get("enum")
    if not options or not all(isinstance(o, str) for o in options):
        return None
    return wanted[0], options


def arguments(parameters: dict[str, Any]) -> str:
    """A grammar for a JSON object holding the schema's required arguments (all, if none is required)."""
    properties = parameters.get("properties") or {}
    names = [n for n in (parameters.get("required") or list(properties)) if n in properties]
    rules, fields = [], []
    for index, name in enumerate(names):
        rules.append(f"v{index} ::= {_value(properties[name])}")
        fields.append(f'{literal(_json_key(name))} v{index}')
    body = ' ", " '.join(fields) if fields else '""'
    return "\n".join([f'root ::= "{{" {body} "}}"', *rules])


def _json_key(name: str) -> str:
    return f'"{name}": '


def _value(schema: dict[str, Any]) -> str:
    if schema.get("enum"):
        import json

        return " | ".join(literal(json.dumps(v)) for v in schema["enum"])
    kind = schema.get("type")
    if kind is None and schema.get("anyOf"):
        kind = next((s.get("type") for s in schema["anyOf"] if s.get("type") != "null"), "string")
    return {"integer": INTEGER, "number": NUMBER, "boolean": BOOLEAN}.get(kind, STRING)
