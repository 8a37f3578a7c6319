"""The memory store: one SQLite file per (world, agent profile) of episodes and their steps.

Writes are ordered and carry no wall-clock time, so the same games written in the same order give a
byte-identical file; a reader opens it read-only (`mode=ro`), so a test phase cannot write by mistake.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS episodes (
    id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, world TEXT NOT NULL, task TEXT NOT NULL,
    options TEXT NOT NULL, seed INTEGER NOT NULL, split TEXT NOT NULL, model TEXT NOT NULL, agent TEXT NOT NULL,
    goal TEXT NOT NULL, plan TEXT NOT NULL, success INTEGER NOT NULL, score REAL NOT NULL, scores TEXT NOT NULL,
    steps INTEGER NOT NULL, tokens INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS steps (
    id INTEGER PRIMARY KEY, episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, observation TEXT NOT NULL, signature TEXT NOT NULL, thought TEXT NOT NULL,
    tool TEXT NOT NULL, arguments TEXT NOT NULL, choice TEXT NOT NULL, reward REAL NOT NULL, valid INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS steps_by_signature ON steps(signature);
CREATE TABLE IF NOT EXISTS retrievals (
    episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE, retrieved INTEGER NOT NULL,
    PRIMARY KEY (episode_id, retrieved));
"""


@dataclass
class Step:
    """One decision: the compact observation and signature (in the world's abstract names), what was chosen."""

    observation: str
    signature: str
    tool: str
    arguments: dict[str, Any]
    choice: str
    thought: str = ""
    reward: float = 0.0
    valid: bool = True


@dataclass
class Episode:
    """One finished game as the store keeps it; `retrieved` are the stored episodes its decisions were shown."""

    key: str
    world: str
    task: str
    options: dict[str, Any]
    seed: int
    model: str
    agent: str
    goal: str
    success: bool
    score: float
    plan: str = ""
    split: str = "train"
    scores: dict[str, Any] = field(default_factory=dict)
    tokens: int = 0
    steps: list[Step] = field(default_factory=list)
    retrieved: list[int] = field(default_factory=list)
    id: int = 0


def connect(path: str | Path, *, write: bool) -> sqlite3.Connection:
    """Open the store: created with its schema for writing; read-only (and it must exist) otherwise."""
    if write:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(path), timeout=30.0)
        db.executescript(SCHEMA)
    else:
        if not Path(path).exists():
            raise FileNotFoundError(f"no memory store at {path}")
        db = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=30.0)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def write_episode(path: str | Path, episode: Episode) -> int | None:
    """Append one episode with its steps in one transaction; None if its key is stored already (a resumed run)."""
    db = connect(path, write=True)
    try:
        with db:
            if db.execute("SELECT 1 FROM episodes WHERE key = ?", (episode.key,)).fetchone():
                return None
            cursor = db.execute(
                "INSERT INTO episodes (key, world, task, options, seed, split, model, agent, goal, plan, success, "
                "score, scores, steps, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (episode.key, episode.world, episode.task, _json(episode.options), episode.seed, episode.split,
                 episode.model, episode.agent, episode.goal, episode.plan, int(episode.success), episode.score,
                 _json(episode.scores), len(episode.steps), episode.tokens))
            new_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO steps (episode_id, idx, observation, signature, thought, tool, arguments, choice, reward,"
                " valid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(new_id, i, s.observation, s.signature, s.thought, s.tool, _json(s.arguments), s.choice, s.reward,
                  int(s.valid)) for i, s in enumerate(episode.steps)])
            db.executemany("INSERT OR IGNORE INTO retrievals (episode_id, retrieved) VALUES (?, ?)",
                           [(new_id, r) for r in sorted(set(episode.retrieved))])
        return new_id
    finally:
        db.close()


def read_episodes(path: str | Path) -> list[Episode]:
    """Every stored episode with its steps and retrievals, in id order."""
    db = connect(path, write=False)
    try:
        episodes = {row[0]: _episode(row) for row in db.execute(
            "SELECT id, key, world, task, options, seed, split, model, agent, goal, plan, success, score, scores, "
            "tokens FROM episodes ORDER BY id")}
        for row in db.execute("SELECT episode_id, observation, signature, thought, tool, arguments, choice, reward, "
                              "valid FROM steps ORDER BY episode_id, idx"):
            episodes[row[0]].steps.append(Step(row[1], row[2], row[4], json.loads(row[5]), row[6], row[3],
                                               float(row[7]), bool(row[8])))
        for episode_id, retrieved in db.execute("SELECT episode_id, retrieved FROM retrievals ORDER BY 1, 2"):
            episodes[episode_id].retrieved.append(retrieved)
        return list(episodes.values())
    finally:
        db.close()


def create_empty(path: str | Path) -> None:
    """A store with the schema and nothing in it (the empty-memory baseline)."""
    connect(path, write=True).close()


def freeze(source: str | Path, target: str | Path, drop: list[int] | None = None) -> None:
    """A compacted copy of `source` at `target` (replaced), without the episodes in `drop`."""
    Path(target).unlink(missing_ok=True)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    db = connect(source, write=False)
    try:
        db.execute("VACUUM INTO ?", (str(target),))
    finally:
        db.close()
    if drop:
        copy = connect(target, write=True)
        try:
            with copy:
                copy.executemany("DELETE FROM episodes WHERE id = ?", [(i,) for i in sorted(drop)])
            copy.execute("VACUUM")
        finally:
            copy.close()


def _episode(row: tuple) -> Episode:
    return Episode(id=row[0], key=row[1], world=row[2], task=row[3], options=json.loads(row[4]), seed=row[5],
                   split=row[6], model=row[7], agent=row[8], goal=row[9], plan=row[10], success=bool(row[11]),
                   score=float(row[12]), scores=json.loads(row[13]), tokens=row[14])


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
