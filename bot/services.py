"""Builds the components once (Chroma client, embedder, retriever, answerer …) and offers the use cases.

Everything here is synchronous: Chroma, the embedder and the answerer block, so the Discord bot calls
these methods through `asyncio.to_thread`, and the CLI calls them directly.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from bot.config import Settings
from bot.knowledge.answering import Answerer, ExtractiveAnswerer, refuse
from bot.knowledge.chunking import ArticleChunker
from bot.knowledge.embedder import TextEmbedder, build_embedder
from bot.knowledge.errors import ArticleNotFound
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.ingestion import FactExtractor, Ingestor
from bot.knowledge.model import GLOBAL_SCOPE, Article, ArticleMeta, CitedAnswer, SearchFilters
from bot.knowledge.question import Vocabulary, looks_like_follow_up, profile_question
from bot.knowledge.retrieval import HybridRetriever
from bot.knowledge.store import ArticleStore, AuditLog, StoredArticle, connect_chroma
from bot.knowledge.summaries import summarize_article, summarize_passages

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CorpusOverview:
    """What /about reports."""

    articles: int
    chunks: int
    first: date | None
    last: date | None
    countries: tuple[tuple[str, int], ...]
    outlets: tuple[str, ...]


class KnowledgeBase:
    """The use cases of Attaché over one store; every method takes the caller's scopes (servers)."""

    def __init__(
        self,
        settings: Settings,
        store: ArticleStore,
        embedder: TextEmbedder,
        gazetteer: Gazetteer,
        retriever: HybridRetriever,
        ingestor: Ingestor,
        answerer: Answerer,
        audit: AuditLog,
        vocabulary: Vocabulary,
    ) -> None:
        self.settings = settings
        self.vocabulary = vocabulary
        self.audit = audit
        self.store = store
        self.embedder = embedder
        self.gazetteer = gazetteer
        self.retriever = retriever
        self.ingestor = ingestor
        self.answerer = answerer

    # --- questions -----------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        *,
        scopes: Sequence[str] = (GLOBAL_SCOPE,),
        since: date | None = None,
        until: date | None = None,
        countries: Sequence[str] = (),
        previous: str | None = None,
    ) -> CitedAnswer:
        started = time.perf_counter()
        filters = SearchFilters(scopes=tuple(scopes), countries=tuple(countries), since=since, until=until)
        text = f"{previous} {question}" if previous and looks_like_follow_up(question) else question
        snapshot = self.retriever.snapshot()
        profile = profile_question(text, snapshot.lexical, self.gazetteer, self.vocabulary)
        if len(profile.countries) >= 2 and not countries:
            # A question about a pair is answered from articles about that pair, or not at all.
            filters = replace(filters, countries=profile.countries)
        passages = self.retriever.search(profile.search_text, filters)
        answer = self.answerer.answer(replace(profile, text=question), passages)
        elapsed = (time.perf_counter() - started) * 1000
        log.info("answered refused=%s citations=%d ms=%.1f", answer.refused, len(answer.citations), elapsed)
        return replace(answer, elapsed_ms=elapsed)

    # --- articles ------------------------------------------------------------------------------

    def sources(self, scopes: Sequence[str] = (GLOBAL_SCOPE,)) -> list[ArticleMeta]:
        metas = [a.meta for a in self.retriever.snapshot().articles.values() if a.meta.scope in scopes]
        return sorted(metas, key=lambda m: (m.published or date.min, m.title), reverse=True)

    def find_article(self, article_id: str, scopes: Sequence[str]) -> StoredArticle:
        """An article visible in these scopes, by id or unique id prefix."""
        articles = self.retriever.snapshot().articles
        matches = [a for aid, a in articles.items() if aid.startswith(article_id) and a.meta.scope in scopes]
        if len(matches) != 1:
            raise ArticleNotFound(f"No article `{article_id}` here. `/sources` lists the articles and their ids.")
        return matches[0]

    def remove(self, article_id: str, scopes: Sequence[str]) -> ArticleMeta:
        stored = self.find_article(article_id, scopes)
        self.ingestor.remove(stored.meta.article_id)
        return stored.meta

    def about(self, scopes: Sequence[str] = (GLOBAL_SCOPE,)) -> CorpusOverview:
        snapshot = self.retriever.snapshot()
        visible = [a for a in snapshot.articles.values() if a.meta.scope in scopes]
        dates = [a.meta.published for a in visible if a.meta.published]
        countries: dict[str, int] = {}
        for stored in visible:
            for country in stored.meta.countries:
                countries[country] = countries.get(country, 0) + 1
        return CorpusOverview(
            articles=len(visible),
            chunks=sum(a.chunk_count for a in visible),
            first=min(dates) if dates else None,
            last=max(dates) if dates else None,
            countries=tuple(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
            outlets=tuple(sorted({a.meta.outlet for a in visible if a.meta.outlet})),
        )

    # --- summaries -----------------------------------------------------------------------------

    def summarize_article(self, article_id: str, scopes: Sequence[str]) -> CitedAnswer:
        stored = self.find_article(article_id, scopes)
        return summarize_article(stored.meta, self.store.chunks_of(stored.meta.article_id))

    def summarize_topic(
        self, topic: str, scopes: Sequence[str], *, countries: Sequence[str] = (),
        since: date | None = None, until: date | None = None,
    ) -> CitedAnswer:
        filters = SearchFilters(scopes=tuple(scopes), countries=tuple(countries), since=since, until=until)
        passages = self.retriever.search(topic, filters, k=self.settings.retrieval.top_k + 3)
        if not passages or max(p.dense_similarity for p in passages) < self.settings.answer.min_similarity:
            return refuse(topic, passages)
        return summarize_passages(topic, passages)

    def summarize_pair(self, first: str, second: str, scopes: Sequence[str], **dates: date | None) -> CitedAnswer:
        names = [self.gazetteer.canonical(first) or first.strip().title(),
                 self.gazetteer.canonical(second) or second.strip().title()]
        topic = f"{names[0]} {names[1]} relations visit cooperation agreement"
        answer = self.summarize_topic(topic, scopes, countries=names, **dates)
        return replace(answer, question=f"{names[0]}–{names[1]} ties")


def no_facts(article: Article) -> str:
    return "{}"


def build_knowledge_base(
    settings: Settings,
    *,
    extract_facts: FactExtractor | None = None,
    embedder: TextEmbedder | None = None,
    store: ArticleStore | None = None,
) -> KnowledgeBase:
    """Wire every component from the settings; the one place that decides which implementation runs."""
    started = time.perf_counter()
    gazetteer = Gazetteer.load(settings.knowledge.gazetteers)
    if store is None:
        client = connect_chroma(settings.knowledge.data_dir, settings.chroma.host, settings.chroma.port)
        store = ArticleStore(client, settings.knowledge.collection_prefix)
    if embedder is None:
        embedder = build_embedder(settings.embedding.mode, settings.models_dir,
                                  batch_size=settings.embedding.batch_size, threads=settings.embedding.threads)
    retriever = HybridRetriever(store, embedder, settings.retrieval)
    chunker = ArticleChunker(embedder.count_tokens, settings.knowledge.chunk_tokens,
                             settings.knowledge.chunk_overlap_tokens)
    if extract_facts is None:
        extract_facts = default_fact_extractor(settings, gazetteer)
    ingestor = Ingestor(store, embedder, chunker, gazetteer, retriever, extract_facts, settings.knowledge.max_file_bytes)
    answerer = build_answerer(settings, gazetteer)
    log.info("knowledge base ready ms=%.0f", (time.perf_counter() - started) * 1000)
    audit = AuditLog(store.client, settings.knowledge.collection_prefix)
    vocabulary = Vocabulary.load(settings.knowledge.vocabulary)
    return KnowledgeBase(settings, store, embedder, gazetteer, retriever, ingestor, answerer, audit, vocabulary)


def build_answerer(settings: Settings, gazetteer: Gazetteer) -> Answerer:
    extractive = ExtractiveAnswerer(settings.answer, frozenset(gazetteer.country_by_city))
    if settings.answer.mode == "extractive":
        return extractive
    if settings.answer.mode == "llm":
        from bot.knowledge.llm_answering import LlmAnswerer

        return LlmAnswerer.from_settings(settings, fallback=extractive)
    raise ValueError(f"answer.mode must be 'extractive' or 'llm', not {settings.answer.mode!r}")


def default_fact_extractor(settings: Settings, gazetteer: Gazetteer) -> FactExtractor:
    """Structured facts (officials, visits, areas …) when the facts package is present."""
    try:
        from bot.facts.pipeline import article_fact_extractor
    except ImportError:
        return no_facts
    return article_fact_extractor(settings, gazetteer)
