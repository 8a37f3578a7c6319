"""The seats' commands: who may do what now, and what each accepted command changes."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from envs.core import Outcome, invalid_action
from envs.core.text import normalize_command, printable, split_command
from envs.village.record import action_event, add_note, outcome, tell, tell_wolves
from envs.village.state import PUBLIC, Phase, VillageState, evolve

NIGHT_TALK = 3
"""Messages each wolf may send in the pack's channel per night before choosing."""

SAY = "say <text>"
Handler = Callable[[VillageState, str, str], Outcome | str]


def awaiting(state: VillageState) -> frozenset[str]:
    """Night: living night roles that have not acted; day: the speaker; vote: living seats yet to vote."""
    if state.phase == Phase.NIGHT:
        return frozenset(p for p in state.alive if state.role(p).night_verb and p not in state.acted)
    if state.phase == Phase.DAY:
        return frozenset(state.speakers[:1])
    if state.phase == Phase.VOTE:
        return frozenset(p for p in state.alive if p not in state.votes)
    return frozenset()


def legal_actions(state: VillageState, seat: str) -> list[str]:
    if seat not in awaiting(state):
        return []
    if state.phase == Phase.VOTE:
        return [f"vote {p}" for p in state.alive if p != seat] + ["pass"]
    if state.phase == Phase.DAY:
        return [SAY, "pass"]
    role = state.role(seat)
    moves = [f"{role.night_verb} {p}" for p in role.night_targets(seat, state.alive, state.wolves)]
    if role.name == "werewolf" and state.wolf_talk.get(seat, 0) < NIGHT_TALK:
        moves.append(SAY)
    return [*moves, "pass"]


def apply(state: VillageState, seat: str, action: object) -> Outcome:
    command = normalize_command(action)
    verb, rest = split_command(command)
    reason = _who_cannot_act(state, seat)
    handler = HANDLERS.get(verb)
    if reason is None and handler is None:
        reason = f"unknown command {verb!r}; commands: say <text>, vote, kill, protect, inspect <player>, pass"
    result = reason if reason is not None else handler(state, seat, rest)
    if isinstance(result, str):
        return Outcome(state, (invalid_action(seat, command, result, legal_actions(state, seat)),))
    return result


def _who_cannot_act(state: VillageState, seat: str) -> str | None:
    if state.done:
        return "the game is over"
    if not state.is_alive(seat):
        return f"{seat} is dead: the dead cannot act"
    return None


def resolve(state: VillageState, name: str) -> tuple[str | None, str]:
    """A living player's name from what was typed (any case), or why it names nobody alive."""
    wanted = name.strip().lower()
    found = next((p for p in state.players if p.lower() == wanted), None)
    if found is None:
        near = difflib.get_close_matches(name.strip(), state.players, n=1)
        hint = f" Did you mean {near[0]}?" if near else ""
        return None, f"there is no player named {name.strip()!r}; players: {', '.join(state.players)}.{hint}"
    if not state.is_alive(found):
        return None, f"{found} is dead; living players: {', '.join(state.alive)}"
    return found, ""


def _say(state: VillageState, seat: str, text: str) -> Outcome | str:
    if not text.strip():
        return "say needs text: say <text>"
    if state.phase == Phase.NIGHT:
        return _night_say(state, seat, text)
    if state.phase != Phase.DAY:
        return f"no talking now: it is the {state.phase} phase; " + _now(state)
    if state.speakers[:1] != (seat,):
        return f"it is {state.speakers[0]}'s turn to speak, not yours" if state.speakers else _now(state)
    spoken, facts = _bounded(state, text)
    state = add_note(state, PUBLIC, "chat", spoken, speaker=seat, **facts)
    state = evolve(state, speakers=state.speakers[1:])
    return outcome(state, action_event(seat, f"say {spoken}", None))


def _night_say(state: VillageState, seat: str, text: str) -> Outcome | str:
    if state.roles[seat] != "werewolf":
        return "only the werewolves talk at night, in their own channel; wait for day to speak"
    if seat in state.acted:
        return "you have already chosen tonight; the pack's talk is closed for you until day"
    if state.wolf_talk.get(seat, 0) >= NIGHT_TALK:
        return f"you have sent {NIGHT_TALK} messages tonight; choose: kill <player> or pass"
    spoken, facts = _bounded(state, text)
    state = tell_wolves(state, "chat", spoken, speaker=seat, **facts)
    state = evolve(state, wolf_talk={**state.wolf_talk, seat: state.wolf_talk.get(seat, 0) + 1})
    return outcome(state, action_event(seat, f"say {spoken}", state.wolves))


