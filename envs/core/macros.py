"""What a world's macro layer answers about one macro: can it begin now, why not, what is missing, and a
heuristic score to rank it. Shared by every world's macro layer, the servers and the agents."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MacroOption:
    name: str
    feasible: bool
    reason: str = ""
    missing: tuple[str, ...] = ()
    score: float = 0.0
