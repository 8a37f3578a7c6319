"""The 0 and the 100 of normalised scores: random and scripted-expert play, computed once and cached.

Baselines play the world directly (a Session, no MCP, turn or lockstep clock): the scripted players'
scores do not depend on transport or latency, and this keeps a suite's calibration cheap."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from agents.cache import cache_dir
from envs.core.playout import play_out
from envs.core.spec import WorldSpec
from envs.core.world import Result


def cache_path() -> Path:
    return cache_dir() / "baselines.jsonl"


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

    def cached(self, key: str) -> float | None:
        return self._scores.get(key)

    def store(self, key: str, score: float) -> None:
        self._scores[key] = score
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a") as file:
            file.write(json.dumps({"key": key, "score": score}) + "\n")

    def score(self, world: str, options: dict[str, Any], seed: int, seat: str | None, policy: str) -> float:
        spec = _spec(world)
        key = _key(world, spec.world.version, options, seed, seat, policy)
        if key not in self._scores:
            self.store(key, play_scripted(spec, options, seed, seat, policy))
        return self._scores[key]

    def pair(self, world: str, options: dict[str, Any], seed: int, seat: str | None) -> tuple[float, float]:
        """(random, strong) raw scores for one task and seed."""
        spec = _spec(world)
        low = self.score(world, options, seed, seat, spec.policy("random"))
        return low, self.score(world, options, seed, seat, spec.policy("expert"))


@functools.cache
def _spec(world: str) -> WorldSpec:
    from envs.registry import world as find_world

    return find_world(world)


def play_scripted(spec: WorldSpec, options: dict[str, Any], seed: int, seat: str | None, policy: str) -> float:
    """One game with `policy` at the agent's seat and the world's bot everywhere else (lockstep for
    realtime worlds: the scripted players' scores must not depend on wall time)."""
    session = spec.session({k: v for k, v in options.items() if k not in spec.session_options}, seed)
    mine = seat or session.seats[0]
    factories = spec.world.policies()
    players = {s: factories[policy if s == mine else spec.bot](session, s, seed * 1009 + i)
               for i, s in enumerate(session.seats)}
    play_out(session, players)
    return raw_result(spec, session.result, mine, session.score(mine))


def raw_result(spec: WorldSpec, result: Result | None, seat: str, score: float) -> float:
    if result is None:
        return score
    view = {"score": result.score, "success": result.success, "seat_score": result.seat_scores.get(seat, 0.0),
            "metrics": dict(result.metrics)}
    return spec.scoring.raw(view, score)
