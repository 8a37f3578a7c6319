"""Replay position over a run's event logs: every episode steps frame by frame in parallel (no Textual here)."""

from __future__ import annotations

from tui.logs import EventLog
from tui.model import EpisodeView, RunView


class Playback:
    """Position p shows each episode folded up to its p-th frame (or its end, if it has fewer frames)."""

    def __init__(self, logs: list[EventLog]) -> None:
        self.logs = {log.episode_id: log for log in logs}
        self.marks = {log.episode_id: _frame_marks(log) for log in logs}
        self.length = max((len(m) for m in self.marks.values()), default=1)
        self.position = 0
        self.hall = RunView()
        self._applied = dict.fromkeys(self.logs, 0)

    @property
    def last(self) -> int:
        return self.length - 1

    def seek(self, position: int) -> int:
        """Move to `position` (clamped); folding forward is incremental, going back folds again from the start."""
        position = max(0, min(self.last, position))
        if position < self.position:
            self.hall = RunView()
            self._applied = dict.fromkeys(self.logs, 0)
        self.position = position
        for episode_id, log in self.logs.items():
            marks = self.marks[episode_id]
            upto = marks[min(position, len(marks) - 1)] + 1
            for record in log.records[self._applied[episode_id]:upto]:
                self.hall.apply(episode_id, record)
            self._applied[episode_id] = max(self._applied[episode_id], upto)
            self.hall.episodes.setdefault(episode_id, EpisodeView(episode_id))
        return self.position

    def frame_tick(self, episode_id: str) -> int:
        view = self.hall.episodes.get(episode_id)
        return view.tick if view is not None else 0


def _frame_marks(log: EventLog) -> list[int]:
    """Indices of the records that close a step of playback: each frame, and the last record."""
    marks = [i for i, record in enumerate(log.records) if record.get("kind") == "frame"]
    end = len(log.records) - 1
    if end >= 0 and (not marks or marks[-1] != end):
        marks.append(end)
    return marks or [-1]
