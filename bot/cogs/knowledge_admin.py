"""/knowledge upload | add | remove | follow | feeds | unfollow | log: only Manage Server or the admin role may
change the knowledge base. The cog also polls the followed feeds on a schedule."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.cogs.checks import NotKnowledgeAdmin, knowledge_admin_only
from bot.cogs.utils import parse_day
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.feeds import FeedPoll
from bot.knowledge.ingestion import SOURCE_ADDED
from bot.knowledge.loaders import MetaOverrides
from bot.render import CONTENT_LIMIT, added_link_text, arrival_line, clip, feed_lines, list_pages
from bot.replies import NO_PINGS, reply
from bot.services import Actor

if TYPE_CHECKING:
    from bot.client import AttacheBot

log = logging.getLogger(__name__)

async def upload_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Only this server's uploads: the shipped articles cannot be removed from Discord."""
    bot: AttacheBot = interaction.client  # type: ignore[assignment]
    metas = await asyncio.to_thread(bot.knowledge.sources, (str(interaction.guild_id),))
    wanted = current.casefold().strip()
    return [app_commands.Choice(name=f"{m.published_text} · {m.title}"[:100], value=m.article_id)
            for m in metas if wanted in f"{m.title} {m.outlet} {m.published_text}".casefold()][:25]


