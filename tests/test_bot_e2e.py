"""The real discord.py client and cogs, end to end, against the loopback Discord emulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.cogs.utils import scopes_for
from bot.config import FetchSettings
from bot.knowledge.fetching import PageFetcher
from bot.services import KnowledgeBase
from tests.bot_harness import EVIDENCE, EVIDENCE_WORDED, button_ids, embed_text, make_bot, never_pings
from tests.conftest import FICTIONAL_ARTICLES
from tests.emulator import DiscordEmulator, InteractionResult, MemberRecord, Permission, run_client
from tests.web_server import FictionalWeb

PTI_URL = "https://www.ptinews.com/"
UPLOAD = (FICTIONAL_ARTICLES / "2026-03-27-quintara-tavrenne-water-jv.md").read_bytes()


@pytest.fixture
async def emu() -> AsyncIterator[DiscordEmulator]:
    async with DiscordEmulator(heartbeat_interval_ms=1000) as emulator:
        yield emulator


@pytest.fixture
def pti_kb(make_kb) -> KnowledgeBase:  # noqa: ANN001
    """Only the shipped article plus two fictional ones; the upload tests add the water story themselves."""
    kb = make_kb()
    kb.ingestor.ingest_paths([Path("knowledge"), FICTIONAL_ARTICLES / "2026-04-20-quintara-radar-contract-lumenhal.md",
                              FICTIONAL_ARTICLES / "2026-03-12-veloria-quintara-jwg-sarrowmere.md"])
    return kb


class World:
    def __init__(self, emu: DiscordEmulator) -> None:
        self.emu = emu
        self.guild = emu.add_guild("Alpha")
        self.general = emu.add_text_channel(self.guild, "general")
        self.ask_here = emu.add_text_channel(self.guild, "ask-attache")
        self.admin_role = emu.add_role(self.guild, "Knowledge Admin")
        self.owner = emu.add_member(self.guild, "olga", permissions=Permission.MANAGE_GUILD | Permission.SEND_MESSAGES)
        self.curator = emu.add_member(self.guild, "carl", roles=[self.admin_role])
        self.user = emu.add_member(self.guild, "uma")
        self.other_guild = emu.add_guild("Beta")
        self.other_channel = emu.add_text_channel(self.other_guild, "general")
        self.other_owner = emu.add_member(self.other_guild, "bob", permissions=Permission.MANAGE_GUILD)

    async def ask(self, question: str) -> InteractionResult:
        """"/ask" by an ordinary member in #general, once the bot has answered."""
        return await self.view("ask", {"question": question})

    async def view(self, command: str, options: Mapping[str, Any]) -> InteractionResult:
        """A slash command ("/officials", "/visits") by an ordinary member in #general, once answered."""
        result = await self.emu.invoke_slash(self.guild, self.general, self.user, command, options)
        await result.wait_done(timeout=30)
        return result

    async def view_text(self, command: str, options: Mapping[str, Any]) -> str:
        """The embed text of a slash command's answer (`view`), as a user reads it."""
        return embed_text((await self.view(command, options)).last_message)

    async def upload(self, name: str, data: bytes, by: MemberRecord | None = None) -> InteractionResult:
        """"/knowledge upload" of a file by the server owner (or `by`) in #general, once it is done."""
        result = await self.emu.invoke_slash(self.guild, self.general, by or self.owner, "knowledge",
                                             {"file": self.emu.make_attachment(name, data)}, subcommand="upload")
        await result.wait_done(timeout=60)
        return result


