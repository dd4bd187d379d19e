"""Builds the components once (Chroma client, embedder, retriever, answerer …) and offers the use cases.

Everything here is synchronous: Chroma, the embedder and the answerer block, so the Discord bot calls
these methods through `asyncio.to_thread`, and the CLI calls them directly.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date

from bot.config import Settings
from bot.facts.agreement_questions import agreement_content_quotes, agreement_quotes
from bot.facts.catalog import load_catalog
from bot.facts.cited_views import cooperation_answer, officials_answer, timeline_answer, visits_answer
from bot.facts.model import ArticleFacts
from bot.facts.views import cooperation_view, officials_view, timeline_view, visits_view
from bot.facts.visit_questions import NoSuchOfficial, visit_quotes
from bot.knowledge.answering import (
    Answerer,
    ExtractiveAnswerer,
    compose,
    mentions_named_things,
    passages_about,
    reading_order,
    refuse,
)
from bot.knowledge.chunking import ArticleChunker
from bot.knowledge.embedder import TextEmbedder, build_embedder
from bot.knowledge.errors import ArticleNotFound
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.ingestion import FactExtractor, Ingestor
from bot.knowledge.model import GLOBAL_SCOPE, ArticleMeta, CitedAnswer, RetrievedChunk, SearchFilters
from bot.knowledge.question import (
    QuestionProfile,
    Vocabulary,
    asks_for_summary,
    looks_like_follow_up,
    profile_question,
)
from bot.knowledge.retrieval import HybridRetriever
from bot.knowledge.store import ArticleStore, AuditLog, StoredArticle, connect_chroma
from bot.knowledge.summaries import summarize_article, summarize_passages
from bot.knowledge.text_terms import terms

log = logging.getLogger(__name__)

_STARTUP_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="attache-startup")


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
        self.catalog = load_catalog()
        self._facts_cache: dict[str, ArticleFacts] = {}
        self._terms_cache: dict[str, frozenset[str]] = {}
        self._terms_version = ""
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
        if text != question:  # a follow-up asks for its own kind of answer ("and when was that?")
            own_kind = profile_question(question, snapshot.lexical, self.gazetteer, self.vocabulary).kind
            profile = replace(profile, kind=own_kind if own_kind != "general" else profile.kind)
        if len(profile.countries) >= 2 and not countries:
            # A question about a pair is answered from articles about that pair, or not at all.
            filters = replace(filters, countries=profile.countries)
        passages = self.retriever.search(profile.search_text, filters)
        terms_by_article = {p.article.article_id: self._article_terms(p.article.article_id) for p in passages}
        if asks_for_summary(question):
            answer = self._summary_answer(replace(profile, text=question), passages, terms_by_article)
        else:
            found = self._answer_from_facts(replace(profile, text=text), passages, terms_by_article)
            if found is None:  # the fact sentences only serve the answerer
                fact_sentences = self._fact_sentences(profile.kind, passages) if profile.kind in _FACT_KINDS else []
                found = self.answerer.answer(replace(profile, text=question), passages, fact_sentences,
                                             terms_by_article)
            answer = found
        elapsed = (time.perf_counter() - started) * 1000
        log.info("answered refused=%s citations=%d ms=%.1f", answer.refused, len(answer.citations), elapsed)
        return replace(answer, elapsed_ms=elapsed)

    def _fact_sentences(self, kind: str, passages: Sequence[RetrievedChunk]) -> list[tuple[str, RetrievedChunk]]:
        """Who/when/where questions look at facts first: the sentences their facts rest on, with their passage."""
        snapshot = self.retriever.snapshot()
        best: dict[str, RetrievedChunk] = {}
        for passage in passages:
            best.setdefault(passage.article.article_id, passage)
        found: list[tuple[str, RetrievedChunk]] = []
        for article_id, top in best.items():
            facts = self._decoded_facts(snapshot.articles[article_id])
            for sentence in _FACT_KINDS[kind](facts):
                if (passage := self._passage_quoting(sentence, top)) is not None:
                    found.append((sentence, passage))
        return found

    def _answer_from_facts(self, profile: QuestionProfile, passages: Sequence[RetrievedChunk],
                           terms_by_article: dict[str, frozenset[str]]) -> CitedAnswer | None:
        """A question about a visit, or for a list of deals, is answered from the extracted facts' own sentences
        (bot/facts/visit_questions, agreement_questions); anything else goes to the answerer."""
        snapshot = self.retriever.snapshot()
        top: dict[str, RetrievedChunk] = {}
        checked: set[str] = set()
        for passage in passages_about(profile, passages):
            article_id = passage.article.article_id
            if article_id not in checked:  # one named-things check per article, not per passage
                checked.add(article_id)
                if mentions_named_things(profile, terms_by_article[article_id]):
                    top[article_id] = passage
        facts = {a: self._decoded_facts(snapshot.articles[a]) for a in top}
        try:
            quotes = (visit_quotes(profile, facts, terms_by_article, self.gazetteer)
                      or agreement_quotes(profile, facts, {a: p.article.published for a, p in top.items()})
                      or agreement_content_quotes(profile, facts))
        except NoSuchOfficial:
            return refuse(profile.text, passages)
        located = [(q.sentence, passage) for q in quotes
                   if (passage := self._passage_quoting(q.sentence, top[q.article_id])) is not None]
        if not located:
            return None
        located.sort(key=lambda q: reading_order(q[1], q[1].chunk.text.index(q[0])))
        return compose(profile.text, located)

    def _summary_answer(self, profile: QuestionProfile, passages: Sequence[RetrievedChunk],
                        terms_by_article: dict[str, frozenset[str]]) -> CitedAnswer:
        """"give me an overview of X-Y ties": the topic's central sentences from the articles about it."""
        relevant = [p for p in passages_about(profile, passages)
                    if mentions_named_things(profile, terms_by_article[p.article.article_id])]
        if not relevant or max(p.dense_similarity for p in relevant) < self.settings.answer.min_similarity:
            return refuse(profile.text, passages)
        return replace(summarize_passages(profile.search_text, relevant), question=profile.text)

    def _passage_quoting(self, sentence: str, top: RetrievedChunk) -> RetrievedChunk | None:
        """`top` (an article's best passage) moved to the chunk of its article that holds `sentence`."""
        snapshot = self.retriever.snapshot()
        for position in snapshot.by_article.get(top.article.article_id, ()):
            chunk = snapshot.chunks[position]
            if sentence in chunk.text:
                return replace(top, chunk=chunk)
        return None

    def _article_terms(self, article_id: str) -> frozenset[str]:
        snapshot = self.retriever.snapshot()
        if self._terms_version != snapshot.version:  # positions change with the snapshot
            self._terms_cache, self._terms_version = {}, snapshot.version
        found = self._terms_cache.get(article_id)
        if found is None:
            text = " ".join(snapshot.chunks[i].text for i in snapshot.by_article.get(article_id, ()))
            found = self._terms_cache[article_id] = frozenset(terms(text))
        return found

    def _decoded_facts(self, stored: StoredArticle) -> ArticleFacts:
        key = f"{stored.meta.article_id}@{stored.ingested_at}"
        facts = self._facts_cache.get(key)
        if facts is None:
            facts = self._facts_cache[key] = ArticleFacts.from_json(stored.facts_json)
        return facts

    # --- articles ------------------------------------------------------------------------------

    def sources(self, scopes: Sequence[str] = (GLOBAL_SCOPE,)) -> list[ArticleMeta]:
        metas = [a.meta for a in self.retriever.snapshot().articles.values() if a.meta.scope in scopes]
        return sorted(metas, key=lambda m: (m.published or date.min, m.title), reverse=True)

    def find_article(self, article_id: str, scopes: Sequence[str]) -> StoredArticle:
        """An article visible in these scopes, by id or unique id prefix."""
        articles = self.retriever.snapshot().articles
        exact = articles.get(article_id)
        if exact is not None and exact.meta.scope in scopes:
            return exact
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

    # --- structured facts ----------------------------------------------------------------------

    def fact_items(
        self, scopes: Sequence[str], *, countries: Sequence[str] = (),
        since: date | None = None, until: date | None = None,
    ) -> list[tuple[ArticleMeta, ArticleFacts]]:
        """Each visible article's extracted facts (decoded once per article, then cached)."""
        filters = SearchFilters(scopes=tuple(scopes), countries=tuple(countries), since=since, until=until)
        items: list[tuple[ArticleMeta, ArticleFacts]] = []
        for stored in self.retriever.snapshot().articles.values():
            if not filters.admits(stored.meta):
                continue
            items.append((stored.meta, self._decoded_facts(stored)))
        return sorted(items, key=lambda item: (item[0].published or date.min, item[0].article_id))

    def officials(self, scopes: Sequence[str], *, country: str | None = None, name: str | None = None) -> CitedAnswer:
        canonical = self._country(country)
        rows = officials_view(self.fact_items(scopes), country=canonical, name=name)
        heading = "Officials" + (f" of {canonical}" if canonical else "") + (f" matching “{name}”" if name else "")
        return officials_answer(rows, heading)

    def visits(self, scopes: Sequence[str], *, country: str | None = None,
               since: date | None = None, until: date | None = None) -> CitedAnswer:
        canonical = self._country(country)
        rows = visits_view(self.fact_items(scopes), country=canonical, since=since, until=until)
        heading = "Visits" + (f" involving {canonical}" if canonical else "") + _period(since, until)
        return visits_answer(rows, heading)

    def cooperation(self, scopes: Sequence[str], *, area: str | None = None,
                    since: date | None = None, until: date | None = None) -> CitedAnswer:
        rows = cooperation_view(self.fact_items(scopes, since=since, until=until), area=area, catalog=self.catalog)
        heading = ("Cooperation: " + area if area else "Cooperation areas") + _period(since, until)
        return cooperation_answer(rows, heading)

    def timeline(self, scopes: Sequence[str], *, countries: Sequence[str] = (),
                 since: date | None = None) -> tuple[CitedAnswer, bytes]:
        """The timeline as cited lines and as a PNG chart of the same rows."""
        names = tuple(c for c in (self._country(c) for c in countries) if c)
        rows = timeline_view(self.fact_items(scopes), countries=names, since=since)
        heading = "Timeline" + (f": {' – '.join(names)}" if names else "") + _period(since, None)
        from bot.facts.timeline_chart import render_timeline_png  # matplotlib: loaded only when charting

        return timeline_answer(rows, heading), render_timeline_png(rows, heading)

    def _country(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.gazetteer.canonical(name) or name.strip()

    def summarize_pair(self, first: str, second: str, scopes: Sequence[str], **dates: date | None) -> CitedAnswer:
        names = [self.gazetteer.canonical(first) or first.strip().title(),
                 self.gazetteer.canonical(second) or second.strip().title()]
        topic = f"{names[0]} {names[1]} relations visit cooperation agreement"
        answer = self.summarize_topic(topic, scopes, countries=names, **dates)
        return replace(answer, question=f"{names[0]}–{names[1]} ties")


def _person_sentences(facts: ArticleFacts) -> list[str]:
    return [e.sentence for o in facts.officials for e in o.evidence] + [
        e.sentence for v in facts.visits if v.met or v.expected_to_meet for e in v.evidence]


def _date_sentences(facts: ArticleFacts) -> list[str]:
    return ([e.sentence for v in facts.visits if v.start for e in v.evidence]
            + [e.evidence.sentence for e in facts.events]
            + [e.sentence for a in facts.agreements if a.date for e in _as_tuple(a.evidence)])


def _place_sentences(facts: ArticleFacts) -> list[str]:
    return [e.sentence for v in facts.visits if v.destination_city or v.destination_country for e in v.evidence]


def _as_tuple(evidence: object) -> tuple:  # type: ignore[type-arg]
    return evidence if isinstance(evidence, tuple) else (evidence,)


_FACT_KINDS = {"person": _person_sentences, "date": _date_sentences, "place": _place_sentences}


def _period(since: date | None, until: date | None) -> str:
    if since and until:
        return f", {since.isoformat()} to {until.isoformat()}"
    if since:
        return f", since {since.isoformat()}"
    return f", until {until.isoformat()}" if until else ""


def build_knowledge_base(
    settings: Settings,
    *,
    extract_facts: FactExtractor | None = None,
    embedder: TextEmbedder | None = None,
    store: ArticleStore | None = None,
) -> KnowledgeBase:
    """Wire every component from the settings; the one place that decides which implementation runs."""
    started = time.perf_counter()
    loading: Future[TextEmbedder] | None = None
    if embedder is None:
        # The model loads in native code while Chroma starts up: the two overlap instead of adding up.
        loading = _STARTUP_POOL.submit(build_embedder, settings.embedding.mode, settings.models_dir,
                                       batch_size=settings.embedding.batch_size, threads=settings.embedding.threads)
    gazetteer = Gazetteer.load(settings.knowledge.gazetteers)
    if store is None:
        client = connect_chroma(settings.knowledge.data_dir, settings.chroma.host, settings.chroma.port)
        store = ArticleStore(client, settings.knowledge.collection_prefix)
    if loading is not None:
        embedder = loading.result()
    assert embedder is not None
    # The corpus snapshot (chunk texts, BM25) is cached on disk per store version: a restart skips rebuilding it.
    cache_dir = settings.knowledge.data_dir / "cache" / settings.knowledge.collection_prefix
    retriever = HybridRetriever(store, embedder, settings.retrieval, cache_dir=cache_dir)
    chunker = ArticleChunker(embedder.token_counts, settings.knowledge.chunk_tokens,
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
    """Structured facts (officials, visits, areas …) extracted at ingestion and stored with the article."""
    from bot.facts.pipeline import article_fact_extractor

    return article_fact_extractor(settings, gazetteer)
