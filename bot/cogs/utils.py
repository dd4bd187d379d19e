"""What every cog shares: reading scopes and dates from an interaction, and sending a cited answer with
its Show evidence button. Cogs import this module, never each other."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import discord

from bot.knowledge.errors import KnowledgeError
from bot.knowledge.model import GLOBAL_SCOPE, ArticleMeta, Citation, CitedAnswer
from bot.render import answer_pages, evidence_pages, quotes_from_text
from bot.replies import reply

if TYPE_CHECKING:
    from bot.client import AttacheBot

EVIDENCE_ID = "attache:evidence"


def scopes_for(guild: discord.abc.Snowflake | None) -> tuple[str, ...]:
    """The shipped knowledge everywhere, plus the server's own uploads inside that server."""
    return (GLOBAL_SCOPE, str(guild.id)) if guild else (GLOBAL_SCOPE,)


def parse_day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD option; anything else is the user's mistake, told as such."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        raise KnowledgeError(f"`{name}` must be a date like 2025-07-22.") from error


async def send_answer(
    interaction: discord.Interaction, answer: CitedAnswer, heading: str | None = None,
    files: list[discord.File] | None = None,
) -> list[discord.Message]:
    """Every page of the answer; the evidence button and any files go with the last page. The bot
    remembers the answer, so Show evidence and follow-up questions find it."""
    bot: AttacheBot = interaction.client  # type: ignore[assignment]
    pages = answer_pages(answer, heading=heading)
    sent: list[discord.Message] = []
    for index, page in enumerate(pages):
        last = index == len(pages) - 1
        view = AnswerView(answer.quoted) if last and answer.citations else None
        embeds = list(page.embeds)
        if last and files:
            embeds[-1].set_image(url=f"attachment://{files[0].filename}")
        message = await reply(interaction, embeds=embeds, view=view, files=files if last and files else ())
        if message is not None:
            sent.append(message)
    if sent:
        bot.memory.remember([m.id for m in sent], interaction.channel_id or 0, interaction.user.id, answer)
    return sent


class EvidenceButton(discord.ui.DynamicItem[discord.ui.Button], template=r"attache:evidence(?P<worded>:worded)?"):
    """Show evidence. It survives restarts: a quoted answer's quotes can be read back from its message;
    a view's lines or a model's wording cannot, so those say the evidence is gone rather than guess."""

    def __init__(self, quoted: bool = True) -> None:
        self.quoted = quoted
        super().__init__(discord.ui.Button(label="Show evidence", style=discord.ButtonStyle.secondary,
                                           custom_id=EVIDENCE_ID if quoted else f"{EVIDENCE_ID}:worded", emoji="🔎"))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item, match: re.Match[str]
                             ) -> EvidenceButton:
        return cls(quoted=not match["worded"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: AttacheBot = interaction.client  # type: ignore[assignment]
        try:
            await self._show(bot, interaction)
        except Exception as error:  # buttons have no command tree: their errors join the same funnel here
            await bot.report_error(interaction, error, "Show evidence")

    async def _show(self, bot: AttacheBot, interaction: discord.Interaction) -> None:
        message = interaction.message
        answer = bot.memory.answer_for_message(message.id) if message else None
        if answer is None and not self.quoted:
            await reply(interaction, "I no longer have the quotes behind that answer (I have restarted since). "
                        "Ask again and the new answer's Show evidence will have them.", ephemeral=True)
            return
        citations = list(answer.citations) if answer else (_citations_from_message(message) if message else [])
        for page in evidence_pages(citations):
            await reply(interaction, embeds=page.embeds, ephemeral=True)


def _citations_from_message(message: discord.Message) -> list[Citation]:
    """After a restart the memory is empty: read the quotes and sources back from the answer's embeds."""
    text = " ".join(e.description or "" for e in message.embeds)
    sources: dict[int, ArticleMeta] = {}
    for embed in message.embeds:
        for field in embed.fields:
            for line in (field.value or "").splitlines():
                match = re.match(r"\*\*\[(\d+)\]\*\* (?:\[(.+?)\]\((\S+?)\)|(.+?)) — (.*)", line)
                if match:
                    title = match.group(2) or match.group(4) or ""
                    outlet, _, published = match.group(5).rpartition(", ")
                    sources[int(match.group(1))] = ArticleMeta(
                        article_id="", title=title, url=match.group(3) or "", outlet=outlet,
                        published=date.fromisoformat(published) if re.match(r"\d{4}-\d\d-\d\d$", published) else None,
                    )
    return [Citation(n=n, article=sources.get(n, ArticleMeta("", "unknown source")), quote=quote)
            for n, quote in quotes_from_text(text)]


class AnswerView(discord.ui.View):
    """The Show evidence button under an answer; persistent, so it works after a restart."""

    def __init__(self, quoted: bool = True) -> None:
        super().__init__(timeout=None)
        self.add_item(EvidenceButton(quoted))
