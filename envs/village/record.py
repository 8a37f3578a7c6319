"""Writing the record: notes into state, notes out as routed events, deaths and the win check."""

from __future__ import annotations

from envs.core import Event, EventKind, Outcome
from envs.village.roles import VILLAGE, WOLVES
from envs.village.state import PRIVATE, SYSTEM, WOLF_CHANNEL, Note, Phase, VillageState, evolve


def add_note(state: VillageState, channel: str, kind: str, text: str, *, speaker: str | None = None,
             to: frozenset[str] | None = None, **facts: object) -> VillageState:
    note = Note(state.day, str(state.phase), channel, kind, text, speaker, to, facts)
    return evolve(state, notes=(*state.notes, note))


def announce(state: VillageState, kind: str, text: str, **facts: object) -> VillageState:
    """A public narrator line (the system channel)."""
    return add_note(state, SYSTEM, kind, text, **facts)


def tell(state: VillageState, seat: str, kind: str, text: str, **facts: object) -> VillageState:
    """A private line for one seat only."""
    return add_note(state, PRIVATE, kind, text, to=frozenset({seat}), **facts)


def tell_wolves(state: VillageState, kind: str, text: str, *, speaker: str | None = None,
                **facts: object) -> VillageState:
    return add_note(state, WOLF_CHANNEL, kind, text, speaker=speaker, to=state.wolves, **facts)


def note_event(note: Note) -> Event:
    kind = EventKind.CHAT if note.kind == "chat" else note.kind
    data = {"text": note.text, "channel": note.channel, "day": note.day, "phase": note.phase, **note.facts}
    return Event(kind, seat=note.speaker, data=data, to=note.to)


def outcome(state: VillageState, *events: Event) -> Outcome:
    """The next state with its turn counted, and the events: given ones first, then every new note."""
    fresh = tuple(note_event(n) for n in state.notes[state.emitted:])
    state = evolve(state, emitted=len(state.notes), turn=state.turn + 1)
    return Outcome(state, (*events, *fresh))


def action_event(seat: str, command: str, to: frozenset[str] | None) -> Event:
    return Event(EventKind.ACTION, seat=seat, data={"command": command}, to=to)


def death(state: VillageState, seat: str, how: str) -> VillageState:
    """Remove `seat` from the living; announce its role too when the table reveals on death."""
    alive = tuple(p for p in state.alive if p != seat)
    state = evolve(state, alive=alive, deaths={**state.deaths, seat: state.day})
    if state.scenario.reveal_on_death:
        role = state.roles[seat]
        state = announce(state, "reveal", f"{seat} was a {role}.", player=seat, role=role)
    return state


def check_win(state: VillageState) -> VillageState:
    """No wolves left: the village wins; wolves as many as the rest: the wolves win."""
    if not state.living_wolves:
        return finish(state, VILLAGE, "every werewolf is gone")
    if state.wolves_ahead():
        return finish(state, WOLVES, "the werewolves are as many as the rest")
    return state


def finish(state: VillageState, winner: str, why: str) -> VillageState:
    state = evolve(state, winner=winner, phase=Phase.END, speakers=(), acted=frozenset())
    cast = ", ".join(f"{p} {state.roles[p]}" for p in state.players)
    text = f"Game over: the {winner} win{'s' if winner == VILLAGE else ''} ({why}). Roles: {cast}."
    return announce(state, "game_over", text, winner=winner, roles=dict(state.roles))

