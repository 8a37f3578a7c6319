"""One kitchen tick: interactions, walking (with collisions), pots, fires and orders.

Order inside a tick: every chef's `interact` in seat order, then every move at once, then the clocks
(pots cook, cooked soups may burn, orders open and expire). Only what changes is copied.
"""

from __future__ import annotations

import numpy as np

from envs.core import Event
from envs.kitchen.layout import CRATES, DIRECTIONS, Pos
from envs.kitchen.state import INGREDIENTS, TEXT_MEMO, Chef, KitchenState, Order, Pot, Scenario, setup, with_fields

_new = tuple.__new__
"""Chef(...) without the Python-level __new__ a NamedTuple has: chefs turn and step every tick."""
_MOVES_OF: dict[tuple[str | None, ...], tuple[str, ...]] = {}
"""Pending moves -> the moves played (no move in is a stay)."""
_NO_MOVES = tuple((None,) * n for n in range(10))
"""No chef's move in yet, for each number of chefs (the pending moves of every new tick)."""


def new_state(scenario: Scenario, rng: np.random.Generator) -> KitchenState:
    kitchen = setup(scenario.layout, scenario.rules)
    starts = kitchen.layout.starts
    items = {p: "extinguisher" for p in kitchen.stations("E")}
    state = KitchenState(
        setup=kitchen, tick=0, chefs=tuple(Chef(p, "up") for p in starts), pending=(None,) * len(starts),
        items=items, chops={}, pots={p: Pot() for p in kitchen.stations("P")}, chat=(None,) * len(starts),
        idle=(0,) * len(starts),
    )
    if kitchen.rules.orders:
        state, _ = _open_order(state, rng)
        state, _ = _open_order(state, rng)
    return state


def soup_name(state: KitchenState, contents: tuple[str, ...]) -> str:
    """The recipe that `contents` make, or "mush" (cookable, worth nothing)."""
    for recipe in state.setup.rules.recipes.values():
        if recipe.ingredients == contents:
            return recipe.name
    return "mush"


def pot_ready(state: KitchenState, pot: Pot) -> bool:
    return not pot.burning and pot.cooked >= state.setup.rules.cook_time


def potable(state: KitchenState, item: str | None) -> str | None:
    """The ingredient `item` is as a pot sees it, if it may go in a pot under these rules."""
    if item is None:
        return None
    if state.setup.rules.chop_steps:
        name = item.removeprefix("chopped ")
        return name if item.startswith("chopped ") and name in INGREDIENTS else None
    return item if item == "onion" else None


class _Tick:
    """The mutable working copy of one tick; `state()` freezes it back."""

    __slots__ = ("chefs", "chops", "copied", "events", "fires", "items", "old", "pots", "score", "served")

    def __init__(self, state: KitchenState) -> None:
        self.old = state
        self.chefs = list(state.chefs)
        self.items, self.chops, self.pots = state.items, state.chops, state.pots
        self.copied: set[str] = set()
        self.score, self.served, self.fires = state.score, state.served, state.fires
        self.events: list[Event] = []

    def writable(self, name: str) -> dict:
        if name not in self.copied:
            self.copied.add(name)
            setattr(self, name, dict(getattr(self, name)))
        return getattr(self, name)

    def state(self, tick: int, pending: tuple[None, ...], idle: tuple[int, ...]) -> KitchenState:
        """The next state: `evolve` by hand (a tick changes what the text shows, so no text memo carries over)."""
        fields = self.old.__dict__.copy()
        fields.pop(TEXT_MEMO, None)
        fields.update(chefs=tuple(self.chefs), items=self.items, chops=self.chops, pots=self.pots, score=self.score,
                      served=self.served, fires=self.fires, tick=tick, pending=pending, idle=idle)
        return with_fields(fields)


def step(state: KitchenState, rng: np.random.Generator) -> tuple[KitchenState, list[Event]]:
    work = _Tick(state)
    moves = _MOVES_OF.get(state.pending)
    if moves is None:  # a few dozen patterns of moves in all: each listed once
        moves = _MOVES_OF[state.pending] = tuple(m or "stay" for m in state.pending)
    if "interact" in moves:
        for seat, move in enumerate(moves):
            if move == "interact":
                _interact(work, seat)
    _walk(work, moves)
    work.pots = _cook(work) if work.pots else work.pots
    idle = tuple(n + (m == "stay") for n, m in zip(state.idle, moves, strict=True)) if "stay" in moves else state.idle
    new = work.state(state.tick + 1, _NO_MOVES[len(moves)], idle)
    if state.setup.rules.orders:
        new = _orders(new, rng, work.events)
    return new, work.events


