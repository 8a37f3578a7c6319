"""Normalised scores (0 = random, 100 = scripted expert) and per-task, per-agent summaries."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from tasks.records import EpisodeRecord


def normalize(raw: float | None, low: float, high: float) -> float | None:
    """100 * (raw - low) / (high - low); None where the baselines do not separate (high <= low)."""
    if raw is None or high - low <= 1e-9:
        return None
    return round(100.0 * (raw - low) / (high - low), 3)


def mean_se(values: list[float]) -> tuple[float | None, float | None]:
    """Mean and standard error of the mean (None for no values; SE 0 for one)."""
    if not values:
        return None, None
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    variance = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
    return mean, math.sqrt(variance / len(values))


def summarize(records: Iterable[EpisodeRecord]) -> list[dict[str, Any]]:
    """One row per (task, partners, agent): episodes, mean raw, normalised and scaffold-normalised score with
    SE, success, who decided, usage. Games with other partners are another task: never one number."""
    groups: dict[tuple[str, str, str], list[EpisodeRecord]] = defaultdict(list)
    for record in records:
        groups[(record.task, partners_label(record.partners), record.agent_label)].append(record)
    return [_row(task, partners, agent, group) for (task, partners, agent), group in sorted(groups.items())]


def partners_label(partners: dict[str, str]) -> str:
    """The other seats' controllers, counted: e.g. `4x bot:bot` or `bot:expert`."""
    counts: dict[str, int] = defaultdict(int)
    for controller in partners.values():
        counts[controller] += 1
    return ", ".join(f"{n}x {c}" if n > 1 else c for c, n in sorted(counts.items()))


def model_share(decisions: dict[str, int]) -> float | None:
    """The share of the moves a model chose (None where nothing was counted)."""
    total = sum(decisions.values())
    return None if not total else sum(n for who, n in decisions.items() if who.startswith("model:")) / total


def _row(task: str, partners: str, agent: str, group: list[EpisodeRecord]) -> dict[str, Any]:
    scored = [r for r in group if r.score is not None and r.status != "error"]  # errors are counted, not scored
    raw, raw_se = mean_se([r.score for r in scored])
    norm, norm_se = mean_se([r.normalized_score for r in scored if r.normalized_score is not None])
    scaffold, scaffold_se = mean_se([r.scaffold_normalized_score for r in scored
                                     if r.scaffold_normalized_score is not None])
    base, _ = mean_se([r.scaffold_baseline for r in scored if r.scaffold_baseline is not None])
    decisions: dict[str, int] = defaultdict(int)
    for record in group:
        for who, n in record.decisions.items():
            decisions[who] += n
    share = model_share(decisions)
    return {
        "task": task,
        "partners": partners,
        "world": group[0].world,
        "options": group[0].options,
        "agent": agent,
        "episodes": len(group),
        "errors": sum(r.status in ("error", "timeout") for r in group),
        "score": _round(raw),
        "score_se": _round(raw_se),
        "normalized": _round(norm),
        "normalized_se": _round(norm_se),
        "scaffold_normalized": _round(scaffold),
        "scaffold_normalized_se": _round(scaffold_se),
        "scaffold_baseline": _round(base),
        "model_decisions": sum(n for who, n in decisions.items() if who.startswith("model:")),
        "model_decisions_share": _round(share),
        "decisions": dict(sorted(decisions.items())),
        "success_rate": _round(sum(bool(r.success) for r in group) / len(group)),
        "steps": _round(sum(r.steps for r in group) / len(group)),
        "invalid_actions": sum(r.invalid_actions for r in group),
        "tokens_in": sum(r.tokens_in for r in group),
        "tokens_out": sum(r.tokens_out for r in group),
        "tokens_cached": sum(r.tokens_cached for r in group),
        "cost_usd": round(sum(r.cost_usd for r in group), 6),
        "wall_time_s": _round(sum(r.wall_time_s for r in group)),
    }


def agent_totals(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The leaderboard: per agent, the mean of its task-level normalised scores."""
    by_agent: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_agent[row["agent"]].append(row)
    board = []
    for agent, agent_rows in by_agent.items():
        norms = [r["normalized"] for r in agent_rows if r["normalized"] is not None]
        mean, se = mean_se(norms)
        scaffold, scaffold_se = mean_se([r["scaffold_normalized"] for r in agent_rows
                                         if r["scaffold_normalized"] is not None])
        decisions: dict[str, int] = defaultdict(int)
        for row in agent_rows:
            for who, n in row["decisions"].items():
                decisions[who] += n
        share = model_share(decisions)
        board.append({
            "agent": agent,
            "tasks": len(agent_rows),
            "episodes": sum(r["episodes"] for r in agent_rows),
            "normalized": _round(mean),
            "normalized_se": _round(se),
            "scaffold_normalized": _round(scaffold),
            "scaffold_normalized_se": _round(scaffold_se),
            "model_decisions": sum(r["model_decisions"] for r in agent_rows),
            "model_decisions_share": _round(share),
            "success_rate": _round(sum(r["success_rate"] * r["episodes"] for r in agent_rows)
                                   / max(1, sum(r["episodes"] for r in agent_rows))),
            "errors": sum(r["errors"] for r in agent_rows),
            "tokens": sum(r["tokens_in"] + r["tokens_out"] for r in agent_rows),
            "cost_usd": round(sum(r["cost_usd"] for r in agent_rows), 6),
        })
    return sorted(board, key=lambda r: -(r["normalized"] if r["normalized"] is not None else -1e9))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def paired_differences(records: Iterable[EpisodeRecord], key: str = "normalized_score", resamples: int = 2000,
                       seed: int = 0) -> list[dict[str, Any]]:
    """Per task (and partners) and pair of agents: the mean difference of `key` over the seeds both played
    (same task, seed and repeat), with a 95% bootstrap interval (seeded, percentile)."""
    import numpy as np

    by_game: dict[tuple[str, str], dict[str, dict[tuple[int, int], float]]] = defaultdict(lambda: defaultdict(dict))
    for record in records:
        value = getattr(record, key)
        if value is not None and record.status != "error":
            group = (record.task, partners_label(record.partners))
            by_game[group][record.agent_label][(record.seed, record.repeat)] = float(value)
    rows = []
    rng = np.random.default_rng(seed)
    for (task, partners), agents in sorted(by_game.items()):
        names = sorted(agents)
        for i, first in enumerate(names):
            for second in names[i + 1:]:
                common = sorted(set(agents[first]) & set(agents[second]))
                if len(common) < 2:
                    continue
                diffs = np.array([agents[first][g] - agents[second][g] for g in common])
                means = diffs[rng.integers(len(diffs), size=(resamples, len(diffs)))].mean(axis=1)
                low, high = np.percentile(means, [2.5, 97.5])
                rows.append({"task": task, "partners": partners, "agent": first, "versus": second,
                             "seeds": len(common), "difference": _round(float(diffs.mean())),
                             "ci95_low": _round(float(low)), "ci95_high": _round(float(high))})
    return rows
