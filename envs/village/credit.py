"""A seat's own play, scored in [0, 1]: what normalised Village scores are made of.

The team's win is a coin flip per game that the other seats mostly decide; a seat's `seat_score` is the
mean of the parts of its own play that apply to it (rules.md, "How a seat is scored"):
- votes: the share of its votes cast on a player of the other team (left out if it never voted);
- not exiled: 1 unless the table voted it out;
- werewolves: survival, the share of the game's days it lived;
- the seer: the share of its inspections that found a werewolf; the doctor: per protection, 1 if it saved
  the night's victim, 0.5 if it guarded a living player of the village, 0 if it guarded a werewolf
  (left out where it made no night move)."""

from __future__ import annotations

from envs.village.roles import WOLVES
from envs.village.state import VillageState


def seat_credit(state: VillageState, seat: str) -> dict[str, float]:
    """The parts of `seat`'s score that apply to it, each in [0, 1]."""
    parts: dict[str, float] = {}
    votes = [target for _, voter, target in state.vote_record if voter == seat]
    if votes:
        parts["votes"] = sum(state.team(t) != state.team(seat) for t in votes) / len(votes)
    parts["not_exiled"] = float(seat not in exiled(state))
    role = state.roles[seat]
    if state.team(seat) == WOLVES:
        parts["survival"] = min(1.0, state.deaths.get(seat, state.day) / max(1, state.day))
    if role == "seer":
        found = [state.roles[t] == "werewolf" for _, seer, t in state.inspections if seer == seat]
        if found:
            parts["night"] = sum(found) / len(found)
    if role == "doctor":
        worth = protection_worth(state, seat)
        if worth:
            parts["night"] = sum(worth) / len(worth)
    return {k: round(v, 4) for k, v in parts.items()}


def seat_score(state: VillageState, seat: str) -> float:
    parts = seat_credit(state, seat)
    return round(sum(parts.values()) / len(parts), 4)


def exiled(state: VillageState) -> set[str]:
    return {str(n.facts["exiled"]) for n in state.notes if n.kind == "tally" and n.facts.get("exiled")}


def protection_worth(state: VillageState, doctor: str) -> list[float]:
    """One value per night the doctor guarded someone: saved the victim, guarded a villager, or a wolf."""
    saved = {(n.day, n.facts.get("player")) for n in state.notes if n.kind == "saved" and n.to and doctor in n.to}
    worth = []
    for note in state.notes:
        if note.kind != "protection" or not note.to or doctor not in note.to:
            continue
        target = str(note.facts.get("player"))
        if (note.day, target) in saved:
            worth.append(1.0)
        else:
            worth.append(0.0 if state.roles.get(target) == "werewolf" else 0.5)
    return worth
