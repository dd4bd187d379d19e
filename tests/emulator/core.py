"""Shared wiring between the REST routes, the gateway, and the test-facing API."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from . import payloads
from .gateway import INTENT_GUILD_MESSAGES, INTENT_MESSAGE_CONTENT, GatewayHub, GatewaySession
from .interactions import InteractionRegistry
from .records import InternalError, RequestRecord, TypingEvent
from .state import EmulatorState, StoredMessage

log = logging.getLogger(__name__)


@dataclass
class Recorder:
    """Everything observed on the wire, for assertions."""

    requests: list[RequestRecord] = field(default_factory=list)
    unknown_routes: list[RequestRecord] = field(default_factory=list)
    internal_errors: list[InternalError] = field(default_factory=list)
    typing_events: list[TypingEvent] = field(default_factory=list)


class EmulatorCore:
    """Owns state, gateway and recordings; route modules receive this instead of the façade."""

    def __init__(self, state: EmulatorState, hub: GatewayHub, *, attachment_size_limit: int) -> None:
        self.state = state
        self.hub = hub
        self.recorder = Recorder()
        self.interactions = InteractionRegistry(state)
        self.attachment_size_limit = attachment_size_limit
        self.http_base = ""
        self.gateway_url = ""

    def cdn_url(self, channel_id: int, attachment_id: int, filename: str) -> str:
        return f"{self.http_base}/attachments/{channel_id}/{attachment_id}/{filename}"

    # -- gateway publishing ------------------------------------------------------

    def publish_message_create(self, message: StoredMessage) -> None:
        if message.flags & 64:
            return  # ephemeral messages are never dispatched
        self._publish_message("MESSAGE_CREATE", message)

    def publish_message_update(self, message: StoredMessage) -> None:
        if message.flags & 64:
            return
        self._publish_message("MESSAGE_UPDATE", message)

    def publish_message_delete(self, message: StoredMessage) -> None:
        if message.flags & 64:
            return
        data: dict[str, str] = {"id": str(message.id), "channel_id": str(message.channel_id)}
        if message.guild_id is not None:
            data["guild_id"] = str(message.guild_id)
        self.hub.dispatch("MESSAGE_DELETE", data, intent=INTENT_GUILD_MESSAGES)

    def _publish_message(self, event: str, message: StoredMessage) -> None:
        data = payloads.message(self.state, message)
        bot_id = self.state.bot_user.id
        content_free = message.author_id == bot_id or bot_id in message.mentions

        def for_session(session: GatewaySession) -> dict[str, object]:
            if content_free or session.has_intent(INTENT_MESSAGE_CONTENT):
                return data
            return payloads.strip_content(data)

        self.hub.dispatch(event, for_session, intent=INTENT_GUILD_MESSAGES)
