"""Progress of a run: a live bar on a terminal, plain lines for logs, or nothing."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from typing import TextIO

from tasks.records import EpisodeRecord

MAX_WIDTH = 160
REDRAW_S = 1.0


class Progress:
    """Episodes done, score so far, tokens, cost and ETA. `display`: bar, plain or none. The bar is redrawn
    every second (`ticking`), not only when an episode ends: a long last episode turns the ETA into '?'."""

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
        return (f"[{bar}] {self.done}/{self.total} episodes | ETA {eta}{errors} | norm score {norm} | "
                f"{self.tokens:,} tokens | ${self.cost:.4f}")  # the ETA first: a narrow terminal cuts the end

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
            return f">{duration(pace * queued)}" if queued else "?"
        in_flight = max((mean - age for age in ages), default=0.0)
        return duration(max(in_flight, pace * queued))

    def draw(self) -> None:
        if self.display == "bar":
            text = self.line()[: self.width()]
            self.stream.write("\r" + text.ljust(self._drawn))
            self._drawn = len(text)
            self.stream.flush()

    def width(self) -> int:
        """The terminal's width less one: a line that wraps cannot be overwritten by a carriage return."""
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            return MAX_WIDTH
        return max(20, min(MAX_WIDTH, columns - 1))

    async def ticking(self) -> None:
        """Redraw the bar every REDRAW_S until cancelled (the ETA ages while episodes run)."""
        while self.display == "bar":
            await asyncio.sleep(REDRAW_S)
            self.draw()

    def close(self) -> None:
        if self.display == "bar":
            self.stream.write("\n")
        elif self.display == "plain":
            print(self.line(), file=self.stream, flush=True)

    def _clear(self) -> None:
        if self.display == "bar":
            self.stream.write("\r" + " " * self._drawn + "\r")
            self._drawn = 0


def duration(seconds: float) -> str:
    """45s, 5m03s, 2h07m: an ETA a reader takes in at a glance."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"
