"""Prompts from `agents/prompts/*.md`, filled with a seat's view in a compact text form."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from string import Template
from typing import Any

MAX_EVENT_CHARS = 160


@cache
def _template(name: str) -> Template:
    return Template(files("agents.prompts").joinpath(f"{name}.md").read_text(encoding="utf-8"))


def prompt(name: str, **values: Any) -> str:
    """The prompt file `name`.md with its $placeholders filled in."""
    return _template(name).safe_substitute({k: str(v) for k, v in values.items()}).strip()


def view_values(view: dict[str, Any], events: list[dict[str, Any]], max_events: int = 12) -> dict[str, str]:
    """The placeholders every turn prompt shares: status, observation, events, legal actions."""
    return {
        "tick": str(view.get("tick", 0)),
        "phase": view.get("phase") or "-",
        "score": f"{view.get('score', 0.0):g}",
        "observation": view.get("observation", ""),
        "events": format_events(events[-max_events:]) or "(none)",
        "legal": "; ".join([*(view.get("legal_actions") or []), *(view.get("templates") or [])]) or "(none now)",
    }


def format_events(events: list[dict[str, Any]]) -> str:
    """One line per event; a chat's `say` action is left out (its chat event says the same)."""
    return "\n".join(format_event(e) for e in events if not _said(e))


def _said(event: dict[str, Any]) -> bool:
    return event.get("kind") == "action" and str((event.get("data") or {}).get("command", "")).startswith("say ")


def format_event(event: dict[str, Any]) -> str:
    """One line per event: `t3 b: take 2`, `t5 c says: hello`, `t6 a: refused take 9 (reason)`."""
    data, who = event.get("data") or {}, event.get("seat") or "world"
    kind = event.get("kind", "")
    if kind == "action":
        text = f"{who}: {data.get('command', '')}"
    elif kind == "chat":
        text = f"{who} says: {data.get('text', '')}"
    elif kind == "invalid_action":
        text = f"{who}: refused {data.get('command', data.get('action', ''))} ({data.get('reason', '')})"
    else:
        detail = json.dumps(data, separators=(",", ":"), default=str) if data else ""
        text = f"{who}: {kind} {detail}".rstrip()
    return f"t{event.get('tick', 0)} {text}"[:MAX_EVENT_CHARS]


def cap(text: str, chars: int) -> str:
    """`text` cut to `chars`, saying so."""
    return text if len(text) <= chars else text[: chars - 20].rstrip() + "\n[... cut for length]"


def result_line(result: dict[str, Any]) -> str:
    """A tool result as a short line for the model: accepted / refused and why / a macro's status."""
    if "macro" in result:
        reason = f" ({result['reason']})" if result.get("reason") else ""
        return f"macro {result['macro']}: {result['status']} after {result['steps']} moves{reason}"
    if "accepted" in result:
        return "accepted" if result["accepted"] else f"refused: {result.get('reason') or 'not legal now'}"
    if "macros" in result:
        return "; ".join(f"{m['name']}{'' if m['feasible'] else ' (not now: ' + m['reason'] + ')'}"
                         for m in result["macros"]) or "no macros now"
    if "observation" in result:
        return "observed (see the next turn)"
    return json.dumps(result, separators=(",", ":"), default=str)[:600]
