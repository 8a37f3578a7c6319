"""Does watching slow the run? Eight concurrent realtime Kitchen episodes (expert players) played twice in one
process: headless (the runner alone), then under `gamehall watch`'s app (headless Textual driver, 140x45).

Prints the episodes' throughput (game ticks per second of each episode's wall time, and over the whole run)
with the TUI attached vs without, as ratios, and the TUI's achieved refresh rate (redraws per second while the
episodes ran). Run: python bench/tui.py [--episodes 8] [--tick-hz 10]"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _pathfix  # noqa: F401  (first: bench/mcp.py and bench/tui.py would shadow the packages)


@dataclass
class Measure:
    label: str
    ticks_per_s: float  # mean over episodes of ticks / the episode's wall time
    run_ticks_per_s: float  # all ticks / first start to last finish
    seconds: float
    refresh_hz: float | None = None


def suite(episodes: int, tick_hz: float) -> Any:
    from tasks.suite import Suite

    task = {"name": "kitchen-rt", "world": "kitchen", "seeds": list(range(episodes)),
            "options": {"layout": "cramped_room", "rules": "classic", "clock": "realtime", "tick_hz": tick_hz}}
    return Suite.model_validate({"name": "bench-tui", "agents": [{"kind": "expert"}], "tasks": [task]})


class Ticks:
    """A listener (both runs carry it, so both pay the same): each episode's last tick and its time span."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.spans: dict[str, list[float]] = {}

    def __call__(self, episode_id: str, record: dict[str, Any]) -> None:
        now = time.monotonic()
        span = self.spans.setdefault(episode_id, [now, now])
        span[1] = now
        if isinstance(record.get("tick"), int):
            self.last[episode_id] = max(self.last.get(episode_id, 0), record["tick"])

    def measure(self, label: str, refresh_hz: float | None = None) -> Measure:
        rates = [self.last[e] / max(1e-9, end - start) for e, (start, end) in self.spans.items() if e in self.last]
        first = min(s for s, _ in self.spans.values())
        final = max(e for _, e in self.spans.values())
        return Measure(label, statistics.fmean(rates), sum(self.last.values()) / (final - first), final - first,
                       refresh_hz)


def config(out: Path, episodes: int, tick_hz: float, ticks: Ticks) -> Any:
    from tasks.runner import RunConfig

    parsed = suite(episodes, tick_hz)
    return RunConfig(suite=parsed, agents=parsed.agents, out_dir=str(out), concurrency=episodes, display="none",
                     listeners=[ticks])


async def headless(out: Path, episodes: int, tick_hz: float) -> Measure:
    from tasks.runner import Runner

    ticks = Ticks()
    await Runner(config(out, episodes, tick_hz, ticks)).run()
    return ticks.measure("runner alone")


async def watched(out: Path, episodes: int, tick_hz: float) -> Measure:
    from tui.watch import WatchApp

    ticks = Ticks()
    app = WatchApp(config(out, episodes, tick_hz, ticks), write_reports=False)
    async with app.run_test(size=(140, 45)) as pilot:
        while not ticks.spans:  # redraws before the episodes start (baseline calibration) do not count
            await asyncio.sleep(0.01)
        before, started = app.refreshes, time.monotonic()
        await pilot.press("down", "down")  # look at another episode part of the time, as a person would
        while not app.finished:
            await asyncio.sleep(0.05)
        refresh_hz = (app.refreshes - before) / (time.monotonic() - started)
    if app.error is not None:
        raise app.error
    return ticks.measure("with the TUI", refresh_hz)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=8, help="concurrent Kitchen episodes (default 8)")
    parser.add_argument("--tick-hz", type=float, default=10.0, help="the realtime clock (default 10)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-tui-") as scratch:
        alone = asyncio.run(headless(Path(scratch) / "alone", args.episodes, args.tick_hz))
        seen = asyncio.run(watched(Path(scratch) / "watched", args.episodes, args.tick_hz))
    print(f"{args.episodes} concurrent Kitchen episodes, realtime at {args.tick_hz:g} Hz, expert players")
    print(f"{'':<14} {'ticks/s per episode':>20} {'ticks/s whole run':>18} {'seconds':>8} {'TUI redraws/s':>14}")
    for m in (alone, seen):
        refresh = f"{m.refresh_hz:.1f}" if m.refresh_hz is not None else "-"
        print(f"{m.label:<14} {m.ticks_per_s:>20.2f} {m.run_ticks_per_s:>18.1f} {m.seconds:>8.1f} {refresh:>14}")
    print(f"ratio with/without TUI: per-episode throughput {seen.ticks_per_s / alone.ticks_per_s:.3f}, "
          f"whole-run throughput {seen.run_ticks_per_s / alone.run_ticks_per_s:.3f}; "
          f"TUI refresh {seen.refresh_hz:.1f}/s (goal: at least 5)")


if __name__ == "__main__":
    main()
