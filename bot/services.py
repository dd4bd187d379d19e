"""Builds the components once (Chroma client, embedder, retriever, answerer …) and offers the use cases.

Everything here is synchronous: Chroma, the embedder and the answerer block, so the Discord bot calls
these methods through `asyncio.to_thread`, and the CLI calls them directly.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from bot.answers.answer_types import TypeExamples
from bot.answers.denials import Events
from bot.answers.explanation import Explanation
from bot.answers.model import AnswerModel
from bot.answers.pipeline import AnswerPipeline, Asked, Wording
from bot.answers.question import Question
from bot.answers.strategies import (
    AgreementFactsStrategy,
    ExtractiveStrategy,
    NamedTitleStrategy,
    OfficialFactsStrategy,
    RoleHoldersStrategy,
    SourceStrategy,
    Strategy,
    SummaryStrategy,
    UnstatedOrderStrategy,
    VisitFactsStrategy,
)
from bot.config import Settings
from bot.facts.alerts import ArrivedFacts, FactAlert, concerns_pair
from bot.facts.catalog import load_catalog
from bot.facts.cited_views import cooperation_answer, officials_answer, timeline_answer, visits_answer
from bot.facts.confidence import default_confidence
from bot.facts.digest import QuotedSentence, digest_answer
from bot.facts.known_people import known_countries
from bot.facts.model import ArticleFacts
from bot.facts.views import cooperation_view, officials_view, timeline_view, visits_view
from bot.knowledge import store_lock
from bot.knowledge.answering import refuse
from bot.knowledge.centrality import most_central
from bot.knowledge.chunking import ArticleChunker
from bot.knowledge.embedder import TextEmbedder, build_embedder
from bot.knowledge.errors import ArticleNotFound
from bot.knowledge.feeds import FeedPoll, FeedPoller
from bot.knowledge.fetching import PageFetcher
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.ingestion import SOURCE_ADDED, FactExtractor, Ingestor, IngestOutcome
from bot.knowledge.links import LinkIngestor
from bot.knowledge.loaders import MetaOverrides
from bot.knowledge.model import GLOBAL_SCOPE, ArticleMeta, CitedAnswer, RetrievedChunk, SearchFilters
from bot.knowledge.question import Vocabulary
from bot.knowledge.retrieval import HybridRetriever
from bot.knowledge.sentences import split_sentences
from bot.knowledge.store import (
    ArticleStore,
    AuditEntry,
    AuditLog,
    FeedLeases,
    FeedRegistry,
    FeedSubscription,
    StoredArticle,
    connect_chroma,
)
from bot.knowledge.summaries import summarize_article, summarize_passages
from bot.knowledge.text_terms import terms
from bot.knowledge.watch_records import DigestSchedule, Watch, WatchRecords
from bot.knowledge.watches import PairWatcher, parse_pair

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


@dataclass(frozen=True)
class Actor:
    """Who changes the knowledge base, as the audit log names them."""

    id: str
    name: str


class ArticleCache:
    """Each article's terms and decoded facts, computed once per version of the store."""

    def __init__(self, retriever: HybridRetriever, store: ArticleStore) -> None:
        self._retriever = retriever
        self._store = store
        self._facts: dict[str, ArticleFacts] = {}
        self._terms: dict[str, frozenset[str]] = {}
        self._version = ""
        self._people: dict[str, str] = {}
        self._people_version = ""

    def terms(self, article_id: str) -> frozenset[str]:
        snapshot = self._retriever.snapshot()
        if self._version != snapshot.version:  # positions change with the snapshot
            self._terms, self._version = {}, snapshot.version
        found = self._terms.get(article_id)
        if found is None:
            text = " ".join(snapshot.chunks[i].text for i in snapshot.by_article.get(article_id, ()))
            found = self._terms[article_id] = frozenset(terms(text))
        return found

    def facts(self, stored: StoredArticle) -> ArticleFacts:
        key = f"{stored.meta.article_id}@{stored.ingested_at}"
        found = self._facts.get(key)
        if found is None:
            found = self._facts[key] = ArticleFacts.from_json(stored.facts_json)
        return found

    def facts_of(self, article_id: str) -> ArticleFacts:
        return self.facts(self._retriever.snapshot().articles[article_id])

    def known_people(self) -> dict[str, str]:
        """The countries the stored articles settled for people (bot/facts/known_people.py), for extracting
        the next article; read once per version of the store, from the article records alone (the search
        snapshot would be rebuilt after every ingested batch)."""
        version = self._store.version()
        if self._people_version != version:
            threshold = default_confidence().thresholds["officials"]
            self._people = known_countries((self.facts(a) for a in self._store.articles()), threshold)
            self._people_version = version
        return self._people


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
        pipeline: AnswerPipeline,
        audit: AuditLog,
        articles: ArticleCache,
        links: LinkIngestor,
        lock: Path | None = None,
        *,
        fetcher: PageFetcher,
        feed_registry: FeedRegistry,
        watch_records: WatchRecords,
    ) -> None:
        self.settings = settings
        self.catalog = load_catalog()
        self.articles = articles
        self.pipeline = pipeline
        self._audit = audit
        self.store = store
        self.embedder = embedder
        self.gazetteer = gazetteer
        self.retriever = retriever
        self.ingestor = ingestor
        self.links = links
        self.feeds = FeedPoller(fetcher, feed_registry, self._add_feed_item, settings.feeds,
                                FeedLeases(store.client, settings.knowledge.collection_prefix))
        self.watcher = PairWatcher(watch_records, gazetteer, settings.watch, self._pair_items)
        # Articles feeds with an announcement channel brought in, until the bot takes them to announce.
        self._feed_arrivals: list[tuple[FeedSubscription, ArticleMeta]] = []
        self._arrivals_lock = threading.Lock()
        self._lock = lock

    def close(self) -> None:
        """Let another process open the embedded store (the bot holds it for its lifetime)."""
        if self._lock is not None:
            store_lock.release(self._lock)
            self._lock = None

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
        """A cited answer or a refusal; where it is chosen is bot/answers/."""
        return self.ask_explained(question, scopes=scopes, since=since, until=until, countries=countries,
                                  previous=previous)[0]

    def ask_explained(
        self,
        question: str,
        *,
        scopes: Sequence[str] = (GLOBAL_SCOPE,),
        since: date | None = None,
        until: date | None = None,
        countries: Sequence[str] = (),
        previous: str | None = None,
    ) -> tuple[CitedAnswer, Explanation]:
        started = time.perf_counter()
        asked = Asked(question, tuple(scopes), tuple(countries), since, until, previous)
        answer, explanation = self.pipeline.answer(asked)
        elapsed = (time.perf_counter() - started) * 1000
        log.info("answered refused=%s citations=%d ms=%.1f", answer.refused, len(answer.citations), elapsed)
        return replace(answer, elapsed_ms=elapsed), explanation

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

    def upload(
        self, data: bytes, filename: str, *, scope: str, actor: Actor, overrides: MetaOverrides | None = None
    ) -> IngestOutcome:
        """Add a server's uploaded article; a change to the knowledge base is noted in the audit log."""
        outcome = self.ingestor.ingest_upload(data, filename, scope=scope, overrides=overrides)
        if outcome.status in CHANGED and outcome.meta is not None:
            self._record(actor, scope, _action(outcome), outcome.meta, detail=filename)
        return outcome

    def add_link(
        self, url: str, *, scope: str, actor: Actor | None = None, overrides: MetaOverrides | None = None
    ) -> IngestOutcome:
        """Fetch the article behind a link into a scope; a refused or failed link changes nothing, and with an
        actor an addition is noted in the audit log."""
        outcome = self.links.add(url, scope=scope, overrides=overrides)
        if actor is not None and outcome.status in CHANGED and outcome.meta is not None:
            self._record(actor, scope, _action(outcome), outcome.meta, detail=url if outcome.status == SOURCE_ADDED
                         else outcome.meta.url)
        return outcome

    # --- followed feeds ----------------------------------------------------------------------------

    def follow_feed(self, url: str, *, scope: str, actor: Actor, interval_minutes: int | None = None,
                    channel_id: str = "") -> FeedSubscription:
        """Follow a feed in a scope (polled at the next check), its new articles announced in `channel_id` if
        given; noted in the audit log."""
        feed = self.feeds.follow(url, scope=scope, added_by=actor.id, added_by_name=actor.name,
                                 interval_minutes=interval_minutes, channel_id=channel_id)
        self._record_feed(actor, scope, "followed", feed.url)
        return feed

    def unfollow_feed(self, url: str, *, scope: str, actor: Actor) -> FeedSubscription:
        """Stop following a feed; the articles it brought in stay."""
        feed = self.feeds.unfollow(url, scope=scope)
        self._record_feed(actor, scope, "unfollowed", feed.url)
        return feed

    def feed_list(self, scope: str) -> list[FeedSubscription]:
        return self.feeds.feeds(scope)

    def poll_feeds(self, scope: str | None = None) -> list[FeedPoll]:
        """Poll the due feeds of one scope, or of every scope; a broken feed is a status, never an error."""
        return self.feeds.poll_due(scope)

    def _add_feed_item(self, link: str, feed: FeedSubscription) -> IngestOutcome:
        outcome = self.add_link(link, scope=feed.scope, actor=Actor(feed.added_by, f"{feed.added_by_name} (feed)"))
        if feed.channel_id and outcome.status in ("added", "replaced") and outcome.meta is not None:
            with self._arrivals_lock:
                self._feed_arrivals.append((feed, outcome.meta))
        return outcome

    def take_feed_arrivals(self) -> list[tuple[FeedSubscription, ArticleMeta]]:
        """What feeds with an announcement channel brought in since the last call (this process's polls only)."""
        with self._arrivals_lock:
            taken, self._feed_arrivals = self._feed_arrivals, []
        return taken

    # --- watched pairs, alerts and digests ---------------------------------------------------------

    def watch_pair(self, countries: str, *, scope: str, channel_id: str, actor: Actor) -> Watch:
        """Watch a country pair: each new visit or agreement of it is alerted in the channel; noted in the log."""
        watch = self.watcher.watch(countries, scope=scope, channel_id=channel_id, added_by=actor.id,
                                   added_by_name=actor.name)
        self._record_change(actor, scope, "watched", watch.pair_text, detail=f"channel {channel_id}")
        return watch

    def unwatch_pair(self, countries: str, *, scope: str, actor: Actor) -> Watch:
        watch = self.watcher.unwatch(countries, scope=scope)
        self._record_change(actor, scope, "unwatched", watch.pair_text, detail=f"channel {watch.channel_id}")
        return watch

    def watch_list(self, scope: str) -> list[Watch]:
        return self.watcher.watches(scope)

    def take_new_alerts(self, scope: str | None = None) -> list[FactAlert]:
        """Alerts for new visits and agreements of the watched pairs, each returned once, ever."""
        return self.watcher.take_new_alerts(scope)

    def schedule_digest(self, every: str, *, scope: str, channel_id: str, actor: Actor) -> DigestSchedule | None:
        """Post the scope's digest daily or weekly in a channel (or stop, with "off"); noted in the log."""
        schedule = self.watcher.schedule_digest(every, scope=scope, channel_id=channel_id, added_by=actor.id,
                                                added_by_name=actor.name)
        self._record_change(actor, scope, "digest scheduled" if schedule else "digest stopped",
                            f"digest {every}", detail=f"channel {channel_id}" if schedule else "")
        return schedule

    def arrived_facts(self, scopes: Sequence[str], *, countries: Sequence[str] = (), since: str = ""
                      ) -> list[ArrivedFacts]:
        """Articles visible in `scopes` about `countries`, stored at or after `since` (ISO 8601, UTC), with the
        facts the views show and when each was stored."""
        filters = SearchFilters(scopes=tuple(scopes), countries=tuple(countries))
        thresholds = default_confidence().thresholds
        found = [ArrivedFacts(s.meta, self.articles.facts(s).confident(thresholds), s.ingested_at)
                 for s in self.retriever.snapshot().articles.values()
                 if filters.admits(s.meta) and s.ingested_at >= since]
        return sorted(found, key=lambda a: (a.ingested_at, a.meta.article_id))

    def _pair_items(self, watch: Watch) -> list[ArrivedFacts]:
        return [a for a in self.arrived_facts(_visible_from(watch.scope)) if concerns_pair(a, watch.countries)]

    def digest(self, scope: str, *, since: date | datetime, countries: str = "") -> CitedAnswer:
        """What arrived since `since` for `countries` (two names), else for the scope's watched pairs, else for
        every pair: new visits, agreements and officials, then the most central new sentences, all cited."""
        start = since if isinstance(since, datetime) else datetime.combine(since, datetime.min.time(), UTC)
        stamp = start.astimezone(UTC).isoformat(timespec="seconds")
        pairs = [parse_pair(countries, self.gazetteer, unchanged=False)] if countries.strip() else \
            [w.countries for w in self.watcher.watches(scope)]
        scopes = _visible_from(scope)
        arrived: dict[str, ArrivedFacts] = {}
        for item in self.arrived_facts(scopes, since=stamp):
            if not pairs or any(concerns_pair(item, pair) for pair in pairs):  # no pair: everything that arrived
                arrived[item.meta.article_id] = item
        limits = self.settings.watch
        central = self._central_sentences(list(arrived.values()), limits.digest_central_sentences * 3)
        names = ", ".join(" – ".join(p) for p in pairs) or "every pair"
        heading = f"Digest since {start.astimezone(UTC):%Y-%m-%d %H:%M} UTC: {names}"
        return digest_answer(heading, list(arrived.values()), pairs, central,
                             max_lines=limits.digest_max_lines_per_section, max_central=limits.digest_central_sentences)

    def _central_sentences(self, arrived: Sequence[ArrivedFacts], count: int) -> list[QuotedSentence]:
        """The new articles' sentences most like all the others (bot/knowledge/centrality.py), most central
        first; embedded here, one batch, since a digest covers days of articles, not the whole store."""
        candidates: list[QuotedSentence] = []
        seen: set[str] = set()
        shortest = self.settings.watch.digest_min_sentence_words
        for item in arrived:
            for chunk in self.store.chunks_of(item.meta.article_id):
                for sentence in split_sentences(chunk.text):
                    text = " ".join(sentence.text.split())
                    if len(text.split()) >= shortest and text.casefold() not in seen:
                        seen.add(text.casefold())
                        candidates.append(QuotedSentence(item.meta, text))
        if not candidates:
            return []
        vectors = self.embedder.embed_texts([c.sentence for c in candidates])
        return [candidates[i] for i in most_central(vectors, count)]

    def _record_change(self, actor: Actor, scope: str, action: str, title: str, detail: str = "") -> None:
        self._audit.record(AuditEntry(at=datetime.now(UTC).isoformat(timespec="microseconds"), scope=scope,
                                      actor_id=actor.id, actor_name=actor.name, action=action, article_id="",
                                      title=title, detail=detail))
        log.info("watches changed action=%s title=%s scope=%s user=%s", action, title, scope, actor.id)

    def _record_feed(self, actor: Actor, scope: str, action: str, url: str) -> None:
        self._audit.record(AuditEntry(at=datetime.now(UTC).isoformat(timespec="microseconds"), scope=scope,
                                      actor_id=actor.id, actor_name=actor.name, action=action, article_id="",
                                      title=url, detail=url))
        log.info("feeds changed action=%s url=%s scope=%s user=%s", action, url, scope, actor.id)

    def remove(self, article_id: str, scopes: Sequence[str], *, actor: Actor | None = None) -> ArticleMeta:
        """Remove an article by id or unique prefix; with an actor, the removal is noted in the audit log."""
        stored = self.find_article(article_id, scopes)
        self.ingestor.remove(stored.meta.article_id)
        if actor is not None:
            self._record(actor, stored.meta.scope, "removed", stored.meta)
        return stored.meta

    def audit_log(self, scope: str, limit: int = 50) -> list[AuditEntry]:
        """Who uploaded or removed which article in this scope, newest first."""
        return self._audit.entries(scope, limit)

    def _record(self, actor: Actor, scope: str, action: str, meta: ArticleMeta, detail: str = "") -> None:
        # Microseconds: an upload and a removal within one second must still list in the order they happened.
        self._audit.record(AuditEntry(
            at=datetime.now(UTC).isoformat(timespec="microseconds"), scope=scope, actor_id=actor.id,
            actor_name=actor.name, action=action, article_id=meta.article_id, title=meta.title, detail=detail,
        ))
        log.info("knowledge changed action=%s article_id=%s scope=%s user=%s", action, meta.article_id, scope,
                 actor.id)

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
            # The views show only facts confident enough for their kind (config/fact_confidence.json).
            items.append((stored.meta, self.articles.facts(stored).confident(default_confidence().thresholds)))
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


