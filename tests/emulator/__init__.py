"""Loopback Discord API emulator for end-to-end tests of the real bot.

Discord is unreachable from the test machine, so this package serves the REST API
(``/api/v10/...``), the gateway websocket and a CDN-like download route on
127.0.0.1 and lets the *real* discord.py client and cogs run against it.

Usage (pytest-asyncio)::

    from tests.emulator import DiscordEmulator, Permission, run_client

    async with DiscordEmulator(heartbeat_interval_ms=41250) as emu:
        guild = emu.add_guild("Alpha")
        channel = emu.add_text_channel(guild, "general")
        alice = emu.add_member(guild, "alice", permissions=Permission.MANAGE_GUILD)
        async with run_client(emu, bot, token="test-token"):   # returns once READY
            msg = await emu.post_user_message(channel, alice, "hi", mention_bot=True)
            replies = await emu.wait_for_bot_messages(channel, count=1, after=msg)
            result = await emu.invoke_slash(guild, channel, alice, "ask", {"question": "..."})
            await result.wait_done()
            assert result.messages[-1].content
        emu.assert_clean()   # no unknown routes, emulator errors, or client error logs

Or use the ``emu`` fixture: ``from tests.emulator.harness import emu_fixture`` in the test
module (pytest finds imported fixtures) and take ``emu`` as an argument.

Everything returned to tests is a frozen snapshot (``MessageRecord`` etc.); an
``InteractionResult`` is the one live handle. The world (guilds, channels, roles,
members) is set up with sync ``add_*`` calls, before or after the bot connects.
"""

from __future__ import annotations

import logging

from .emulator import DiscordEmulator
from .harness import emu_fixture, eventually, pointed_at, run_client
from .interactions import InteractionResult
from .options import OptionError
from .permissions import ALL_PERMISSIONS, DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, Permission
from .records import (
    AttachmentRecord,
    AutocompleteChoice,
    ChannelRecord,
    GuildRecord,
    HeartbeatRecord,
    IdentifyRecord,
    InteractionEvent,
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

log = logging.getLogger(__name__)

__all__ = [
    "ALL_PERMISSIONS",
    "DEFAULT_BOT_PERMISSIONS",
    "DEFAULT_EVERYONE_PERMISSIONS",
    "AttachmentRecord",
    "AutocompleteChoice",
    "ChannelRecord",
    "DiscordEmulator",
    "GuildRecord",
    "HeartbeatRecord",
    "IdentifyRecord",
    "InteractionEvent",
    "InteractionResult",
    "InternalError",
    "MemberRecord",
    "MessageRecord",
    "OptionError",
    "Overwrite",
    "Permission",
    "RegisteredCommand",
    "RequestRecord",
    "RoleRecord",
    "TypingEvent",
    "UserRecord",
    "emu_fixture",
    "eventually",
    "pointed_at",
    "run_client",
]
