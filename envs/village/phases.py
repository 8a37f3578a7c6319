"""The phase machine: what `advance` does when nobody is awaited, one function per phase."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np

from envs.village.record import announce, check_win, death, finish, tell, tell_wolves
from envs.village.roles import WOLVES
from envs.village.state import Phase, VillageState, evolve

Step = Callable[[VillageState, np.random.Generator], VillageState]


def plurality(choices: list[str], rng: np.random.Generator) -> tuple[str | None, list[str]]:
    """The most chosen name, a seeded draw among ties; also the tied names (empty if no choices)."""
    counts = Counter(choices)
    if not counts:
        return None, []
    top = max(counts.values())
    tied = sorted(name for name, n in counts.items() if n == top)
    return tied[int(rng.integers(len(tied)))], tied


def end_night(state: VillageState, rng: np.random.Generator) -> VillageState:
    """The pack's victim is the most proposed player (seeded tie-break); the doctor's guard may save them."""
    victim, _ = plurality(list(state.proposals.values()), rng)
    if victim is not None:
        state = tell_wolves(state, "pack_choice", f"The pack attacks {victim}.", victim=victim)
    saved = victim is not None and victim == state.protected
    doctor = next((p for p in state.alive if state.roles[p] == "doctor"), None)
    if saved and doctor is not None:
        state = tell(state, doctor, "saved", f"Your protection saved {victim} from the wolves.", player=victim)
    return evolve(state, phase=Phase.DAWN, victim=None if saved else victim, proposals={}, wolf_talk={},
                   acted=frozenset(), protected=None)


def dawn(state: VillageState, rng: np.random.Generator) -> VillageState:
    if state.victim is None:
        state = announce(state, "dawn", f"Dawn of day {state.day}: nobody died in the night.", victim=None)
    else:
        text = f"Dawn of day {state.day}: {state.victim} was killed in the night."
        state = death(announce(state, "dawn", text, victim=state.victim), state.victim, "killed")
    state = check_win(evolve(state, victim=None))
    return state if state.done else start_day(state, rng)


def start_day(state: VillageState, rng: np.random.Generator) -> VillageState:
    if state.scenario.talk_rounds == 0:
        return start_vote(state)
    return talk_round(evolve(state, phase=Phase.DAY, talk_round=1), rng)


def talk_round(state: VillageState, rng: np.random.Generator) -> VillageState:
    order = tuple(state.alive[i] for i in rng.permutation(len(state.alive)))
    text = (f"Day {state.day}, talk round {state.talk_round} of {state.scenario.talk_rounds}. "
            f"Speaking order: {', '.join(order)}.")
    return announce(evolve(state, speakers=order), "talk_round", text, order=list(order))


def end_talk(state: VillageState, rng: np.random.Generator) -> VillageState:
    if state.talk_round < state.scenario.talk_rounds:
        return talk_round(evolve(state, talk_round=state.talk_round + 1), rng)
    return start_vote(state)


def start_vote(state: VillageState) -> VillageState:
    state = evolve(state, phase=Phase.VOTE, votes={}, speakers=())
    return announce(state, "vote_open", f"Day {state.day}: the vote is open. Everyone alive votes once.")


def tally(state: VillageState, rng: np.random.Generator) -> VillageState:
    cast = {voter: target for voter, target in state.votes.items() if target is not None}
    exiled, tied = plurality(list(cast.values()), rng)
    if len(tied) > 1 and state.scenario.tie_rule == "none":
        exiled = None
    ballots = ", ".join(f"{v}->{state.votes[v] or 'abstain'}" for v in state.alive if v in state.votes)
    outcome = f"{exiled} is exiled" if exiled else "nobody is exiled"
    tie = f" (tie between {', '.join(tied)})" if len(tied) > 1 else ""
    record = tuple((state.day, v, t) for v, t in cast.items())
    state = evolve(state, phase=Phase.EXILE, exiled=exiled, vote_record=state.vote_record + record)
    text = f"Day {state.day} votes: {ballots}. {outcome}{tie}."
    return announce(state, "tally", text, votes=dict(state.votes), exiled=exiled, tied=tied)


def exile(state: VillageState, rng: np.random.Generator) -> VillageState:
    if state.exiled is not None:
        state = death(state, state.exiled, "exiled")
    state = check_win(evolve(state, exiled=None, votes={}))
    if state.done:
        return state
    if state.day >= state.scenario.max_days:
        return finish(state, WOLVES, f"the village ran out of days after day {state.day}")
    state = evolve(state, phase=Phase.NIGHT, day=state.day + 1, acted=frozenset())
    return announce(state, "night", f"Night {state.day} falls. Night roles act.")


def game_over(state: VillageState, rng: np.random.Generator) -> VillageState:
    return state


ADVANCE: dict[Phase, Step] = {
    Phase.NIGHT: end_night,
    Phase.DAWN: dawn,
    Phase.DAY: end_talk,
    Phase.VOTE: tally,
    Phase.EXILE: exile,
    Phase.END: game_over,
}
