"""Progress of a run: a live bar on a terminal, plain lines for logs, or nothing."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tasks.records import EpisodeRecord


class Progress:
    """Episodes done, score so far, tokens, cost and ETA. `display`: bar, plain or none."""

    def __init__(self, total: int, already: int, display: str = "bar", stream: TextIO | None = None) -> None:
        if display not in ("bar", "plain", "none"):
            raise ValueError(f"display must be bar, plain or none, got {display!r}")
        self.total, self.done, self.played = total, already, 0
        self.stream = stream or sys.stderr
        self.display = display if display != "bar" or self.stream.isatty() else "plain"
        self.start = time.monotonic()
        self.norms: list[float] = []
        self.tokens = 0
        self.cost = 0.0
        self.errors = 0
        self._running: dict[str, float] = {}  # episode id -> when it started
        self._durations: list[float] = []
        self._drawn = 0  # length of the last bar drawn, so a shorter one overwrites all of it

    def note(self, message: str) -> None:
        if self.display != "none":
            self._clear()
            print(message, file=self.stream, flush=True)

    def started(self, episode_id: str) -> None:
        self._running[episode_id] = time.monotonic()

    def finished(self, record: EpisodeRecord) -> None:
        began = self._running.pop(record.episode_id, None)
        if began is not None:
            self._durations.append(time.monotonic() - began)
        self.done += 1
        self.played += 1
        self.tokens += record.tokens_in + record.tokens_out
        self.cost += record.cost_usd
        self.errors += record.status in ("error", "timeout")
        if record.normalized_score is not None:
            self.norms.append(record.normalized_score)
        if self.display == "plain":
            status = record.status if record.status != "ok" else f"score {record.score}"
            print(f"[{self.done}/{self.total}] {record.task} seed {record.seed} {record.agent_label}: {status}"
                  f"{' - ' + record.error if record.error else ''}", file=self.stream, flush=True)
        self.draw()

    def line(self) -> str:
        eta = self.eta()
        norm = f"{sum(self.norms) / len(self.norms):.1f}" if self.norms else "-"
        width = 24
        filled = int(width * self.done / max(1, self.total))
        bar = "#" * filled + "." * (width - filled)
        errors = f" | {self.errors} errors" if self.errors else ""
        return (f"[{bar}] {self.done}/{self.total} episodes | norm score {norm} | "
                f"{self.tokens:,} tokens | ${self.cost:.4f} | ETA {eta}{errors}")

    def eta(self) -> str:
        """Seconds left: the episodes not started at the pace so far and the running ones at the average length.
        Once a running episode has outlived the average, nothing says when it ends: only a lower bound is shown."""
        if not self.played:
            return "?"
        now = time.monotonic()
        elapsed = now - self.start
        queued = max(0, self.total - self.done - len(self._running))
        pace = elapsed / self.played
        ages = [now - began for began in self._running.values()]
        mean = sum(self._durations) / len(self._durations) if self._durations else pace
        if any(age > mean for age in ages):
            return f">{pace * queued:,.0f}s" if queued else "?"
        in_flight = max((mean - age for age in ages), default=0.0)
        return f"{max(in_flight, pace * queued):,.0f}s"

    def draw(self) -> None:
        if self.display == "bar":
            text = self.line()[:160]
            self.stream.write("\r" + text.ljust(self._drawn))
            self._drawn = len(text)
            self.stream.flush()

    def close(self) -> None:
        if self.display == "bar":
            self.stream.write("\n")
        elif self.display == "plain":
            print(self.line(), file=self.stream, flush=True)

    def _clear(self) -> None:
        if self.display == "bar":
            self.stream.write("\r" + " " * 160 + "\r")
