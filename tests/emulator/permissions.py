"""Permission bits and the channel permission calculation Discord performs."""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable

log = logging.getLogger(__name__)


class Permission(enum.IntFlag):
    """The permission bits tests commonly need (values from the Discord API docs)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_AUDIT_LOG = 1 << 7
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_THREADS = 1 << 34
    SEND_MESSAGES_IN_THREADS = 1 << 38
    MODERATE_MEMBERS = 1 << 40


ALL_PERMISSIONS = (1 << 53) - 1

DEFAULT_EVERYONE_PERMISSIONS = int(
    Permission.VIEW_CHANNEL
    | Permission.SEND_MESSAGES
    | Permission.READ_MESSAGE_HISTORY
    | Permission.ADD_REACTIONS
    | Permission.EMBED_LINKS
    | Permission.ATTACH_FILES
    | Permission.USE_APPLICATION_COMMANDS
    | Permission.USE_EXTERNAL_EMOJIS
    | Permission.SEND_MESSAGES_IN_THREADS
)

DEFAULT_BOT_PERMISSIONS = int(
    Permission.VIEW_CHANNEL
    | Permission.SEND_MESSAGES
    | Permission.EMBED_LINKS
    | Permission.ATTACH_FILES
    | Permission.READ_MESSAGE_HISTORY
    | Permission.ADD_REACTIONS
    | Permission.USE_EXTERNAL_EMOJIS
    | Permission.USE_APPLICATION_COMMANDS
    | Permission.SEND_MESSAGES_IN_THREADS
)

ROLE_OVERWRITE = 0
MEMBER_OVERWRITE = 1


def base_permissions(everyone: int, role_permissions: Iterable[int], *, is_owner: bool = False) -> int:
    """Guild-level permissions: @everyone plus the member's roles, admin means all."""
    if is_owner:
        return ALL_PERMISSIONS
    value = everyone
    for perms in role_permissions:
        value |= perms
    if value & Permission.ADMINISTRATOR:
        return ALL_PERMISSIONS
    return value


def apply_overwrites(
    base: int,
    *,
    guild_id: int,
    member_id: int,
    member_role_ids: Iterable[int],
    overwrites: Iterable[tuple[int, int, int, int]],
) -> int:
    """Apply channel overwrites (id, type, allow, deny) in Discord's documented order."""
    if base & Permission.ADMINISTRATOR or base == ALL_PERMISSIONS:
        return ALL_PERMISSIONS
    overwrite_list = list(overwrites)
    roles = set(member_role_ids)
    value = base
    for target, kind, allow, deny in overwrite_list:
        if kind == ROLE_OVERWRITE and target == guild_id:
            value = (value & ~deny) | allow
    role_allow = 0
    role_deny = 0
    for target, kind, allow, deny in overwrite_list:
        if kind == ROLE_OVERWRITE and target in roles and target != guild_id:
            role_allow |= allow
            role_deny |= deny
    value = (value & ~role_deny) | role_allow
    for target, kind, allow, deny in overwrite_list:
        if kind == MEMBER_OVERWRITE and target == member_id:
            value = (value & ~deny) | allow
    return value
