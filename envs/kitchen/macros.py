"""Macro actions for Kitchen: what is feasible now (`can_begin`) and an `Executor` that turns one macro
into atomic moves, tick by tick (BFS paths around the other chefs, retries, a hard tick budget).

Used by the macro-level env, the scripted expert, the hierarchical agent and the MCP server:

    run = Executor(state, "chef0", "fetch onion")
    while (move := run.next_action(state)) is not None:
        ...submit `move`, let the tick play, get the new `state`...
    run.status, run.reason          # "done" or "failed", and why

Classic macros: `fetch onion`, `fetch plate`, `fill pot`, `plate soup`, `serve`, `drop`, `wait`.
Orders macros: `fetch <item>`, `chop <ingredient>`, `prepare <soup>`, `cook <soup>`, `plate <soup>`,
`serve <soup>`, `putout`, `drop`, `trash`, `wait` (a soup is a recipe name: onion, tomato, mixed, garden;
`cook mush`, `plate mush`, `serve mush` empty a pot whose ingredients make no recipe).
"""

from __future__ import annotations

from collections import deque

from envs.core.macros import MacroOption
from envs.core.text import normalize_command
from envs.kitchen.layout import DIRECTIONS, Pos
from envs.kitchen.plans import CLASSIC_PLANS, ORDERS_PLANS, Context, Done, Failed, Goal, Memory, Plan
from envs.kitchen.state import KitchenState

MAX_TICKS = 200
"""A macro that has not finished after this many ticks fails (it never loops forever)."""
PATIENCE = 8
"""Ticks a chef waits for a blocking partner before failing. Head-on, the even seat waits and the odd
seat steps aside, so two executors never mirror each other for ever."""
YIELD_AFTER = 2
"""Realtime (KitchenMacros under a realtime clock): ticks the even seat holds still for a blocking partner
before it too steps aside, as a partner busy at a station does not move off it for a chef that only stands
there. Lockstep keeps the even seat waiting (None), as the scripted players were calibrated with."""
_PRIORITY = {"putout": 6, "serve": 5, "plate": 4, "cook": 3, "fill": 3, "prepare": 3, "chop": 2, "fetch": 1,
             "trash": 0, "drop": 0, "wait": -1}


def _plans(state: KitchenState) -> dict[str, tuple[Plan, tuple[str, ...]]]:
    return ORDERS_PLANS if state.setup.rules.orders else CLASSIC_PLANS


def macro_names(state: KitchenState, seat: str | int | None = None) -> list[str]:
    """Every macro of the state's rule set (feasible or not), as the command strings to send; the
    same for every seat (`seat` is accepted for symmetry with `feasible_macros`)."""
    if not state.setup.rules.orders:
        return ["fetch onion", "fetch plate", "fill pot", "plate soup", "serve", "drop", "wait"]
    soups = sorted(state.setup.rules.recipes)
    names = [f"fetch {item}" for item in ORDERS_PLANS["fetch"][1]]
    names += [f"chop {item}" for item in ORDERS_PLANS["chop"][1]]
    names += [f"prepare {soup}" for soup in soups]
    names += [f"{verb} {soup}" for verb in ("cook", "plate", "serve") for soup in (*soups, "mush")]
    return names + ["putout", "drop", "trash", "wait"]


MACROS = macro_names


def parse(state: KitchenState, macro: str) -> tuple[str, str]:
    """(verb, argument) of a macro command, or ValueError saying which macros exist."""
    text = normalize_command(macro).lower().removesuffix(" soup").strip()
    verb, _, arg = text.partition(" ")
    names = {normalize_command(n).removesuffix(" soup") for n in macro_names(state)}
    if text not in names and f"{verb} {arg}".strip() not in names:
        import difflib

        near = difflib.get_close_matches(text, sorted(names), n=1)
        hint = f" Did you mean {near[0]!r}?" if near else ""
        raise ValueError(f"unknown macro {macro[:60]!r}; macros: {', '.join(macro_names(state))}.{hint}")
    if not state.setup.rules.orders and verb in ("fill", "plate"):
        arg = ""
    return verb, arg


