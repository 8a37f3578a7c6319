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
        self._last_plain = 0.0

    def note(self, message: str) -> None:
        if self.display != "none":
            self._clear()
            print(message, file=self.stream, flush=True)

    def finished(self, record: EpisodeRecord) -> None:
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
        elapsed = time.monotonic() - self.start
        left = self.total - self.done
        eta = f"{elapsed / self.played * left:,.0f}s" if self.played else "?"
        norm = f"{sum(self.norms) / len(self.norms):.1f}" if self.norms else "-"
        width = 24
        filled = int(width * self.done / max(1, self.total))
        bar = "#" * filled + "." * (width - filled)
        errors = f" | {self.errors} errors" if self.errors else ""
        return (f"[{bar}] {self.done}/{self.total} episodes | norm score {norm} | "
                f"{self.tokens:,} tokens | ${self.cost:.4f} | ETA {eta}{errors}")

    def draw(self) -> None:
        if self.display == "bar":
            self.stream.write("\r" + self.line()[:160])
            self.stream.flush()

    def close(self) -> None:
        if self.display == "bar":
            self.stream.write("\n")
        elif self.display == "plain":
            print(self.line(), file=self.stream, flush=True)

    def _clear(self) -> None:
        if self.display == "bar":
            self.stream.write("\r" + " " * 160 + "\r")