def _walk(work: _Tick, moves: tuple[str, ...]) -> None:
    steps = work.old.setup.layout.steps
    chefs = work.chefs
    target: list[Pos] | None = None  # made only when a chef steps (a move into a counter only turns it)
    for seat, move in enumerate(moves):
        if move in DIRECTIONS:
            chef = chefs[seat]
            cell = steps.get((chef.pos, move))
            if cell is not None:
                if target is None:
                    target = [c.pos for c in chefs]
                target[seat] = cell
            if chef.facing != move:
                chefs[seat] = _new(Chef, (chef.pos, move, chef.held))
    if target is None:
        return
    start = [c.pos for c in chefs]
    for _ in range(len(target)):
        if not _undo_collisions(start, target):
            break
    for seat, cell in enumerate(target):
        if cell != start[seat]:
            chef = chefs[seat]
            chefs[seat] = _new(Chef, (cell, chef.facing, chef.held))


def _undo_collisions(start: list[Pos], target: list[Pos]) -> bool:
    """Chefs aiming at one cell, or swapping places, all stay where they were. True if anything changed."""
    undone = False
    for a in range(len(target)):
        for b in range(a + 1, len(target)):
            swap = target[a] == start[b] and target[b] == start[a]
            if target[a] == target[b] or swap:
                undone |= target[a] != start[a] or target[b] != start[b]
                target[a], target[b] = start[a], start[b]
    return undone


def _interact(work: _Tick, seat: int) -> None:
    chef = work.chefs[seat]
    dx, dy = DIRECTIONS[chef.facing]
    spot = (chef.pos[0] + dx, chef.pos[1] + dy)
    tile = work.old.setup.tile.get(spot, ".")
    handler = _HANDLERS.get(tile)
    if handler is not None:
        handler(work, seat, spot)


def _did(work: _Tick, seat: int, kind: str, **data: object) -> None:
    """Log what a chef did (the world's events name the chef: chat requests are checked against them)."""
    work.events.append(Event(kind, seat=f"chef{seat}", data=data))


def _hold(work: _Tick, seat: int, item: str | None) -> None:
    chef = work.chefs[seat]
    work.chefs[seat] = Chef(chef.pos, chef.facing, item)


def _crate(work: _Tick, seat: int, spot: Pos) -> None:
    if work.chefs[seat].held is None:
        _hold(work, seat, CRATES[work.old.setup.tile[spot]])
        _did(work, seat, "took", item=CRATES[work.old.setup.tile[spot]])


def _counter(work: _Tick, seat: int, spot: Pos) -> None:
    held, lying = work.chefs[seat].held, work.items.get(spot)
    if held is not None and lying is None:
        work.writable("items")[spot] = held
        _hold(work, seat, None)
        if work.old.setup.tile[spot] == "C" and held in INGREDIENTS:
            work.writable("chops")[spot] = 0
    elif held is None and lying is not None:
        if spot in work.chops:
            _chop(work, seat, spot, lying)
            return
        del work.writable("items")[spot]
        _hold(work, seat, lying)
        _did(work, seat, "took", item=lying)


def _chop(work: _Tick, seat: int, board: Pos, raw: str) -> None:
    done = work.chops[board] + 1
    chops = work.writable("chops")
    if done < work.old.setup.rules.chop_steps:
        chops[board] = done
        return
    del chops[board]
    work.writable("items")[board] = f"chopped {raw}"
    _did(work, seat, "chopped", ingredient=raw, at=list(board))


