"""The expert's choice of macro: finish what is in hand, then what the kitchen needs most, counting what
partners already hold so two experts (or an expert and anyone) split the work instead of duplicating it."""

from __future__ import annotations

from collections import Counter

from envs.kitchen.dynamics import pot_ready, potable, soup_name
from envs.kitchen.macros import can_begin
from envs.kitchen.plans import still_needs
from envs.kitchen.state import INGREDIENTS, KitchenState, Pot


def _ok(state: KitchenState, seat: int, macro: str) -> bool:
    return can_begin(state, seat, macro).feasible


def _first(state: KitchenState, seat: int, macros: list[str], fallback: str = "wait") -> str:
    return next((m for m in macros if _ok(state, seat, m)), fallback)


def _partners_hold(state: KitchenState, seat: int) -> Counter[str]:
    return Counter(c.held for i, c in enumerate(state.chefs) if i != seat and c.held)


def _lying_for_partner(state: KitchenState, seat: int, item: str) -> int:
    """How many `item`s already lie where a partner can pick them up."""
    layout = state.setup.layout
    partners = [c.pos for i, c in enumerate(state.chefs) if i != seat]
    return sum(lying == item and any(layout.reachable(p, spot) for p in partners)
               for spot, lying in state.items.items())


def _near_pot(state: KitchenState, seat: int) -> bool:
    return any(state.setup.layout.reachable(state.chefs[seat].pos, p) for p in state.pots)


def _handover(state: KitchenState, seat: int, item: str, need: int = 1) -> str | None:
    """Fetch `item` to pass it over a counter, unless `need` of them already wait there."""
    if _ok(state, seat, f"fetch {item}") and _lying_for_partner(state, seat, item) < need:
        return f"fetch {item}"
    return None


def classic_choice(state: KitchenState, seat: int) -> str:
    partners = _partners_hold(state, seat)
    room = sum(3 - len(p.contents) for p in state.pots.values() if p.cooked < 0) - partners["onion"]
    soups = sum(p.cooked >= 0 for p in state.pots.values())
    upcoming = soups + sum(p.cooked < 0 and p.contents != () for p in state.pots.values())
    held = state.chefs[seat].held
    if held is not None:
        return _classic_held(state, seat, held, upcoming if soups or room <= 0 else 0)
    if soups > partners["plate"] and _ok(state, seat, "plate soup"):
        return "plate soup"
    if room > 0 and _ok(state, seat, "fill pot"):
        return "fill pot"
    if upcoming > partners["plate"] + partners["onion soup"] and _near_pot(state, seat) \
            and _ok(state, seat, "fetch plate"):
        return "fetch plate"
    for item, need in (("onion", room), ("plate", soups - partners["plate"])):
        if need > 0 and (handover := _handover(state, seat, item, need)):
            return handover
    return "wait"


def _classic_held(state: KitchenState, seat: int, held: str, upcoming: int) -> str:
    if held == "plate":
        return _first(state, seat, ["plate soup"], "wait" if upcoming and _near_pot(state, seat) else "drop")
    wanted = {"onion soup": "serve", "onion": "fill pot"}.get(held, "drop")
    return _first(state, seat, [wanted, "drop"])


def orders_choice(state: KitchenState, seat: int) -> str:
    if any(p.burning for p in state.pots.values()) and _ok(state, seat, "putout"):
        return "putout"
    held = state.chefs[seat].held
    if held is not None:
        return _use_held(state, seat, held)
    partners = _partners_hold(state, seat)
    ready = [soup_name(state, p.contents) for p in state.pots.values() if pot_ready(state, p)]
    cooking = [soup_name(state, p.contents) for p in state.pots.values() if p.cooked >= 0 and not p.burning]
    plates_short = len(cooking) - partners["plate"]
    if len(ready) > partners["plate"]:
        move = _first(state, seat, [f"plate {s}" for s in ready], "")
        if move:
            return move
    if plates_short > 0 and (handover := _handover(state, seat, "plate", plates_short)) and not _near_pot(state, seat):
        return handover
    move = _first(state, seat, [f"cook {r}" for r in (*state.setup.rules.recipes, "mush")], "")
    move = move or _fill_plans(state, seat)
    if move == "wait" and plates_short > 0:
        move = _first(state, seat, [f"plate {s}" for s in cooking])
    if move == "wait" and _counters_clogged(state, seat):
        move = _first(state, seat, [f"chop {i}" for i in INGREDIENTS])
    return move


