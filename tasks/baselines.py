"""The 0 and the 100 of normalised scores: random and scripted-expert play, computed once and cached.

Baselines play the world directly (a Session, no MCP, turn or lockstep clock): the scripted players'
scores do not depend on transport or latency, and this keeps a suite's calibration cheap."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from envs.core import Session
from envs.core.world import Result

STRONG = {"forge": "expert", "kitchen": "expert", "village": "bot"}
RAW_SCORE_NOTE = "Forge: progress; Kitchen: team score; Village: 1 if the seat's team won"


def cache_path() -> Path:
    root = os.environ.get("GAMEHALL_CACHE_DIR") or Path.home() / ".cache" / "gamehall"
    return Path(root) / "baselines.jsonl"


def _key(world: str, version: str, options: dict[str, Any], seed: int, seat: str | None, policy: str) -> str:
    return json.dumps([world, version, options, seed, seat, policy], sort_keys=True, default=str)


class Baselines:
    """Raw scores of the random and strong scripted players per task and seed, cached on disk."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self._scores: dict[str, float] = {}
        if self.path.exists():
            for line in self.path.read_text().splitlines():
                try:
                    entry = json.loads(line)
                    self._scores[entry["key"]] = float(entry["score"])
                except (ValueError, KeyError, TypeError):
                    continue

    def score(self, world: str, options: dict[str, Any], seed: int, seat: str | None, policy: str) -> float:
        spec = _spec(world)
        key = _key(world, spec.world.version, options, seed, seat, policy)
        if key not in self._scores:
            self._scores[key] = play_scripted(spec, options, seed, seat, policy)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a") as file:
                file.write(json.dumps({"key": key, "score": self._scores[key]}) + "\n")
        return self._scores[key]

    def pair(self, world: str, options: dict[str, Any], seed: int, seat: str | None) -> tuple[float, float]:
        """(random, strong) raw scores for one task and seed."""
        low = self.score(world, options, seed, seat, "random")
        return low, self.score(world, options, seed, seat, STRONG[world])


@functools.cache
def _spec(world: str) -> Any:
    from servers.serve import world_spec

    return world_spec(world)


def play_scripted(spec: Any, options: dict[str, Any], seed: int, seat: str | None, policy: str) -> float:
    """One game with `policy` at the agent's seat and the world's bot everywhere else."""
    options = {k: v for k, v in options.items() if k not in spec.session_options}
    clock = "lockstep" if "clock" in spec.session_options else "turn"
    session = Session(spec.world, spec.make_scenario(**options), seed=seed, clock=clock)
    mine = seat or session.seats[0]
    factories = spec.world.policies()
    players = {s: factories[policy if s == mine else spec.bot](session, s, seed * 1009 + i)
               for i, s in enumerate(session.seats)}
    for _ in range(1_000_000):
        if session.done:
            break
        for name in sorted(session.awaiting()):
            session.act(name, session.ask(name, players[name]))
    return raw_result(spec.world.name, session.result, mine, session.score(mine))


def raw_result(world: str, result: Result | None, seat: str, score: float) -> float:
    if result is None:
        return score
    if world == "village":
        return float(result.seat_scores.get(seat, 0.0))
    if world == "forge":
        return float(result.metrics.get("progress", score))
    return float(score)
