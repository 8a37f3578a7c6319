"""One episode of a finished run, read back for export and transcript: its record and its events."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tasks.records import EpisodeRecord
from tasks.replay_log import read_event_log
from tasks.report import load_records


@dataclass
class Episode:
    record: EpisodeRecord
    events: list[dict[str, Any]]

    @property
    def frames(self) -> list[dict[str, Any]]:
        """The logged `frame` events' data: the public state, in order."""
        return [e["data"] for e in self.events if e.get("kind") == "frame" and isinstance(e.get("data"), dict)]


def episodes(run_dir: str, episode_id: str | None = None) -> list[Episode]:
    """Every episode of the run, or only `episode_id` (an unknown id is an error naming the nearest)."""
    records = load_records([run_dir])
    if episode_id is not None:
        known = {r.episode_id: r for r in records}
        if episode_id not in known:
            near = difflib.get_close_matches(episode_id, list(known), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else f"; episodes: {', '.join(sorted(known)[:5])}"
            raise ValueError(f"no episode {episode_id!r} in {run_dir}{hint}")
        records = [known[episode_id]]
    found = []
    for record in records:
        log = read_event_log(Path(run_dir) / "events" / f"{record.episode_id}.jsonl")
        found.append(Episode(record, log.records))
    return found
