"""Adding articles: parse, chunk, embed, extract facts, write — all or nothing for one ingestion run.

A run parses every file first (bad files are reported and skipped), then writes the new articles, and
only after all of them are stored removes the older versions they replace. If anything fails while
writing, every article this run wrote is removed again, so the store is exactly as it was.

A near-copy of an article stored in the same scope, or of one added earlier in the same run (the same wire
story on another outlet, see near_duplicates.py), is not stored: its outlet, link, title and date join that
article's sources once the run's new articles are written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from bot.knowledge.chunking import ArticleChunker
from bot.knowledge.embedder import DIMENSIONS, TextEmbedder
from bot.knowledge.errors import RejectedFile, lost_store
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.loaders import SUPPORTED_SUFFIXES, MetaOverrides, parse_article
from bot.knowledge.model import GLOBAL_SCOPE, Article, ArticleMeta, ArticleSource, Chunk
from bot.knowledge.near_duplicates import ShingleIndex, shingles
from bot.knowledge.plain_text import meta_text
from bot.knowledge.retrieval import CorpusSnapshot, HybridRetriever
from bot.knowledge.sentences import sentence_spans
from bot.knowledge.store import ArticleStore, NewArticle, SentenceVectors

log = logging.getLogger(__name__)

FactExtractor = Callable[[Article], str]
"""Returns the article's structured facts as JSON; stored beside the chunks so restarts need no re-extraction."""