def _seat(state: KitchenState, seat: str | int) -> int:
    return seat if isinstance(seat, int) else int(seat.removeprefix("chef"))


def can_begin(state: KitchenState, seat: str | int, macro: str) -> MacroOption:
    """Can `seat` start `macro` now? Never raises for a bad macro: that is an infeasible one."""
    try:
        verb, arg = parse(state, macro)
    except ValueError as error:
        return MacroOption(macro, False, str(error), ())
    index = _seat(state, seat)
    step = _plans(state)[verb][0](Context(state, index, arg, Memory()))
    if isinstance(step, Failed):
        return MacroOption(macro, False, step.reason, tuple(step.missing))
    if isinstance(step, Done) and verb != "wait":
        return MacroOption(macro, False, "already done", ())
    distance = _distance(state, index, step.stations) if isinstance(step, Goal) else 0
    return MacroOption(macro, True, "", (), _PRIORITY[verb] * 10.0 - distance)


def feasible_macros(state: KitchenState, seat: str | int) -> list[str]:
    """The macros `seat` can begin now (what the macro-level env lists as legal actions)."""
    return [m for m in macro_names(state) if can_begin(state, seat, m).feasible]


def _distance(state: KitchenState, seat: int, stations: tuple[Pos, ...]) -> int:
    here = state.chefs[seat].pos
    return min((state.setup.layout.distances(s).get(here, 999) for s in stations), default=999)


class Executor:
    """Runs one macro for one chef: feed it the state each tick, get the next atomic move.

    `next_action` returns a move, or None once the macro is over; then `status` is "done" or "failed"
    and `reason` says why it failed. A macro fails rather than loops: when a partner blocks the way
    for `patience` ticks, when nothing is left to do it with, or after `max_ticks`.
    """

    def __init__(self, state: KitchenState, seat: str | int, macro: str, *, max_ticks: int = MAX_TICKS,
                 patience: int = PATIENCE, yield_after: int | None = None) -> None:
        self.verb, self.arg = parse(state, macro)
        self.macro, self.seat = macro, _seat(state, seat)
        self.plan = _plans(state)[self.verb][0]
        self.memory = Memory()
        self.max_ticks, self.patience, self.yield_after = max_ticks, patience, yield_after
        self.status, self.reason, self.ticks, self.doing = "running", "", 0, ""
        self._blocked = 0
        self._last: tuple[Pos, str] | None = None
        self._trail: deque[Pos] = deque(maxlen=4)

    @property
    def running(self) -> bool:
        return self.status == "running"

    def interrupt(self, reason: str = "interrupted") -> None:
        if self.running:
            self.status, self.reason = "failed", reason

    def next_command(self, session) -> str | None:
        """The macro protocol's step (envs/core/macros.py): the next move from the session's live state."""
        return self.next_action(session.state)

    def next_action(self, state: KitchenState) -> str | None:
        if not self.running:
            return None
        if self.verb == "wait":
            return self._finish("done") if self.ticks else self._count(self._out_of_the_way(state))
        if self.ticks >= self.max_ticks:
            return self._finish("failed", f"not finished after {self.max_ticks} ticks")
        step = self.plan(Context(state, self.seat, self.arg, self.memory))
        if isinstance(step, Done):
            return self._finish("done")
        if isinstance(step, Failed):
            return self._finish("failed", step.reason)
        self.doing = step.doing
        return self._toward(state, step.stations)

    def _out_of_the_way(self, state: KitchenState) -> str:
        """Waiting: stand still, unless a partner is close (then step away to leave the stations free)."""
        here = state.chefs[self.seat].pos
        others = {c.pos for i, c in enumerate(state.chefs) if i != self.seat}
        return _aside(state, here, others, self.seat) if _spread(here, others) <= 2 else "stay"

    def _finish(self, status: str, reason: str = "") -> None:
        self.status, self.reason = status, reason
        return None

    def _count(self, move: str) -> str:
        self.ticks += 1
        return move

    def _toward(self, state: KitchenState, stations: tuple[Pos, ...]) -> str | None:
        chef = state.chefs[self.seat]
        access = state.setup.layout.access
        spots = {spot: (station, face) for station in stations for spot, face in access[station]}
        here = spots.get(chef.pos)
        if here is not None:
            self._blocked = 0
            station, face = here
            if chef.facing != face:
                return self._count(face)
            self.memory.used.append(station)
            return self._count("interact")
        others = {c.pos for i, c in enumerate(state.chefs) if i != self.seat}
        move = first_step(state, chef.pos, set(spots), others)
        if move is None:
            return self._past_partner(state, chef.pos, set(spots), others)
        if self._stuck(chef.pos, move) or self._dancing(chef.pos):
            return self._count("stay")
        self._blocked = 0
        self._last = (chef.pos, move)
        return self._count(move)

    def _past_partner(self, state: KitchenState, here: Pos, spots: set[Pos], others: set[Pos]) -> str | None:
        """No way around the others: walk the shortest way as if they were not there (they may move
        off it) until the next step would run into one of them, then step aside or wait."""
        move = first_step(state, here, spots, set())
        if move is not None and move != "stay":
            dx, dy = DIRECTIONS[move]
            if (here[0] + dx, here[1] + dy) not in others:
                if self._stuck(here, move) or self._dancing(here):
                    return self._count("stay")
                self._last = (here, move)
                return self._count(move)
        return self._around_partner(state, others)

    def _dancing(self, here: Pos) -> bool:
        """Back where it was two ticks ago while dodging a partner who dodges the same way: the
        odd seat holds still for a tick so the two stop mirroring each other."""
        self._trail.append(here)
        trail = self._trail
        dancing = len(trail) >= 3 and trail[-1] == trail[-3] != trail[-2] and self.seat % 2 == 1
        if dancing:
            trail.clear()
        return dancing

    def _stuck(self, here: Pos, move: str) -> bool:
        """The same step from the same cell failed last tick (two chefs stepping into one cell)."""
        repeat = self._last == (here, move)
        self._last = None if repeat else (here, move)
        return repeat and self.seat % 2 == 1

    def _around_partner(self, state: KitchenState, others: set[Pos]) -> str | None:
        self._blocked += 1
        if self._blocked > self.patience:
            blocker = ", ".join(f"chef{i}" for i, c in enumerate(state.chefs) if c.pos in others)
            return self._finish("failed", f"the way is blocked by {blocker} for {self.patience} ticks")
        if self.seat % 2 == 0 and (self.yield_after is None or self._blocked <= self.yield_after):
            return self._count("stay")
        return self._count(_aside(state, state.chefs[self.seat].pos, others, self.seat))


