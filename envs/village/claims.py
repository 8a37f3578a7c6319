"""Claims the engine reads from public speech, with documented patterns, and a seat's self-contradictions.

Patterns (case-insensitive; NAME is a player at the table, matched whole-word in any case):

| kind    | pattern (examples)                                                                 |
|---------|------------------------------------------------------------------------------------|
| role    | "I am the seer", "I'm a villager", "as the doctor, ..." -> the role claimed         |
| accuse  | "NAME is a werewolf", "NAME is the wolf", "NAME is lying", "NAME is a liar"         |
| suspect | "I suspect NAME", "vote NAME", "vote for NAME", "NAME is suspicious"                |
| clear   | "NAME is not a werewolf", "NAME is innocent", "NAME is clear", "I trust NAME"       |

A contradiction is a seat going back on itself: claiming a second, different role, or turning its stance
on a player (accuse or suspect, then clear; or clear, then accuse or suspect).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

ROLE_WORDS = {"seer": "seer", "doctor": "doctor", "villager": "villager", "werewolf": "werewolf", "wolf": "werewolf"}
_ROLE = re.compile(r"\b(?:I am|I'm|as) (?:the |a |an )?(seer|doctor|villager|werewolf|wolf)\b", re.IGNORECASE)
_WOLF = r"(?:a |the |an )?(?:werewolf|wolf)"
AGAINST = "accuse", "suspect"


@dataclass(frozen=True)
class Claim:
    day: int
    speaker: str
    kind: str
    value: str
    """The role claimed (kind role) or the player named (accuse, suspect, clear)."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _patterns(players: list[str]) -> list[tuple[str, re.Pattern[str]]]:
    name = "(" + "|".join(re.escape(p) for p in players) + ")"
    flags = re.IGNORECASE
    return [
        ("clear", re.compile(rf"\b{name} is (?:not {_WOLF}|innocent|clear|cleared|trustworthy)\b", flags)),
        ("clear", re.compile(rf"\bI trust {name}\b", flags)),
        ("accuse", re.compile(rf"\b{name} is {_WOLF}\b", flags)),
        ("accuse", re.compile(rf"\b{name} is (?:lying|a liar)\b", flags)),
        ("suspect", re.compile(rf"\bI suspect {name}\b", flags)),
        ("suspect", re.compile(rf"\bvote (?:for )?{name}\b", flags)),
        ("suspect", re.compile(rf"\b{name} is suspicious\b", flags)),
    ]


def extract(text: str, speaker: str, day: int, players: list[str]) -> list[Claim]:
    """Every claim in one utterance, in pattern order; a clear is not also read as an accusation."""
    claims = [Claim(day, speaker, "role", ROLE_WORDS[m.lower()]) for m in _ROLE.findall(text)]
    canonical = {p.lower(): p for p in players}
    taken: list[tuple[int, int]] = []
    for kind, pattern in _patterns(players):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue  # "Ben is not a wolf" must not also count as "Ben is ... wolf"
            taken.append(match.span())
            target = canonical[match.group(1).lower()]
            if target != speaker:
                claims.append(Claim(day, speaker, kind, target))
    return claims


def claim_log(utterances: list[tuple[int, str, str]], players: list[str]) -> list[Claim]:
    """The claims of (day, speaker, text) utterances, in the order spoken."""
    return [c for day, speaker, text in utterances for c in extract(text, speaker, day, players)]


def contradictions(claims: list[Claim], seat: str) -> int:
    """How often `seat` went back on itself (see the module's doc)."""
    count, role, stance = 0, None, {}
    for claim in (c for c in claims if c.speaker == seat):
        if claim.kind == "role":
            count += role is not None and claim.value != role
            role = claim.value
            continue
        side = -1 if claim.kind == "clear" else 1
        count += stance.get(claim.value, side) != side
        stance[claim.value] = side
    return count
