"""The emulated world: guilds, channels, roles, members, messages, files, commands."""

from __future__ import annotations

import asyncio
import copy
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .permissions import (
    DEFAULT_EVERYONE_PERMISSIONS,
    Permission,
    apply_overwrites,
    base_permissions,
)
from .records import (
    AttachmentRecord,
    ChannelRecord,
    GuildRecord,
    MemberRecord,
    MessageRecord,
    Overwrite,
    RegisteredCommand,
    RoleRecord,
    UserRecord,
)
from .snowflakes import SnowflakeFactory, iso_timestamp

log = logging.getLogger(__name__)

USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")


class Signal:
    """Wakes every waiter whenever the state changes; waiters re-check their predicate."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout:.1f}s waiting for {what}")
            event = self._event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue


@dataclass
class StoredMessage:
    """Mutable message as the emulator keeps it; tests only ever see snapshots."""

    id: int
    channel_id: int
    guild_id: int | None
    author_id: int
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    allowed_mentions: dict[str, Any] | None = None
    attachments: list[AttachmentRecord] = field(default_factory=list)
    message_reference: dict[str, Any] | None = None
    mentions: list[int] = field(default_factory=list)
    mention_roles: list[int] = field(default_factory=list)
    mention_everyone: bool = False
    tts: bool = False
    type: int = 0
    source: str = "channel"
    nonce: str | int | None = None
    interaction_id: int | None = None
    interaction_user_id: int | None = None
    interaction_type: int | None = None
    interaction_name: str | None = None
    edited_at: str | None = None
    edit_count: int = 0
    deleted: bool = False
    reactions: list[str] = field(default_factory=list)
    payloads: list[dict[str, Any]] = field(default_factory=list)

    def snapshot(self) -> MessageRecord:
        return MessageRecord(
            id=self.id,
            channel_id=self.channel_id,
            guild_id=self.guild_id,
            author_id=self.author_id,
            content=self.content,
            embeds=tuple(copy.deepcopy(self.embeds)),
            components=tuple(copy.deepcopy(self.components)),
            flags=self.flags,
            allowed_mentions=copy.deepcopy(self.allowed_mentions),
            attachments=tuple(self.attachments),
            message_reference=copy.deepcopy(self.message_reference),
            mentions=tuple(self.mentions),
            mention_roles=tuple(self.mention_roles),
            mention_everyone=self.mention_everyone,
            tts=self.tts,
            type=self.type,
            source=self.source,
            interaction_id=self.interaction_id,
            edit_count=self.edit_count,
            deleted=self.deleted,
            reactions=tuple(self.reactions),
            payloads=tuple(copy.deepcopy(self.payloads)),
        )


class EmulatorState:
    """Everything the fake Discord knows; mutated by tests (setup) and by REST calls (bot)."""

    def __init__(self, *, bot_name: str, application_id: int | None, bot_permissions: int) -> None:
        self.ids = SnowflakeFactory()
        self.signal = Signal()
        self.application_id = application_id or self.ids.next()
        self.bot_user = UserRecord(id=self.application_id, username=bot_name, global_name=None, bot=True)
        self.bot_permissions = int(bot_permissions)
        self.guilds: dict[int, GuildRecord] = {}
        self.roles: dict[int, RoleRecord] = {}
        self.channels: dict[int, ChannelRecord] = {}
        self.members: dict[tuple[int, int], MemberRecord] = {}
        self.users: dict[int, UserRecord] = {self.bot_user.id: self.bot_user}
        self.messages: dict[int, StoredMessage] = {}
        self.files: dict[int, AttachmentRecord] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {None: []}

    # -- setup -------------------------------------------------------------------

    def add_guild(self, name: str, *, everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS) -> GuildRecord:
        guild = GuildRecord(id=self.ids.next(), name=name)
        self.guilds[guild.id] = guild
        self.roles[guild.id] = RoleRecord(
            id=guild.id, guild_id=guild.id, name="@everyone", permissions=int(everyone_permissions), position=0
        )
        bot_role = RoleRecord(
            id=self.ids.next(),
            guild_id=guild.id,
            name=self.bot_user.username,
            permissions=self.bot_permissions,
            position=1,
            managed=True,
            bot_id=self.bot_user.id,
        )
        self.roles[bot_role.id] = bot_role
        self.members[(guild.id, self.bot_user.id)] = MemberRecord(
            user=self.bot_user, guild_id=guild.id, roles=(bot_role.id,), joined_at=iso_timestamp(guild.id)
        )
        self.signal.fire()
        return guild

    def add_role(self, guild: GuildRecord, name: str, *, permissions: int = 0) -> RoleRecord:
        position = 1 + max((r.position for r in self.guild_roles(guild.id)), default=0)
        role = RoleRecord(
            id=self.ids.next(), guild_id=guild.id, name=name, permissions=int(permissions), position=position
        )
        self.roles[role.id] = role
        self.signal.fire()
        return role

    def add_channel(
        self,
        guild: GuildRecord,
        name: str,
        *,
        type: int,
        topic: str | None,
        parent: ChannelRecord | None,
        overwrites: Iterable[Overwrite],
    ) -> ChannelRecord:
        channel = ChannelRecord(
            id=self.ids.next(),
            guild_id=guild.id,
            name=name,
            type=type,
            position=len(self.guild_channels(guild.id)),
            topic=topic,
            parent_id=parent.id if parent else None,
            overwrites=tuple(overwrites),
        )
        self.channels[channel.id] = channel
        self.signal.fire()
        return channel

    def add_member(
        self,
        guild: GuildRecord,
        username: str,
        *,
        roles: Iterable[RoleRecord],
        permissions: int | None,
        nick: str | None,
        global_name: str | None,
        bot: bool,
    ) -> MemberRecord:
        user = UserRecord(id=self.ids.next(), username=username, global_name=global_name, bot=bot)
        self.users[user.id] = user
        member = MemberRecord(
            user=user,
            guild_id=guild.id,
            roles=tuple(r.id for r in roles),
            joined_at=iso_timestamp(user.id),
            permissions=int(permissions) if permissions is not None else None,
            nick=nick,
        )
        self.members[(guild.id, user.id)] = member
        self.signal.fire()
        return member

    def add_file(
        self,
        filename: str,
        data: bytes,
        content_type: str,
        *,
        description: str | None,
        url_for: Callable[[int], str],
    ) -> AttachmentRecord:
        file_id = self.ids.next()
        record = AttachmentRecord(
            id=file_id,
            filename=filename,
            content_type=content_type,
            data=data,
            url=url_for(file_id),
            description=description,
        )
        self.files[record.id] = record
        return record

    # -- lookups -----------------------------------------------------------------

    def guild_roles(self, guild_id: int) -> list[RoleRecord]:
        return [r for r in self.roles.values() if r.guild_id == guild_id]

    def guild_channels(self, guild_id: int) -> list[ChannelRecord]:
        return [c for c in self.channels.values() if c.guild_id == guild_id]

    def guild_members(self, guild_id: int) -> list[MemberRecord]:
        return [m for (g, _), m in self.members.items() if g == guild_id]

    def member(self, guild_id: int, user_id: int) -> MemberRecord | None:
        return self.members.get((guild_id, user_id))

    def bot_member(self, guild_id: int) -> MemberRecord:
        return self.members[(guild_id, self.bot_user.id)]

    def channel_messages(self, channel_id: int) -> list[StoredMessage]:
        return sorted((m for m in self.messages.values() if m.channel_id == channel_id), key=lambda m: m.id)

    # -- permissions -------------------------------------------------------------

    def guild_permissions(self, member: MemberRecord) -> int:
        guild = self.guilds[member.guild_id]
        everyone = self.roles[guild.id].permissions
        role_perms = [self.roles[r].permissions for r in member.roles if r in self.roles]
        return base_permissions(everyone, role_perms, is_owner=guild.owner_id == member.id)

    def channel_permissions(self, member: MemberRecord, channel: ChannelRecord | None) -> int:
        base = self.guild_permissions(member)
        if channel is None:
            return base
        return apply_overwrites(
            base,
            guild_id=member.guild_id,
            member_id=member.id,
            member_role_ids=member.roles,
            overwrites=[(o.id, o.type, o.allow, o.deny) for o in channel.overwrites],
        )

    def bot_can(self, channel: ChannelRecord, permission: int) -> bool:
        perms = self.channel_permissions(self.bot_member(channel.guild_id), channel)
        return perms & permission == permission

    # -- messages ----------------------------------------------------------------

    def resolve_mentions(
        self,
        message: StoredMessage,
        *,
        author_permissions: int,
        replied_author: int | None,
    ) -> None:
        """Work out who a message actually pings, honouring ``allowed_mentions`` like Discord."""
        allowed = message.allowed_mentions
        parse = set(allowed.get("parse", [])) if allowed is not None else {"users", "roles", "everyone"}
        allowed_users = {int(x) for x in (allowed or {}).get("users", [])}
        allowed_roles = {int(x) for x in (allowed or {}).get("roles", [])}
        content = message.content or ""
        users: list[int] = []
        for raw in USER_MENTION.findall(content):
            uid = int(raw)
            if uid in self.users and ("users" in parse or uid in allowed_users) and uid not in users:
                users.append(uid)
        if replied_author is not None:
            replied_user = True if allowed is None else bool(allowed.get("replied_user", False))
            if replied_user and replied_author not in users:
                users.append(replied_author)
        roles: list[int] = []
        for raw in ROLE_MENTION.findall(content):
            rid = int(raw)
            if rid in self.roles and ("roles" in parse or rid in allowed_roles) and rid not in roles:
                roles.append(rid)
        can_everyone = bool(author_permissions & Permission.MENTION_EVERYONE)
        everyone = ("@everyone" in content or "@here" in content) and "everyone" in parse and can_everyone
        message.mentions = users
        message.mention_roles = roles
        message.mention_everyone = everyone

    def store_message(self, message: StoredMessage) -> StoredMessage:
        self.messages[message.id] = message
        self.signal.fire()
        return message

    def touch(self) -> None:
        self.signal.fire()

    # -- application commands ----------------------------------------------------

    def overwrite_commands(self, guild_id: int | None, commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
        existing = {(c["name"], c.get("type", 1)): c for c in self.commands.get(guild_id, [])}
        stored: list[dict[str, Any]] = []
        for raw in commands:
            command = copy.deepcopy(raw)
            kind = command.get("type", 1)
            previous = existing.get((command["name"], kind))
            command["id"] = previous["id"] if previous else str(self.ids.next())
            command["type"] = kind
            command["application_id"] = str(self.application_id)
            command["version"] = str(self.ids.next())
            command.setdefault("description", "")
            command.setdefault("options", [])
            command.setdefault("default_member_permissions", None)
            command.setdefault("nsfw", False)
            command.setdefault("contexts", None)
            command.setdefault("integration_types", [0])
            if guild_id is None:
                command.setdefault("dm_permission", True)
            else:
                command["guild_id"] = str(guild_id)
            stored.append(command)
        self.commands[guild_id] = stored
        self.signal.fire()
        return copy.deepcopy(stored)

    def registered_commands(self, guild_id: int | None) -> list[RegisteredCommand]:
        return [
            RegisteredCommand(
                id=int(c["id"]),
                name=c["name"],
                type=c["type"],
                guild_id=guild_id,
                description=c.get("description", ""),
                options=tuple(copy.deepcopy(c.get("options", []))),
                payload=copy.deepcopy(c),
            )
            for c in self.commands.get(guild_id, [])
        ]

    def find_command(self, guild_id: int, name: str, kind: int = 1) -> tuple[dict[str, Any], int | None] | None:
        """Guild-scoped commands shadow global ones, as in the Discord client."""
        for scope in (guild_id, None):
            for command in self.commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == kind:
                    return command, scope
        return None
