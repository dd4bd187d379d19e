"""Followed feeds, against the loopback web server (tests/web_server.py): an RSS and an Atom feed bring in
their items once; conditional requests, a restart and a changed feed duplicate nothing; every broken feed is a
status while the others go on; the cap and the minimum interval are one line each. Polls are driven here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import FetchSettings
from bot.knowledge.embedder import OnnxEmbedder, share_onnx_export
from bot.knowledge.errors import FeedRefused, KnowledgeError
from bot.knowledge.fetching import PageFetcher
from bot.services import Actor, KnowledgeBase, build_knowledge_base
from tests.conftest import MODELS_DIR, KnowledgeBaseFactory, settings_for_tests
from tests.web_server import FictionalWeb

OLGA = Actor("1", "olga")


def loopback_fetcher() -> PageFetcher:
    return PageFetcher(FetchSettings(allow_loopback=True, read_timeout_seconds=1, total_timeout_seconds=5), 2_000_000)


def _articles(kb: KnowledgeBase, scope: str) -> list[str]:
    return sorted(m.title for m in kb.sources((scope,)))


def _one_friendly_line(message: str) -> None:
    assert message.strip() and "\n" not in message and "Traceback" not in message, repr(message)
    assert not re.search(r"[a-z](Error|Exception)\b", message), message


def test_rss_and_atom_items_come_in_once_across_polls_and_a_restart(make_kb: KnowledgeBaseFactory, web: FictionalWeb,
                                                                      embedder: OnnxEmbedder) -> None:
    kb = make_kb(fetcher=loopback_fetcher())
    kb.follow_feed(web.url("/feeds/rss.xml"), scope="42", actor=OLGA)
    kb.follow_feed(web.url("/feeds/atom.xml"), scope="42", actor=OLGA, interval_minutes=30)

    first = kb.poll_feeds()
    assert [(p.status, p.added) for p in first] == [("new", 2), ("new", 2)], first
    assert _articles(kb, "42") == ["Kestovia and Norrvald share a fictional observatory",
                                   "Solmere and Tavrenne start a fictional night train",
                                   "Solmere and Veloria sign a fictional fisheries pact",
                                   "Veloria and Quintara found a fictional youth orchestra"]
    assert kb.sources(("global",)) == []  # the server's feeds feed the server only
    answer = kb.ask("how long does the night train take", scopes=("42",))
    assert not answer.refused and "eleven hours" in answer.text, answer
    assert answer.citations[0].article.url == web.url("/feeds/items/night-train.txt")
    audit = kb.audit_log("42")
    assert [e.action for e in audit].count("added") == 4 and {"followed"} <= {e.action for e in audit}
    assert all(e.actor_name == "olga (feed)" for e in audit if e.action == "added")

    assert kb.poll_feeds() == []  # nothing is due before its interval
    due_now = [kb.feeds.poll(f) for f in kb.feed_list("42")]  # forced: conditional requests answer 304
    assert [(p.status, p.added) for p in due_now] == [("unchanged", 0), ("unchanged", 0)], due_now
    [rss, atom] = kb.feed_list("42")
    assert rss.etag == '"rss-1"' and atom.last_modified.endswith("10:00:01 GMT") and not atom.etag
    assert (rss.articles_added, atom.articles_added, rss.last_error, atom.last_error) == (2, 2, "", "")
    assert rss.last_success and rss.interval_minutes == 60 and atom.interval_minutes == 30

    # A restart: a new knowledge base on the same store keeps the subscriptions and their state.
    kb.close()
    again = build_knowledge_base(kb.settings, embedder=embedder, fetcher=loopback_fetcher())
    assert [(f.url, f.articles_added, f.etag or f.last_modified) for f in again.feed_list("42")] == \
        [(web.url("/feeds/rss.xml"), 2, '"rss-1"'), (web.url("/feeds/atom.xml"), 2, atom.last_modified)]
    web.feed_version = 2  # the feeds change (new validators) but list the same items
    before = again.store.counts()
    changed = [again.feeds.poll(f) for f in again.feed_list("42")]
    assert [(p.status, p.added) for p in changed] == [("new", 0), ("new", 0)], changed
    assert again.store.counts() == before
    assert all(web.requested.count(f"/feeds/items/{s}.txt") == 1
               for s in ("night-train", "orchestra", "observatory", "fisheries")), web.requested  # not refetched
    assert again.feed_list("42")[0].etag == '"rss-2"'
    again.close()


def test_broken_feeds_are_statuses_and_the_others_still_poll(make_kb: KnowledgeBaseFactory, web: FictionalWeb) -> None:
    kb = make_kb(fetcher=loopback_fetcher())
    broken = {"/feeds/broken.xml": "not a readable RSS or Atom feed", "/missing": "answered HTTP 404",
              "/broken": "answered HTTP 500", "/stall": "stopped answering",
              "/feeds/bad-item.xml": "An item failed", "/news/ferry-link": "only RSS and Atom feeds"}
    for path in broken:
        kb.follow_feed(web.url(path), scope="7", actor=OLGA)
    kb.follow_feed(web.url("/feeds/rss.xml"), scope="7", actor=OLGA)

    polls = {p.feed.url: p for p in kb.poll_feeds("7")}
    assert polls[web.url("/feeds/rss.xml")].added == 2 and polls[web.url("/feeds/rss.xml")].status == "new"
    stored = {f.url: f for f in kb.feed_list("7")}
    for path, says in broken.items():
        feed = stored[web.url(path)]
        assert polls[feed.url].status == "failed" and says in feed.last_error, (path, feed.last_error)
        _one_friendly_line(feed.last_error)
    assert "answered HTTP 404" in stored[web.url("/feeds/bad-item.xml")].last_error  # the item's own reason
    assert not stored[web.url("/broken")].last_success and stored[web.url("/broken")].last_polled
    assert len(kb.sources(("7",))) == 2  # the good feed's two items, nothing from the broken ones


def test_the_cap_the_minimum_interval_and_unfollow_are_one_line_each(tmp_path: Path, embedder: OnnxEmbedder,
                                                                     web: FictionalWeb) -> None:
    settings = settings_for_tests(tmp_path / "data")
    settings = replace(settings, feeds=replace(settings.feeds, max_feeds_per_server=2))
    kb = build_knowledge_base(settings, embedder=embedder, fetcher=loopback_fetcher())
    with pytest.raises(FeedRefused) as too_often:
        kb.follow_feed(web.url("/feeds/rss.xml"), scope="9", actor=OLGA, interval_minutes=5)
    assert "at most every 15 minutes" in too_often.value.user_message
    kb.follow_feed(web.url("/feeds/rss.xml"), scope="9", actor=OLGA, interval_minutes=15)
    with pytest.raises(FeedRefused) as twice:
        kb.follow_feed(web.url("/feeds/rss.xml#again"), scope="9", actor=OLGA)
    assert "already followed here" in twice.value.user_message
    kb.follow_feed(web.url("/feeds/atom.xml"), scope="9", actor=OLGA)
    with pytest.raises(FeedRefused) as capped:
        kb.follow_feed(web.url("/feeds/broken.xml"), scope="9", actor=OLGA)
    assert "already follows 2 feeds" in capped.value.user_message
    kb.follow_feed(web.url("/feeds/broken.xml"), scope="10", actor=OLGA)  # the cap is per server
    for error in (too_often, twice, capped):
        _one_friendly_line(error.value.user_message)
    with pytest.raises(KnowledgeError) as refused_scheme:
        kb.follow_feed("file:///etc/passwd", scope="9", actor=OLGA)
    assert "Only http:// and https://" in refused_scheme.value.user_message
    for private in ("http://10.0.0.5/feed.xml", "http://169.254.169.254/latest/", "http://[fd00::1]/rss"):
        with pytest.raises(KnowledgeError) as refused_address:
            kb.follow_feed(private, scope="11", actor=OLGA)
        assert "only public addresses" in refused_address.value.user_message
    assert kb.feed_list("11") == []

    gone = kb.unfollow_feed(web.url("/feeds/rss.xml"), scope="9", actor=OLGA)
    assert gone.url == web.url("/feeds/rss.xml") and [f.url for f in kb.feed_list("9")] == [web.url("/feeds/atom.xml")]
    with pytest.raises(FeedRefused) as not_followed:
        kb.unfollow_feed(web.url("/feeds/rss.xml"), scope="9", actor=OLGA)
    assert "is not followed here" in not_followed.value.user_message
    assert [e.action for e in kb.audit_log("9")] == ["unfollowed", "followed", "followed"]
    kb.close()


def test_attache_feeds_add_poll_list_remove(tmp_path: Path, web: FictionalWeb, embedder: OnnxEmbedder) -> None:
    share_onnx_export(MODELS_DIR, tmp_path / "data" / "models")
    config = tmp_path / "settings.toml"
    config.write_text("[fetch]\nallow_loopback = true\nread_timeout_seconds = 1.0\n", encoding="utf-8")

    def attache(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "ATTACHE_DATA_DIR": str(tmp_path / "data"), "DISCORD_TOKEN": ""}
        return subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "feeds", *args],
                              capture_output=True, text=True, env=env, timeout=120, check=False)

    rss, missing = web.url("/feeds/rss.xml"), web.url("/missing")
    added = attache("add", rss, "--interval", "20")
    assert added.returncode == 0 and f"Following {rss} every 20 minutes" in added.stdout, added.stdout + added.stderr
    assert attache("add", missing).returncode == 0
    too_often = attache("add", web.url("/feeds/atom.xml"), "--interval", "1")
    assert too_often.returncode == 2 and "at most every 15 minutes" in too_often.stderr, too_often.stderr

    polled = attache("poll")
    assert polled.returncode == 1, polled.stdout + polled.stderr  # one feed failed: a cron job sees it
    assert polled.stdout.splitlines() == [f"      new  {rss}: 2 items, 2 new articles",
                                          f"   failed  {missing}: `{missing}` answered HTTP 404 (Not Found); "
                                          "check the link."], polled.stdout
    assert "No feed is due" in attache("poll").stdout
    listing = attache("list").stdout.splitlines()
    assert listing[0].startswith(f"{rss}  every 20 min; 2 articles; last success: 20") and "last error: none" in listing[0]
    assert "0 articles; last success: never; last error: `" in listing[1] and listing[2] == "2 feeds."
    removed = attache("remove", rss)
    assert removed.returncode == 0 and "the 2 articles it brought in stay" in removed.stdout
    assert attache("list").stdout.splitlines()[-1] == "1 feeds."
