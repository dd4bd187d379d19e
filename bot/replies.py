"""One way to answer an interaction, whether or not it was already acknowledged, and one way to turn an
error into what the user reads; never pings anyone."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import discord

from bot.knowledge.errors import KnowledgeError, lost_store

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()


async def reply(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    embeds: Sequence[discord.Embed] = (),
    ephemeral: bool = False,
    view: discord.ui.View | None = None,
    files: Sequence[discord.File] = (),
) -> discord.Message | None:
    """Send as the response if none was sent yet, else as a followup; returns the message when known."""
    shown = view if view is not None else discord.utils.MISSING  # MISSING: discord.py's "no view" default
    if not interaction.response.is_done():
        callback = await interaction.response.send_message(
            content, embeds=list(embeds), ephemeral=ephemeral, allowed_mentions=NO_PINGS, files=list(files), view=shown)
        # discord.py returns the created message with the callback: no extra GET of @original needed.
        resource = getattr(callback, "resource", None)
        return resource if isinstance(resource, discord.Message) else None
    return await interaction.followup.send(
        content if content is not None else discord.utils.MISSING, wait=True, embeds=list(embeds),
        ephemeral=ephemeral, allowed_mentions=NO_PINGS, files=list(files), view=shown)


def error_message(error: BaseException, where: str) -> str:
    """The one place an error becomes a user's message, for commands, buttons and chat questions alike:
    a lost store says so, domain errors say what to do, bugs get an honest line and a log entry."""
    if lost_store(error):
        log.warning("knowledge base unreachable where=%s error=%s", where, type(error).__name__)
        return "The knowledge base is unreachable right now; please try again in a minute."
    if isinstance(error, KnowledgeError):
        return error.user_message
    log.exception("failed where=%s", where, exc_info=error)
    return "Sorry, something went wrong on my side and I couldn't finish that. Please try again."
