"""Syndicated copies collapse: one fictional wire story printed by three outlets (tests/fixtures/syndication/)
is stored once with three sources, beside a different story on the same pair; answers cite the one article and
list every outlet. Through a feed poll too. Real embedded Chroma and the real embedder throughout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from bot.config import PROJECT_ROOT, FetchSettings, load_settings
from bot.knowledge.fetching import PageFetcher
from bot.knowledge.ingestion import SOURCE_ADDED
from bot.knowledge.near_duplicates import ShingleIndex, shingles, similarity
from bot.knowledge.store import ArticleStore
from bot.render import answer_pages
from bot.services import Actor, KnowledgeBase
from tests.bot_harness import embed_text, make_bot
from tests.conftest import KnowledgeBaseFactory
from tests.emulator import DiscordEmulator, Permission, run_client
from tests.test_ingestion import _FailingCollection
from tests.web_server import SYNDICATED, FictionalWeb

HARBOUR_OUTLETS = {"Fictional Daily Ledger", "Fictional Evening Courier", "Fictional Port Gazette"}
QUESTION = "how big can the ships at brannick be after the dredging"
OLGA = Actor("1", "olga")


def _harbour(kb: KnowledgeBase, scope: str = "global") -> Any:
    [article] = [m for m in kb.sources((scope,)) if "fishers" not in m.title]
    return article


def _outlets(meta: Any) -> set[str]:
    return {meta.outlet, *(s.outlet for s in meta.other_sources)}


def test_the_committed_threshold_is_the_one_the_fitting_script_finds(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("fit_threshold", PROJECT_ROOT / "benchmarks/syndication/fit_threshold.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script  # its dataclasses look their module up
    try:
        spec.loader.exec_module(script)
    finally:
        del sys.modules[spec.name]
    assert script.main(["--dry-run"]) == 0
    printed = capsys.readouterr().out
    threshold = load_settings(PROJECT_ROOT / "config" / "settings.toml", {}, dotenv=False).syndication.threshold
    assert f"19 positive and 50 negative pairs; containment >= {threshold}: precision 1.00" in printed, printed


def test_one_pass_over_an_index_scores_like_each_pair_alone() -> None:
    texts = {p.name: shingles(p.read_text(encoding="utf-8")) for p in sorted(SYNDICATED.glob("*.txt"))}
    for name, new in texts.items():
        others = {k: v for k, v in texts.items() if k != name}
        key, score = ShingleIndex(others.items()).most_similar(new) or ("", 0.0)
        assert score == pytest.approx(max(similarity(new, v) for v in others.values())) and key in others
    assert ShingleIndex().most_similar(texts["harbour-ledger.txt"]) is None


def test_three_outlets_of_one_wire_story_are_one_article_with_three_sources(make_kb: KnowledgeBaseFactory) -> None:
    kb = make_kb()
    outcomes = kb.ingestor.ingest_paths([SYNDICATED])
    statuses = sorted(o.status for o in outcomes)
    assert statuses == ["added", "added", SOURCE_ADDED, SOURCE_ADDED], outcomes
    assert kb.store.counts()[0] == 2  # the test corpus: 4 files, 2 syndicated copies collapsed
    harbour = _harbour(kb)
    assert _outlets(harbour) == HARBOUR_OUTLETS and len(harbour.other_sources) == 2
    for copy in (o for o in outcomes if o.status == SOURCE_ADDED):
        assert f"same story as *{harbour.title}*; added as another source" in copy.message
    fishers = next(m for m in kb.sources() if m.article_id != harbour.article_id)
    assert fishers.outlet == "Fictional Daily Ledger" and not fishers.other_sources  # same pair and day: its own story

    answer = kb.ask(QUESTION)
    assert not answer.refused and "40,000" in answer.text, answer
    assert {c.article.article_id for c in answer.citations} == {harbour.article_id}  # one article, not three
    assert len(answer.sources) == 1
    shown = "\n".join(str(e.to_dict()) for page in answer_pages(answer) for e in page.embeds)
    assert all(outlet in shown for outlet in HARBOUR_OUTLETS), shown  # ...citing all three outlets
    who = kb.ask("which outlet reported the brannick harbour dredging deal")
    assert "also ran in Fictional Daily Ledger and Fictional Port Gazette" in who.text, who

    before = kb.store.counts()
    again = kb.ingestor.ingest_paths([SYNDICATED])  # nothing new: each copy is already listed
    assert {o.status for o in again} == {"known"} and kb.store.counts() == before
    assert len(_harbour(kb).other_sources) == 2


def test_copies_join_a_stored_article_only_in_its_own_scope_and_leave_with_it(make_kb: KnowledgeBaseFactory) -> None:
    kb = make_kb()
    ledger, courier = (SYNDICATED / n for n in ("harbour-ledger.txt", "harbour-courier.txt"))
    first = kb.upload(ledger.read_bytes(), ledger.name, scope="1", actor=OLGA)
    other_server = kb.upload(courier.read_bytes(), courier.name, scope="2", actor=OLGA)
    assert (first.status, other_server.status) == ("added", "added")  # servers never share an article
    same_server = kb.upload(courier.read_bytes(), courier.name, scope="1", actor=OLGA)
    assert same_server.status == SOURCE_ADDED and same_server.meta is not None
    assert same_server.meta.article_id == first.meta.article_id  # type: ignore[union-attr]
    assert "source added" in [e.action for e in kb.audit_log("1")]

    # Removing the story removes it with every source it lists; a copy added later is an article again.
    removed = kb.remove(first.meta.article_id, ("1",), actor=OLGA)  # type: ignore[union-attr]
    assert len(removed.other_sources) == 1 and kb.sources(("1",)) == []
    assert kb.upload(courier.read_bytes(), courier.name, scope="1", actor=OLGA).status == "added"


def test_a_failed_write_adds_no_source_to_the_stored_article(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    kb.ingestor.ingest_paths([SYNDICATED / "harbour-courier.txt"])
    batch = tmp_path / "batch"
    batch.mkdir()
    for name in ("harbour-gazette.txt", "harbour-fishers.txt"):  # a copy of the stored story, and a new article
        (batch / name).write_bytes((SYNDICATED / name).read_bytes())
    store: ArticleStore = kb.store
    store._articles = _FailingCollection(store._articles, 1)  # type: ignore[attr-defined]  # the new record fails
    with pytest.raises(RuntimeError, match="injected failure"):
        kb.ingestor.ingest_paths([batch])
    assert [m.title for m in kb.sources()] == ["Brannick harbour to be dredged in fictional Solmere-Tavrenne deal"]
    assert _harbour(kb).other_sources == ()


def test_a_feed_that_carries_three_copies_brings_in_one_story(make_kb: KnowledgeBaseFactory, web: FictionalWeb) -> None:
    kb = make_kb(fetcher=PageFetcher(FetchSettings(allow_loopback=True, read_timeout_seconds=2), 2_000_000))
    kb.follow_feed(web.url("/feeds/syndicated.xml"), scope="5", actor=OLGA)
    [poll] = kb.poll_feeds("5")
    assert (poll.status, poll.added) == ("new", 2), poll
    harbour = _harbour(kb, "5")
    assert _outlets(harbour) == HARBOUR_OUTLETS
    links = {harbour.url, *(s.url for s in harbour.other_sources)}
    assert links == {web.url(f"/syndicated/harbour-{n}.txt") for n in ("ledger", "courier", "gazette")}
    assert [e.action for e in kb.audit_log("5")].count("source added") == 2
    assert kb.feed_list("5")[0].articles_added == 2

    # A copy's link is known: not fetched again.
    copy_link = next(s.url for s in harbour.other_sources)
    fetched = web.requested.count(copy_link.split(str(web.port), 1)[1])
    known = kb.add_link(copy_link, scope="5")
    assert known.status == "known" and "among its sources" in known.message
    assert web.requested.count(copy_link.split(str(web.port), 1)[1]) == fetched


async def test_uploaded_copies_show_as_one_source_with_three_outlets_in_discord(make_kb: KnowledgeBaseFactory) -> None:
    kb = make_kb()
    async with DiscordEmulator(heartbeat_interval_ms=1000) as emu:
        guild = emu.add_guild("Alpha")
        channel = emu.add_text_channel(guild, "general")
        owner = emu.add_member(guild, "olga", permissions=Permission.MANAGE_GUILD | Permission.SEND_MESSAGES)
        user = emu.add_member(guild, "uma")
        async with run_client(emu, make_bot(kb)):
            replies = []
            for name in ("harbour-ledger.txt", "harbour-courier.txt", "harbour-gazette.txt"):
                upload = await emu.invoke_slash(guild, channel, owner, "knowledge", {
                    "file": emu.make_attachment(name, (SYNDICATED / name).read_bytes())}, subcommand="upload")
                await upload.wait_done(timeout=60)
                replies.append(upload.last_message.content)
            assert replies[0].startswith("✅ Added"), replies
            assert all(r.startswith("🔗") and "same story as *Solmere and Tavrenne agree to dredge" in r
                       for r in replies[1:]), replies

            sources = await emu.invoke_slash(guild, channel, user, "sources")
            await sources.wait_done(timeout=30)
            listing = embed_text(sources.last_message)
            assert "Sources (1 articles)" in listing, listing
            assert "also in Fictional Evening Courier, Fictional Port Gazette" in listing, listing

            question = await emu.invoke_slash(guild, channel, user, "ask", {"question": QUESTION})
            await question.wait_done(timeout=30)
            answer = embed_text(question.last_message)
            assert "40,000" in answer and "[2]" not in answer  # one article cited...
            assert all(outlet in answer for outlet in HARBOUR_OUTLETS), answer  # ...with its three outlets
        emu.assert_clean()
