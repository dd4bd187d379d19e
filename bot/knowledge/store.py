"""The one module that talks to Chroma: chunks with their embeddings, and a registry of articles.

Three collections: `<prefix>_chunks` (one record per passage, searched by embedding),
`<prefix>_sentences` (one vector per sentence of a passage, read in that passage: what answers score
sentences with) and `<prefix>_articles` (one record per article: metadata, the extracted facts as JSON,
and the mean of its chunk embeddings). The article record is written last and is what makes an article exist, so a failed
ingestion can always be rolled back to exactly the previous state. Its facts JSON is a metadata value,
not the record's document: Chroma builds a full-text index over every document, which made writing
article records four times slower for an index nothing reads.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from bot.knowledge.errors import StoreUnavailable
from bot.knowledge.model import ArticleMeta, ArticleSource, Chunk

log = logging.getLogger(__name__)

_PAGE = 2000
# Chunks without an article record younger than this may be an ingestion in progress elsewhere: not swept.
ORPHAN_GRACE_SECONDS = 600.0


@dataclass(frozen=True)
class NewArticle:
    """An article ready to be written: its chunks with their embeddings and its facts."""

    meta: ArticleMeta
    chunks: list[Chunk]
    embeddings: np.ndarray
    facts_json: str


@dataclass(frozen=True)
class SentenceVectors:
    """The sentences of one passage: character spans in the chunk text, and one vector each."""

    spans: list[tuple[int, int]]
    vectors: np.ndarray


@dataclass(frozen=True)
class StoredArticle:
    """An article as the registry knows it, with its facts still as JSON (decoded by the facts layer)."""

    meta: ArticleMeta
    chunk_count: int
    ingested_at: str
    facts_json: str


def connect_chroma(data_dir: Path, host: str = "", port: int = 8000, timeout: float = 10.0) -> Any:
    """An embedded on-disk client by default, an HTTP client when a Chroma server is configured.

    chromadb's HTTP client waits forever (its httpx session has no timeout, and it sends its first request
    while it is built), so the server is asked for a heartbeat within `timeout` first, and the session
    gets the same bound for every later call."""
    import chromadb
    from chromadb.config import Settings as ChromaClientSettings

    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    try:
        if host:
            _heartbeat(host, port, timeout)
            client = chromadb.HttpClient(host=host, port=port, settings=client_settings)
            session = getattr(getattr(client, "_server", None), "_session", None)
            if session is not None:  # chromadb internals; without them only the first contact is bounded
                import httpx

                session.timeout = httpx.Timeout(timeout)
            return client
        data_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=client_settings)
    except Exception as error:  # chromadb raises plain ValueError/ConnectionError variants here
        where = f"the Chroma server at {host}:{port}" if host else f"the store in {data_dir}"
        raise StoreUnavailable(f"Could not open {where}: {error}") from error


def _heartbeat(host: str, port: int, timeout: float) -> None:
    import httpx

    try:
        httpx.get(f"http://{host}:{port}/api/v2/heartbeat", timeout=timeout).raise_for_status()
    except httpx.TimeoutException as error:
        raise StoreUnavailable(f"The Chroma server at {host}:{port} did not answer within {timeout:g} s.") from error
    except httpx.HTTPError as error:
        raise StoreUnavailable(f"The Chroma server at {host}:{port} cannot be reached ({type(error).__name__}).") from error


class ArticleStore:
    """Chunk and article records in Chroma, converted to our own types at this boundary."""

    def __init__(self, client: Any, prefix: str = "attache") -> None:
        self.client = client
        self._chunks = client.get_or_create_collection(
            f"{prefix}_chunks", embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        self._articles = client.get_or_create_collection(
            f"{prefix}_articles", embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        self._sentences = client.get_or_create_collection(
            f"{prefix}_sentences", embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
        # One record whose value changes with every write: reading the store's version costs one lookup.
        self._state = client.get_or_create_collection(f"{prefix}_state", embedding_function=None)

    # --- writing -------------------------------------------------------------------------------

    def add_article(
        self, meta: ArticleMeta, chunks: Sequence[Chunk], embeddings: np.ndarray, facts_json: str, ingested_at: str
    ) -> None:
        self.add_articles([NewArticle(meta, list(chunks), embeddings, facts_json)], ingested_at)

    def add_articles(self, articles: Sequence[NewArticle], ingested_at: str) -> None:
        """Write all chunks, then all article records, in few calls; on any failure remove what was written."""
        chunks = [(a.meta, c) for a in articles for c in a.chunks]
        try:
            self.add_chunks(chunks, np.concatenate([a.embeddings for a in articles]) if articles else np.zeros((0, 1)))
            self.add_article_records(articles, ingested_at)
        except BaseException:
            log.warning("rolling back partial write articles=%d", len(articles))
            self._delete_quietly([a.meta.article_id for a in articles], [c.chunk_id for _, c in chunks])
            raise

    def add_chunks(self, chunks: Sequence[tuple[ArticleMeta, Chunk]], embeddings: np.ndarray,
                   sentences: Sequence[SentenceVectors] | None = None) -> None:
        """Passages (and their sentence vectors) only: answers ignore them until their article's record is
        written (retrieval skips chunks outside its snapshot), so a caller can write them while it still
        embeds the rest, and must remove them itself if it gives up."""
        written_at = int(time.time())  # the orphan sweep leaves recent chunks alone: their records may be on the way
        metadatas = [_chunk_metadata(meta, c, written_at) for meta, c in chunks]
        for start in range(0, len(chunks), _PAGE):  # no version bump: readers see no change until the records
            part = slice(start, start + _PAGE)
            self._chunks.upsert(ids=[c.chunk_id for _, c in chunks[part]], embeddings=embeddings[part],
                                documents=[c.text for _, c in chunks[part]], metadatas=metadatas[part])
        if sentences:
            self._add_sentences(chunks, sentences)

    def _add_sentences(self, chunks: Sequence[tuple[ArticleMeta, Chunk]], sentences: Sequence[SentenceVectors]) -> None:
        ids: list[str] = []
        metadatas: list[dict[str, Any]] = []
        vectors: list[np.ndarray] = []
        for (meta, chunk), found in zip(chunks, sentences, strict=True):
            for number, (begin, end) in enumerate(found.spans):
                ids.append(f"{chunk.chunk_id}:{number}")
                metadatas.append({"article_id": meta.article_id, "chunk_id": chunk.chunk_id, "start": begin, "end": end})
            vectors.append(found.vectors)
        if not ids:
            return
        stacked = np.concatenate(vectors)
        for start in range(0, len(ids), _PAGE):
            part = slice(start, start + _PAGE)
            self._sentences.upsert(ids=ids[part], embeddings=stacked[part], metadatas=metadatas[part])

    def sentence_vectors(self, sentence_counts: dict[str, int]) -> dict[str, SentenceVectors]:
        """The stored sentence vectors of these passages (chunk id → how many sentences it has), read by record
        id, which is several times faster than a metadata filter; passages stored without them are absent."""
        if not sentence_counts:
            return {}
        ids = [f"{chunk_id}:{n}" for chunk_id, count in sentence_counts.items() for n in range(count)]
        page = self._sentences.get(ids=ids, include=["embeddings", "metadatas"])
        rows: dict[str, list[tuple[int, int, np.ndarray]]] = {}
        for metadata, vector in zip(page["metadatas"], page["embeddings"], strict=True):
            rows.setdefault(str(metadata["chunk_id"]), []).append(
                (int(metadata["start"]), int(metadata["end"]), np.asarray(vector, dtype=np.float32)))
        found: dict[str, SentenceVectors] = {}
        for chunk_id, items in rows.items():
            items.sort(key=lambda r: r[0])
            found[chunk_id] = SentenceVectors([(a, b) for a, b, _ in items], np.stack([v for _, _, v in items]))
        return found

    def add_article_records(self, articles: Sequence[NewArticle], ingested_at: str) -> None:
        """The records that make articles exist; their chunks must already be stored. On failure the
        caller removes the articles, which also tells readers the store changed."""
        centroids = []
        for article in articles:
            centroid = article.embeddings.mean(axis=0)
            centroids.append(centroid / (np.linalg.norm(centroid) or 1.0))
        self._articles.upsert(
            ids=[a.meta.article_id for a in articles],
            embeddings=np.stack(centroids),
            metadatas=[_article_metadata(a.meta, len(a.chunks), ingested_at) | {"facts": a.facts_json}
                       for a in articles],
        )
        self._bump_version()

    def add_source(self, article_id: str, source: ArticleSource) -> ArticleMeta:
        """Another outlet's copy of a stored article, listed among its sources; its text is not stored. Returns
        the article as it now is (unchanged if it already listed that copy). A read, then a write: two processes
        adding copies of one article at the same instant can lose one of them from the list, never the article."""
        page = self._articles.get(ids=[article_id], include=["metadatas"])
        if not page["ids"]:
            raise KeyError(article_id)
        metadata = dict(page["metadatas"][0])
        meta = _stored_article(article_id, metadata, None).meta
        if meta.carries(source):
            return meta
        others = (*meta.other_sources, source)
        metadata["other_sources"] = _sources_json(others)
        self._articles.update(ids=[article_id], metadatas=[metadata])
        self._bump_version()
        return _stored_article(article_id, metadata, None).meta

    def remove_article(self, article_id: str) -> None:
        try:
            # The record first: without it the article no longer exists, and stray chunks are never read.
            self._articles.delete(ids=[article_id])
            self._chunks.delete(where={"article_id": article_id})
            self._sentences.delete(where={"article_id": article_id})
        finally:
            self._bump_version()

    def _bump_version(self) -> None:
        import uuid

        self._state.upsert(ids=["version"], embeddings=[[1.0]], metadatas=[{"version": uuid.uuid4().hex}])

    def _delete_quietly(self, article_ids: list[str], chunk_ids: list[str]) -> None:
        try:
            self._delete_chunks(chunk_ids)
            if article_ids:
                self._articles.delete(ids=article_ids)
            self._bump_version()
        except Exception:  # the original error matters more; this one is only logged
            log.exception("rollback failed articles=%s", article_ids)

    # --- reading -------------------------------------------------------------------------------

    def articles(self) -> list[StoredArticle]:
        records: list[StoredArticle] = []
        for page in self._pages(self._articles, ["metadatas", "documents"]):
            for article_id, metadata, document in zip(page["ids"], page["metadatas"], page["documents"], strict=True):
                records.append(_stored_article(article_id, metadata, document))
        return records

    def article(self, article_id: str) -> StoredArticle | None:
        page = self._articles.get(ids=[article_id], include=["metadatas", "documents"])
        if not page["ids"]:
            return None
        return _stored_article(page["ids"][0], page["metadatas"][0], page["documents"][0])

    def all_chunks(self) -> list[Chunk]:
        chunks: list[Chunk] = []
        for page in self._pages(self._chunks, ["metadatas", "documents"]):
            for chunk_id, metadata, document in zip(page["ids"], page["metadatas"], page["documents"], strict=True):
                chunks.append(Chunk(chunk_id, str(metadata["article_id"]), int(metadata["index"]), document))
        return chunks

    def chunks_of(self, article_id: str) -> list[Chunk]:
        page = self._chunks.get(where={"article_id": article_id}, include=["metadatas", "documents"])
        chunks = [
            Chunk(chunk_id, article_id, int(metadata["index"]), document)
            for chunk_id, metadata, document in zip(page["ids"], page["metadatas"], page["documents"], strict=True)
        ]
        return sorted(chunks, key=lambda c: c.index)

    def dense_search(
        self, embedding: np.ndarray, k: int, article_ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) best first; `article_ids` restricts the search when given."""
        total = self._chunks.count()
        if total == 0 or (article_ids is not None and not article_ids):
            return []
        where = None
        if article_ids is not None:
            where = {"article_id": article_ids[0]} if len(article_ids) == 1 else {"article_id": {"$in": list(article_ids)}}
        result = self._chunks.query(
            query_embeddings=[embedding], n_results=min(k, total), where=where, include=["distances"]
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(result["ids"][0], result["distances"][0], strict=True)]

    def sweep_orphans(self, expected_chunks: int | None = None, grace_seconds: float = ORPHAN_GRACE_SECONDS) -> int:
        """Remove chunks (and their sentence vectors) whose article has no record: what a crash between the
        chunk writes and the record leaves. Chunks younger than `grace_seconds` may belong to an ingestion
        still running in another process, so they stay. With `expected_chunks` (what the article records
        add up to) a store holding exactly that many is not scanned. Returns how many chunks were removed."""
        if expected_chunks is not None and self._chunks.count() == expected_chunks:
            return 0
        known = set(self._articles.get(include=[])["ids"])
        cutoff = time.time() - grace_seconds
        orphans: list[str] = []
        for page in self._pages(self._chunks, ["metadatas"]):
            for chunk_id, metadata in zip(page["ids"], page["metadatas"], strict=True):
                if metadata.get("article_id") not in known and float(metadata.get("written_at", 0)) < cutoff:
                    orphans.append(chunk_id)
        self._delete_chunks(orphans)
        if orphans:
            log.warning("swept orphan chunks count=%d (left by an interrupted ingestion)", len(orphans))
        return len(orphans)

    def _delete_chunks(self, chunk_ids: Sequence[str]) -> None:
        """Chunks and their sentence vectors, by chunk id, a page at a time."""
        for start in range(0, len(chunk_ids), _PAGE):
            part = list(chunk_ids[start:start + _PAGE])
            self._chunks.delete(ids=part)
            self._sentences.delete(where={"chunk_id": {"$in": part}})

    def counts(self) -> tuple[int, int]:
        """(articles, chunks)."""
        return self._articles.count(), self._chunks.count()

    def version(self) -> str:
        """Changes whenever an article is added or removed, by this process or another one on the same store."""
        record = self._state.get(ids=["version"], include=["metadatas"])
        if record["ids"]:
            return f"v{record['metadatas'][0]['version']}"
        stamps: list[tuple[str, str]] = []  # a store written before the version record existed
        for page in self._pages(self._articles, ["metadatas"]):
            stamps += [(aid, str(m.get("ingested_at", ""))) for aid, m in zip(page["ids"], page["metadatas"], strict=True)]
        return corpus_version(stamps)

    @staticmethod
    def _pages(collection: Any, include: list[str]) -> Any:
        offset = 0
        while True:
            page = collection.get(include=include, limit=_PAGE, offset=offset)
            if not page["ids"]:
                return
            yield page
            offset += len(page["ids"])


