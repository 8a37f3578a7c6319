"""A chef's observation text, built fast: what a setup never changes once, each piece of the rest only when
what it shows changes, and the whole once per state, kept on the state for every seat that asks.

The text is the one `tests/envs/kitchen/old_view.py` builds from the facts (tests compare them over many
games), and every gym step builds one, so the pieces are cached where a step would otherwise redo them:
the map with its chefs per (setup, chef positions), a chef's line per (seat, chef, last chat line), the
lines after the chefs per (setup, pots, items, board chops[, tick and orders]).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache
from operator import itemgetter
from typing import Any

from envs.kitchen.dynamics import pot_ready, soup_name
from envs.kitchen.state import LISTED_MOVES, TEXT_MEMO, KitchenState, Pot, Setup

LEGEND = {".": "floor", "#": "counter", "O": "onions", "T": "tomatoes", "L": "lettuce", "D": "plates", "P": "pot",
          "S": "window", "C": "board", "B": "bin", "E": "extinguisher counter"}
ACTIONS_LINE = "actions: " + " ".join(LISTED_MOVES) + "; say <text> (chat, does not use your move)"
_CACHE_LIMIT = 50_000
"""Entries a piece cache holds before it starts again (a long run on big layouts must not grow without end)."""


def pot_status(state: KitchenState, pot: Pot) -> str:
    rules = state.setup.rules
    if pot.burning:
        return "burning"
    if not pot.contents:
        return "empty"
    if pot.cooked < 0:
        return "filling"
    if pot.cooked < rules.cook_time:
        return "cooking"
    return "ready"


def burns_in(state: KitchenState, pot: Pot) -> int | None:
    """Ticks until a ready soup catches fire (None: it never does, or the pot is not ready)."""
    rules = state.setup.rules
    if rules.burn_after is None or not pot_ready(state, pot):
        return None
    return rules.cook_time + rules.burn_after - pot.cooked + 1


def text(state: KitchenState, seat: int) -> str:
    """The text `seat` sees (a seat out of range, e.g. -1, sees no "(you)")."""
    memo = state.__dict__.get(TEXT_MEMO)
    if memo is None:
        memo = state.__dict__[TEXT_MEMO] = {}  # beside the frozen fields, never one of them
    out = memo.get(seat)
    if out is None:
        parts = memo.get("parts")
        if parts is None:
            parts = memo["parts"] = (_head(state), _chef_lines(state), _tail(state))
        head, chefs, tail = parts
        lines = list(map(_first, chefs))
        if 0 <= seat < len(chefs):
            lines[seat] = chefs[seat][1]
        out = memo[seat] = "\n".join((head, *lines, tail))
    return out


@cache
def _static(setup: Setup) -> tuple[str, str, bytes, int]:
    """What a setup's text never changes: the title, the map's heading, its rows without chefs (one bytes
    string, rows joined by new lines) and the length of a row with its new line."""
    layout, tile, rules = setup.layout, setup.tile, setup.rules
    rows = ["".join(tile[(x, y)] for x in range(layout.width)) for y in range(layout.height)]
    present = set(tile.values())
    key = " ".join(f"{ch} {LEGEND[ch]}" for ch in LEGEND if ch in present)
    return (f"kitchen {rules.name}/{layout.name} tick ", f"map (x right, y down; digits are chefs; {key}):",
            "\n".join(rows).encode(), layout.width + 1)


_first = itemgetter(0)
_MAPS: dict[tuple[Setup, tuple[tuple[int, int], ...]], str] = {}
_CHEFS: dict[tuple[Any, ...], tuple[str, str]] = {}
_PIECES: dict[str, tuple[tuple[Any, ...], str]] = {}


def _head(state: KitchenState) -> str:
    """The title line (tick and counters: new every tick) and the map with the chefs as their seat digits."""
    setup = state.setup
    title, heading, grid, stride = _static(setup)
    key = (setup, tuple(map(_first, state.chefs)))  # a chef's first field is its position
    drawn = _MAPS.get(key)
    if drawn is None:
        if len(_MAPS) >= _CACHE_LIMIT:
            _MAPS.clear()
        cells = bytearray(grid)
        for i, (x, y) in enumerate(key[1]):
            cells[y * stride + x] = 48 + i  # the seat's digit
        drawn = _MAPS[key] = f"{heading}\n{cells.decode()}"
    return (f"{title}{state.tick}/{setup.rules.ticks} score {state.score} served {state.served} expired "
            f"{state.expired} fires {state.fires}\n{drawn}")


def _chef_lines(state: KitchenState) -> list[tuple[str, str]]:
    """Each chef's line as the others see it and as the chef itself does ("(you)")."""
    chat, lines = state.chat, []
    for i, chef in enumerate(state.chefs):
        key = (i, chef, chat[i])
        pair = _CHEFS.get(key)
        if pair is None:
            if len(_CHEFS) >= _CACHE_LIMIT:
                _CHEFS.clear()
            said = f', said: "{chat[i]}"' if chat[i] else ""
            where = f"at ({chef.pos[0]},{chef.pos[1]}) facing {chef.facing}, holding {chef.held or 'nothing'}{said}"
            pair = _CHEFS[key] = (f"chef{i} {where}", f"chef{i} (you) {where}")
        lines.append(pair)
    return lines


