"""Judge-free persona measures of one Village seat, read from its episode's event log and the dealt roles.

- `brier`: mean squared error of the seat's wolf probabilities (its `belief` events) against the truth;
  `brier_by_day` the same per day. Lower is better; a uniform prior scores `uniform_brier`.
- `role_accuracy` (and `role_accuracy_by_day`): share of belief reports whose most-suspected player is a
  werewolf (over the reports that judge at least one werewolf). `belief_trace` is every report.
- `claim_contradictions`: times the seat went back on its own claims (envs/village/claims.py); `claims`
  is the seat's structured claim log.
- `ooc_rate`: share of its utterances that break character (envs/village/ooc.py); `reflection` its
  end-of-game reflection and `reflection_ooc` whether that broke character.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from envs.village.claims import claim_log, contradictions
from envs.village.ooc import ooc_rate, out_of_character

WOLF = "werewolf"


def utterances(events: list[Mapping[str, Any]], seat: str | None = None, public_only: bool = True) -> list[
        tuple[int, str, str]]:
    """(day, speaker, text) of chat, in order; only `seat`'s if given."""
    said = []
    for event in events:
        data = event.get("data") or {}
        if event.get("kind") != "chat" or (public_only and data.get("channel") != "public"):
            continue
        if seat is None or event.get("seat") == seat:
            said.append((int(data.get("day", 0)), str(event.get("seat")), str(data.get("text", ""))))
    return said


def beliefs(events: list[Mapping[str, Any]], seat: str) -> list[tuple[int, dict[str, float]]]:
    """(day, {player: p}) of the seat's belief reports; the day is read from the round ("day 2")."""
    found = []
    for event in events:
        data = event.get("data") or {}
        if event.get("kind") == "belief" and event.get("seat") == seat and data.get("beliefs"):
            day = re.search(r"\d+", str(data.get("round", "")))
            found.append((int(day.group()) if day else 0, dict(data["beliefs"])))
    return found


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def brier_scores(reports: list[tuple[int, dict[str, float]]], roles: Mapping[str, str], seat: str) -> dict[
        str, Any]:
    """Brier over every judged probability and role accuracy, overall and per day."""
    errors: dict[int, list[float]] = defaultdict(list)
    hits: dict[int, list[float]] = defaultdict(list)
    for day, report in reports:
        judged = {p: float(v) for p, v in report.items() if p in roles and p != seat}
        errors[day] += [(v - (roles[p] == WOLF)) ** 2 for p, v in judged.items()]
        if any(roles[p] == WOLF for p in judged):  # nothing to find when no judged player is a wolf
            top = max(judged.values())
            hits[day].append(float(any(roles[p] == WOLF for p, v in judged.items() if v == top)))
    return {
        "brier": _mean([e for day in errors.values() for e in day]),
        "brier_by_day": {str(day): _mean(v) for day, v in sorted(errors.items()) if v},
        "role_accuracy": _mean([h for day in hits.values() for h in day]),
        "role_accuracy_by_day": {str(day): _mean(v) for day, v in sorted(hits.items())},
    }


def uniform_brier(roles: Mapping[str, str], seat: str) -> float:
    """The Brier score of the prior that every other player is a wolf with the table's base rate."""
    others = [p for p in roles if p != seat]
    rate = sum(roles[p] == WOLF for p in others) / len(others)
    return round(sum((rate - (roles[p] == WOLF)) ** 2 for p in others) / len(others), 4)


def seat_measures(events: list[Mapping[str, Any]], seat: str, roles: Mapping[str, str]) -> dict[str, Any]:
    """Every judge-free measure of `seat` (None where the seat gave nothing to measure)."""
    players = list(roles)
    public = utterances(events, public_only=True)
    claims = claim_log(public, players)
    own = [text for _, _, text in utterances(events, seat, public_only=False)]
    reports = beliefs(events, seat)
    reflection = next((str(e["data"].get("text", "")) for e in events
                       if e.get("kind") == "reflection" and e.get("seat") == seat), None)
    return {
        **brier_scores(reports, roles, seat),
        "uniform_brier": uniform_brier(roles, seat),
        "belief_trace": [{"day": day, "beliefs": report} for day, report in reports],
        "claim_contradictions": contradictions(claims, seat),
        "claims": [c.as_dict() for c in claims if c.speaker == seat],
        "ooc_rate": ooc_rate(own),
        "utterances": len(own),
        "reflection": reflection,
        "reflection_ooc": out_of_character(reflection) if reflection else None,
    }