def corpus_version(stamps: Sequence[tuple[str, str]]) -> str:
    """Fingerprint of (article id, ingested at) pairs: the same set of articles gives the same version."""
    import hashlib

    digest = hashlib.sha1()
    for article_id, ingested_at in sorted(stamps):
        digest.update(f"{article_id}@{ingested_at};".encode())
    return f"{len(stamps)}-{digest.hexdigest()[:20]}"


def _chunk_metadata(meta: ArticleMeta, chunk: Chunk, written_at: int) -> dict[str, Any]:
    return {"article_id": meta.article_id, "index": chunk.index, "scope": meta.scope, "written_at": written_at}


def _article_metadata(meta: ArticleMeta, chunk_count: int, ingested_at: str) -> dict[str, Any]:
    return {
        "title": meta.title,
        "outlet": meta.outlet,
        "url": meta.url,
        "published": meta.published.isoformat() if meta.published else "",
        "countries": json.dumps(list(meta.countries)),
        "source": meta.source,
        "scope": meta.scope,
        "other_sources": _sources_json(meta.other_sources),
        "chunk_count": chunk_count,
        "ingested_at": ingested_at,
    }


def _stored_article(article_id: str, metadata: dict[str, Any], document: str | None) -> StoredArticle:
    """`document` holds the facts in stores written before they moved into the metadata."""
    published = str(metadata.get("published") or "")
    meta = ArticleMeta(
        article_id=article_id,
        title=str(metadata.get("title", "")),
        outlet=str(metadata.get("outlet", "")),
        url=str(metadata.get("url", "")),
        published=date.fromisoformat(published) if published else None,
        countries=tuple(json.loads(str(metadata.get("countries") or "[]"))),
        source=str(metadata.get("source", "")),
        scope=str(metadata.get("scope", "global")),
        other_sources=_sources(str(metadata.get("other_sources") or "[]")),
    )
    facts_json = str(metadata.get("facts") or document or "{}")
    return StoredArticle(meta, int(metadata.get("chunk_count", 0)), str(metadata.get("ingested_at", "")), facts_json)


