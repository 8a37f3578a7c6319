"""Village's roles as small classes: a team, a night verb and whom that verb may target."""

from __future__ import annotations

from typing import ClassVar

VILLAGE, WOLVES = "village", "wolves"


class Role:
    """A role's fixed traits. Target lists are computed from the living players so rules and bots agree."""

    name: ClassVar[str] = ""
    team: ClassVar[str] = VILLAGE
    night_verb: ClassVar[str | None] = None
    brief: ClassVar[str] = ""

    def night_targets(self, seat: str, alive: tuple[str, ...], wolves: frozenset[str]) -> list[str]:
        return []


class Werewolf(Role):
    name = "werewolf"
    team = WOLVES
    night_verb = "kill"
    brief = "At night agree with the other wolves on a victim (`kill <player>`); by day, pass as a villager."

    def night_targets(self, seat: str, alive: tuple[str, ...], wolves: frozenset[str]) -> list[str]:
        return [p for p in alive if p not in wolves]


class Seer(Role):
    name = "seer"
    night_verb = "inspect"
    brief = "Each night learn whether one player is a werewolf (`inspect <player>`)."

    def night_targets(self, seat: str, alive: tuple[str, ...], wolves: frozenset[str]) -> list[str]:
        return [p for p in alive if p != seat]


class Doctor(Role):
    name = "doctor"
    night_verb = "protect"
    brief = "Each night protect one player, yourself included, from the wolves (`protect <player>`)."

    def night_targets(self, seat: str, alive: tuple[str, ...], wolves: frozenset[str]) -> list[str]:
        return list(alive)


class Villager(Role):
    name = "villager"
    brief = "No night power: find the wolves by talk and vote them out."


ROLES: dict[str, Role] = {cls.name: cls() for cls in (Werewolf, Seer, Doctor, Villager)}
SPECIAL_ROLES: tuple[str, ...] = ("seer", "doctor")
ROLE_WORDS: tuple[str, ...] = ("werewolf", "seer", "doctor", "villager")
