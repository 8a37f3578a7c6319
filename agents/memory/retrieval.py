"""Retrieval behind one small interface: exact state-signature match, BM25 over goal and observation text,
and their reciprocal rank fusion. Every ranking is deterministic: equal scores go by document id."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Literal

Method = Literal["exact", "bm25", "fused"]
_WORD = re.compile(r"[a-z0-9]+")
RRF_K = 60  # the usual reciprocal-rank-fusion constant: a rank-1 hit in one list outweighs rank 2 in both


@dataclass(frozen=True)
class Document:
    """Something retrievable: a stored step or a whole episode. `id` orders ties (episode id, step index)."""

    id: tuple[int, int]
    signature: str
    text: str
    payload: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float


class Retriever:
    """An index over a fixed list of documents (a store does not change during one episode)."""

    def __init__(self, documents: list[Document]) -> None:
        self.documents = sorted(documents, key=lambda d: d.id)
        self._by_signature: dict[str, list[int]] = {}
        for index, document in enumerate(self.documents):
            self._by_signature.setdefault(document.signature, []).append(index)
        self._bm25: Any = None
        self._vocab = {token for document in self.documents for token in tokenize(document.text)}

    def search(self, signature: str, text: str, k: int, method: Method = "fused") -> list[Hit]:
        if k < 1 or not self.documents:
            return []
        if method == "exact":
            return self.exact(signature)[:k]
        if method == "bm25":
            return self.bm25(text)[:k]
        return fuse([self.exact(signature), self.bm25(text)])[:k]

    def exact(self, signature: str) -> list[Hit]:
        """Documents whose signature equals `signature`, in id order, all scored 1."""
        return [Hit(self.documents[i], 1.0) for i in self._by_signature.get(signature, [])]

    def bm25(self, text: str) -> list[Hit]:
        """Documents sharing a term with `text`, best BM25 score first."""
        tokens = [t for t in tokenize(text) if t in self._vocab]
        if not tokens:
            return []
        scores = self._index().get_scores(tokens)
        ranked = sorted((i for i in range(len(self.documents)) if scores[i] > 0),
                        key=lambda i: (-float(scores[i]), self.documents[i].id))
        return [Hit(self.documents[i], float(scores[i])) for i in ranked]

    def _index(self) -> Any:
        if self._bm25 is None:
            import bm25s

            logging.getLogger("bm25s").setLevel(logging.WARNING)  # its index-building notes are not the user's
            corpus = [tokenize(d.text) or ["_"] for d in self.documents]
            self._bm25 = bm25s.BM25()
            self._bm25.index(corpus, show_progress=False)
        return self._bm25


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits), so `herb1` and `(2,3)` parts stay searchable."""
    return _WORD.findall(text.lower())


def fuse(rankings: list[list[Hit]]) -> list[Hit]:
    """Reciprocal rank fusion: each list adds 1 / (RRF_K + rank); ties by document id."""
    scores: dict[tuple[int, int], float] = {}
    documents: dict[tuple[int, int], Document] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking, start=1):
            scores[hit.document.id] = scores.get(hit.document.id, 0.0) + 1.0 / (RRF_K + rank)
            documents[hit.document.id] = hit.document
    ordered = sorted(scores, key=lambda i: (-scores[i], i))
    return [Hit(documents[i], scores[i]) for i in ordered]
