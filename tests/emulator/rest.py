"""REST routes the bot calls with its token: users, gateway, application, commands, guilds, messages."""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import unquote

from aiohttp import web

from . import payloads
from .bodies import PARSED_BODY, ParsedBody, parse_body
from .core import EmulatorCore
from .messaging import create_bot_message, edit_bot_message
from .permissions import Permission
from .records import ChannelRecord, TypingEvent
from .responses import (
    CANNOT_EDIT_OTHERS_MESSAGE,
    MISSING_PERMISSIONS,
    UNKNOWN_CHANNEL,
    UNKNOWN_GUILD,
    UNKNOWN_MEMBER,
    UNKNOWN_MESSAGE,
    UNKNOWN_USER,
    ApiError,
    json_response,
    no_content,
)
from .state import StoredMessage
from .validation import require_non_empty, validate_commands

log = logging.getLogger(__name__)

API = "/api/v10"


async def read_body(request: web.Request) -> ParsedBody:
    """Parse once and keep it on the request so the recording middleware can log it."""
    body = await parse_body(request)
    request[PARSED_BODY] = body
    return body


def snowflake(request: web.Request, key: str) -> int:
    raw = request.match_info[key]
    try:
        return int(raw)
    except ValueError:
        raise ApiError(404, 0, f"404: Not Found ({key}={raw!r})") from None


