"""Immutable records the emulator hands to tests.

Tests get snapshots, never live objects, so an assertion made on a record can't
change underneath them when the bot edits a message a moment later. Ask the
emulator again (``emu.get_message(id)``) for a fresh snapshot.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

EPHEMERAL = 1 << 6
LOADING = 1 << 7


@dataclass(frozen=True)
class UserRecord:
    id: int
    username: str
    global_name: str | None = None
    bot: bool = False

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass(frozen=True)
class GuildRecord:
    id: int
    name: str
    owner_id: int | None = None


@dataclass(frozen=True)
class RoleRecord:
    id: int
    guild_id: int
    name: str
    permissions: int
    position: int
    managed: bool = False
    bot_id: int | None = None

    @property
    def is_everyone(self) -> bool:
        return self.id == self.guild_id

    @property
    def mention(self) -> str:
        return "@everyone" if self.is_everyone else f"<@&{self.id}>"


@dataclass(frozen=True)
class Overwrite:
    """A channel permission overwrite; ``type`` 0 targets a role, 1 a member."""

    id: int
    type: int
    allow: int = 0
    deny: int = 0

    @classmethod
    def for_role(cls, role: RoleRecord, *, allow: int = 0, deny: int = 0) -> Overwrite:
        return cls(id=role.id, type=0, allow=allow, deny=deny)

    @classmethod
    def for_member(cls, member: MemberRecord, *, allow: int = 0, deny: int = 0) -> Overwrite:
        return cls(id=member.id, type=1, allow=allow, deny=deny)


@dataclass(frozen=True)
class ChannelRecord:
    id: int
    guild_id: int
    name: str
    type: int = 0
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    overwrites: tuple[Overwrite, ...] = ()

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"


@dataclass(frozen=True)
class MemberRecord:
    """A guild member; ``permissions`` (if set) is what interaction payloads report."""

    user: UserRecord
    guild_id: int
    roles: tuple[int, ...]
    joined_at: str
    permissions: int | None = None
    nick: str | None = None

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def mention(self) -> str:
        return f"<@{self.user.id}>"


@dataclass(frozen=True)
class AttachmentRecord:
    """A file stored by the emulator (uploaded by the bot or made by a test)."""

    id: int
    filename: str
    content_type: str
    data: bytes
    url: str
    description: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class MessageRecord:
    """A message snapshot; ``payloads`` holds every JSON body the bot sent for it, in order."""

    id: int
    channel_id: int
    guild_id: int | None
    author_id: int
    content: str
    embeds: tuple[Mapping[str, Any], ...]
    components: tuple[Mapping[str, Any], ...]
    flags: int
    allowed_mentions: Mapping[str, Any] | None
    attachments: tuple[AttachmentRecord, ...]
    message_reference: Mapping[str, Any] | None
    mentions: tuple[int, ...]
    mention_roles: tuple[int, ...]
    mention_everyone: bool
    tts: bool
    type: int
    source: str
    interaction_id: int | None
    edit_count: int
    deleted: bool
    reactions: tuple[str, ...]
    payloads: tuple[Mapping[str, Any], ...]

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & LOADING)

    @property
    def reply_to(self) -> int | None:
        if self.message_reference is None:
            return None
        raw = self.message_reference.get("message_id")
        return int(raw) if raw is not None else None

    def custom_ids(self) -> list[str]:
        """Every component custom_id on the message, depth first."""
        found: list[str] = []

        def walk(items: Any) -> None:
            for item in items or ():
                if isinstance(item, Mapping):
                    if "custom_id" in item:
                        found.append(str(item["custom_id"]))
                    walk(item.get("components"))
                    if "component" in item:
                        walk([item["component"]])
                    if "accessory" in item:
                        walk([item["accessory"]])

        walk(self.components)
        return found


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    query: Mapping[str, str]
    status: int
    body: Any
    files: tuple[str, ...]
    authorization: str | None
    at: float


@dataclass(frozen=True)
class HeartbeatRecord:
    """A heartbeat as received; ``at`` is ``time.monotonic()`` on arrival."""

    at: float
    sequence: int | None


@dataclass(frozen=True)
class TypingEvent:
    channel_id: int
    at: float


@dataclass(frozen=True)
class IdentifyRecord:
    token: str
    intents: int
    shard: tuple[int, int] | None
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class RegisteredCommand:
    id: int
    name: str
    type: int
    guild_id: int | None
    description: str
    options: tuple[Mapping[str, Any], ...]
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class AutocompleteChoice:
    name: str
    value: str | int | float


@dataclass(frozen=True)
class InteractionEvent:
    """One thing the bot did with an interaction (``kind`` is e.g. "response", "followup")."""

    kind: str
    message: MessageRecord | None
    at: float


@dataclass(frozen=True)
class InternalError:
    """An exception raised inside the emulator while serving a request."""

    method: str
    path: str
    error: str
