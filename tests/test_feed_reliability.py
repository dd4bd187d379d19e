"""Feed polling that holds up: an item whose page fails is tried again at the next polls, at most
`max_item_retries` times, then given up and shown in the feed's status; a lease per feed in the store keeps two
processes sharing one Chroma server from polling the same feed at once. Polls are driven here, never slept for."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bot.knowledge.embedder import OnnxEmbedder
from bot.knowledge.feeds import FeedPoll
from bot.knowledge.store import FeedLeases
from bot.render import feed_lines
from bot.services import Actor, KnowledgeBase, build_knowledge_base
from tests.conftest import KnowledgeBaseFactory, settings_for_tests
from tests.test_feeds import loopback_fetcher
from tests.web_server import FictionalWeb

OLGA = Actor("1", "olga")


def _poll_now(kb: KnowledgeBase, scope: str) -> FeedPoll:
    """Poll the scope's one feed now, due or not (as `attache feeds poll` would once it is due)."""
    [feed] = kb.feed_list(scope)
    return kb.feeds.poll(feed)


def test_a_failing_item_is_retried_then_given_up_and_shown(tmp_path: Path, embedder: OnnxEmbedder,
                                                           web: FictionalWeb) -> None:
    settings = settings_for_tests(tmp_path / "data")
    settings = replace(settings, feeds=replace(settings.feeds, max_item_retries=2))
    kb = build_knowledge_base(settings, embedder=embedder, fetcher=loopback_fetcher())
    kb.follow_feed(web.url("/feeds/flaky.xml"), scope="3", actor=OLGA)
    web.flaky_failures = 1  # /flaky fails once, then works; /missing always answers 404
    missing_fetches = web.requested.count("/missing")

    first = _poll_now(kb, "3")
    assert (first.status, first.added) == ("failed", 0) and "tried again" in first.message, first
    assert dict(kb.feed_list("3")[0].failing) == {web.url("/flaky"): 1, web.url("/missing"): 1}

    second = _poll_now(kb, "3")  # the flaky page works now; the missing one fails its first retry
    assert (second.status, second.added) == ("failed", 1), second
    assert dict(kb.feed_list("3")[0].failing) == {web.url("/missing"): 2}
    assert [m.title for m in kb.sources(("3",))] == ["Veloria and Quintara found a fictional youth orchestra"]

    third = _poll_now(kb, "3")  # its second and last retry: given up
    assert (third.status, third.added) == ("new", 0) and "1 given up after 3 tries" in third.message, third
    feed = kb.feed_list("3")[0]
    assert feed.failing == () and feed.last_error == ""
    assert [link for link, _ in feed.given_up] == [web.url("/missing")] and "404" in feed.given_up[0][1]
    assert web.requested.count("/missing") == missing_fetches + 3

    assert _poll_now(kb, "3").status == "new"  # skipped from now on: not fetched a fourth time
    assert web.requested.count("/missing") == missing_fetches + 3
    kb.close()
    again = build_knowledge_base(settings, embedder=embedder, fetcher=loopback_fetcher())  # a restart keeps it
    [status] = feed_lines(again.feed_list("3"))
    assert "gave up on 1 items after their retries" in status and web.url("/missing") in status, status
    again.close()


@pytest.mark.parametrize("mode", ["embedded", "server"])
def test_a_lease_admits_one_holder_until_it_is_released_or_lapses(make_kb: KnowledgeBaseFactory, mode: str) -> None:
    kb = make_kb(mode)
    first, second = (FeedLeases(kb.store.client, kb.settings.knowledge.collection_prefix) for _ in range(2))
    now = 1_000_000.0
    token = first.acquire("feed", "process-a", 60, now)
    assert token and first.holder("feed") == "process-a"
    assert second.acquire("feed", "process-b", 60, now + 30) is None  # still held
    second.release("feed", "not-the-token")  # only the holder's token releases it
    assert first.holder("feed") == "process-a"
    lapsed = second.acquire("feed", "process-b", 60, now + 61)  # process A died: its lease lapsed
    assert lapsed and second.holder("feed") == "process-b"
    first.release("feed", token)  # A's late release leaves B's lease alone
    assert second.holder("feed") == "process-b"
    second.release("feed", lapsed)
    assert first.holder("feed") is None and first.acquire("feed", "process-a", 60, now + 62)


def test_a_feed_another_process_is_polling_is_left_to_it(make_kb: KnowledgeBaseFactory, web: FictionalWeb) -> None:
    kb = make_kb(fetcher=loopback_fetcher())
    feed = kb.follow_feed(web.url("/feeds/rss.xml"), scope="4", actor=OLGA)
    leases = FeedLeases(kb.store.client, kb.settings.knowledge.collection_prefix)
    held = leases.acquire(feed.feed_id, "another-process", 900, time.time())
    assert held
    fetched = web.requested.count("/feeds/rss.xml")
    assert kb.feeds.poll(feed).status == "busy"
    assert kb.poll_feeds("4") == []  # due, but another process has it
    assert web.requested.count("/feeds/rss.xml") == fetched and kb.sources(("4",)) == []
    leases.release(feed.feed_id, held)
    assert [(p.status, p.added) for p in kb.poll_feeds("4")] == [("new", 2)]


def test_two_processes_on_one_chroma_server_poll_a_feed_once(make_kb: KnowledgeBaseFactory, embedder: OnnxEmbedder,
                                                            web: FictionalWeb) -> None:
    first = make_kb("server", fetcher=loopback_fetcher())
    second = build_knowledge_base(first.settings, embedder=embedder, fetcher=loopback_fetcher())  # same collections
    first.follow_feed(web.url("/feeds/rss.xml"), scope="6", actor=OLGA)
    fetched = web.requested.count("/feeds/rss.xml")
    start = threading.Barrier(2)
    results: dict[str, list[FeedPoll]] = {}

    def poll(name: str, kb: KnowledgeBase) -> None:
        due = kb.feeds.due("6")  # both see the feed due: without the lease, both would poll it
        start.wait()
        polls = [kb.feeds.poll(feed, only_if_due=True) for feed in due]
        results[name] = [p for p in polls if p.status not in ("busy", "skipped")]

    threads = [threading.Thread(target=poll, args=(n, k)) for n, k in (("first", first), ("second", second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    polls = results["first"] + results["second"]
    assert [(p.status, p.added) for p in polls] == [("new", 2)], results  # one poll in all; the other left it
    assert web.requested.count("/feeds/rss.xml") == fetched + 1
    # the process that polled sees its articles at once; the other one on its next snapshot refresh
    winner = first if results["first"] else second
    assert len(winner.sources(("6",))) == 2 and winner.feed_list("6")[0].articles_added == 2
    second.close()
    first.close()
