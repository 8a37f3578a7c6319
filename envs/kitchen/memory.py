"""Kitchen for the memory of past games: the signature is what a cook decides on (who holds what, the
pots, the open orders), not where the chefs stand; the compact observation adds the positions."""

from __future__ import annotations

import json
from typing import Any

from envs.core.abstraction import Abstraction


def abstract(view: dict[str, Any]) -> Abstraction:
    data = view.get("data") or {}
    you = data.get("you")
    chefs = data.get("chefs") or []
    mine = next((c for c in chefs if c.get("seat") == you), {})
    others = [c.get("held") or "-" for c in chefs if c.get("seat") != you]
    pots = [f"{'+'.join(p.get('contents') or []) or 'empty'} {p.get('status')}" for p in data.get("pots") or []]
    orders = sorted(str(o.get("recipe")) for o in data.get("orders") or [])
    held = mine.get("held") or "nothing"
    signature = json.dumps([held, others, pots, orders])
    pos = mine.get("pos") or ["?", "?"]
    compact = (f"holding {held} at ({pos[0]},{pos[1]}) facing {mine.get('facing', '?')} | partner holds "
               f"{', '.join(others) or '-'} | pots {'; '.join(pots) or '-'} | orders {', '.join(orders) or '-'}")
    return Abstraction(signature, compact, f"serve soups ({data.get('rules', '')} rules)")