def _pot(work: _Tick, seat: int, spot: Pos) -> None:
    pot, held, state = work.pots[spot], work.chefs[seat].held, work.old
    ingredient = potable(state, held)
    if pot.burning:
        if held == "extinguisher":
            work.writable("pots")[spot] = Pot()
            _did(work, seat, "fire_out", pot=list(spot))
    elif pot.cooked < 0 and ingredient is not None and len(pot.contents) < 3:
        contents = tuple(sorted((*pot.contents, ingredient)))
        work.writable("pots")[spot] = Pot(contents, 0 if len(contents) == 3 else -1)
        _hold(work, seat, None)
        _did(work, seat, "added", ingredient=ingredient, pot=list(spot))
        if len(contents) == 3:
            _did(work, seat, "cooking", soup=soup_name(state, contents), pot=list(spot))
    elif pot.cooked < 0 and held is None and len(pot.contents) >= 2 and state.setup.rules.chop_steps:
        work.writable("pots")[spot] = Pot(pot.contents, 0)
        _did(work, seat, "cooking", soup=soup_name(state, pot.contents), pot=list(spot))
    elif held == "plate" and pot_ready(state, pot):
        work.writable("pots")[spot] = Pot()
        _hold(work, seat, f"{soup_name(state, pot.contents)} soup")
        _did(work, seat, "plated", soup=soup_name(state, pot.contents))


def _window(work: _Tick, seat: int, spot: Pos) -> None:
    held = work.chefs[seat].held
    if held is None or not held.endswith(" soup"):
        return
    _hold(work, seat, None)
    points = _serve_points(work, held.removesuffix(" soup"))
    work.score += points
    work.served += points > 0
    _did(work, seat, "served", soup=held.removesuffix(" soup"), points=points)


def _serve_points(work: _Tick, soup: str) -> int:
    state, rules = work.old, work.old.setup.rules
    if not rules.orders:
        return rules.recipes[soup].reward if soup in rules.recipes else 0
    for order in state.orders:
        if order.recipe == soup:
            work.old = state.evolve(orders=tuple(o for o in state.orders if o is not order))
            left, span = order.deadline - state.tick, order.deadline - order.opened
            return rules.recipes[soup].reward + (rules.tip if 2 * left >= span else 0)
    return 0


def _bin(work: _Tick, seat: int, spot: Pos) -> None:
    if work.chefs[seat].held not in (None, "extinguisher"):
        _hold(work, seat, None)


_HANDLERS = {"O": _crate, "T": _crate, "L": _crate, "D": _crate, "#": _counter, "C": _counter,
             "E": _counter, "P": _pot, "S": _window, "B": _bin}


def _cook(work: _Tick) -> dict[Pos, Pot]:
    rules = work.old.setup.rules
    pots = work.pots
    for spot, pot in work.pots.items():
        if pot.cooked < 0 or pot.burning or (rules.burn_after is None and pot.cooked >= rules.cook_time):
            continue
        cooked = pot.cooked + 1
        burning = rules.burn_after is not None and cooked > rules.cook_time + rules.burn_after
        pots = dict(pots) if pots is work.pots else pots
        pots[spot] = Pot(() if burning else pot.contents, cooked, burning)
        if burning:
            work.fires += 1
            work.score -= rules.fire_penalty
            work.events.append(Event("fire", data={"pot": list(spot)}))
    return pots


def _orders(state: KitchenState, rng: np.random.Generator, events: list[Event]) -> KitchenState:
    rules = state.setup.rules
    late = [o for o in state.orders if o.deadline <= state.tick]
    if late:
        events.extend(Event("order_expired", data={"recipe": o.recipe}) for o in late)
        state = state.evolve(orders=tuple(o for o in state.orders if o.deadline > state.tick),
                             expired=state.expired + len(late), score=state.score - rules.expire_penalty * len(late))
    if len(state.orders) < rules.max_orders and (state.tick >= state.next_order or not state.orders):
        state, order = _open_order(state, rng)
        events.append(Event("order", data={"recipe": order.recipe, "deadline": order.deadline}))
    return state


def _open_order(state: KitchenState, rng: np.random.Generator) -> tuple[KitchenState, Order]:
    rules = state.setup.rules
    names = sorted(rules.recipes)
    recipe = rules.recipes[names[int(rng.integers(len(names)))]]
    order = Order(recipe.name, state.tick + rules.order_time[len(recipe.ingredients)], state.tick)
    gap = int(rng.integers(rules.order_gap[0], rules.order_gap[1] + 1))
    return state.evolve(orders=(*state.orders, order), next_order=state.tick + gap), order
