"""Village's rules as a World: hidden roles, a night, a day of talk, a vote and an exile, until one team wins.

The MCP server reads `WORLD`, `make_scenario` and `SCENARIO_OPTIONS` from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any

import numpy as np

from envs.core import Observation, Outcome, PolicyFactory, Result
from envs.core.events import SeatId
from envs.village import actions, metrics, phases, view
from envs.village.record import announce, outcome, tell, tell_wolves
from envs.village.scenario import SCENARIO_OPTIONS, Scenario, make_scenario
from envs.village.state import VillageState

__all__ = ["SCENARIO_OPTIONS", "WORLD", "Scenario", "VillageWorld", "make_scenario", "seat_table"]


class VillageWorld:
    """Werewolf for 5-9 seats. Seats are player names (Ava, Ben, ...); roles are dealt from the seed."""

    name = "village"
    version = "1"  # 1: seat_score is the seat's own play (credit.py), no longer its team's win

    def new_state(self, scenario: Scenario | None, rng: np.random.Generator) -> VillageState:
        scenario = scenario if scenario is not None else Scenario()
        deck = scenario.deck
        return seat_table(scenario, [deck[i] for i in rng.permutation(len(deck))])

    def seats(self, state: VillageState) -> tuple[SeatId, ...]:
        return state.players

    def awaiting(self, state: VillageState) -> frozenset[SeatId]:
        return actions.awaiting(state)

    def legal_actions(self, state: VillageState, seat: SeatId) -> list[str]:
        return actions.legal_actions(state, seat)

    def apply(self, state: VillageState, seat: SeatId, action: str, rng: np.random.Generator) -> Outcome:
        return actions.apply(state, seat, action)

    def advance(self, state: VillageState, rng: np.random.Generator) -> Outcome:
        if state.done:
            return Outcome(state, ())
        return outcome(phases.ADVANCE[state.phase](state, rng))

    def observe(self, state: VillageState, seat: SeatId) -> Observation:
        return view.observe(state, seat)

    def score(self, state: VillageState, seat: SeatId) -> float:
        return float(metrics.won(state, seat))  # the game's own score: 1 once the seat's team has won

    def opening(self, state: VillageState) -> Outcome:
        """The lines written while the table was set (each seat's role, the pack, night falls) as events now,
        not with whichever move comes first: who moves first at night must not be what reveals them."""
        return outcome(state)

    def tick(self, state: VillageState) -> int:
        return state.public_tick

    def info(self, state: VillageState, seat: SeatId) -> dict[str, Any]:
        """Per-step extras for `seat`: its own role only, the phase and day; `won` once the game is over."""
        extra: dict[str, Any] = {"role": state.roles[seat], "phase": str(state.phase), "day": state.day,
                                 "alive": list(state.alive)}
        if state.done:
            extra["won"] = state.team(seat) == state.winner
        return extra

    def result(self, state: VillageState) -> Result | None:
        return metrics.result(state)

    def rules_text(self) -> str:
        return resources.files("envs.village").joinpath("rules.md").read_text(encoding="utf-8")

    def policies(self) -> Mapping[str, PolicyFactory]:
        from envs.core.policies import random_legal
        from envs.village.bots import bot

        return {"bots": bot, "bot": bot, "random": random_legal}


def seat_table(scenario: Scenario, dealt: list[str]) -> VillageState:
    """Night 1 of a table whose seats hold `dealt` roles, in seat order; each seat told only its own."""
    if sorted(dealt) != sorted(scenario.deck):
        raise ValueError(f"dealt roles {dealt} do not match the scenario's deck {list(scenario.deck)}")
    names = scenario.names
    state = VillageState(scenario=scenario, players=names, roles=dict(zip(names, dealt, strict=True)),
                         alive=names)
    for seat in names:
        state = tell(state, seat, "role", f"You are {seat}, the {state.roles[seat]}.", role=state.roles[seat])
    state = tell_wolves(state, "pack", f"The pack: {', '.join(sorted(state.wolves))}.", pack=sorted(state.wolves))
    return announce(state, "night", "Night 1 falls. Night roles act.")


WORLD = VillageWorld()
