"""Kitchen's data: the two rule sets, the scenario, and the (copy-on-write) game state."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from envs.kitchen.layout import CRATES, Layout, Pos, load

MOVES = ("up", "down", "left", "right", "stay", "interact")
PASS, STAY = "pass", "stay"  # `pass` is every world's "do nothing"; the dynamics keep calling it stay
LISTED_MOVES = tuple(PASS if m == STAY else m for m in MOVES)
INGREDIENTS = ("onion", "tomato", "lettuce")
CHAT_LIMIT = 300
TEXT_MEMO = "_text"
"""Where a state keeps its observation text once built (view.text): outside the dataclass fields."""
TEXT_BLIND = frozenset({"pending", "next_order", "idle", "requests", "asked", "followed"})
"""Fields the text does not show: a state that changes only these keeps its text."""


@dataclass(frozen=True)
class Recipe:
    """A soup: its sorted ingredients and what serving it for an order pays."""

    name: str
    ingredients: tuple[str, ...]
    reward: int


@dataclass(frozen=True)
class RuleSet:
    name: str
    ticks: int
    cook_time: int
    recipes: dict[str, Recipe]
    chop_steps: int = 0
    """Interacts on a cutting board to chop one ingredient; 0 = ingredients go in the pot raw."""
    burn_after: int | None = None
    """Ticks a cooked soup may wait in its pot before it catches fire; None = never."""
    orders: bool = False
    max_orders: int = 3
    order_gap: tuple[int, int] = (100, 200)
    order_time: dict[int, int] = field(default_factory=dict)
    """Ingredient count -> ticks an order stays open."""
    tip: int = 5
    expire_penalty: int = 5
    fire_penalty: int = 5
    active_tiles: str = "#OTLDPSCBE"
    """Tiles with their own behaviour; the others act as plain counters."""


CLASSIC = RuleSet(
    name="classic", ticks=400, cook_time=20,
    recipes={"onion": Recipe("onion", ("onion",) * 3, 20)},
    active_tiles="#ODPS",
)
ORDERS = RuleSet(
    name="orders", ticks=1000, cook_time=20, chop_steps=8, burn_after=60, orders=True,
    order_time={2: 300, 3: 400},
    recipes={
        "onion": Recipe("onion", ("onion",) * 3, 20),
        "tomato": Recipe("tomato", ("tomato",) * 3, 20),
        "mixed": Recipe("mixed", ("onion", "tomato"), 15),
        "garden": Recipe("garden", ("lettuce", "tomato"), 15),
    },
)
RULE_SETS = {"classic": CLASSIC, "orders": ORDERS}


@dataclass(frozen=True, eq=False)
class Setup:
    """A layout under a rule set: each tile's effective behaviour (inactive stations are counters)."""

    layout: Layout
    rules: RuleSet
    tile: dict[Pos, str]

    def stations(self, kinds: str) -> tuple[Pos, ...]:
        """Usable stations that behave as one of `kinds` here: in classic, an orders-only station (board,
        crate, extinguisher) is a counter, and a free counter is where a chef puts down what it holds."""
        return tuple(p for p, t in self.tile.items() if t in kinds and self.layout.access.get(p))

    def crates(self, item: str) -> tuple[Pos, ...]:
        return tuple(p for p in self.stations("OTLD") if CRATES[self.tile[p]] == item)


@cache
def setup(layout_name: str, rules_name: str) -> Setup:
    layout, rules = load(layout_name), RULE_SETS[rules_name]
    tile = {p: (t if t in rules.active_tiles or t == "." else "#") for p, t in layout.tiles.items()}
    return Setup(layout, rules, tile)


@dataclass(frozen=True)
class Scenario:
    layout: str = "cramped_room"
    rules: str = "classic"


class Chef(NamedTuple):
    pos: Pos
    facing: str
    held: str | None = None


class Pot(NamedTuple):
    contents: tuple[str, ...] = ()
    cooked: int = -1
    """Ticks cooked so far; -1 = not started."""
    burning: bool = False


class Order(NamedTuple):
    recipe: str
    deadline: int
    opened: int


class Request(NamedTuple):
    """A chef's chat line read as a macro it asks a partner for (e.g. chop onion), not yet followed."""

    asker: str
    verb: str
    arg: str
    tick: int


@dataclass(frozen=True)
class KitchenState:
    """One moment of a kitchen. Nothing in it is ever mutated: a change builds a new state (`evolve`)
    and a new dict for a dict field that changes; what did not change is shared between states."""

    setup: Setup
    tick: int
    chefs: tuple[Chef, ...]
    pending: tuple[str | None, ...]
    items: dict[Pos, str]
    """Items lying on counters, boards and the extinguisher's counter."""
    chops: dict[Pos, int]
    """Cutting board -> chops done on the raw ingredient lying on it."""
    pots: dict[Pos, Pot]
    orders: tuple[Order, ...] = ()
    next_order: int = 0
    score: int = 0
    served: int = 0
    expired: int = 0
    fires: int = 0
    chat: tuple[str | None, ...] = ()
    """Each chef's last chat line."""
    idle: tuple[int, ...] = ()
    """Ticks each chef stood still (sent `stay` or nothing in time)."""
    requests: tuple[Request, ...] = ()
    """Open chat requests (see requests.py)."""
    asked: int = 0
    followed: int = 0

    def evolve(self, **changes: Any) -> KitchenState:
        """A copy with `changes`; several times faster than `dataclasses.replace`, which matters because
        every tick makes one (the bench holds the classic step to twice Overcooked-AI's speed)."""
        fields = self.__dict__.copy()
        fields.update(changes)
        if TEXT_MEMO in fields and not TEXT_BLIND.issuperset(changes):
            del fields[TEXT_MEMO]  # the text shows what changed: the new state builds its own
        return with_fields(fields)

    def evolve_pending(self, pending: tuple[str | None, ...]) -> KitchenState:
        """`evolve(pending=pending)`, the change of every move a chef sends: the text does not show it."""
        fields = self.__dict__.copy()
        fields["pending"] = pending
        new = _new_object(KitchenState)  # with_fields, inline: every move a chef sends makes one
        _set_attribute(new, "__dict__", fields)
        return new


_new_object, _set_attribute = object.__new__, object.__setattr__


def with_fields(fields: dict[str, Any]) -> KitchenState:
    """A state whose `__dict__` is `fields` (a fresh dict nobody else holds): a dict copied whole and given
    to the new object costs half of filling the new object's own dict key by key."""
    new = _new_object(KitchenState)
    _set_attribute(new, "__dict__", fields)
    return new

