"""Reading a run directory back: its event files (through the one reader, tasks/replay_log.py) and the
leaderboard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tasks.replay_log import EVENTS_DIR, EventLog, read_event_log

SUMMARY = "summary.json"
__all__ = ["EventLog", "read_event_log", "read_run", "read_summaries"]


def read_run(run_dir: str | Path) -> list[EventLog]:
    """The event logs of a run, by episode id (task name first): the same order on every replay."""
    directory = Path(run_dir)
    events = directory / EVENTS_DIR
    if not events.is_dir():
        raise ValueError(f"{directory} has no {EVENTS_DIR}/ folder: is it a run directory (gamehall run --out DIR)?")
    return [read_event_log(path) for path in sorted(events.glob("*.jsonl"))]


def read_summaries(run_dirs: list[str | Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """Leaderboard rows of one or more runs' summary.json (each row tagged with its run); and problems."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for run_dir in run_dirs:
        path = Path(run_dir) / SUMMARY
        try:
            summary = json.loads(path.read_text())
        except FileNotFoundError:
            problems.append(f"{path}: not written yet (the run has not finished)")
            continue
        except (OSError, ValueError) as error:
            problems.append(f"{path}: unreadable ({error})")
            continue
        for row in summary.get("leaderboard", []):
            rows.append({"run": Path(run_dir).name, **row})
    return rows, problems
