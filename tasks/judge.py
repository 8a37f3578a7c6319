"""Judges of persona play: the rubric judge (PersonaGym's five tasks, 1-5, critique then score, after
CharacterBox), the LLM attribution judge (PersonaEval), Krippendorff's alpha, and an offline proxy judge.

Model judges run through litellm at temperature 0 and must end with "Therefore, the final score is N";
a reply without that line (or with N outside 1-5) is missing, and counted as such, never guessed.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from tasks.personas import PersonaCard

PROXY = "proxy"
SCORE_LINE = re.compile(r"Therefore,?\s+the\s+final\s+score\s+is\s*:?\s*\**\s*(\d+)\b", re.IGNORECASE)
RANKING_LINE = re.compile(r"Therefore,?\s+the\s+ranking\s+is\s*:?\s*(.+)", re.IGNORECASE)
Complete = Callable[..., Any]
"""litellm.completion's shape: (model=..., messages=..., temperature=..., **extra) -> response."""


@cache
def _template(name: str) -> string.Template:
    return string.Template(files("tasks.prompts").joinpath(f"{name}.md").read_text(encoding="utf-8"))


def parse_score(reply: str) -> int | None:
    """N from the last "Therefore, the final score is N" line, if N is 1-5; else None (missing)."""
    found = SCORE_LINE.findall(reply or "")
    if not found:
        return None
    value = int(found[-1])
    return value if 1 <= value <= 5 else None


def parse_ranking(reply: str, letters: str) -> list[str] | None:
    """The letters of the last "Therefore, the ranking is: ..." line, if it names each letter once."""
    found = RANKING_LINE.findall(reply or "")
    if not found:
        return None
    order = [x for x in re.findall(r"\b([A-Z])\b", found[-1]) if x in letters]
    order = list(dict.fromkeys(order))
    return order if sorted(order) == sorted(letters) else None


def card_text(card: PersonaCard) -> str:
    import yaml

    return yaml.safe_dump(card.prompt_data(), sort_keys=False, width=110).strip()


class ModelJudge:
    """One judge model behind litellm; `extra` goes to every call (tests pass litellm's mock_response)."""

    def __init__(self, model: str, complete: Complete | None = None, **extra: Any) -> None:
        self.model, self.extra = model, extra
        self._complete = complete
        self.calls = self.failures = 0

    def ask(self, prompt: str) -> str:
        import contextlib
        import io

        complete = self._complete or _litellm(self.model)
        self.calls += 1
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                reply = complete(model=self.model, messages=[{"role": "user", "content": prompt}], temperature=0,
                                 **self.extra)
            return str(reply.choices[0].message.content or "")
        except Exception as error:  # noqa: BLE001 - a failed call is a missing score, reported as such
            self.failures += 1
            return f"(judge call failed: {type(error).__name__})"

    def score(self, game: str, card: PersonaCard, rubric: str, transcript: str) -> int | None:
        prompt = _template("rubric").substitute(game=game, card=card_text(card), rubric=rubric.strip(),
                                                transcript=transcript)
        return parse_score(self.ask(prompt))

    def rank(self, game: str, speech: str, cards: Sequence[PersonaCard]) -> list[str] | None:
        """Card names, most likely first, or None if the reply named no full ranking."""
        letters = string.ascii_uppercase[: len(cards)]
        listing = "\n\n".join(f"{letter}:\n{card_text(c)}" for letter, c in zip(letters, cards, strict=True))
        prompt = _template("attribution").substitute(n=len(cards), game=game, cards=listing, speech=speech)
        order = parse_ranking(self.ask(prompt), letters)
        return None if order is None else [cards[letters.index(x)].name for x in order]


def _litellm(model: str) -> Complete:
    import os

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    litellm.suppress_debug_info = True
    if model.startswith("local/"):
        from agents.local import register

        register()
    return litellm.completion


def proxy_scores(card: PersonaCard, speech: str, measures: Mapping[str, Any]) -> dict[str, int | None]:
    """The offline proxy judge: each task's 1-5 from what can be counted (labelled `proxy` wherever shown).
    linguistic habits: share of messages using a catchphrase or lexicon word; consistency: out-of-character
    rate and self-contradictions; justification: share of the seat's votes it named in speech first;
    expected action: commitment (accusations per message) against the card's risk appetite; toxicity: a
    short list of abusive words."""
    lines = [line.lower() for line in speech.splitlines() if line.strip()]
    if not lines:
        return dict.fromkeys(TASKS)
    marks = [m.lower() for m in [*card.speaking_style.catchphrases, *card.speaking_style.lexicon]]
    habits = sum(any(m in line for m in marks) for line in lines) / len(lines)
    ooc = measures.get("ooc_rate") or 0.0
    consistency = 5 - min(2, measures.get("claim_contradictions") or 0) - round(2 * ooc)
    claims = measures.get("claims") or []
    named = {c["value"] for c in claims if c["kind"] in ("accuse", "suspect")}
    commitment = min(1.0, len(named) / len(lines))
    wanted = {"low": 0.25, "medium": 0.5, "high": 0.9}[card.risk_appetite]
    toxic = sum(any(w in line for w in TOXIC) for line in lines) / len(lines)
    justified = measures.get("justified_votes")
    return {
        "expected_action": _scale(1 - abs(commitment - wanted)),
        "action_justification": _scale(justified) if justified is not None else _scale(min(1.0, len(named) / 2)),
        "linguistic_habits": _scale(habits),
        "persona_consistency": max(1, consistency),
        "toxicity_control": _scale(1 - toxic),
    }


TASKS = ("expected_action", "action_justification", "linguistic_habits", "persona_consistency", "toxicity_control")
TOXIC = ("idiot", "stupid", "moron", "shut up", "kill you", "hate you", "scum", "trash", "pathetic")


def _scale(share: float) -> int:
    """A share in [0, 1] as a 1-5 score."""
    return int(round(1 + 4 * max(0.0, min(1.0, share))))


def krippendorff_alpha(units: Sequence[Sequence[float | None]]) -> float | None:
    """Krippendorff's alpha, interval metric. `units[u][c]` is coder c's value for unit u (None: missing).
    Units with fewer than two values are left out; None if nothing is pairable or nothing varies."""
    pairable = [[v for v in unit if v is not None] for unit in units]
    pairable = [u for u in pairable if len(u) >= 2]
    if not pairable:
        return None
    n = sum(len(u) for u in pairable)
    observed = sum(sum((a - b) ** 2 for i, a in enumerate(u) for j, b in enumerate(u) if i != j) / (len(u) - 1)
                   for u in pairable) / n
    values = [v for u in pairable for v in u]
    expected = sum((a - b) ** 2 for i, a in enumerate(values) for j, b in enumerate(values) if i != j) / (
        n * (n - 1))
    if expected == 0:
        return 1.0 if observed == 0 else None
    return round(1 - observed / expected, 4)
