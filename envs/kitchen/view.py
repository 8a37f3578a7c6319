"""What a chef sees: the exact facts of a kitchen as a dict and as compact text for a model."""

from __future__ import annotations

from typing import Any

from envs.core.world import Observation, Status
from envs.kitchen.dynamics import pot_ready, soup_name
from envs.kitchen.state import MOVES, KitchenState, Pot

_LEGEND = {".": "floor", "#": "counter", "O": "onions", "T": "tomatoes", "L": "lettuce", "D": "plates", "P": "pot",
           "S": "window", "C": "board", "B": "bin", "E": "extinguisher counter"}
ACTIONS_LINE = "actions: " + " ".join(MOVES) + "; say <text> (chat, does not use your move)"


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
    """The facts as compact lines; pass `view` (from `facts`) when you have it, to build it once."""
    view = view or facts(state, seat)
    lines = [
        f"kitchen {view['rules']}/{view['layout']} tick {view['tick']}/{view['ticks']} score {view['score']}"
        f" served {view['served']} expired {view['expired']} fires {view['fires']}",
        f"map (x right, y down; digits are chefs; {legend(state)}):",
        *view["map"],
    ]
    for chef in view["chefs"]:
        you = " (you)" if chef["seat"] == view["you"] else ""
        said = f', said: "{chef["said"]}"' if chef["said"] else ""
        lines.append(f"{chef['seat']}{you} at {_xy(chef['pos'])} facing {chef['facing']},"
                     f" holding {chef['held'] or 'nothing'}{said}")
    lines += [_pot_line(p) for p in view["pots"]]
    lines.append("on counters: " + ("; ".join(_item_line(i) for i in view["items"]) or "nothing"))
    if state.setup.rules.orders:
        lines.append("orders: " + ("; ".join(_order_line(o) for o in view["orders"]) or "none open"))
    lines.append(ACTIONS_LINE)
    return "\n".join(lines)


def _xy(pos: list[int]) -> str:
    return f"({pos[0]},{pos[1]})"


def _pot_line(pot: dict[str, Any]) -> str:
    contents = "+".join(pot["contents"]) or "-"
    status = pot["status"]
    if status == "cooking":
        status = f"cooking {pot['cooked']}/{pot['cook_time']} ({pot['soup']})"
    elif status == "ready":
        status = f"ready ({pot['soup']} soup)" + (f", burns in {pot['burns_in']}" if pot["burns_in"] else "")
    return f"pot {_xy(pot['pos'])}: {contents} {status}"


def _item_line(item: dict[str, Any]) -> str:
    chops = f" (chopped {item['chops']} times)" if item["chops"] is not None else ""
    return f"{_xy(item['pos'])} {item['item']}{chops}"


def _order_line(order: dict[str, Any]) -> str:
    return f"{order['recipe']} soup ({'+'.join(order['ingredients'])}) {order['reward']} pts," \
           f" {order['ticks_left']} ticks left"
