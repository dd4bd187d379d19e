"""Watched country pairs and digest schedules of every scope: making and removing them, finding the alerts not
sent yet, and which digests are due. Country names are read with the gazetteer; nothing here knows Discord."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.config import WatchSettings
from bot.facts.alerts import ArrivedFacts, FactAlert, new_fact_alerts
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.watch_records import DigestSchedule, Watch, WatchRecords

log = logging.getLogger(__name__)

DIGEST_PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
# Words a person may put between two country names: "Norrvald and Tavrenne", "Norrvald, Tavrenne".
_SEPARATORS = re.compile(r"\s*(?:[,;/&|–—]|\band\b|\s-\s)\s*", re.IGNORECASE)
# Country names are at most this many words long ("Republic of the Congo" …): longer windows are not tried.
_LONGEST_NAME_WORDS = 5

PairItems = Callable[[Watch], Sequence[ArrivedFacts]]
"""(a watch) -> every article its server sees about the pair, with confident facts and when each was stored."""


class WatchRefused(KnowledgeError):
    """A pair that cannot be watched or unwatched here (unknown country, over the cap, already watched …)."""


def parse_pair(text: str, gazetteer: Gazetteer, *, unchanged: bool = True) -> tuple[str, str]:
    """Two distinct canonical countries from "Norrvald Tavrenne", "Norrvald, Tavrenne" or "norrvald and tavrenne";
    `WatchRefused` (one line) names what is not a country, and says nothing changed when `unchanged`."""
    after = " Nothing was changed." if unchanged else ""
    parts = [p for p in _SEPARATORS.split(text.strip()) if p.strip()]
    if len(parts) >= 2:
        countries = []
        for part in parts:
            country = gazetteer.canonical(part.strip())
            if country is None:
                raise WatchRefused(f"`{_shown(part)}` is not a country I know; name two countries, e.g. "
                                   f"`France, Germany`.{after}")
            countries.append(country)
    else:
        countries = _countries_in_words(text.split(), gazetteer, after)
    unique = list(dict.fromkeys(countries))
    if len(unique) != 2:
        raise WatchRefused(f"Name exactly two different countries, e.g. `France, Germany`.{after}")
    first, second = sorted(unique)
    return first, second


def _countries_in_words(words: list[str], gazetteer: Gazetteer, after: str) -> list[str]:
    """Longest names first, left to right: "united states india" is the United States and India."""
    found: list[str] = []
    position = 0
    while position < len(words):
        for size in range(min(_LONGEST_NAME_WORDS, len(words) - position), 0, -1):
            country = gazetteer.canonical(" ".join(words[position:position + size]))
            if country is not None:
                found.append(country)
                position += size
                break
        else:
            raise WatchRefused(f"`{_shown(words[position])}` is not a country I know; name two countries, e.g. "
                               f"`France, Germany`.{after}")
    return found


class PairWatcher:
    """Watches, alerts and digest schedules over the records in the store."""

    def __init__(self, records: WatchRecords, gazetteer: Gazetteer, settings: WatchSettings, pair_items: PairItems,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._records = records
        self._gazetteer = gazetteer
        self._settings = settings
        self._pair_items = pair_items
        self._now = now

    # --- watches -----------------------------------------------------------------------------------

    def watch(self, countries: str, *, scope: str, channel_id: str, added_by: str, added_by_name: str) -> Watch:
        """A new watch, or a watched pair's alerts moved to another channel; `WatchRefused` (one line) for a name
        that is not a country, a pair already watched in that channel, or one pair over the cap."""
        pair = parse_pair(countries, self._gazetteer)
        existing = self._records.watch(scope, pair)
        if existing is not None and existing.channel_id == channel_id:
            raise WatchRefused(f"{existing.pair_text} is already watched in that channel. Nothing was changed.")
        if existing is None and len(self._records.watches(scope)) >= self._settings.max_watches_per_server:
            raise WatchRefused(f"This server already watches {self._settings.max_watches_per_server} pairs, the most "
                               "it may; `/unwatch` one first. Nothing was changed.")
        # Seconds, like the articles' `ingested_at`, so the two compare as text. A pair watched again in another
        # channel keeps its start: what was already new stays new, what was alerted stays alerted.
        watch = Watch(scope=scope, countries=pair, channel_id=channel_id, added_by=added_by,
                      added_by_name=added_by_name, added_at=self._stamp())
        if existing is not None:
            watch = replace(watch, added_at=existing.added_at, known_at_start=existing.known_at_start)
        else:
            known = tuple(i.meta.article_id for i in self._pair_items(watch) if i.ingested_at == watch.added_at)
            watch = replace(watch, known_at_start=known)
        self._records.save_watch(watch)
        log.info("pair watched pair=%s scope=%s channel=%s user=%s", watch.pair_text, scope, channel_id, added_by)
        return watch

    def unwatch(self, countries: str, *, scope: str) -> Watch:
        """The watch removed; what it alerted stays marked, so watching the pair again repeats nothing."""
        pair = parse_pair(countries, self._gazetteer)
        watch = self._records.watch(scope, pair)
        if watch is None:
            raise WatchRefused(f"{' – '.join(pair)} is not watched here; `/watches` lists the pairs that are.")
        self._records.remove_watch(watch)
        log.info("pair unwatched pair=%s scope=%s", watch.pair_text, scope)
        return watch

    def watches(self, scope: str | None = None) -> list[Watch]:
        return self._records.watches(scope)

    # --- alerts ------------------------------------------------------------------------------------

    def take_new_alerts(self, scope: str | None = None) -> list[FactAlert]:
        """The alerts not sent yet, marked sent before they are returned: an alert is posted at most once, by
        whichever process takes it, before or after a restart."""
        taken: list[FactAlert] = []
        for watch in self._records.watches(scope):
            candidates = new_fact_alerts(watch, self._pair_items(watch))
            sent = self._records.alerted(k for a in candidates for k in a.keys)
            fresh = [a for a in candidates if not sent.intersection(a.keys)]
            if fresh:
                self._records.mark_alerted((k for a in fresh for k in a.keys), watch.scope, self._stamp())
                taken += fresh
        if taken:
            log.info("alerts taken count=%d", len(taken))
        return taken

    # --- digest schedules --------------------------------------------------------------------------

    def schedule_digest(self, every: str, *, scope: str, channel_id: str, added_by: str,
                        added_by_name: str) -> DigestSchedule | None:
        """A new schedule (replacing the old one), or None for "off"."""
        if every == "off":
            self._records.remove_schedule(scope)
            return None
        if every not in DIGEST_PERIODS:
            raise WatchRefused("`every` must be `daily`, `weekly` or `off`. Nothing was changed.")
        schedule = DigestSchedule(scope=scope, channel_id=channel_id, every=every, added_by=added_by,
                                  added_by_name=added_by_name, added_at=self._stamp(), last_posted=self._stamp())
        self._records.save_schedule(schedule)
        return schedule

    def schedules(self, scope: str | None = None) -> list[DigestSchedule]:
        return self._records.schedules(scope)

    def due_digests(self) -> list[DigestSchedule]:
        now = self._now()
        return [s for s in self._records.schedules()
                if now - datetime.fromisoformat(s.last_posted) >= DIGEST_PERIODS.get(s.every, DIGEST_PERIODS["weekly"])]

    def digest_posted(self, schedule: DigestSchedule, at: datetime) -> None:
        """The next digest starts at `at`. Microseconds, so the start always moves on; the digest compares it
        with the articles' whole-second stamps, so an article of that very second is in both digests, never
        in neither."""
        self._records.save_schedule(replace(schedule, last_posted=at.isoformat(timespec="microseconds")))

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")


def _shown(text: str) -> str:
    plain = " ".join(text.replace("`", "'").split())
    return plain if len(plain) <= 60 else plain[:57] + "…"