def first_step(state: KitchenState, start: Pos, goals: set[Pos], blocked: set[Pos]) -> str | None:
    """The first move of a shortest walk from `start` to any of `goals` avoiding `blocked` cells
    (counters and stations are never walkable); None if there is no such walk."""
    if start in goals:
        return "stay"
    floor = state.setup.layout.floor
    first: dict[Pos, str] = {start: ""}
    queue = deque([start])
    while queue:
        x, y = queue.popleft()
        for name, (dx, dy) in DIRECTIONS.items():
            cell = (x + dx, y + dy)
            if cell in floor and cell not in first and cell not in blocked:
                first[cell] = first[(x, y)] or name
                if cell in goals:
                    return first[cell]
                queue.append(cell)
    return None


def _aside(state: KitchenState, here: Pos, others: set[Pos], seat: int) -> str:
    """Step into the free neighbouring cell farthest from the other chefs, to clear their way."""
    best, move = _spread(here, others), "stay"
    names = list(DIRECTIONS) if seat % 2 == 0 else list(reversed(DIRECTIONS))
    for name in names:
        dx, dy = DIRECTIONS[name]
        cell = (here[0] + dx, here[1] + dy)
        if cell in state.setup.layout.floor and cell not in others and _spread(cell, others) > best:
            best, move = _spread(cell, others), name
    return move


def _spread(cell: Pos, others: set[Pos]) -> int:
    return min((abs(cell[0] - x) + abs(cell[1] - y) for x, y in others), default=0)


__all__ = ["MACROS", "Executor", "can_begin", "feasible_macros", "first_step", "macro_names", "parse"]
