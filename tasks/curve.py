"""The learning curve of `gamehall learn`: per condition, test success and normalised score as mean ±
standard error over the test (task, seed) pairs, and each memory's paired difference from the empty one."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from agents.memory.store import read_episodes
from tasks.learn import RETRY_TEMPERATURE, Condition
from tasks.records import EpisodeRecord

Pair = tuple[str, int]


def mean_se(values: list[float]) -> dict[str, Any]:
    """Mean and standard error (n - 1 in the variance); None for no values."""
    n = len(values)
    if not n:
        return {"mean": None, "se": None, "n": 0}
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else 0.0
    return {"mean": round(mean, 4), "se": round(math.sqrt(var / n), 4), "n": n}


def _by_pair(records: list[EpisodeRecord]) -> dict[Pair, EpisodeRecord]:
    return {(r.task, r.seed): r for r in records}


def _success(record: EpisodeRecord | None) -> float:
    return float(bool(record and record.success))


def _score(record: EpisodeRecord | None) -> float | None:
    return None if record is None or record.normalized_score is None else float(record.normalized_score)


def _point(pairs: list[Pair], best: dict[Pair, list[EpisodeRecord | None]], empty: dict[Pair, EpisodeRecord],
           ) -> dict[str, Any]:
    """Stats for one condition; `best[pair]` are the attempts (one for a memory), the best one counts."""
    success = {p: max(_success(r) for r in best[p]) for p in pairs}
    errors = sum(1 for p in pairs for r in best[p] if r is None or r.status in ("error", "timeout"))
    scores = {p: max((s for s in map(_score, best[p]) if s is not None), default=None) for p in pairs}
    paired = [(scores[p], _score(empty.get(p))) for p in pairs]
    return {
        "success": mean_se([success[p] for p in pairs]),
        "normalized_score": mean_se([s for s in scores.values() if s is not None]),
        # the world's own units, for games a limit cut short (they get no normalised score)
        "raw_score": mean_se([max(float(r.score or 0.0) for r in best[p] if r is not None) for p in pairs
                              if any(r is not None for r in best[p])]),
        "delta_success_vs_empty": mean_se([success[p] - _success(empty.get(p)) for p in pairs]),
        "delta_score_vs_empty": mean_se([a - b for a, b in paired if a is not None and b is not None]),
        "errors": errors,
        "per_task": {task: mean_se([success[p] for p in pairs if p[0] == task])
                     for task in sorted({p[0] for p in pairs})},
    }


def build_curve(conditions: list[Condition], meta: dict[str, Any]) -> dict[str, Any]:
    empty = next(c for c in conditions if c.name == "empty")
    empty_pairs = _by_pair(empty.records)
    pairs = sorted(empty_pairs)
    points = []
    for condition in [c for c in conditions if c.store is not None]:
        found = _by_pair(condition.records)
        stored = read_episodes(condition.store)
        point = {"name": condition.name, "checkpoint": condition.checkpoint, "curation": condition.curation,
                 "store_episodes": len(stored), "store_wins": sum(e.success for e in stored),
                 **_point(pairs, {p: [found.get(p)] for p in pairs}, empty_pairs)}
        points.append(point)
    attempts = {c.attempt: _by_pair(c.records) for c in conditions if c.store is None}
    baselines = []
    for k in sorted(attempts):
        tries = {p: [empty_pairs.get(p), *(attempts[a].get(p) for a in sorted(attempts) if a <= k)] for p in pairs}
        baselines.append({"name": f"best-of-{k}", "attempts": k, **_point(pairs, tries, empty_pairs)})
    return {**meta, "pairs": len(pairs), "points": points, "baselines": baselines}


def write_curve(out: str | Path, curve: dict[str, Any]) -> list[Path]:
    out = Path(out)
    paths = [out / "curve.json", out / "curve.png", out / "summary.md"]
    paths[0].write_text(json.dumps(curve, indent=2) + "\n")
    _plot(curve, paths[1])
    paths[2].write_text(summary_markdown(curve))
    return paths


def _plot(curve: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(10, 4))
    for axis, key, label in ((axes[0], "success", "test success rate"),
                             (axes[1], "normalized_score", "normalised score (0 random, 100 expert)")):
        for curation, style in (("keep-all", "o-"), ("curated", "s--")):
            shown = [p for p in curve["points"] if p["curation"] == curation or p["checkpoint"] == 0]
            shown = [p for p in shown if p[key]["mean"] is not None]
            if shown:
                axis.errorbar([p["checkpoint"] for p in shown], [p[key]["mean"] for p in shown],
                              yerr=[p[key]["se"] for p in shown], fmt=style, capsize=3, label=curation)
        for baseline, colour in zip(curve["baselines"], ("tab:green", "tab:red"), strict=False):
            if baseline[key]["mean"] is not None:
                axis.axhline(baseline[key]["mean"], linestyle=":", color=colour, label=baseline["name"])
        axis.set_xlabel("train games in memory")
        axis.set_ylabel(label)
        if axis.get_legend_handles_labels()[0]:  # nothing drawn (no normalised score anywhere): no legend
            axis.legend(fontsize=8)
        else:
            axis.text(0.5, 0.5, "no data", ha="center", transform=axis.transAxes)
    figure.suptitle(f"{curve.get('suite', '')}: {curve.get('agent', '')} ({curve['pairs']} test pairs)")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def _cell(stat: dict[str, Any], scale: float = 1.0) -> str:
    if stat["mean"] is None:
        return "-"
    return f"{stat['mean'] * scale:.1f} ± {stat['se'] * scale:.1f}"


def summary_markdown(curve: dict[str, Any]) -> str:
    lines = [f"# Learning curve: {curve.get('suite', '')}", "",
             f"Agent `{curve.get('agent', '')}`; train games by `{curve.get('train_agent', '')}` on seeds "
             f"{curve.get('train_seeds', '')}; test seeds {curve.get('test_seeds', '')} ({curve['pairs']} "
             "task-seed pairs, read-only). Mean ± standard error; deltas are paired against the empty memory.", "",
             "| condition | games in store (won) | success % | normalised score | raw score | Δ success vs empty (pts) "
             "| errors |", "|---|---|---|---|---|---|---|"]
    for p in curve["points"]:
        lines.append(f"| {p['name']} | {p['store_episodes']} ({p['store_wins']}) | {_cell(p['success'], 100)} | "
                     f"{_cell(p['normalized_score'])} | {_cell(p['raw_score'])} | "
                     f"{_cell(p['delta_success_vs_empty'], 100)} | {p['errors']} |")
    for b in curve["baselines"]:
        lines.append(f"| {b['name']} (no memory) | - | {_cell(b['success'], 100)} | {_cell(b['normalized_score'])} | "
                     f"{_cell(b['raw_score'])} | {_cell(b['delta_success_vs_empty'], 100)} | {b['errors']} |")
    lines += ["", "best-of-k: attempt 1 is the empty-memory run; attempts 2 and 3 play with the agent's seed + 1 and "
              f"+ 2, at temperature {RETRY_TEMPERATURE} where the agent's own is 0 (or it would repeat itself). "
              "Curated: the stored games whose retrieval led to wins (smoothed utility >= 1/2), lost games dropped."]
    failed = sum(p["errors"] for p in curve["points"] + curve["baselines"])
    if failed:
        lines += ["", f"**{failed} test game(s) ended in error or timeout** (see test/*/episodes.jsonl): they count as "
                  "lost, so the numbers above understate what the agent can do."]
    return "\n".join(lines) + "\n"