# Chunks of the articles handled together. They are sorted by length across the whole group, so a batch
# pads only to its own longest input: separately sorted small groups cost more (a 300-chunk run in
# 128-chunk groups took 8% longer than in one group).
_GROUP_CHUNKS = 1024
# Chunks embedded between two writes (the embedder rounds it to whole batches): small, so the write
# left after the last slice is short; each write call has a fixed cost, but the helper pays it.
_WRITE_SLICE = 64


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file: added, replaced (a changed version of a known source), known, or rejected."""

    name: str
    status: str
    message: str
    meta: ArticleMeta | None = None
    chunks: int = 0
    replaced_id: str | None = None


SOURCE_ADDED = "source_added"
"""Outcome status of a near-copy: no new article, another source of a stored one (`meta` is that article)."""


@dataclass(frozen=True)
class _Pending:
    name: str
    article: Article
    chunks: list[Chunk]
    replaces: str | None


@dataclass(frozen=True)
class _Copy:
    """A near-copy found in this run: which article (stored, or pending at `pending`) it joins as a source."""

    index: int
    name: str
    source: ArticleSource
    title: str
    article_id: str
    score: float


class Ingestor:
    def __init__(
        self,
        store: ArticleStore,
        embedder: TextEmbedder,
        chunker: ArticleChunker,
        gazetteer: Gazetteer,
        retriever: HybridRetriever,
        extract_facts: FactExtractor,
        max_bytes: int,
        near_copy_threshold: float | None = None,
    ) -> None:
        """`near_copy_threshold` (the [syndication] setting): at or above this similarity a new article is another
        source of a stored one; None never collapses."""
        self._store = store
        self._embedder = embedder
        self._chunker = chunker
        self._gazetteer = gazetteer
        self._retriever = retriever
        self._extract_facts = extract_facts
        self._max_bytes = max_bytes
        self._near_copy_threshold = near_copy_threshold
        self._indexed: tuple[str, dict[str, ShingleIndex]] = ("", {})  # (store version, scope -> its articles)

    def ingest_paths(self, paths: Iterable[Path], *, progress: bool = False) -> list[IngestOutcome]:
        items: list[tuple[str, bytes | None, str]] = []
        for path, refusal in _article_files(paths):
            items.append((path.name, None, refusal) if refusal else self._read(path))
        return self.ingest_items(items, scope=GLOBAL_SCOPE, progress=progress)

    def _read(self, path: Path) -> tuple[str, bytes | None, str]:
        """(name, bytes, source), or (name, None, why not). Never more than one byte past the limit is read
        (parsing then refuses the file by its size), and only from a regular file: a pipe would block
        forever and a device would never end."""
        try:
            with open(path, "rb", opener=_open_without_waiting) as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return path.name, None, "is not a regular file (a device, pipe or socket)"
                return path.name, handle.read(self._max_bytes + 1), _source_key(path)
        except OSError as error:
            return path.name, None, f"could not be read: {error.strerror or error}"

    def ingest_upload(
        self, data: bytes, filename: str, *, scope: str, overrides: MetaOverrides | None = None
    ) -> IngestOutcome:
        return self.ingest_items([(filename, data, f"upload:{scope}:{filename}")], scope=scope,
                                 overrides=overrides)[0]

    def ingest_items(
        self,
        items: Sequence[tuple[str, bytes | None, str]],
        *,
        scope: str,
        overrides: MetaOverrides | None = None,
        progress: bool = False,
    ) -> list[IngestOutcome]:
        """(name, bytes, source) per file; `bytes` None means it could not be read and `source` says why."""
        return self.ingest_articles([self._parse(name, data, source, scope, overrides) for name, data, source in items],
                                    scope=scope, progress=progress)

    def _parse(self, raw_name: str, data: bytes | None, source: str, scope: str,
               overrides: MetaOverrides | None) -> tuple[str, Article | IngestOutcome]:
        """The file as an article, or the outcome that says why it is not one."""
        name = meta_text(raw_name) or "unnamed file"  # a file name may hold escape codes or line breaks
        if data is None:
            return name, IngestOutcome(name, "rejected", f"`{name}` {source}.")
        try:
            return name, parse_article(data, name, gazetteer=self._gazetteer, max_bytes=self._max_bytes,
                                       source=source, scope=scope, overrides=overrides)
        except RejectedFile as error:
            return name, IngestOutcome(name, "rejected", error.user_message)
        except Exception:  # a parser's own bug must cost this one file, not the whole run
            log.exception("could not parse name=%s", name)
            return name, IngestOutcome(name, "rejected", f"`{name}` could not be read as an article.")

    def ingest_articles(
        self, parsed: Sequence[tuple[str, Article | IngestOutcome]], *, scope: str, progress: bool = False
    ) -> list[IngestOutcome]:
        """Store parsed articles, all or nothing; an outcome given in place of an article (a file that could not
        be read) is passed through. An article whose text is already stored is reported as known."""
        self.sweep_orphans()  # what an earlier crash left must not linger beside what is added now
        snapshot = self._retriever.snapshot()
        known = snapshot.articles
        outcomes: dict[int, IngestOutcome] = {}
        pending: list[tuple[int, _Pending]] = []
        copies: list[_Copy] = []
        pending_index = ShingleIndex()  # this run's new articles, so a copy among them joins the first
        pending_metas: dict[str, ArticleMeta] = {}
        seen_ids: set[str] = set()
        for index, (name, parsed_article) in enumerate(parsed):
            if isinstance(parsed_article, IngestOutcome):
                outcomes[index] = parsed_article
                continue
            article = _scoped(parsed_article, scope)
            existing = known.get(article.meta.article_id) or known.get(_base_id(article.meta.article_id))
            if existing is not None or article.meta.article_id in seen_ids:
                title = existing.meta.title if existing else article.meta.title
                outcomes[index] = IngestOutcome(name, "known", f"*{title}* is already in the knowledge base.",
                                                meta=existing.meta if existing else article.meta)
                continue
            source = article.meta.source
            replaced = next((a.meta for a in known.values() if a.meta.source == source and a.meta.scope == scope), None)
            text_shingles = shingles(article.text)
            if replaced is None and (near := self._near_copy(index, name, article, text_shingles, snapshot,
                                                              pending_index, pending_metas)):
                if near.article_id in known and known[near.article_id].meta.carries(near.source):
                    outcomes[index] = IngestOutcome(name, "known", f"*{near.title}* already lists this copy among "
                                                    "its sources.", meta=known[near.article_id].meta)
                else:
                    copies.append(near)
                continue
            pending_index.add(article.meta.article_id, text_shingles)
            pending_metas[article.meta.article_id] = article.meta
            seen_ids.add(article.meta.article_id)
            if replaced is not None and replaced.other_sources:  # a new version keeps the copies its story had
                article = replace(article, meta=replace(article.meta, other_sources=replaced.other_sources))
            pending.append((index, _Pending(name, article, self._chunker.chunk(article),
                                            replaced.article_id if replaced else None)))
        pending = _with_pending_copies(pending, copies)
        if pending:
            self._write(pending, outcomes, progress)
        self._add_stored_copies([c for c in copies if c.article_id in known], outcomes)
        written = {p.article.meta.article_id: p.article.meta for _, p in pending}
        for near in copies:
            if near.index not in outcomes:
                outcomes[near.index] = _source_added(near, written[near.article_id])
        return [outcomes[i] for i in range(len(parsed))]

    def _near_copy(self, index: int, name: str, article: Article, new: np.ndarray, snapshot: CorpusSnapshot,
                   pending: ShingleIndex, metas: dict[str, ArticleMeta]) -> _Copy | None:
        """The article (stored in the same scope, or added earlier in this run) this one is a near-copy of."""
        threshold = self._near_copy_threshold
        if threshold is None or threshold > 1.0:
            return None
        found = [best for best in (self._stored_index(snapshot, article.meta.scope).most_similar(new),
                                   pending.most_similar(new)) if best is not None and best[1] >= threshold]
        if not found:
            return None
        article_id, score = max(found, key=lambda best: best[1])
        meta = snapshot.articles[article_id].meta if article_id in snapshot.articles else metas[article_id]
        log.info("near-copy name=%s of article_id=%s score=%.3f", name, article_id, score)
        return _Copy(index, name, article.meta.as_source(), meta.title, article_id, score)

    def _stored_index(self, snapshot: CorpusSnapshot, scope: str) -> ShingleIndex:
        """The shingles of a scope's stored articles (from their passages), kept until the store changes."""
        version, indexes = self._indexed
        if version != snapshot.version:
            indexes = {}
            self._indexed = (snapshot.version, indexes)
        if scope not in indexes:
            def text_of(article_id: str) -> str:
                passages = sorted((snapshot.chunks[i] for i in snapshot.by_article.get(article_id, [])),
                                  key=lambda c: c.index)
                return "\n".join(c.text for c in passages)

            indexes[scope] = ShingleIndex((m.article_id, shingles(text_of(m.article_id)))
                                          for m in snapshot.metas() if m.scope == scope)
        return indexes[scope]

    def _add_stored_copies(self, copies: list[_Copy], outcomes: dict[int, IngestOutcome]) -> None:
        """List each near-copy of a stored article among its sources (after the run's new articles are written)."""
        try:
            for near in copies:
                try:
                    outcomes[near.index] = _source_added(near, self._store.add_source(near.article_id, near.source))
                except KeyError:  # removed meanwhile by another process: this copy is reported, not kept
                    log.warning("near-copy target vanished article_id=%s", near.article_id)
                    outcomes[near.index] = IngestOutcome(near.name, "rejected", f"*{near.title}* was removed while "
                                                         "this copy of it was being added; add it again.")
        finally:
            if copies:
                self._retriever.invalidate()

    def sweep_orphans(self) -> int:
        """Remove the chunks an interrupted ingestion left without an article record (on start-up and before
        each ingest); the store is only scanned when it holds more chunks than its records account for."""
        snapshot = self._retriever.snapshot()
        return self._store.sweep_orphans(sum(a.chunk_count for a in snapshot.articles.values()))

    def remove(self, article_id: str) -> None:
        self._store.remove_article(article_id)
        self._retriever.invalidate()

    def _facts_of(self, items: list[_Pending]) -> list[str]:
        return [self._extract_facts(item.article) for item in items]

    def _embed_writing(self, chunks: list[tuple[ArticleMeta, Chunk]], helper: ThreadPoolExecutor,
                       writes: list[Future[None]], bar: _Progress | None) -> np.ndarray:
        """Embed in slices, handing each finished slice to the helper to write.

        The embedder forms the same batches as in one call, so slicing costs nothing; only the last
        slice's write is left after it finishes."""
        vectors = np.zeros((len(chunks), DIMENSIONS), dtype=np.float32)
        spans = [sentence_spans(c.text) for _, c in chunks]
        for part, embedded, sentence_vectors in self._embedder.embed_spans_in_slices(
                [c.text for _, c in chunks], spans, _WRITE_SLICE):
            vectors[part] = embedded
            if failed := next((w for w in writes if w.done() and w.exception()), None):
                failed.result()  # an earlier write failed: stop before embedding more
            sentences = [SentenceVectors(spans[i], found) for i, found in zip(part, sentence_vectors, strict=True)]
            writes.append(helper.submit(self._store.add_chunks, [chunks[i] for i in part], embedded, sentences))
            if bar is not None:
                bar.update(len(part))
        return vectors

    def _write(self, pending: list[tuple[int, _Pending]], outcomes: dict[int, IngestOutcome], progress: bool) -> None:
        """Embed slice after slice; meanwhile one helper thread writes finished slices and another extracts facts.

        onnxruntime releases the GIL while it embeds and leaves part of the CPU idle; the helper runs at
        the lowest priority, so fact extraction and Chroma's writes fill that idle time instead of
        slowing the embedder down. The embedder, not our code, sets the pace.
        """
        submitted: list[str] = []
        writes: list[Future[None]] = []
        bar = _progress_bar(sum(len(p.chunks) for _, p in pending), progress)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="attache-ingest", initializer=_yield_cpu)
        # Facts (a parse of every sentence) get their own thread: queued on the writer, they would hold every
        # chunk write back until the whole group is parsed.
        extractor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="attache-facts", initializer=_yield_cpu)
        try:
            for group in _groups(pending):
                items = [item for _, item in group]
                facts = extractor.submit(self._facts_of, items)
                submitted += [i.article.meta.article_id for i in items]  # before any chunk of theirs is written
                chunks = [(i.article.meta, c) for i in items for c in i.chunks]
                first_slice = len(writes)
                vectors = self._embed_writing(chunks, helper, writes, bar)
                batch: list[NewArticle] = []
                offset = 0
                for item, facts_json in zip(items, facts.result(), strict=True):
                    count = len(item.chunks)
                    batch.append(NewArticle(item.article.meta, item.chunks, vectors[offset:offset + count], facts_json))
                    offset += count
                # Records only after every slice of the group is stored: no article shows with chunks missing.
                writes.append(helper.submit(_after, writes[first_slice:], self._store.add_article_records, batch, stamp))
                for index, item in group:
                    outcomes[index] = _added(item)
            for write in writes:
                write.result()
        except BaseException as error:
            # A lost store or an interrupt is the caller's to report, in one line; a bug gets its traceback here.
            expected = lost_store(error) or isinstance(error, KeyboardInterrupt)
            level = logging.INFO if expected else logging.ERROR
            log.log(level, "ingestion failed; removing the %d articles this run wrote", len(submitted),
                    exc_info=not expected or log.isEnabledFor(logging.DEBUG))  # -v: the traceback too
            helper.shutdown(wait=True, cancel_futures=True)  # the write in flight finishes; queued ones never start
            extractor.shutdown(wait=True, cancel_futures=True)
            failed: list[str] = []
            for article_id in submitted:
                try:
                    self._store.remove_article(article_id)
                except Exception:  # keep removing the others; the original error is the one to raise
                    failed.append(article_id)
            if failed:  # one line, not a traceback per article (a lost server fails every removal)
                log.log(level, "rollback could not remove %d of %d articles (chunks without a record are swept at the next "
                          "start; `attache remove` removes a recorded one) ids=%s", len(failed), len(submitted),
                          ",".join(failed[:5]))
            self._retriever.invalidate()
            raise
        finally:
            helper.shutdown(wait=True)
            extractor.shutdown(wait=True)
            if bar is not None:
                bar.close()
        for _, item in pending:
            if item.replaces and item.replaces != item.article.meta.article_id:
                try:
                    self._store.remove_article(item.replaces)
                except Exception:  # the new version is stored; the old one lingers until removed by hand
                    log.exception("could not remove the replaced version article_id=%s", item.replaces)
        self._retriever.invalidate()


