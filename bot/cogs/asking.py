"""Questions: mentions, replies to the bot, answer channels and /ask, each answered with citations."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.utils import AnswerView, EvidenceButton, parse_day, scopes_for, send_answer
from bot.knowledge.model import CitedAnswer
from bot.render import answer_pages
from bot.replies import NO_PINGS, error_message, reply

if TYPE_CHECKING:
    from bot.client import AttacheBot

log = logging.getLogger(__name__)

_CHAT_MESSAGES = (discord.MessageType.default, discord.MessageType.reply)


class QuestionCooldown:
    """Per-user rate limit shared by messages and /ask, so both ways of asking count the same."""

    def __init__(self, rate: int, per: float) -> None:
        self._rate = rate
        self._per = per
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def retry_after(self, user_id: int) -> float | None:
        if self._rate <= 0 or self._per <= 0:
            return None
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(self._rate, self._per))
        return bucket.update_rate_limit()


class Asking(commands.Cog):
    """Answers questions wherever people ask them."""

    def __init__(self, bot: AttacheBot) -> None:
        self.bot = bot
        settings = bot.settings.discord
        self.cooldown = QuestionCooldown(settings.question_cooldown_rate, settings.question_cooldown_seconds)
        self.answer_channels = set(settings.answer_channels)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(EvidenceButton)

    # --- chat messages -------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.bot.user is None or message.type not in _CHAT_MESSAGES:
            return  # joins, pins and other system messages are not questions
        if not self._is_addressed(message):
            return
        question = self._question_text(message)
        if not question:
            await message.reply("Ask me about visits, officials or cooperation between countries, e.g. "
                                "*who did Amir Baram meet in New Delhi?*", allowed_mentions=NO_PINGS)
            return
        wait = self.cooldown.retry_after(message.author.id)
        if wait:
            await message.reply(f"Easy there: you can ask again in {wait:.0f} s.", allowed_mentions=NO_PINGS)
            return
        replied_to = message.reference.message_id if message.reference else None
        previous = self.bot.memory.previous_question(message.channel.id, message.author.id, replied_to)
        try:
            async with message.channel.typing():
                answer = await asyncio.to_thread(
                    self.bot.knowledge.ask, question, scopes=scopes_for(message.guild), previous=previous
                )
        except Exception as error:  # never silent: every question ends in an answer or an honest line
            await message.reply(error_message(error, "chat question"), allowed_mentions=NO_PINGS)
            return
        sent = await self._send_answer_to_channel(message, answer)
        self.bot.memory.remember([m.id for m in sent], message.channel.id, message.author.id, answer)

    def _is_addressed(self, message: discord.Message) -> bool:
        assert self.bot.user is not None
        if message.guild is None:
            return True  # direct messages are always questions
        if self.bot.user in message.mentions:
            return True
        own_role = message.guild.self_role
        if own_role is not None and own_role in message.role_mentions:
            return True  # Discord's mention picker often offers the bot's managed role
        if message.channel.id in self.answer_channels or getattr(message.channel, "parent_id", None) in self.answer_channels:
            return True
        resolved = message.reference.resolved if message.reference else None
        return isinstance(resolved, discord.Message) and resolved.author.id == self.bot.user.id

    def _question_text(self, message: discord.Message) -> str:
        assert self.bot.user is not None
        text = re.sub(rf"<@!?{self.bot.user.id}>", " ", message.content)
        if message.guild is not None and message.guild.self_role is not None:
            text = text.replace(message.guild.self_role.mention, " ")
        return " ".join(text.split())

    async def _send_answer_to_channel(self, message: discord.Message, answer: CitedAnswer) -> list[discord.Message]:
        pages = answer_pages(answer)
        sent: list[discord.Message] = []
        for index, page in enumerate(pages):
            last = index == len(pages) - 1
            view = AnswerView(answer.quoted) if last and answer.citations else discord.utils.MISSING
            if index == 0:
                sent.append(await message.reply(embeds=list(page.embeds), view=view, allowed_mentions=NO_PINGS,
                                                mention_author=False))
            else:
                sent.append(await message.channel.send(embeds=list(page.embeds), view=view, allowed_mentions=NO_PINGS))
        return sent

    # --- /ask ----------------------------------------------------------------------------------

    @app_commands.command(name="ask")
    @app_commands.describe(
        question="What you want to know, e.g. who did Amir Baram meet in New Delhi?",
        country="Only articles about this country",
        since="Only articles published on or after this date (YYYY-MM-DD)",
        until="Only articles published on or before this date (YYYY-MM-DD)",
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 2, 500],
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> None:
        """Ask a question; the answer quotes the articles and cites each sentence."""
        wait = self.cooldown.retry_after(interaction.user.id)
        if wait:
            await reply(interaction, f"Easy there: you can ask again in {wait:.0f} s.", ephemeral=True)
            return
        start, end = parse_day(since, "since"), parse_day(until, "until")
        await interaction.response.defer(thinking=True)
        kb = self.bot.knowledge
        countries = [kb.gazetteer.canonical(country) or country.strip()] if country else []
        previous = self.bot.memory.previous_question(interaction.channel_id or 0, interaction.user.id, None)
        answer = await asyncio.to_thread(kb.ask, question, scopes=scopes_for(interaction.guild), countries=countries,
                                         since=start, until=end, previous=previous)
        await send_answer(interaction, answer)


async def setup(bot: AttacheBot) -> None:
    await bot.add_cog(Asking(bot))
