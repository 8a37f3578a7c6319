"""Pictures of a Forge game: a text map for `ansi`, a pygame-drawn frame for `rgb_array`."""

from __future__ import annotations

import numpy as np

from envs.core.canvas import Canvas
from envs.forge.items import Place, Realm
from envs.forge.state import ForgeState
from envs.forge.view import observation_text

MARKS = {"home": "H", "market": "$", "node": "n", "lair": "M"}
COLOURS = {
    "home": (90, 140, 220),
    "market": (220, 190, 70),
    "workshop": (200, 110, 60),
    "node": (80, 170, 90),
    "lair": (190, 60, 70),
}
CELL, MARGIN, PANEL = 56, 16, 330


def _mark(place: Place) -> str:
    """Workshops by their initial (F forge, W workbench, A alchemy lab), the rest by kind."""
    return place.name[0].upper() if place.kind == "workshop" else MARKS.get(place.kind, "?")


def map_lines(realm: Realm, here: str) -> list[str]:
    """The grid with one letter a place and @ for the hero, then a legend."""
    grid = [["." for _ in range(realm.width)] for _ in range(realm.height)]
    for place in realm.places.values():
        grid[place.y][place.x] = "@" if place.name == here else _mark(place)
    legend = ", ".join(f"{_mark(p)}=({p.x},{p.y}) {p.name}" for p in realm.places.values())
    return ["  " + " ".join(row) for row in grid] + ["@ = you; " + legend]


def ansi(state: ForgeState) -> str:
    return "\n".join([*map_lines(state.realm, state.hero.place), observation_text(state, state.progress)])


def rgb(state: ForgeState) -> np.ndarray:
    realm = state.realm
    width = MARGIN * 3 + CELL * realm.width + PANEL
    height = max(MARGIN * 2 + CELL * realm.height, 420)
    canvas = Canvas(width, height)
    _draw_map(canvas, state)
    _draw_panel(canvas, state, MARGIN * 2 + CELL * realm.width)
    return canvas.frame()


def _draw_map(canvas: Canvas, state: ForgeState) -> None:
    realm = state.realm
    for y in range(realm.height):
        for x in range(realm.width):
            canvas.rect(MARGIN + x * CELL, MARGIN + y * CELL, CELL - 2, CELL - 2, (40, 40, 48))
    for place in realm.places.values():
        left, top = MARGIN + place.x * CELL, MARGIN + place.y * CELL
        canvas.rect(left + 3, top + 3, CELL - 8, CELL - 8, COLOURS.get(place.kind, (120, 120, 120)))
        for row, word in enumerate(place.name.split()[:3]):
            canvas.text(left + 5, top + 5 + row * 13, word[:8], (15, 15, 20), 15)
        if place.name == state.hero.place:
            canvas.circle(left + CELL - 14, top + CELL - 14, 8, (250, 250, 250))


def _draw_panel(canvas: Canvas, state: ForgeState, left: int) -> None:
    realm, hero = state.realm, state.hero
    lines = [
        f"goal: {realm.task.describe()}",
        f"tier {realm.tier} {realm.variant} {realm.mode}",
        f"steps {state.steps}/{realm.budget}  progress {state.progress:.0f}%",
        f"at {hero.place}  gold {hero.gold}",
        "gear:",
        *[f"  {slot}: {item}" for slot, item in hero.gear.items()],
        "bag:",
        *[f"  {item} x{count}" for item, count in list(hero.bag.items())[:14]],
    ]
    if state.outcome:
        lines.append(f"game over: {state.outcome}")
    canvas.lines(left, MARGIN, lines, size=18)