def _counters_clogged(state: KitchenState, seat: int) -> bool:
    """A partner on the other side of the counters waits with something in hand and every counter
    between us is taken: clear one by chopping what lies there (better a spare chopped ingredient than
    a stalled kitchen)."""
    region, me = state.setup.layout.region, state.chefs[seat].pos
    apart_and_waiting = any(c.held and region[c.pos] != region[me] for i, c in enumerate(state.chefs) if i != seat)
    return apart_and_waiting and _free_shared(state, seat) == 0


def _use_held(state: KitchenState, seat: int, held: str) -> str:
    ordered = [o.recipe for o in state.orders]
    if held.endswith(" soup"):
        soup = held.removesuffix(" soup")
        # A soup nobody ordered still goes out (for nothing) when there is no bin: it frees hands and pot.
        return _first(state, seat, [f"serve {soup}"] if soup in ordered else ["trash", f"serve {soup}", "drop"])
    if held == "plate":
        pots = [soup_name(state, p.contents) for p in _by_readiness(state)]
        return _first(state, seat, [f"plate {s}" for s in pots] + ["drop"])
    ingredient = potable(state, held)
    if ingredient is not None:
        planned = list(dict.fromkeys(pot_plans(state).values()))
        return _first(state, seat, [f"prepare {r}" for r in planned] + ["drop", "trash"])
    if held in INGREDIENTS:
        return _first(state, seat, [f"chop {held}", "drop"])
    return _first(state, seat, ["drop", "trash"])


def _by_readiness(state: KitchenState) -> list[Pot]:
    pots = [p for p in state.pots.values() if p.cooked >= 0 and not p.burning]
    return sorted(pots, key=lambda p: -p.cooked)


def _wanted_recipes(state: KitchenState) -> list[str]:
    """Recipes by urgency: open orders soonest-due first, then the others."""
    ordered = [o.recipe for o in sorted(state.orders, key=lambda o: o.deadline)]
    return list(dict.fromkeys(ordered + sorted(state.setup.rules.recipes)))


def pot_plans(state: KitchenState) -> dict[tuple[int, int], str]:
    """The soup each pot is on its way to: a filling pot keeps a recipe its contents fit, an empty pot
    takes an open order no other pot covers; among those, orders first, then the recipe whose missing
    ingredients are already chopped or on their way, then the most urgent."""
    recipes = state.setup.rules.recipes
    wanted = _wanted_recipes(state)
    open_orders = Counter(o.recipe for o in state.orders)
    covered = Counter(soup_name(state, p.contents) for p in state.pots.values() if p.cooked >= 0)
    transit = _in_transit(state)
    plans: dict[tuple[int, int], str] = {}

    def rank(pot: Pot, recipe: str) -> tuple[bool, int, int]:
        ready = sum(min(transit[i], n) for i, n in Counter(still_needs(recipes[recipe].ingredients, pot)).items())
        return open_orders[recipe] <= covered[recipe], -ready, wanted.index(recipe)

    for filling in (True, False):
        for spot, pot in sorted(state.pots.items()):
            if pot.cooked >= 0 or pot.burning or bool(pot.contents) != filling:
                continue
            fitting = [r for r in wanted if still_needs(recipes[r].ingredients, pot)]
            if not filling:
                fitting = [r for r in fitting if open_orders[r] > covered[r]]
            if fitting:
                plans[spot] = min(fitting, key=lambda r: rank(pot, r))
                covered[plans[spot]] += 1
    return plans


