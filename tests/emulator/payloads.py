"""Build Discord JSON payloads from emulator state.

Shapes follow discord.py 2.7.1's ``discord/types`` and what its parsers read,
with the optional fields Discord really sends so the library's code paths are
the production ones.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from .records import AttachmentRecord, ChannelRecord, GuildRecord, MemberRecord, RoleRecord, UserRecord
from .snowflakes import iso_timestamp
from .state import EmulatorState, StoredMessage

log = logging.getLogger(__name__)

LOCALE = "en-US"


def user(record: UserRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(record.id),
        "username": record.username,
        "discriminator": "0",
        "global_name": record.global_name,
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
    }
    if record.bot:
        data["bot"] = True
    return data


def member(record: MemberRecord, *, with_user: bool = True, permissions: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "roles": [str(r) for r in record.roles],
        "nick": record.nick,
        "avatar": None,
        "banner": None,
        "joined_at": record.joined_at,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }
    if with_user:
        data["user"] = user(record.user)
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def role(record: RoleRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(record.id),
        "name": record.name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": record.position,
        "permissions": str(record.permissions),
        "managed": record.managed,
        "mentionable": False,
        "flags": 0,
    }
    if record.bot_id is not None:
        data["tags"] = {"bot_id": str(record.bot_id)}
    return data


def channel(record: ChannelRecord, *, last_message_id: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(record.id),
        "type": record.type,
        "guild_id": str(record.guild_id),
        "name": record.name,
        "position": record.position,
        "parent_id": str(record.parent_id) if record.parent_id else None,
        "permission_overwrites": [
            {"id": str(o.id), "type": o.type, "allow": str(int(o.allow)), "deny": str(int(o.deny))}
            for o in record.overwrites
        ],
        "flags": 0,
    }
    if record.type in (0, 5):
        data.update(
            {
                "topic": record.topic,
                "nsfw": False,
                "rate_limit_per_user": 0,
                "last_message_id": str(last_message_id) if last_message_id else None,
                "last_pin_timestamp": None,
                "default_thread_rate_limit_per_user": 0,
            }
        )
    return data


def attachment(record: AttachmentRecord, *, ephemeral: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(record.id),
        "filename": record.filename,
        "size": record.size,
        "url": record.url,
        "proxy_url": record.url,
        "content_type": record.content_type,
    }
    if record.description is not None:
        data["description"] = record.description
    if ephemeral:
        data["ephemeral"] = True
    return data


def guild_create(
    state: EmulatorState, guild: GuildRecord, *, all_members: bool, unavailable_known: bool
) -> dict[str, Any]:
    """GUILD_CREATE as sent on connect: without the members intent only the bot's own member is included."""
    members = state.guild_members(guild.id)
    visible = members if all_members else [state.bot_member(guild.id)]
    data = guild_rest(state, guild)
    data.update(
        {
            "joined_at": state.bot_member(guild.id).joined_at,
            "large": len(members) > 250,
            "member_count": len(members),
            "members": [member(m) for m in visible],
            "channels": [channel(c) for c in state.guild_channels(guild.id)],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }
    )
    if unavailable_known:
        data["unavailable"] = False
    return data


