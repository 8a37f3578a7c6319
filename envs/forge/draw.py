"""Forge drawn as Rich text from its frame (the hero's public state): the tui's board."""

from __future__ import annotations

from typing import Any

from rich.text import Text

PLACE_STYLE = {"home": "bold cyan", "market": "bold yellow", "workshop": "bold magenta", "node": "green",
               "lair": "bold red"}


def forge(frame: dict[str, Any]) -> Text:
    """The map of places (the hero marked @), then goal and progress, bag, gear and the latest outcomes."""
    if not frame.get("places"):
        return Text("(no frame yet)", style="dim")
    out = Text()
    out.append(f"tier {frame.get('tier')} {frame.get('variant', '')}  goal: {frame.get('goal', '?')}\n", style="bold")
    progress = float(frame.get("progress") or 0.0)
    out.append("progress ")
    out.append("█" * round(progress / 10) + "·" * (10 - round(progress / 10)), style="green")
    out.append(f" {progress:.0f}% · {frame.get('steps', 0)}/{frame.get('budget', '?')} steps · "
               f"{frame.get('gold', 0)} gold\n")
    _forge_map(out, frame["places"], str(frame.get("place", "")))
    out.append("bag: ", style="bold")
    out.append(", ".join(f"{name} x{n}" for name, n in sorted((frame.get("bag") or {}).items())) or "empty")
    out.append("\ngear: ", style="bold")
    out.append(", ".join(f"{slot}: {item}" for slot, item in sorted((frame.get("gear") or {}).items())) or "none")
    out.append("\n")
    for line in (frame.get("last") or [])[-3:]:
        out.append(f"» {line}\n", style="italic")
    if frame.get("outcome"):
        won = frame["outcome"] == "success"
        out.append(f"outcome: {frame['outcome']}\n", style="bold green" if won else "bold red")
    return out


def _forge_map(out: Text, places: dict[str, dict[str, Any]], here: str) -> None:
    width = 1 + max(int(p["x"]) for p in places.values())
    height = 1 + max(int(p["y"]) for p in places.values())
    at = {(int(p["x"]), int(p["y"])): (name, p.get("kind", "")) for name, p in places.items()}
    for y in range(height):
        for x in range(width):
            name, kind = at.get((x, y), ("", ""))
            if not name:
                out.append(" · ", style="grey35")
            elif name == here:
                out.append(" @ ", style="bold black on bright_white")
            else:
                out.append(f" {_initials(name)}", style=PLACE_STYLE.get(kind, ""))
        out.append("\n")
    out.append(f"@ {here}", style="bold")
    for name, place in places.items():
        out.append("  ")
        out.append(_initials(name), style=PLACE_STYLE.get(place.get("kind", ""), ""))
        out.append(f" {name}", style="dim")
    out.append("\n")


def _initials(name: str) -> str:
    words = name.split()
    return (words[0][0] + (words[1][0] if len(words) > 1 else words[0][1])).upper()


def draw(frame: dict[str, Any], roles: dict[str, str] | None = None, room: tuple[int, int] = (0, 0)) -> Text:
    return forge(frame)
