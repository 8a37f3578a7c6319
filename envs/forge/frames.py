"""A Forge `frame` (the hero's observation data, which the runner logs) drawn back as text and as a picture
in the style of the rgb_array renderer: the map of places, the hero, and a panel of goal, gear and bag."""

from __future__ import annotations

from typing import Any

import numpy as np

from envs.core.canvas import Canvas
from envs.forge.render import CELL, COLOURS, MARGIN, MARKS, PANEL


def _mark(name: str, kind: str) -> str:
    return name[0].upper() if kind == "workshop" else MARKS.get(kind, "?")


def _size(places: dict[str, dict[str, Any]]) -> tuple[int, int]:
    return max((p["x"] for p in places.values()), default=0) + 1, max((p["y"] for p in places.values()), default=0) + 1


def _panel(frame: dict[str, Any]) -> list[str]:
    lines = [f"goal: {frame.get('goal', '')}", f"tier {frame.get('tier')} {frame.get('variant')} {frame.get('mode')}",
             f"steps {frame.get('steps')}/{frame.get('budget')}  progress {float(frame.get('progress', 0)):.0f}%",
             f"at {frame.get('place')}  gold {frame.get('gold')}", "gear:",
             *[f"  {slot}: {item}" for slot, item in (frame.get("gear") or {}).items()], "bag:",
             *[f"  {item} x{count}" for item, count in list((frame.get("bag") or {}).items())[:14]]]
    if frame.get("outcome"):
        lines.append(f"game over: {frame['outcome']}")
    return lines


def text(frame: dict[str, Any]) -> str:
    places = frame.get("places") or {}
    width, height = _size(places)
    grid = [["." for _ in range(width)] for _ in range(height)]
    for name, place in places.items():
        grid[place["y"]][place["x"]] = "@" if name == frame.get("place") else _mark(name, place["kind"])
    lines = ["  " + " ".join(row) for row in grid]
    lines += _panel(frame) + [f"  {line}" for line in frame.get("last") or []]
    return "\n".join(lines)


def rgb(frame: dict[str, Any]) -> np.ndarray:
    places = frame.get("places") or {}
    width, height = _size(places)
    canvas = Canvas(MARGIN * 3 + CELL * width + PANEL, max(MARGIN * 2 + CELL * height, 420))
    for y in range(height):
        for x in range(width):
            canvas.rect(MARGIN + x * CELL, MARGIN + y * CELL, CELL - 2, CELL - 2, (40, 40, 48))
    for name, place in places.items():
        left, top = MARGIN + place["x"] * CELL, MARGIN + place["y"] * CELL
        canvas.rect(left + 3, top + 3, CELL - 8, CELL - 8, COLOURS.get(place["kind"], (120, 120, 120)))
        for row, word in enumerate(name.split()[:3]):
            canvas.text(left + 5, top + 5 + row * 13, word[:8], (15, 15, 20), 15)
        if name == frame.get("place"):
            canvas.circle(left + CELL - 14, top + CELL - 14, 8, (250, 250, 250))
    canvas.lines(MARGIN * 2 + CELL * width, MARGIN, _panel(frame), size=18)
    return canvas.frame()
