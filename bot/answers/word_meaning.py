"""How near in meaning a sentence's words come to a question's: each word embedded on its own with the
embedder the pipeline already runs, and cached. "why was the trip postponed" is answered by "forced to delay
the visit", which shares no stem with it; the words' vectors are close (postponed–delay 0.59, trip–visit 0.66,
against postponed–visit 0.16), and the answer model weighs that closeness with its other signals."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

import numpy as np

from bot.knowledge.embedder import TextEmbedder
from bot.knowledge.text_terms import STOPWORDS, words

# Words kept before the cache starts over: a few articles' worth of vocabulary (384 floats each, ~1.5 KB).
CACHE_WORDS = 50_000
# Shorter words are mostly particles and abbreviations whose vectors say little on their own.
MIN_LETTERS = 3


class WordMeanings:
    """Unit vectors of single words, embedded once each."""

    def __init__(self, embedder: TextEmbedder) -> None:
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def vectors(self, wanted: Iterable[str]) -> dict[str, np.ndarray]:
        """The vector of each word, embedding in one batch those not seen before."""
        wanted = list(dict.fromkeys(wanted))
        with self._lock:
            missing = [w for w in wanted if w not in self._vectors]
        if missing:
            found = self._embedder.embed_texts(missing)
            norms = np.linalg.norm(found, axis=1, keepdims=True)
            found = found / np.where(norms == 0, 1.0, norms)
            with self._lock:
                if len(self._vectors) + len(missing) > CACHE_WORDS:
                    self._vectors.clear()
                self._vectors.update(zip(missing, found, strict=True))
        with self._lock:
            return {w: self._vectors[w] for w in wanted if w in self._vectors}


def content_words(text: str) -> list[str]:
    """The words of a text worth comparing by meaning: no stopwords, numbers or short particles."""
    return [w for w in words(text) if len(w) >= MIN_LETTERS and w.isalpha() and w not in STOPWORDS]


def nearest_meanings(asked: Sequence[str], sentences: Sequence[Sequence[str]],
                     meanings: WordMeanings) -> np.ndarray:
    """For each sentence (its content words) and each asked word, the cosine of the asked word and the
    sentence word nearest it in meaning (0 for a sentence with no words): rows are sentences."""
    table = meanings.vectors([*asked, *(w for sentence in sentences for w in sentence)])
    asked_vectors = np.array([table[w] for w in asked]) if asked else np.zeros((0, 1))
    nearest = np.zeros((len(sentences), len(asked)), dtype=np.float32)
    if not asked:
        return nearest
    for row, sentence in enumerate(sentences):
        if sentence:
            found = np.array([table[w] for w in sentence])
            nearest[row] = np.clip((found @ asked_vectors.T).max(axis=0), 0.0, 1.0)
    return nearest
