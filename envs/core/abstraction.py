"""What a memory of past games needs from a world: a state signature and a compact observation.

Both are written in the world's *abstract* names (e.g. Forge's `herb1` for whichever herb a seed drew), so a
state met on one seed matches the same situation on another; `specialize` turns a stored choice back into
this game's names. A world supplies `abstract(view)` in `envs/<world>/memory.py`; `generic` serves the rest.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

# Fields that change with time, not with the situation: a signature that held them would never repeat.
VOLATILE = frozenset({"tick", "ticks", "steps", "budget", "score", "progress", "last", "time", "clock", "events",
                      "said", "chat", "log", "history", "deadline"})
MAX_COMPACT = 240


@dataclass(frozen=True)
class Abstraction:
    """One view in abstract names: `mapping` maps this game's concrete names to the abstract ones."""

    signature: str
    observation: str
    goal: str = ""
    mapping: dict[str, str] = field(default_factory=dict)

    def generalize(self, text: str) -> str:
        return _swap(text, self.mapping)

    def specialize(self, text: str) -> str:
        return _swap(text, {abstract: concrete for concrete, abstract in self.mapping.items()})


def _swap(text: str, table: dict[str, str]) -> str:
    if not table:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: table[m.group(1)], text)


def digest(value: Any) -> str:
    """A short stable hash of a JSON-able value."""
    return hashlib.sha1(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def stable(data: Any) -> Any:
    """`data` without its volatile fields, at any depth."""
    if isinstance(data, dict):
        return {k: stable(v) for k, v in data.items() if k not in VOLATILE}
    if isinstance(data, list):
        return [stable(v) for v in data]
    return data


def generic(view: dict[str, Any]) -> Abstraction:
    """Any world: the signature hashes the structured data minus its volatile fields; the compact observation
    is the first lines of the text."""
    data = view.get("data") or {}
    lines = [line.strip() for line in str(view.get("observation", "")).splitlines() if line.strip()]
    compact = " | ".join(lines)[:MAX_COMPACT]
    signature = digest(stable(data)) if data else digest(compact)
    return Abstraction(signature, compact, str(data.get("goal", "")) if isinstance(data, dict) else "")
