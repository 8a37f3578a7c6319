"""Village's persona-measurement plug-in, read by the runner and `gamehall judge` (tasks/judge.py):
the judge-free measures of a seat, its speech, its record as a judge reads it, and the five rubrics.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any

from envs.core import Session
from envs.village.claims import AGAINST, claim_log
from envs.village.measures import beliefs, seat_measures, utterances

RUBRIC_TASKS = ("expected_action", "action_justification", "linguistic_habits", "persona_consistency",
                "toxicity_control")
GAME = "werewolf (social deduction)"


def belief_round(session: Session) -> str | None:
    """The belief round open now: every day's vote (a seat reports once per round)."""
    state = session.state
    return f"day {state.day}" if str(state.phase) == "vote" and not state.done else None


def belief_targets(session: Session, seat: str) -> list[str]:
    """A seat reports on the other living players."""
    return [p for p in session.state.alive if p != seat]


def measures(events: list[Mapping[str, Any]], seat: str, metrics: Mapping[str, Any]) -> dict[str, Any]:
    """The judge-free measures of `seat` (empty if the game never dealt roles, e.g. it failed to start)."""
    roles = metrics.get("roles") or {}
    if seat not in roles:
        return {}
    found = seat_measures(events, seat, roles)
    votes, justified, named = [], 0, set()
    for event in events:
        data = event.get("data") or {}
        if event.get("seat") != seat:
            continue
        if event.get("kind") == "chat":
            named |= {c.value for c in claim_log([(0, seat, str(data.get("text", "")))], list(roles))
                      if c.kind in AGAINST}
        elif event.get("kind") == "action" and str(data.get("command", "")).startswith("vote "):
            target = str(data["command"]).split(" ", 1)[1]
            votes.append(target)
            justified += target in named
            named = set()
    found["seat_vote_accuracy"] = round(sum(roles.get(v) == "werewolf" for v in votes) / len(votes), 4) if votes \
        else None
    found["justified_votes"] = round(justified / len(votes), 4) if votes else None
    return found


def speech(events: list[Mapping[str, Any]], seat: str) -> str:
    """Everything `seat` said (public and pack talk), one message a line."""
    return "\n".join(text for _, _, text in utterances(events, seat, public_only=False))


def transcript(events: list[Mapping[str, Any]], seat: str, metrics: Mapping[str, Any]) -> str:
    """The seat's game as a judge reads it: its role, the public talk, its own moves, beliefs and reflection."""
    roles = metrics.get("roles") or {}
    lines = [f"Game: {GAME}. The judged player is {seat}, dealt the role {roles.get(seat, '?')}. "
             f"Winner: {metrics.get('winner', '?')}. Roles: {', '.join(f'{p} {r}' for p, r in roles.items())}."]
    for event in events:
        data, who = event.get("data") or {}, event.get("seat")
        if event.get("kind") == "chat" and (data.get("channel") == "public" or who == seat):
            mark = ">> " if who == seat else ""
            lines.append(f"{mark}[day {data.get('day')}] {who}: {data.get('text', '')}")
        elif event.get("kind") == "action" and who == seat and not str(data.get("command", "")).startswith("say "):
            lines.append(f">> [{seat}'s move] {data.get('command')}")
    lines += [f">> [{seat}'s beliefs, day {day}] {report}" for day, report in beliefs(events, seat)]
    reflection = next((e["data"].get("text") for e in events if e.get("kind") == "reflection"
                       and e.get("seat") == seat), None)
    if reflection:
        lines.append(f">> [{seat}'s reflection] {reflection}")
    return "\n".join(lines)


def rubric(task: str) -> str:
    return resources.files("envs.village").joinpath("rubrics", f"{task}.md").read_text(encoding="utf-8")
