"""/sources (paged) and /about: what the knowledge base holds."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.utils import scopes_for
from bot.render import list_pages, source_line
from bot.replies import reply

if TYPE_CHECKING:
    from bot.client import AttacheBot

PER_PAGE = 10


class Sources(commands.Cog):
    """The articles behind the answers."""

    def __init__(self, bot: AttacheBot) -> None:
        self.bot = bot

    @app_commands.command(name="sources")
    @app_commands.describe(page="Page number (10 articles a page)")
    async def sources(self, interaction: discord.Interaction, page: app_commands.Range[int, 1, 1000] = 1) -> None:
        """List the articles in the knowledge base, newest first."""
        await interaction.response.defer()  # the corpus snapshot may be rebuilding after an upload
        metas = await asyncio.to_thread(self.bot.knowledge.sources, scopes_for(interaction.guild))
        lines = [f"{source_line(None, m)} · `{m.article_id[:12]}`" + (" · this server" if m.scope != "global" else "")
                 for m in metas]
        pages = list_pages(f"Sources ({len(metas)} articles)", lines, per_page=PER_PAGE,
                           footer="/summary article for a summary")
        await reply(interaction, embeds=[pages[min(page, len(pages)) - 1]])

    @app_commands.command(name="about")
    async def about(self, interaction: discord.Interaction) -> None:
        """How many articles I know, from when to when, and which countries they cover."""
        await interaction.response.defer()
        overview = await asyncio.to_thread(self.bot.knowledge.about, scopes_for(interaction.guild))
        embed = discord.Embed(title="About Attaché", colour=discord.Colour.blurple(), description=(
            "I answer questions about ties between countries — visits, officials, cooperation — by quoting "
            "news articles, and every sentence cites its source. Ask with `/ask` or mention me."))
        span = (f"{overview.first.isoformat()} to {overview.last.isoformat()}"
                if overview.first and overview.last else "no dated articles")
        embed.add_field(name="Articles", value=f"{overview.articles} ({overview.chunks} passages)", inline=True)
        embed.add_field(name="Published", value=span, inline=True)
        countries = ", ".join(f"{name} ({count})" for name, count in overview.countries[:30]) or "none yet"
        embed.add_field(name="Countries covered", value=countries[:1024], inline=False)
        if overview.outlets:
            embed.add_field(name="Outlets", value=", ".join(overview.outlets)[:1024], inline=False)
        await reply(interaction, embeds=[embed])


async def setup(bot: AttacheBot) -> None:
    await bot.add_cog(Sources(bot))
