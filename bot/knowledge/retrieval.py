"""Hybrid retrieval: Chroma's dense search and BM25 fused by reciprocal rank, within the caller's filters.

Local Chroma has no sparse search, so an in-memory snapshot of the corpus (article registry, chunk texts,
BM25 index) sits beside it. The snapshot is rebuilt when this process changes the store, and otherwise
when the store's fingerprint changes (another shard uploaded), checked at most every few seconds.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.config import RetrievalSettings
from bot.knowledge.embedder import TextEmbedder
from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.model import ArticleMeta, Chunk, RetrievedChunk, SearchFilters
from bot.knowledge.store import ArticleStore, StoredArticle

log = logging.getLogger(__name__)

# Rounds of asking for four times as many dense candidates when unknown chunks crowd the known ones out.
_OVERFETCH_ROUNDS = 3


@dataclass(frozen=True)
class CorpusSnapshot:
    """Everything retrieval needs in memory, consistent with one version of the store."""

    version: str
    articles: dict[str, StoredArticle]
    chunks: list[Chunk]
    lexical: LexicalIndex
    chunk_articles: np.ndarray = field(repr=False)  # article id per chunk position, for masks
    positions: dict[str, int] = field(repr=False)
    by_article: dict[str, list[int]] = field(repr=False, default_factory=dict)

    @classmethod
    def load(cls, store: ArticleStore, cache_dir: Path | None = None) -> CorpusSnapshot:
        """Read the store; with a cache folder, reuse the snapshot saved for this exact version of it."""
        version = store.version()
        cached = _read_cached(cache_dir, version)
        if cached is not None:
            return cached
        stored = store.articles()
        articles = {a.meta.article_id: a for a in stored}
        chunks = [c for c in store.all_chunks() if c.article_id in articles]
        by_article: dict[str, list[int]] = {}
        for position, chunk in enumerate(chunks):
            by_article.setdefault(chunk.article_id, []).append(position)
        snapshot = cls(
            version=version,
            articles=articles,
            chunks=chunks,
            lexical=LexicalIndex([c.text for c in chunks]),
            chunk_articles=np.array([c.article_id for c in chunks], dtype=object),
            positions={c.chunk_id: i for i, c in enumerate(chunks)},
            by_article=by_article,
        )
        _write_cached(cache_dir, snapshot)
        return snapshot

    def metas(self) -> list[ArticleMeta]:
        return [a.meta for a in self.articles.values()]


def _code_fingerprint() -> str:
    """Changes with the code that builds a snapshot: an upgrade never reuses an index built the old way."""
    import hashlib

    digest = hashlib.sha1()
    here = Path(__file__).parent
    for name in ("retrieval.py", "lexical.py", "text_terms.py", "model.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:10]


def _cache_file(cache_dir: Path, version: str) -> Path:
    return cache_dir / f"corpus-{version}-{_code_fingerprint()}.pickle"


def _read_cached(cache_dir: Path | None, version: str) -> CorpusSnapshot | None:
    if cache_dir is None:
        return None
    path = _cache_file(cache_dir, version)
    try:
        with open(path, "rb") as handle:
            snapshot = pickle.load(handle)  # our own file, written below for this version of the store
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or outdated cache is rebuilt, never fatal
        log.warning("ignoring unreadable corpus cache path=%s", path)
        return None
    return snapshot if isinstance(snapshot, CorpusSnapshot) and snapshot.version == version else None


def _write_cached(cache_dir: Path | None, snapshot: CorpusSnapshot) -> None:
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("corpus-*.pickle"):
            old.unlink(missing_ok=True)
        partial = cache_dir / f".corpus-{os.getpid()}.partial"
        with open(partial, "wb") as handle:
            pickle.dump(snapshot, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(_cache_file(cache_dir, snapshot.version))
    except OSError:
        log.warning("could not write the corpus cache dir=%s", cache_dir, exc_info=True)


class HybridRetriever:
    """Finds the passages for a question; the only reader of the snapshot, so it also serves views."""

    def __init__(
        self, store: ArticleStore, embedder: TextEmbedder, settings: RetrievalSettings, refresh_seconds: float = 2.0,
        cache_dir: Path | None = None,
    ) -> None:
        self._cache_dir = cache_dir
        self._store = store
        self._embedder = embedder
        self._settings = settings
        self._refresh_seconds = refresh_seconds
        self._snapshot: CorpusSnapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        """Called after this process changed the store: the next search sees the change."""
        with self._lock:
            self._snapshot = None

    def snapshot(self) -> CorpusSnapshot:
        with self._lock:
            now = time.monotonic()
            if self._snapshot is not None and now - self._checked_at >= self._refresh_seconds:
                self._checked_at = now
                if self._store.version() != self._snapshot.version:
                    self._snapshot = None
            if self._snapshot is None:
                started = time.perf_counter()
                self._snapshot = CorpusSnapshot.load(self._store, self._cache_dir)
                self._checked_at = now
                log.info("corpus snapshot loaded articles=%d chunks=%d ms=%.0f", len(self._snapshot.articles),
                         len(self._snapshot.chunks), (time.perf_counter() - started) * 1000)
            return self._snapshot

    def search(self, query: str, filters: SearchFilters, k: int | None = None,
               vector: np.ndarray | None = None) -> list[RetrievedChunk]:
        """Passages for `query` (its embedding may be passed in when the caller already has it)."""
        snap = self.snapshot()
        allowed = [aid for aid, stored in snap.articles.items() if filters.admits(stored.meta)]
        if not allowed or not query.strip():
            return []
        k = k or self._settings.top_k
        restrict = None if len(allowed) == len(snap.articles) else allowed
        query_vector = vector if vector is not None else self._embedder.embed_query(query)
        dense = self._dense_known(snap, query_vector, restrict)
        lexical = self._lexical_top(snap, query, allowed if restrict else None)
        return self._fuse(snap, dense, lexical, k)

    def _dense_known(self, snap: CorpusSnapshot, vector: np.ndarray, restrict: list[str] | None) -> list[tuple[str, float]]:
        """The best `dense_candidates` chunks the snapshot knows. Chunks it doesn't (an upload whose record is
        not written yet, or what a crash left before the sweep) are dropped before the cut: when they take
        places, the search asks for more, up to a few rounds, and says so."""
        wanted = self._settings.dense_candidates
        asked = wanted
        for _ in range(_OVERFETCH_ROUNDS):
            found = self._store.dense_search(vector, asked, restrict)
            known = [(c, s) for c, s in found if c in snap.positions]
            if len(known) >= wanted or len(found) < asked:
                return known[:wanted]
            log.info("dense search over-fetching: unknown chunks took places asked=%d known=%d", asked, len(known))
            asked *= 4
        return known[:wanted]

    def _lexical_top(self, snap: CorpusSnapshot, query: str, allowed: Sequence[str] | None) -> list[tuple[str, float]]:
        scores = snap.lexical.scores(query)
        if allowed is not None:
            scores = np.where(np.isin(snap.chunk_articles, list(allowed)), scores, 0.0)
        n = min(self._settings.lexical_candidates, len(scores))
        if n == 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top])]
        return [(snap.chunks[i].chunk_id, float(scores[i])) for i in top if scores[i] > 0]

    def _fuse(
        self, snap: CorpusSnapshot, dense: list[tuple[str, float]], lexical: list[tuple[str, float]], k: int
    ) -> list[RetrievedChunk]:
        rrf_k = self._settings.rrf_k
        fused: dict[str, float] = {}
        for rank, (chunk_id, _) in enumerate(dense):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (rrf_k + rank + 1)
        for rank, (chunk_id, _) in enumerate(lexical):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (rrf_k + rank + 1)
        similarity = dict(dense)
        lexical_scores = dict(lexical)
        results: list[RetrievedChunk] = []
        # Chunks not in the snapshot are skipped before the cut, so they never shorten the results: written
        # by another shard since, or by an upload whose article records are not written yet.
        known = [c for c in sorted(fused, key=lambda c: -fused[c]) if c in snap.positions]
        for chunk_id in known[:k]:
            chunk = snap.chunks[snap.positions[chunk_id]]
            results.append(RetrievedChunk(
                chunk=chunk, article=snap.articles[chunk.article_id].meta, score=fused[chunk_id],
                dense_similarity=similarity.get(chunk_id, 0.0), lexical_score=lexical_scores.get(chunk_id, 0.0),
            ))
        return results