def _after(stored: Sequence[Future[None]], write: Callable[..., None], *args: Any) -> None:
    """Run `write` only if every earlier write it depends on succeeded (they ran first: one helper, FIFO)."""
    for earlier in stored:
        earlier.result()
    write(*args)


def _yield_cpu() -> None:
    """Lowest priority for the calling thread (Linux only: elsewhere it would apply to the whole process)."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError):  # a sandbox may forbid it; the helper then just competes
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def _added(item: _Pending) -> IngestOutcome:
    verb = "Replaced" if item.replaces else "Added"
    return IngestOutcome(
        item.name, "replaced" if item.replaces else "added",
        f"{verb} *{item.article.meta.title}*: {len(item.chunks)} passages.",
        meta=item.article.meta, chunks=len(item.chunks), replaced_id=item.replaces,
    )


def _source_added(copy: _Copy, article: ArticleMeta) -> IngestOutcome:
    outlet = f" ({copy.source.outlet})" if copy.source.outlet else ""
    return IngestOutcome(copy.name, SOURCE_ADDED, f"`{copy.name}`{outlet}: same story as *{copy.title}*; added as "
                         f"another source ({len(article.other_sources) + 1} sources now).", meta=article)


def _with_pending_copies(pending: list[tuple[int, _Pending]], copies: list[_Copy]) -> list[tuple[int, _Pending]]:
    """Pending articles with the near-copies found of them in this run listed among their sources."""
    joined: dict[str, list[ArticleSource]] = {}
    for copy in copies:
        joined.setdefault(copy.article_id, []).append(copy.source)
    updated = []
    for index, item in pending:
        meta = item.article.meta
        if extra := joined.get(meta.article_id):
            item = replace(item, article=replace(item.article, meta=replace(meta, other_sources=(*meta.other_sources, *extra))))
        updated.append((index, item))
    return updated


def _groups(pending: list[tuple[int, _Pending]]) -> Iterable[list[tuple[int, _Pending]]]:
    group: list[tuple[int, _Pending]] = []
    size = 0
    for entry in pending:
        group.append(entry)
        size += len(entry[1].chunks)
        if size >= _GROUP_CHUNKS:
            yield group
            group, size = [], 0
    if group:
        yield group


def _scoped(article: Article, scope: str) -> Article:
    """Server uploads get their own id, so the same text in two servers stays two separate articles."""
    if scope == GLOBAL_SCOPE:
        return article
    return replace(article, meta=replace(article.meta, article_id=f"{article.meta.article_id}-{scope}"))


def _base_id(article_id: str) -> str:
    return article_id.split("-", 1)[0]


def _article_files(paths: Iterable[Path]) -> Iterable[tuple[Path, str | None]]:
    """Each file to read, with a reason to refuse it unread. A path given is read as given; inside a folder,
    a link that leads out of it is refused: a link in a shared folder must not publish a private file."""
    for path in paths:
        if not path.is_dir():
            yield path, None
            continue
        root = path.resolve()
        for found in sorted(path.rglob("*")):
            if found.suffix.lower() not in SUPPORTED_SUFFIXES or found.name == "README.md" or found.is_dir():
                continue
            try:
                inside = found.resolve().is_relative_to(root)
            except (OSError, RuntimeError):  # RuntimeError: a link that leads back to itself (Python 3.11)
                yield found, "is a link that leads back to itself"
                continue
            if not inside:
                yield found, f"links outside {path}; only files inside the folder are read"
            else:
                yield found, None  # a device, pipe or broken link is refused when it is opened


def _open_without_waiting(path: str, flags: int) -> int:
    """Opening a named pipe for reading waits for a writer; non-blocking, it opens at once (and is refused)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))  # POSIX only; Windows has no such pipes


def _source_key(path: Path) -> str:
    """Files inside the project are keyed relative to it, so a moved checkout still recognises them."""
    from bot.config import PROJECT_ROOT

    resolved = path.resolve()
    try:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return resolved.as_posix()


class _Progress(Protocol):
    """What ingestion needs of a progress bar (tqdm's)."""

    def update(self, n: float | None = 1) -> object: ...

    def close(self) -> None: ...


def _progress_bar(total: int, enabled: bool) -> _Progress | None:
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="chunk", desc="Ingesting")

