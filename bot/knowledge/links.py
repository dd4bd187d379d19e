"""From a link to a stored article: fetch the page, read it with the same loaders as a file, store it.

Nothing is written until the page is fetched whole and read as an article, and the write itself is all or
nothing, so a link that fails in any way leaves the knowledge base as it was. A link already stored (in
this server or in the shipped knowledge) is not fetched again; a page whose text is stored is not added twice.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import replace

import httpx

from bot.knowledge.errors import FetchFailed, LinkRefused, RejectedFile
from bot.knowledge.fetching import FetchedPage, PageFetcher, checked_url
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.ingestion import Ingestor, IngestOutcome
from bot.knowledge.loaders import MetaOverrides, parse_article
from bot.knowledge.model import GLOBAL_SCOPE, Article, ArticleMeta
from bot.knowledge.plain_text import meta_text
from bot.knowledge.retrieval import HybridRetriever

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Charsets the loaders read as they are (they check UTF-8, and UTF-16/32 by byte-order mark).
_READ_AS_IS = {"utf-8", "utf-16", "utf-32"}


class LinkIngestor:
    """Adds the article behind a link to one scope (a server, or the shipped knowledge)."""

    def __init__(self, fetcher: PageFetcher, ingestor: Ingestor, retriever: HybridRetriever, gazetteer: Gazetteer,
                 max_bytes: int) -> None:
        self._fetcher = fetcher
        self._ingestor = ingestor
        self._retriever = retriever
        self._gazetteer = gazetteer
        self._max_bytes = max_bytes

    def add(self, url: str, *, scope: str, overrides: MetaOverrides | None = None) -> IngestOutcome:
        """Added, known (the same link or the same text is stored) or rejected with one line saying why."""
        shown = meta_text(url)[:200] or "the link"
        try:
            link = checked_url(url)
            if known := self._stored_link(link, scope):
                return _known(link, known)
            page = self._fetcher.fetch(link)
        except (LinkRefused, FetchFailed) as error:
            log.info("link refused url=%s why=%s", shown, error.user_message)
            return IngestOutcome(shown, "rejected", error.user_message)
        if page.url != link and (known := self._stored_link(page.url, scope)):
            return _known(page.url, known)
        parsed = self._article(page, scope, overrides or MetaOverrides())
        return self._ingestor.ingest_articles([(page.url, parsed)], scope=scope)[0]

    def _article(self, page: FetchedPage, scope: str, overrides: MetaOverrides) -> Article | IngestOutcome:
        """The page read like a file of its type; the link it ended at is the article's url."""
        try:
            article = parse_article(_as_read(page), page.url, kind=page.suffix, page_url=page.url,
                                    gazetteer=self._gazetteer, max_bytes=self._max_bytes, source=f"link:{page.url}",
                                    scope=scope, overrides=replace(overrides, url=page.url))
        except RejectedFile as error:
            return IngestOutcome(page.url, "rejected", error.user_message)
        except Exception:  # a parser's own bug must cost this page, not the bot
            log.exception("could not parse url=%s", page.url)
            return IngestOutcome(page.url, "rejected", f"`{page.url}` could not be read as an article.")
        if not article.meta.outlet:  # a PDF or a plain text names no outlet: the site does
            article = replace(article, meta=replace(article.meta, outlet=_site(page.url)))
        return article

    def _stored_link(self, url: str, scope: str) -> ArticleMeta | None:
        """An article stored from this link, visible where it is added (this scope or the shipped knowledge)."""
        wanted = _link_key(url)
        for stored in self._retriever.snapshot().articles.values():
            meta = stored.meta
            if meta.scope not in (scope, GLOBAL_SCOPE):
                continue
            if any(url and _link_key(url) == wanted for url in (meta.url, *(o.url for o in meta.other_sources))):
                return meta
        return None


def _known(url: str, meta: ArticleMeta) -> IngestOutcome:
    if meta.url and _link_key(meta.url) == _link_key(url):
        return IngestOutcome(url, "known", f"*{meta.title}* is already in the knowledge base from this link.", meta=meta)
    return IngestOutcome(url, "known", f"*{meta.title}* already lists this link among its sources (the same story "
                         "on another outlet).", meta=meta)


def _as_read(page: FetchedPage) -> bytes:
    """Text in the charset its page declares, as UTF-8 for the loaders; PDFs and UTF encodings as they came."""
    if page.suffix == ".pdf":
        return page.body
    charset = page.charset
    if charset is None and page.suffix == ".html":
        declared = _META_CHARSET.search(page.body[:4096])
        charset = declared.group(1).decode("ascii").lower() if declared else None
    if not charset:
        return page.body
    try:
        codec = codecs.lookup(charset).name
    except LookupError:  # an unknown charset: the loaders try UTF-8 and say so if that fails
        return page.body
    if codec.replace("_", "-") in _READ_AS_IS or codec in ("ascii", "utf-8-sig"):
        return page.body
    try:
        return page.body.decode(codec).encode("utf-8")
    except UnicodeDecodeError:
        return page.body


def _link_key(url: str) -> str:
    """A link as compared for duplicates: httpx's normal form, without the #fragment."""
    try:
        return str(httpx.URL(url.strip()).copy_with(fragment=None))
    except (httpx.InvalidURL, ValueError, TypeError):
        return url.strip()


def _site(url: str) -> str:
    host = httpx.URL(url).host
    return host.removeprefix("www.")
