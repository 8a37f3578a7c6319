"""What each macro wants next, read afresh from the kitchen every tick (so a partner's help or
interference is taken into account): done, failed (why, what is missing), or a set of stations to use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from envs.kitchen.dynamics import pot_ready, potable, soup_name
from envs.kitchen.layout import Pos
from envs.kitchen.state import INGREDIENTS, KitchenState, Pot


@dataclass
class Memory:
    """What a running macro remembers: what it has held and the stations it has used."""

    held: set[str] = field(default_factory=set)
    used: list[Pos] = field(default_factory=list)


@dataclass(frozen=True)
class Done:
    pass


@dataclass(frozen=True)
class Failed:
    reason: str
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Goal:
    """Walk to one of `stations` (the nearest reachable) and interact with it."""

    stations: tuple[Pos, ...]
    doing: str


Step = Done | Failed | Goal
Plan = Callable[["Context"], Step]


@dataclass
class Context:
    state: KitchenState
    seat: int
    arg: str
    memory: Memory

    @property
    def held(self) -> str | None:
        return self.state.chefs[self.seat].held

    def reachable(self, stations: list[Pos] | tuple[Pos, ...]) -> tuple[Pos, ...]:
        layout, here = self.state.setup.layout, self.state.chefs[self.seat].pos
        return tuple(s for s in stations if layout.reachable(here, s))

    def goal(self, stations: list[Pos] | tuple[Pos, ...], doing: str, missing: str) -> Step:
        near = self.reachable(stations)
        return Goal(near, doing) if near else Failed(f"no {missing} within reach", (missing,))

    def sources(self, item: str) -> list[Pos]:
        """Crates of `item` and counters where one lies (not a raw ingredient still on a board)."""
        found = list(self.state.setup.crates(item))
        found += [p for p, lying in self.state.items.items() if lying == item and p not in self.state.chops]
        return found

    def pots(self, test: Callable[[Pot], bool]) -> list[Pos]:
        return [p for p, pot in self.state.pots.items() if test(pot)]

    def soup_pots(self, soup: str | None) -> list[Pos]:
        """Pots cooking or holding `soup` (any recipe when None), ready ones first."""
        state = self.state
        pots = self.pots(lambda pot: pot.cooked >= 0 and not pot.burning
                         and (soup is None or soup_name(state, pot.contents) == soup))
        return sorted(pots, key=lambda p: not pot_ready(state, state.pots[p]))

    def empty_counters(self, kinds: str = "#") -> list[Pos]:
        state = self.state
        return [p for p in state.setup.stations(kinds) if p not in state.items]


def _remember(ctx: Context) -> None:
    if ctx.held is not None:
        ctx.memory.held.add(ctx.held)


def fetch(ctx: Context) -> Step:
    """Take `item` from its crate, or from a counter when no crate is within reach (so a chef handing
    things over a counter never takes back what it just put there)."""
    item = ctx.arg
    if ctx.held == item:
        return Done()
    if ctx.held is not None:
        return Failed(f"hands are full ({ctx.held}); drop it first", ("empty hands",))
    crates = ctx.reachable(ctx.state.setup.crates(item))
    lying = ctx.reachable(ctx.sources(item))
    only_mine = [p for p in lying if not _partner_reaches(ctx, p)]
    return ctx.goal(crates or only_mine or lying, f"taking {item}", item)


def fill_pot(ctx: Context) -> Step:
    """Classic: put an onion (fetched first if needed) into a pot with room."""
    _remember(ctx)
    if ctx.held is None and "onion" in ctx.memory.held:
        return Done()
    room = ctx.pots(lambda pot: pot.cooked < 0 and len(pot.contents) < 3)
    if not ctx.reachable(room):
        return Failed("no pot with room within reach", ("pot with room",))
    if ctx.held == "onion":
        return ctx.goal(room, "putting the onion in a pot", "pot with room")
    if ctx.held is not None:
        return Failed(f"hands are full ({ctx.held})", ("empty hands",))
    return ctx.goal(ctx.sources("onion"), "taking an onion", "onion")


def plate(ctx: Context) -> Step:
    """Put a cooked (or cooking: wait by the pot) soup on a plate, fetching the plate first if needed."""
    soup = ctx.arg or None
    if ctx.held is not None and ctx.held.endswith(" soup"):
        return Done() if soup is None or ctx.held == f"{soup} soup" else Failed(f"holding {ctx.held}")
    pots = ctx.reachable(ctx.soup_pots(soup))
    if not pots:
        return Failed(f"no {soup or 'onion'} soup cooking within reach", (f"{soup or 'onion'} soup cooking",))
    if ctx.held == "plate":
        return Goal(pots, "putting soup on the plate")
    if ctx.held is not None:
        return Failed(f"hands are full ({ctx.held})", ("empty hands",))
    return ctx.goal(ctx.sources("plate"), "taking a plate", "plate")


def serve(ctx: Context) -> Step:
    _remember(ctx)
    soup = f"{ctx.arg} soup" if ctx.arg else None
    if ctx.held is None and any(h.endswith(" soup") for h in ctx.memory.held):
        return Done()
    if ctx.held is None or not ctx.held.endswith(" soup") or (soup and ctx.held != soup):
        return Failed(f"not holding {soup or 'a soup'}", (soup or "soup in hand",))
    return ctx.goal(ctx.state.setup.stations("S"), f"serving {ctx.held}", "serving window")


def drop(ctx: Context) -> Step:
    """Put what you hold on the nearest free counter; prefer counters the partner can also reach."""
    _remember(ctx)
    if ctx.held is None:
        return Done() if ctx.memory.held else Failed("hands are empty", ("something in hand",))
    counters = ctx.empty_counters("#E" if ctx.held == "extinguisher" else "#")
    shared = [c for c in ctx.reachable(counters) if _partner_reaches(ctx, c)]
    return ctx.goal(shared or counters, f"putting {ctx.held} down", "free counter")


def _partner_reaches(ctx: Context, station: Pos) -> bool:
    layout = ctx.state.setup.layout
    return all(layout.reachable(c.pos, station) for i, c in enumerate(ctx.state.chefs) if i != ctx.seat)


def trash(ctx: Context) -> Step:
    _remember(ctx)
    if ctx.held is None:
        return Done() if ctx.memory.held else Failed("hands are empty", ("something in hand",))
    if ctx.held == "extinguisher":
        return Failed("the extinguisher does not go in the bin; use drop")
    return ctx.goal(ctx.state.setup.stations("B"), f"binning {ctx.held}", "bin")


def chop(ctx: Context) -> Step:
    """Orders: bring a raw ingredient to a free board and chop it until it is chopped (left on the board)."""
    raw = ctx.arg
    state = ctx.state
    chopping = [b for b, n in state.chops.items() if state.items.get(b) == raw]
    if ctx.memory.used and ctx.held is None and not any(b in chopping for b in ctx.memory.used):
        return Done()
    if ctx.held == raw:
        return ctx.goal(ctx.empty_counters("C"), f"putting {raw} on a board", "free cutting board")
    if ctx.held is not None:
        return Failed(f"hands are full ({ctx.held})", ("empty hands",))
    if ctx.reachable(chopping):
        return Goal(ctx.reachable(chopping), f"chopping {raw}")
    if not ctx.reachable(ctx.empty_counters("C")):
        return Failed("no free cutting board within reach", ("free cutting board",))
    return ctx.goal(ctx.sources(raw), f"taking {raw}", raw)


def still_needs(recipe: tuple[str, ...], pot: Pot) -> list[str]:
    """Ingredients `pot` still needs to become `recipe` ([] if it cannot)."""
    if pot.cooked >= 0 or pot.burning:
        return []
    left = list(recipe)
    for ingredient in pot.contents:
        if ingredient not in left:
            return []
        left.remove(ingredient)
    return left


def prepare(ctx: Context) -> Step:
    """Orders: put one chopped ingredient the soup still needs into a pot on its way to that soup."""
    _remember(ctx)
    recipe = ctx.state.setup.rules.recipes[ctx.arg].ingredients
    if ctx.held is None and any(h.startswith("chopped ") for h in ctx.memory.held):
        return Done()
    needs = {p: still_needs(recipe, pot) for p, pot in ctx.state.pots.items()}
    needs = {p: left for p, left in needs.items() if left and p in ctx.reachable([p])}
    wanted = {i for left in needs.values() for i in left}
    if not wanted:
        return Failed(f"no pot within reach can become {ctx.arg} soup", (f"free pot for {ctx.arg} soup",))
    if ctx.held is not None:
        ingredient = potable(ctx.state, ctx.held)
        if ingredient not in wanted:
            return Failed(f"{ctx.held} is not needed for {ctx.arg} soup", tuple(f"chopped {i}" for i in wanted))
        return ctx.goal([p for p, left in needs.items() if ingredient in left], "filling the pot", "pot")
    lying = [p for p, item in ctx.state.items.items() if potable(ctx.state, item) in wanted]
    return ctx.goal(lying, "taking a chopped ingredient", " or ".join(f"chopped {i}" for i in sorted(wanted)))


def cook(ctx: Context) -> Step:
    """Orders: start cooking a pot that holds exactly the soup's ingredients; `cook mush` starts a pot
    whose ingredients make no recipe at all (the only way to empty it)."""
    if any(ctx.state.pots[p].cooked >= 0 for p in ctx.memory.used if p in ctx.state.pots):
        return Done()
    if ctx.held is not None:
        return Failed(f"hands are full ({ctx.held})", ("empty hands",))
    if ctx.arg == "mush":
        stuck = ctx.pots(lambda pot: is_mush(ctx.state, pot))
        return ctx.goal(stuck, "starting a pot of mush", "pot of ingredients that make no recipe")
    recipe = ctx.state.setup.rules.recipes[ctx.arg].ingredients
    full = ctx.pots(lambda pot: pot.cooked < 0 and not pot.burning and pot.contents == recipe)
    return ctx.goal(full, f"starting {ctx.arg} soup", f"pot filled with {'+'.join(recipe)}")


def is_mush(state: KitchenState, pot: Pot) -> bool:
    """A pot not yet cooking whose two or more ingredients are, and can become, no recipe."""
    if pot.cooked >= 0 or pot.burning or len(pot.contents) < 2:
        return False
    recipes = state.setup.rules.recipes.values()
    return all(r.ingredients != pot.contents and not still_needs(r.ingredients, pot) for r in recipes)


def putout(ctx: Context) -> Step:
    """Orders: fetch the extinguisher, put out the burning pot(s), put the extinguisher down."""
    _remember(ctx)
    burning = ctx.pots(lambda pot: pot.burning)
    if not burning:
        if ctx.held == "extinguisher":
            return drop(ctx)
        return Done() if "extinguisher" in ctx.memory.held else Failed("nothing is burning")
    if ctx.held == "extinguisher":
        return ctx.goal(burning, "putting out the fire", "burning pot")
    if ctx.held is not None:
        return Failed(f"hands are full ({ctx.held})", ("empty hands",))
    return ctx.goal(ctx.sources("extinguisher"), "taking the extinguisher", "extinguisher")


def wait(ctx: Context) -> Step:
    return Done()


CLASSIC_PLANS: dict[str, tuple[Plan, tuple[str, ...]]] = {
    "fetch": (fetch, ("onion", "plate")), "fill": (fill_pot, ("pot",)), "plate": (plate, ("soup",)),
    "serve": (serve, ("",)), "drop": (drop, ("",)), "wait": (wait, ("",)),
}
ORDERS_PLANS: dict[str, tuple[Plan, tuple[str, ...]]] = {
    "fetch": (fetch, (*INGREDIENTS, *(f"chopped {i}" for i in INGREDIENTS), "plate")),
    "chop": (chop, INGREDIENTS), "prepare": (prepare, ()),
    "cook": (cook, ()), "plate": (plate, ()), "serve": (serve, ()), "putout": (putout, ("",)),
    "drop": (drop, ("",)), "trash": (trash, ("",)), "wait": (wait, ("",)),
}
