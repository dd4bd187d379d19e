"""/officials, /visits, /cooperation and /timeline: structured views, every line cited to its sentence."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.utils import parse_day, scopes_for, send_answer

if TYPE_CHECKING:
    from bot.client import AttacheBot
    from bot.knowledge.model import CitedAnswer


async def area_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    bot: AttacheBot = interaction.client  # type: ignore[assignment]
    wanted = current.casefold().strip()
    names = [a.name for a in bot.knowledge.catalog.areas]
    return [app_commands.Choice(name=n, value=n) for n in names if wanted in n.casefold()][:25]


class Facts(commands.Cog):
    """Who visited whom, which officials, which areas: from facts extracted at ingestion."""

    def __init__(self, bot: AttacheBot) -> None:
        self.bot = bot

    @app_commands.command(name="officials")
    @app_commands.describe(country="Only officials of this country", name="Part of a name, e.g. Baram")
    async def officials(self, interaction: discord.Interaction, country: str | None = None,
                        name: str | None = None) -> None:
        """Officials named in the articles, with titles and organisations, each cited."""
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.knowledge.officials, scopes_for(interaction.guild),
                                         country=country, name=name)
        await self._send(interaction, answer)

    @app_commands.command(name="visits")
    @app_commands.describe(country="Visits by or to this country", since="YYYY-MM-DD", until="YYYY-MM-DD")
    async def visits(self, interaction: discord.Interaction, country: str | None = None,
                     since: str | None = None, until: str | None = None) -> None:
        """Who visited whom and when, with whom they met, each cited."""
        start, end = parse_day(since, "since"), parse_day(until, "until")
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.knowledge.visits, scopes_for(interaction.guild), country=country,
                                         since=start, until=end)
        await self._send(interaction, answer)

    @app_commands.command(name="cooperation")
    @app_commands.describe(area="A cooperation area, e.g. R&D (leave empty for all areas)",
                           since="YYYY-MM-DD", until="YYYY-MM-DD")
    @app_commands.autocomplete(area=area_choices)
    async def cooperation(self, interaction: discord.Interaction, area: str | None = None,
                          since: str | None = None, until: str | None = None) -> None:
        """Areas in which the countries cooperate, or where one area comes up, each cited."""
        start, end = parse_day(since, "since"), parse_day(until, "until")
        await interaction.response.defer(thinking=True)
        answer = await asyncio.to_thread(self.bot.knowledge.cooperation, scopes_for(interaction.guild), area=area,
                                         since=start, until=end)
        await self._send(interaction, answer)

    @app_commands.command(name="timeline")
    @app_commands.describe(countries="One or two countries, e.g. India, Israel", since="YYYY-MM-DD")
    async def timeline(self, interaction: discord.Interaction, countries: str | None = None,
                       since: str | None = None) -> None:
        """Dated visits, agreements and events as cited lines and a chart."""
        start = parse_day(since, "since")
        names = [c.strip() for c in (countries or "").replace(" and ", ",").split(",") if c.strip()]
        await interaction.response.defer(thinking=True)
        answer, png = await asyncio.to_thread(self.bot.knowledge.timeline, scopes_for(interaction.guild),
                                              countries=names, since=start)
        chart = discord.File(io.BytesIO(png), filename="timeline.png", description=answer.question[:1000])
        await send_answer(interaction, answer, heading=answer.question, files=[chart])

    async def _send(self, interaction: discord.Interaction, answer: CitedAnswer) -> None:
        await send_answer(interaction, answer, heading=answer.question)


async def setup(bot: AttacheBot) -> None:
    await bot.add_cog(Facts(bot))
