"""Self-tests for the loopback Discord emulator, driven by a real discord.py bot.

The probe bot below exercises every surface the project's bot relies on; each test
asserts on what reached the emulator and on what the bot itself observed.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import io
import logging
import struct
import time
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from tests.emulator import (
    ChannelRecord,
    DiscordEmulator,
    GuildRecord,
    MemberRecord,
    MessageRecord,
    OptionError,
    Overwrite,
    Permission,
    RoleRecord,
    eventually,
    run_client,
)
from tests.emulator.harness import emu_fixture  # noqa: F401  (pytest fixture "emu")

log = logging.getLogger(__name__)

pytestmark = pytest.mark.asyncio

ARTICLES = ["france-germany-treaty", "japan-korea-summit", "brazil-argentina-trade", "france-italy-border"]
BLOCK_SECONDS = 1.3


def make_png() -> bytes:
    """A valid 1x1 PNG, built here so the bytes round-trip is checked on real image data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PNG = make_png()


# -- the probe bot -------------------------------------------------------------------


def default_intents() -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.message_content = True
    return intents


class PanelView(discord.ui.View):
    def __init__(self, bot: ProbeBot) -> None:
        super().__init__(timeout=None)
        self.bot = bot

    @discord.ui.button(label="Approve", custom_id="panel:approve", style=discord.ButtonStyle.success)
    async def approve(self, interaction: discord.Interaction, button: discord.ui.Button[PanelView]) -> None:
        self.bot.clicks.append(("approve", interaction.user.id))
        await interaction.response.edit_message(content=f"approved by {interaction.user.name}", view=None)

    @discord.ui.button(label="Details", custom_id="panel:details")
    async def details(self, interaction: discord.Interaction, button: discord.ui.Button[PanelView]) -> None:
        self.bot.clicks.append(("details", interaction.user.id))
        await interaction.response.send_message("details for you only", ephemeral=True)

    @discord.ui.button(label="Later", custom_id="panel:later")
    async def later(self, interaction: discord.Interaction, button: discord.ui.Button[PanelView]) -> None:
        self.bot.clicks.append(("later", interaction.user.id))
        await interaction.response.defer()
        await interaction.edit_original_response(content="postponed")

    @discord.ui.select(
        custom_id="panel:topic",
        options=[
            discord.SelectOption(label="Trade", value="trade"),
            discord.SelectOption(label="Border", value="border"),
        ],
    )
    async def topic(self, interaction: discord.Interaction, select: discord.ui.Select[PanelView]) -> None:
        self.bot.clicks.append((f"topic:{','.join(select.values)}", interaction.user.id))
        await interaction.response.send_message(f"topic {select.values[0]}", ephemeral=True)

    @discord.ui.button(label="Off", custom_id="panel:off", disabled=True)
    async def off(self, interaction: discord.Interaction, button: discord.ui.Button[PanelView]) -> None:
        self.bot.clicks.append(("off", interaction.user.id))


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(label="Your feedback", custom_id="feedback:text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


class ProbeBot(commands.Bot):
    """A throwaway bot covering messages, typing, embeds, files, views, modals and app commands."""

    def __init__(self, *, guild_id: int, intents: discord.Intents | None = None) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents or default_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.guild_id = guild_id
        self.seen: list[discord.Message] = []
        self.clicks: list[tuple[str, int]] = []
        self.uploads: list[tuple[str, bytes]] = []
        self.joined: list[int] = []
        self.callbacks: list[discord.InteractionCallbackResponse[ProbeBot]] = []
        self.setup_done = False
        register_commands(self)

    async def setup_hook(self) -> None:
        await self.tree.sync()
        await self.tree.sync(guild=discord.Object(self.guild_id))
        self.setup_done = True

    async def on_guild_join(self, guild: discord.Guild) -> None:
        self.joined.append(guild.id)

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen.append(message)
        if self.user is None or self.user not in message.mentions:
            return
        text = message.content
        if "embed" in text:
            embed = discord.Embed(title="Summary", description="Two countries signed a treaty.")
            embed.add_field(name="Source", value="[1] example.org")
            await message.channel.send(embed=embed)
        elif "file" in text:
            await message.reply("chart attached", file=discord.File(io.BytesIO(PNG), filename="chart.png"))
        elif "edit" in text:
            sent = await message.channel.send("draft")
            await sent.edit(content="final")
        elif "delete" in text:
            sent = await message.channel.send("temporary")
            await sent.delete()
        elif "react" in text:
            await message.add_reaction("\N{THUMBS UP SIGN}")
        elif "fetch" in text:
            fetched = await message.channel.fetch_message(message.id)
            channel = await self.fetch_channel(message.channel.id)
            await message.reply(f"fetched {fetched.id} from #{channel.name}")
        elif "reply-check" in text:
            ref = message.reference.resolved if message.reference else None
            author = ref.author.id if isinstance(ref, discord.Message) else None
            await message.reply(f"you replied to {author}")
        else:
            async with message.channel.typing():
                await message.reply(f"pong: {text}")


def register_commands(bot: ProbeBot) -> None:
    tree = bot.tree

    @tree.command(name="ask", description="Ask a question")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        embed = discord.Embed(title="Answer", description=question.upper())
        bot.callbacks.append(await interaction.response.send_message(f"Q: {question}", embed=embed))

    @tree.command(name="upload", description="Upload a document")
    async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        bot.uploads.append((file.filename, data))
        digest = hashlib.sha256(data).hexdigest()[:12]
        await interaction.response.send_message(f"{file.filename}: {len(data)} bytes {digest}", ephemeral=True)

    async def article_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=a.replace("-", " "), value=a) for a in ARTICLES if current in a]

    @tree.command(name="summary", description="Summarise an article")
    @app_commands.autocomplete(article=article_choices)
    async def summary(interaction: discord.Interaction, article: str) -> None:
        await interaction.response.send_message(f"summary of {article}")

    @tree.command(name="slow", description="Deferred answer")
    async def slow(interaction: discord.Interaction, private: bool = False) -> None:
        await interaction.response.defer(thinking=True, ephemeral=private)
        await asyncio.sleep(0.05)
        await interaction.followup.send("slow result")
        await interaction.followup.send("second part")

    @tree.command(name="draft", description="Deferred then edited")
    async def draft(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="draft v1")
        original = await interaction.original_response()
        await interaction.edit_original_response(content=f"{original.content} -> v2")

    @tree.command(name="report", description="Followups with files, edits and deletes")
    async def report(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        await interaction.followup.send("report ready", file=discord.File(io.BytesIO(PNG), filename="report.png"))
        extra = await interaction.followup.send("extra", wait=True)
        csv = discord.File(io.BytesIO(b"a,b\n1,2\n"), filename="data.csv")
        await extra.edit(content="extra (edited)", attachments=[csv])
        await extra.delete()
        await interaction.delete_original_response()

    @tree.command(name="silent", description="Never answers")
    async def silent(interaction: discord.Interaction) -> None:
        bot.clicks.append(("silent", interaction.user.id))

    @tree.command(name="chart", description="Send a chart")
    async def chart(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("here", file=discord.File(io.BytesIO(PNG), filename="chart.png"))

    @tree.command(name="panel", description="Show buttons")
    async def panel(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Pick one", view=PanelView(bot))

    @tree.command(name="whois", description="Describe a member")
    async def whois(interaction: discord.Interaction, member: discord.Member, weight: float = 1.0) -> None:
        roles = sorted(r.name for r in member.roles if not r.is_default())
        await interaction.response.send_message(f"{member.name} roles={roles} weight={weight}")

    @tree.command(name="feedback", description="Open a form")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FeedbackModal())

    @tree.command(name="block", description="Blocks the event loop (deliberately bad)")
    async def block(interaction: discord.Interaction) -> None:
        time.sleep(BLOCK_SECONDS)
        await interaction.response.send_message("blocked")

    @tree.command(name="local", description="Guild-only command", guild=discord.Object(bot.guild_id))
    async def local(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"local to {interaction.guild_id}")

    knowledge = app_commands.Group(name="knowledge", description="Manage the knowledge base")

    @knowledge.command(name="upload", description="Add a document")
    async def knowledge_upload(interaction: discord.Interaction, file: discord.Attachment, note: str = "") -> None:
        data = await file.read()
        await interaction.response.send_message(f"stored {file.filename} ({len(data)} B) note={note!r}")

    @knowledge.command(name="list", description="List documents")
    async def knowledge_list(
        interaction: discord.Interaction, limit: app_commands.Range[int, 1, 50] = 10, verbose: bool = False
    ) -> None:
        await interaction.response.send_message(f"limit={limit} verbose={verbose}", ephemeral=True)

    admin = app_commands.Group(name="admin", description="Administration", parent=knowledge)

    @admin.command(name="purge", description="Delete everything")
    async def purge(interaction: discord.Interaction, confirm: bool) -> None:
        if not interaction.permissions.manage_guild:
            await interaction.response.send_message("denied", ephemeral=True)
            return
        await interaction.response.send_message(f"purged={confirm}", ephemeral=True)

    tree.add_command(knowledge)


# -- world & helpers -----------------------------------------------------------------


@dataclass(frozen=True)
class World:
    guild: GuildRecord
    channel: ChannelRecord
    admin_role: RoleRecord
    alice: MemberRecord
    bob: MemberRecord


def build_world(emu: DiscordEmulator) -> World:
    guild = emu.add_guild("Alpha")
    channel = emu.add_text_channel(guild, "general", topic="talk")
    admin_role = emu.add_role(guild, "Knowledge Admin", permissions=0)
    alice = emu.add_member(
        guild, "alice", roles=[admin_role], permissions=int(Permission.MANAGE_GUILD | Permission.VIEW_CHANNEL)
    )
    bob = emu.add_member(guild, "bob")
    return World(guild=guild, channel=channel, admin_role=admin_role, alice=alice, bob=bob)


@asynccontextmanager
async def running(emu: DiscordEmulator, **bot_kwargs: object) -> AsyncIterator[tuple[World, ProbeBot]]:
    world = build_world(emu)
    bot = ProbeBot(guild_id=world.guild.id, **bot_kwargs)  # type: ignore[arg-type]
    async with run_client(emu, bot):
        yield world, bot


# -- connection, READY, registration -------------------------------------------------


async def test_ready_guild_create_and_command_registration(emu: DiscordEmulator) -> None:
    original_base = Route.BASE
    original_gateway = DiscordWebSocket.DEFAULT_GATEWAY
    async with running(emu) as (world, bot):
        assert emu.api_base == Route.BASE
        assert bot.setup_done, "run_client must return only after setup_hook finished"
        assert bot.user is not None and bot.user.id == emu.bot_user.id
        assert bot.application_id == emu.application_id
        guild = bot.get_guild(world.guild.id)
        assert guild is not None and guild.name == "Alpha"
        assert [c.name for c in guild.text_channels] == ["general"]
        assert guild.me is not None and guild.me.guild_permissions.send_messages
        assert guild.member_count == 3  # bot, alice, bob; but only the bot member is sent
        assert {m.id for m in guild.members} == {emu.bot_user.id}  # no members intent
        assert {r.name for r in guild.roles} >= {"@everyone", "Knowledge Admin"}

        await emu.wait_until_connected(timeout=1)
        await emu.wait_for_commands(["ask", "knowledge"], timeout=1)
        global_names = {c.name for c in emu.registered_commands()}
        assert {"ask", "upload", "summary", "slow", "panel", "knowledge", "feedback"} <= global_names
        assert "local" not in global_names
        assert [c.name for c in emu.registered_commands(world.guild)] == ["local"]
        knowledge = next(c for c in emu.registered_commands() if c.name == "knowledge")
        assert {o["name"] for o in knowledge.options} == {"upload", "list", "admin"}

        identify = emu.identifies[-1]
        assert identify.token == "test-token"
        assert identify.intents == default_intents().value
        assert emu.requests_to("GET", "/users/@me")[0].authorization == "Bot test-token"
        assert emu.requests_to("GET", "/applications/@me")
        assert len(emu.requests_to("PUT", "/commands")) == 2
        fetched = await bot.tree.fetch_commands()
        assert {c.name for c in fetched} == global_names
        assert {c.id for c in fetched} == {c.id for c in emu.registered_commands()}
        assert [c.name for c in await bot.tree.fetch_commands(guild=discord.Object(world.guild.id))] == ["local"]
    assert original_base == Route.BASE
    assert original_gateway == DiscordWebSocket.DEFAULT_GATEWAY


async def test_world_changes_after_ready_reach_the_bot(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, bot):
        later = emu.add_text_channel(world.guild, "late-channel")
        role = emu.add_role(world.guild, "Late Role", permissions=int(Permission.MANAGE_MESSAGES))
        beta = emu.add_guild("Beta")
        await emu.flush()
        await eventually(lambda: bot.get_channel(later.id) is not None and beta.id in bot.joined)
        guild = bot.get_guild(world.guild.id)
        assert guild is not None
        assert bot.get_channel(later.id) is not None
        assert guild.get_role(role.id) is not None
        assert beta.id in bot.joined


async def test_members_intent_gets_full_member_list_via_chunking(emu: DiscordEmulator) -> None:
    intents = default_intents()
    intents.members = True
    async with running(emu, intents=intents) as (world, bot):
        guild = bot.get_guild(world.guild.id)
        assert guild is not None
        assert guild.chunked
        assert {m.name for m in guild.members} == {"Attaché", "alice", "bob"}
        newcomer = emu.add_member(world.guild, "carol")
        await emu.flush()
        await eventually(lambda: guild.get_member(newcomer.id) is not None)
        assert guild.get_member(newcomer.id) is not None


async def test_wrong_token_is_rejected() -> None:
    async with DiscordEmulator(token="right-token") as emu:
        world = build_world(emu)
        bot = ProbeBot(guild_id=world.guild.id)
        with pytest.raises(discord.LoginFailure):
            async with run_client(emu, bot, token="wrong-token"):
                pytest.fail("must not become ready")
        assert not bot.http._HTTPClient__session or bot.http._HTTPClient__session.closed  # type: ignore[attr-defined]


# -- messages ------------------------------------------------------------------------


async def test_on_message_reply_with_typing_mentions_and_allowed_mentions(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, bot):
        msg = await emu.post_user_message(world.channel, world.alice, "hello @everyone", mention_bot=True)
        assert msg.content.startswith(emu.bot_user.mention)
        assert msg.mentions == (emu.bot_user.id,)
        assert not msg.mention_everyone  # alice lacks MENTION_EVERYONE
        [reply] = await emu.wait_for_bot_messages(world.channel, count=1, after=msg)

        assert reply.content == f"pong: {msg.content}"
        assert reply.reply_to == msg.id
        assert reply.type == 19
        assert reply.allowed_mentions == {"parse": []}
        assert reply.mentions == ()  # nobody pinged, not even the replied-to author
        assert bot.seen[-1].content == msg.content
        assert bot.seen[-1].author.id == world.alice.id

        first_typing = await emu.wait_for_typing(world.channel, timeout=1)
        typing = emu.typing_in(world.channel)
        assert typing == [first_typing]
        post = emu.requests_to("POST", f"/channels/{world.channel.id}/messages")[-1]
        assert typing[0].at <= post.at

        herald = emu.add_member(world.guild, "herald", permissions=int(Permission.MENTION_EVERYONE))
        announcement = await emu.post_user_message(world.channel, herald, f"@everyone meet {world.alice.mention}")
        assert announcement.mention_everyone and announcement.mentions == (world.alice.id,)
        await eventually(lambda: bot.seen[-1].id == announcement.id)
        assert bot.seen[-1].mention_everyone
        assert [m.id for m in bot.seen[-1].mentions] == [world.alice.id]


async def test_message_content_intent_gates_content(emu: DiscordEmulator) -> None:
    intents = default_intents()
    intents.message_content = False
    async with running(emu, intents=intents) as (world, bot):
        await emu.post_user_message(world.channel, world.bob, "secret words")
        mentioned = await emu.post_user_message(world.channel, world.bob, "visible", mention_bot=True)
        await emu.wait_for_bot_messages(world.channel, count=1, after=mentioned)
        assert [m.content for m in bot.seen] == ["", mentioned.content]


async def test_embed_and_file_replies_and_cdn_download(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        first = await emu.post_user_message(world.channel, world.alice, "embed please", mention_bot=True)
        [embed_msg] = await emu.wait_for_bot_messages(world.channel, after=first)
        assert embed_msg.content == ""
        [embed] = embed_msg.embeds
        assert embed["title"] == "Summary"
        assert embed["fields"] == [{"name": "Source", "value": "[1] example.org", "inline": True}]

        second = await emu.post_user_message(world.channel, world.alice, "file please", mention_bot=True)
        [file_msg] = await emu.wait_for_bot_messages(world.channel, after=second)
        [attachment] = file_msg.attachments
        assert (attachment.filename, attachment.content_type, attachment.data) == (
            "chart.png",
            "image/png",
            PNG,
        )
        assert file_msg.content == "chart attached" and file_msg.reply_to == second.id
        assert file_msg.payloads[0]["attachments"] == [{"id": 0, "filename": "chart.png"}]
        async with aiohttp.ClientSession() as session, session.get(attachment.url) as resp:
            assert resp.status == 200
            assert await resp.read() == PNG


async def test_edit_delete_react_and_fetch(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, bot):
        edit = await emu.post_user_message(world.channel, world.alice, "edit", mention_bot=True)
        [edited] = await emu.wait_for_bot_messages(world.channel, after=edit)
        await eventually(lambda: emu.get_message(edited.id).edit_count == 1, what="the edit")
        edited = emu.get_message(edited.id)
        assert edited.content == "final" and edited.edit_count == 1
        assert [p.get("content") for p in edited.payloads] == ["draft", "final"]

        delete = await emu.post_user_message(world.channel, world.alice, "delete", mention_bot=True)

        def deleted_after() -> list[MessageRecord]:
            return [m for m in emu.messages_in(world.channel) if m.id > delete.id and m.deleted]

        await eventually(deleted_after, what="the delete")
        gone = deleted_after()
        assert [m.content for m in gone] == ["temporary"]
        assert emu.bot_messages(world.channel, after=delete) == []

        react = await emu.post_user_message(world.channel, world.alice, "react", mention_bot=True)
        await eventually(lambda: emu.get_message(react.id).reactions)
        assert emu.get_message(react.id).reactions == ("\N{THUMBS UP SIGN}",)

        fetch = await emu.post_user_message(world.channel, world.alice, "fetch", mention_bot=True)
        [answer] = await emu.wait_for_bot_messages(world.channel, after=fetch)
        assert answer.content == f"fetched {fetch.id} from #general"


async def test_user_reply_to_bot_message_carries_referenced_message(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        first = await emu.post_user_message(world.channel, world.alice, "hi", mention_bot=True)
        [bot_msg] = await emu.wait_for_bot_messages(world.channel, after=first)
        ask = await emu.post_user_message(world.channel, world.alice, "reply-check", reply_to=bot_msg)
        assert ask.reply_to == bot_msg.id
        assert ask.mentions == (emu.bot_user.id,)  # replying pings the replied-to author by default
        [answer] = await emu.wait_for_bot_messages(world.channel, after=ask)
        assert answer.content == f"you replied to {emu.bot_user.id}"


async def test_rest_errors_are_discord_shaped_and_not_retried(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, bot):
        bot_member = emu.bot_member(world.guild)
        muted = emu.add_text_channel(
            world.guild,
            "read-only",
            overwrites=[Overwrite.for_member(bot_member, deny=int(Permission.SEND_MESSAGES))],
        )
        await emu.flush()
        await eventually(lambda: bot.get_channel(muted.id) is not None)
        channel = bot.get_channel(muted.id)
        assert isinstance(channel, discord.TextChannel)
        assert not channel.permissions_for(channel.guild.me).send_messages

        started = time.monotonic()
        with pytest.raises(discord.Forbidden) as forbidden:
            await channel.send("nope")
        assert forbidden.value.code == 50013

        general = bot.get_channel(world.channel.id)
        assert isinstance(general, discord.TextChannel)
        with pytest.raises(discord.HTTPException) as too_long:
            await general.send("x" * 2001)
        assert too_long.value.code == 50035 and too_long.value.status == 400

        with pytest.raises(discord.NotFound):
            await bot.http.request(Route("GET", "/guilds/{guild_id}/bans", guild_id=world.guild.id))
        assert time.monotonic() - started < 2.0, "errors must not trigger discord.py's retry sleeps"

        assert [(r.method, r.path) for r in emu.unknown_routes] == [("GET", f"/api/v10/guilds/{world.guild.id}/bans")]
        emu.unknown_routes.clear()  # deliberate; the fixture asserts it is empty at teardown


# -- slash commands ------------------------------------------------------------------


async def test_slash_command_with_string_option(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, bot):
        result = await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": "why?"})
        await result.wait_done(timeout=10)
        assert result.response_type == 4 and not result.deferred and not result.ephemeral
        [message] = result.messages
        assert message.content == "Q: why?"
        assert message.embeds[0]["description"] == "WHY?"
        assert message.allowed_mentions == {"parse": []}
        assert message.interaction_id == result.id
        assert emu.bot_messages(world.channel) == [message]
        [callback] = bot.callbacks  # discord.py parsed the with_response=true callback body
        assert callback.message_id == message.id
        assert isinstance(callback.resource, discord.InteractionMessage)
        assert callback.resource.content == "Q: why?"

        data = result.payload["data"]
        assert data["options"] == [{"type": 3, "name": "question", "value": "why?"}]
        assert "guild_id" not in data  # global command
        assert result.payload["member"]["permissions"] == str(int(Permission.MANAGE_GUILD | Permission.VIEW_CHANNEL))


async def test_guild_scoped_command_carries_guild_id(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        result = await emu.invoke_slash(world.guild, world.channel, world.bob, "local")
        await result.wait_done(timeout=10)
        assert result.payload["data"]["guild_id"] == str(world.guild.id)
        assert result.messages[0].content == f"local to {world.guild.id}"


async def test_slash_command_with_attachment_option(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, bot):
        doc = emu.make_attachment("notes.txt", b"bilateral ties\n" * 10)
        assert doc.content_type == "text/plain"
        result = await emu.invoke_slash(world.guild, world.channel, world.alice, "upload", {"file": doc})
        await result.wait_done(timeout=10)
        assert bot.uploads == [("notes.txt", doc.data)]
        assert result.ephemeral
        [message] = result.messages
        assert message.ephemeral and message.flags & 64
        digest = hashlib.sha256(doc.data).hexdigest()[:12]
        assert message.content == f"notes.txt: {len(doc.data)} bytes {digest}"
        resolved = result.payload["data"]["resolved"]["attachments"][str(doc.id)]
        assert resolved["url"] == doc.url and resolved["size"] == doc.size


async def test_autocomplete_returns_bot_choices(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        choices = await emu.autocomplete(
            world.guild, world.channel, world.alice, "summary", "article", partial="france"
        )
        assert [c.value for c in choices] == ["france-germany-treaty", "france-italy-border"]
        assert choices[0].name == "france germany treaty"
        [auto] = [r for r in emu.interactions if r.type == 4]
        assert auto.payload["data"]["options"] == [{"type": 3, "name": "article", "value": "france", "focused": True}]
        assert auto.response_type == 8
        assert await emu.autocomplete(world.guild, world.channel, world.alice, "summary", "article", "zzz") == []


async def test_defer_then_followups(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        result = await emu.invoke_slash(world.guild, world.channel, world.alice, "slow")
        await result.wait_responded(timeout=10)
        assert result.deferred and result.response_type == 5
        await result.wait_for_events(3, timeout=10)  # defer + 2 followups
        assert [m.content for m in result.messages] == ["slow result", "second part"]
        # Discord turns the "thinking" placeholder into the first followup.
        assert result.messages[0].id == result.original_message_id
        assert not result.messages[0].loading
        assert not any(m.ephemeral for m in result.messages)

        private = await emu.invoke_slash(world.guild, world.channel, world.bob, "slow", {"private": True})
        await private.wait_for_events(3, timeout=10)
        assert private.ephemeral
        first, second = private.messages
        assert first.ephemeral, "the first followup keeps the defer's ephemerality"
        assert not second.ephemeral


async def test_defer_then_edit_original(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        result = await emu.invoke_slash(world.guild, world.channel, world.alice, "draft")
        await result.wait_done(timeout=10)
        await result.wait_for_events(3, timeout=10)
        assert [e.kind for e in result.events] == ["deferred", "edit_original", "edit_original"]
        assert [m.content for m in result.messages] == ["draft v1", "draft v1 -> v2"]
        assert result.original is not None and result.original.content == "draft v1 -> v2"
        assert emu.requests_to("GET", "/messages/@original")


async def test_file_response_to_slash_command(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        result = await emu.invoke_slash(world.guild, world.channel, world.alice, "chart")
        await result.wait_done(timeout=10)
        [message] = result.messages
        assert message.content == "here"
        assert [(a.filename, a.data) for a in message.attachments] == [("chart.png", PNG)]


async def test_button_view_clicks(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, bot):
        panel = await emu.invoke_slash(world.guild, world.channel, world.alice, "panel")
        await panel.wait_done(timeout=10)
        [message] = panel.messages
        assert message.custom_ids() == ["panel:approve", "panel:details", "panel:later", "panel:off", "panel:topic"]

        details = await emu.click_button(message, "panel:details", world.bob)
        await details.wait_done(timeout=10)
        assert details.type == 3 and details.ephemeral
        assert details.messages[0].content == "details for you only"
        assert details.payload["message"]["id"] == str(message.id)

        later = await emu.click_button(message, "panel:later", world.bob)
        await later.wait_done(timeout=10)
        assert later.response_type == 6 and later.deferred
        assert [m.content for m in later.messages] == ["postponed"]
        assert emu.get_message(message.id).content == "postponed"

        topic = await emu.choose_select(message, "panel:topic", ["border"], world.bob)
        await topic.wait_done(timeout=10)
        assert topic.messages[0].content == "topic border"
        assert topic.payload["data"] == {"custom_id": "panel:topic", "component_type": 3, "values": ["border"]}
        with pytest.raises(ValueError, match="no option"):
            await emu.choose_select(message, "panel:topic", ["sports"], world.bob)

        approve = await emu.click_button(message, "panel:approve", world.alice)
        await approve.wait_done(timeout=10)
        assert approve.response_type == 7
        updated = emu.get_message(message.id)
        assert updated.content == "approved by alice" and updated.components == ()
        assert bot.clicks == [
            ("details", world.bob.id),
            ("later", world.bob.id),
            ("topic:border", world.bob.id),
            ("approve", world.alice.id),
        ]

        with pytest.raises(LookupError):
            await emu.click_button(updated, "panel:approve", world.alice)


async def test_disabled_button_cannot_be_clicked(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        panel = await emu.invoke_slash(world.guild, world.channel, world.alice, "panel")
        await panel.wait_done(timeout=10)
        with pytest.raises(ValueError, match="disabled"):
            await emu.click_button(panel.messages[0], "panel:off", world.alice)


async def test_modal_open_and_submit(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        opened = await emu.invoke_slash(world.guild, world.channel, world.alice, "feedback")
        await opened.wait_done(timeout=10)
        assert opened.response_type == 9 and opened.modal is not None
        assert opened.modal["title"] == "Feedback"
        submitted = await emu.submit_modal(opened, world.alice, {"feedback:text": "great bot"})
        await submitted.wait_done(timeout=10)
        assert submitted.messages[0].content == "thanks: great bot"
        assert submitted.ephemeral


async def test_command_group_subcommands_and_option_types(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        doc = emu.make_attachment("report.pdf", b"%PDF-1.4 fake")
        upload = await emu.invoke_slash(
            world.guild,
            world.channel,
            world.alice,
            "knowledge",
            {"file": doc, "note": "q3"},
            subcommand="upload",
        )
        await upload.wait_done(timeout=10)
        assert upload.messages[0].content == f"stored report.pdf ({len(doc.data)} B) note='q3'"
        [sub] = upload.payload["data"]["options"]
        assert sub["type"] == 1 and sub["name"] == "upload"

        listing = await emu.invoke_slash(
            world.guild, world.channel, world.alice, "knowledge list", {"limit": 5, "verbose": True}
        )
        await listing.wait_done(timeout=10)
        assert listing.messages[0].content == "limit=5 verbose=True"

        purge = await emu.invoke_slash(
            world.guild, world.channel, world.alice, "knowledge", {"confirm": True}, subcommand="admin purge"
        )
        await purge.wait_done(timeout=10)
        assert purge.messages[0].content == "purged=True"
        [group] = purge.payload["data"]["options"]
        assert group["type"] == 2 and group["options"][0]["name"] == "purge"

        denied = await emu.invoke_slash(
            world.guild, world.channel, world.bob, "knowledge", {"confirm": True}, subcommand="admin purge"
        )
        await denied.wait_done(timeout=10)
        assert denied.messages[0].content == "denied"

        whois = await emu.invoke_slash(
            world.guild, world.channel, world.bob, "whois", {"member": world.alice, "weight": 2.5}
        )
        await whois.wait_done(timeout=10)
        assert whois.messages[0].content == "alice roles=['Knowledge Admin'] weight=2.5"


async def test_invalid_invocations_are_refused_before_reaching_the_bot(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        before = len(emu.interactions)
        with pytest.raises(OptionError, match="no option"):
            await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"query": "x"})
        with pytest.raises(OptionError, match="expects str"):
            await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {"question": 3})
        with pytest.raises(OptionError, match="requires"):
            await emu.invoke_slash(world.guild, world.channel, world.alice, "ask", {})
        with pytest.raises(OptionError, match=r"within \[1, 50\]"):
            await emu.invoke_slash(world.guild, world.channel, world.alice, "knowledge list", {"limit": 99})
        with pytest.raises(OptionError, match="is a group"):
            await emu.invoke_slash(world.guild, world.channel, world.alice, "knowledge", {})
        with pytest.raises(LookupError, match="not registered"):
            await emu.invoke_slash(world.guild, world.channel, world.alice, "nope", {}, registration_timeout=0.05)
        assert len(emu.interactions) == before


async def test_followup_files_edits_and_deletes(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        result = await emu.invoke_slash(world.guild, world.channel, world.alice, "report")
        await result.wait_for_events(6, timeout=10)
        assert [e.kind for e in result.events] == [
            "deferred",
            "followup",
            "followup",
            "edit_followup",
            "delete",
            "delete",
        ]
        ready, extra, edited = result.messages
        assert ready.ephemeral and ready.id == result.original_message_id
        assert [(a.filename, a.data) for a in ready.attachments] == [("report.png", PNG)]
        assert not extra.ephemeral and extra.content == "extra"
        assert edited.id == extra.id and edited.content == "extra (edited)"
        assert [(a.filename, a.content_type, a.data) for a in edited.attachments] == [
            ("data.csv", "text/csv", b"a,b\n1,2\n")
        ]
        assert emu.get_message(ready.id).deleted and emu.get_message(extra.id).deleted
        assert emu.bot_messages(world.channel) == []
        followup_posts = emu.requests_to("POST", "/webhooks/")
        assert [r.files for r in followup_posts] == [("report.png",), ()]
        assert emu.requests_to("PATCH", f"/messages/{extra.id}")[0].files == ("data.csv",)


def _callback_route(interaction_id: int, token: str) -> Route:
    return Route("POST", "/interactions/{interaction_id}/{token}/callback", interaction_id=interaction_id, token=token)


async def test_callback_types_are_validated_and_acknowledged_once(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, bot):
        result = await emu.invoke_slash(world.guild, world.channel, world.alice, "silent")
        await eventually(lambda: ("silent", world.alice.id) in bot.clicks)
        assert not result.responded
        route = _callback_route(result.id, result.token)
        for wrong_type in (1, 6, 7, 8):  # PONG, component-only updates, autocomplete result
            with pytest.raises(discord.HTTPException) as rejected:
                await bot.http.request(route, json={"type": wrong_type, "data": {"content": "x"}})
            assert rejected.value.code == 50035, wrong_type
        assert not result.responded

        body = await bot.http.request(
            route, json={"type": 4, "data": {"content": "manual"}}, params={"with_response": "true"}
        )
        assert result.done and [m.content for m in result.messages] == ["manual"]
        assert body["interaction"]["id"] == str(result.id)
        assert body["interaction"]["response_message_id"] == str(result.original_message_id)
        assert body["resource"] == {"type": 4, "message": body["resource"]["message"]}
        assert body["resource"]["message"]["content"] == "manual"

        with pytest.raises(discord.HTTPException) as again:
            await bot.http.request(route, json={"type": 4, "data": {"content": "twice"}})
        assert again.value.code == 40060
        assert [m.content for m in result.messages] == ["manual"]


async def test_every_bot_message_used_allowed_mentions_none(emu: DiscordEmulator) -> None:
    async with running(emu) as (world, _bot):
        msg = await emu.post_user_message(world.channel, world.alice, "hi <@&1> @everyone", mention_bot=True)
        await emu.wait_for_bot_messages(world.channel, after=msg)
        for name, options in (("ask", {"question": "q"}), ("slow", {}), ("draft", {}), ("chart", {})):
            result = await emu.invoke_slash(world.guild, world.channel, world.alice, name, options)
            await result.wait_done(timeout=10)
        await asyncio.sleep(0.1)
        sent = emu.bot_messages()
        assert len(sent) >= 5
        assert all(m.allowed_mentions == {"parse": []} for m in sent), [m.allowed_mentions for m in sent]
        assert all(not m.mentions and not m.mention_everyone for m in sent)


async def test_uploads_over_the_size_limit_are_rejected() -> None:
    async with DiscordEmulator(attachment_size_limit=len(PNG) - 1) as emu:
        world = build_world(emu)
        bot = ProbeBot(guild_id=world.guild.id)
        async with run_client(emu, bot):
            msg = await emu.post_user_message(world.channel, world.alice, "file please", mention_bot=True)
            await eventually(lambda: emu.client_errors)
            [upload] = emu.requests_to("POST", f"/channels/{world.channel.id}/messages")
            assert upload.status == 413 and upload.files == ("chart.png",)
            assert emu.bot_messages(world.channel, after=msg) == []
            assert any("40005" in e for e in emu.client_errors), emu.client_errors


async def test_auto_sharded_client_uses_gateway_bot(emu: DiscordEmulator) -> None:
    guild = emu.add_guild("Sharded")
    intents = discord.Intents.none()
    intents.guilds = True
    client = discord.AutoShardedClient(intents=intents)
    async with run_client(emu, client):
        assert client.shard_count == 1
        assert client.get_guild(guild.id) is not None
        assert emu.requests_to("GET", "/gateway/bot")
        assert emu.identifies[-1].shard == (0, 1)


# -- gateway health & shutdown -------------------------------------------------------


async def test_heartbeats_are_recorded_and_a_blocked_loop_shows_up() -> None:
    async with DiscordEmulator(heartbeat_interval_ms=250) as emu:
        async with running(emu) as (world, _bot):
            await asyncio.sleep(1.0)
            healthy_gap = emu.max_heartbeat_gap()
            assert healthy_gap is not None and healthy_gap < 0.6, healthy_gap
            assert len(emu.heartbeats) >= 4
            assert all(h.sequence is not None for h in emu.heartbeats[1:])

            result = await emu.invoke_slash(world.guild, world.channel, world.alice, "block")
            await result.wait_done(timeout=10)
            await asyncio.sleep(0.3)
            blocked_gap = emu.max_heartbeat_gap()
            assert blocked_gap is not None and blocked_gap > BLOCK_SECONDS - 0.3, blocked_gap
        emu.assert_clean()


async def test_clean_shutdown_leaves_no_sessions_tasks_or_warnings() -> None:
    async with DiscordEmulator() as emu:
        world = build_world(emu)
        bot = ProbeBot(guild_id=world.guild.id)
        async with run_client(emu, bot):
            result = await emu.invoke_slash(world.guild, world.channel, world.alice, "panel")
            await result.wait_done(timeout=10)
            session = bot.http._HTTPClient__session  # type: ignore[attr-defined]
        assert bot.is_closed()
        assert session.closed
        assert not emu.hub.sessions
    gc.collect()
    await asyncio.sleep(0)
    leftovers = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert leftovers == []
    assert emu.loop_errors == [] and emu.client_errors == []
    emu.assert_clean()


async def test_bot_exceptions_are_surfaced_as_client_errors() -> None:
    async with DiscordEmulator() as emu:
        world = build_world(emu)
        bot = ProbeBot(guild_id=world.guild.id)

        @bot.tree.command(name="explode", description="raises")
        async def explode(interaction: discord.Interaction) -> None:
            raise RuntimeError("kaboom")

        async with run_client(emu, bot):
            await bot.tree.sync()
            await emu.invoke_slash(world.guild, world.channel, world.alice, "explode")
            await eventually(lambda: emu.client_errors)
        assert any("kaboom" in e for e in emu.client_errors)
        with pytest.raises(AssertionError, match="kaboom"):
            emu.assert_clean()
