"""BM25 over chunk texts with bm25s (a sparse-matrix index: about a millisecond a query at 10k chunks)."""

from __future__ import annotations

import difflib
import logging
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from bot.knowledge.text_terms import terms

log = logging.getLogger(__name__)


class LexicalIndex:
    """Scores every chunk for a query; typos in the query are mapped to the closest indexed word."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        self.size = len(texts)
        corpus = [terms(t) or ["∅"] for t in texts]
        self._bm25 = bm25s.BM25()
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        document_frequency: Counter[str] = Counter()
        for tokens in corpus:
            document_frequency.update(set(tokens))
        self._idf = {t: math.log(1 + (self.size - n + 0.5) / (n + 0.5)) for t, n in document_frequency.items()}
        self._unseen_idf = math.log(1 + (self.size + 0.5) / 0.5)
        self._vocabulary: frozenset[str] = frozenset(self._bm25.vocab_dict) if corpus else frozenset()
        self._by_initial: dict[str, list[str]] = {}
        for word in self._vocabulary:
            self._by_initial.setdefault(word[:1], []).append(word)
        self._correct = lru_cache(maxsize=50_000)(self._closest_word)

    @property
    def vocabulary(self) -> frozenset[str]:
        return self._vocabulary

    def idf(self, term: str) -> float:
        """How telling a term is in this corpus (BM25's idf); a term never seen is the most telling."""
        return self._idf.get(term, self._unseen_idf)

    def query_terms(self, query: str) -> list[str]:
        """The query's terms as the index knows them: unknown words replaced by their closest known word."""
        known: list[str] = []
        for term in terms(query):
            corrected = term if term in self._vocabulary else self._correct(term)
            if corrected:
                known.append(corrected)
        return known

    def scores(self, query: str) -> np.ndarray:
        query_terms = self.query_terms(query)
        if not self.size or not query_terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(query_terms), dtype=np.float32)

    def _closest_word(self, term: str) -> str | None:
        if len(term) < 4 or not term.isalpha():
            return None
        candidates = [w for w in self._by_initial.get(term[:1], ()) if abs(len(w) - len(term)) <= 2]
        match = difflib.get_close_matches(term, candidates, n=1, cutoff=0.8)
        return match[0] if match else None
