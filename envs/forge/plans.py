"""Plan mode: a whole plan is one action; the simulator runs it command by command and says where it stopped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from envs.forge.actions import Done, perform
from envs.forge.state import ForgeState, advance

PLAN_MAX = 16_384
_SEPARATORS = re.compile(r"[;\n]")


def split_plan(plan: str) -> list[str]:
    """Commands separated by ';' or new lines, blanks dropped."""
    return [command.strip() for command in _SEPARATORS.split(plan) if command.strip()]


@dataclass
class PlanRun:
    """What running a plan did: the final state, each applied (command, Done), and the report."""

    state: ForgeState
    applied: list[tuple[str, Done]] = field(default_factory=list)
    report: str = ""
    first_refusal: str = ""


def run_plan(state: ForgeState, commands: list[str]) -> PlanRun:
    """Run `commands` until one is refused or the game ends; the game is over after the plan either way.

    If the very first command is refused nothing happened, so `first_refusal` says why and the state is
    the one given (the caller refuses the whole plan and the player may send another)."""
    run = PlanRun(state, report=f"the plan ran all {len(commands)} commands")
    for number, command in enumerate(commands, 1):
        if run.state.outcome:
            run.report = f"the game ended after command {number - 1} of {len(commands)}"
            break
        done = perform(run.state.realm, run.state.hero, command)
        if isinstance(done, str):
            if number == 1:
                run.first_refusal = f"command 1 {command[:60]!r}: {done}"
                return run
            run.report = f"the plan stopped at command {number} of {len(commands)} {command[:60]!r}: {done}"
            break
        run.applied.append((command, done))
        run.state = advance(run.state, done)
    run.state = replace(run.state, outcome=run.state.outcome or "plan ended", plan_report=run.report)
    return run