def _fill_plans(state: KitchenState, seat: int) -> str:
    """Bring the planned pots closer to full: prepare, chop, or hand over what a partner needs."""
    plans = pot_plans(state)
    needed, missing = _needs(state, plans)
    return (_prepare(state, seat, plans) or _chop(state, seat, needed, missing)
            or _pass_over(state, seat, needed, missing) or "wait")


def _needs(state: KitchenState, plans: dict[tuple[int, int], str]) -> tuple[set[str], list[str]]:
    """Ingredients the planned pots still need, and those of them nobody has yet (not even raw)."""
    recipes, transit = state.setup.rules.recipes, _in_transit(state)
    needed: set[str] = set()
    missing: list[str] = []
    for spot, recipe in plans.items():
        for ingredient in still_needs(recipes[recipe].ingredients, state.pots[spot]):
            needed.add(ingredient)
            if transit[ingredient] > 0:
                transit[ingredient] -= 1
            else:
                missing.append(ingredient)
    return needed, missing


def _prepare(state: KitchenState, seat: int, plans: dict[tuple[int, int], str]) -> str | None:
    chopped = {potable(state, item) for item in state.items.values()}
    for recipe in plans.values():
        if chopped & set(state.setup.rules.recipes[recipe].ingredients) and _ok(state, seat, f"prepare {recipe}"):
            return f"prepare {recipe}"
    return None


def _chop(state: KitchenState, seat: int, needed: set[str], missing: list[str]) -> str | None:
    """Chop what was handed over or is missing; if a spare chopped ingredient blocks the boards, lift it."""
    handed = {item for spot, item in state.items.items() if item in needed and spot not in state.chops}
    for ingredient in [*sorted(handed), *missing]:
        if _ok(state, seat, f"chop {ingredient}"):
            return f"chop {ingredient}"
    if handed or missing:
        on_boards = {potable(state, state.items.get(b)) for b in state.setup.stations("C")}
        spare = sorted(on_boards - needed - {None})
        if spare and _ok(state, seat, f"fetch chopped {spare[0]}"):
            return f"fetch chopped {spare[0]}"
    return None


def _pass_over(state: KitchenState, seat: int, needed: set[str], missing: list[str]) -> str | None:
    """Across a counter wall: pass chopped ingredients to the pots' side, raw ones to the boards' side,
    one kind at a time and keeping a counter free for a plate while soup cooks."""
    for ingredient in sorted(needed):
        if handover := _handover(state, seat, f"chopped {ingredient}"):
            if any(potable(state, item) == ingredient for item in state.items.values()):
                return handover
    raw_waiting = sum(_lying_for_partner(state, seat, i) for i in set(missing))
    keep_for_plates = any(p.cooked >= 0 for p in state.pots.values())
    if raw_waiting or _free_shared(state, seat) <= keep_for_plates:
        return None
    if not _partner_reaches_any(state, seat, state.setup.stations("C")):
        return None
    return next((h for i in missing if (h := _handover(state, seat, i))), None)


def _free_shared(state: KitchenState, seat: int) -> int:
    """Free counters both this chef and a partner can reach (while soup cooks, one is kept for a plate)."""
    layout, here = state.setup.layout, state.chefs[seat].pos
    free = [p for p in state.setup.stations("#") if p not in state.items and layout.reachable(here, p)]
    return sum(_partner_reaches_any(state, seat, (p,)) for p in free)


def _partner_reaches_any(state: KitchenState, seat: int, stations: tuple) -> bool:
    layout = state.setup.layout
    return any(layout.reachable(c.pos, s) for i, c in enumerate(state.chefs) if i != seat for s in stations)


def _in_transit(state: KitchenState) -> Counter[str]:
    """Ingredients already on their way to a pot: chopped or being chopped, lying or held by anyone."""
    transit: Counter[str] = Counter()
    for item in [*state.items.values(), *(c.held for c in state.chefs if c.held)]:
        name = item.removeprefix("chopped ")
        if name in INGREDIENTS:
            transit[name] += 1
    return transit