class RestRoutes:
    """Bot-authenticated REST API."""

    def __init__(self, core: EmulatorCore, *, expected_token: str | None) -> None:
        self.core = core
        self.state = core.state
        self.expected_token = expected_token

    def routes(self) -> list[web.RouteDef]:
        r = web
        return [
            r.get(f"{API}/users/@me", self.get_me),
            r.get(f"{API}/users/{{user_id}}", self.get_user),
            r.get(f"{API}/gateway/bot", self.get_gateway_bot),
            r.get(f"{API}/gateway", self.get_gateway),
            r.get(f"{API}/applications/@me", self.get_application),
            r.get(f"{API}/oauth2/applications/@me", self.get_application),
            r.get(f"{API}/applications/{{app_id}}/commands", self.get_commands),
            r.put(f"{API}/applications/{{app_id}}/commands", self.put_commands),
            r.get(f"{API}/applications/{{app_id}}/guilds/{{guild_id}}/commands", self.get_commands),
            r.put(f"{API}/applications/{{app_id}}/guilds/{{guild_id}}/commands", self.put_commands),
            r.get(f"{API}/guilds/{{guild_id}}", self.get_guild),
            r.get(f"{API}/guilds/{{guild_id}}/channels", self.get_guild_channels),
            r.get(f"{API}/guilds/{{guild_id}}/roles", self.get_guild_roles),
            r.get(f"{API}/guilds/{{guild_id}}/members/{{user_id}}", self.get_guild_member),
            r.get(f"{API}/channels/{{channel_id}}", self.get_channel),
            r.get(f"{API}/channels/{{channel_id}}/messages", self.list_messages),
            r.post(f"{API}/channels/{{channel_id}}/messages", self.create_message),
            r.get(f"{API}/channels/{{channel_id}}/messages/{{message_id}}", self.get_message),
            r.patch(f"{API}/channels/{{channel_id}}/messages/{{message_id}}", self.edit_message),
            r.delete(f"{API}/channels/{{channel_id}}/messages/{{message_id}}", self.delete_message),
            r.post(f"{API}/channels/{{channel_id}}/typing", self.typing),
            r.put(
                f"{API}/channels/{{channel_id}}/messages/{{message_id}}/reactions/{{emoji}}/@me",
                self.add_reaction,
            ),
            r.delete(
                f"{API}/channels/{{channel_id}}/messages/{{message_id}}/reactions/{{emoji}}/@me",
                self.remove_reaction,
            ),
        ]

    # -- auth & lookups ----------------------------------------------------------

    def _auth(self, request: web.Request) -> None:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bot "):
            raise ApiError(401, 0, "401: Unauthorized")
        if self.expected_token is not None and header[4:] != self.expected_token:
            raise ApiError(401, 0, "401: Unauthorized")

    def _channel(self, request: web.Request) -> ChannelRecord:
        channel = self.state.channels.get(snowflake(request, "channel_id"))
        if channel is None:
            raise ApiError(404, UNKNOWN_CHANNEL, "Unknown Channel")
        if not self.state.bot_can(channel, Permission.VIEW_CHANNEL):
            raise ApiError(403, MISSING_PERMISSIONS, "Missing Access")
        return channel

    def _message(self, request: web.Request, channel: ChannelRecord) -> StoredMessage:
        stored = self.state.messages.get(snowflake(request, "message_id"))
        if stored is None or stored.deleted or stored.channel_id != channel.id or stored.flags & 64:
            raise ApiError(404, UNKNOWN_MESSAGE, "Unknown Message")
        return stored

    def _require(self, channel: ChannelRecord, permission: int, what: str) -> None:
        if not self.state.bot_can(channel, permission):
            raise ApiError(403, MISSING_PERMISSIONS, f"Missing Permissions ({what})")

    # -- users / gateway / application -------------------------------------------

    async def get_me(self, request: web.Request) -> web.Response:
        self._auth(request)
        data = payloads.user(self.state.bot_user)
        data.update({"verified": True, "mfa_enabled": False, "email": None, "locale": payloads.LOCALE})
        return json_response(data)

    async def get_user(self, request: web.Request) -> web.Response:
        self._auth(request)
        found = self.state.users.get(snowflake(request, "user_id"))
        if found is None:
            raise ApiError(404, UNKNOWN_USER, "Unknown User")
        return json_response(payloads.user(found))

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        self._auth(request)
        return json_response(
            {
                "url": self.core.gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.core.gateway_url})

    async def get_application(self, request: web.Request) -> web.Response:
        self._auth(request)
        return json_response(payloads.application(self.state))

    # -- application commands ----------------------------------------------------

    def _scope(self, request: web.Request) -> int | None:
        if snowflake(request, "app_id") != self.state.application_id:
            raise ApiError(403, 50001, "Missing Access")
        if "guild_id" not in request.match_info:
            return None
        guild_id = snowflake(request, "guild_id")
        if guild_id not in self.state.guilds:
            raise ApiError(403, 50001, "Missing Access")
        return guild_id

    async def get_commands(self, request: web.Request) -> web.Response:
        self._auth(request)
        scope = self._scope(request)
        return json_response([c.payload for c in self.state.registered_commands(scope)])

    async def put_commands(self, request: web.Request) -> web.Response:
        self._auth(request)
        scope = self._scope(request)
        body = await read_body(request)
        validate_commands(body.payload)
        stored = self.state.overwrite_commands(scope, body.payload)
        log.debug("registered %d commands for scope %s", len(stored), scope)
        return json_response(stored)

    # -- guilds ------------------------------------------------------------------

    def _guild_id(self, request: web.Request) -> int:
        guild_id = snowflake(request, "guild_id")
        if guild_id not in self.state.guilds:
            raise ApiError(404, UNKNOWN_GUILD, "Unknown Guild")
        return guild_id

    async def get_guild(self, request: web.Request) -> web.Response:
        self._auth(request)
        guild = self.state.guilds[self._guild_id(request)]
        data = payloads.guild_rest(self.state, guild)
        data["approximate_member_count"] = len(self.state.guild_members(guild.id))
        return json_response(data)

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        self._auth(request)
        guild_id = self._guild_id(request)
        return json_response([payloads.channel(c) for c in self.state.guild_channels(guild_id)])

    async def get_guild_roles(self, request: web.Request) -> web.Response:
        self._auth(request)
        guild_id = self._guild_id(request)
        return json_response([payloads.role(r) for r in self.state.guild_roles(guild_id)])

    async def get_guild_member(self, request: web.Request) -> web.Response:
        self._auth(request)
        guild_id = self._guild_id(request)
        found = self.state.member(guild_id, snowflake(request, "user_id"))
        if found is None:
            raise ApiError(404, UNKNOWN_MEMBER, "Unknown Member")
        return json_response(payloads.member(found))

    # -- channels & messages -----------------------------------------------------

    async def get_channel(self, request: web.Request) -> web.Response:
        self._auth(request)
        channel = self._channel(request)
        last = self.state.channel_messages(channel.id)
        return json_response(payloads.channel(channel, last_message_id=last[-1].id if last else None))

    async def list_messages(self, request: web.Request) -> web.Response:
        self._auth(request)
        channel = self._channel(request)
        self._require(channel, Permission.READ_MESSAGE_HISTORY, "READ_MESSAGE_HISTORY")
        limit = min(int(request.query.get("limit", "50")), 100)
        before = int(request.query.get("before", "0") or 0)
        after = int(request.query.get("after", "0") or 0)
        visible = [m for m in self.state.channel_messages(channel.id) if not m.deleted and not m.flags & 64]
        if before:
            visible = [m for m in visible if m.id < before]
        if after:
            visible = [m for m in visible if m.id > after][:limit]
        newest_first = list(reversed(visible))[:limit]
        return json_response([payloads.message(self.state, m) for m in newest_first])

    async def get_message(self, request: web.Request) -> web.Response:
        self._auth(request)
        channel = self._channel(request)
        self._require(channel, Permission.READ_MESSAGE_HISTORY, "READ_MESSAGE_HISTORY")
        return json_response(payloads.message(self.state, self._message(request, channel)))

    async def create_message(self, request: web.Request) -> web.Response:
        self._auth(request)
        channel = self._channel(request)
        body = await read_body(request)
        payload: dict[str, Any] = dict(body.payload or {})
        self._require(channel, Permission.SEND_MESSAGES, "SEND_MESSAGES")
        if body.files:
            self._require(channel, Permission.ATTACH_FILES, "ATTACH_FILES")
        require_non_empty(payload, bool(body.files))
        stored = create_bot_message(self.core, channel, payload, body.files, source="channel")
        self.core.publish_message_create(stored)
        return json_response(payloads.message(self.state, stored))

    async def edit_message(self, request: web.Request) -> web.Response:
        self._auth(request)
        channel = self._channel(request)
        stored = self._message(request, channel)
        if stored.author_id != self.state.bot_user.id:
            raise ApiError(403, CANNOT_EDIT_OTHERS_MESSAGE, "Cannot edit a message authored by another user")
        body = await read_body(request)
        edit_bot_message(self.core, stored, dict(body.payload or {}), body.files)
        self.core.publish_message_update(stored)
        return json_response(payloads.message(self.state, stored))

    async def delete_message(self, request: web.Request) -> web.Response:
        self._auth(request)
        channel = self._channel(request)
        stored = self._message(request, channel)
        if stored.author_id != self.state.bot_user.id:
            self._require(channel, Permission.MANAGE_MESSAGES, "MANAGE_MESSAGES")
        stored.deleted = True
        self.state.touch()
        self.core.publish_message_delete(stored)
        return no_content()

    async def typing(self, request: web.Request) -> web.Response:
        self._auth(request)
        channel = self._channel(request)
        self._require(channel, Permission.SEND_MESSAGES, "SEND_MESSAGES")
        self.core.recorder.typing_events.append(TypingEvent(channel_id=channel.id, at=time.monotonic()))
        self.state.touch()
        return no_content()

    async def add_reaction(self, request: web.Request) -> web.Response:
        self._auth(request)
        channel = self._channel(request)
        stored = self._message(request, channel)
        self._require(channel, Permission.ADD_REACTIONS | Permission.READ_MESSAGE_HISTORY, "ADD_REACTIONS")
        emoji = unquote(request.match_info["emoji"])
        if emoji not in stored.reactions:
            stored.reactions.append(emoji)
        self.state.touch()
        return no_content()

    async def remove_reaction(self, request: web.Request) -> web.Response:
        self._auth(request)
        channel = self._channel(request)
        stored = self._message(request, channel)
        emoji = unquote(request.match_info["emoji"])
        if emoji in stored.reactions:
            stored.reactions.remove(emoji)
        self.state.touch()
        return no_content()