def _tail(state: KitchenState) -> str:
    """The lines after the chefs: pots, counters, orders (with ticks left: new every tick) and the commands."""
    setup = state.setup
    if setup.rules.orders:
        return _memo("tail", (setup, state.pots, state.items, state.chops, state.tick, state.orders), _tail_lines,
                     state)
    return _memo("tail", (setup, state.pots, state.items, state.chops), _tail_lines, state)


def _memo(name: str, key: tuple[Hashable, ...], build: Callable[[KitchenState], str], state: KitchenState) -> str:
    """The last piece `name` built, while its inputs are equal (usually the very same objects); else a new one."""
    last = _PIECES.get(name)
    if last is not None and last[0] == key:  # tuple == tests identity first: the same objects cost nothing
        return last[1]
    value = build(state)
    _PIECES[name] = (key, value)
    return value


def _tail_lines(state: KitchenState) -> str:
    setup = state.setup
    tail = [_memo("pots", (setup, state.pots), _pot_lines, state),
            _memo("counters", (setup, state.items, state.chops), _counters_line, state)]
    if setup.rules.orders:
        tail.append(_memo("orders", (setup, state.tick, state.orders), _orders_line, state))
    tail.append(ACTIONS_LINE)
    return "\n".join(t for t in tail if t)


def _pot_lines(state: KitchenState) -> str:
    return "\n".join(_pot_line(state, p, pot) for p, pot in sorted(state.pots.items()))


def _counters_line(state: KitchenState) -> str:
    chops = state.chops
    counters = "; ".join(f"({p[0]},{p[1]}) {item}" + (f" (chopped {chops[p]} times)" if chops.get(p) is not None
                                                        else "") for p, item in sorted(state.items.items()))
    return "on counters: " + (counters or "nothing")


def _orders_line(state: KitchenState) -> str:
    rules = state.setup.rules
    open_orders = "; ".join(f"{o.recipe} soup ({'+'.join(rules.recipes[o.recipe].ingredients)}) "
                            f"{rules.recipes[o.recipe].reward} pts, {o.deadline - state.tick} ticks left"
                            for o in state.orders)
    return "orders: " + (open_orders or "none open")


def _pot_line(state: KitchenState, pos: tuple[int, int], pot: Pot) -> str:
    contents = "+".join(pot.contents) or "-"
    status = pot_status(state, pot)
    if status == "cooking":
        status = f"cooking {max(pot.cooked, 0)}/{state.setup.rules.cook_time} ({soup_name(state, pot.contents)})"
    elif status == "ready":
        burns = burns_in(state, pot)
        status = f"ready ({soup_name(state, pot.contents)} soup)" + (f", burns in {burns}" if burns else "")
    return f"pot ({pos[0]},{pos[1]}): {contents} {status}"
