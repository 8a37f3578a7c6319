"""Out-of-character speech: a player that talks like an assistant or about the machinery of the game.

Each pattern (case-insensitive) is one way of breaking the fourth wall at a werewolf table: claiming to
be an AI or an assistant, refusing like one, service phrases, and naming the machinery (prompts, tools,
JSON, legal actions) or the chat roles.
"""

from __future__ import annotations

import re

PATTERNS: dict[str, str] = {
    "assistant identity": r"\bas an? (?:AI|language model|large language model|assistant|chatbot)\b",
    "machine self-reference": r"\bI(?:'m| am) (?:an AI|a bot|a model|a language model|just a program)\b",
    "machine address": r"\byou(?:'re| are) (?:an AI|an assistant|a language model|a bot|a model)\b",
    "model words": r"\b(?:language model|LLM|chatbot|AI assistant|neural network)\b",
    "refusal": r"\bI(?: cannot| can't| am unable to|'m unable to|'m not able to) "
               r"(?:help|assist|comply|provide|do that)\b",
    "service phrases": r"\b(?:I hope this helps|happy to help|Certainly!|Sure, here(?:'s| is)|How can I help)\b",
    "machinery": r"\b(?:tool call|function call|JSON|system prompt|the prompt|my instructions|legal actions|"
                 r"seat_token|game engine|the simulation|this benchmark)\b",
    "chat roles": r"(?:^|\s)(?:user|assistant|system)\s*:",
}
_ANY = re.compile("|".join(f"(?:{p})" for p in PATTERNS.values()), re.IGNORECASE)


def out_of_character(text: str) -> bool:
    return _ANY.search(text) is not None


def ooc_rate(texts: list[str]) -> float | None:
    """Share of utterances with any out-of-character pattern (None if the seat never spoke)."""
    if not texts:
        return None
    return round(sum(out_of_character(t) for t in texts) / len(texts), 4)
