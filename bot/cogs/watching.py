"""/watch | /watches | /unwatch and /digest now | schedule: watched country pairs get one cited line per new
visit or agreement, and digests of what arrived. A schedule posts due digests and any alert not sent yet."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.cogs.checks import knowledge_admin_only
from bot.cogs.utils import AnswerView, parse_day, send_answer
from bot.knowledge.watch_records import DigestSchedule
from bot.render import CONTENT_LIMIT, answer_pages, clip, list_pages, watch_lines
from bot.replies import NO_PINGS, reply
from bot.services import Actor

if TYPE_CHECKING:
    from bot.client import AttacheBot
    from bot.knowledge.model import CitedAnswer

log = logging.getLogger(__name__)


async def watch_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """The pairs this server watches."""
    bot: AttacheBot = interaction.client  # type: ignore[assignment]
    watches = await asyncio.to_thread(bot.knowledge.watch_list, str(interaction.guild_id))
    wanted = current.casefold().strip()
    return [app_commands.Choice(name=w.pair_text, value=", ".join(w.countries)) for w in watches
            if wanted in w.pair_text.casefold()][:25]


class Watching(commands.Cog):
    """Watched country pairs, their alerts, and digests."""

    digest = app_commands.Group(name="digest", description="Cited digests of what arrived", guild_only=True)

    def __init__(self, bot: AttacheBot) -> None:
        self.bot = bot
        self._posting = asyncio.Lock()  # one sweep at a time: two could not both take an alert, but keep order

    async def cog_load(self) -> None:
        self.check_watches.change_interval(seconds=self.bot.settings.watch.check_seconds)
        self.check_watches.start()

    async def cog_unload(self) -> None:
        self.check_watches.cancel()

    # --- the schedule ------------------------------------------------------------------------------

    @tasks.loop(seconds=300)
    async def check_watches(self) -> None:
        await self.post_new_alerts()
        await self.post_due_digests()

    @check_watches.before_loop
    async def _before_checking(self) -> None:
        await self.bot.wait_until_ready()

    @commands.Cog.listener()
    async def on_knowledge_changed(self) -> None:
        """An upload, a link or a feed poll stored articles: alert what they report, now."""
        await self.post_new_alerts()

    async def post_new_alerts(self) -> int:
        """Post each alert not sent yet in its watch's channel; a failure here must not end the schedule."""
        async with self._posting:
            try:
                alerts = await asyncio.to_thread(self.bot.knowledge.take_new_alerts)
            except Exception:  # the store is unreachable, or a bug: logged, and the next check tries again
                log.exception("looking for alerts failed")
                return 0
            posted = 0
            for alert in alerts:
                posted += await self._post(alert.watch.channel_id, alert.answer)
            return posted

    async def post_due_digests(self) -> int:
        try:
            due = await asyncio.to_thread(self.bot.knowledge.watcher.due_digests)
        except Exception:
            log.exception("looking for due digests failed")
            return 0
        return sum([await self.post_digest(schedule) for schedule in due])

    async def post_digest(self, schedule: DigestSchedule) -> int:
        """Post one scheduled digest (what arrived since the last one) and move its start on."""
        started = datetime.now(UTC)
        try:
            answer = await asyncio.to_thread(self.bot.knowledge.digest, schedule.scope,
                                             since=datetime.fromisoformat(schedule.last_posted))
        except Exception:
            log.exception("building a digest failed scope=%s", schedule.scope)
            return 0
        posted = await self._post(schedule.channel_id, answer)
        await asyncio.to_thread(self.bot.knowledge.watcher.digest_posted, schedule, started)
        return posted

    async def _post(self, channel_id: str, answer: CitedAnswer) -> int:
        """An answer's pages in a channel, the evidence button under the last; never a ping."""
        channel = self.bot.get_channel(int(channel_id))
        if not isinstance(channel, discord.abc.Messageable):
            log.warning("watch channel gone channel=%s", channel_id)
            return 0
        pages = answer_pages(answer, heading=answer.question)
        sent: list[int] = []
        try:
            for index, page in enumerate(pages):
                view = AnswerView(answer.quoted) if index == len(pages) - 1 and answer.citations else None
                message = await channel.send(embeds=list(page.embeds), view=view or discord.utils.MISSING,
                                             allowed_mentions=NO_PINGS)
                sent.append(message.id)
        except discord.HTTPException:
            log.exception("could not post in channel=%s", channel_id)
        if sent and self.bot.user is not None:
            self.bot.memory.remember(sent, int(channel_id), self.bot.user.id, answer)  # Show evidence finds it
        return len(sent)

    # --- commands ----------------------------------------------------------------------------------

    @app_commands.command(name="watch")
    @app_commands.guild_only()
    @app_commands.describe(countries="Two countries, e.g. France, Germany", channel="Where the alerts go")
    @app_commands.default_permissions(manage_guild=True)
    @knowledge_admin_only()
    async def watch(self, interaction: discord.Interaction, countries: str, channel: discord.TextChannel) -> None:
        """Post a cited line in a channel whenever a new visit or agreement of two countries arrives (admins only)."""
        await interaction.response.defer(thinking=True)
        watch = await asyncio.to_thread(self.bot.knowledge.watch_pair, countries, scope=str(interaction.guild_id),
                                        channel_id=str(channel.id), actor=_actor(interaction))
        await reply(interaction, clip(f"👁️ Watching **{watch.pair_text}**: each new visit or agreement reported from "
                                      f"now on is posted in <#{channel.id}>, with its source.", CONTENT_LIMIT))

    @app_commands.command(name="watches")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @knowledge_admin_only()
    async def watches(self, interaction: discord.Interaction) -> None:
        """The country pairs this server watches, and where their alerts go (admins only)."""
        watched = await asyncio.to_thread(self.bot.knowledge.watch_list, str(interaction.guild_id))
        await reply(interaction, embeds=list_pages("Watched pairs", watch_lines(watched), per_page=15)[:1],
                    ephemeral=True)

    @app_commands.command(name="unwatch")
    @app_commands.guild_only()
    @app_commands.describe(countries="A watched pair")
    @app_commands.autocomplete(countries=watch_choices)
    @app_commands.default_permissions(manage_guild=True)
    @knowledge_admin_only()
    async def unwatch(self, interaction: discord.Interaction, countries: str) -> None:
        """Stop the alerts for a pair of countries (admins only)."""
        await interaction.response.defer(thinking=True)
        gone = await asyncio.to_thread(self.bot.knowledge.unwatch_pair, countries, scope=str(interaction.guild_id),
                                       actor=_actor(interaction))
        await reply(interaction, clip(f"🗑️ No longer watching **{gone.pair_text}**.", CONTENT_LIMIT))

    @digest.command(name="now")
    @app_commands.describe(countries="Two countries (else the watched pairs)", since="YYYY-MM-DD (else a week ago)")
    async def digest_now(self, interaction: discord.Interaction, countries: str | None = None,
                         since: str | None = None) -> None:
        """What arrived for the watched pairs: new visits, agreements, officials and key sentences, cited."""
        start = parse_day(since, "since") or (datetime.now(UTC) - timedelta(days=self.bot.settings.watch.digest_default_days))
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.knowledge.digest, str(interaction.guild_id), since=start,
                                         countries=countries or "")
        await send_answer(interaction, answer, heading=answer.question)

    @digest.command(name="schedule")
    @app_commands.describe(every="How often (off stops it)", channel="Where the digest is posted")
    @knowledge_admin_only()
    async def digest_schedule(self, interaction: discord.Interaction, every: Literal["daily", "weekly", "off"],
                              channel: discord.TextChannel | None = None) -> None:
        """Post the watched pairs' digest daily or weekly in a channel (admins only)."""
        target = channel or interaction.channel
        await interaction.response.defer(thinking=True)
        schedule = await asyncio.to_thread(self.bot.knowledge.schedule_digest, every, scope=str(interaction.guild_id),
                                           channel_id=str(getattr(target, "id", "")), actor=_actor(interaction))
        text = (f"🗞️ The digest is posted {schedule.every} in <#{schedule.channel_id}>, starting from now."
                if schedule else "🗞️ No more scheduled digests here.")
        await reply(interaction, text)


def _actor(interaction: discord.Interaction) -> Actor:
    return Actor(id=str(interaction.user.id), name=interaction.user.name)


async def setup(bot: AttacheBot) -> None:
    await bot.add_cog(Watching(bot))
