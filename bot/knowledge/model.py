"""Our own record types: library objects (Chroma results, langchain documents) are converted to these once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

GLOBAL_SCOPE = "global"
"""Scope of the shipped knowledge: visible in every server. Uploads are scoped to their server's id."""


@dataclass(frozen=True)
class ArticleSource:
    """Another outlet that published the same story (a syndicated copy): cited beside the article, never stored
    as a second text."""

    outlet: str
    url: str = ""
    title: str = ""
    published: date | None = None
    source: str = ""  # the ingestion key of the copy (a file path, `link:<url>`, `upload:...`)


@dataclass(frozen=True)
class ArticleMeta:
    """What we know about an article besides its text; every citation shows title, outlet, date and url."""

    article_id: str
    title: str
    outlet: str = ""
    url: str = ""
    published: date | None = None
    countries: tuple[str, ...] = ()
    source: str = ""
    scope: str = GLOBAL_SCOPE
    # Other outlets that carried the same story, in the order they were added.
    other_sources: tuple[ArticleSource, ...] = ()

    @property
    def published_text(self) -> str:
        return self.published.isoformat() if self.published else "undated"

    def as_source(self) -> ArticleSource:
        return ArticleSource(self.outlet, self.url, self.title, self.published, self.source)

    def carries(self, source: ArticleSource) -> bool:
        """Whether this article already lists that copy (by link, else by ingestion key)."""
        return any((source.url and known.url == source.url) or (source.source and known.source == source.source)
                   for known in (self.as_source(), *self.other_sources))


@dataclass(frozen=True)
class Article:
    """A parsed article ready to be chunked: metadata plus clean body text."""

    meta: ArticleMeta
    text: str


@dataclass(frozen=True)
class Chunk:
    """A passage of an article small enough for the embedder's 256-token window."""

    chunk_id: str
    article_id: str
    index: int
    text: str


@dataclass(frozen=True)
class RetrievedChunk:
    """A chunk found for a query, with the article it belongs to and how it ranked."""

    chunk: Chunk
    article: ArticleMeta
    score: float
    dense_similarity: float = 0.0
    lexical_score: float = 0.0


def covers_countries(covered: Sequence[str], asked: Sequence[str]) -> bool:
    """An article answers a question about a pair if it covers both; about three or more ("what has Elsmarra
    signed with Galdrevia and Oskerund"), if it covers any two of them."""
    if len(asked) >= 3:
        return len(set(asked) & set(covered)) >= 2
    return set(asked) <= set(covered)


@dataclass(frozen=True)
class SearchFilters:
    """Which articles a search may use: server scope, countries (see covers_countries), date range."""

    scopes: tuple[str, ...] = (GLOBAL_SCOPE,)
    countries: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    article_ids: tuple[str, ...] = ()

    def admits(self, meta: ArticleMeta) -> bool:
        if meta.scope not in self.scopes:
            return False
        if self.article_ids and meta.article_id not in self.article_ids:
            return False
        if self.countries and not covers_countries(meta.countries, self.countries):
            return False
        if self.since and (meta.published is None or meta.published < self.since):
            return False
        return not (self.until and (meta.published is None or meta.published > self.until))


@dataclass(frozen=True)
class Citation:
    """One numbered source behind an answer: the quoted sentence and where it came from."""

    n: int
    article: ArticleMeta
    quote: str
    chunk_id: str = ""


@dataclass(frozen=True)
class CitedAnswer:
    """An answer whose every sentence ends in [n] markers pointing into `citations`."""

    question: str
    text: str
    refused: bool
    citations: tuple[Citation, ...] = ()
    closest: tuple[ArticleMeta, ...] = field(default=())
    as_of: date | None = None
    elapsed_ms: float = 0.0
    quoted: bool = True  # the text is the articles' own sentences (not a view's lines or a model's wording)
    reason: str = ""  # why this answer (or refusal) was chosen: the deciding strategy and its reason

    @property
    def sources(self) -> list[ArticleMeta]:
        """Distinct cited articles in order of first citation."""
        seen: dict[str, ArticleMeta] = {}
        for citation in self.citations:
            seen.setdefault(citation.article.article_id, citation.article)
        return list(seen.values())
