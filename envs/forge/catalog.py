"""Forge's vocabulary: material families, gear nouns, goods, monsters, and the tier table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Family:
    """A line of materials: gathered with one skill at a kind of node, refined with another at a workshop."""

    gather: str
    craft: str
    workshop: str
    node: str
    raw: str
    levels: tuple[str, str, str, str]
    pool: tuple[str, ...]


FAMILIES = {
    "metal": Family("mining", "smithing", "forge", "mine", "ore", ("bar", "plate", "lattice", "core"),
                    ("copper", "tin", "iron", "silver", "cobalt", "mithril")),
    "wood": Family("woodcutting", "carpentry", "workbench", "grove", "log", ("plank", "beam", "frame", "spire"),
                   ("ash", "birch", "oak", "yew", "elm", "cedar")),
    "herb": Family("herbalism", "alchemy", "alchemy lab", "meadow", "leaf",
                   ("extract", "tonic", "essence", "quintessence"),
                   ("sage", "nettle", "ember", "frost", "thistle", "moon")),
}

GEAR_NOUNS = {
    "weapon": {"metal": "sword", "wood": "staff", "herb": "wand"},
    "shield": {"metal": "buckler", "wood": "shield"},
    "helmet": {"metal": "helm", "herb": "hood"},
    "body": {"metal": "mail", "herb": "robe"},
    "legs": {"metal": "greaves", "wood": "leggings"},
    "boots": {"metal": "boots", "wood": "clogs"},
    "ring": {"metal": "ring", "wood": "band"},
    "amulet": {"herb": "amulet", "wood": "charm"},
}

GOODS = {"coal": 4, "thread": 3, "resin": 5, "wax": 3}
VALUABLES = {"silver trinket": 25}
MONSTERS = ("cave troll", "frost wyrm", "ember imp", "mud golem", "storm harpy", "bog witch", "shadow wolf",
            "stone drake")
NOISE_JUNK = ("rusty key", "old map", "bent nail")
NOISE_MARKET = {"whetstone": 6, "lucky charm": 12}

GRID = 7
DEPTH = (1, 2, 2, 3, 3, 4, 4, 5, 5)
"""Recipe depth of the task's item (or of the gear a defeat task calls for), by tier."""
GEAR_NEEDED = (1, 1, 2, 2, 3, 3, 4, 4, 5)
"""Pieces of gear the target monster is tuned against, by tier."""
GIVEN_SHARE = (0.45, 0.35, 0.25, 0.15, 0.05, 0.0, 0.0, 0.0, 0.0)
"""Chance that each component of the task is already in the bag at the start (items missing at start)."""
TIGHT_GOLD_FROM = 6
"""From this tier on the hero starts short of gold and must sell valuables at the market."""
BUDGET_FACTOR, BUDGET_SLACK = 3, 20
