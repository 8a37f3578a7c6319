"""A Kitchen `frame` (the public facts the runner logs) drawn back: as the observation text and as the rgb
picture, both by the world's own view and renderer, from a state rebuilt out of the frame."""

from __future__ import annotations

from typing import Any

import numpy as np

from envs.kitchen import render, view
from envs.kitchen.state import Chef, KitchenState, Order, Pot, setup


def state_of(frame: dict[str, Any]) -> KitchenState:
    """A state that shows what `frame` shows (what a frame does not hold, such as pending moves, is empty)."""
    tick, chefs = int(frame["tick"]), frame["chefs"]
    pots = {tuple(p["pos"]): Pot(tuple(p["contents"]), p["cooked"] if p["status"] not in ("empty", "filling") else -1,
                                 p["status"] == "burning") for p in frame["pots"]}
    items = {tuple(i["pos"]): i["item"] for i in frame["items"]}
    chops = {tuple(i["pos"]): i["chops"] for i in frame["items"] if i.get("chops") is not None}
    orders = tuple(Order(o["recipe"], tick + int(o["ticks_left"]), tick) for o in frame["orders"])
    return KitchenState(setup=setup(frame["layout"], frame["rules"]), tick=tick,
                        chefs=tuple(Chef(tuple(c["pos"]), c["facing"], c["held"]) for c in chefs),
                        pending=(None,) * len(chefs), items=items, chops=chops, pots=pots, orders=orders,
                        score=frame["score"], served=frame["served"], expired=frame["expired"], fires=frame["fires"],
                        chat=tuple(c["said"] for c in chefs), idle=(0,) * len(chefs))


def text(frame: dict[str, Any]) -> str:
    """The observation text, as no chef in particular (no "(you)")."""
    return view.text(state_of(frame), -1)


def rgb(frame: dict[str, Any]) -> np.ndarray:
    return render.rgb(state_of(frame))
