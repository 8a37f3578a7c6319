"""Reports of one or more runs: summary.json, leaderboard.md / .csv, ratings, and PNG plots."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

from tasks.records import EpisodeRecord
from tasks.scoring import agent_totals, paired_differences, summarize
from tasks.store import EPISODES, RunStore

BOARD_COLUMNS = ("agent", "tasks", "episodes", "normalized", "normalized_se", "scaffold_normalized",
                 "scaffold_normalized_se", "model_decisions", "success_rate", "errors", "tokens", "cost_usd")
TASK_COLUMNS = ("task", "partners", "agent", "episodes", "score", "score_se", "normalized", "normalized_se",
                "scaffold_normalized", "scaffold_normalized_se", "scaffold_baseline", "model_decisions",
                "success_rate", "errors", "tokens_in", "tokens_out", "cost_usd")
HEADERS = {"model_decisions": "model decisions", "scaffold_normalized": "scaffold normalized",
           "scaffold_normalized_se": "scaffold se", "scaffold_baseline": "scaffold baseline (raw)"}


def load_records(dirs: list[str]) -> list[EpisodeRecord]:
    """Every finished episode of the runs in `dirs` (each a directory holding episodes.jsonl)."""
    return load_runs(dirs)[0]


def load_runs(dirs: list[str]) -> tuple[list[EpisodeRecord], int]:
    """The runs' episodes, each counted once (from the first run that has it), and how many repeats were
    dropped: two copies of one run, or runs of the same suite, agent and seeds, are not twice the evidence."""
    records: dict[str, EpisodeRecord] = {}
    repeated = 0
    for directory in dirs:
        if not (Path(directory) / EPISODES).exists():
            raise ValueError(f"{directory} holds no {EPISODES}: is it a run directory (gamehall run --out DIR)?")
        for episode_id, record in RunStore(directory).records.items():
            repeated += episode_id in records
            records.setdefault(episode_id, record)
    return list(records.values()), repeated


def build_summary(records: list[EpisodeRecord]) -> dict[str, Any]:
    from tasks.persona_table import persona_rows

    rows = summarize(records)
    return {"leaderboard": agent_totals(rows), "tasks": rows, "ratings": team_ratings(records),
            "paired": paired_differences(records), "personas": persona_rows(records)}


def write_reports(out_dir: str | Path, records: list[EpisodeRecord]) -> list[Path]:
    """Write summary.json, leaderboard.md, leaderboard.csv and plots/*.png into `out_dir`."""
    store_dir = Path(out_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    summary = build_summary(records)
    paths = [RunStore(store_dir).write_json("summary.json", summary)]
    (store_dir / "leaderboard.md").write_text(markdown(summary))
    (store_dir / "leaderboard.csv").write_text(to_csv(summary["tasks"], TASK_COLUMNS))
    paths += [store_dir / "leaderboard.md", store_dir / "leaderboard.csv"]
    paths += plot_scores(summary["tasks"], store_dir / "plots")
    return paths


def markdown(summary: dict[str, Any]) -> str:
    lines = ["# Leaderboard", "", "Normalised score: 0 = random play, 100 = the scripted expert (mean +- SE).",
             "Scaffold normalised: 0 = the same agent with its model replaced by a seeded uniform-random chooser "
             "over the options it is offered (its raw score: scaffold baseline), 100 = the expert: what the model "
             "added. Model decisions: moves a model chose (share of all moves). Rows with other partners (the "
             "other seats' controllers) are never merged.", ""]
    lines += _table(summary["leaderboard"], BOARD_COLUMNS)
    if summary.get("ratings"):
        lines += ["", "## Team-game ratings (OpenSkill, ordinal = mu - 3 sigma)", ""]
        lines += _table(summary["ratings"], ("agent", "games", "mu", "sigma", "ordinal"))
    lines += ["", "## Per task", ""]
    lines += _table(summary["tasks"], TASK_COLUMNS)
    if summary.get("paired"):
        lines += ["", "## Paired differences (normalised, same seeds; 95% bootstrap interval)", ""]
        lines += _table(summary["paired"], ("task", "partners", "agent", "versus", "seeds", "difference",
                                            "ci95_low", "ci95_high"))
    if summary.get("personas"):
        from tasks.persona_table import COLUMNS

        lines += ["", "## Personas (judge-free measures, attribution, PersonaScore; cost = persona minus none)", ""]
        lines += _table(summary["personas"], COLUMNS)
    return "\n".join(lines) + "\n"


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[str]:
    out = ["| " + " | ".join(HEADERS.get(c, c) for c in columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        out.append("| " + " | ".join(_show(row, c) for c in columns) + " |")
    return out


def _show(row: dict[str, Any], column: str) -> str:
    if column == "model_decisions" and row.get("model_decisions_share") is not None:
        return f"{row['model_decisions']} ({100 * row['model_decisions_share']:.0f}%)"
    return _cell(row.get(column))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def team_ratings(records: list[EpisodeRecord]) -> list[dict[str, Any]]:
    """OpenSkill ratings from the games of team worlds (their Scoring says `teams`): each game pits the agents'
    team against the other side (the built-in bots count as one player, `bots`); in mixed tables every agent
    seat plays for its team."""
    from envs.registry import find

    games: dict[tuple, list[EpisodeRecord]] = defaultdict(list)
    for record in records:
        spec = find(record.world)
        if spec is not None and spec.scoring.teams and record.done:
            games[(record.task, record.seed, record.repeat, record.metrics.get("arena", record.episode_id))].append(
                record)
    if not games:
        return []
    from openskill.models import PlackettLuce

    model = PlackettLuce()
    ratings: dict[str, Any] = {}
    played: dict[str, int] = defaultdict(int)
    for group in games.values():
        winners = sorted({r.agent_label for r in group if r.success})
        losers = sorted({r.agent_label for r in group if not r.success})
        teams = [winners or ["bots"], losers or ["bots"]]
        if teams[0] == teams[1]:
            continue
        rated = model.rate([[ratings.setdefault(n, model.rating(name=n)) for n in team] for team in teams])
        for team in rated:
            for player in team:
                ratings[player.name] = player
                played[player.name] += 1
    rows = [{"agent": n, "games": played[n], "mu": round(r.mu, 3), "sigma": round(r.sigma, 3),
             "ordinal": round(r.ordinal(), 3)} for n, r in ratings.items()]
    return sorted(rows, key=lambda row: -row["ordinal"])


def _or_nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def plot_scores(rows: list[dict[str, Any]], plot_dir: Path) -> list[Path]:
    """One PNG per world: per task and agent, the normalised score (solid) beside the scaffold-normalised
    score (hatched, labelled with the scaffold baseline's raw score), SE whiskers."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plot_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for world in sorted({r["world"] for r in rows}):
        world_rows = [r for r in rows if r["world"] == world]
        tasks = sorted({_plot_task(r, world_rows) for r in world_rows})
        agents = sorted({r["agent"] for r in world_rows})
        figure, axes = plt.subplots(figsize=(max(6.0, 1.6 * len(tasks) * max(1, len(agents)) ** 0.5 + 3), 4.4))
        width = 0.8 / max(1, 2 * len(agents))
        for i, agent in enumerate(agents):
            found = {_plot_task(r, world_rows): r for r in world_rows if r["agent"] == agent}
            rows_of = [found.get(t) or {} for t in tasks]
            # No normalised score (unfinished games, arenas): no bar, rather than a bar at 0.
            for j, (key, hatch) in enumerate((("normalized", None), ("scaffold_normalized", "//"))):
                xs = [x + (2 * i + j) * width for x in range(len(tasks))]
                values = [_or_nan(r.get(key)) for r in rows_of]
                errors = [r.get(f"{key}_se") or 0.0 for r in rows_of]
                bars = axes.bar(xs, values, width, yerr=errors, capsize=2, hatch=hatch, alpha=0.55 if j else 1.0,
                                color=f"C{i}", label=f"{agent} ({'scaffold' if j else 'normalised'})")
                if j:
                    for bar, row in zip(bars, rows_of, strict=True):
                        if row.get("scaffold_baseline") is not None and row.get(key) is not None:
                            axes.annotate(f"base {row['scaffold_baseline']:.3g}", (bar.get_x(), 0), fontsize=6,
                                          rotation=90, va="bottom")
        axes.axhline(100, color="grey", linewidth=0.8, linestyle="--")
        axes.axhline(0, color="black", linewidth=0.6)
        axes.set_xticks([x + width * (2 * len(agents) - 1) / 2 for x in range(len(tasks))], tasks, rotation=30,
                        ha="right", fontsize=8)
        axes.set_ylabel("0 random / scaffold, 100 expert")
        axes.set_title(f"{world}: normalised (solid) and scaffold-normalised (hatched) score")
        axes.legend(fontsize=6)
        figure.tight_layout()
        path = plot_dir / f"{world}.png"
        figure.savefig(path, dpi=110)
        plt.close(figure)
        paths.append(path)
    return paths


def _plot_task(row: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    """The task's name, with its partners where the same task was played with others."""
    others = {r.get("partners", "") for r in rows if r["task"] == row["task"]}
    return row["task"] if len(others) <= 1 else f"{row['task']} [{row.get('partners', '')}]"
