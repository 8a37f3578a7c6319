"""Kitchen's observation text as it was built before the fast path (issue 19): the oracle the fast text must
equal, kept verbatim from envs/kitchen/view.py."""

from __future__ import annotations

from typing import Any

from envs.kitchen.state import KitchenState
from envs.kitchen.view import ACTIONS_LINE, facts, legend


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
