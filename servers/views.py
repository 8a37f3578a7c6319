"""A seat's view in two forms: structured content for programs (no field repeats another) and a compact
text for models and text-only clients (the observation, what changed, the legal commands; never a token)."""

from __future__ import annotations

import json
from typing import Any

from envs.core import Event, EventKind

TEMPLATE_MARK = "<"
EVENT_TEXT_CHARS = 240
# Copied into an invalid_action event by the worlds; the view carries legal_actions once already.
_REPEATED = frozenset({"legal_actions"})


def split_legal(legal: list[str] | tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(commands to play as they are, templates with a <slot> to fill in)."""
    commands = [a for a in legal if TEMPLATE_MARK not in a]
    return commands, [a for a in legal if TEMPLATE_MARK in a]


def event_view(event: Event) -> dict[str, Any]:
    data = {k: v for k, v in event.data.items() if k not in _REPEATED} if _REPEATED & event.data.keys() else event.data
    return {"seq": event.seq, "tick": event.tick, "kind": str(event.kind), "seat": event.seat, "data": dict(data)}


def event_line(event: dict[str, Any]) -> str:
    """One line of what happened: `t3 hero action: inspect goal`."""
    data = event.get("data") or {}
    if event["kind"] == str(EventKind.ACTION) and "command" in data:
        detail = str(data["command"])
    elif event["kind"] == str(EventKind.INVALID_ACTION):
        detail = f"{data.get('action', '')!s} refused: {data.get('reason', '')!s}"
    elif set(data) == {"text"}:
        detail = str(data["text"])
    else:
        detail = json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str)
    detail = " ".join(detail.split())
    if len(detail) > EVENT_TEXT_CHARS:
        detail = detail[:EVENT_TEXT_CHARS] + "..."
    return f"t{event['tick']} {event.get('seat') or '-'} {event['kind']}: {detail}"


def status_line(view: dict[str, Any]) -> str:
    if view["done"]:
        result = view.get("result") or {}
        state = f"game over: score {result.get('score', view['score']):g}, success {result.get('success')}"
    elif view["waiting_for_players"]:
        state = f"waiting for {view['waiting_for_players']} more client(s) to join_game"
    elif view["awaiting_you"]:
        state = "your move"
    else:
        state = "not your move: call wait_for_turn"
    phase = f" · {view['phase']}" if view.get("phase") else ""
    mine = "" if view.get("controller", "client") == "client" else f" · seat played by {view['controller']}"
    return f"{view['game_id']} · {view['seat']}{phase} · tick {view['tick']} · score {view['score']:g} · {state}{mine}"


def view_text(view: dict[str, Any], head: str = "") -> str:
    """The text content of a seat's view: what a model should read, in the order it should read it."""
    lines = [head] if head else []
    lines.append(status_line(view))
    lines.append(view["observation"])
    if view["events"]:
        lines.append("Since your last call:")
        lines.extend(event_line(e) for e in view["events"])
    if view["legal_actions"]:
        lines.append("Legal commands: " + " | ".join(view["legal_actions"]))
    if view.get("templates"):
        lines.append("Templates (fill in the <slot>): " + " | ".join(view["templates"]))
    if view.get("beliefs_due"):
        lines.append("report_beliefs is due now, about: " + ", ".join(view.get("belief_targets") or []))
    if view.get("reflection_due"):
        lines.append("The game is over: reflect is open for your reflection.")
    return "\n".join(lines)


def compact(value: Any) -> str:
    """A structured value as one line of JSON (for results that are not seat views)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
