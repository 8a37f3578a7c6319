"""Kitchen's rules as a World: chefs submit one move per tick, chat freely; `advance` plays the tick."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from functools import partial
from typing import Any, Literal

import numpy as np
from pydantic import Field

from envs.core import Event, EventKind, Observation, Outcome, PolicyFactory, Result, Status, invalid_action
from envs.core.lazy import LazyMapping
from envs.core.options import Options
from envs.core.text import normalize_command, printable, split_command
from envs.kitchen import dynamics, lines, requests, view
from envs.kitchen.layout import LAYOUTS
from envs.kitchen.state import CHAT_LIMIT, LISTED_MOVES, MOVES, PASS, RULE_SETS, STAY, KitchenState, Scenario


class KitchenOptions(Options):
    layout: str | None = Field(default=None, description=f"kitchen layout, one of {', '.join(LAYOUTS)} "
                               "(default cramped_room)")
    rules: Literal["classic", "orders"] | None = Field(
        default=None, description="rule set: classic (Overcooked-AI: onion soup, 400 ticks) or orders (chopping, "
        "four soups, timed orders, fire; 1000 ticks) (default classic)")
    clock: Literal["lockstep", "realtime"] | None = Field(
        default=None, description="lockstep (each tick waits for every chef) or realtime (ticks at tick_hz "
        "regardless)")
    tick_hz: float | None = Field(default=None, gt=0, le=100, description="realtime ticks per second, default 10")


COMMAND_LIMIT = 1024
_MOVE_SET = frozenset(MOVES)
_LEGAL = (*LISTED_MOVES, "say <text>")
_ACTION, _TICK = EventKind.ACTION, EventKind.TICK  # enum lookups are slow on 3.11: every tick makes these
_AWAITING: dict[tuple[str | None, ...], frozenset[str]] = {}
_SEAT_INDEX = {f"chef{i}": i for i in range(10)}
_outcome = tuple.__new__
"""Outcome(state, events) without the NamedTuple's Python-level __new__: three a tick."""
_STATUS: dict[tuple[bool, bool, str, int], Status] = {}
_TICKS: dict[int, Event] = {}
"""Tick number -> its (unstamped, never changed) tick event, shared by every game."""
_MOVES_DONE: dict[tuple[tuple[str | None, ...], int, str], tuple[tuple[str | None, ...], tuple[Event, ...]]] = {}
"""(pending moves, seat, move) -> the pending moves after it and its event, which every game shares: an event
is never changed once made (the Session stamps a copy of it)."""


def make_scenario(layout: str = "cramped_room", rules: str = "classic") -> Scenario:
    """A validated scenario; unknown values raise ValueError naming the allowed ones."""
    if layout not in LAYOUTS:
        near = difflib.get_close_matches(str(layout), LAYOUTS, n=1)
        hint = f" Did you mean {near[0]!r}?" if near else ""
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, got {layout!r}.{hint}")
    if rules not in RULE_SETS:
        raise ValueError(f"rules must be one of {', '.join(RULE_SETS)}, got {rules!r}")
    return Scenario(layout=layout, rules=rules)


def seat_index(state: KitchenState, seat: str) -> int:
    index = _SEAT_INDEX.get(seat, -1)
    if not 0 <= index < len(state.chefs):
        raise KeyError(f"no seat {seat!r}; seats: {[view.seat_name(i) for i in range(len(state.chefs))]}")
    return index


