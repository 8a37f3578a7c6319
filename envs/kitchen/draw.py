"""Kitchen drawn as Rich text from its frame (public state) or a chef's observation data: the tui's board."""

from __future__ import annotations

from typing import Any

from rich.text import Text

TILES = {  # map letter -> (shown as, style)
    ".": ("  ", "on grey15"), "#": ("▒▒", "grey50 on grey23"), "O": ("On", "bold yellow on grey23"),
    "T": ("To", "bold red on grey23"), "L": ("Le", "bold green on grey23"), "D": ("Pl", "bold white on grey23"),
    "P": ("Po", "bold white on dark_orange3"), "S": ("⇥⇥", "bold white on blue"),
    "C": ("Ch", "bold white on tan"), "E": ("Ex", "bold white on red3"), "B": ("Bn", "white on grey11"),
}
CHEF_STYLES = ("bold white on dodger_blue2", "bold white on green4", "bold white on magenta", "bold black on orange1")
FACING = {"up": "↑", "down": "↓", "left": "←", "right": "→"}
ITEM_STYLE = {"onion": "yellow", "tomato": "red", "lettuce": "green", "plate": "white", "extinguisher": "red3"}
POT_STYLE = {"empty": "grey50", "filling": "yellow", "cooking": "orange1", "ready": "bold green", "burning": "bold red"}


def kitchen(frame: dict[str, Any], scale: int = 1) -> Text:
    """The grid in colour, then chefs, pots, counters and orders with time left. Scale 1 draws a tile in two
    columns; scale 2 in four columns and two lines, the second showing what a chef holds and a pot's progress."""
    if not frame.get("map"):
        return Text("(no frame yet)", style="dim")
    out = Text()
    out.append(f"tick {frame.get('tick', 0)}/{frame.get('ticks', '?')} · score {frame.get('score', 0)} · served "
               f"{frame.get('served', 0)}", style="bold")
    if frame.get("expired") or frame.get("fires"):
        out.append(f" · expired {frame.get('expired', 0)} · fires {frame.get('fires', 0)}", style="bold red")
    out.append(f"\n{frame.get('layout', '')} ({frame.get('rules', '')})\n", style="dim")
    _kitchen_grid(out, frame, scale)
    for index, chef in enumerate(frame.get("chefs", [])):
        out.append(f" {index} ", style=CHEF_STYLES[index % len(CHEF_STYLES)])
        held = chef.get("held") or "nothing"
        said = f'  says "{chef["said"]}"' if chef.get("said") else ""
        out.append(f" {chef['seat']} holds {held}{said}\n", style=ITEM_STYLE.get(held, ""))
    for pot in frame.get("pots", []):
        _pot_line(out, pot)
    for order in frame.get("orders", []):
        left = int(order.get("ticks_left", 0))
        out.append(f"order {order.get('recipe')} soup {order.get('reward', '?')} pts ", style="bold")
        out.append(f"{left} ticks left\n", style="bold red" if left < 60 else "green")
    return out


def _kitchen_grid(out: Text, frame: dict[str, Any], scale: int) -> None:
    chefs = {tuple(c["pos"]): (i, c) for i, c in enumerate(frame.get("chefs", []))}
    items = {tuple(i["pos"]): i["item"] for i in frame.get("items", [])}
    pots = {tuple(p["pos"]): p for p in frame.get("pots", [])}
    for y, row in enumerate(frame["map"]):
        tiles = [_tile(letter, chefs.get((x, y)), items.get((x, y)), pots.get((x, y))) for x, letter in enumerate(row)]
        for line in range(scale):
            for mark, detail, style in tiles:
                shown = mark if scale == 1 else (f" {mark} " if line == 0 else f"{detail:^4}"[:4])
                out.append(shown, style=style)
            out.append("\n")


def _tile(letter: str, chef: tuple[int, dict] | None, item: str | None, pot: dict | None) -> tuple[str, str, str]:
    """(a two-column mark, a four-column detail, the style) for one tile of the map."""
    if chef is not None:
        index, data = chef
        held = data.get("held")
        mark = f"{index}{FACING.get(data.get('facing', ''), ' ')}"
        return mark, _item_mark(held) if held else "", CHEF_STYLES[index % len(CHEF_STYLES)]
    if item is not None:
        return _item_mark(item), "", f"bold {ITEM_STYLE.get(item.split()[-1], 'white')} on grey23"
    if letter.isdigit():  # a chef the chefs list did not name: still show where it stands
        return f"{letter} ", "", CHEF_STYLES[int(letter) % len(CHEF_STYLES)]
    shown, style = TILES.get(letter, (letter * 2, ""))
    return shown, _pot_gauge(pot) if pot is not None else "", style


def _pot_gauge(pot: dict[str, Any]) -> str:
    """Four columns: one dot an ingredient while filling; a bar while cooking."""
    if pot.get("status") in ("cooking", "ready", "burning"):
        cook = int(pot.get("cook_time") or 1)
        filled = round(4 * min(int(pot.get("cooked") or 0), cook) / cook)
        return "▰" * filled + "▱" * (4 - filled)
    return "●" * len(pot.get("contents") or [])


def _item_mark(item: str) -> str:
    return "♨s" if item.endswith("soup") else item.removeprefix("chopped ")[:2]


def _pot_line(out: Text, pot: dict[str, Any]) -> None:
    status = str(pot.get("status", "empty"))
    contents = "+".join(pot.get("contents") or []) or "-"
    cook, done = int(pot.get("cook_time") or 1), int(pot.get("cooked") or 0)
    bar = "█" * round(8 * min(done, cook) / cook) if status in ("cooking", "ready") else ""
    burns = f" burns in {pot['burns_in']}" if pot.get("burns_in") is not None else ""
    out.append(f"pot {tuple(pot.get('pos', ()))} {contents} ", style="")
    out.append(f"{status} {bar:<8}{burns}\n", style=POT_STYLE.get(status, ""))



def draw(frame: dict[str, Any], roles: dict[str, str] | None = None, room: tuple[int, int] = (0, 0)) -> Text:
    """The board at the size that fits `room` (columns, lines): big tiles when they fit."""
    return kitchen(frame, 2 if _big_tiles_fit(frame, room) else 1)


def _big_tiles_fit(frame: dict[str, Any], room: tuple[int, int]) -> bool:
    rows = frame.get("map") or [""]
    extra = 4 + len(frame.get("chefs", [])) + len(frame.get("pots", [])) + len(frame.get("orders", []))
    return room[0] >= 4 * len(rows[0]) and room[1] >= 2 * len(rows) + extra
