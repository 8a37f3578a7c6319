"""What a chef sees: the exact facts of a kitchen as a dict and as compact text for a model."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from envs.core.world import Observation, Status
from envs.kitchen.dynamics import pot_ready, soup_name
from envs.kitchen.state import LISTED_MOVES, TEXT_MEMO, KitchenState, Pot, Setup

_LEGEND = {".": "floor", "#": "counter", "O": "onions", "T": "tomatoes", "L": "lettuce", "D": "plates", "P": "pot",
           "S": "window", "C": "board", "B": "bin", "E": "extinguisher counter"}
ACTIONS_LINE = "actions: " + " ".join(LISTED_MOVES) + "; say <text> (chat, does not use your move)"


def seat_name(index: int) -> str:
    return f"chef{index}"


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


def facts(state: KitchenState, seat: int) -> dict[str, Any]:
    """Everything a chef may know (the kitchen is fully observable), JSON-ready."""
    rules = state.setup.rules
    return {
        "you": seat_name(seat), "tick": state.tick, "ticks": rules.ticks, "rules": rules.name,
        "layout": state.setup.layout.name, "score": state.score, "served": state.served,
        "expired": state.expired, "fires": state.fires, "map": grid(state),
        "chefs": [{"seat": seat_name(i), "pos": list(c.pos), "facing": c.facing, "held": c.held,
                   "said": state.chat[i]} for i, c in enumerate(state.chefs)],
        "pots": [_pot_facts(state, p, pot) for p, pot in sorted(state.pots.items())],
        "items": [{"pos": list(p), "item": item, "chops": state.chops.get(p)}
                  for p, item in sorted(state.items.items())],
        "orders": [{"recipe": o.recipe, "ingredients": list(rules.recipes[o.recipe].ingredients),
                    "reward": rules.recipes[o.recipe].reward, "ticks_left": o.deadline - state.tick}
                   for o in state.orders],
    }


def public(state: KitchenState, status: Status) -> Observation:
    """A spectator's view: every chef's, without "you"."""
    known = facts(state, 0)
    known.pop("you")
    return Observation(None, text(state, 0).replace(" (you)", ""), known, (), status)


def _pot_facts(state: KitchenState, pos: tuple[int, int], pot: Pot) -> dict[str, Any]:
    rules = state.setup.rules
    burns_in = None
    if rules.burn_after is not None and pot_ready(state, pot):
        burns_in = rules.cook_time + rules.burn_after - pot.cooked + 1
    return {"pos": list(pos), "contents": list(pot.contents), "status": pot_status(state, pot),
            "cooked": max(pot.cooked, 0), "cook_time": rules.cook_time,
            "soup": soup_name(state, pot.contents) if pot.contents else None, "burns_in": burns_in}


def grid(state: KitchenState) -> list[str]:
    """The kitchen's rows as the rules see them (stations a rule set does not use show as counters),
    with chefs drawn as their seat digits."""
    layout, tile = state.setup.layout, state.setup.tile
    rows = [[tile[(x, y)] for x in range(layout.width)] for y in range(layout.height)]
    for i, chef in enumerate(state.chefs):
        x, y = chef.pos
        rows[y][x] = str(i)
    return ["".join(row) for row in rows]


def legend(state: KitchenState) -> str:
    present = set(state.setup.tile.values())
    return " ".join(f"{ch} {_LEGEND[ch]}" for ch in _LEGEND if ch in present)


def text(state: KitchenState, seat: int, view: dict[str, Any] | None = None) -> str:
    """The facts as compact lines. Built straight from the state (not from `facts`): the layout's lines once
    per setup, the rest once per state and kept on it (TEXT_MEMO; a state that changes only what the text
    does not show, such as a chef's pending move, keeps it), shared by the seats, which differ only in who
    is "(you)". `view` is accepted for callers that have the facts; the text does not need them."""
    memo = state.__dict__.get(TEXT_MEMO)
    if memo is None:
        memo = state.__dict__[TEXT_MEMO] = {}  # beside the frozen fields, never one of them
    out = memo.get(seat)
    if out is None:
        parts = memo.get("parts")
        if parts is None:
            parts = memo["parts"] = _parts(state)
        lines = list(parts)
        if 0 < seat + 1 < len(lines) - 1:
            lines[seat + 1] = lines[seat + 1].replace(" at (", " (you) at (", 1)
        out = memo[seat] = "\n".join(lines)
    return out


@cache
def _static(setup: Setup) -> tuple[str, str, bytes, int]:
    """What a setup's text never changes: the title, the map's heading, its rows without chefs (one bytes
    string, rows joined by new lines) and the length of a row with its new line."""
    layout, tile, rules = setup.layout, setup.tile, setup.rules
    rows = ["".join(tile[(x, y)] for x in range(layout.width)) for y in range(layout.height)]
    present = set(tile.values())
    key = " ".join(f"{ch} {_LEGEND[ch]}" for ch in _LEGEND if ch in present)
    return (f"kitchen {rules.name}/{layout.name} tick ", f"map (x right, y down; digits are chefs; {key}):",
            "\n".join(rows).encode(), layout.width + 1)


def _parts(state: KitchenState) -> list[str]:
    """The seat-independent text of `state`: the lines before the chefs, each chef's line, and the lines
    after. The head and the chefs change nearly every tick; the rest is rebuilt only when its
    own fields change."""
    setup = state.setup
    tail = [_memo("pots", (setup, state.pots), _pot_lines, state),
            _memo("counters", (setup, state.items, state.chops), _counters_line, state)]
    if setup.rules.orders:
        tail.append(_memo("orders", (setup, state.tick, state.orders), _orders_line, state))
    tail.append(ACTIONS_LINE)
    return [_head(state), *_chef_lines(state), "\n".join(t for t in tail if t)]


_PIECES: dict[str, tuple[tuple[Any, ...], str]] = {}


def _memo(name: str, key: tuple[Any, ...], build: Callable[[KitchenState], str], state: KitchenState) -> str:
    """The last piece `name` built, while its inputs are equal (usually the very same objects); else a new one."""
    last = _PIECES.get(name)
    if last is not None and last[0] == key:  # tuple == tests identity first: the same objects cost nothing
        return last[1]
    value = build(state)
    _PIECES[name] = (key, value)
    return value


def _head(state: KitchenState) -> str:
    title, heading, grid, stride = _static(state.setup)
    cells = bytearray(grid)
    for i, chef in enumerate(state.chefs):
        cells[chef.pos[1] * stride + chef.pos[0]] = 48 + i  # the seat's digit
    return (f"{title}{state.tick}/{state.setup.rules.ticks} score {state.score} served {state.served} expired "
            f"{state.expired} fires {state.fires}\n{heading}\n{cells.decode()}")


def _chef_lines(state: KitchenState) -> list[str]:
    chat = state.chat
    return [f"chef{i} at ({chef.pos[0]},{chef.pos[1]}) facing {chef.facing}, holding {chef.held or 'nothing'}"
            + (f', said: "{chat[i]}"' if chat[i] else "") for i, chef in enumerate(state.chefs)]


def _pot_lines(state: KitchenState) -> str:
    return "\n".join(_fast_pot_line(state, p, pot) for p, pot in sorted(state.pots.items()))


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


def _fast_pot_line(state: KitchenState, pos: tuple[int, int], pot: Pot) -> str:
    contents = "+".join(pot.contents) or "-"
    status = pot_status(state, pot)
    if status == "cooking":
        status = f"cooking {max(pot.cooked, 0)}/{state.setup.rules.cook_time} ({soup_name(state, pot.contents)})"
    elif status == "ready":
        burns = _pot_facts(state, pos, pot)["burns_in"]
        status = f"ready ({soup_name(state, pot.contents)} soup)" + (f", burns in {burns}" if burns else "")
    return f"pot ({pos[0]},{pos[1]}): {contents} {status}"
