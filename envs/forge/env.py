"""Forge as a Gymnasium env."""

from __future__ import annotations

import numpy as np

from envs.core import SeatEnv, Session
from envs.core.text import action_space
from envs.forge import render
from envs.forge.rules import PLAN_MAX, WORLD, make_scenario


class ForgeEnv(SeatEnv):
    """
    ## Description
    RPG crafting after HeroBench: a seeded world of resource nodes, workshops, a market and monster lairs on
    a grid, and one task - craft N x an item, or defeat a monster - at one of 9 tiers. The hero gathers,
    crafts along a recipe tree, buys and sells, equips gear and fights; combat is deterministic and decided
    by gear (per element: base + base*bonus% - base*resist%).

    ## Action Space
    `Text` (printable ASCII). Interactive mode: one command, e.g. `move iron mine`, `gather 3`,
    `craft iron sword 2`, `buy coal`, `sell old map`, `equip iron sword`, `unequip weapon`, `use sage draught`,
    `fight`, `inspect cave troll`, `pass` (case-insensitive). Plan mode: the whole plan in one action,
    commands separated by `;` or new lines (up to 16384 characters).

    ## Observation Space
    `Text`: the place and what is here, stats, gear, bag, places with distances, the goal, steps used of the
    budget, the last events. `info["legal_actions"]` lists the concrete commands possible now.

    ## Starting State
    The hero at home with a tier-dependent bag (some components at low tiers, valuables from tier 6) and
    gold for the purchases the task needs. Skills start at 6 (at 1 in the leveling variant). A reset never
    returns a finished game (as for every world: see `SeatEnv.reset`).

    ## Rewards
    The change in progress: 100 x the oracle plan's milestones reached (gather, craft, obtain, equip, level,
    defeat, goal); 100 exactly on success. `info["score"]` is the progress so far.

    ## Episode End
    Terminated on success, when the step budget (3 x the oracle's steps + 20) runs out, or (plan mode) after
    the plan. Then `info` also holds `success`, `progress`, `oracle_steps`, `steps`, `efficiency`
    (oracle steps / your steps on success) and `plan_report`.

    ## Arguments
    `tier` 1-9, `variant` "base" | "leveling" | "noise", `mode` "interactive" | "plan",
    `render_mode` None | "ansi" | "rgb_array".

    ## Version History
    * v0: initial version.
    """

    metadata = {"render_modes": ["ansi", "rgb_array"], "render_fps": 4}

    def __init__(self, tier: int = 1, variant: str = "base", mode: str = "interactive",
                 render_mode: str | None = None) -> None:
        super().__init__(WORLD, make_scenario(tier, variant, mode), render_mode=render_mode)
        if mode == "plan":
            self.action_space = action_space(PLAN_MAX)

    def render_ansi(self, session: Session) -> str:
        return render.ansi(session.state)

    def render_rgb(self, session: Session) -> np.ndarray:
        return render.rgb(session.state)
