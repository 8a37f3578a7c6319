"""What a chef sees: the exact facts of a kitchen as a dict and as compact text for a model."""

from __future__ import annotations

from typing import Any

from envs.core.world import Observation, Status
from envs.kitchen import lines
from envs.kitchen.dynamics import soup_name
from envs.kitchen.lines import ACTIONS_LINE, burns_in, pot_status
from envs.kitchen.state import KitchenState, Pot

_LEGEND = lines.LEGEND
__all__ = ["ACTIONS_LINE", "facts", "grid", "legend", "pot_status", "public", "seat_name", "text"]


def seat_name(index: int) -> str:
    return f"chef{index}"


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
    return {"pos": list(pos), "contents": list(pot.contents), "status": pot_status(state, pot),
            "cooked": max(pot.cooked, 0), "cook_time": state.setup.rules.cook_time,
            "soup": soup_name(state, pot.contents) if pot.contents else None, "burns_in": burns_in(state, pot)}


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
    """The facts as compact lines (built straight from the state, see lines.py; `view` is accepted for callers
    that have the facts: the text does not need them)."""
    return lines.text(state, seat)