def _sources_json(sources: Sequence[ArticleSource]) -> str:
    return json.dumps([{"outlet": s.outlet, "url": s.url, "title": s.title, "source": s.source,
                        "published": s.published.isoformat() if s.published else ""} for s in sources])


def _sources(text: str) -> tuple[ArticleSource, ...]:
    return tuple(ArticleSource(outlet=str(s.get("outlet", "")), url=str(s.get("url", "")), title=str(s.get("title", "")),
                               published=date.fromisoformat(s["published"]) if s.get("published") else None,
                               source=str(s.get("source", "")))
                 for s in json.loads(text))


@dataclass(frozen=True)
class AuditEntry:
    """Who changed the knowledge base, what, and when."""

    at: str
    scope: str
    actor_id: str
    actor_name: str
    action: str
    article_id: str
    title: str
    detail: str = ""


class AuditLog:
    """Uploads and removals, kept in Chroma beside the articles so every shard sees the same log.

    Chroma stores records with embeddings; these have no meaning to search, so each carries a constant
    one-dimensional vector in a collection of its own.
    """

    def __init__(self, client: Any, prefix: str = "attache") -> None:
        self._entries = client.get_or_create_collection(f"{prefix}_audit", embedding_function=None)

    def record(self, entry: AuditEntry) -> None:
        import uuid

        self._entries.add(ids=[uuid.uuid4().hex], embeddings=[[1.0]], documents=[entry.detail],
                          metadatas=[{k: v for k, v in entry.__dict__.items() if k != "detail"}])

    def entries(self, scope: str, limit: int = 50) -> list[AuditEntry]:
        page = self._entries.get(where={"scope": scope}, include=["metadatas", "documents"])
        entries = [AuditEntry(detail=document or "", **{k: str(v) for k, v in metadata.items()})
                   for metadata, document in zip(page["metadatas"], page["documents"], strict=True)]
        return sorted(entries, key=lambda e: e.at, reverse=True)[:limit]


