"""A world drawn as Rich text from its frame (public state) or a seat's observation data. Pure functions: no
Textual, no world state, so what the log says is exactly what is drawn. A world that declares a drawer
(`WorldSpec.draw`) draws itself; any other gets the generic text view."""

from __future__ import annotations

from typing import Any

from rich.text import Text


def world(name: str, frame: dict[str, Any], roles: dict[str, str] | None = None, room: tuple[int, int] = (0, 0)
          ) -> Text:
    """World `name` drawn from `frame`; `room` (columns, lines) lets a drawer choose its size."""
    from envs.registry import find

    spec = find(name)
    drawer = spec.drawer() if spec is not None else None
    if drawer is None:
        return generic(frame)
    return drawer(frame, roles, room)


def generic(frame: dict[str, Any]) -> Text:
    """Any world's frame as `key: value` lines (lists and mappings one item a line, shortened)."""
    if not frame:
        return Text("(no frame yet)", style="dim")
    out = Text()
    for key, value in frame.items():
        out.append(f"{key}:", style="bold")
        if isinstance(value, dict):
            out.append("\n" + "".join(f"  {k}: {_short(v)}\n" for k, v in list(value.items())[:20]))
        elif isinstance(value, list) and value and not all(isinstance(v, str | int | float) for v in value):
            out.append("\n" + "".join(f"  {_short(v)}\n" for v in value[-20:]))
        else:
            out.append(f" {_short(value)}\n")
    return out


def _short(value: Any, limit: int = 100) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
