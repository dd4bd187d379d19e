"""The Chroma store behaves the same embedded and on a Chroma server on loopback."""

from __future__ import annotations

import time

import numpy as np
import pytest

from bot.knowledge.model import GLOBAL_SCOPE, ArticleMeta, Chunk, SearchFilters
from bot.knowledge.store import ArticleStore
from bot.services import KnowledgeBase, build_knowledge_base
from tests.conftest import FICTIONAL_ARTICLES, SHIPPED_ARTICLES, KnowledgeBaseFactory


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(384, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


@pytest.mark.parametrize("mode", ["embedded", "server"])
def test_store_round_trip_and_removal(make_kb: KnowledgeBaseFactory, mode: str) -> None:
    store: ArticleStore = make_kb(mode).store
    meta = ArticleMeta("abc123", "Fictional title", "Fictional Test Wire", "https://example.org/fictional/x",
                       None, ("Veloria",), "x.md", GLOBAL_SCOPE)
    chunks = [Chunk("abc123:0", "abc123", 0, "first passage"), Chunk("abc123:1", "abc123", 1, "second passage")]
    store.add_article(meta, chunks, np.stack([unit(1, 0), unit(0, 1)]), '{"k": 1}', "2026-01-01T00:00:00+00:00")
    assert store.counts() == (1, 2)
    stored = store.article("abc123")
    assert stored is not None and stored.meta == meta and stored.facts_json == '{"k": 1}'
    assert [c.text for c in store.chunks_of("abc123")] == ["first passage", "second passage"]
    hits = store.dense_search(unit(1, 0.1), 2)
    assert hits[0][0] == "abc123:0" and hits[0][1] > 0.99
    assert store.dense_search(unit(1, 0), 2, article_ids=["other"]) == []
    store.remove_article("abc123")
    assert store.counts() == (0, 0)


@pytest.mark.parametrize("mode", ["embedded", "server"])
def test_hybrid_search_with_filters(make_kb: KnowledgeBaseFactory, mode: str) -> None:
    kb = make_kb(mode)
    kb.ingestor.ingest_paths([SHIPPED_ARTICLES, FICTIONAL_ARTICLES])
    results = kb.retriever.search("radar contract Kessring Dynamics", SearchFilters())
    assert results[0].article.source.endswith("quintara-radar-contract-lumenhal.md")
    assert results[0].dense_similarity > 0.2 and results[0].lexical_score > 0
    assert results == sorted(results, key=lambda r: -r.score)
    only_pti = kb.retriever.search("radar contract", SearchFilters(countries=("India", "Israel")))
    assert only_pti and all(r.article.outlet == "PTI" for r in only_pti)
    nothing = kb.retriever.search("radar contract", SearchFilters(scopes=("some-other-server",)))
    assert nothing == []


def test_a_second_process_sees_new_articles(make_kb: KnowledgeBaseFactory, tmp_path: object) -> None:
    """Two knowledge bases on one store (like two bot shards on one Chroma server) stay in step."""
    first = make_kb("server")
    second_store = ArticleStore(first.store.client, first.settings.knowledge.collection_prefix)
    from bot.knowledge.retrieval import HybridRetriever

    second = HybridRetriever(second_store, first.embedder, first.settings.retrieval, refresh_seconds=0.0)
    assert second.snapshot().articles == {}
    first.ingestor.ingest_paths([SHIPPED_ARTICLES])
    assert len(second.snapshot().articles) == 1


def test_corpus_snapshot_is_cached_per_store_version(make_kb: KnowledgeBaseFactory, tmp_path: object) -> None:
    from bot.knowledge.retrieval import CorpusSnapshot

    kb = make_kb()
    kb.ingestor.ingest_paths([SHIPPED_ARTICLES])
    cache_dir = kb.settings.knowledge.data_dir / "cache" / kb.settings.knowledge.collection_prefix
    first = kb.retriever.snapshot()
    [cached_file] = list(cache_dir.glob("corpus-*.pickle"))
    assert first.version in cached_file.name
    reloaded = CorpusSnapshot.load(kb.store, cache_dir)  # what a restart does: read, not rebuild
    assert reloaded.version == first.version and reloaded.positions == first.positions
    assert (reloaded.lexical.scores("Doval") == first.lexical.scores("Doval")).all()
    kb.ingestor.ingest_paths([FICTIONAL_ARTICLES])
    second = kb.retriever.snapshot()
    assert second.version != first.version and len(second.articles) == 8
    [only] = list(cache_dir.glob("corpus-*.pickle"))
    assert only.name.startswith(f"corpus-{second.version}-")


def test_facts_live_in_metadata_and_older_stores_still_read(make_kb: KnowledgeBaseFactory) -> None:
    """Facts moved from the record's document to its metadata; a store written before still loads."""
    store: ArticleStore = make_kb().store
    meta = ArticleMeta("old123", "Fictional old record", "Fictional Test Wire", "https://example.org/fictional/old",
                       None, ("Veloria",), "old.md", GLOBAL_SCOPE)
    store.add_article(meta, [Chunk("old123:0", "old123", 0, "a passage")], np.stack([unit(1, 0)]),
                      '{"visits": []}', "2026-01-01T00:00:00+00:00")
    record = store._articles.get(ids=["old123"], include=["metadatas", "documents"])
    assert record["metadatas"][0]["facts"] == '{"visits": []}' and not record["documents"][0]
    older = {k: v for k, v in record["metadatas"][0].items() if k != "facts"}
    store._articles.delete(ids=["old123"])  # an upsert would keep the "facts" key
    store._articles.add(ids=["old123"], embeddings=[unit(1, 0)], metadatas=[older], documents=['{"k": 2}'])
    stored = store.article("old123")
    assert stored is not None and stored.facts_json == '{"k": 2}' and stored.meta == meta


def _orphans(kb: KnowledgeBase, count: int, vector: np.ndarray, written_at: int) -> list[str]:
    """Chunks written as by an ingestion that died before its article record: no record points to them."""
    meta = ArticleMeta(article_id="crashed-article", title="never recorded")
    chunks = [(meta, Chunk(f"crashed-{i}", meta.article_id, i, f"Orphan passage {i} about Baram's visit to India."))
              for i in range(count)]
    kb.store.add_chunks(chunks, np.repeat(vector[None, :], count, axis=0))
    kb.store._chunks.update(ids=[c.chunk_id for _, c in chunks],  # noqa: SLF001 - age them as a crash long ago would
                            metadatas=[{"article_id": meta.article_id, "index": c.index, "scope": "global",
                                        "written_at": written_at} for _, c in chunks])
    return [c.chunk_id for _, c in chunks]


def test_orphan_chunks_never_crowd_out_real_passages_and_are_swept(make_kb: KnowledgeBaseFactory) -> None:
    kb = make_kb()
    kb.ingestor.ingest_paths([SHIPPED_ARTICLES])
    question = "who did baram meet in delhi"
    before = [p.chunk.chunk_id for p in kb.retriever.search(question, SearchFilters())]
    vector = kb.embedder.embed_query(question)  # the orphans are as close to the question as can be
    _orphans(kb, 40, vector, written_at=0)
    assert [p.chunk.chunk_id for p in kb.retriever.search(question, SearchFilters())] == before

    recent = _orphans(kb, 3, vector, written_at=int(time.time()))  # an ingestion still under way elsewhere
    restarted = build_knowledge_base(kb.settings, embedder=kb.embedder)  # the same store, started anew
    assert restarted.store.counts()[1] == 3 + 3  # the shipped article's 3 passages and the 3 recent ones
    assert set(recent) <= {c.chunk_id for c in restarted.store.all_chunks()}
    assert restarted.store.sweep_orphans(grace_seconds=0) == 3
    assert restarted.store.counts() == (1, 3)


def test_upload_and_removal_are_audited_per_server(make_kb: KnowledgeBaseFactory) -> None:
    """KnowledgeBase.upload() notes a change (not a rejection or a known copy) in the audit log, remove() with
    an actor too, and audit_log() shows one server only its own entries, newest first."""
    from bot.services import Actor

    kb = make_kb()
    article = next(FICTIONAL_ARTICLES.glob("*.md"))
    admin = Actor(id="42", name="curator")
    added = kb.upload(article.read_bytes(), article.name, scope="1001", actor=admin)
    assert added.status == "added" and added.meta is not None
    assert kb.upload(article.read_bytes(), "copy.md", scope="1001", actor=admin).status == "known"
    assert kb.upload(b"\x00\x01 binary", "junk.txt", scope="1001", actor=admin).status == "rejected"
    [entry] = kb.audit_log("1001")
    assert (entry.action, entry.article_id, entry.actor_id, entry.actor_name, entry.detail) == (
        "added", added.meta.article_id, "42", "curator", article.name)
    assert kb.audit_log("2002") == []

    kb.remove(added.meta.article_id, ("1001",), actor=admin)
    assert [e.action for e in kb.audit_log("1001")][0] == "removed"
    assert len(kb.audit_log("1001")) == 2
    assert kb.store.counts() == (0, 0)
