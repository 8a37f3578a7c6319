"""Reading a run directory back: event files (tolerant of torn or corrupt lines) and the leaderboard."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVENTS_DIR = "events"
SUMMARY = "summary.json"
SHOWN_BAD_LINES = 3


@dataclass
class EventLog:
    """One episode's readable records, and what could not be read."""

    episode_id: str
    records: list[dict[str, Any]] = field(default_factory=list)
    bad_lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)

    def problem(self) -> str | None:
        """One line for the user, e.g. 'events/x.jsonl: 2 unreadable lines skipped (line 57: ...)'."""
        if not self.bad_lines:
            return None
        count = len(self.bad_lines)
        shown = "; ".join(f"line {number}: {why}" for number, why in self.bad_lines[:SHOWN_BAD_LINES])
        more = ", ..." if count > SHOWN_BAD_LINES else ""
        noun = "line" if count == 1 else "lines"
        return f"{EVENTS_DIR}/{self.episode_id}.jsonl: {count} unreadable {noun} skipped ({shown}{more})"


def read_event_log(path: Path) -> EventLog:
    """Every line that is a JSON object with a `kind`; the rest are reported, not fatal."""
    log = EventLog(path.stem)
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as error:
        log.bad_lines.append((0, f"cannot read: {error.strerror or error}"))
        return log
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record, why = _parse(line)
        if record is None:
            log.bad_lines.append((number, why))
        else:
            log.records.append(record)
    return log


def _parse(line: str) -> tuple[dict[str, Any] | None, str]:
    try:
        record = json.loads(line)
    except ValueError as error:
        return None, f"not JSON ({error.msg}, column {error.colno})"
    if not isinstance(record, dict) or "kind" not in record:
        return None, "not an event (no 'kind')"
    return record, ""


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
