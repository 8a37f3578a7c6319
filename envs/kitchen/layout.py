"""Kitchen layouts: ASCII files parsed once into grids, station lists and precomputed walking maps.

Tiles: `.` floor, `#` counter, `O` onion crate, `T` tomato crate, `L` lettuce crate, `D` plate rack,
`P` pot, `S` serving window, `C` cutting board, `B` bin, `E` fire extinguisher (a counter that starts
with the extinguisher on it), `1`-`9` chef starts (floor). Lines starting with `;` are comments.
"""

from __future__ import annotations

import difflib
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

Pos = tuple[int, int]

LAYOUT_DIR = Path(__file__).parent / "layouts"
CLASSIC_LAYOUTS = ("cramped_room", "asymmetric_advantages", "coordination_ring", "forced_coordination",
                   "counter_circuit")
OUR_LAYOUTS = ("ring", "partition", "bottleneck", "quick")
LAYOUTS = CLASSIC_LAYOUTS + OUR_LAYOUTS

DIRECTIONS: dict[str, Pos] = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}
TILE_NAMES = {
    ".": "floor", "#": "counter", "O": "onion crate", "T": "tomato crate", "L": "lettuce crate",
    "D": "plate rack", "P": "pot", "S": "serving window", "C": "cutting board", "B": "bin",
    "E": "extinguisher counter",
}
CRATES = {"O": "onion", "T": "tomato", "L": "lettuce", "D": "plate"}
HOLDERS = frozenset("#CE")
"""Tiles that hold one item (counters, cutting boards, the extinguisher's counter)."""


@dataclass(frozen=True, eq=False)
class Layout:
    """A parsed kitchen: what stands where, and where a chef must stand to use each station."""

    name: str
    rows: tuple[str, ...]
    tiles: dict[Pos, str]
    floor: frozenset[Pos]
    starts: tuple[Pos, ...]
    access: dict[Pos, tuple[tuple[Pos, str], ...]] = field(default_factory=dict)
    """station -> the (floor cell, direction to face) pairs from which a chef can use it."""
    region: dict[Pos, int] = field(default_factory=dict)
    """floor cell -> id of its connected walking area (ignoring chefs)."""
    steps: dict[tuple[Pos, str], Pos] = field(default_factory=dict)
    """(floor cell, direction) -> the floor cell a step leads to (absent: the step only turns)."""

    @property
    def width(self) -> int:
        return len(self.rows[0])

    @property
    def height(self) -> int:
        return len(self.rows)

    def stations(self, kinds: str) -> tuple[Pos, ...]:
        """Usable stations whose tile is one of `kinds` (a chef can stand next to them)."""
        return tuple(p for p, t in self.tiles.items() if t in kinds and self.access.get(p))

    def reachable(self, cell: Pos, station: Pos) -> bool:
        """True if a chef in `cell` could walk to a spot from which to use `station` (ignoring chefs)."""
        area = self.region.get(cell)
        return any(self.region[spot] == area for spot, _ in self.access.get(station, ()))

    @cache  # noqa: B019 - layouts are few and live for the whole process
    def distances(self, station: Pos) -> dict[Pos, int]:
        """Steps from each floor cell to the nearest spot that uses `station` (static: ignores chefs)."""
        spots = [spot for spot, _ in self.access.get(station, ())]
        return _bfs(spots, self.floor)


def _bfs(sources: list[Pos], floor: frozenset[Pos]) -> dict[Pos, int]:
    distance = dict.fromkeys(sources, 0)
    queue = deque(sources)
    while queue:
        x, y = queue.popleft()
        for dx, dy in DIRECTIONS.values():
            nxt = (x + dx, y + dy)
            if nxt in floor and nxt not in distance:
                distance[nxt] = distance[(x, y)] + 1
                queue.append(nxt)
    return distance


def parse(name: str, text: str) -> Layout:
    """Build a Layout from the ASCII format above; raises ValueError naming the bad tile or shape."""
    rows = tuple(line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith(";"))
    if not rows or len({len(r) for r in rows}) != 1:
        raise ValueError(f"layout {name!r}: rows must be non-empty and of equal width")
    tiles: dict[Pos, str] = {}
    starts: dict[int, Pos] = {}
    for y, row in enumerate(rows):
        for x, ch in enumerate(row):
            if ch.isdigit():
                starts[int(ch)] = (x, y)
                ch = "."
            if ch not in TILE_NAMES:
                raise ValueError(f"layout {name!r}: unknown tile {ch!r} at {(x, y)}; tiles: {''.join(TILE_NAMES)}")
            tiles[(x, y)] = ch
    floor = frozenset(p for p, t in tiles.items() if t == ".")
    if len(starts) < 2:
        raise ValueError(f"layout {name!r} needs at least two chef starts (digits 1-9)")
    layout = Layout(name, rows, tiles, floor, tuple(starts[k] for k in sorted(starts)))
    layout.access.update(_access(tiles, floor))
    layout.region.update(_regions(floor))
    layout.steps.update({((x, y), name): (x + dx, y + dy) for x, y in floor
                         for name, (dx, dy) in DIRECTIONS.items() if (x + dx, y + dy) in floor})
    return layout


def _access(tiles: dict[Pos, str], floor: frozenset[Pos]) -> dict[Pos, tuple[tuple[Pos, str], ...]]:
    access = {}
    for (x, y), tile in tiles.items():
        if tile == ".":
            continue
        spots = [((x - dx, y - dy), name) for name, (dx, dy) in DIRECTIONS.items() if (x - dx, y - dy) in floor]
        access[(x, y)] = tuple(spots)
    return access


def _regions(floor: frozenset[Pos]) -> dict[Pos, int]:
    region: dict[Pos, int] = {}
    areas = 0
    for cell in sorted(floor):
        if cell not in region:
            region.update(dict.fromkeys(_bfs([cell], floor), areas))
            areas += 1
    return region


@cache
def load(name: str) -> Layout:
    """The shipped layout called `name` (cached); an unknown name suggests the nearest."""
    if name not in LAYOUTS:
        near = difflib.get_close_matches(name, LAYOUTS, n=1)
        hint = f" Did you mean {near[0]!r}?" if near else ""
        raise ValueError(f"unknown layout {name!r}; layouts: {', '.join(LAYOUTS)}.{hint}")
    return parse(name, (LAYOUT_DIR / f"{name}.txt").read_text())
