"""Text spaces and the guards that keep every observation inside them."""

from __future__ import annotations

import string

from gymnasium import spaces

PRINTABLE = frozenset(string.printable)
OBSERVATION_MAX = 16_384
ACTION_MAX = 1_024
_PRINTABLE_BYTES = string.printable.encode("ascii")
_REPLACEMENTS = {"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def observation_space(max_length: int = OBSERVATION_MAX) -> spaces.Text:
    return spaces.Text(max_length=max_length, min_length=0, charset=string.printable)


def action_space(max_length: int = ACTION_MAX) -> spaces.Text:
    return spaces.Text(max_length=max_length, min_length=0, charset=string.printable)


def printable(text: str) -> str:
    """Map text onto printable ASCII (model output and chat can carry anything)."""
    if text.isascii() and not text.encode("ascii").translate(None, _PRINTABLE_BYTES):
        return text  # the usual case, and the hot path of every env step: nothing to map (bytes: 4x the search)
    text = "".join(_REPLACEMENTS.get(ch, ch) for ch in text)
    return "".join(ch if ch in PRINTABLE else "?" for ch in text)


def clip(text: str, limit: int, marker: str = "\n[... cut to fit]") -> str:
    """Cut `text` to `limit` characters, saying so, so an observation never leaves its space."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(marker))] + marker


def normalize_command(action: object) -> str:
    """A command as the rules read it: a string, trimmed and single-spaced (case is kept)."""
    if not isinstance(action, str):
        action = str(action)
    return " ".join(action.strip().split())


def split_command(action: object) -> tuple[str, str]:
    """(verb in lower case, the rest as typed): `"Craft  Iron Sword 2"` -> `("craft", "Iron Sword 2")`."""
    verb, _, rest = normalize_command(action).partition(" ")
    return verb.lower(), rest
