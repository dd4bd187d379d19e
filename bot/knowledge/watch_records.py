"""Watched pairs, digest schedules and the alerts already sent, kept in Chroma beside the articles (like the
feed subscriptions) so they survive a restart and every process on the store sees them. Each record carries
a constant one-dimensional vector: nothing here is searched by meaning."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Watch:
    """A country pair one scope watches, and the channel its alerts go to (times are ISO 8601, UTC)."""

    scope: str
    countries: tuple[str, str]  # canonical names, in alphabetical order: (a, b) and (b, a) are one watch
    channel_id: str
    added_by: str
    added_by_name: str
    added_at: str
    # Articles stored in the very second the watch began (stamps are whole seconds): they came before it.
    known_at_start: tuple[str, ...] = ()

    def is_news(self, article_id: str, ingested_at: str) -> bool:
        """Stored after the watch began."""
        return ingested_at > self.added_at or (ingested_at == self.added_at and article_id not in self.known_at_start)

    @property
    def watch_id(self) -> str:
        return watch_id(self.scope, self.countries)

    @property
    def pair_text(self) -> str:
        return " – ".join(self.countries)


def watch_id(scope: str, countries: tuple[str, str]) -> str:
    return _digest(scope, *countries)


@dataclass(frozen=True)
class DigestSchedule:
    """Where and how often one scope's digest is posted; `last_posted` ("" for never) is where the next starts."""

    scope: str
    channel_id: str
    every: str  # "daily" | "weekly"
    added_by: str
    added_by_name: str
    added_at: str
    last_posted: str = ""


class WatchRecords:
    """The three collections: `<prefix>_watches`, `<prefix>_digests` and `<prefix>_alerted`."""

    def __init__(self, client: Any, prefix: str = "attache") -> None:
        self._watches = client.get_or_create_collection(f"{prefix}_watches", embedding_function=None)
        self._digests = client.get_or_create_collection(f"{prefix}_digests", embedding_function=None)
        self._alerted = client.get_or_create_collection(f"{prefix}_alerted", embedding_function=None)

    # --- watches -----------------------------------------------------------------------------------

    def save_watch(self, watch: Watch) -> None:
        metadata = {k: v for k, v in watch.__dict__.items() if k not in ("countries", "known_at_start")}
        document = json.dumps({"countries": list(watch.countries), "known_at_start": list(watch.known_at_start)})
        self._watches.upsert(ids=[watch.watch_id], embeddings=[[1.0]], documents=[document], metadatas=[metadata])

    def remove_watch(self, watch: Watch) -> None:
        self._watches.delete(ids=[watch.watch_id])

    def watch(self, scope: str, countries: tuple[str, str]) -> Watch | None:
        page = self._watches.get(ids=[watch_id(scope, countries)], include=["metadatas", "documents"])
        return _watch(page["metadatas"][0], page["documents"][0]) if page["ids"] else None

    def watches(self, scope: str | None = None) -> list[Watch]:
        """One scope's watches, or every scope's, in the order they were made."""
        page = self._watches.get(where={"scope": scope} if scope is not None else None,
                                 include=["metadatas", "documents"])
        found = [_watch(m, d) for m, d in zip(page["metadatas"], page["documents"], strict=True)]
        return sorted(found, key=lambda w: (w.added_at, w.countries))

    # --- digest schedules --------------------------------------------------------------------------

    def save_schedule(self, schedule: DigestSchedule) -> None:
        self._digests.upsert(ids=[_digest(schedule.scope)], embeddings=[[1.0]], metadatas=[dict(schedule.__dict__)])

    def remove_schedule(self, scope: str) -> None:
        self._digests.delete(ids=[_digest(scope)])

    def schedules(self, scope: str | None = None) -> list[DigestSchedule]:
        """One schedule per scope at most: a new `/digest schedule` replaces the old one."""
        page = self._digests.get(ids=[_digest(scope)] if scope is not None else None, include=["metadatas"])
        return sorted((DigestSchedule(**{k: str(v) for k, v in m.items()}) for m in page["metadatas"]),
                      key=lambda s: s.scope)

    # --- alerts already sent -----------------------------------------------------------------------

    def alerted(self, keys: Iterable[str]) -> set[str]:
        """Which of these alert keys were already sent, by this process or another, before or after a restart."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return set()
        return set(self._alerted.get(ids=wanted, include=[])["ids"])

    def mark_alerted(self, keys: Iterable[str], scope: str, at: str) -> None:
        ids = list(dict.fromkeys(keys))
        if ids:
            self._alerted.upsert(ids=ids, embeddings=[[1.0]] * len(ids), metadatas=[{"scope": scope, "at": at}] * len(ids))


def alert_key(watch: Watch, kind: str, sentence: str) -> str:
    """One fact, told by one sentence, for one watch: a syndicated copy of the sentence is the same fact."""
    return _digest(watch.watch_id, kind, " ".join(sentence.split()).casefold())


def _digest(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:24]


def _watch(metadata: dict[str, Any], document: str | None) -> Watch:
    lists = json.loads(document or "{}")
    first, second = lists["countries"]
    fields = {k: str(v) for k, v in metadata.items() if k in Watch.__dataclass_fields__}
    return Watch(countries=(first, second), known_at_start=tuple(lists.get("known_at_start", ())), **fields)
