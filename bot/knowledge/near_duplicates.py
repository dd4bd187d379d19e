"""Is a new article the same story as a stored one? Word shingles compared as sets of hashes.

A wire story (PTI, ANI, Reuters, AFP...) reappears on many outlets with small edits: a changed first
line, a dropped paragraph, an outlet's own boilerplate. Sets of overlapping word n-grams ("shingles") barely
move under such edits, while two different stories about the same meeting, written separately, share
names and phrases but few runs of several words. The measure and its threshold were fitted on real pairs
(benchmarks/syndication/); `similarity` here is the one measure both the fitting script and ingestion use.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 4
"""Words per shingle: long enough that common phrases of diplomatic news ("the two countries") do not match
alone, short enough that a changed word breaks only a few shingles."""

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words; quotes, punctuation and typographic variants (’ vs ') do not count."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 64-bit hashes of the text's word n-grams (a text shorter than `size` words is one shingle)."""
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    grams = [" ".join(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1))]
    hashes = [int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams]
    return np.unique(np.array(hashes, dtype=np.uint64))


@dataclass(frozen=True)
class Overlap:
    """How much two texts share: Jaccard (shared / all) and containment (shared / the smaller text)."""

    shared: int
    jaccard: float
    containment: float


def overlap(first: np.ndarray, second: np.ndarray) -> Overlap:
    if first.size == 0 or second.size == 0:
        return Overlap(0, 0.0, 0.0)
    shared = int(np.intersect1d(first, second, assume_unique=True).size)
    union = first.size + second.size - shared
    return Overlap(shared, shared / union, shared / min(first.size, second.size))


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """The score the threshold in [syndication] applies to: containment, the share of the shorter text's shingles
    found in the other. An outlet that trims a wire story or wraps it in its own boilerplate keeps it high, where
    Jaccard falls; on the measured pairs it separated better (benchmarks/syndication/README.md)."""
    return overlap(first, second).containment


class ShingleIndex:
    """Many texts' shingles in one array, so a new text is scored against all of them in one numpy pass
    (a store of a thousand articles costs milliseconds per new article, not a thousand set intersections)."""

    def __init__(self, texts: Iterable[tuple[str, np.ndarray]] = ()) -> None:
        self._keys: list[str] = []
        self._parts: list[np.ndarray] = []
        self._joined: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        for key, found in texts:
            self.add(key, found)

    def add(self, key: str, found: np.ndarray) -> None:
        self._keys.append(key)
        self._parts.append(found)
        self._joined = None

    def most_similar(self, new: np.ndarray) -> tuple[str, float] | None:
        """The indexed text most similar to `new` by `similarity`, with its score; None when nothing can match."""
        if new.size == 0 or not self._keys:
            return None
        if self._joined is None:  # every hash once per text that has it, sorted, with the text it belongs to
            hashes = np.concatenate(self._parts)
            owners = np.repeat(np.arange(len(self._parts)), [part.size for part in self._parts])
            order = np.argsort(hashes, kind="stable")
            self._joined = (hashes[order], owners[order], np.array([part.size for part in self._parts]))
        hashes, owners, sizes = self._joined
        first, last = np.searchsorted(hashes, new, "left"), np.searchsorted(hashes, new, "right")
        found = last - first  # how many texts have each of the new text's shingles
        if not found.any():
            return None
        # The owners of every match: for each shingle, the run hashes[first:last], all runs laid end to end.
        runs = np.repeat(first - np.cumsum(found) + found, found) + np.arange(int(found.sum()))
        shared = np.bincount(owners[runs], minlength=len(self._keys))
        scores = shared / np.maximum(np.minimum(sizes, new.size), 1)  # containment, as `similarity`
        best = int(np.argmax(scores))
        return self._keys[best], float(scores[best])