@dataclass(frozen=True)
class FeedSubscription:
    """A feed one scope follows, and what its polls have done so far (times are ISO 8601, UTC; "" for never)."""

    scope: str
    url: str
    added_by: str
    added_by_name: str
    interval_minutes: int
    added_at: str
    etag: str = ""
    last_modified: str = ""
    last_polled: str = ""
    last_success: str = ""
    last_error: str = ""
    articles_added: int = 0
    # Item links already added or found stored: skipped without fetching their pages again.
    seen: tuple[str, ...] = ()
    # Where each article the feed brings in is announced ("" for nowhere).
    channel_id: str = ""
    # Items whose page failed, with how many polls tried them: tried again until [feeds] max_item_retries.
    failing: tuple[tuple[str, int], ...] = ()
    # Items given up after their retries, newest last, each with the error of its last try.
    given_up: tuple[tuple[str, str], ...] = ()

    @property
    def feed_id(self) -> str:
        return feed_id(self.scope, self.url)


def feed_id(scope: str, url: str) -> str:
    import hashlib

    return hashlib.sha1(f"{scope}\n{url}".encode()).hexdigest()[:24]


class FeedRegistry:
    """Followed feeds and their poll state, kept in Chroma beside the articles so they survive a restart and
    every shard sees them. Like the audit log, each record carries a constant one-dimensional vector."""

    def __init__(self, client: Any, prefix: str = "attache") -> None:
        self._feeds = client.get_or_create_collection(f"{prefix}_feeds", embedding_function=None)

    def save(self, feed: FeedSubscription) -> None:
        metadata = {k: v for k, v in feed.__dict__.items() if k not in _FEED_LISTS}
        lists = {"seen": list(feed.seen), "failing": [list(f) for f in feed.failing],
                 "given_up": [list(g) for g in feed.given_up]}
        self._feeds.upsert(ids=[feed.feed_id], embeddings=[[1.0]], documents=[json.dumps(lists)], metadatas=[metadata])

    def remove(self, scope: str, url: str) -> None:
        self._feeds.delete(ids=[feed_id(scope, url)])

    def get(self, scope: str, url: str) -> FeedSubscription | None:
        page = self._feeds.get(ids=[feed_id(scope, url)], include=["metadatas", "documents"])
        return _feed(page["metadatas"][0], page["documents"][0]) if page["ids"] else None

    def feeds(self, scope: str | None = None) -> list[FeedSubscription]:
        """One scope's feeds, or every scope's, in the order they were followed."""
        page = self._feeds.get(where={"scope": scope} if scope is not None else None,
                               include=["metadatas", "documents"])
        found = [_feed(m, d) for m, d in zip(page["metadatas"], page["documents"], strict=True)]
        return sorted(found, key=lambda f: (f.added_at, f.url))