def _bounded(state: VillageState, text: str) -> tuple[str, dict[str, object]]:
    """Speech cut to the table's bound, marked so that every reader knows it was cut."""
    text, limit = printable(text), state.scenario.max_message
    if len(text) <= limit:
        return text, {}
    marker = f" [cut: {len(text)} characters, the limit is {limit}]"
    return text[:limit] + marker, {"cut": True, "original_length": len(text)}


def _vote(state: VillageState, seat: str, name: str) -> Outcome | str:
    if state.phase != Phase.VOTE:
        return f"votes are cast in the vote phase; now: {_now(state)}"
    if seat in state.votes:
        return f"you already voted ({state.votes[seat] or 'abstain'}); wait for the others"
    target, why = resolve(state, name)
    if target is None:
        return f"vote refused: {why}"
    if target == seat:
        return "you cannot vote for yourself; vote for another living player or pass"
    state = evolve(state, votes={**state.votes, seat: target})
    return outcome(state, action_event(seat, f"vote {target}", frozenset({seat})))


def _night_action(verb: str) -> Handler:
    def act(state: VillageState, seat: str, name: str) -> Outcome | str:
        role = state.role(seat)
        if role.night_verb != verb:
            return f"a {role.name} cannot {verb}: {_power(verb)}"
        if state.phase != Phase.NIGHT:
            return f"{verb} is a night action; now: {_now(state)}"
        if seat in state.acted:
            return "you have already acted tonight"
        target, why = resolve(state, name)
        if target is None:
            return f"{verb} refused: {why}"
        if target not in role.night_targets(seat, state.alive, state.wolves):
            return f"you cannot {verb} {target}: {_bad_target(verb)}"
        return NIGHT_EFFECTS[verb](evolve(state, acted=state.acted | {seat}), seat, target)

    return act


def _power(verb: str) -> str:
    holder = {"kill": "only werewolves kill", "inspect": "only the seer inspects",
              "protect": "only the doctor protects"}[verb]
    return f"{holder}, at night"


def _bad_target(verb: str) -> str:
    return {"kill": "wolves do not kill their own pack", "inspect": "inspect another player",
            "protect": "protect a living player"}[verb]


def _kill(state: VillageState, seat: str, target: str) -> Outcome:
    state = evolve(state, proposals={**state.proposals, seat: target})
    state = tell_wolves(state, "proposal", f"{seat} wants to kill {target}.", speaker=seat, target=target)
    return outcome(state, action_event(seat, f"kill {target}", state.wolves))


def _inspect(state: VillageState, seat: str, target: str) -> Outcome:
    wolf = state.roles[target] == "werewolf"
    text = f"Night {state.day}: {target} is {'a werewolf' if wolf else 'not a werewolf'}."
    state = evolve(state, inspections=(*state.inspections, (state.day, seat, target)))
    state = tell(state, seat, "inspection", text, player=target, team=state.team(target))
    return outcome(state, action_event(seat, f"inspect {target}", frozenset({seat})))


def _protect(state: VillageState, seat: str, target: str) -> Outcome:
    state = tell(evolve(state, protected=target), seat, "protection", f"You guard {target} tonight.",
                 player=target)
    return outcome(state, action_event(seat, f"protect {target}", frozenset({seat})))


def _pass(state: VillageState, seat: str, rest: str) -> Outcome | str:
    if seat not in awaiting(state):
        return f"nothing to pass: {_now(state)}"
    if state.phase == Phase.NIGHT:
        state = evolve(state, acted=state.acted | {seat})
    elif state.phase == Phase.DAY:
        state = add_note(state, PUBLIC, "silence", f"{seat} passes.", speaker=seat)
        state = evolve(state, speakers=state.speakers[1:])
    else:
        state = evolve(state, votes={**state.votes, seat: None})
    to = None if state.phase == Phase.DAY else frozenset({seat})
    return outcome(state, action_event(seat, "pass", to))


def _now(state: VillageState) -> str:
    """What the table waits for, in a few words (used in refusals)."""
    if state.phase == Phase.NIGHT:
        return f"it is night {state.day}; the night roles act"
    if state.phase == Phase.DAY:
        return f"it is day {state.day} talk; {state.speakers[0] if state.speakers else 'nobody'} speaks"
    if state.phase == Phase.VOTE:
        return f"it is the day {state.day} vote"
    return f"the table is in the {state.phase} phase"


HANDLERS: dict[str, Handler] = {
    "say": _say,
    "vote": _vote,
    "kill": _night_action("kill"),
    "inspect": _night_action("inspect"),
    "protect": _night_action("protect"),
    "pass": _pass,
}
NIGHT_EFFECTS = {"kill": _kill, "inspect": _inspect, "protect": _protect}
