"""Forge's rules as a World: one hero, a seeded task, interactive or plan mode. Pure: no global state."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from envs.core import Event, EventKind, Observation, Outcome, PolicyFactory, Result, Status, invalid_action
from envs.core.lazy import LazyMapping
from envs.forge.actions import perform
from envs.forge.plans import PLAN_MAX, run_plan, split_plan
from envs.forge.scenario import SCENARIO_OPTIONS, Scenario, generate, make_scenario
from envs.forge.state import ForgeState, advance
from envs.forge.view import legal_actions, observation_data, observation_text

SEAT = "hero"
RULES = """# Forge
Gather, craft, equip and fight to reach the goal (craft N x an item, or defeat a monster) within the step budget.

- **Places** sit on a grid; `move <place>` costs the Manhattan distance in steps.
- **Resources**: `gather [n]` at a resource node (n steps; needs the node's gathering skill level).
- **Recipes**: `craft <item> [n]` at the recipe's workshop with the inputs in your bag (n steps; needs the skill level).
- **Market**: `buy <item> [n]` (goods only), `sell <item> [n]` (anything, for its value); 1 step each.
- **Gear**: `equip <item>` / `unequip <slot>` (1 step). Slots: weapon, shield, helmet, body, legs, boots, ring, amulet.
  Weapons attack in an element (fire, earth, water, air); rings and amulets add % bonus; armour adds resist % and HP.
- **Potions**: `use <item>` adds HP for your next fight.
- **Combat**: `fight` at a lair. Deterministic turns, you strike first; per element, damage = base + base*bonus% -
  base*resist%; the first side at 0 HP loses; HP is whole again after. A win costs 1 step, a loss 4.
- `inspect <item|monster|place|goal|here>` shows recipes, stats and your odds (costs no steps); `pass` does nothing
  and costs 1 step (`wait`, its old name, still works).
- **Leveling variant**: skills start at 1; gathering gives 25 XP x resource level per unit, crafting 30 XP x recipe
  level per unit; the next level needs 150 + 10*(level-1) XP.
- **Plan mode**: one action holds the whole plan, commands separated by `;` or new lines; the simulator runs it
  and the game ends after it (where it stopped, and why, is reported).
- **Score**: progress = 100 x milestones of the oracle's plan you reached; success when the goal is met.
"""


class ForgeWorld:
    name = "forge"
    version = "0.1"

    def __init__(self) -> None:
        self._seen: tuple[ForgeState, Observation] | None = None

    def new_state(self, scenario: Scenario, rng: np.random.Generator) -> ForgeState:
        if not isinstance(scenario, Scenario):
            scenario = make_scenario(**dict(scenario or {}))
        realm = generate(scenario, rng)
        return ForgeState(realm, realm.start)

    def seats(self, state: ForgeState) -> tuple[str, ...]:
        return (SEAT,)

    def awaiting(self, state: ForgeState) -> frozenset[str]:
        return frozenset() if state.outcome else frozenset({SEAT})

    def legal_actions(self, state: ForgeState, seat: str) -> list[str]:
        return [] if state.outcome or seat != SEAT else legal_actions(state)

    def apply(self, state: ForgeState, seat: str, action: str, rng: np.random.Generator) -> Outcome:
        if seat != SEAT:
            return self._refuse(state, seat, action, f"Forge has one seat, {SEAT!r}")
        if state.outcome:
            return self._refuse(state, seat, action, "the game is over")
        if state.realm.mode == "plan":
            return self._apply_plan(state, seat, action)
        done = perform(state.realm, state.hero, action)
        if isinstance(done, str):
            return self._refuse(state, seat, action, done)
        events = (self._acted(seat, action), self._happened(seat, done.text, done.cost))
        return Outcome(advance(state, done), events)

    def _refuse(self, state: ForgeState, seat: str, action: object, reason: str) -> Outcome:
        legal = self.legal_actions(state, seat) if seat == SEAT else []
        return Outcome(state, (invalid_action(seat, str(action), reason, legal),))

    @staticmethod
    def _acted(seat: str, command: str) -> Event:
        return Event(EventKind.ACTION, seat, {"command": " ".join(command.lower().split())})

    @staticmethod
    def _happened(seat: str, text: str, cost: int) -> Event:
        return Event("forge_event", seat, {"text": text, "steps": cost})

    def _apply_plan(self, state: ForgeState, seat: str, plan: str) -> Outcome:
        if not isinstance(plan, str) or len(plan) > PLAN_MAX:
            size = len(plan) if isinstance(plan, str) else type(plan).__name__
            return self._refuse(state, seat, str(plan), f"a plan is text of at most {PLAN_MAX} characters, got {size}")
        commands = split_plan(plan)
        if not commands:
            return self._refuse(state, seat, plan, "empty plan: send commands separated by ';' or new lines")
        run = run_plan(state, commands)
        if run.first_refusal:
            return self._refuse(state, seat, plan, run.first_refusal)
        events: list[Event] = []
        for command, done in run.applied:
            events += [self._acted(seat, command), self._happened(seat, done.text, done.cost)]
        events.append(Event("plan_report", seat, {"report": run.report, "commands": len(commands)}))
        return Outcome(run.state, tuple(events))

    def advance(self, state: ForgeState, rng: np.random.Generator) -> Outcome:
        return Outcome(state, ())

    def observe(self, state: ForgeState, seat: str | None) -> Observation:
        """The hero's view; `None` (a spectator) sees the same, without the legal commands."""
        seen = self._seen
        if seen is not None and seen[0] is state and seen[1].seat == seat:
            return seen[1]
        progress = state.progress
        status = Status(awaiting=seat is not None and not state.outcome, done=bool(state.outcome),
                        phase=state.realm.mode, tick=state.steps)
        legal = tuple(self.legal_actions(state, seat)) if seat is not None else ()
        data = LazyMapping(lambda: observation_data(state, progress))  # built when read (MCP), not per gym step
        observation = Observation(seat, observation_text(state, progress), data, legal, status)
        self._seen = (state, observation)
        return observation

    def score(self, state: ForgeState, seat: str) -> float:
        return state.progress

    def tick(self, state: ForgeState) -> int:
        return state.steps

    def info(self, state: ForgeState, seat: str) -> dict[str, Any]:
        realm = state.realm
        return {"progress": state.progress, "steps_used": state.steps, "budget": realm.budget,
                "task": realm.task.describe(), "tier": realm.tier, "variant": realm.variant, "mode": realm.mode}

    def result(self, state: ForgeState) -> Result | None:
        if not state.outcome:
            return None
        oracle = state.realm.oracle_steps
        metrics = {
            "progress": state.progress,
            "oracle_steps": oracle,
            "steps": state.steps,
            "actions": state.actions,
            "efficiency": round(oracle / state.steps, 4) if state.success and state.steps else 0.0,
            "outcome": state.outcome,
            "plan_report": state.plan_report,
        }
        return Result(state.progress, state.success, {SEAT: state.progress}, metrics)

    def rules_text(self) -> str:
        return RULES

    def policies(self) -> Mapping[str, PolicyFactory]:
        from envs.forge.policies import expert_player, random_player

        return {"expert": expert_player, "random": random_player}


WORLD = ForgeWorld()

__all__ = ["SCENARIO_OPTIONS", "SEAT", "WORLD", "ForgeWorld", "Scenario", "make_scenario"]