async def feed_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """The feeds this server follows."""
    bot: AttacheBot = interaction.client  # type: ignore[assignment]
    feeds = await asyncio.to_thread(bot.knowledge.feed_list, str(interaction.guild_id))
    wanted = current.casefold().strip()
    return [app_commands.Choice(name=f.url[:100], value=f.url[:100]) for f in feeds
            if wanted in f.url.casefold() and len(f.url) <= 100][:25]


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class KnowledgeAdmin(commands.GroupCog, group_name="knowledge"):
    """Manage this server's articles."""

    def __init__(self, bot: AttacheBot) -> None:
        self.bot = bot
        super().__init__()

    async def cog_load(self) -> None:
        self.poll_feeds.change_interval(seconds=self.bot.settings.feeds.check_seconds)
        self.poll_feeds.start()

    async def cog_unload(self) -> None:
        self.poll_feeds.cancel()

    @tasks.loop(seconds=60)
    async def poll_feeds(self) -> None:
        await self.poll_feeds_once()

    @poll_feeds.before_loop
    async def _before_polling(self) -> None:
        await self.bot.wait_until_ready()

    async def poll_feeds_once(self) -> list[FeedPoll]:
        """Poll every server's due feeds off the event loop; a failure here must not end the schedule."""
        try:
            polls = await asyncio.to_thread(self.bot.knowledge.poll_feeds)
        except Exception:  # the store is unreachable, or a bug: logged, and the next check tries again
            log.exception("feed polling failed")
            return []
        await self.announce_feed_arrivals()
        if any(p.added for p in polls):
            self.bot.dispatch("knowledge_changed")  # watched pairs: alerts for what came in
        return polls

    async def announce_feed_arrivals(self) -> None:
        """One line per article a feed with an announcement channel brought in: title, outlet, link; no ping."""
        for feed, meta in self.bot.knowledge.take_feed_arrivals():
            channel = self.bot.get_channel(int(feed.channel_id))
            if not isinstance(channel, discord.abc.Messageable):
                log.warning("feed announcement channel gone url=%s channel=%s", feed.url, feed.channel_id)
                continue
            try:
                await channel.send(clip(arrival_line(meta), CONTENT_LIMIT), allowed_mentions=NO_PINGS)
            except discord.HTTPException:
                log.exception("could not announce a feed article url=%s channel=%s", meta.url, feed.channel_id)

    @app_commands.command(name="upload")
    @app_commands.describe(file="A .txt, .md, .html or .pdf article", title="Headline (else detected)",
                           url="Link to the original", published="Publication date, YYYY-MM-DD")
    @knowledge_admin_only()
    async def upload(self, interaction: discord.Interaction, file: discord.Attachment, title: str | None = None,
                     url: str | None = None, published: str | None = None) -> None:
        """Add an article to this server's knowledge base (admins only)."""
        limit = self.bot.settings.knowledge.max_file_bytes
        day = parse_day(published, "published")
        if url and not url.startswith(("http://", "https://")):
            raise KnowledgeError("`url` must start with http:// or https://.")
        if file.size > limit:
            raise KnowledgeError(f"`{file.filename}` is {file.size / 1_000_000:.1f} MB; the limit is "
                                 f"{limit / 1_000_000:.1f} MB. Nothing was changed.")
        await interaction.response.defer(thinking=True)
        data = await file.read()
        overrides = MetaOverrides(title=title, url=url, published=day)
        outcome = await asyncio.to_thread(self.bot.knowledge.upload, data, file.filename,
                                          scope=str(interaction.guild_id), actor=_actor(interaction),
                                          overrides=overrides)
        if outcome.status in ("added", "replaced"):
            await reply(interaction, clip(f"✅ {outcome.message} It is searchable now.", CONTENT_LIMIT))
            self.bot.dispatch("knowledge_changed")
        elif outcome.status == "known":
            await reply(interaction, clip(f"ℹ️ {outcome.message} Nothing was changed.", CONTENT_LIMIT))
        elif outcome.status == SOURCE_ADDED:  # a near-copy: the stored story lists this outlet too
            await reply(interaction, clip(f"🔗 {outcome.message}", CONTENT_LIMIT))
        else:
            await reply(interaction, clip(f"⚠️ {outcome.message} Nothing was changed.", CONTENT_LIMIT))

    @app_commands.command(name="add")
    @app_commands.describe(url="Link to the article (http or https)", title="Headline (else read from the page)",
                           published="Publication date, YYYY-MM-DD (else read from the page)")
    @knowledge_admin_only()
    async def add_link(self, interaction: discord.Interaction, url: str, title: str | None = None,
                       published: str | None = None) -> None:
        """Add the article behind a link to this server's knowledge base (admins only)."""
        day = parse_day(published, "published")
        await interaction.response.defer(thinking=True)
        outcome = await asyncio.to_thread(self.bot.knowledge.add_link, url, scope=str(interaction.guild_id),
                                          actor=_actor(interaction), overrides=MetaOverrides(title=title, published=day))
        if outcome.status in ("added", "replaced") and outcome.meta is not None:
            await reply(interaction, clip(added_link_text(outcome.meta, outcome.chunks), CONTENT_LIMIT))
            self.bot.dispatch("knowledge_changed")
        elif outcome.status == "known":
            await reply(interaction, clip(f"ℹ️ {outcome.message} Nothing was changed.", CONTENT_LIMIT))
        elif outcome.status == SOURCE_ADDED:  # a near-copy: the stored story lists this outlet too
            await reply(interaction, clip(f"🔗 {outcome.message}", CONTENT_LIMIT))
        else:
            await reply(interaction, clip(f"⚠️ {outcome.message} Nothing was changed.", CONTENT_LIMIT))

    @app_commands.command(name="remove")
    @app_commands.describe(article="Start typing a title")
    @app_commands.autocomplete(article=upload_choices)
    @knowledge_admin_only()
    async def remove(self, interaction: discord.Interaction, article: str) -> None:
        """Remove one of this server's uploaded articles (admins only)."""
        await interaction.response.defer(thinking=True, ephemeral=False)
        meta = await asyncio.to_thread(self.bot.knowledge.remove, article, (str(interaction.guild_id),),
                                       actor=_actor(interaction))
        copies = f" with its {len(meta.other_sources)} other sources" if meta.other_sources else ""
        await reply(interaction, clip(f"🗑️ Removed *{meta.title}*{copies}.", CONTENT_LIMIT))

    @app_commands.command(name="follow")
    @app_commands.describe(feed="Link to an RSS or Atom feed (http or https)",
                           interval="Minutes between polls (else the default)",
                           channel="Announce each article it brings in here (title, outlet, link)")
    @knowledge_admin_only()
    async def follow(self, interaction: discord.Interaction, feed: str,
                     interval: app_commands.Range[int, 1, 10_080] | None = None,
                     channel: discord.TextChannel | None = None) -> None:
        """Follow a news feed: its new articles are added to this server's knowledge base (admins only)."""
        await interaction.response.defer(thinking=True)
        followed = await asyncio.to_thread(self.bot.knowledge.follow_feed, feed, scope=str(interaction.guild_id),
                                           actor=_actor(interaction), interval_minutes=interval,
                                           channel_id=str(channel.id) if channel else "")
        where = f" Each one is announced in <#{channel.id}>." if channel else ""
        await reply(interaction, clip(f"✅ Following <{followed.url}> every {followed.interval_minutes} minutes. Its "
                                      "new articles are added at the next poll; `/knowledge feeds` shows how it goes."
                                      + where, CONTENT_LIMIT))

    @app_commands.command(name="feeds")
    @knowledge_admin_only()
    async def feeds(self, interaction: discord.Interaction) -> None:
        """The feeds this server follows: last success, last error, articles brought in (admins only)."""
        followed = await asyncio.to_thread(self.bot.knowledge.feed_list, str(interaction.guild_id))
        await reply(interaction, embeds=list_pages("Followed feeds", feed_lines(followed), per_page=8)[:1],
                    ephemeral=True)

    @app_commands.command(name="unfollow")
    @app_commands.describe(feed="The feed's link")
    @app_commands.autocomplete(feed=feed_choices)
    @knowledge_admin_only()
    async def unfollow(self, interaction: discord.Interaction, feed: str) -> None:
        """Stop following a feed; the articles it brought in stay (admins only)."""
        await interaction.response.defer(thinking=True)
        gone = await asyncio.to_thread(self.bot.knowledge.unfollow_feed, feed, scope=str(interaction.guild_id),
                                       actor=_actor(interaction))
        await reply(interaction, clip(f"🗑️ Unfollowed <{gone.url}>; the {gone.articles_added} articles it brought in "
                                      "stay.", CONTENT_LIMIT))

    @app_commands.command(name="log")
    @knowledge_admin_only()
    async def log(self, interaction: discord.Interaction) -> None:
        """Who uploaded, added or removed which article, or followed which feed, and when (admins only)."""
        entries = await asyncio.to_thread(self.bot.knowledge.audit_log, str(interaction.guild_id))
        lines = [f"`{e.at[:16].replace('T', ' ')}` **{e.action}** *{e.title}* by {e.actor_name} (<@{e.actor_id}>)"
                 for e in entries]
        await reply(interaction, embeds=list_pages("Knowledge log", lines, per_page=15)[:1], ephemeral=True)


def _actor(interaction: discord.Interaction) -> Actor:
    return Actor(id=str(interaction.user.id), name=interaction.user.name)


__all__ = ["KnowledgeAdmin", "NotKnowledgeAdmin", "knowledge_admin_only"]


async def setup(bot: AttacheBot) -> None:
    await bot.add_cog(KnowledgeAdmin(bot))