async def test_mention_and_answer_channel_get_cited_replies_elsewhere_silence(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    world = World(emu)
    bot = make_bot(pti_kb, answer_channels=(world.ask_here.id,))
    async with run_client(emu, bot):
        question = await emu.post_user_message(world.general, world.user, "who did baram meet in delhi?",
                                               mention_bot=True)
        [answer] = await emu.wait_for_bot_messages(world.general, count=1, after=question, timeout=30)
        text = embed_text(answer)
        assert "Ajit Doval" in text and "Rajesh Kumar Singh" in text and "[1]" in text
        assert PTI_URL in text and "PTI, 2025-07-25" in text
        assert EVIDENCE in button_ids(answer)
        assert answer.message_reference and int(answer.message_reference["message_id"]) == question.id
        assert emu.typing_in(world.general), "typing shows while it works"

        in_channel = await emu.post_user_message(world.ask_here, world.user, "when was the baram visit to india")
        [reply] = await emu.wait_for_bot_messages(world.ask_here, count=1, after=in_channel, timeout=30)
        assert "July 22-23, 2025" in embed_text(reply)

        ignored = await emu.post_user_message(world.general, world.user, "who did baram meet in delhi?")
        await asyncio.sleep(1.5)
        assert emu.bot_messages(world.general, after=ignored) == []
    emu.assert_clean()


async def test_reply_to_an_answer_is_a_follow_up(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        question = await emu.post_user_message(world.general, world.user, "who did baram meet in delhi?",
                                               mention_bot=True)
        [answer] = await emu.wait_for_bot_messages(world.general, count=1, after=question, timeout=30)
        follow_up = await emu.post_user_message(world.general, world.user, "and when was that?", reply_to=answer)
        [second] = await emu.wait_for_bot_messages(world.general, count=1, after=follow_up, timeout=30)
        assert "July 22-23" in embed_text(second)
    emu.assert_clean()


async def test_visit_questions_answered_from_the_visit_through_ask(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    """/ask on a visit: its own days with their evidence, a planned trip's status, and a visitor no article
    names (an Indian prime minister, an Israeli defence minister) refused rather than given Baram's trip."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        when = await world.ask("when did ilsa varn visit lumenhal")
        text = embed_text(when.last_message)
        assert "held on April 16-17" in text and "[1]" in text and "Fictional Test Wire" in text
        evidence = await emu.click_button(when.last_message, EVIDENCE, world.owner)
        await evidence.wait_done(timeout=30)
        assert "April 16-17" in embed_text(evidence.last_message)

        planned = await world.ask("is the velorian defence minister going to quintara")
        assert "accepted an invitation" in embed_text(planned.last_message)

        for question in ("when did the indian prime minister visit israel",
                         "when did israel's defence minister visit india"):
            nobody = await world.ask(question)
            assert "don't cover" in embed_text(nobody.last_message), question
    emu.assert_clean()


async def test_chat_summary_and_agreement_terms_through_the_bot(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    """A mention asking for an overview gets several cited sentences from the pair's articles; /ask on what
    an MoU covers gets its terms, not only the signing."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        question = await emu.post_user_message(world.general, world.user,
                                               "give me a quick overview of veloria quintara ties", mention_bot=True)
        [answer] = await emu.wait_for_bot_messages(world.general, count=1, after=question, timeout=30)
        text = embed_text(answer)
        assert "[3]" in text or text.count("[1]") + text.count("[2]") >= 3, text
        assert "Varn" in text and "Fictional Test Wire" in text
        assert "don't cover" not in text

        unknown = await emu.post_user_message(world.general, world.user,
                                              "give me a quick overview of kestovia norrvald ties", mention_bot=True)
        [refusal] = await emu.wait_for_bot_messages(world.general, count=1, after=unknown, timeout=30)
        assert "don't cover" in embed_text(refusal)  # no article on that pair here

        terms = await world.ask("whats in the veloria quintara research mou")
        text = embed_text(terms.last_message)
        assert "was signed by the two co-chairs" in text and "joint research fund" in text
    emu.assert_clean()


async def test_what_no_article_says_is_refused_in_chat(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    """A mention about a country, or a city, that no article covers gets a refusal, not Baram's trip to
    New Delhi; "how long" gets the visit's dates."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        for question in ("what did fiji and india sign", "did the israeli dg visit mumbai"):
            asked = await emu.post_user_message(world.general, world.user, question, mention_bot=True)
            [reply] = await emu.wait_for_bot_messages(world.general, count=1, after=asked, timeout=30)
            assert "don't cover" in embed_text(reply), question
        how_long = await world.ask("how long was baram's visit")
        assert "July 22-23, 2025" in embed_text(how_long.last_message)
    emu.assert_clean()


async def test_ask_and_show_evidence(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        result = await world.ask("what areas of cooperation came up with israel")
        assert result.deferred
        answer = result.last_message
        text = embed_text(answer)
        assert "research and development" in text and "joint manufacturing" in text and PTI_URL in text
        evidence = await emu.click_button(answer, EVIDENCE, world.owner)
        await evidence.wait_done(timeout=30)
        shown = evidence.last_message
        assert shown.ephemeral
        assert "> The discussions focused centrally" in embed_text(shown)
        assert PTI_URL in embed_text(shown) and "PTI, 2025-07-25" in embed_text(shown)

        refused = await world.ask("what is the capital of peru")
        assert "don't cover" in embed_text(refused.last_message)
        assert EVIDENCE not in button_ids(refused.last_message)
    emu.assert_clean()


async def test_summaries_sources_and_about(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        choices = await emu.autocomplete(world.guild, world.general, world.user, "summary", "article", "baram",
                                         subcommand="article")
        assert len(choices) == 1 and "Baram" in choices[0].name
        article = await emu.invoke_slash(world.guild, world.general, world.user, "summary",
                                         {"article": choices[0].value}, subcommand="article")
        await article.wait_done(timeout=30)
        summary = embed_text(article.last_message)
        assert "Amir Baram" in summary and "[1]" in summary and PTI_URL in summary

        topic = await emu.invoke_slash(world.guild, world.general, world.user, "summary",
                                       {"topic": "air defence radars"}, subcommand="topic")
        await topic.wait_done(timeout=30)
        assert "Kessring Dynamics" in embed_text(topic.last_message) or "radar" in embed_text(topic.last_message)

        pair = await emu.invoke_slash(world.guild, world.general, world.user, "summary",
                                      {"first": "india", "second": "israel"}, subcommand="countries")
        await pair.wait_done(timeout=30)
        pair_text = embed_text(pair.last_message)
        assert "India–Israel ties" in pair_text and "Baram" in pair_text and "Quintara" not in pair_text

        sources = await emu.invoke_slash(world.guild, world.general, world.user, "sources")
        await sources.wait_done(timeout=30)
        listing = embed_text(sources.last_message)
        assert "Sources (3 articles)" in listing and f"({PTI_URL})" in listing
        assert "https://example.org/fictional/" in listing

        about = await emu.invoke_slash(world.guild, world.general, world.user, "about")
        await about.wait_done(timeout=30)
        about_text = embed_text(about.last_message)
        assert "3 (" in about_text and "2025-07-25 to 2026-04-20" in about_text and "India (1)" in about_text
    emu.assert_clean()


async def test_admin_upload_is_answered_from_and_logged(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("water.md", UPLOAD)
        assert "Added *" in upload.last_message.content and "passages" in upload.last_message.content
        question = await world.ask("whats the name of the water joint venture between quintara and tavrenne")
        assert "QT Aquatech" in embed_text(question.last_message)

        again = await world.upload("water-copy.md", UPLOAD, by=world.curator)
        assert "already in the knowledge base" in again.last_message.content

        log = await emu.invoke_slash(world.guild, world.general, world.curator, "knowledge", {}, subcommand="log")
        await log.wait_done(timeout=30)
        assert log.last_message.ephemeral and "added" in embed_text(log.last_message)
        assert "olga" in embed_text(log.last_message)

        water_id = next(m.article_id for m in pti_kb.sources(("global", str(world.guild.id))) if "Tavrenne" in m.countries)
        removed = await emu.invoke_slash(world.guild, world.general, world.curator, "knowledge",
                                         {"article": water_id}, subcommand="remove")
        await removed.wait_done(timeout=30)
        assert "Removed" in removed.last_message.content
        gone = await world.ask("whats the name of the water joint venture between quintara and tavrenne")
        assert "QT Aquatech" not in embed_text(gone.last_message)
    emu.assert_clean()


@pytest.fixture
def link_kb(make_kb) -> KnowledgeBase:  # noqa: ANN001
    """The shipped article, and a fetcher that may reach the loopback web server the test starts."""
    kb = make_kb(fetcher=PageFetcher(FetchSettings(allow_loopback=True, read_timeout_seconds=2), 2_000_000))
    kb.ingestor.ingest_paths([Path("knowledge")])
    return kb


async def test_admin_adds_a_link_that_is_answered_from_logged_and_not_added_twice(
    emu: DiscordEmulator, link_kb: KnowledgeBase
) -> None:
    world = World(emu)
    ferry = "how long does the ferry from lumenhal to sarrowmere take"
    with FictionalWeb() as web:
        async with run_client(emu, make_bot(link_kb)):
            added = await emu.invoke_slash(world.guild, world.general, world.owner, "knowledge",
                                           {"url": web.url("/moved")}, subcommand="add")
            await added.wait_done(timeout=60)
            text = added.last_message.content
            assert "✅ Added *Veloria and Quintara open a fictional ferry link between Lumenhal and Sarrowmere* " \
                   "(Fictional Test Wire, 2026-05-04):" in text and "passages, searchable now" in text, text
            assert f"Link: <{web.url('/news/ferry-link')}>" in text  # where the redirect ended
            assert "Wrong title or date? `/knowledge remove` it, then `/knowledge add`" in text
            asked = await world.ask(ferry)
            assert "nine hours" in embed_text(asked.last_message) and "Fictional Test Wire" in embed_text(asked.last_message)

            before = link_kb.store.counts()
            again = await emu.invoke_slash(world.guild, world.general, world.curator, "knowledge",
                                           {"url": web.url("/news/ferry-link")}, subcommand="add")
            await again.wait_done(timeout=60)
            assert "already in the knowledge base" in again.last_message.content
            assert "Nothing was changed" in again.last_message.content
            for link, says in ((web.url("/missing"), "answered HTTP 404"),
                               ("http://169.254.169.254/latest/meta-data/", "a cloud metadata address"),
                               ("file:///etc/passwd", "Only http:// and https://")):
                refused = await emu.invoke_slash(world.guild, world.general, world.owner, "knowledge",
                                                 {"url": link}, subcommand="add")
                await refused.wait_done(timeout=60)
                content = refused.last_message.content
                assert content.startswith("⚠️") and says in content and "Nothing was changed" in content, content
                assert "\n" not in content
            assert link_kb.store.counts() == before

            corrected = await emu.invoke_slash(world.guild, world.general, world.curator, "knowledge",
                                               {"url": web.url("/news/lighthouse.txt"), "title": "Skarnholm light",
                                                "published": "2026-04-12"}, subcommand="add")
            await corrected.wait_done(timeout=60)
            assert "Added *Skarnholm light* (Fictional Test Wire, 2026-04-12)" in corrected.last_message.content
            bad_day = await emu.invoke_slash(world.guild, world.general, world.owner, "knowledge",
                                             {"url": web.url("/news/seed-bank.pdf"), "published": "last week"},
                                             subcommand="add")
            await bad_day.wait_done(timeout=30)
            assert bad_day.last_message.ephemeral and "must be a date" in bad_day.last_message.content

            log = await emu.invoke_slash(world.guild, world.general, world.owner, "knowledge", {}, subcommand="log")
            await log.wait_done(timeout=30)
            entries = embed_text(log.last_message)
            assert entries.count("**added**") == 2 and "olga" in entries and "carl" in entries

            elsewhere = await emu.invoke_slash(world.other_guild, world.other_channel, world.other_owner, "ask",
                                               {"question": ferry})
            await elsewhere.wait_done(timeout=30)
            assert "nine hours" not in embed_text(elsewhere.last_message)
    emu.assert_clean()


async def test_admin_follows_a_feed_sees_how_it_went_and_unfollows(
    emu: DiscordEmulator, link_kb: KnowledgeBase
) -> None:
    """/knowledge follow, a poll driven by the test (the schedule's own body), /knowledge feeds with a broken feed
    beside a good one, and /knowledge unfollow; only admins, each in the log, nothing seen in another server."""
    world = World(emu)
    bot = make_bot(link_kb)
    with FictionalWeb() as web:
        rss, broken = web.url("/feeds/rss.xml"), web.url("/feeds/broken.xml")
        async with run_client(emu, bot):
            for url in (rss, broken):
                followed = await emu.invoke_slash(world.guild, world.general, world.owner, "knowledge",
                                                  {"feed": url}, subcommand="follow")
                await followed.wait_done(timeout=30)
                assert f"✅ Following <{url}> every 60 minutes" in followed.last_message.content
            too_often = await emu.invoke_slash(world.guild, world.general, world.curator, "knowledge",
                                               {"feed": web.url("/feeds/atom.xml"), "interval": 5}, subcommand="follow")
            await too_often.wait_done(timeout=30)
            assert "at most every 15 minutes" in too_often.last_message.content
            for subcommand, options in (("follow", {"feed": web.url("/feeds/atom.xml")}), ("feeds", {}),
                                        ("unfollow", {"feed": rss})):
                refused = await emu.invoke_slash(world.guild, world.general, world.user, "knowledge", options,
                                                 subcommand=subcommand)
                await refused.wait_done(timeout=30)
                assert "Only members with **Manage Server**" in refused.last_message.content

            cog = bot.get_cog("KnowledgeAdmin")
            assert cog is not None and cog.poll_feeds.is_running()  # the schedule runs; the test polls itself
            polls = await cog.poll_feeds_once()  # type: ignore[attr-defined]
            assert sorted((p.status, p.added) for p in polls) == [("failed", 0), ("new", 2)], polls

            listed = await emu.invoke_slash(world.guild, world.general, world.curator, "knowledge", {},
                                            subcommand="feeds")
            await listed.wait_done(timeout=30)
            text = embed_text(listed.last_message)
            assert listed.last_message.ephemeral and rss in text and broken in text, text
            assert "2 articles brought in · last success `20" in text and "0 articles brought in" in text
            assert "⚠️ last error: `" in text and "is not a readable RSS or Atom feed" in text

            asked = await world.ask("how long does the night train take")
            assert "eleven hours" in embed_text(asked.last_message)

            gone = await emu.invoke_slash(world.guild, world.general, world.owner, "knowledge", {"feed": rss},
                                          subcommand="unfollow")
            await gone.wait_done(timeout=30)
            assert f"Unfollowed <{rss}>; the 2 articles it brought in stay." in gone.last_message.content
            again = await emu.invoke_slash(world.guild, world.general, world.owner, "knowledge", {"feed": rss},
                                           subcommand="unfollow")
            await again.wait_done(timeout=30)
            assert "is not followed here" in again.last_message.content

            log = await emu.invoke_slash(world.guild, world.general, world.owner, "knowledge", {}, subcommand="log")
            await log.wait_done(timeout=30)
            entries = embed_text(log.last_message)
            assert entries.count("**followed**") == 2 and entries.count("**unfollowed**") == 1
            assert entries.count("**added**") == 2 and "olga (feed)" in entries

            elsewhere = await emu.invoke_slash(world.other_guild, world.other_channel, world.other_owner,
                                               "knowledge", {}, subcommand="feeds")
            await elsewhere.wait_done(timeout=30)
            assert "Nothing yet." in embed_text(elsewhere.last_message)
    emu.assert_clean()


async def test_non_admins_are_refused_and_nothing_changes(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    before = pti_kb.store.counts()
    pti_id = pti_kb.sources()[0].article_id
    async with run_client(emu, make_bot(pti_kb)):
        for subcommand, options in (("upload", {"file": emu.make_attachment("water.md", UPLOAD)}),
                                    ("add", {"url": "https://example.org/fictional/article"}),
                                    ("remove", {"article": pti_id}), ("log", {})):
            result = await emu.invoke_slash(world.guild, world.general, world.user, "knowledge", options,
                                            subcommand=subcommand)
            await result.wait_done(timeout=30)
            assert result.last_message.ephemeral
            assert "Only members with **Manage Server** or the **Knowledge Admin** role" in result.last_message.content
    assert pti_kb.store.counts() == before
    emu.assert_clean()


@pytest.mark.parametrize(("filename", "data", "message"), [
    ("empty.txt", b"", "is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(300), "binary"),
    ("slides.pptx", b"PK\x03\x04" + bytes(100), "not a supported article file"),
    ("old.txt", "Caf\u00e9 cr\u00e8me ".encode("latin-1") * 40, "not valid UTF-8"),
    ("big.txt", b"word " * 450_000, "the limit is"),
])
async def test_bad_uploads_get_their_message_and_change_nothing(
    emu: DiscordEmulator, pti_kb: KnowledgeBase, filename: str, data: bytes, message: str
) -> None:
    world = World(emu)
    before = pti_kb.store.counts()
    async with run_client(emu, make_bot(pti_kb)):
        result = await emu.invoke_slash(world.guild, world.general, world.owner, "knowledge",
                                        {"file": emu.make_attachment(filename, data)}, subcommand="upload")
        await result.wait_done(timeout=30)
        assert message in result.last_message.content and "Nothing was changed" in result.last_message.content
    assert pti_kb.store.counts() == before
    emu.assert_clean()


async def test_upload_in_one_server_is_invisible_in_another(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("water.md", UPLOAD)
        assert "Added" in upload.last_message.content
        question = "whats the name of the water joint venture between quintara and tavrenne"
        elsewhere = await emu.invoke_slash(world.other_guild, world.other_channel, world.other_owner, "ask",
                                           {"question": question})
        await elsewhere.wait_done(timeout=30)
        assert "QT Aquatech" not in embed_text(elsewhere.last_message)
        sources = await emu.invoke_slash(world.other_guild, world.other_channel, world.other_owner, "sources")
        await sources.wait_done(timeout=30)
        assert "Tavrenne" not in embed_text(sources.last_message)
        shipped = await emu.invoke_slash(world.other_guild, world.other_channel, world.other_owner, "ask",
                                         {"question": "who did baram meet in delhi"})
        await shipped.wait_done(timeout=30)
        assert "Ajit Doval" in embed_text(shipped.last_message)
    emu.assert_clean()


async def test_nothing_the_bot_sends_can_ping(emu: DiscordEmulator, make_kb, tmp_path: Path) -> None:  # noqa: ANN001
    world = World(emu)
    kb = make_kb()
    article = tmp_path / "ping.txt"
    article.write_text("Title: Fictional ping test\nSource: Fictional Test Wire\nDate: 2026-01-02\n\n"
                       "@everyone Veloria and Quintara agreed on a fictional ferry link, said @here the minister "
                       "Oren Dask. <@&123456> The ferry link will start in May 2026 between Lumenhal and Sarrowmere.")
    kb.ingestor.ingest_paths([article])
    async with run_client(emu, make_bot(kb)):
        question = await emu.post_user_message(world.general, world.user,
                                               "@everyone when will the ferry link between veloria and quintara start?",
                                               mention_bot=True)
        [answer] = await emu.wait_for_bot_messages(world.general, count=1, after=question, timeout=30)
        assert "May 2026" in embed_text(answer)
        result = await world.ask("@everyone what did oren dask say about the ferry @here")
        sent = emu.bot_messages(world.general)
        assert sent and all(never_pings(m) for m in sent)
        assert all(never_pings(m) for m in result.messages)
    emu.assert_clean()


async def test_twenty_concurrent_questions_all_answered(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    askers = [emu.add_member(world.guild, f"asker{i}") for i in range(20)]
    questions = ["who did baram meet in delhi?", "when was the visit of baram", "who is the velorian nsa",
                 "how much is the quintara radar contract worth", "what is the capital of peru"]
    async with run_client(emu, make_bot(pti_kb)):
        results = await asyncio.gather(*(
            emu.invoke_slash(world.guild, world.general, member, "ask", {"question": questions[i % len(questions)]})
            for i, member in enumerate(askers)
        ))
        await asyncio.gather(*(r.wait_done(timeout=90) for r in results))
        for i, result in enumerate(results):
            assert result.deferred
            text = embed_text(result.last_message)
            assert ("don't cover" in text) if "peru" in questions[i % len(questions)] else ("[1]" in text)
        assert emu.heartbeats, "the gateway heartbeat kept running"
    assert emu.unknown_routes == []
    emu.assert_clean()


async def test_question_cooldown_gives_a_short_notice(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    bot = make_bot(pti_kb)
    bot.get_cog  # noqa: B018 - cogs load in setup_hook; the cooldown is configured through settings below
    from dataclasses import replace

    bot.settings = replace(bot.settings, discord=replace(bot.settings.discord, question_cooldown_rate=1,
                                                         question_cooldown_seconds=60))
    async with run_client(emu, bot):
        await world.ask("who is baram")
        second = await world.ask("who is doval")
        assert second.last_message.ephemeral and "ask again in" in second.last_message.content
    emu.assert_clean()


async def _upload_then_visits(world: World, name: str, report: bytes, country: str) -> str:
    """An admin uploads a report; then a user's /visits for the country, as text."""
    upload = await world.upload(name, report)
    assert "Added *" in upload.last_message.content
    return await world.view_text("visits", {"country": country})


UPLOADED_VISIT = b"""---
title: "Velorian energy minister midway through Quintara visit"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
SARROWMERE, 14 March 2031 - Velorian Energy Minister Tobin Harrowgate is halfway through a week-long visit to
Quintara that has taken him to three ministries.

Harrowgate landed on 10 March and went straight into talks on the power link.

Deputy Energy Secretary Ansel Corvane and the Director-General of Quintara's Energy Ministry, Mira Solberg,
co-chaired the working group that followed.

Also in Sarrowmere from the Velorian Energy Ministry:

- Lira Quennel, Director of Grid Planning
"""


async def test_an_uploaded_report_shows_its_visit_from_the_arrival_and_both_sides_of_a_meeting(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report told from the middle of a visit: /visits starts the trip on the day the
    visitor landed, not on the report's dateline, and /officials gives the co-chair whose country the text
    leaves out the side that is not his counterpart's, and the people listed after a line naming one country
    that country."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "energy.md", UPLOADED_VISIT, "veloria")
        assert "2031-03-10" in visit_text and "Tobin Harrowgate" in visit_text, visit_text

        official_text = await world.view_text("officials", {"country": "veloria"})
        assert "Ansel Corvane" in official_text and "Lira Quennel" in official_text, official_text
    emu.assert_clean()


UPLOADED_CAPTIONED_VISIT = """---
title: "Velorian president opens state visit to Quịntara"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
*[Photo] The Governor of Quintara, Pell Hargrove, right, greets President Ada Brenn at the harbour office in
Sarrowmere on Thursday.*

President Ada Brenn of Veloria began a state visit to Quịntara on Thursday with talks on ferries and grain.

Dorian Sallow, Veloria's Minister for Fisheries, who travelled with the President, said the talks went well.
""".encode()


async def test_an_uploaded_report_reads_a_caption_and_a_minister_travelling_with_the_president(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report whose photo caption names the host's country in the host's title and whose
    country name carries an accent: /visits shows the President's trip and the minister "who travelled with the
    President", and /officials keeps the President Velorian, not of the country in the host's title."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "caption.md", UPLOADED_CAPTIONED_VISIT, "veloria")
        assert "Ada Brenn" in visit_text and "Dorian Sallow" in visit_text, visit_text

        official_text = await world.view_text("officials", {"country": "quintara"})
        assert "Pell Hargrove" in official_text and "Ada Brenn" not in official_text, official_text
    emu.assert_clean()


UPLOADED_CITY_DATELINE = b"""---
title: "Quintaran trade minister opens talks in Port Edrin"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
Port Edrin: Quintaran Trade Minister Ilse Marrow began a three-day visit on Friday, with talks on grain and
ferry routes.

Officials from both sides said the first session went well and that a working group would meet again in the
summer.
"""


async def test_an_uploaded_report_with_its_dateline_spelt_as_the_city_shows_the_visit(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """Many outlets write the dateline as the city is spelt ("New Delhi:"): an admin uploads such a report and
    a user's /visits lists the visitor's trip to that city, from the day the report gives."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "port-edrin.md", UPLOADED_CITY_DATELINE, "quintara")
        assert "Ilse Marrow" in visit_text and "Port Edrin" in visit_text and "2031-03-14" in visit_text, visit_text
    emu.assert_clean()


UPLOADED_DEPARTURE = b"""---
title: "Velorian leader sets out for Quintara"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
LUMENHAL, 14 March 2031 - Velorian Taoiseach Maren Ostrova sets out for Quintara on Monday, 10 March 2031, for
talks on the ferry line, officials said.
"""


async def test_an_uploaded_report_of_a_leader_setting_out_shows_the_trip_on_its_day(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report whose leader carries a national title and "sets out for" the other country
    "on Monday, 10 March 2031": a user's /visits lists the trip on that day (not the next Monday), and
    /officials gives the title."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "ostrova.md", UPLOADED_DEPARTURE, "veloria")
        assert "Maren Ostrova" in visit_text and "2031-03-10" in visit_text, visit_text
        official_text = await world.view_text("officials", {"country": "veloria"})
        assert "Maren Ostrova" in official_text and "Taoiseach" in official_text, official_text
    emu.assert_clean()


UPLOADED_DEPUTIES = b"""---
title: "Velorian president lands in Sarrowmere with his deputies"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
SARROWMERE, 14 March 2031 - Velorian President Arvo Lind arrived in Sarrowmere on Friday for talks on the ferry
line. He was welcomed at the port by Quintaran Trade Minister T.Ganbold.

Lind's party included his two deputy prime ministers, Dame Ilse Marrow and Oda Quill, and the Velorian
ambassador.
"""


async def test_an_uploaded_report_of_a_leaders_party_lists_each_deputy_under_his_country(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report whose president brings "his two deputy prime ministers, Dame X and Y" and is met
    by a minister whose initial is joined to his name ("T.Ganbold"): a user's /officials lists both deputies
    under Veloria with their shared title, and the host under Quintara."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("lind-party.md", UPLOADED_DEPUTIES)
        assert "Added *" in upload.last_message.content
        velorian = await world.view_text("officials", {"country": "veloria"})
        for name in ("Ilse Marrow", "Oda Quill"):
            line = next((row for row in velorian.splitlines() if name in row), "")
            assert "deputy prime minister" in line.casefold(), velorian
        quintaran = await world.view_text("officials", {"country": "quintara"})
        assert "T.Ganbold" in quintaran and "Trade Minister" in quintaran, quintaran
    emu.assert_clean()


UPLOADED_UNNAMED_MINISTER = b"""---
title: "Quintaran trade minister walks out of Lumenhal fair talks"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
Velorian President Corin Dast opened the grain fair in Lumenhal on Thursday.

The Quintaran trade minister, whom the organisers did not name, walked out of the fair's closing session because
the tariff talks had stalled.

On Friday, Quintaran Deputy Premier Odo Vantreck held talks with Velorian Trade Minister Ilsa Marrow at the
port authority in Sarrowmere.
"""


async def test_fact_views_and_timeline_chart(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        text = await world.view_text("officials", {"country": "india"})
        assert "Ajit Doval" in text and "National Security Advisor" in text and "Rajesh Kumar Singh" in text
        assert "Defence Secretary" in text and "[1]" in text and PTI_URL in text and "**Amir Baram**" not in text

        baram = await world.view("officials", {"name": "baram"})
        assert "Director General" in embed_text(baram.last_message) and "Maj Gen (Res)" in embed_text(baram.last_message)

        visits = await world.view("visits", {"country": "israel", "since": "2025-07-01", "until": "2025-07-31"})
        visit_text = embed_text(visits.last_message)
        assert "2025-07-22 to 2025-07-23" in visit_text and "New Delhi, India" in visit_text
        assert "Ajit Doval" in visit_text and "Quintara" not in visit_text
        evidence = await emu.click_button(visits.last_message, EVIDENCE_WORDED, world.user)
        await evidence.wait_done(timeout=30)
        assert "During his first working visit to New Delhi" in embed_text(evidence.last_message)

        area_text = await world.view_text("cooperation", {})
        for area in ("R&D", "joint manufacturing", "technology transfer", "Make in India"):
            assert f"**{area}**" in area_text
        choices = await emu.autocomplete(world.guild, world.general, world.user, "cooperation", "area", "tech")
        assert "technology transfer" in [c.value for c in choices]

        timeline = await emu.invoke_slash(world.guild, world.general, world.user, "timeline",
                                          {"countries": "India, Israel"})
        await timeline.wait_done(timeout=60)
        message = timeline.last_message
        assert "2024-07" in embed_text(message) and "Joint Working Group" in embed_text(message)
        [chart] = message.attachments
        assert chart.filename == "timeline.png" and chart.data.startswith(b"\x89PNG\r\n\x1a\n")
        assert message.embeds[-1]["image"]["url"] == "attachment://timeline.png"
    emu.assert_clean()


async def test_commands_sync_to_the_configured_guild_and_dates_filter_views(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb, guild_id=world.guild.id)):
        names = {c.name for c in emu.registered_commands(world.guild)}
        assert {"ask", "summary", "sources", "about", "knowledge", "officials", "visits", "cooperation",
                "timeline"} <= names
        text = await world.view_text("cooperation", {"until": "2025-12-31"})
        assert "**R&D**" in text and "Fictional Test Wire" not in text and "2026-" not in text
        bad = await world.view("visits", {"since": "last tuesday"})
        assert bad.last_message.ephemeral and "must be a date like 2025-07-22" in bad.last_message.content
    emu.assert_clean()


async def test_show_evidence_after_a_restart(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    """A fresh bot (empty memory) reads quotes back from a quoted answer, and is honest about a view."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        asked = await world.ask("who did baram meet in delhi")
        view = await world.view("visits", {"country": "india"})
    async with run_client(emu, make_bot(pti_kb)):  # restarted: nothing remembered
        quoted = await emu.click_button(asked.last_message, EVIDENCE, world.user)
        await quoted.wait_done(timeout=30)
        assert "> During his first working visit to New Delhi" in embed_text(quoted.last_message)
        assert PTI_URL in embed_text(quoted.last_message)
        worded = await emu.click_button(view.last_message, EVIDENCE_WORDED, world.user)
        await worded.wait_done(timeout=30)
        assert worded.last_message.ephemeral and "no longer have the quotes" in worded.last_message.content
    emu.assert_clean()


async def test_a_rejected_token_is_one_clear_sentence(pti_kb: KnowledgeBase, caplog: pytest.LogCaptureFixture) -> None:
    from dataclasses import replace

    from bot.client import serve
    from tests.emulator import pointed_at

    async with DiscordEmulator(token="the-real-token") as emulator:
        settings = replace(pti_kb.settings, discord=replace(pti_kb.settings.discord, token="a-stale-token"))
        with pointed_at(emulator):
            problem = await asyncio.wait_for(serve(settings, pti_kb), timeout=30)
    assert problem is not None and problem.startswith("Discord rejected DISCORD_TOKEN")
    assert "a-stale-token" not in problem and "a-stale-token" not in caplog.text


async def test_no_route_to_discord_is_one_clear_sentence(pti_kb: KnowledgeBase) -> None:
    import socket
    from dataclasses import replace

    import yarl
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    from bot.client import serve

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: as a machine with no network sees Discord
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = f"http://127.0.0.1:{port}/api/v10", yarl.URL(f"ws://127.0.0.1:{port}/")
    try:
        settings = replace(pti_kb.settings, discord=replace(pti_kb.settings.discord, token="any-token"))
        problem = await asyncio.wait_for(serve(settings, pti_kb), timeout=60)
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway
    assert problem is not None and problem.startswith("Could not reach Discord")
    assert "any-token" not in problem


async def test_show_evidence_errors_go_through_the_error_funnel(emu: DiscordEmulator, pti_kb: KnowledgeBase,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing button gets the same friendly line as a failing slash command, never Discord's bare
    "This interaction failed" (failures injected into the page builder, as ingestion tests inject them)."""
    from bot.knowledge.errors import KnowledgeError

    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        asked = await world.ask("who did baram meet in delhi")

        def domain_failure(citations: object) -> object:
            raise KnowledgeError("The evidence store is being rebuilt; try again in a minute.")

        monkeypatch.setattr("bot.cogs.utils.evidence_pages", domain_failure)
        told = await emu.click_button(asked.last_message, EVIDENCE, world.user)
        await told.wait_done(timeout=30)
        assert told.last_message.ephemeral and "being rebuilt" in told.last_message.content

        def bug(citations: object) -> object:
            raise RuntimeError("a bug")

        monkeypatch.setattr("bot.cogs.utils.evidence_pages", bug)
        sorry = await emu.click_button(asked.last_message, EVIDENCE, world.user)
        await sorry.wait_done(timeout=30)
        assert sorry.last_message.ephemeral and "something went wrong on my side" in sorry.last_message.content
    emu.assert_clean()


async def test_a_question_about_the_source_through_ask(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        asked = await world.ask("who reported the baram story and when?")
        text = embed_text(asked.last_message)
        assert "published by PTI on 2025-07-25" in text and PTI_URL in text
        assert EVIDENCE in button_ids(asked.last_message)
    emu.assert_clean()


async def test_questions_in_parts_pinned_to_a_year_or_asking_who_holds_a_role_in_chat(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """A mention joining two questions gets both answers, each cited to its own article; a question pinned
    to a year no article's sentence is about is refused; "veloria's defence minister" gets the minister."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        both = await emu.post_user_message(
            world.general, world.user, "who did baram meet in delhi and how much is the lumenhal radar contract worth",
            mention_bot=True)
        [reply] = await emu.wait_for_bot_messages(world.general, count=1, after=both, timeout=30)
        text = embed_text(reply)
        assert "Ajit Doval" in text and "240 million dollars" in text and "[2]" in text, text

        pinned = await world.ask("when did baram visit india in 2019")
        assert "don't cover" in embed_text(pinned.last_message)

        role = await world.ask("who's veloria's defence minister")
        assert "Mathis Orrelane" in embed_text(role.last_message)
    emu.assert_clean()


async def test_a_meeting_or_a_city_no_article_tells_of_is_refused_in_chat(emu: DiscordEmulator,
                                                                          pti_kb: KnowledgeBase) -> None:
    """Mentions in chat: the working group's third meeting is reported, its fourth is not, so that question
    is refused rather than given the third's dates; a city from the generated city list that the Baram
    article never names gets a refusal, not his Delhi programme."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        for question, told in (("when did the 3rd veloria quintara jwg meet?", True),
                               ("when did the 4th veloria quintara jwg meet?", False),
                               ("what did baram do in surabaya?", False)):
            asked = await emu.post_user_message(world.general, world.user, question, mention_bot=True)
            [reply] = await emu.wait_for_bot_messages(world.general, count=1, after=asked, timeout=30)
            text = embed_text(reply)
            assert ("March 3-4, 2026" in text) is told and ("don't cover" in text) is not told, (question, text)
    emu.assert_clean()


async def test_a_list_of_role_holders_across_stories_in_chat(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    """"/ask list the defence ministers in the veloria quintara stories": every extracted official whose title
    fits, each with its own cited sentence, from the articles on the pair."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        asked = await world.ask("list the defence ministers in the veloria quintara stories")
        text = embed_text(asked.last_message)
        assert "Ilsa Varn" in text and "Mathis Orrelane" in text and "[1]" in text, text
    emu.assert_clean()


UPLOADED_PARTY = b"""---
title: "Kestovian president begins Norrvald state visit"
outlet: "Fictional Test Wire"
published: 2026-02-11
countries: [Kestovia, Norrvald]
fictional: true
---
Kestovian President Anselm Dray arrived in Skarnholm on Monday, February 9, for a three-day state visit.

The presidency listed the delegation accompanying the President:

- Ilse Marrow, Minister for Trade and Industry
- Oda Quill, Minister of Ports

The two leaders named the fields their new joint commission will take up first:

- rail freight
- port dues
- fisheries
"""


async def test_an_uploaded_party_list_makes_visits_and_a_list_is_quoted_whole(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report whose delegation is listed after "accompanying the President:": /visits shows the
    ministers on the president's trip, /timeline shows the trip as one line for the whole party, and /ask quotes
    the line that opens a list together with its items."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "party.md", UPLOADED_PARTY, "kestovia")
        assert "Oda Quill" in visit_text and "Ilse Marrow" in visit_text and "2026-02-09" in visit_text, visit_text

        timeline = await emu.invoke_slash(world.guild, world.general, world.user, "timeline",
                                          {"countries": "Kestovia, Norrvald"})
        await timeline.wait_done(timeout=60)
        timeline_text = embed_text(timeline.last_message)
        assert "Anselm Dray and 2 others" in timeline_text, timeline_text
        assert "Oda Quill" not in timeline_text, timeline_text

        ask = await world.ask("which fields will the kestovia norrvald joint commission take up")
        answer = ask.last_message.content + embed_text(ask.last_message)
        assert "rail freight" in answer and "fisheries" in answer, answer
    emu.assert_clean()


UPLOADED_INVITATION = b"""---
title: "Kestovian president arrives in Norrvald for port talks"
outlet: "Fictional Test Wire"
published: 2026-02-11
countries: [Kestovia, Norrvald]
fictional: true
---
Kestovian President Anselm Dray arrives in Norrvald on Monday for a three-day state visit.

He comes at the invitation of Prime Minister Tove Hallin, the presidency said.

The 12 agreements to be signed during the visit span:

- rail freight
- port dues
- fisheries
"""


async def test_an_uploaded_preview_names_its_host_and_its_fields(emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    """An admin uploads a preview: /officials gives the prime minister who invited the guest the host's country
    (the invitation names no place, the trip does); /ask typed as chat wants the fields, and gets the line that
    opens the list with its three items, each once, though twelve agreements are counted."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("invite.md", UPLOADED_INVITATION)
        assert "Added *" in upload.last_message.content

        officials = await world.view("officials", {"country": "Norrvald"})
        assert "Tove Hallin" in embed_text(officials.last_message)

        asked = await world.ask("kestovia norrvald deals - what sectors?")
        answer = asked.last_message.content + embed_text(asked.last_message)
        assert "rail freight" in answer and "fisheries" in answer and "[1]" in answer, answer
        assert answer.count("port dues") == 1, answer
    emu.assert_clean()


UPLOADED_DELEGATION = b"""---
title: "Kestovian president heads to Norrvald for joint commission"
outlet: "Fictional Test Wire"
published: 2026-02-11
countries: [Kestovia, Norrvald]
fictional: true
---
President Anselm Dray will travel to Skarnholm on Monday for the first session of the joint commission.

**The Kestovian party**

The head of state will be travelling with:

- Hon. Ilse Marrow, Minister for Trade and Industry
- Adv. Pell Arran, Minister of Justice

A ports accord is to be signed on Tuesday. Oda Quill, Permanent Secretary of the Ports Authority, will sign
for Drasnovar.
"""


async def test_an_uploaded_report_gives_listed_and_signing_officials_their_country(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report whose delegation sits under a heading and whose signatory signs "for" a
    capital: a user's /officials for that country lists all three, though no sentence calls them Kestovian."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("delegation.md", UPLOADED_DELEGATION)
        assert "Added *" in upload.last_message.content
        text = await world.view_text("officials", {"country": "kestovia"})
        assert "Ilse Marrow" in text and "Pell Arran" in text and "Oda Quill" in text, text
    emu.assert_clean()


UPLOADED_SESSION = b"""---
title: "Norrvald and Kestovia close fourth joint commission"
outlet: "Fictional Test Wire"
published: 2026-02-11
countries: [Kestovia, Norrvald]
fictional: true
---
SKARNHOLM - Norrvald and Kestovia wrapped up the fourth session of their Joint Commission on Tuesday.

The session was co-chaired by Norrvaldic Foreign Minister Brita Hallgren and Kestovian Trade Minister Tobin Vale.
"""


async def test_an_uploaded_report_shows_a_trip_told_only_as_co_chairing_a_session_abroad(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report that never says anyone travelled: the session met where the dateline says, and a
    Kestovian co-chaired it. A user's /visits for Kestovia shows that trip, dated by the session, with the host
    who co-chaired it as the one met, and nobody's trip to their own country."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("session.md", UPLOADED_SESSION)
        assert "Added *" in upload.last_message.content
        text = await world.view_text("visits", {"country": "kestovia"})
        assert "2026-02-10: Tobin Vale (Kestovia) visits Skarnholm, Norrvald; met Brita Hallgren" in text, text
        assert "Brita Hallgren (Norrvald) visits" not in text, text
    emu.assert_clean()


UPLOADED_SUMMIT = b"""---
title: "Quintaran president in Lumenhal for border talks"
outlet: "Fictional Test Wire"
published: 2031-03-15
countries: [Veloria, Quintara]
fictional: true
---
LUMENHAL (Fictional Test Wire) - The presidents of Veloria and Quintara, Ilse Marwick and Serafa Olwen Darrick,
agreed on Friday to reopen two border crossings.

Darrick arrived in the Velorian capital on Thursday afternoon. On Friday, Marwick received him at the Glass Palace.

President Olwen was accompanied by Quintara's Minister of Ports, Rivers and Coastal Works, Sheikh Tarvin Al Dossan
Al Merek Al Varo.
"""


async def test_an_uploaded_report_names_each_president_of_a_pair_and_their_trip(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report that names two presidents under one plural title ("the presidents of Veloria and
    Quintara, X and Y"), later calls one by a middle name, and lists a minister with a run of portfolios and a
    long name: a user's /officials gives each their own country and whole name, and /visits shows the trip."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "summit.md", UPLOADED_SUMMIT, "quintara")
        # arrived on Thursday, received on Friday: one stay over both days
        assert "2031-03-13 to 2031-03-14: Serafa Olwen Darrick (Quintara) visits" in visit_text, visit_text
        text = await world.view_text("officials", {"country": "quintara"})
        assert "Serafa Olwen Darrick" in text and "Tarvin Al Dossan Al Merek Al Varo" in text, text
        assert "Minister of Ports, Rivers and Coastal Works" in text and "Ilse Marwick" not in text, text
    emu.assert_clean()


UPLOADED_ENVOYS = b"""---
title: "Quintaran president in Lumenhal as trade minister signs port accord"
outlet: "Fictional Test Wire"
published: 2031-03-05
countries: [Veloria, Quintara]
fictional: true
---
LUMENHAL (Fictional Test Wire) - Velorian Prime Minister Ilse Marwick said on Tuesday at her meeting with visiting
Quintaran President Serafa Darrick in Lumenhal that the power link matters more than ever.

Orrin Dask, the first Quintaran Trade Minister to travel with a president to Veloria, signed a port accord on Tuesday.

Also present was the Ambassador of Quintara to the Republic of Veloria, Petra Ollis.

*Photo: Prime Minister Ilse Marwick welcomes President Serafa Darrick in Lumenhal.*
"""


async def test_an_uploaded_report_keeps_the_host_at_home_and_reads_envoys_and_ordinal_titles(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report where the host meets a "visiting Quintaran President", a minister is "the first
    Quintaran Trade Minister to …", and an envoy is "the Ambassador of Quintara to the Republic of Veloria, X": a
    user's /visits shows the guest's trip and no trip by the host, and /officials lists the minister and the
    envoy as Quintaran."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "envoys.md", UPLOADED_ENVOYS, "veloria")
        assert "Serafa Darrick (Quintara) visits" in visit_text, visit_text
        assert "Ilse Marwick (Veloria) visits" not in visit_text, visit_text
        text = await world.view_text("officials", {"country": "quintara"})
        assert "Orrin Dask" in text and "Trade Minister" in text, text
        assert "Petra Ollis" in text and "Ambassador of Quintara to the Republic of Veloria" in text, text
    emu.assert_clean()


UPLOADED_TALKS = b"""---
title: "Veloria and Quintara close in on a grain pact"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
SARROWMERE, 14 March 2031 - Trade Minister Oskar Pell negotiated with Quintara's leaders for two days over grain
quotas.

The talks will build on the Official Visit that President Oda Quill of Quintara made to Veloria in October 2030.
"""


async def test_an_uploaded_report_gives_sides_and_trips_told_through_others(emu: DiscordEmulator,
                                                                            pti_kb: KnowledgeBase) -> None:
    """An admin uploads a report: /officials gives the minister who negotiated with one side's leaders the
    other side, and /visits has the trip told in a clause after its noun, with that clause's date."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "grain.md", UPLOADED_TALKS, "quintara")
        assert "2030-10" in visit_text and "Oda Quill" in visit_text and "Veloria" in visit_text, visit_text

        officials = await world.view("officials", {"country": "veloria"})
        assert "Oskar Pell" in embed_text(officials.last_message), embed_text(officials.last_message)
    emu.assert_clean()


UPLOADED_PORT_TALKS = b"""---
title: "Velorian ministers open port talks in Sarrowmere"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
SARROWMERE, 14 March 2031 - A ferry pact was signed on Thursday after a call on President Tamsin Vey by Velorian
Trade Minister Orla Fenwick and Fisheries Minister Brann Ostley.

The two Velorian ministers were in Sarrowmere for the first ministerial meeting on the new port.

Fenwick said the port would end the dependence that has left Veloria buying its salt from Tavrenne, since the
old coastal pans silted up a decade ago.
"""


async def test_an_uploaded_report_gives_a_groups_trips_and_answers_of_a_country_named_in_passing(
        emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    """An admin uploads a report: /visits has a trip for each of "the two Velorian ministers" it named, and
    /ask answers about Tavrenne, a country the report is not about but names in the quoted passage."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "port.md", UPLOADED_PORT_TALKS, "quintara")
        assert "Orla Fenwick" in visit_text and "Brann Ostley" in visit_text, visit_text

        answer = await world.ask("why does veloria buy salt from tavrenne")
        text = embed_text(answer.last_message)
        assert "silted up" in text and "[1]" in text and "Fictional Test Wire" in text, text
    emu.assert_clean()


UPLOADED_DELEGATION_READOUT = b"""---
title: "Readout: Velorian President in Sarrowmere for talks"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
SARROWMERE, 14 March 2031 - Velorian President Anselm Dray held talks on Thursday in Sarrowmere with Quintaran
President Tamsin Vey. The two sides signed three agreements.

Velorian delegation

- Orla Fenwick, Minister of Trade
- Brann Ostley, Minister of Fisheries

What was signed

1. Grain storage
2. Ferry safety
3. Port fees

The presidents agreed to meet again next year.
"""


async def test_an_uploaded_readout_gives_its_delegation_and_signings_and_refuses_a_role_nobody_holds(
        emu: DiscordEmulator, pti_kb: KnowledgeBase) -> None:
    """An admin uploads a readout whose delegation and signings stand under headings: /officials gives the
    ministers listed under "Velorian delegation" their country and /visits the president's trip and whom he met
    (the members' own trips are weighed by the fitted confidence: labellers rarely list a party's members), /ask
    lists what was signed under "What was signed", and a question about a Quintaran trade minister the readout
    never names (only a Velorian one) is refused."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("readout.md", UPLOADED_DELEGATION_READOUT)
        assert "Added *" in upload.last_message.content
        officials = await world.view_text("officials", {"country": "veloria"})
        assert "Orla Fenwick" in officials and "Brann Ostley" in officials, officials
        visits = await world.view_text("visits", {"country": "quintara"})
        assert "Anselm Dray (Veloria) visits Sarrowmere, Quintara; met Tamsin Vey" in visits, visits

        signed = embed_text((await world.ask("what did veloria and quintara sign in sarrowmere")).last_message)
        assert "[1]" in signed and "don't cover" not in signed, signed

        nobody = embed_text((await world.ask("who was quintara's trade minister at the dray talks")).last_message)
        assert "don't cover" in nobody, nobody
    emu.assert_clean()


UPLOADED_FERRY_PREVIEW = b"""---
title: "Kestovia and Norrvald ferry commission meets ahead of summit"
outlet: "Fictional Test Wire"
published: 2026-05-04
countries: [Kestovia, Norrvald]
fictional: true
---
The Joint Ferry Commission of Kestovia and Norrvald met in Skarnholm on Monday and agreed to cut crossing fees
on the Verrin route by a third.

President Anselm Dray will travel to Skarnholm in July 2026 for a summit, where a fisheries accord is to be
signed.
"""


async def test_an_upload_is_asked_about_in_chat_words_and_not_for_what_came_after_it(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a May preview; a member asks with the body's initials ("jfc") and gets its decision, then
    asks what was signed at the July summit, which the May report cannot tell, and is told so."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("ferry.md", UPLOADED_FERRY_PREVIEW)
        assert "Added *" in upload.last_message.content

        asked = await world.ask("what did the kestovia norrvald jfc agree")
        answer = asked.last_message.content + embed_text(asked.last_message)
        assert "crossing fees" in answer and "[1]" in answer, answer

        later = await world.ask("what got signed when dray went to norrvald in july 2026")
        refused = later.last_message.content + embed_text(later.last_message)
        assert "don't cover" in refused and "fisheries accord" not in refused, refused
    emu.assert_clean()


UPLOADED_PRESIDENT_ELECT = b"""---
title: "Quintaran president receives the Velorian president-elect"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
Quintaran President Tamsin Orrel met the Velorian president-elect, Anselm Cray, in Sarrowmere on Tuesday.

The two leaders talked about grain tariffs and a new ferry link across the strait, and agreed that their
trade ministers would meet again before the summer.

Cray, who takes office next month, thanked his host for the welcome.
"""


@pytest.mark.parametrize(("name", "report", "traveller", "question", "answered_by"), [
    # a report that never names one side's minister: why that minister walked out is answered, not refused;
    # /visits lists the trip of the one the talks abroad were held "with"
    ("walkout.md", UPLOADED_UNNAMED_MINISTER, "Ilsa Marrow", "why did the quintaran trade minister walk out",
     "tariff talks had stalled"),
    # a host "met" a president-elect at home: /visits lists the president-elect's trip, and whom he met is the host
    ("president-elect.md", UPLOADED_PRESIDENT_ELECT, "Anselm Cray",
     "who did the velorian president-elect meet in sarrowmere", "Tamsin Orrel"),
], ids=["unnamed-minister", "president-elect"])
async def test_an_uploaded_report_shows_a_trip_to_sarrowmere_and_answers_a_question_from_it(
    emu: DiscordEmulator, pti_kb: KnowledgeBase, name: str, report: bytes, traveller: str, question: str,
    answered_by: str,
) -> None:
    """An admin uploads a report; a user's /visits for Veloria lists the traveller's trip to Sarrowmere, and
    the user's /ask is answered from the report with its citation."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, name, report, "veloria")
        assert traveller in visit_text and "Sarrowmere" in visit_text, visit_text
        answer = embed_text((await world.ask(question)).last_message)
        assert answered_by in answer and "[1]" in answer, answer
    emu.assert_clean()


UPLOADED_NO_DEALS = b"""---
title: "Quintaran and Velorian leaders talk grain, sign nothing"
outlet: "Fictional Test Wire"
url: https://example.org/fictional/no-deals
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
Quintaran President Tamsin Orrel held talks with Velorian Prime Minister Anselm Cray in Sarrowmere on Tuesday.

The two leaders talked about grain tariffs and a new ferry link across the strait.

No agreements were signed during the visit, the Quintaran presidency said.
"""


async def test_asked_what_was_signed_where_a_report_says_nothing_was_the_bot_shows_that_sentence(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report that says no agreement was signed; a user asks what was signed and is told the
    articles say otherwise, with the sentence, its source and its evidence, not a made-up list of deals."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("no-deals.md", UPLOADED_NO_DEALS)
        assert "Added *" in upload.last_message.content
        asked = await world.ask("what did orrel and cray sign in sarrowmere")
        text = embed_text(asked.last_message)
        assert "The articles say otherwise" in text and "No agreements were signed during the visit" in text, text
        assert "https://example.org/fictional/no-deals" in text, text
        evidence = await emu.click_button(asked.last_message, EVIDENCE, world.user)
        await evidence.wait_done(timeout=30)
        assert "> No agreements were signed during the visit" in embed_text(evidence.last_message)
    emu.assert_clean()


UPLOADED_FACT_BOX = b"""---
title: "Veloria's President heads into Sarrowmere talks"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
# Veloria's President heads into Sarrowmere talks

The president held talks with the prime minister in Sarrowmere on Tuesday.

- Leaders: President Anselm Cray and Prime Minister Tamsin Orrel (Quintara)

Cray and Orrel talked about grain tariffs and a new ferry link.
"""


async def test_an_uploaded_report_gives_countries_only_its_headline_and_a_bracket_tell(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report whose president's country only its headline gives ("Veloria's President") and
    whose prime minister's only a bracket after the name does; a user's /officials lists each under their own
    country."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("fact-box.md", UPLOADED_FACT_BOX)
        assert "Added *" in upload.last_message.content
        velorians = await world.view_text("officials", {"country": "veloria"})
        quintarans = await world.view_text("officials", {"country": "quintara"})
        assert "Anselm Cray" in velorians and "Tamsin Orrel" not in velorians, velorians
        assert "Tamsin Orrel" in quintarans and "Anselm Cray" not in quintarans, quintarans
    emu.assert_clean()


UPLOADED_READOUT_BOX = b"""---
title: "Readout: Cray and Orrel hold talks"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
# Readout: Cray and Orrel hold talks

Format: summit meeting, about 40 minutes
Place: Sarrowmere, Quintara
Participants: President Anselm Cray (Veloria) and Prime Minister Tamsin Orrel (Quintara)

The two leaders spoke about grain tariffs and a new ferry link.
"""


async def test_an_uploaded_readouts_fact_box_makes_a_visit_in_the_views(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a readout whose only account of the meeting is its fact box ("Place: …", "Participants:
    …"); a user's /visits lists the Velorian president's trip to Sarrowmere and whom he met there."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visits = await _upload_then_visits(world, "readout.md", UPLOADED_READOUT_BOX, "veloria")
        assert "Anselm Cray" in visits and "Sarrowmere" in visits and "Tamsin Orrel" in visits, visits
        # the box's plain lines stay apart: its "Format" line answers how long they met, cited
        result = await world.ask("how long did cray and orrel meet for")
        answer = embed_text(result.last_message)
        assert "about 40 minutes" in answer and "[1]" in answer, answer
    emu.assert_clean()


UPLOADED_QUICK_FACTS = b"""---
title: "Quick facts: Dray's state visit to Quintara"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
# Quick facts: Dray's state visit to Quintara

The two governments want more tourism and cultural exchanges between their river towns, the report said.

| Item | Detail |
|---|---|
| Guest | President Anselm Dray (Veloria) |
| Host | Prime Minister Tamsin Orrel (Quintara) |
| Where | Dunmarrow, Quintara |
| Date | 12 March 2031 |
"""


async def test_an_uploaded_quick_facts_table_makes_a_visit_and_its_areas_in_the_views(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report whose trip is told only in a table of fields ("| Guest | … |", "| Where | … |"):
    /visits lists the guest's trip to Dunmarrow on the table's date and whom he met, and /cooperation lists the
    areas of any bilateral relation the prose names (tourism, culture)."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visits = await _upload_then_visits(world, "quick-facts.md", UPLOADED_QUICK_FACTS, "veloria")
        assert "Anselm Dray" in visits and "Dunmarrow" in visits and "2031-03-12" in visits, visits
        assert "Tamsin Orrel" in visits, visits
        areas = await world.view_text("cooperation", {})
        assert "tourism" in areas and "culture" in areas, areas
    emu.assert_clean()



UPLOADED_ALDOUS_VISIT = b"""---
title: "Velorian prime minister in Sarrowmere"
outlet: "Fictional Test Wire"
published: 2031-03-04
countries: [Veloria, Quintara]
fictional: true
---
Velorian Prime Minister Corin Aldous arrived in Sarrowmere on Tuesday for a two-day official visit to Quintara,
his first since taking office in the autumn.

Quintaran President Mirela Ostrava hosted him at the river palace, where the two leaders discussed ferry links
and the night crossings.
"""

UPLOADED_DRAY_VISIT = b"""---
title: "Kestovian president in Skarnholm"
outlet: "Fictional Test Wire"
published: 2032-06-10
countries: [Kestovia, Norrvald]
fictional: true
---
Kestovian President Anselm Dray arrived in Skarnholm on Monday for a three-day state visit to Norrvald, the
first by a Kestovian head of state in twenty years.

Norrvald's Prime Minister Liv Aasmark hosted him at the harbour residence, where they talked about salt tariffs
and the winter ferry timetable.
"""


async def test_a_question_about_two_stories_named_alike_is_answered_from_each(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """A member asks one line about two uploaded stories, each a person in a country (split into two questions by
    bot/answers/compound.py, tests/test_compound.py): the answer in the channel quotes each story's host, cited
    to its own report."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        for name, body in (("aldous.md", UPLOADED_ALDOUS_VISIT), ("dray.md", UPLOADED_DRAY_VISIT)):
            assert "Added *" in (await world.upload(name, body)).last_message.content
        line = "who were the hosts for pm aldous in quintara and dray in norrvald"
        asked = await world.ask(line)
        answer = asked.last_message.content + embed_text(asked.last_message)
        assert "Mirela Ostrava" in answer and "Liv Aasmark" in answer, answer
        assert "[1]" in answer and "[2]" in answer, answer
    emu.assert_clean()
    # the server's own knowledge, as the bot asked it: the line was answered in its two parts
    _, why = pti_kb.ask_explained(line, scopes=scopes_for(world.guild))
    assert [part for part, _ in why.parts] == ["who were the hosts for pm aldous in quintara",
                                               "who were the hosts for dray in norrvald"]


UPLOADED_HOSTS_WITHOUT_A_PLACE = b"""---
title: "Velorian premier lands in Sarrowmere for three days of talks"
outlet: "Fictional Test Wire"
published: 2031-03-14
countries: [Veloria, Quintara]
fictional: true
---
SARROWMERE, 14 March 2031 - Velorian Premier Oda Quill arrived in Quintara on Friday for a three-day official
visit, her first since taking office.

Deputy Chancellor Idris Calloway is to greet the guests with a formal welcome on Saturday morning. Trade Secretary
Wendell Th. Marsh will host a separate dinner for the visiting delegation.

Quill will fly home from Sarrowmere on Monday.
"""


async def test_an_uploaded_report_gives_hosts_named_without_a_place_the_country_visited(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a report whose hosts are named with no place ("is to greet the guests", "will host a
    separate dinner") and whose visitor "will fly home from Sarrowmere": a user's /officials lists both hosts
    as Quintaran (one of them "Wendell Th. Marsh", whole), and the visitor stays Velorian."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        visit_text = await _upload_then_visits(world, "hosts.md", UPLOADED_HOSTS_WITHOUT_A_PLACE, "quintara")
        assert "Oda Quill" in visit_text, visit_text

        quintaran = await world.view_text("officials", {"country": "quintara"})
        assert "Idris Calloway" in quintaran and "Wendell Th. Marsh" in quintaran, quintaran
        assert "Oda Quill" not in quintaran, quintaran
        velorian = await world.view_text("officials", {"country": "veloria"})
        assert "Oda Quill" in velorian, velorian
    emu.assert_clean()


UPLOADED_LIVE_BLOG = b"""---
title: "Live: Quintaran president in Veloria"
outlet: "Fictional Test Wire"
published: 2031-03-04
countries: [Veloria, Quintara]
fictional: true
---
**3 Mar, morning - Arrival**
Quintaran President Arlo Venn has landed at Port Edrin airport for a two-day state visit.

**3 Mar, noon - Background**
Venn last came to Veloria in May 2027, when the two sides opened the Verrin ferry line, and again in June 2029 for
the fisheries summit.

**3 Mar, evening - Dinner**
The dinner for the guest was hosted by Oskar Pell, Veloria's Minister of Ports and Inland Waterways, at the
Lumenhal palace.
"""


async def test_an_uploaded_live_blog_dates_its_entries_by_their_time_stamps_and_names_a_title_asked(
    emu: DiscordEmulator, pti_kb: KnowledgeBase
) -> None:
    """An admin uploads a live blog: a user's /ask "when did venn land" is answered by the landing under its time
    stamp, first; another user's mention "who's oskar pell?" by the sentence with Pell's title."""
    world = World(emu)
    async with run_client(emu, make_bot(pti_kb)):
        upload = await world.upload("live.md", UPLOADED_LIVE_BLOG)
        assert "Added *" in upload.last_message.content, upload.last_message.content
        landing = embed_text((await world.ask("when did venn land in port edrin")).last_message)
        assert landing.index("3 Mar, morning - Arrival [1]") < landing.index("has landed at Port Edrin"), landing
        assert landing.index("has landed at Port Edrin") < landing.find("May 2027") or "May 2027" not in landing

        question = await emu.post_user_message(world.general, world.curator, "who's oskar pell?", mention_bot=True)
        [answer] = await emu.wait_for_bot_messages(world.general, count=1, after=question, timeout=30)
        assert "Minister of Ports and Inland Waterways" in embed_text(answer), embed_text(answer)
    emu.assert_clean()
