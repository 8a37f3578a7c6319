"""What a bot reads off its own observation: claims, accusations and suspicions in the public talk.

Bots see only `Observation.data` of their seat, so everything here is parsed from the visible record.
The bots speak in fixed phrases ("I am the seer.", "X is a werewolf.", "I suspect X.") that this module
reads back; a model's free-form speech is read the same way where it uses those phrases.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_CLAIM = re.compile(r"\bI am the seer\b", re.IGNORECASE)
_ACCUSE = re.compile(r"\b([A-Z][a-z]+) is a werewolf\b")
_CLEAR = re.compile(r"\b([A-Z][a-z]+) is not a werewolf\b")
_SUSPECT = re.compile(r"\bI suspect ([A-Z][a-z]+)\b")


def _named(text: str, players: list[str]) -> str | None:
    """The first player a pack message names (how one wolf tells the others its choice)."""
    return next((word for word in re.findall(r"[A-Z][a-z]+", text) if word in players), None)


@dataclass
class Board:
    """The public talk so far, as claims and charges between players."""

    me: str
    players: list[str]
    alive: list[str]
    known_roles: dict[str, str]
    known_teams: dict[str, str]
    claimants: list[str] = field(default_factory=list)
    accusations: list[tuple[str, str]] = field(default_factory=list)
    clears: list[tuple[str, str]] = field(default_factory=list)
    suspicion: Counter[str] = field(default_factory=Counter)
    pack_choice: str | None = None

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Board:
        board = cls(data["seat"], list(data["players"]), list(data["alive"]), dict(data["known_roles"]),
                    dict(data["known_teams"]))
        day, night = data["day"], data["phase"] == "night"  # read once: `data` is built lazily, each read a call
        for entry in data["log"]:
            board._take(entry, day, night)
        return board

    def _take(self, entry: Mapping[str, Any], day: int, night: bool) -> None:
        tonight = night and entry["day"] == day and entry["channel"] == "wolves"
        if tonight and entry["kind"] in ("proposal", "chat"):
            self.pack_choice = self.pack_choice or entry.get("target") or _named(entry["text"], self.players)
        if entry["channel"] != "public" or entry["kind"] != "chat":
            return
        speaker, text = entry["speaker"], entry["text"]
        if _CLAIM.search(text) and speaker not in self.claimants:
            self.claimants.append(speaker)
        self.accusations += [(speaker, n) for n in _ACCUSE.findall(text) if n in self.players]
        self.clears += [(speaker, n) for n in _CLEAR.findall(text) if n in self.players]
        self.suspicion.update(n for n in _SUSPECT.findall(text) if n in self.players and n != speaker)
        self.suspicion.update(n for n in _ACCUSE.findall(text) if n in self.players and n != speaker)

    def living(self, names: list[str]) -> list[str]:
        return [n for n in names if n in self.alive and n != self.me]

    def charged_by(self, speaker: str) -> list[str]:
        return [t for s, t in self.accusations if s == speaker]

    def liars(self) -> list[str]:
        """Seer claimants the rules proved wrong: revealed as not the seer, or charged a revealed villager."""
        false = []
        for claimant in self.claimants:
            role = self.known_roles.get(claimant)
            wrong_role = role is not None and role != "seer"
            wrong_charge = any(self.known_roles.get(t, "werewolf") != "werewolf" for t in self.charged_by(claimant))
            if wrong_role or wrong_charge:
                false.append(claimant)
        return false

    def credible(self) -> list[str]:
        """Seer claimants not proved wrong, in the order they claimed."""
        liars = self.liars()
        return [c for c in self.claimants if c not in liars]

    def most_suspected(self, among: list[str]) -> list[str]:
        """`among`, most suspected first; ties keep the order given (callers shuffle with their seed)."""
        return sorted(among, key=lambda n: -self.suspicion[n])
