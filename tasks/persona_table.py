"""The report's persona table: per agent and persona, the judge-free measures, attribution, PersonaScore,
and the persona's cost (win rate and vote accuracy against the same agent without a persona, same seeds)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from tasks.records import EpisodeRecord

COLUMNS = ("agent", "persona", "seats", "win_rate", "brier", "uniform_brier", "role_accuracy",
           "claim_contradictions", "ooc_rate", "attr_top1", "attr_mean_rank", "attr_chance", "llm_top1",
           "attr_agreement", "persona_score", "judge_alpha", "score_missing", "cost_win_rate", "cost_vote_accuracy")


def _mean(values: list[Any]) -> float | None:
    present = [float(v) for v in values if v is not None]
    return round(sum(present) / len(present), 4) if present else None


def persona_rows(records: Sequence[EpisodeRecord]) -> list[dict[str, Any]]:
    """One row per (agent, persona), persona-less seats included as persona "-" (the baseline)."""
    from tasks.persona_eval import agreement_alpha

    if not any(r.persona for r in records):
        return []
    groups: dict[tuple[str, str], list[EpisodeRecord]] = defaultdict(list)
    for record in records:
        if "claim_contradictions" in record.metrics or record.persona:
            groups[(record.agent_label, record.persona or "-")].append(record)
    rows = []
    for (agent, persona), group in sorted(groups.items()):
        attributions = [r.attribution or {} for r in group]
        offline = [a.get("offline") or {} for a in attributions]
        llm = [x for a in attributions for x in (a.get("llm") or {}).values()]
        agree = [x for a in attributions for x in (a.get("agreement") or {}).values()]
        scores = [r.persona_score or {} for r in group]
        proxy = any(s.get("proxy") for s in scores)
        score = _mean([s.get("score") for s in scores])
        rows.append({
            "agent": agent, "persona": persona, "seats": len(group),
            "win_rate": _mean([r.success for r in group]),
            **{k: _mean([r.metrics.get(k) for r in group]) for k in ("brier", "uniform_brier", "role_accuracy",
                                                                      "claim_contradictions", "ooc_rate")},
            "attr_top1": _mean([o.get("top1") for o in offline]),
            "attr_mean_rank": _mean([o.get("rank") for o in offline]),
            "attr_chance": _mean([o.get("chance") for o in offline]),
            "llm_top1": _mean([x.get("top1") for x in llm]),
            "attr_agreement": _mean(agree),
            "persona_score": f"{score:.2f} (proxy)" if proxy and score is not None else score,
            "judge_alpha": agreement_alpha(group),
            "score_missing": sum(s.get("missing", 0) for s in scores) if any(scores) else None,
            **_cost(group, records),
        })
    return rows


def _game(record: EpisodeRecord) -> tuple:
    """What makes two records the same game for a seat: world, options, seed, repeat and seat (not the task's
    name, so a suite can pair a persona task with a plain one)."""
    return record.world, json.dumps(record.options, sort_keys=True), record.seed, record.repeat, record.seat


def _cost(group: list[EpisodeRecord], records: Sequence[EpisodeRecord]) -> dict[str, float | None]:
    """Persona minus no persona, over the games both played (same agent, world options, seed and seat)."""
    if group[0].persona is None:
        return {"cost_win_rate": None, "cost_vote_accuracy": None}
    plain = {_game(r): r for r in records if r.persona is None and r.agent_label == group[0].agent_label}
    pairs = [(r, plain[_game(r)]) for r in group if _game(r) in plain]
    if not pairs:
        return {"cost_win_rate": None, "cost_vote_accuracy": None}
    win = _mean([float(bool(a.success)) - float(bool(b.success)) for a, b in pairs])
    votes = [(a.metrics.get("seat_vote_accuracy"), b.metrics.get("seat_vote_accuracy")) for a, b in pairs]
    vote = _mean([a - b for a, b in votes if a is not None and b is not None])
    return {"cost_win_rate": win, "cost_vote_accuracy": vote}
