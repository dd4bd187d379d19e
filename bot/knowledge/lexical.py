"""BM25 over chunk texts with bm25s (a sparse-matrix index: about a millisecond a query at 10k chunks)."""

from __future__ import annotations

import difflib
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from bot.knowledge.text_terms import STOPWORDS, stem, terms, words

log = logging.getLogger(__name__)

# After a lower-case word or a comma (or a bracket opened there), or after an initial ("Ferdinand R Marcos", "S Jaishankar").
_MID_SENTENCE_CAPITAL = re.compile(r"(?:(?<=[a-z,;] )|(?<=\b[A-Z] )|(?<=[a-z,;] \())([A-Z][a-z]{2,})")
_MID_SENTENCE_LOWER = re.compile(r"(?<=[a-z,;] )([a-z]{3,})")


class LexicalIndex:
    """Scores every chunk for a query; typos in the query are mapped to the closest indexed word."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it turns its own logger to DEBUG on import
        self.size = len(texts)
        corpus = [terms(t) or ["∅"] for t in texts]
        word_counts = Counter(w for t in texts for w in words(t) if w.isalpha() and len(w) >= 4 and w not in STOPWORDS)
        raw_words = set(word_counts)
        self._word_counts = word_counts
        # Words mostly written with a capital inside sentences name things (Prime Minister, Joint Working Group).
        capitalised = Counter(stem(m.casefold()) for t in texts for m in _MID_SENTENCE_CAPITAL.findall(t))
        lowercase = Counter(stem(m) for t in texts for m in _MID_SENTENCE_LOWER.findall(t))
        self.named_terms = frozenset(t for t, n in capitalised.items() if n > lowercase.get(t, 0))
        self._bm25 = bm25s.BM25()
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        document_frequency: Counter[str] = Counter()
        for tokens in corpus:
            document_frequency.update(set(tokens))
        self._idf = {t: math.log(1 + (self.size - n + 0.5) / (n + 0.5)) for t, n in document_frequency.items()}
        # An unseen word weighs like a rare one (seen in two passages): it may name a missing topic.
        self._typical_idf = math.log(1 + max(self.size - 1.5, 0.5) / 2.5)
        self._vocabulary: frozenset[str] = frozenset(self._bm25.vocab_dict) if corpus else frozenset()
        # Typos are repaired against the words as written ("cooperashun" → "cooperation"), then stemmed.
        self._by_initial: dict[str, list[str]] = {}
        for word in raw_words:
            self._by_initial.setdefault(word[:1], []).append(word)
        self._correct = lru_cache(maxsize=50_000)(self._closest_word)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        del state["_correct"]  # a cache around a bound method: rebuilt, not pickled
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._correct = lru_cache(maxsize=50_000)(self._closest_word)

    @property
    def vocabulary(self) -> frozenset[str]:
        return self._vocabulary

    @property
    def unseen_idf(self) -> float:
        """The weight of a word no passage has (see `idf`)."""
        return self._typical_idf

    def idf(self, term: str) -> float:
        """How telling a term is in this corpus (BM25's idf).

        A word the corpus never uses gets a modest weight, not the highest: it may be a topic the
        articles lack ("weather") or just a verb of the asker's ("making"), and it must not decide alone.
        """
        return self._idf.get(term, self._typical_idf)

    def query_terms(self, query: str) -> list[str]:
        """The query's terms as the index knows them: unknown words replaced by their closest known word."""
        known: list[str] = []
        for word in words(query):
            if word in STOPWORDS:
                continue
            term = stem(word)
            if term in self._vocabulary:
                known.append(term)
            elif (corrected := self._correct(word)) is not None:
                known.append(stem(corrected))
        return known

    def scores(self, query: str) -> np.ndarray:
        query_terms = self.query_terms(query)
        if not self.size or not query_terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(query_terms), dtype=np.float32)

    def _closest_word(self, term: str) -> str | None:
        """A typo's closest word ("cooperashun"), else the commonest word it abbreviates ("econ", "agri")."""
        if len(term) < 3 or not term.isalpha():
            return None
        abbreviated = self._commonest_beginning(term)
        if len(term) < 4:
            return abbreviated or self._commonest_contraction(term)
        candidates = [w for w in self._by_initial.get(term[:1], ()) if abs(len(w) - len(term)) <= 2]
        # Long words tolerate a little more damage ("cooperashun"); short ones must be nearly right.
        match = difflib.get_close_matches(term, candidates, n=1, cutoff=0.7 if len(term) >= 7 else 0.8)
        if match:
            return match[0]
        if abbreviated:
            return abbreviated
        # an abbreviation in the plural ("docs", "govts") abbreviates the word its singular begins
        if term.endswith("s") and not term.endswith("ss") and (plural := self._commonest_beginning(term[:-1])):
            return plural
        return self._commonest_contraction(term)

    def _commonest_contraction(self, term: str) -> str | None:
        """The commonest word `term` contracts by dropping letters inside ("yrs" years, "mgmt" management,
        "tmrw" tomorrow): it keeps the word's first and last letters and no vowel, so a short name the corpus
        lacks ("kim", "sall") is not read as some other word ("kingdom", "small")."""
        if len(term) > _MAX_CONTRACTION or any(c in "aeiou" for c in term):
            return None
        found = [w for w in self._by_initial.get(term[:1], ()) if len(w) > len(term) and w[-1] == term[-1]
                 and _in_order(term, w)]
        return max(found, key=lambda w: (self._word_counts[w], w)) if found else None

    def _commonest_beginning(self, prefix: str) -> str | None:
        """The commonest longer word of the corpus that begins with `prefix`, or None."""
        begun = [w for w in self._by_initial.get(prefix[:1], ()) if w.startswith(prefix) and len(w) > len(prefix)]
        return max(begun, key=lambda w: (self._word_counts[w], w)) if begun else None


# The longest chat contraction read as a word's ("mgmt", "tmrw"); longer unknown words are typos or names.
_MAX_CONTRACTION = 5


def _in_order(letters: str, word: str) -> bool:
    """Whether `letters` appear in `word` in the same order (not necessarily together)."""
    rest = iter(word)
    return all(letter in rest for letter in letters)
