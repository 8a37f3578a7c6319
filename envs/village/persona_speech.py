"""Persona-following speech for the rule bots: the bot's plain line, wrapped in a persona card's style.

The plain line ("I am the seer. Ben is a werewolf.") is kept verbatim, so every reader of the table
(the bots' Board, the claim log) reads the same claims; the card adds its catchphrases and its lexicon,
as much as its verbosity says. Tests get players whose style is known.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

ASIDES = ("{a}, {b}: that is how I see it.", "Think of {a} and {b}.", "{a} and {b}, friends.",
          "It is all {a} and {b} to me.")
EXTRA = {"low": 0, "medium": 1, "high": 2}
TERSE = ("terse",)


def style(line: str, card: Mapping[str, Any], rng: np.random.Generator) -> str:
    """`line` in the card's voice: an opening catchphrase, the line, then asides in its own words."""
    speaking = card["speaking_style"]
    phrases, words = list(speaking["catchphrases"]), list(speaking["lexicon"])
    opener = phrases[int(rng.integers(len(phrases)))]
    parts = [opener, line]
    for _ in range(EXTRA.get(speaking.get("verbosity", "medium"), 1)):
        a, b = (words[int(i)] for i in rng.choice(len(words), size=2, replace=False))
        parts.append(ASIDES[int(rng.integers(len(ASIDES)))].format(a=a.capitalize(), b=b))
    if speaking.get("register") not in TERSE and len(phrases) > 1:
        parts.append(phrases[(phrases.index(opener) + 1) % len(phrases)])
    return " ".join(parts)
