"""Persona measurement of a run: judge-free measures at record time, attribution and rubric judging after.

A world measures personas if its WorldSpec names a `judging` module (envs/core/spec.py) offering
`measures(events, seat, metrics)`, `speech(events, seat)`, `transcript(events, seat, metrics)`,
`rubric(task)`, `RUBRIC_TASKS` and `GAME`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from tasks.attribution import DEFAULT_CARDS, Attribution, attribute, candidates
from tasks.judge import PROXY, ModelJudge, krippendorff_alpha, proxy_scores
from tasks.personas import PersonaError, card
from tasks.records import EpisodeRecord
from tasks.replay_log import read_event_log

MEASURES = ("brier", "role_accuracy", "claim_contradictions", "ooc_rate")


def world_plugin(world: str) -> ModuleType | None:
    """The world's persona-measurement module, or None (a world without one, or no longer installed)."""
    from envs.registry import WORLDS

    spec = WORLDS.get(world)
    return importlib.import_module(spec.judging) if spec is not None and spec.judging else None


def events_path(run_dir: Path, record: EpisodeRecord) -> Path:
    """A mixed table's seats share one event log, named after the table's first seat."""
    return run_dir / "events" / f"{record.metrics.get('arena') or record.episode_id}.jsonl"


def add_measures(record: EpisodeRecord, events: list[dict[str, Any]]) -> None:
    """Put the world's judge-free measures of the record's seat into its metrics (every seat, persona or not:
    the persona's cost compares the two)."""
    plugin = world_plugin(record.world)
    if plugin is not None and record.seat:
        record.metrics.update(plugin.measures(events, record.seat, record.metrics))


def judge_records(records: Sequence[EpisodeRecord], run_dir: Path, models: Sequence[str], n_cards: int = DEFAULT_CARDS,
                  judges: Sequence[ModelJudge] | None = None) -> list[EpisodeRecord]:
    """Add `attribution` (offline, and by each judge model) and `persona_score` (the judge models, or the
    proxy judge without any) to every record of a persona seat; returns the records judged. Every record's
    judge-free measures are recomputed from its log."""
    judges = list(judges) if judges is not None else [ModelJudge(m) for m in models]
    judged = []
    for record in records:
        plugin = world_plugin(record.world)
        if plugin is None or not record.seat:
            continue
        events = read_event_log(events_path(run_dir, record)).records
        add_measures(record, events)  # afresh from the log: a run recorded by older code gets today's measures
        if record.persona is None:
            continue
        try:
            true = card(record.persona)
        except PersonaError:
            continue  # a card removed since the run: nothing to compare against
        speech = plugin.speech(events, record.seat)
        cands = candidates(true.name, n_cards, record.episode_id)
        offline = attribute(speech, true.name, cands) if speech else Attribution(None, len(cands))
        record.attribution = {"offline": offline.as_dict(), "candidates": [c.name for c in cands],
                              "llm": {}, "agreement": {}}
        transcript = plugin.transcript(events, record.seat, record.metrics)
        scores: dict[str, dict[str, int | None]] = {}
        for judge in judges:
            order = judge.rank(plugin.GAME, speech, cands) if speech else None
            llm = Attribution(order.index(true.name) + 1 if order else None, len(cands), tuple(order or ()))
            record.attribution["llm"][judge.model] = llm.as_dict()
            record.attribution["agreement"][judge.model] = (order[0] == offline.ranking[0]) if order and speech \
                else None
            scores[judge.model] = {task: judge.score(plugin.GAME, true, plugin.rubric(task), transcript)
                                   for task in plugin.RUBRIC_TASKS}
        if not judges:
            scores[PROXY] = proxy_scores(true, speech, record.metrics)
        record.persona_score = _persona_score(scores, proxy=not judges)
        judged.append(record)
    return judged


def _persona_score(scores: dict[str, dict[str, int | None]], proxy: bool) -> dict[str, Any]:
    values = [v for per_task in scores.values() for v in per_task.values() if v is not None]
    missing = sum(v is None for per_task in scores.values() for v in per_task.values())
    by_task = {task: _mean([s[task] for s in scores.values()]) for task in next(iter(scores.values()), {})}
    return {"score": _mean(values), "by_task": by_task, "judges": scores, "missing": missing, "proxy": proxy}


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 4) if present else None


def agreement_alpha(records: Sequence[EpisodeRecord]) -> float | None:
    """Krippendorff's alpha between the judge models over every (seat, task) they both scored."""
    units = []
    for record in records:
        judges = (record.persona_score or {}).get("judges") or {}
        if len(judges) < 2:
            continue
        names = sorted(judges)
        for task in judges[names[0]]:
            units.append([judges[j].get(task) for j in names])
    return krippendorff_alpha(units)
