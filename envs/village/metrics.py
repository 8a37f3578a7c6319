"""A finished game's result: per-seat scores (the seat's own play, envs/village/credit.py), who won, and the
Village metrics."""

from __future__ import annotations

from typing import Any

from envs.core import Result
from envs.village.credit import seat_credit, seat_score
from envs.village.roles import VILLAGE
from envs.village.state import VillageState


def result(state: VillageState) -> Result | None:
    if not state.done:
        return None
    scores = {p: seat_score(state, p) for p in state.players}
    return Result(score=float(state.winner == VILLAGE), success=state.winner == VILLAGE,
                  seat_scores=scores, metrics=metrics(state))


def won(state: VillageState, seat: str) -> bool:
    return state.done and state.team(seat) == state.winner


def metrics(state: VillageState) -> dict[str, Any]:
    """The per-game figures the benchmark reports (invalid actions are counted by the session)."""
    return {
        "winner": state.winner,
        "days": state.day,
        "roles": dict(state.roles),
        "survived": {p: p in state.alive for p in state.players},
        "vote_accuracy": vote_accuracy(state),
        "seer_hit_rate": seer_hit_rate(state),
        "wolf_survival_days": wolf_survival_days(state),
        "team_won": {p: won(state, p) for p in state.players},
        "seat_credit": {p: seat_credit(state, p) for p in state.players},
    }


def vote_accuracy(state: VillageState) -> float | None:
    """Share of the village team's votes cast on werewolves (None if the village never voted)."""
    votes = [target for _, voter, target in state.vote_record if state.team(voter) == VILLAGE]
    if not votes:
        return None
    return round(sum(state.roles[t] == "werewolf" for t in votes) / len(votes), 4)


def seer_hit_rate(state: VillageState) -> float | None:
    """Share of the seer's inspections that found a werewolf (None without a seer or an inspection)."""
    if not state.inspections:
        return None
    return round(sum(state.roles[t] == "werewolf" for _, _, t in state.inspections) / len(state.inspections), 4)


def wolf_survival_days(state: VillageState) -> float:
    """Mean days the werewolves lived: the day each died, or the last day for survivors."""
    days = [state.deaths.get(w, state.day) for w in sorted(state.wolves)]
    return round(sum(days) / len(days), 4)
