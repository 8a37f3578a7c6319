"""Attribution (PersonaEval, InMind's player identification): which persona card wrote a seat's speech?

Offline scorer: character 3-5-grams of the speech and of each card (its catchphrases, lexicon and
descriptions), weighted by tf-idf over the candidate cards, compared by cosine similarity. Candidates are
the true card and N-1 others, drawn with a seed, so a re-run ranks the same set in the same order.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tasks.personas import PersonaCard, library

DEFAULT_CARDS = 5
NGRAMS = (3, 4, 5)


def _grams(text: str) -> Counter[str]:
    text = " " + re.sub(r"[^a-z0-9' ]+", " ", text.lower()) + " "
    text = re.sub(r" +", " ", text)
    return Counter(text[i:i + n] for n in NGRAMS for i in range(len(text) - n + 1))


def _card_text(card: PersonaCard) -> str:
    style = card.speaking_style
    # Catchphrases and lexicon are what speech shows; they count twice against the prose descriptions.
    return " ".join([*style.catchphrases, *style.lexicon] * 2) + " " + card.text()


def scores(speech: str, cards: Sequence[PersonaCard]) -> list[float]:
    """The similarity of `speech` to each card (cosine of tf-idf weighted character n-grams)."""
    docs = [_grams(_card_text(c)) for c in cards]
    seen = Counter(g for doc in docs for g in doc)
    idf = {g: math.log((1 + len(docs)) / (1 + df)) + 1.0 for g, df in seen.items()}
    query = _grams(speech)
    q = {g: tf * idf[g] for g, tf in query.items() if g in idf}
    q_norm = math.sqrt(sum(v * v for v in q.values())) or 1.0
    out = []
    for doc in docs:
        d = {g: tf * idf[g] for g, tf in doc.items()}
        d_norm = math.sqrt(sum(v * v for v in d.values())) or 1.0
        out.append(sum(v * d.get(g, 0.0) for g, v in q.items()) / (q_norm * d_norm))
    return out


def ranking(speech: str, cards: Sequence[PersonaCard]) -> list[str]:
    """Card names, most likely author first (ties keep the candidates' order)."""
    values = scores(speech, cards)
    order = sorted(range(len(cards)), key=lambda i: -values[i])
    return [cards[i].name for i in order]


def candidates(true_name: str, n: int, *key: object, pool: Sequence[str] | None = None) -> list[PersonaCard]:
    """The true card and n-1 distractors from `pool` (default: every shipped card), shuffled by `key`."""
    from tasks.personas import card

    names = sorted(set(pool or library()) - {true_name})
    rank = {name: hashlib.sha256(repr((key, name)).encode()).hexdigest() for name in [*names, true_name]}
    chosen = sorted(names, key=rank.__getitem__)[: n - 1] + [true_name]
    return [card(name) for name in sorted(chosen, key=rank.__getitem__)]


@dataclass(frozen=True)
class Attribution:
    """One seat's attribution by one scorer: the rank (1 = top) of its true card among `n`."""

    rank: int | None
    n: int
    ranking: tuple[str, ...] = ()

    @property
    def top1(self) -> bool | None:
        return None if self.rank is None else self.rank == 1

    def as_dict(self) -> dict[str, object]:
        return {"top1": self.top1, "rank": self.rank, "n": self.n, "chance": round(1 / self.n, 4),
                "ranking": list(self.ranking)}


def attribute(speech: str, true_name: str, cards: Sequence[PersonaCard]) -> Attribution:
    order = ranking(speech, cards)
    return Attribution(order.index(true_name) + 1, len(cards), tuple(order))


def summary(results: Sequence[Attribution]) -> dict[str, float | int | None]:
    """Top-1 accuracy and mean rank over seats, with what chance gives for both."""
    ranked = [r for r in results if r.rank is not None]
    if not ranked:
        return {"seats": 0, "top1": None, "mean_rank": None, "chance": None, "chance_rank": None}
    n = ranked[0].n
    return {"seats": len(ranked), "top1": round(sum(bool(r.top1) for r in ranked) / len(ranked), 4),
            "mean_rank": round(sum(r.rank or 0 for r in ranked) / len(ranked), 4), "chance": round(1 / n, 4),
            "chance_rank": (n + 1) / 2, "missing": len(results) - len(ranked)}
