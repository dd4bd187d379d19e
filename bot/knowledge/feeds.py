"""Followed RSS and Atom feeds: each poll fetches a feed conditionally, reads it with feedparser and adds every
new item's page through the add-by-link path, so an item already stored (by link or by text) is skipped.

A feed that fails in any way (refused, silent, 404 or 500, not XML, an item whose page fails) ends its poll
with that error in its `last_error`; it never stops the other feeds. An item whose page fails is tried again
at the next polls, at most `max_item_retries` times, then given up: its link is skipped from then on and
listed in the feed's status.

Every poll holds a lease on its feed in the store (FeedLeases), so processes sharing one Chroma server never
poll the same feed at once, and a feed one of them has just polled is not polled again by the other.
"""

from __future__ import annotations

import io
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import feedparser

from bot.config import FeedSettings
from bot.knowledge.errors import FeedRefused, FetchFailed, LinkRefused
from bot.knowledge.fetching import FetchedPage, PageFetcher, checked_url
from bot.knowledge.ingestion import IngestOutcome
from bot.knowledge.plain_text import meta_text
from bot.knowledge.store import FeedLeases, FeedRegistry, FeedSubscription

log = logging.getLogger(__name__)

AddItem = Callable[[str, FeedSubscription], IngestOutcome]
"""(item link, the feed it came from) -> what adding the page behind it did."""

# Item links remembered per feed: far more than a feed lists at once, few enough for one record.
_SEEN_KEPT = 500
# Given-up items remembered per feed for its status (the links themselves stay in `seen`).
_GIVEN_UP_KEPT = 20


@dataclass(frozen=True)
class FeedPoll:
    """What one poll of one feed did: "new" (read, `added` articles), "unchanged" (304), "failed", or "busy"
    (another process holds its lease) / "skipped" (no longer due, or unfollowed, once the lease was had)."""

    feed: FeedSubscription
    status: str
    added: int
    message: str


