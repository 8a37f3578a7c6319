"""Reading event logs back, tolerant of a killed run: unreadable lines are skipped and reported."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class LogProblems:
    """What could not be read from one event file."""

    path: Path
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    missing: bool = False

    def __bool__(self) -> bool:
        return self.missing or bool(self.bad_lines)

    def describe(self) -> str:
        if self.missing:
            return f"{self.path.name}: missing"
        first_line, first_text = self.bad_lines[0]
        return (f"{self.path.name}: {len(self.bad_lines)} unreadable line(s) skipped "
                f"(line {first_line}: {first_text[:60]!r})")


def read_events(path: Path) -> tuple[list[dict[str, Any]], LogProblems]:
    """Every event of `path` that parses as a JSON object; the rest is reported, never raised."""
    problems = LogProblems(path)
    if not path.exists():
        problems.missing = True
        return [], problems
    events = []
    with path.open(errors="replace") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                problems.bad_lines.append((number, line.strip()))
                continue
            if isinstance(event, dict) and "kind" in event:
                events.append(event)
            else:
                problems.bad_lines.append((number, line.strip()))
    return events, problems
