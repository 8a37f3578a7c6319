"""Kitchen as a Gymnasium env for one chef; the other chefs are played by a partner policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from envs.core import SeatEnv, Session
from envs.core.macros import macro_commands
from envs.core.text import split_command
from envs.kitchen.macros import Executor, can_begin, feasible_macros
from envs.kitchen.realtime import RealtimeRunner
from envs.kitchen.rules import WORLD, make_scenario

CLOCKS = ("lockstep", "realtime")
ACTION_LEVELS = ("atomic", "macro")


class KitchenEnv(SeatEnv):
    """
    ## Description
    Real-time cooperative cooking after Overcooked-AI and the HLA paper: two chefs share a kitchen and
    one score. Rule sets: `classic` (Overcooked-AI's: three onions, cook 20 ticks, plate, serve for 20,
    400 ticks) and `orders` (chopping, four soups, timed orders with tips and penalties, fire and
    extinguisher, 1000 ticks). The agent plays `chef0` unless `seat` says otherwise.

    ## Action Space
    `Text`: at `action_level="atomic"` one of `up down left right stay interact` per tick, or
    `say <text>` (chat to the partner; does not use the tick). At `action_level="macro"` one macro from
    `info["legal_actions"]` (e.g. `fetch onion`, `chop tomato`, `plate mixed`), run by the macro executor
    over as many ticks as it takes (the partner moves every tick meanwhile); `info["macro"]` says how it
    went (`done` or `failed` and why, ticks used); `say <text>` also works. Under `clock="realtime"` a
    move is played at the next tick of the wall clock; a newer move replaces one not yet played.

    ## Observation Space
    `Text`: the map with chefs as digits, both chefs' positions, facing and holdings, pots, items on
    counters, open orders with ticks left, the partner's last chat line, and the commands.

    ## Starting State
    Chefs on the layout's start tiles facing up, empty pots, empty hands; under `orders` two orders open.
    A reset never returns a finished game (as for every world: see `SeatEnv.reset`).

    ## Rewards
    The change of the team score: a served soup pays its reward (classic 20; orders 15 or 20, +5 tip
    when served with half its time left); an expired order costs 5, a fire 5.

    ## Episode End
    Terminates at the rule set's tick limit (400 classic, 1000 orders). No truncation from the rules.
    The last `info` adds `success`, `orders_served`, `orders_expired`, `fires`, `idle_fraction` (per
    chef) and `instructions` / `instructions_followed` (chat requests and those a partner carried out).

    ## Arguments
    `layout` (cramped_room, asymmetric_advantages, coordination_ring, forced_coordination,
    counter_circuit, ring, partition, bottleneck, quick), `rules` ("classic" | "orders"),
    `clock` ("lockstep": one tick per step; "realtime": ticks at `tick_hz` whether or not the agent
    acted, and the partner plays in its own thread), `tick_hz` (default 10), `partner` ("expert" |
    "random" | a callable `(observation, info) -> str`), `action_level` ("atomic" | "macro"), `seat`,
    `render_mode` ("ansi" | "rgb_array").

    ## Version History
    - v0: first version.
    """

    metadata = {"render_modes": ["ansi", "rgb_array"], "render_fps": 10}

    def __init__(self, layout: str = "cramped_room", rules: str = "classic", clock: str = "lockstep",
                 tick_hz: float = 10.0, partner: str | Callable[[str, dict], str] = "expert",
                 action_level: str = "atomic", seat: str | None = None, render_mode: str | None = None) -> None:
        if clock not in CLOCKS:
            raise ValueError(f"clock must be one of {CLOCKS}, got {clock!r}")
        if action_level not in ACTION_LEVELS:
            raise ValueError(f"action_level must be one of {ACTION_LEVELS}, got {action_level!r}")
        if isinstance(partner, str) and partner not in WORLD.policies():
            raise ValueError(f"partner must be one of {sorted(WORLD.policies())} or a callable, got {partner!r}")
        super().__init__(WORLD, make_scenario(layout, rules), seat=seat, others=partner, clock=clock,
                         tick_hz=tick_hz, render_mode=render_mode)
        self.action_level = action_level
        self._runner: RealtimeRunner | None = None
        self._macro_report: dict[str, Any] | None = None

    # -- Gymnasium API ---------------------------------------------------------------------------

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[str, dict]:
        observation, info = super().reset(seed=seed, options=options)
        if self.clock == "realtime":
            self._runner = RealtimeRunner(self._require_session(), self.seat, self._policies).start()
        return observation, info

    def step(self, action: str) -> tuple[str, float, bool, bool, dict]:
        self._macro_report = None
        if self._runner is None and self.action_level == "atomic":  # lockstep atomic: the one step every world has
            return SeatEnv.step(self, action)
        if self.action_level == "atomic" or split_command(action)[0] == "say":
            return self._tick_step(action)
        return self._macro_step(action)

    def close(self) -> None:
        if self._runner is not None:
            self._runner.stop()
            self._runner = None

    def parallel_driver(self) -> Any:
        """How every chef plays at once in `envs.pettingzoo` (None: one atomic move per chef per tick)."""
        from envs.kitchen.parallel import MacroDriver

        return MacroDriver() if self.action_level == "macro" else None

    def render_ansi(self, session: Session) -> str:
        from envs.kitchen.render import ansi

        return ansi(session.state, self.seat)

    def render_rgb(self, session: Session) -> np.ndarray:
        from envs.kitchen.render import rgb

        return rgb(session.state)

    # -- one tick, one macro ---------------------------------------------------------------------

    def _tick_step(self, action: str) -> tuple[str, float, bool, bool, dict]:
        if self._runner is None:
            return super().step(action)
        session = self._require_session()
        tick = session.tick_count
        events = session.act(self.seat, action)
        invalid = next((e.data["reason"] for e in events if e.kind == "invalid_action"), None)
        if invalid is None and split_command(action)[0] != "say":
            self._runner.wait_for_tick(after=tick)
        return self._result(invalid)

    def _macro_step(self, macro: str) -> tuple[str, float, bool, bool, dict]:
        session = self._require_session()
        with session.lock:
            state = session.state
        feasible = can_begin(state, self.seat, macro)
        if not feasible.feasible:
            return self._result(f"cannot begin {macro[:60]!r}: {feasible.reason}")
        run = Executor(state, self.seat, macro)
        start, score = session.tick_count, self._last_score
        for move in macro_commands(run, session):
            self._tick_step(move)
        self._macro_report = {"macro": run.macro, "status": run.status if not session.done else "game over",
                              "reason": run.reason, "ticks": session.tick_count - start}
        self._last_score = score
        return self._result(None)

    def _result(self, invalid: str | None) -> tuple[str, float, bool, bool, dict]:
        session = self._require_session()
        score = session.score(self.seat)
        reward, self._last_score = score - self._last_score, score
        return self._observation(), float(reward), session.done, False, self._info(invalid=invalid)

    def _info(self, invalid: str | None) -> dict[str, Any]:
        info = super()._info(invalid)
        if self.action_level == "macro":
            session = self._require_session()
            with session.lock:
                state = session.state
            info["legal_actions"] = [] if session.done else [*feasible_macros(state, self.seat), "say <text>"]
            info["macro"] = self._macro_report
        return info

    def _play_others(self) -> None:
        if self._runner is None and self.clock == "lockstep":
            super()._play_others()
