"""The one real check for who may change the knowledge base (uploads, links, feeds, watches, digests):
Manage Server, or the configured admin role. Cogs import it from here, never from each other."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.client import AttacheBot

_Command = TypeVar("_Command")


class NotKnowledgeAdmin(app_commands.CheckFailure):
    def __init__(self, role: str) -> None:
        super().__init__(f"Only members with **Manage Server** or the **{role}** role can change the knowledge "
                         "base. Nothing was changed.")


def knowledge_admin_only() -> Callable[[_Command], _Command]:
    """The real check; `default_permissions` is only Discord's hint for who sees the commands."""

    def predicate(interaction: discord.Interaction) -> bool:
        bot: AttacheBot = interaction.client  # type: ignore[assignment]
        role = bot.settings.discord.admin_role
        member = interaction.user
        if interaction.guild is None or not isinstance(member, discord.Member):
            raise NotKnowledgeAdmin(role)
        if interaction.permissions.manage_guild:
            return True
        if any(r.name == role or str(r.id) == role for r in member.roles):
            return True
        raise NotKnowledgeAdmin(role)

    return app_commands.check(predicate)
