"""The most central sentences of a set: those most like all the others, so most representative of what arrived.

Degree centrality over cosine similarity, as in LexRank (Erkan & Radev, 2004) without its power iteration:
each sentence scores its mean similarity to every other sentence. Simple, deterministic, and it uses the
embedder the bot already runs."""

from __future__ import annotations

import numpy as np


def most_central(vectors: np.ndarray, k: int) -> list[int]:
    """Indices of the `k` most central rows, most central first (ties: the earlier row)."""
    count = len(vectors)
    if count == 0 or k <= 0:
        return []
    if count == 1:
        return [0]
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    similarity = unit @ unit.T
    scores = (similarity.sum(axis=1) - np.diag(similarity)) / (count - 1)
    return sorted(range(count), key=lambda i: (-float(scores[i]), i))[:k]
