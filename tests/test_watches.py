"""Watched pairs, cited alerts, feed announcements and digests: end to end through the Discord emulator against
the loopback web server (tests/web_server.py), whose timber feed reports a fictional Norrvald–Tavrenne visit and
then a pact. Polls and the digest schedule are driven here; the CLI digest runs as a real process."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from bot.config import PROJECT_ROOT, FetchSettings
from bot.knowledge.centrality import most_central
from bot.knowledge.embedder import OnnxEmbedder, share_onnx_export
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.fetching import PageFetcher
from bot.services import Actor, build_knowledge_base
from tests.bot_harness import EVIDENCE_WORDED, button_ids, embed_text, make_bot, never_pings
from tests.conftest import FICTIONAL_ARTICLES, FIXTURES, MODELS_DIR, KnowledgeBaseFactory
from tests.emulator import DiscordEmulator, MemberRecord, Permission, run_client
from tests.web_server import FictionalWeb

VISIT_LINE = "2026-05-11: Halvard Brenn (Norrvald) visits Sundqvell, Tavrenne; met Odile Marchetti [1]"
PACT_LINE = "2026-05-14: MoU signed (Norrvald, Tavrenne): sustainable timber trade [1]"


@pytest.fixture
async def emu() -> AsyncIterator[DiscordEmulator]:
    async with DiscordEmulator(heartbeat_interval_ms=1000) as emulator:
        yield emulator


def loopback_fetcher() -> PageFetcher:
    return PageFetcher(FetchSettings(allow_loopback=True, read_timeout_seconds=2), 2_000_000)


async def test_a_watched_pair_gets_one_cited_alert_per_new_fact_and_digests(
    emu: DiscordEmulator, make_kb: KnowledgeBaseFactory, embedder: OnnxEmbedder
) -> None:
    kb = make_kb(fetcher=loopback_fetcher())
    guild = emu.add_guild("Alpha")
    general, alerts = emu.add_text_channel(guild, "general"), emu.add_text_channel(guild, "alerts")
    news, digests = emu.add_text_channel(guild, "news"), emu.add_text_channel(guild, "digests")
    owner = emu.add_member(guild, "olga", permissions=Permission.MANAGE_GUILD | Permission.SEND_MESSAGES)
    user = emu.add_member(guild, "uma")
    scope = str(guild.id)
    bot = make_bot(kb)

    async def slash(member: MemberRecord, name: str, options: dict[str, object], subcommand: str | None = None) -> str:
        result = await emu.invoke_slash(guild, general, member, name, options, subcommand=subcommand)
        await result.wait_done(timeout=60)
        return embed_text(result.last_message)

    with FictionalWeb() as web:
        async with run_client(emu, bot):
            for name, options, subcommand in (("watch", {"countries": "Norrvald, Tavrenne", "channel": alerts}, None),
                                              ("watches", {}, None), ("unwatch", {"countries": "Norrvald, Tavrenne"}, None),
                                              ("digest", {"every": "daily", "channel": digests}, "schedule")):
                refused = await slash(user, name, options, subcommand)
                assert "Only members with **Manage Server**" in refused, (name, refused)
            unknown = await slash(owner, "watch", {"countries": "Norrvald Atlantis", "channel": alerts})
            assert unknown == "`Atlantis` is not a country I know; name two countries, e.g. `France, Germany`. " \
                              "Nothing was changed.", unknown
            assert kb.watch_list(scope) == []

            watched = await slash(owner, "watch", {"countries": "tavrennese and norrvald", "channel": alerts})
            assert "Watching **Norrvald – Tavrenne**" in watched and f"<#{alerts.id}>" in watched, watched
            scheduled = await slash(owner, "digest", {"every": "daily", "channel": digests}, "schedule")
            assert f"posted daily in <#{digests.id}>" in scheduled, scheduled
            followed = await slash(owner, "knowledge", {"feed": web.url("/feeds/watch.xml"), "channel": news}, "follow")
            assert f"announced in <#{news.id}>" in followed, followed

            admin, watching = bot.get_cog("KnowledgeAdmin"), bot.get_cog("Watching")
            assert admin is not None and watching is not None and watching.check_watches.is_running()  # type: ignore[attr-defined]
            polls = await admin.poll_feeds_once()  # type: ignore[attr-defined]
            assert [(p.status, p.added) for p in polls] == [("new", 1)], polls
            [alert] = await emu.wait_for_bot_messages(alerts, count=1, timeout=30)
            text = embed_text(alert)
            assert VISIT_LINE in text and "New visit · Norrvald – Tavrenne" in text, text
            assert "Norrvaldic trade minister visits Tavrenne for fictional timber talks" in text
            assert "Fictional Feed Wire, 2026-05-12" in text and web.url("/feeds/items/timber-visit.txt") in text
            assert EVIDENCE_WORDED in button_ids(alert) and never_pings(alert)
            evidence = await emu.click_button(alert, EVIDENCE_WORDED, user)
            await evidence.wait_done(timeout=30)
            assert "Halvard Brenn visited Sundqvell on May 11, 2026" in embed_text(evidence.last_message)
            [announced] = emu.bot_messages(news)
            assert announced.content == ("📰 *Norrvaldic trade minister visits Tavrenne for fictional timber talks* — "
                                         f"Fictional Feed Wire <{web.url('/feeds/items/timber-visit.txt')}>")
            assert never_pings(announced)

            # The feed brings the pact: one more alert, the visit is not alerted again.
            web.watch_items.append("timber-pact")
            [feed] = kb.feed_list(scope)
            forced = await asyncio.to_thread(kb.feeds.poll, feed)  # the feed is not due yet: polled by hand
            assert (forced.status, forced.added) == ("new", 1), forced
            assert await watching.post_new_alerts() == 1  # type: ignore[attr-defined]
            assert await watching.post_new_alerts() == 0  # type: ignore[attr-defined]
            await admin.announce_feed_arrivals()  # type: ignore[attr-defined]
            first, second = [m for m in emu.bot_messages(alerts) if not m.ephemeral]  # not the evidence shown
            assert first.id == alert.id
            assert PACT_LINE in embed_text(second) and "New agreement" in embed_text(second), embed_text(second)
            assert [m.content.split(" — ")[0] for m in emu.bot_messages(news)][-1] == \
                "📰 *Norrvald and Tavrenne sign a fictional timber pact*"

            now = await slash(user, "digest", {"since": "2026-01-01"}, "now")
            for part in ("Digest since 2026-01-01 00:00 UTC: Norrvald – Tavrenne", "**Visits**", VISIT_LINE,
                         "**Agreements**", "MoU signed (Norrvald, Tavrenne): sustainable timber trade [2]",
                         "**Officials**", "**Halvard Brenn** (Norrvald) — Trade Minister [1]",
                         "**Most central new sentences**", "Fictional Feed Wire"):
                assert part in now, (part, now)
            [schedule] = kb.watcher.schedules(scope)
            assert await watching.post_digest(schedule) == 1  # type: ignore[attr-defined]
            [posted] = emu.bot_messages(digests)
            assert VISIT_LINE in embed_text(posted) and "**Agreements**" in embed_text(posted) and never_pings(posted)
            moved_on = datetime.fromisoformat(kb.watcher.schedules(scope)[0].last_posted)
            assert moved_on > datetime.fromisoformat(schedule.last_posted)
            assert kb.watcher.due_digests() == []

            # An upload alerts too: another pair, another channel.
            defence = emu.add_text_channel(guild, "defence")
            await slash(owner, "watch", {"countries": "Veloria Quintara", "channel": defence})
            upload = emu.make_attachment("jwg.md", (FICTIONAL_ARTICLES / "2026-03-12-veloria-quintara-jwg-sarrowmere.md")
                                         .read_bytes())
            assert "searchable now" in await slash(owner, "knowledge", {"file": upload}, "upload")
            visit, mou = await emu.wait_for_bot_messages(defence, count=2, timeout=30)
            assert "2026-03-03 to 2026-03-04: Corvin Aldane (Veloria) visits Sarrowmere, Quintara" in embed_text(visit)
            assert "2026-03-04: MoU signed (Quintara, Veloria): joint defence research and development [1]" in \
                embed_text(mou)
            assert len([m for m in emu.bot_messages(alerts) if not m.ephemeral]) == 2  # the other pair's channel

            listed = await slash(owner, "watches", {})
            assert f"**Norrvald – Tavrenne** → <#{alerts.id}>" in listed and f"**Quintara – Veloria** → <#{defence.id}>" \
                in listed, listed
            log = await slash(owner, "knowledge", {}, "log")
            for action in ("**watched** *Norrvald – Tavrenne*", "**digest scheduled**", "**followed**"):
                assert action in log, (action, log)
    emu.assert_clean()

    # A restart: the watch and what was alerted are in the store; nothing is alerted twice.
    kb.close()
    again = build_knowledge_base(kb.settings, embedder=embedder, fetcher=loopback_fetcher())
    assert [w.pair_text for w in again.watch_list(scope)] == ["Norrvald – Tavrenne", "Quintara – Veloria"]
    assert again.take_new_alerts() == []
    gone = again.unwatch_pair("Tavrenne Norrvald", scope=scope, actor=Actor("1", "olga"))
    assert gone.channel_id == str(alerts.id) and len(again.watch_list(scope)) == 1
    assert again.audit_log(scope)[0].action == "unwatched"
    again.close()


def test_a_pair_known_before_the_watch_is_not_news_and_bad_pairs_are_one_line(make_kb: KnowledgeBaseFactory) -> None:
    kb = make_kb()
    kb.ingestor.ingest_paths([FICTIONAL_ARTICLES / "2026-04-20-quintara-radar-contract-lumenhal.md"])
    olga = Actor("1", "olga")
    kb.watch_pair("Veloria Quintara", scope="7", channel_id="70", actor=olga)
    assert kb.take_new_alerts() == []  # Ilsa Varn's visit was stored before the watch began
    for bad, says in (("Veloria", "exactly two different"), ("Veloria, Veloria", "exactly two different"),
                      ("Veloria, Narnia", "`Narnia` is not a country")):
        with pytest.raises(KnowledgeError) as refused:
            kb.watch_pair(bad, scope="7", channel_id="70", actor=olga)
        assert says in refused.value.user_message and "\n" not in refused.value.user_message
    with pytest.raises(KnowledgeError) as twice:
        kb.watch_pair("quintaran, velorian", scope="7", channel_id="70", actor=olga)
    assert "already watched in that channel" in twice.value.user_message
    with pytest.raises(KnowledgeError) as not_watched:
        kb.unwatch_pair("Norrvald, Kestovia", scope="7", actor=olga)
    assert "is not watched here" in not_watched.value.user_message
    assert kb.watch_list("8") == []  # per server


def test_the_most_central_sentence_is_the_one_most_like_the_others() -> None:
    vectors = np.array([[1.0, 0.0], [0.9, 0.1], [0.7, 0.7], [0.0, 1.0]])
    assert most_central(vectors, 2) == [2, 1]  # the diagonal one is closest to all; then the one near the x axis
    assert most_central(vectors[:1], 3) == [0] and most_central(vectors[:0], 3) == []


def test_attache_digest_since_prints_cited_items(tmp_path: Path, make_kb: KnowledgeBaseFactory,
                                                 embedder: OnnxEmbedder) -> None:
    share_onnx_export(MODELS_DIR, tmp_path / "data" / "models")
    config = tmp_path / "settings.toml"
    config.write_text(f"[knowledge]\ngazetteers = ['{PROJECT_ROOT / 'config' / 'gazetteer.toml'}', "
                      f"'{FIXTURES / 'gazetteer_fictional.toml'}']\n", encoding="utf-8")
    env = {**os.environ, "ATTACHE_DATA_DIR": str(tmp_path / "data"), "DISCORD_TOKEN": ""}

    def attache(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "--config", str(config), *args], capture_output=True,
                              text=True, env=env, timeout=120, check=False)

    ingested = attache("ingest", str(FICTIONAL_ARTICLES / "2026-04-20-quintara-radar-contract-lumenhal.md"))
    assert ingested.returncode == 0, ingested.stderr
    printed = attache("digest", "--since", "2026-01-01", "--countries", "Veloria", "Quintara")
    assert printed.returncode == 0, printed.stderr
    out = printed.stdout
    assert out.startswith("Digest since 2026-01-01 00:00 UTC: Quintara – Veloria"), out
    assert "Ilsa Varn (Quintara) visits Lumenhal, Veloria" in out and "**Officials**" in out, out
    assert "**Most central new sentences**" in out and "[1]" in out and "Fictional Test Wire" in out, out
    later = attache("digest", "--since", "2099-01-01")
    assert later.returncode == 0 and "Nothing new arrived" in later.stdout, later.stdout
    unknown = attache("digest", "--since", "2026-01-01", "--countries", "Veloria", "Narnia")
    assert unknown.returncode == 2 and unknown.stderr == \
        "attache: `Narnia` is not a country I know; name two countries, e.g. `France, Germany`.\n", unknown.stderr
