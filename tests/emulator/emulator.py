"""``DiscordEmulator``: the test-facing façade over state, REST server and gateway."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any

from aiohttp import web

from . import payloads
from .bodies import guess_content_type
from .components import find_component, modal_submission
from .core import EmulatorCore
from .gateway import INTENT_GUILDS, INTENT_MEMBERS, GatewayHub
from .interactions import InteractionResult
from .options import command_data
from .permissions import DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS
from .records import (
    LOADING,
    AttachmentRecord,
    AutocompleteChoice,
    ChannelRecord,
    GuildRecord,
    HeartbeatRecord,
    IdentifyRecord,
    InternalError,
    MemberRecord,
    MessageRecord,
    Overwrite,
    RegisteredCommand,
    RequestRecord,
    RoleRecord,
    TypingEvent,
    UserRecord,
)
from .server import GATEWAY_PATH, build_app
from .state import EmulatorState, StoredMessage

log = logging.getLogger(__name__)

DEFAULT_HEARTBEAT_MS = 41250
DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024
BUTTON = 2
SELECT_TYPES = (3, 5, 6, 7, 8)


class DiscordEmulator:
    """A loopback Discord (REST + gateway + CDN) for running a real discord.py client in tests."""

    def __init__(
        self,
        *,
        heartbeat_interval_ms: int = DEFAULT_HEARTBEAT_MS,
        bot_name: str = "Attaché",
        application_id: int | None = None,
        bot_permissions: int = DEFAULT_BOT_PERMISSIONS,
        token: str | None = None,
        attachment_size_limit: int = DEFAULT_ATTACHMENT_LIMIT,
    ) -> None:
        self.state = EmulatorState(bot_name=bot_name, application_id=application_id, bot_permissions=bot_permissions)
        self.hub = GatewayHub(
            self.state,
            heartbeat_interval_ms=heartbeat_interval_ms,
            gateway_url=lambda: self.gateway_url,
            expected_token=token,
        )
        self.core = EmulatorCore(self.state, self.hub, attachment_size_limit=attachment_size_limit)
        self._token = token
        self._runner: web.AppRunner | None = None
        self.port = 0
        # Filled by the harness (run_client): loop exception-handler calls and discord.* ERROR logs.
        self.loop_errors: list[str] = []
        self.client_errors: list[str] = []

    # -- lifecycle ---------------------------------------------------------------

    async def start(self) -> DiscordEmulator:
        app = build_app(self.core, expected_token=self._token)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        addresses = self._runner.addresses
        if not addresses:
            raise RuntimeError("emulator failed to bind a port")
        self.port = int(addresses[0][1])
        self.core.http_base = self.http_base
        self.core.gateway_url = self.gateway_url
        log.info("Discord emulator listening on %s", self.http_base)
        return self

    async def stop(self) -> None:
        await self.hub.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordEmulator:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def http_base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """What ``discord.http.Route.BASE`` must be set to."""
        return f"{self.http_base}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    # -- identity ----------------------------------------------------------------

    @property
    def bot_user(self) -> UserRecord:
        return self.state.bot_user

    @property
    def application_id(self) -> int:
        return self.state.application_id

    @property
    def connected(self) -> bool:
        return any(s.identified for s in self.hub.sessions)

    # -- world setup (sync; pushed to a connected bot as gateway events) ---------

    def add_guild(self, name: str, *, everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS) -> GuildRecord:
        guild = self.state.add_guild(name, everyone_permissions=everyone_permissions)
        self.hub.dispatch(
            "GUILD_CREATE",
            lambda s: payloads.guild_create(
                self.state, guild, all_members=s.has_intent(INTENT_MEMBERS), unavailable_known=False
            ),
            intent=INTENT_GUILDS,
        )
        return guild

    def add_text_channel(
        self,
        guild: GuildRecord,
        name: str,
        *,
        topic: str | None = None,
        overwrites: Iterable[Overwrite] = (),
        parent: ChannelRecord | None = None,
    ) -> ChannelRecord:
        channel = self.state.add_channel(guild, name, type=0, topic=topic, parent=parent, overwrites=overwrites)
        self.hub.dispatch("CHANNEL_CREATE", payloads.channel(channel), intent=INTENT_GUILDS)
        return channel

    def add_role(self, guild: GuildRecord, name: str, *, permissions: int = 0) -> RoleRecord:
        role = self.state.add_role(guild, name, permissions=permissions)
        self.hub.dispatch(
            "GUILD_ROLE_CREATE",
            {"guild_id": str(guild.id), "role": payloads.role(role)},
            intent=INTENT_GUILDS,
        )
        return role

    def add_member(
        self,
        guild: GuildRecord,
        username: str,
        *,
        roles: Sequence[RoleRecord] = (),
        permissions: int | None = None,
        nick: str | None = None,
        global_name: str | None = None,
        bot: bool = False,
    ) -> MemberRecord:
        """Add a member.

        ``permissions`` (if given) is what interaction payloads report as ``member.permissions``;
        otherwise it is computed from @everyone, the roles and channel overwrites.
        """
        member = self.state.add_member(
            guild, username, roles=roles, permissions=permissions, nick=nick, global_name=global_name, bot=bot
        )
        self.hub.dispatch(
            "GUILD_MEMBER_ADD", {**payloads.member(member), "guild_id": str(guild.id)}, intent=INTENT_MEMBERS
        )
        return member

    def bot_member(self, guild: GuildRecord) -> MemberRecord:
        return self.state.bot_member(guild.id)

    def make_attachment(self, filename: str, data: bytes, content_type: str | None = None) -> AttachmentRecord:
        """A user-uploaded file served by the emulator's CDN route (for attachment options or messages)."""
        return self.state.add_file(
            filename,
            data,
            guess_content_type(filename, content_type),
            description=None,
            url_for=lambda file_id: self.core.cdn_url(0, file_id, filename),
        )

    # -- user actions ------------------------------------------------------------

    async def post_user_message(
        self,
        channel: ChannelRecord,
        member: MemberRecord,
        content: str,
        *,
        mention_bot: bool = False,
        reply_to: MessageRecord | None = None,
        mention_replied: bool = True,
        attachments: Sequence[AttachmentRecord] = (),
        embeds: Sequence[Mapping[str, Any]] = (),
    ) -> MessageRecord:
        """A member posts in a channel; the bot gets MESSAGE_CREATE (content gated by intents, as on Discord).

        ``mention_bot`` prefixes ``<@bot>`` unless the content already mentions the bot.
        """
        self._require_member_of(member, channel)
        if mention_bot and not _mentions(content, self.bot_user.id):
            content = f"{self.bot_user.mention} {content}"
        reference: dict[str, Any] | None = None
        replied_author: int | None = None
        if reply_to is not None:
            target = self._stored(reply_to.id)
            reference = {
                "type": 0,
                "message_id": str(target.id),
                "channel_id": str(target.channel_id),
                "guild_id": str(channel.guild_id),
            }
            replied_author = target.author_id if mention_replied else None
        stored = StoredMessage(
            id=self.state.ids.next(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author_id=member.id,
            content=content,
            embeds=[dict(e) for e in embeds],
            attachments=list(attachments),
            message_reference=reference,
            type=19 if reference else 0,
            source="user",
        )
        perms = (
            member.permissions if member.permissions is not None else self.state.channel_permissions(member, channel)
        )
        self.state.resolve_mentions(stored, author_permissions=perms, replied_author=replied_author)
        self.state.store_message(stored)
        self.core.publish_message_create(stored)
        await self.hub.flush()
        return stored.snapshot()

    async def invoke_slash(
        self,
        guild: GuildRecord,
        channel: ChannelRecord,
        member: MemberRecord,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        subcommand: str | Sequence[str] | None = None,
        locale: str = "en-US",
        registration_timeout: float = 5.0,
    ) -> InteractionResult:
        """Run ``/name [subcommand] options`` as ``member``; values are checked against the registered schema.

        ``name`` may be qualified ("knowledge upload"); ``subcommand`` may be "upload" or "group sub".
        Attachment options take ``emu.make_attachment(...)``; user options take a member record.
        """
        command, scope, path = await self._command(guild, name, subcommand, registration_timeout)
        data = command_data(self.state, command, scope, guild_id=guild.id, path=path, values=options or {})
        return await self._interact(2, channel, member, data, name=command["name"], locale=locale)

    async def autocomplete(
        self,
        guild: GuildRecord,
        channel: ChannelRecord,
        member: MemberRecord,
        name: str,
        option: str,
        partial: str = "",
        *,
        options: Mapping[str, Any] | None = None,
        subcommand: str | Sequence[str] | None = None,
        timeout: float = 10.0,
    ) -> list[AutocompleteChoice]:
        """Autocomplete ``option`` with the typed text ``partial``; return the choices the bot offered."""
        command, scope, path = await self._command(guild, name, subcommand, 5.0)
        data = command_data(
            self.state,
            command,
            scope,
            guild_id=guild.id,
            path=path,
            values=options or {},
            focused=option,
            partial=partial,
        )
        result = await self._interact(4, channel, member, data, name=command["name"], locale="en-US")
        await result.wait_done(timeout)
        return list(result.choices or [])

    async def click_button(self, message: MessageRecord, custom_id: str, member: MemberRecord) -> InteractionResult:
        """Press a button on a bot message (MESSAGE_COMPONENT interaction)."""
        stored, component = self._component(message, custom_id, member)
        if component.get("type") != BUTTON:
            raise ValueError(f"component {custom_id!r} is not a button (type {component.get('type')})")
        data = {"custom_id": custom_id, "component_type": BUTTON}
        return await self._component_interaction(stored, member, data)

    async def choose_select(
        self, message: MessageRecord, custom_id: str, values: Sequence[str], member: MemberRecord
    ) -> InteractionResult:
        """Pick values in a select menu on a bot message."""
        stored, component = self._component(message, custom_id, member)
        kind = int(component.get("type", 0))
        if kind not in SELECT_TYPES:
            raise ValueError(f"component {custom_id!r} is not a select menu (type {kind})")
        if kind == 3:
            allowed = {o["value"] for o in component.get("options", [])}
            bad = [v for v in values if v not in allowed]
            if bad:
                raise ValueError(f"select {custom_id!r} has no option(s) {bad}; it has {sorted(allowed)}")
        data = {"custom_id": custom_id, "component_type": kind, "values": list(values)}
        return await self._component_interaction(stored, member, data)

    async def submit_modal(
        self, opened_by: InteractionResult, member: MemberRecord, values: Mapping[str, str]
    ) -> InteractionResult:
        """Submit the modal the bot opened in response to ``opened_by`` (text inputs by custom_id)."""
        modal = opened_by.modal
        if modal is None:
            raise ValueError(f"{opened_by!r} did not open a modal")
        data = {"custom_id": modal["custom_id"], "components": modal_submission(modal, values)}
        channel = self.state.channels[opened_by.channel_id]
        return await self._interact(
            5, channel, member, data, name=None, locale="en-US", source_message_id=opened_by.source_message_id
        )

    # -- observation -------------------------------------------------------------

    def get_message(self, message_id: int) -> MessageRecord:
        return self._stored(message_id).snapshot()

    def messages_in(self, channel: ChannelRecord) -> list[MessageRecord]:
        """Every message in a channel (any author, including deleted and ephemeral ones), oldest first."""
        return [m.snapshot() for m in self.state.channel_messages(channel.id)]

    def bot_messages(
        self, channel: ChannelRecord | None = None, *, after: MessageRecord | None = None
    ) -> list[MessageRecord]:
        """Messages the bot created (channel sends, interaction responses, followups), oldest first.

        Deleted messages and still-loading deferral placeholders are left out; ephemeral ones are included
        (check ``.ephemeral``).
        """
        bot_id = self.bot_user.id
        floor = after.id if after is not None else 0
        found = [
            m
            for m in sorted(self.state.messages.values(), key=lambda m: m.id)
            if m.author_id == bot_id
            and m.id > floor
            and not m.deleted
            and not m.flags & LOADING
            and (channel is None or m.channel_id == channel.id)
        ]
        return [m.snapshot() for m in found]

    async def wait_for_bot_messages(
        self,
        channel: ChannelRecord,
        count: int = 1,
        timeout: float = 30.0,
        after: MessageRecord | None = None,
    ) -> list[MessageRecord]:
        """Wait for ``count`` or more bot messages in ``channel`` newer than ``after``; return them."""
        await self.state.signal.wait_for(
            lambda: len(self.bot_messages(channel, after=after)) >= count,
            timeout,
            f"{count} bot message(s) in #{channel.name}",
        )
        return self.bot_messages(channel, after=after)

    def typing_in(self, channel: ChannelRecord) -> list[TypingEvent]:
        return [t for t in self.core.recorder.typing_events if t.channel_id == channel.id]

    async def wait_for_typing(self, channel: ChannelRecord, timeout: float = 10.0) -> TypingEvent:
        await self.state.signal.wait_for(lambda: bool(self.typing_in(channel)), timeout, f"typing in #{channel.name}")
        return self.typing_in(channel)[0]

    def registered_commands(self, guild: GuildRecord | None = None) -> list[RegisteredCommand]:
        """Commands the bot bulk-registered globally (``guild=None``) or for one guild."""
        return self.state.registered_commands(guild.id if guild is not None else None)

    async def wait_for_commands(
        self, names: Iterable[str], *, guild: GuildRecord | None = None, timeout: float = 10.0
    ) -> list[RegisteredCommand]:
        wanted = set(names)

        def registered() -> bool:
            return wanted <= {c.name for c in self.registered_commands(guild)}

        await self.state.signal.wait_for(registered, timeout, f"commands {sorted(wanted)} to be registered")
        return self.registered_commands(guild)

    async def flush(self) -> None:
        """Wait until every queued gateway event has been written to the bot's socket."""
        await self.hub.flush()

    async def wait_until_connected(self, timeout: float = 10.0) -> None:
        await self.state.signal.wait_for(lambda: self.connected, timeout, "a client to IDENTIFY")

    @property
    def requests(self) -> list[RequestRecord]:
        return self.core.recorder.requests

    @property
    def unknown_routes(self) -> list[RequestRecord]:
        return self.core.recorder.unknown_routes

    @property
    def internal_errors(self) -> list[InternalError]:
        return self.core.recorder.internal_errors

    @property
    def typing_events(self) -> list[TypingEvent]:
        return self.core.recorder.typing_events

    @property
    def heartbeats(self) -> list[HeartbeatRecord]:
        return self.hub.heartbeats

    @property
    def identifies(self) -> list[IdentifyRecord]:
        return self.hub.identifies

    @property
    def interactions(self) -> list[InteractionResult]:
        return self.core.interactions.all()

    def max_heartbeat_gap(self) -> float | None:
        """Longest time between consecutive heartbeats; a blocked event loop shows up here."""
        times = [h.at for h in self.heartbeats]
        if len(times) < 2:
            return None
        return max(b - a for a, b in zip(times, times[1:], strict=False))

    def requests_to(self, method: str, path_fragment: str) -> list[RequestRecord]:
        return [r for r in self.requests if r.method == method and path_fragment in r.path]

    def assert_clean(self) -> None:
        """Fail if the bot hit routes the emulator lacks, the emulator crashed, or the client misbehaved."""
        problems: list[str] = []
        problems += [f"unknown route: {r.method} {r.path}" for r in self.unknown_routes]
        problems += [f"emulator error: {e.method} {e.path}: {e.error}" for e in self.internal_errors]
        problems += [f"event loop error: {e}" for e in self.loop_errors]
        problems += [f"client error log: {e}" for e in self.client_errors]
        if problems:
            raise AssertionError("Discord emulator saw problems:\n  " + "\n  ".join(problems))

    # -- internals ---------------------------------------------------------------

    def _stored(self, message_id: int) -> StoredMessage:
        stored = self.state.messages.get(message_id)
        if stored is None:
            raise KeyError(f"no message {message_id}")
        return stored

    def _require_member_of(self, member: MemberRecord, channel: ChannelRecord) -> None:
        if self.state.member(channel.guild_id, member.id) is None:
            raise ValueError(f"{member.user.username} is not a member of the guild of #{channel.name}")

    async def _command(
        self, guild: GuildRecord, name: str, subcommand: str | Sequence[str] | None, timeout: float
    ) -> tuple[dict[str, Any], int | None, list[str]]:
        parts = name.split()
        root, path = parts[0], parts[1:]
        if isinstance(subcommand, str):
            path += subcommand.split()
        elif subcommand is not None:
            path += list(subcommand)
        try:
            await self.state.signal.wait_for(
                lambda: self.state.find_command(guild.id, root) is not None,
                timeout,
                f"/{root} to be registered",
            )
        except TimeoutError:
            known = sorted({c.name for c in self.registered_commands(None) + self.registered_commands(guild)})
            raise LookupError(f"/{root} is not registered (global or in {guild.name}); registered: {known}") from None
        found = self.state.find_command(guild.id, root)
        if found is None:
            raise LookupError(f"/{root} disappeared")
        return found[0], found[1], path

    def _component(
        self, message: MessageRecord, custom_id: str, member: MemberRecord
    ) -> tuple[StoredMessage, Mapping[str, Any]]:
        stored = self._stored(message.id)
        if stored.deleted:
            raise ValueError(f"message {message.id} was deleted")
        if stored.flags & 64 and stored.interaction_user_id not in (None, member.id):
            raise ValueError("only the user who triggered an ephemeral message can use its components")
        component = find_component(stored.components, custom_id)
        if component is None:
            known = stored.snapshot().custom_ids()
            raise LookupError(f"message {message.id} has no component {custom_id!r}; it has {known}")
        if component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        return stored, component

    async def _component_interaction(
        self, stored: StoredMessage, member: MemberRecord, data: dict[str, Any]
    ) -> InteractionResult:
        channel = self.state.channels[stored.channel_id]
        return await self._interact(3, channel, member, data, name=None, locale="en-US", source_message_id=stored.id)

    async def _interact(
        self,
        kind: int,
        channel: ChannelRecord,
        member: MemberRecord,
        data: dict[str, Any],
        *,
        name: str | None,
        locale: str,
        source_message_id: int | None = None,
    ) -> InteractionResult:
        self._require_member_of(member, channel)
        if not self.connected:
            raise RuntimeError("no bot is connected to the emulator's gateway")
        member = self.state.member(channel.guild_id, member.id) or member
        interaction_id = self.state.ids.next()
        token = f"emulator-{secrets.token_urlsafe(24)}"
        message_data = (
            payloads.message(self.state, self._stored(source_message_id)) if source_message_id is not None else None
        )
        body = payloads.interaction(
            self.state,
            interaction_id=interaction_id,
            kind=kind,
            token=token,
            channel_record=channel,
            member_record=member,
            data=data,
            message_data=message_data,
            locale=locale,
            attachment_size_limit=self.core.attachment_size_limit,
        )
        result = InteractionResult(
            state=self.state,
            interaction_id=interaction_id,
            token=token,
            type=kind,
            payload=body,
            channel_id=channel.id,
            guild_id=channel.guild_id,
            user_id=member.id,
            source_message_id=source_message_id,
            name=name,
        )
        self.core.interactions.add(result)
        self.hub.dispatch("INTERACTION_CREATE", body)
        await self.hub.flush()
        return result


def _mentions(content: str, user_id: int) -> bool:
    return f"<@{user_id}>" in content or f"<@!{user_id}>" in content