class FeedPoller:
    """Follows, lists, unfollows and polls the feeds of every scope (a server, or the shipped knowledge)."""

    def __init__(self, fetcher: PageFetcher, registry: FeedRegistry, add_item: AddItem, settings: FeedSettings,
                 leases: FeedLeases, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._fetcher = fetcher
        self._registry = registry
        self._add_item = add_item
        self._settings = settings
        self._leases = leases
        self._now = now
        # Who holds a lease: this process on this machine (and this poller, should a process run two).
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    # --- subscriptions -----------------------------------------------------------------------------

    def follow(self, url: str, *, scope: str, added_by: str, added_by_name: str,
               interval_minutes: int | None = None, channel_id: str = "") -> FeedSubscription:
        """A new subscription, polled at the next check; `FeedRefused` (one line) over the cap, below the
        minimum interval, or when this scope already follows the feed."""
        link = checked_url(url)
        self._fetcher.refuse_literal_address(link)
        limits = self._settings
        interval = limits.default_interval_minutes if interval_minutes is None else interval_minutes
        if interval < limits.min_interval_minutes:
            raise FeedRefused(f"Feeds are polled at most every {limits.min_interval_minutes} minutes; choose an "
                              f"interval of {limits.min_interval_minutes} or more. Nothing was changed.")
        if self._registry.get(scope, link) is not None:
            raise FeedRefused(f"`{_shown(link)}` is already followed here. Nothing was changed.")
        if len(self._registry.feeds(scope)) >= limits.max_feeds_per_server:
            raise FeedRefused(f"This server already follows {limits.max_feeds_per_server} feeds, the most it may; "
                              "unfollow one first. Nothing was changed.")
        feed = FeedSubscription(scope=scope, url=link, added_by=added_by, added_by_name=added_by_name,
                                interval_minutes=interval, channel_id=channel_id,
                                added_at=self._now().isoformat(timespec="microseconds"))  # lists in follow order
        self._registry.save(feed)
        log.info("feed followed url=%s scope=%s interval=%d user=%s", link, scope, interval, added_by)
        return feed

    def unfollow(self, url: str, *, scope: str) -> FeedSubscription:
        """The subscription removed; the articles it brought in stay."""
        try:
            link = checked_url(url)
        except LinkRefused:
            link = url.strip()
        feed = self._registry.get(scope, link)
        if feed is None:
            raise FeedRefused(f"`{_shown(url)}` is not followed here; `/knowledge feeds` lists the feeds that are.")
        self._registry.remove(scope, link)
        log.info("feed unfollowed url=%s scope=%s", link, scope)
        return feed

    def feeds(self, scope: str | None = None) -> list[FeedSubscription]:
        return self._registry.feeds(scope)

    def due(self, scope: str | None = None) -> list[FeedSubscription]:
        """Feeds never polled, or polled longer ago than their interval (never less than the minimum)."""
        return [feed for feed in self._registry.feeds(scope) if self._is_due(feed)]

    def _is_due(self, feed: FeedSubscription) -> bool:
        every = timedelta(minutes=max(feed.interval_minutes, self._settings.min_interval_minutes))
        return not feed.last_polled or self._now() - datetime.fromisoformat(feed.last_polled) >= every

    # --- polling -----------------------------------------------------------------------------------

    def poll_due(self, scope: str | None = None) -> list[FeedPoll]:
        """Poll every due feed once, one after another; each ends in a status, whatever the others do. A feed
        another process is polling, or has polled since the list was read, is left to it."""
        polls = [self.poll(feed, only_if_due=True) for feed in self.due(scope)]
        return [p for p in polls if p.status not in ("busy", "skipped")]

    def poll(self, feed: FeedSubscription, *, only_if_due: bool = False) -> FeedPoll:
        """Fetch one feed and add its new items, holding its lease; never raises for what a feed or its pages do."""
        try:
            token = self._leases.acquire(feed.feed_id, self.holder, self._settings.poll_lease_seconds,
                                         self._now().timestamp())
        except Exception:  # the store: this feed waits for the next check
            log.exception("could not take the poll lease url=%s scope=%s", feed.url, feed.scope)
            return FeedPoll(feed, "busy", 0, "the feed's poll lease could not be taken; it will be tried again")
        if token is None:
            log.info("feed busy url=%s scope=%s (another process is polling it)", feed.url, feed.scope)
            return FeedPoll(feed, "busy", 0, "another process is polling this feed")
        try:
            return self._poll_leased(feed, only_if_due)
        finally:
            try:
                self._leases.release(feed.feed_id, token)
            except Exception:  # it lapses by itself
                log.exception("could not release the poll lease url=%s scope=%s", feed.url, feed.scope)

    def _poll_leased(self, listed: FeedSubscription, only_if_due: bool) -> FeedPoll:
        try:
            # The record as it is now: another process may have polled the feed (or it was unfollowed) since.
            current = self._registry.get(listed.scope, listed.url)
        except Exception:
            log.exception("could not read feed state url=%s scope=%s", listed.url, listed.scope)
            return FeedPoll(listed, "busy", 0, "the feed's state could not be read; it will be tried again")
        if current is None:
            return FeedPoll(listed, "skipped", 0, "no longer followed")
        if only_if_due and not self._is_due(current):
            return FeedPoll(current, "skipped", 0, "polled by another process meanwhile")
        feed = current
        try:
            result = self._poll(feed)
        except Exception:  # our own bug, or the store: logged, and this feed only is marked
            log.exception("feed poll failed url=%s scope=%s", feed.url, feed.scope)
            result = self._failed(feed, "The feed could not be polled because of an internal error (it was "
                                        "logged); it will be tried again.")
        try:
            self._registry.save(result.feed)
        except Exception:
            log.exception("could not save feed state url=%s scope=%s", feed.url, feed.scope)
        log.info("feed polled url=%s scope=%s status=%s added=%d", feed.url, feed.scope, result.status, result.added)
        return result

    def _poll(self, feed: FeedSubscription) -> FeedPoll:
        try:
            page = self._fetcher.fetch_feed(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        except (LinkRefused, FetchFailed) as error:
            return self._failed(feed, error.user_message)
        now = self._stamp()
        if page is None:
            done = replace(feed, last_polled=now, last_success=now, last_error="")
            return FeedPoll(done, "unchanged", 0, "not modified since the last poll")
        links = _item_links(page)
        if links is None:
            return self._failed(feed, f"`{_shown(feed.url)}` is not a readable RSS or Atom feed (broken XML).")
        seen = list(feed.seen)
        fresh = [link for link in links if link not in seen][: self._settings.max_items_per_poll]
        failing = {link: tries for link, tries in feed.failing if link in links}  # an item gone from the feed is dropped
        given_up = list(feed.given_up)
        added, errors, gave_up = 0, [], 0
        for link in reversed(fresh):  # feeds list the newest first; add in the order they were published
            outcome = self._add_item(link, feed)
            if outcome.status in ("added", "replaced"):
                added += 1
            if outcome.status != "rejected":
                seen.append(link)
                failing.pop(link, None)
                continue
            tries = failing.pop(link, 0) + 1
            if tries <= self._settings.max_item_retries:
                failing[link] = tries
                errors.append(outcome.message)
                continue
            # Tried at the first poll and at `max_item_retries` more: given up, and skipped from now on.
            log.warning("feed item given up url=%s item=%s tries=%d", feed.url, link, tries)
            seen.append(link)
            given_up.append((link, " ".join(outcome.message.split())))
            gave_up += 1
        state = replace(feed, last_polled=now, last_success=now, seen=tuple(seen[-_SEEN_KEPT:]),
                        failing=tuple(failing.items()), given_up=tuple(given_up[-_GIVEN_UP_KEPT:]),
                        articles_added=feed.articles_added + added)
        if errors:
            # The old validators stay, so the next poll reads the feed again and retries the failed items.
            more = f" (and {len(errors) - 1} more items failed)" if len(errors) > 1 else ""
            done = replace(state, last_error=f"An item failed: {errors[0]}{more} It will be tried again.")
            return FeedPoll(done, "failed", added, done.last_error)
        done = replace(state, last_error="", etag=page.etag, last_modified=page.last_modified)
        given = f", {gave_up} given up after {self._settings.max_item_retries + 1} tries" if gave_up else ""
        return FeedPoll(done, "new", added, f"{len(links)} items, {added} new articles{given}")

    def _failed(self, feed: FeedSubscription, message: str) -> FeedPoll:
        line = " ".join(message.split())
        return FeedPoll(replace(feed, last_polled=self._stamp(), last_error=line), "failed", 0, line)

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")


def _item_links(page: FetchedPage) -> list[str] | None:
    """The items' links, newest first as the feed lists them, resolved against the feed's own address; None
    when the body is not a feed. A stream, never bytes: feedparser would try bytes as a file name."""
    headers = {"content-location": page.url, "content-type": page.media_type}
    parsed = feedparser.parse(io.BytesIO(page.body), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=True)
    links: list[str] = []
    for entry in parsed.entries:
        link = str(entry.get("link") or "").strip()
        if link and link not in links:
            links.append(link)
    if parsed.bozo and not links:
        return None
    if not parsed.version and not links:
        return None
    return links


def _shown(url: str) -> str:
    text = meta_text(url)
    return text if len(text) <= 120 else text[:117] + "…"
