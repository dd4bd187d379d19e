"""/summary of an article, a topic or a pair of countries, cited like an answer."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.utils import parse_day, scopes_for, send_answer

if TYPE_CHECKING:
    from bot.client import AttacheBot
    from bot.knowledge.model import CitedAnswer


async def article_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Articles visible here whose title, outlet or date matches what was typed (25 at most, Discord's cap)."""
    bot: AttacheBot = interaction.client  # type: ignore[assignment]
    metas = await asyncio.to_thread(bot.knowledge.sources, scopes_for(interaction.guild))
    wanted = current.casefold().strip()
    matches = [m for m in metas if wanted in f"{m.title} {m.outlet} {m.published_text}".casefold()]
    return [app_commands.Choice(name=f"{m.published_text} · {m.title}"[:100], value=m.article_id)
            for m in matches[:25]]


class Summaries(commands.GroupCog, group_name="summary"):
    """Summaries quoted from the articles."""

    def __init__(self, bot: AttacheBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="article")
    @app_commands.describe(article="Start typing a title")
    @app_commands.autocomplete(article=article_choices)
    async def article(self, interaction: discord.Interaction, article: str) -> None:
        """Summarise one article in its own words, with citations."""
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.knowledge.summarize_article, article, scopes_for(interaction.guild))
        title = answer.citations[0].article.title if answer.citations else "Summary"
        await self._send(interaction, answer, f"Summary: {title}")

    @app_commands.command(name="topic")
    @app_commands.describe(topic="e.g. defence manufacturing, water projects", since="YYYY-MM-DD", until="YYYY-MM-DD")
    async def topic(self, interaction: discord.Interaction, topic: app_commands.Range[str, 2, 200],
                    since: str | None = None, until: str | None = None) -> None:
        """Summarise what the articles say about a topic, with citations."""
        start, end = parse_day(since, "since"), parse_day(until, "until")
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.knowledge.summarize_topic, topic, scopes_for(interaction.guild),
                                         since=start, until=end)
        await self._send(interaction, answer, f"Summary: {topic}")

    @app_commands.command(name="countries")
    @app_commands.describe(first="A country, e.g. India", second="Another country, e.g. Israel",
                           since="YYYY-MM-DD", until="YYYY-MM-DD")
    async def countries(self, interaction: discord.Interaction, first: str, second: str,
                        since: str | None = None, until: str | None = None) -> None:
        """Summarise the ties between two countries, with citations."""
        start, end = parse_day(since, "since"), parse_day(until, "until")
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.knowledge.summarize_pair, first, second,
                                         scopes_for(interaction.guild), since=start, until=end)
        await self._send(interaction, answer, answer.question)

    async def _send(self, interaction: discord.Interaction, answer: CitedAnswer, heading: str) -> None:
        await send_answer(interaction, answer, heading=heading)


async def setup(bot: AttacheBot) -> None:
    await bot.add_cog(Summaries(bot))