def guild_rest(state: EmulatorState, guild: GuildRecord) -> dict[str, Any]:
    """The guild object returned by REST (no channels or members)."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id) if guild.owner_id else None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [role(r) for r in state.guild_roles(guild.id)],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "max_members": 500000,
        "vanity_url_code": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": LOCALE,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
    }


def application(state: EmulatorState) -> dict[str, Any]:
    """Application info (``GET /applications/@me``); AppInfo needs these keys."""
    return {
        "id": str(state.application_id),
        "name": state.bot_user.username,
        "icon": None,
        "description": "Loopback Discord emulator application",
        "summary": "",
        "rpc_origins": [],
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": user(UserRecord(id=state.application_id + 1, username="owner")),
        "team": None,
        "verify_key": "0" * 64,
        "flags": 0,
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "approximate_guild_count": len(state.guilds),
        "bot": user(state.bot_user),
    }


def message(state: EmulatorState, stored: StoredMessage, *, with_reference: bool = True) -> dict[str, Any]:
    author = state.users[stored.author_id]
    data: dict[str, Any] = {
        "id": str(stored.id),
        "type": stored.type,
        "channel_id": str(stored.channel_id),
        "author": user(author),
        "content": stored.content,
        "timestamp": iso_timestamp(stored.id),
        "edited_timestamp": stored.edited_at,
        "tts": stored.tts,
        "mention_everyone": stored.mention_everyone,
        "mentions": [],
        "mention_roles": [str(r) for r in stored.mention_roles],
        "attachments": [attachment(a) for a in stored.attachments],
        "embeds": copy.deepcopy(stored.embeds),
        "components": copy.deepcopy(stored.components),
        "pinned": False,
        "flags": stored.flags,
        "reactions": [
            {
                "count": 1,
                "me": True,
                "emoji": {"id": None, "name": emoji},
                "burst_colors": [],
                "count_details": {},
            }
            for emoji in stored.reactions
        ],
    }
    if stored.guild_id is not None:
        data["guild_id"] = str(stored.guild_id)
    for uid in stored.mentions:
        mentioned = user(state.users[uid])
        if stored.guild_id is not None:
            found = state.member(stored.guild_id, uid)
            if found is not None:
                mentioned["member"] = member(found, with_user=False)
        data["mentions"].append(mentioned)
    if stored.nonce is not None:
        data["nonce"] = stored.nonce
    if stored.source == "interaction":
        data["webhook_id"] = str(state.application_id)
        data["application_id"] = str(state.application_id)
        if stored.interaction_id is not None and stored.interaction_user_id is not None:
            invoker = user(state.users[stored.interaction_user_id])
            data["interaction_metadata"] = {
                "id": str(stored.interaction_id),
                "type": stored.interaction_type or 2,
                "user": invoker,
                "authorizing_integration_owners": {"0": str(stored.guild_id)} if stored.guild_id else {},
            }
            data["interaction"] = {
                "id": str(stored.interaction_id),
                "type": stored.interaction_type or 2,
                "name": stored.interaction_name or "",
                "user": invoker,
            }
    if stored.message_reference is not None:
        data["message_reference"] = copy.deepcopy(stored.message_reference)
        if with_reference:
            ref_id = stored.message_reference.get("message_id")
            referenced = state.messages.get(int(ref_id)) if ref_id is not None else None
            if referenced is None or referenced.deleted:
                data["referenced_message"] = None
            else:
                data["referenced_message"] = message(state, referenced, with_reference=False)
    if stored.guild_id is not None and stored.source == "user":
        found = state.member(stored.guild_id, stored.author_id)
        if found is not None:
            data["member"] = member(found, with_user=False)
    return data


def strip_content(data: dict[str, Any]) -> dict[str, Any]:
    """What a bot without the message_content intent receives."""
    stripped = dict(data)
    stripped.update({"content": "", "embeds": [], "attachments": [], "components": []})
    stripped.pop("poll", None)
    return stripped


def interaction(
    state: EmulatorState,
    *,
    interaction_id: int,
    kind: int,
    token: str,
    channel_record: ChannelRecord,
    member_record: MemberRecord,
    data: dict[str, Any],
    message_data: dict[str, Any] | None,
    locale: str,
    attachment_size_limit: int,
) -> dict[str, Any]:
    """INTERACTION_CREATE body with every key discord.py's ``Interaction._from_data`` reads."""
    guild_id = channel_record.guild_id
    member_perms = (
        member_record.permissions
        if member_record.permissions is not None
        else state.channel_permissions(member_record, channel_record)
    )
    bot_perms = state.channel_permissions(state.bot_member(guild_id), channel_record)
    channel_data = channel(channel_record)
    channel_data["permissions"] = str(member_perms)
    body: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(state.application_id),
        "type": kind,
        "token": token,
        "version": 1,
        "guild_id": str(guild_id),
        "guild": {"id": str(guild_id), "locale": LOCALE, "features": []},
        "channel_id": str(channel_record.id),
        "channel": channel_data,
        "member": member(member_record, permissions=member_perms),
        "app_permissions": str(bot_perms),
        "locale": locale,
        "guild_locale": LOCALE,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": {"0": str(guild_id)},
        "context": 0,
        "attachment_size_limit": attachment_size_limit,
        "data": data,
    }
    if message_data is not None:
        body["message"] = message_data
    return body
