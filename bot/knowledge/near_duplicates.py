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


def most_similar(new: np.ndarray, stored: Iterable[tuple[str, np.ndarray]]) -> tuple[str, float] | None:
    """The stored text (by key) most similar to `new`, with its score; None when there is nothing to compare."""
    best: tuple[str, float] | None = None
    for key, candidate in stored:
        score = similarity(new, candidate)
        if best is None or score > best[1]:
            best = (key, score)
    return best
