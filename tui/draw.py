"""The worlds drawn as Rich text from their frames (public state) or a seat's observation data. Pure functions:
no Textual, no world state, so what the log says is exactly what is drawn."""

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


def village(frame: dict[str, Any], roles: dict[str, str] | None = None, log_lines: int = 8) -> Text:
    """Day and phase, the table of players (alive, role if public or revealed, voted, speaking), the log."""
    if not frame.get("players"):
        return Text("(no frame yet)", style="dim")
    out = Text()
    out.append(f"day {frame.get('day', '?')} · {frame.get('phase', '?')}", style="bold")
    if frame.get("winner"):
        out.append(f"  · {frame['winner']} wins", style="bold green")
    out.append("\n")
    public = dict(frame.get("revealed") or {})
    alive, voted = set(frame.get("alive") or []), set(frame.get("voted") or [])
    for player in frame["players"]:
        _player_line(out, player, player in alive, public.get(player) or (roles or {}).get(player),
                     player in voted, player == frame.get("speaker"), player in public)
    for entry in (frame.get("log") or [])[-log_lines:]:
        speaker = entry.get("speaker")
        out.append(f"d{entry.get('day', '?')} ", style="dim")
        out.append(f"{speaker}: " if speaker else "", style="bold cyan")
        out.append(f"{entry.get('text', '')}\n", style="" if speaker else "italic")
    return out


def _player_line(out: Text, player: str, alive: bool, role: str | None, voted: bool, speaking: bool,
                 public: bool) -> None:
    out.append("▶ " if speaking else "  ", style="bold yellow")
    out.append(f"{player:<6}", style="bold" if alive else "strike dim")
    out.append(f" {'alive' if alive else 'dead ':<5}", style="green" if alive else "red")
    wolf = role == "werewolf"
    out.append(f" {role or '?':<9}", style=("bold red" if wolf else "cyan") if public else "dim italic")
    out.append(" voted" if voted else "", style="magenta")
    out.append("\n")


def world(name: str, frame: dict[str, Any], roles: dict[str, str] | None = None, room: tuple[int, int] = (0, 0)
          ) -> Text:
    """World `name` drawn from `frame`; `room` (columns, lines) lets Kitchen draw big tiles when they fit."""
    if name == "kitchen":
        return kitchen(frame, 2 if _big_tiles_fit(frame, room) else 1)
    if name == "forge":
        return forge(frame)
    if name == "village":
        return village(frame, roles)
    return Text(f"(no drawing for world {name!r})", style="dim")


def _big_tiles_fit(frame: dict[str, Any], room: tuple[int, int]) -> bool:
    rows = frame.get("map") or [""]
    extra = 4 + len(frame.get("chefs", [])) + len(frame.get("pots", [])) + len(frame.get("orders", []))
    return room[0] >= 4 * len(rows[0]) and room[1] >= 2 * len(rows) + extra


def village_frame_from_view(data: dict[str, Any]) -> dict[str, Any]:
    """A Village seat's observation data in the frame's shape (what the seat knows stands in for `revealed`)."""
    log = [e for e in data.get("log", []) if e.get("channel") in ("public", "system", "wolves", "private")]
    return {"day": data.get("day"), "phase": data.get("phase"), "players": data.get("players", []),
            "alive": data.get("alive", []), "revealed": dict(data.get("known_roles") or {}),
            "speaker": data.get("speaker"), "voted": [], "log": log, "winner": data.get("winner")}