class Kitchen:
    """Cooperative cooking on a grid. Fully observable; one team score shared by every chef."""

    name = "kitchen"
    version = "1"  # 1: in classic, orders-only stations are counters (a chef can put a plate down)
    printable_text = True
    """Every observation text is printable already (the layouts are, and chat is made so in `_say`): the gym
    env need not scan it each step (tests/envs/kitchen/test_kitchen_fast_text.py holds it to that)."""

    def new_state(self, scenario: Scenario, rng: np.random.Generator) -> KitchenState:
        return dynamics.new_state(scenario, rng)

    def seats(self, state: KitchenState) -> tuple[str, ...]:
        return tuple(view.seat_name(i) for i in range(len(state.chefs)))

    def awaiting(self, state: KitchenState) -> frozenset[str]:
        """Chefs with no move in for this tick (a chef may still replace its move until the tick plays)."""
        if state.tick >= state.setup.rules.ticks:
            return frozenset()
        waiting = _AWAITING.get(state.pending)
        if waiting is None:  # a handful of patterns per game: build each once
            waiting = _AWAITING[state.pending] = frozenset(
                view.seat_name(i) for i, move in enumerate(state.pending) if move is None)
        return waiting

    def legal_actions(self, state: KitchenState, seat: str) -> list[str]:
        seat_index(state, seat)
        return [] if self._over(state) else list(_LEGAL)

    def apply(self, state: KitchenState, seat: str, action: str, rng: np.random.Generator) -> Outcome:
        index = _SEAT_INDEX.get(seat, -1)
        if not 0 <= index < len(state.chefs):
            seat_index(state, seat)  # raises, naming the seats
        if action == PASS:
            action = STAY
        if isinstance(action, str) and action in _MOVE_SET and state.tick < state.setup.rules.ticks:
            return self._move(state, index, seat, action)
        command = normalize_command(action)
        verb, rest = split_command(command)
        reason = self._refusal(state, command, verb, rest)
        if reason:
            return Outcome(state, (invalid_action(seat, command, reason, self.legal_actions(state, seat)),))
        if verb == "say":
            return self._say(state, index, seat, rest)
        return self._move(state, index, seat, STAY if verb == PASS else verb)

    def advance(self, state: KitchenState, rng: np.random.Generator) -> Outcome:
        if self._over(state):
            return Outcome(state, ())
        new, events = dynamics.step(state, rng)
        if new.requests:
            new = requests.settle(new, events)
        tick = _TICKS.get(new.tick)
        if tick is None:
            tick = _TICKS[new.tick] = Event(_TICK, data={"tick": new.tick})
        return _outcome(Outcome, (new, (*events, tick)))

    def observe(self, state: KitchenState, seat: str | None) -> Observation:
        """The text is built fast (lines.text) and the facts only when read: a Gymnasium step reads no data."""
        if seat is None:
            return view.public(state, Status(awaiting=False, done=self._over(state), phase=state.setup.rules.name,
                                             tick=state.tick))
        index = _SEAT_INDEX.get(seat, -1)
        if not 0 <= index < len(state.chefs):
            seat_index(state, seat)  # raises, naming the seats
        rules = state.setup.rules
        over = state.tick >= rules.ticks
        key = (not over and state.pending[index] is None, over, rules.name, state.tick)
        status = _STATUS.get(key)
        if status is None:  # two a tick (awaiting or not) per rule set: made once, shared (a Status never changes)
            status = _STATUS[key] = Status(*key)
        data = LazyMapping(partial(view.facts, state, index))
        return Observation(seat, lines.text(state, index), data, () if over else _LEGAL, status)

    def score(self, state: KitchenState, seat: str) -> float:
        return float(state.score)

    def tick(self, state: KitchenState) -> int:
        return state.tick

    def info(self, state: KitchenState, seat: str) -> dict[str, Any]:
        held = state.chefs[seat_index(state, seat)].held
        return {"held": held, "orders_served": state.served, "orders_expired": state.expired, "fires": state.fires}

    def result(self, state: KitchenState) -> Result | None:
        if state.tick < state.setup.rules.ticks:  # asked of every new state: not over yet
            return None
        metrics = {"orders_served": state.served, "orders_expired": state.expired, "fires": state.fires,
                   "instructions": state.asked, "instructions_followed": state.followed,
                   "idle_fraction": {view.seat_name(i): n / state.tick for i, n in enumerate(state.idle)}}
        seats = {s: float(state.score) for s in self.seats(state)}
        return Result(score=float(state.score), success=state.served > 0, seat_scores=seats, metrics=metrics)

    def rules_text(self) -> str:
        from envs.kitchen.manual import RULES_TEXT

        return RULES_TEXT

    def policies(self) -> Mapping[str, PolicyFactory]:
        from envs.kitchen.chefs import expert_chef, random_chef

        return {"expert": expert_chef, "random": random_chef}

    # -- internals -------------------------------------------------------------------------------

    @staticmethod
    def _over(state: KitchenState) -> bool:
        return state.tick >= state.setup.rules.ticks

    def _refusal(self, state: KitchenState, command: str, verb: str, rest: str) -> str | None:
        if self._over(state):
            return "the game is over"
        if verb == "say":
            return None if rest else "say needs text, e.g. 'say please chop the onions'"
        if len(command) > COMMAND_LIMIT:
            return f"command of {len(command)} characters is too long (limit {COMMAND_LIMIT}); send one move"
        if not verb:
            return "empty command; send one move: " + " ".join(LISTED_MOVES)
        if verb in MOVES or verb == PASS:
            return f"{verb!r} takes no argument (got {rest!r}); send just {verb!r}" if rest else None
        near = difflib.get_close_matches(verb, [*LISTED_MOVES, "say"], n=1)
        hint = f" Did you mean {near[0]!r}?" if near else ""
        return f"unknown command {verb[:40]!r}; moves: {' '.join(LISTED_MOVES)}, or 'say <text>'.{hint}"

    @staticmethod
    def _move(state: KitchenState, index: int, seat: str, move: str) -> Outcome:
        """Record the chef's move for the coming tick (replacing one it sent earlier for that tick)."""
        key = (state.pending, index, move)
        done = _MOVES_DONE.get(key)
        if done is None:  # a few hundred (pending moves, seat, move) a game at most: each built once
            pending = list(state.pending)
            pending[index] = move
            done = _MOVES_DONE[key] = (tuple(pending), (Event(_ACTION, seat, {"command": move}),))
        return _outcome(Outcome, (state.evolve_pending(done[0]), done[1]))

    def _say(self, state: KitchenState, index: int, seat: str, text: str) -> Outcome:
        text = printable(text)
        cut = len(text) > CHAT_LIMIT
        text = text[:CHAT_LIMIT]
        chat = (*state.chat[:index], text, *state.chat[index + 1:])
        data = {"text": text, "channel": "team", "cut": cut}
        if cut:
            data["note"] = f"message cut to {CHAT_LIMIT} characters"
        request = requests.request_in(state, seat, text)
        if request is None:
            return Outcome(state.evolve(chat=chat), (Event(EventKind.CHAT, seat, data),))
        data["request"] = f"{request.verb} {request.arg}".strip()
        new = state.evolve(chat=chat, requests=(*state.requests, request), asked=state.asked + 1)
        return Outcome(new, (Event(EventKind.CHAT, seat, data),))


WORLD = Kitchen()
