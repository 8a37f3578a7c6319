"""The one reader of event logs (`events/<episode>.jsonl`): every line is checked against the event schema;
torn, corrupt or invalid lines (a killed run) are skipped and reported, never raised."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from envs.core.schema import validate_event

EVENTS_DIR = "events"
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
    """Every line that is a valid event (envs/core/schema.py); the rest are reported, not fatal."""
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
    try:
        validate_event(record)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"][1:]) or "kind"
        return None, f"not a valid {str(record['kind'])[:40]} event ({where}: {first['msg']})"
    return record, ""
