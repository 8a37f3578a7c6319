"""Pictures of a kitchen: ANSI text for terminals and an RGB frame drawn with pygame primitives."""

from __future__ import annotations

import numpy as np

from envs.kitchen import view
from envs.kitchen.state import KitchenState

CELL = 48
PANEL = 150
_TILE_COLOURS = {
    ".": (214, 200, 170), "#": (120, 96, 72), "O": (200, 160, 60), "T": (200, 70, 60), "L": (90, 170, 80),
    "D": (225, 225, 235), "P": (60, 60, 70), "S": (70, 120, 190), "C": (170, 130, 90), "B": (40, 40, 40),
    "E": (190, 40, 40),
}
_ITEM_COLOURS = {"onion": (230, 190, 80), "tomato": (220, 60, 50), "lettuce": (110, 200, 90),
                 "plate": (245, 245, 250), "extinguisher": (230, 30, 30)}
_CHEF_COLOURS = [(40, 110, 220), (40, 170, 90), (170, 70, 200), (230, 140, 30)]


def ansi(state: KitchenState, seat: str) -> str:
    """The same exact text a chef is shown (the seat's observation)."""
    return view.text(state, int(seat.removeprefix("chef")))


def rgb(state: KitchenState) -> np.ndarray:
    from envs.core.canvas import Canvas

    layout = state.setup.layout
    canvas = Canvas(layout.width * CELL, layout.height * CELL + PANEL)
    for (x, y), tile in state.setup.layout.tiles.items():
        _tile(canvas, x * CELL, y * CELL, state.setup.tile[(x, y)] if tile != "." else ".")
    for (x, y), item in state.items.items():
        _item(canvas, x * CELL + CELL // 2, y * CELL + CELL // 2, item)
    for (x, y), pot in state.pots.items():
        _pot(canvas, state, x * CELL, y * CELL, pot)
    for index, chef in enumerate(state.chefs):
        _chef(canvas, index, chef.pos, chef.facing, chef.held)
    facts = view.facts(state, 0)
    lines = [f"{facts['rules']} / {facts['layout']}  tick {facts['tick']}/{facts['ticks']}",
             f"score {facts['score']}  served {facts['served']}  expired {facts['expired']}  fires {facts['fires']}"]
    lines += [f"{o['recipe']} soup: {o['ticks_left']} left" for o in facts["orders"]]
    lines += [f"chef{i}: {line}"[:60] for i, line in enumerate(state.chat) if line]
    canvas.lines(6, layout.height * CELL + 6, lines[:9], size=16)
    return canvas.frame()


def _tile(canvas, x: int, y: int, tile: str) -> None:
    canvas.rect(x, y, CELL, CELL, _TILE_COLOURS.get(tile, (120, 96, 72)))
    canvas.rect(x, y, CELL, CELL, (60, 50, 40), border=1)
    if tile in "OTLDSCBE" and tile != ".":
        canvas.text(x + 4, y + 4, tile, (20, 20, 20), size=18)


def _item(canvas, cx: int, cy: int, item: str) -> None:
    name = item.removeprefix("chopped ").removesuffix(" soup")
    colour = _ITEM_COLOURS.get(name, (150, 110, 60))
    if item.endswith(" soup"):
        canvas.circle(cx, cy, CELL // 3, _ITEM_COLOURS["plate"])
        canvas.circle(cx, cy, CELL // 5, (200, 120, 40))
    elif item.startswith("chopped "):
        for dx in (-6, 0, 6):
            canvas.rect(cx + dx - 2, cy - 6, 4, 12, colour)
    else:
        canvas.circle(cx, cy, CELL // 5, colour)


def _pot(canvas, state: KitchenState, x: int, y: int, pot) -> None:
    status = view.pot_status(state, pot)
    if status == "burning":
        canvas.circle(x + CELL // 2, y + CELL // 2, CELL // 3, (250, 120, 20))
    for i, ingredient in enumerate(pot.contents):
        canvas.circle(x + 12 + 12 * i, y + CELL // 2, 5, _ITEM_COLOURS.get(ingredient, (200, 200, 200)))
    if status in ("cooking", "ready"):
        done = min(1.0, pot.cooked / state.setup.rules.cook_time)
        canvas.rect(x + 4, y + CELL - 8, int((CELL - 8) * done), 5, (240, 200, 40) if done < 1 else (60, 220, 60))


def _chef(canvas, index: int, pos: tuple[int, int], facing: str, held: str | None) -> None:
    cx, cy = pos[0] * CELL + CELL // 2, pos[1] * CELL + CELL // 2
    canvas.circle(cx, cy, CELL // 3, _CHEF_COLOURS[index % len(_CHEF_COLOURS)])
    dx, dy = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}[facing]
    canvas.line((cx, cy), (cx + dx * CELL // 2, cy + dy * CELL // 2), (20, 20, 20), 3)
    if held:
        _item(canvas, cx + dx * CELL // 3, cy + dy * CELL // 3, held)
    canvas.text(cx - 4, cy - 7, str(index), (255, 255, 255), size=18)
