"""The discord.py Bot: owns the knowledge base, loads one cog per feature, funnels errors to friendly lines."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.conversation import ConversationMemory
from bot.replies import NO_PINGS, error_message, reply
from bot.services import KnowledgeBase, build_knowledge_base

log = logging.getLogger(__name__)

COGS = ("bot.cogs.asking", "bot.cogs.summaries", "bot.cogs.sources", "bot.cogs.knowledge_admin", "bot.cogs.facts",
        "bot.cogs.watching")


class AttacheBot(commands.Bot):
    """Everything the bot needs is passed in; the knowledge base is built in setup_hook, off the event loop."""

    def __init__(self, settings: Settings, knowledge: KnowledgeBase | None = None) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        intents.message_content = True
        super().__init__(
            command_prefix=commands.when_mentioned,  # no prefix commands; mentions are questions
            intents=intents,
            allowed_mentions=NO_PINGS,
            help_command=None,
        )
        self.settings = settings
        self._knowledge = knowledge
        self.memory = ConversationMemory()  # answers by message: follow-ups and Show evidence, from any cog
        self.tree.error(self.on_app_command_error)

    @property
    def knowledge(self) -> KnowledgeBase:
        if self._knowledge is None:
            raise RuntimeError("the knowledge base is built in setup_hook")
        return self._knowledge

    async def setup_hook(self) -> None:
        if self._knowledge is None:
            self._knowledge = await asyncio.to_thread(build_knowledge_base, self.settings)
        await asyncio.to_thread(self._knowledge.retriever.snapshot)  # warm: the first question is fast
        for extension in COGS:
            await self.load_extension(extension)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        guild_id = self.settings.discord.guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced commands to guild guild_id=%s count=%d", guild_id, len(synced))
        else:
            synced = await self.tree.sync()
            log.info("synced commands globally count=%d (can take up to an hour to appear)", len(synced))

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: a mention is a question, handled by the Asking cog's listener."""

    async def on_ready(self) -> None:
        log.info("ready user=%s guilds=%d", self.user, len(self.guilds))

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Slash commands' errors, into the one funnel below."""
        if isinstance(error, app_commands.CommandOnCooldown):
            await self._tell(interaction, f"Easy there: you can ask again in {error.retry_after:.0f} s.")
        elif isinstance(error, app_commands.CheckFailure):
            await self._tell(interaction, str(error) or "You can't use this command here.")
        else:
            await self.report_error(interaction, getattr(error, "original", error),
                                    getattr(interaction.command, "qualified_name", "?"))

    async def report_error(self, interaction: discord.Interaction, error: BaseException, where: str) -> None:
        """An interaction's error (slash command or button), told privately to whoever used it."""
        await self._tell(interaction, error_message(error, where))

    async def _tell(self, interaction: discord.Interaction, message: str) -> None:
        try:
            await reply(interaction, message, ephemeral=True)
        except discord.HTTPException:
            log.exception("could not report an error to the user")


async def serve(settings: Settings, knowledge: KnowledgeBase | None = None) -> str | None:
    """Run the bot until it stops; a start-up problem the operator must fix comes back as one sentence."""
    bot = AttacheBot(settings, knowledge)
    try:
        async with bot:
            await bot.start(settings.discord.token)
    except discord.LoginFailure:
        return ("Discord rejected DISCORD_TOKEN: copy the bot token again from the Developer Portal "
                "(Bot → Reset Token) into .env.")
    except discord.PrivilegedIntentsRequired:
        return ("Enable the Message Content intent for the bot in the Developer Portal (Bot → Privileged "
                "Gateway Intents), then start it again.")
    except (TimeoutError, aiohttp.ClientConnectionError, OSError) as error:
        log.debug("could not reach Discord", exc_info=error)
        return (f"Could not reach Discord ({type(error).__name__}): check this machine's network connection, "
                "then start the bot again.")
    return None


def run_bot(settings: Settings) -> int:
    """Start the bot; a missing or rejected token is one clear sentence, not a traceback."""
    if not settings.discord.token:
        print("DISCORD_TOKEN is not set: put it in .env (see config/.env.example) or the environment.")
        return 2
    try:
        problem = asyncio.run(serve(settings))
    except KeyboardInterrupt:
        return 0
    if problem:
        print(problem)
        return 2
    return 0