def _visible_from(scope: str) -> tuple[str, ...]:
    """A server sees the shipped knowledge and its own articles."""
    return (GLOBAL_SCOPE,) if scope == GLOBAL_SCOPE else (GLOBAL_SCOPE, scope)


CHANGED = ("added", "replaced", SOURCE_ADDED)
"""Outcomes that changed the knowledge base, and so are noted in the audit log."""


def _action(outcome: IngestOutcome) -> str:
    return "source added" if outcome.status == SOURCE_ADDED else outcome.status


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
    fetcher: PageFetcher | None = None,
) -> KnowledgeBase:
    """Wire every component from the settings; the one place that decides which implementation runs."""
    started = time.perf_counter()
    loading: Future[TextEmbedder] | None = None
    if embedder is None:
        # The model loads in native code while Chroma starts up: the two overlap instead of adding up.
        loading = _STARTUP_POOL.submit(build_embedder, settings.embedding.mode, settings.models_dir,
                                       batch_size=settings.embedding.batch_size, threads=settings.embedding.threads)
    gazetteer = Gazetteer.load(settings.knowledge.gazetteers)
    lock = None
    if store is None:
        if not settings.chroma.host:  # an embedded store belongs to one process; a server is shared
            lock = store_lock.acquire(settings.knowledge.data_dir)
        client = connect_chroma(settings.knowledge.data_dir, settings.chroma.host, settings.chroma.port,
                                settings.chroma.timeout_seconds)
        store = ArticleStore(client, settings.knowledge.collection_prefix)
    if loading is not None:
        embedder = loading.result()
    assert embedder is not None
    # The corpus snapshot (chunk texts, BM25) is cached on disk per store version: a restart skips rebuilding it.
    cache_dir = settings.knowledge.data_dir / "cache" / settings.knowledge.collection_prefix
    retriever = HybridRetriever(store, embedder, settings.retrieval, cache_dir=cache_dir)
    chunker = ArticleChunker(embedder.token_counts, settings.knowledge.chunk_tokens,
                             settings.knowledge.chunk_overlap_tokens)
    articles = ArticleCache(retriever, store)
    if extract_facts is None:
        extract_facts = default_fact_extractor(settings, gazetteer, articles.known_people)
    ingestor = Ingestor(store, embedder, chunker, gazetteer, retriever, extract_facts, settings.knowledge.max_file_bytes,
                        near_copy_threshold=settings.syndication.threshold)
    ingestor.sweep_orphans()  # chunks an interrupted ingestion left behind would crowd real passages out of searches
    pipeline = build_pipeline(settings, store, embedder, gazetteer, retriever, articles)
    log.info("knowledge base ready ms=%.0f", (time.perf_counter() - started) * 1000)
    audit = AuditLog(store.client, settings.knowledge.collection_prefix)
    max_bytes = settings.knowledge.max_file_bytes
    fetcher = fetcher or PageFetcher(settings.fetch, max_bytes)
    links = LinkIngestor(fetcher, ingestor, retriever, gazetteer, max_bytes)
    feeds = FeedRegistry(store.client, settings.knowledge.collection_prefix)
    watches = WatchRecords(store.client, settings.knowledge.collection_prefix)
    return KnowledgeBase(settings, store, embedder, gazetteer, retriever, ingestor, pipeline, audit, articles, links,
                         lock, fetcher=fetcher, feed_registry=feeds, watch_records=watches)


