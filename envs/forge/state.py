"""The state of one Forge game: the fixed Realm, the hero, the clock, milestones met and how it ended."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from envs.forge.actions import Done
from envs.forge.items import Hero, Realm

LOG_LENGTH = 8


@dataclass(frozen=True, eq=False)
class ForgeState:
    """`steps` is game time (a move costs its distance); `outcome` is "" while the game runs."""

    realm: Realm
    hero: Hero
    steps: int = 0
    actions: int = 0
    reached: frozenset[str] = frozenset()
    log: tuple[str, ...] = ()
    outcome: str = ""
    plan_report: str = ""

    @property
    def success(self) -> bool:
        return self.outcome == "success"

    @cached_property
    def progress(self) -> float:
        """100 x the oracle's milestones met / all of them (100 exactly on success)."""
        if self.success:
            return 100.0
        wanted = self.realm.milestones
        if not wanted:
            return 0.0
        return round(100.0 * sum(m in self.reached for m in wanted) / len(wanted), 2)


def goal_met(realm: Realm, hero: Hero, reached: frozenset[str]) -> bool:
    task = realm.task
    if task.kind == "craft":
        return hero.has(task.target) >= task.count
    return f"defeat {task.target}" in reached


def advance(state: ForgeState, done: Done) -> ForgeState:
    """The state after an applied command: clock, milestones, log, and the end when goal or budget is hit."""
    realm = state.realm
    reached = state.reached.union(done.marks)
    steps = state.steps + done.cost
    outcome = ""
    if goal_met(realm, done.hero, reached):
        reached, outcome = reached | {"goal"}, "success"
    elif steps >= realm.budget:
        steps, outcome = realm.budget, "out of steps"  # a long walk stops where the budget runs out
    return replace(state, hero=done.hero, steps=steps, actions=state.actions + 1, reached=reached,
                   log=(*state.log, done.text)[-LOG_LENGTH:], outcome=outcome)
