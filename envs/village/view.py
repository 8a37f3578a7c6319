"""What one seat sees: built only from the notes routed to it and the facts the rules made public."""

from __future__ import annotations

from collections import Counter
from typing import Any

from envs.core import Observation, Status
from envs.core.lazy import LazyMapping
from envs.village.actions import awaiting, legal_actions
from envs.village.roles import ROLES
from envs.village.state import PUBLIC, Note, Phase, VillageState

LOG_KEEP = 40
"""Record lines shown in full; older chat is summarised (facts from the narrator are always kept)."""
RECORD_CHARS = 8_000
"""Characters of recent record lines shown in full, so the whole observation stays inside its space."""
DATA_LOG_KEEP = 200
TALK = ("chat", "silence")
PLURAL = {"werewolf": "werewolves"}


def visible_notes(state: VillageState, seat: str | None) -> list[Note]:
    return [n for n in state.notes if n.visible_to(seat)]


def observe(state: VillageState, seat: str | None) -> Observation:
    if seat is None:
        return public_view(state)
    notes = visible_notes(state, seat)
    legal = tuple(legal_actions(state, seat))
    waiting = seat in awaiting(state)
    # The data twin is built when read (the MCP view reads it; a Gymnasium step and the bots do not).
    data = LazyMapping(lambda: _data(state, seat, notes, waiting))
    text = "\n".join([*_header(state, seat), "Record (oldest first):", *_record(notes),
                      f"Now: {expected(state, seat)}", _legal_line(legal)])
    status = Status(awaiting=waiting, done=state.done, phase=str(state.phase), tick=state.public_tick)
    return Observation(seat, text, data, legal, status)


def _header(state: VillageState, seat: str) -> list[str]:
    role = ROLES[state.roles[seat]]
    lines = [f"Village. You are {seat}; your role: {role.name} ({role.team} team). {role.brief}"]
    lines.append(f"Table: {_cast_summary(state)}.")
    pack = sorted(state.wolves - {seat}) if state.roles[seat] == "werewolf" else []
    if pack:
        lines.append(f"Your pack: {', '.join(pack)}.")
    lines.append(f"Alive: {', '.join(f'{p} (you)' if p == seat else p for p in state.alive)}.")
    if state.deaths:
        lines.append("Dead: " + ", ".join(_dead_label(state, p) for p in state.deaths) + ".")
    findings = [n.text for n in state.notes if n.kind == "inspection" and n.visible_to(seat)]
    if findings:
        lines.append("Your findings: " + " ".join(findings))
    lines.append(f"Day {state.day}, {_phase_label(state)}.{' You are dead.' if seat not in state.alive else ''}")
    return lines


def _cast_summary(state: VillageState) -> str:
    """The public composition of the table: how many of each role, never who."""
    counts = Counter(state.roles.values())
    parts = [f"{counts[r]} {PLURAL.get(r, r + 's') if counts[r] > 1 else r}" for r in ROLES if counts[r]]
    return f"{len(state.players)} players: " + ", ".join(parts)


def _dead_label(state: VillageState, seat: str) -> str:
    role = state.revealed().get(seat)
    return f"{seat} (was a {role})" if role else seat


def _phase_label(state: VillageState) -> str:
    if state.phase == Phase.DAY:
        return f"talk round {state.talk_round} of {state.scenario.talk_rounds}"
    return str(state.phase)


def _line(note: Note) -> str:
    where = f"d{note.day} {note.phase}"
    if note.kind == "chat":
        return f"[{where} {note.channel}] {note.speaker}: {note.text}"
    return f"[{where} {note.channel}] {note.text}"