_FEED_LISTS = ("seen", "failing", "given_up")  # kept in the record's document as JSON, not as metadata


def _feed(metadata: dict[str, Any], document: str | None) -> FeedSubscription:
    fields = {k: (int(v) if k in ("interval_minutes", "articles_added") else str(v)) for k, v in metadata.items()
              if k in FeedSubscription.__dataclass_fields__ and k not in _FEED_LISTS}
    lists = json.loads(document or "[]")
    if isinstance(lists, list):  # a record saved before items could fail and be given up: only the seen links
        lists = {"seen": lists}
    return FeedSubscription(seen=tuple(lists.get("seen", [])),
                            failing=tuple((str(link), int(tries)) for link, tries in lists.get("failing", [])),
                            given_up=tuple((str(link), str(error)) for link, error in lists.get("given_up", [])),
                            **fields)  # type: ignore[arg-type]


class FeedLeases:
    """Which process is polling which feed, so two bot processes sharing one Chroma server never poll the same
    feed at once (an embedded store already admits one process only: store_lock.py).

    A lease is a record per feed: its holder, a token and when it lapses. Taking one relies on Chroma's `add`
    keeping the record already there (insert if absent) and its `delete` with a `where` removing only a record
    that still has the token it was read with, so of two processes racing for a free or lapsed lease exactly
    one reads its own token back. A process that dies mid-poll holds the feed until its lease lapses.
    """

    def __init__(self, client: Any, prefix: str = "attache") -> None:
        self._leases = client.get_or_create_collection(f"{prefix}_feed_leases", embedding_function=None)

    def acquire(self, key: str, holder: str, seconds: float, now: float) -> str | None:
        """A token for the lease on `key` until `now + seconds`, or None while another holder's lease runs."""
        import uuid

        page = self._leases.get(ids=[key], include=["metadatas"])
        if page["ids"]:
            current = page["metadatas"][0]
            if float(current.get("expires", 0)) > now:
                return None
            self._leases.delete(ids=[key], where={"token": str(current.get("token", ""))})
        token = uuid.uuid4().hex
        self._leases.add(ids=[key], embeddings=[[1.0]],
                         metadatas=[{"holder": holder, "token": token, "expires": now + seconds}])
        page = self._leases.get(ids=[key], include=["metadatas"])
        return token if page["ids"] and page["metadatas"][0].get("token") == token else None

    def release(self, key: str, token: str) -> None:
        """Give the lease back; a lease that lapsed and was taken by another holder is left alone."""
        self._leases.delete(ids=[key], where={"token": token})

    def holder(self, key: str) -> str | None:
        page = self._leases.get(ids=[key], include=["metadatas"])
        return str(page["metadatas"][0].get("holder")) if page["ids"] else None
