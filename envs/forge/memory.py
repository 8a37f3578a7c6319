"""Forge in abstract names for the memory of past games: the materials and monsters a seed drew become
`herb1`, `metal2`, `monster1` in order of first mention (the goal first), so one seed's solved situation
matches another's."""

from __future__ import annotations

import json
import re
from typing import Any

from envs.core.abstraction import Abstraction
from envs.forge.catalog import FAMILIES, MONSTERS

_FAMILY = {name: family for family, kind in FAMILIES.items() for name in kind.pool}
_NAMES = re.compile(r"\b(" + "|".join(sorted([*MONSTERS, *_FAMILY], key=len, reverse=True)) + r")\b")


def _bag(items: dict[str, Any]) -> str:
    return ", ".join(f"{name} x{count}" for name, count in sorted(items.items())) or "empty"


def abstract(view: dict[str, Any]) -> Abstraction:
    data = view.get("data") or {}
    gear = ", ".join(f"{slot} {item}" for slot, item in sorted((data.get("gear") or {}).items())) or "none"
    parts = [str(data.get("goal", "")), str(data.get("place", "")), _bag(data.get("bag") or {}), gear]
    mapping: dict[str, str] = {}
    counts: dict[str, int] = {}
    # names first met in the situation get the low numbers; the rest of the map's follow, so any move is named
    for part in [*parts, *(data.get("places") or {})]:
        for name in _NAMES.findall(part):
            if name not in mapping:
                family = "monster" if name in MONSTERS else _FAMILY[name]
                counts[family] = counts.get(family, 0) + 1
                mapping[name] = f"{family}{counts[family]}"
    scratch = Abstraction("", "", mapping=mapping)
    goal, place, bag, gear = (scratch.generalize(p) for p in parts)
    signature = json.dumps([goal, place, bag, gear])
    compact = f"goal {goal} | at {place} | bag {bag} | gear {gear} | gold {data.get('gold', 0)}"
    return Abstraction(signature, compact, goal, mapping)