def _record(notes: list[Note]) -> list[str]:
    """The latest lines in full (at most LOG_KEEP lines and RECORD_CHARS characters); older talk is
    summarised as counts per day, older narrator and private lines are kept, short as they are."""
    lines = [_line(n) for n in notes]
    keep, size = 0, 0
    while keep < min(len(lines), LOG_KEEP) and size + len(lines[-keep - 1]) <= RECORD_CHARS:
        keep, size = keep + 1, size + len(lines[-keep - 1]) + 1
    if keep == len(lines):
        return lines
    old = notes[: len(notes) - keep]
    kept = [_line(n) for n in old if n.kind not in TALK]
    talk = Counter(f"day {n.day}" for n in old if n.kind in TALK)
    summary = "; ".join(f"{day}: {count} messages" for day, count in talk.items())
    head = [f"[earlier talk summarised - {summary}]"] if talk else []
    return [*head, *kept, *lines[len(lines) - keep:]]


def _legal_line(legal: tuple[str, ...]) -> str:
    return "Legal: " + (" | ".join(legal) if legal else "(nothing: wait)")


def expected(state: VillageState, seat: str) -> str:
    """What the table expects from `seat` now, in one sentence."""
    if state.done:
        return f"nothing: the game is over, the {state.winner} won."
    if seat not in state.alive:
        return "nothing: you are dead and may only watch."
    if seat not in awaiting(state):
        return "wait: others are acting."
    if state.phase == Phase.NIGHT:
        verb = state.role(seat).night_verb
        talk = " You may first talk to your pack: say <text>." if verb == "kill" else ""
        return f"choose whom to {verb} tonight: {verb} <player>, or pass.{talk}"
    if state.phase == Phase.DAY:
        return "your turn to speak to everyone: say <text> (one message), or pass."
    return "vote to exile a player: vote <player>, or pass to abstain."


def _data(state: VillageState, seat: str, notes: list[Note], waiting: bool) -> dict[str, Any]:
    known = state.known_roles(seat)
    return {
        "seat": seat,
        "role": state.roles[seat],
        "team": state.team(seat),
        "day": state.day,
        "phase": str(state.phase),
        "talk_round": state.talk_round if state.phase == Phase.DAY else 0,
        "speaker": state.speakers[0] if state.phase == Phase.DAY and state.speakers else None,
        "players": list(state.players),
        "alive": list(state.alive),
        "dead": list(state.deaths),
        "known_roles": known,
        "known_teams": state.known_teams(seat),
        "pack": sorted(state.wolves) if state.roles[seat] == "werewolf" else [],
        "awaiting": waiting,
        "expected": expected(state, seat),
        "winner": state.winner,
        "log": [_entry(n) for n in notes[-DATA_LOG_KEEP:]],
    }


def _entry(note: Note) -> dict[str, Any]:
    entry = {"day": note.day, "phase": note.phase, "channel": note.channel, "kind": note.kind,
             "speaker": note.speaker, "text": note.text}
    entry.update({k: v for k, v in note.facts.items() if k not in entry})
    return entry


def public_notes(state: VillageState) -> list[Note]:
    """The spectator's record: only what everyone may see."""
    return [n for n in state.notes if n.visible_to(None) and n.channel in (PUBLIC, "system")]


def public_view(state: VillageState) -> Observation:
    """A spectator's view: who is alive, the phase, who has voted (ballots stay secret until the count) and
    the public record; never a role the rules have not revealed."""
    public = public_notes(state)
    lines = [f"Village, day {state.day}, {state.phase}. Alive: {', '.join(state.alive)}."]
    lines += [f"[d{n.day} {n.phase}] {n.speaker + ': ' if n.speaker else ''}{n.text}" for n in public]
    if state.done:
        lines.append(f"The {state.winner} won.")
    vote = str(state.phase) == "vote"
    data = {
        "day": state.day, "phase": str(state.phase), "players": list(state.players), "alive": list(state.alive),
        "revealed": dict(state.revealed()),
        "speaker": state.speakers[0] if str(state.phase) == "day" and state.speakers else None,
        "voted": sorted(state.votes) if vote else [],
        "log": [{"day": n.day, "phase": n.phase, "speaker": n.speaker, "text": n.text} for n in public[-30:]],
        "winner": state.winner,
    }
    status = Status(awaiting=False, done=state.done, phase=str(state.phase), tick=state.public_tick)
    return Observation(None, "\n".join(lines[-60:]), data, (), status)