def build_pipeline(settings: Settings, store: ArticleStore, embedder: TextEmbedder, gazetteer: Gazetteer,
                   retriever: HybridRetriever, articles: ArticleCache) -> AnswerPipeline:
    """The strategies in the order they are tried, around the fitted answer model."""
    model = AnswerModel.load(settings.answer.model)
    types = TypeExamples.load(settings.answer.types)
    events = Events.of(types.denied_actions, types.denied_things)
    facts: list[Strategy] = [VisitFactsStrategy(gazetteer, types), AgreementFactsStrategy(events, gazetteer),
                             OfficialFactsStrategy(gazetteer), NamedTitleStrategy(), RoleHoldersStrategy(gazetteer)]
    strategies: list[Strategy] = [
        UnstatedOrderStrategy(),
        SourceStrategy(source_words=frozenset(t for q in types.examples.get("source", ()) for t in terms(q))),
        SummaryStrategy(settings.answer.min_similarity),
        *(facts if settings.answer.fact_strategies else []),
        ExtractiveStrategy(store, model, types, settings.answer.max_sentences, settings.answer.max_list_items,
                           gazetteer),
    ]
    return AnswerPipeline(retriever, embedder, gazetteer, Vocabulary.load(settings.knowledge.vocabulary), model.types,
                          strategies, articles.terms, articles.facts_of, build_wording(settings),
                          events=events)


def build_wording(settings: Settings) -> Wording | None:
    """answer.mode = "llm": a chat model words the chosen evidence; "extractive": the quotes stand as they are."""
    if settings.answer.mode == "extractive":
        return None
    if settings.answer.mode != "llm":
        raise ValueError(f"answer.mode must be 'extractive' or 'llm', not {settings.answer.mode!r}")
    from bot.knowledge.llm_answering import LlmAnswerer

    model = LlmAnswerer.from_settings(settings, fallback=None)

    def word(question: Question, passages: Sequence[RetrievedChunk], answer: CitedAnswer) -> CitedAnswer:
        return model.reword(question.profile, passages, answer)

    return word


def default_fact_extractor(settings: Settings, gazetteer: Gazetteer,
                           known_people: Callable[[], Mapping[str, str]] | None = None) -> FactExtractor:
    """Structured facts (officials, visits, areas …) extracted at ingestion and stored with the article."""
    from bot.facts.pipeline import article_fact_extractor

    return article_fact_extractor(settings, gazetteer, known_people=known_people)
