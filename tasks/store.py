"""A run directory: episodes.jsonl (append-only, flushed per episode), events/, summary, reports."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tasks.records import EpisodeRecord

EPISODES = "episodes.jsonl"


class StoreError(ValueError):
    """A run directory that cannot be used; the message is one line."""


class RunStore:
    """Where a run keeps what it has finished. Reopening it is how a run resumes."""

    def __init__(self, out_dir: str | Path) -> None:
        self.dir = Path(out_dir)
        self.events_dir = self.dir / "events"
        try:
            self.events_dir.mkdir(parents=True, exist_ok=True)
            probe = self.dir / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as error:
            raise StoreError(f"cannot write to {self.dir}: {error.strerror or error}") from None
        self.path = self.dir / EPISODES
        self.path.touch()  # a run that dies before its first episode is still a run directory for `report`
        self.records, self.dropped = self._load()

    def _load(self) -> tuple[dict[str, EpisodeRecord], int]:
        """Read finished episodes; a torn last line (a killed run) is dropped and the file repaired."""
        if not self.path.exists():
            return {}, 0
        records: dict[str, EpisodeRecord] = {}
        good_lines, dropped = [], 0
        # A line torn inside a multi-byte character (records carry endpoint error text) must not stop a resume.
        for line in self.path.read_bytes().decode("utf-8", "replace").splitlines():
            try:
                record = EpisodeRecord.model_validate_json(line)
            except ValidationError:
                dropped += 1
                continue
            if record.episode_id not in records:
                records[record.episode_id] = record
                good_lines.append(line)
        if dropped or len(good_lines) != len(records):
            self._rewrite(good_lines)
        return records, dropped

    def forget(self, status: str) -> int:
        """Drop finished episodes with `status` (e.g. error) so the next run plays them again."""
        keep = {k: r for k, r in self.records.items() if r.status != status}
        forgotten = len(self.records) - len(keep)
        if forgotten:
            self.records = keep
            self._rewrite([r.model_dump_json() for r in keep.values()])
        return forgotten

    def _rewrite(self, lines: list[str]) -> None:
        temp = self.path.with_suffix(".tmp")
        temp.write_text("".join(line + "\n" for line in lines))
        os.replace(temp, self.path)

    def update(self, records: list[EpisodeRecord]) -> None:
        """Write these finished records over the stored ones with their ids (gamehall judge adds fields)."""
        self.records.update({r.episode_id: r for r in records})
        self._rewrite([r.model_dump_json() for r in self.records.values()])

    def append(self, record: EpisodeRecord) -> None:
        """Add one finished episode, durably, before anything else happens."""
        if record.episode_id in self.records:
            return
        with self.path.open("a") as file:
            file.write(record.model_dump_json() + "\n")
            file.flush()
            os.fsync(file.fileno())
        self.records[record.episode_id] = record

    def events_writer(self, episode_id: str) -> EventWriter:
        return EventWriter(self.events_dir / f"{episode_id}.jsonl")

    def write_json(self, name: str, data: Any) -> Path:
        path = self.dir / name
        temp = path.with_suffix(path.suffix + ".tmp")
        temp.write_text(json.dumps(data, indent=2, default=str) + "\n")
        os.replace(temp, path)
        return path


class EventWriter:
    """Every event of one episode, a JSON line each, flushed as it comes (the TUI tails these files)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = path.open("w")

    def write(self, record: dict[str, Any]) -> None:
        if self._file.closed:
            return
        self._file.write(json.dumps(record, default=str) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()

    def rewrite(self, records: list[dict[str, Any]]) -> None:
        """Replace the file with `records` at once (a reader sees the old lines or the new, never half)."""
        self.close()
        scratch = self.path.with_suffix(".jsonl.tmp")
        scratch.write_text("".join(json.dumps(r, default=str) + "\n" for r in records))
        scratch.replace(self.path)
