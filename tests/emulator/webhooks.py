"""Interaction callback and interaction-webhook routes (no bot token; the interaction token authorises)."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from . import payloads
from .core import EmulatorCore
from .interactions import (
    ALLOWED_CALLBACKS,
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    MODAL,
    UPDATE_MESSAGE,
    InteractionResult,
)
from .messaging import create_bot_message, edit_bot_message
from .records import EPHEMERAL, AutocompleteChoice
from .responses import (
    ALREADY_ACKNOWLEDGED,
    UNKNOWN_INTERACTION,
    UNKNOWN_MESSAGE,
    UNKNOWN_WEBHOOK,
    ApiError,
    form_error,
    json_response,
    no_content,
)
from .rest import API, read_body, snowflake
from .state import StoredMessage
from .validation import require_non_empty, validate_choices

log = logging.getLogger(__name__)

TRUTHY = {"1", "true", "True"}


class WebhookRoutes:
    """``/interactions/{id}/{token}/callback`` and ``/webhooks/{app}/{token}/...``."""

    def __init__(self, core: EmulatorCore) -> None:
        self.core = core
        self.state = core.state

    def routes(self) -> list[web.RouteDef]:
        base = f"{API}/webhooks/{{app_id}}/{{token}}"
        return [
            web.post(f"{API}/interactions/{{interaction_id}}/{{token}}/callback", self.callback),
            web.post(base, self.create_followup),
            web.get(f"{base}/messages/{{message_id}}", self.get_message),
            web.patch(f"{base}/messages/{{message_id}}", self.edit_message),
            web.delete(f"{base}/messages/{{message_id}}", self.delete_message),
        ]

    # -- lookups -----------------------------------------------------------------

    def _interaction(self, request: web.Request) -> InteractionResult:
        result = self.core.interactions.by_token.get(request.match_info["token"])
        if result is None or snowflake(request, "app_id") != self.state.application_id:
            raise ApiError(404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        return result

    def _target(self, request: web.Request, result: InteractionResult) -> StoredMessage:
        raw = request.match_info["message_id"]
        if raw == "@original":
            message_id = result.original_message_id
        else:
            message_id = snowflake(request, "message_id")
            if message_id != result.original_message_id and message_id not in result.followup_ids:
                message_id = None
        stored = self.state.messages.get(message_id) if message_id is not None else None
        if stored is None or stored.deleted:
            raise ApiError(404, UNKNOWN_MESSAGE, "Unknown Message")
        return stored

    def _is_original(self, request: web.Request, result: InteractionResult) -> bool:
        raw = request.match_info["message_id"]
        return raw == "@original" or (raw.isdigit() and int(raw) == result.original_message_id)

    def _channel(self, result: InteractionResult) -> Any:
        return self.state.channels[result.channel_id]

    # -- callback ----------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        result = self.core.interactions.by_token.get(request.match_info["token"])
        if result is None or snowflake(request, "interaction_id") != result.id:
            raise ApiError(404, UNKNOWN_INTERACTION, "Unknown interaction")
        if result.responded:
            raise ApiError(400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.")
        body = await read_body(request)
        payload = dict(body.payload or {})
        kind = int(payload.get("type", 0))
        data: dict[str, Any] = dict(payload.get("data") or {})
        if kind not in ALLOWED_CALLBACKS.get(result.type, set()):
            raise form_error("type", f"Callback type {kind} is invalid for interaction type {result.type}")
        message: StoredMessage | None = None
        if kind == CHANNEL_MESSAGE:
            require_non_empty(data, bool(body.files))
            message = create_bot_message(
                self.core, self._channel(result), data, body.files, source="interaction", prefix="data."
            )
            self._link(message, result)
            result.original_message_id = message.id
        elif kind == DEFERRED_CHANNEL_MESSAGE:
            message = create_bot_message(
                self.core,
                self._channel(result),
                {"flags": data.get("flags", 0)},
                (),
                source="interaction",
                loading=True,
            )
            self._link(message, result)
            result.original_message_id = message.id
        elif kind in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE):
            if result.source_message_id is None:
                raise form_error("type", "This interaction has no message to update")
            message = self.state.messages[result.source_message_id]
            result.original_message_id = message.id
            if kind == UPDATE_MESSAGE:
                edit_bot_message(self.core, message, data, body.files, prefix="data.")
        elif kind == AUTOCOMPLETE_RESULT:
            choices = data.get("choices", [])
            validate_choices(choices)
            result.choices = [AutocompleteChoice(name=str(c["name"]), value=c["value"]) for c in choices]
        elif kind == MODAL:
            result.modal = data
        result.response_type = kind
        result.response_data = data
        if message is not None and kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            self.core.publish_message_create(message)
        elif message is not None and kind == UPDATE_MESSAGE:
            self.core.publish_message_update(message)
        result.record(_callback_kind(kind), message.id if message is not None else None)
        if request.query.get("with_response") not in TRUTHY:
            return no_content()
        return json_response(self._callback_body(result, kind, message))

    def _link(self, message: StoredMessage, result: InteractionResult) -> None:
        message.interaction_id = result.id
        message.interaction_user_id = result.user_id
        message.interaction_type = result.type
        message.interaction_name = result.name

    def _callback_body(self, result: InteractionResult, kind: int, message: StoredMessage | None) -> dict[str, Any]:
        """InteractionCallbackResponse (``with_response=true``), which discord.py 2.5+ parses."""
        info: dict[str, Any] = {"id": str(result.id), "type": result.type}
        resource: dict[str, Any] = {"type": kind}
        if message is not None:
            info["response_message_id"] = str(message.id)
            info["response_message_loading"] = kind == DEFERRED_CHANNEL_MESSAGE
            info["response_message_ephemeral"] = bool(message.flags & EPHEMERAL)
            resource["message"] = payloads.message(self.state, message)
        return {"interaction": info, "resource": resource}

    # -- webhook messages --------------------------------------------------------

    async def create_followup(self, request: web.Request) -> web.Response:
        result = self._interaction(request)
        if not result.responded:
            raise ApiError(404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        body = await read_body(request)
        payload = dict(body.payload or {})
        require_non_empty(payload, bool(body.files))
        original = self.state.messages.get(result.original_message_id or 0)
        if (
            result.response_type == DEFERRED_CHANNEL_MESSAGE
            and original is not None
            and original.flags & 128
            and not result.followup_ids
        ):
            # Discord: the first followup after a "thinking" defer replaces the loading message,
            # keeping the defer's ephemerality.
            edit_bot_message(self.core, original, payload, body.files)
            result.followup_ids.append(original.id)
            self.core.publish_message_update(original)
            message = original
        else:
            message = create_bot_message(self.core, self._channel(result), payload, body.files, source="interaction")
            self._link(message, result)
            result.followup_ids.append(message.id)
            self.core.publish_message_create(message)
        result.record("followup", message.id)
        if request.query.get("wait") not in TRUTHY:
            return no_content()
        return json_response(payloads.message(self.state, message))

    async def get_message(self, request: web.Request) -> web.Response:
        result = self._interaction(request)
        return json_response(payloads.message(self.state, self._target(request, result)))

    async def edit_message(self, request: web.Request) -> web.Response:
        result = self._interaction(request)
        stored = self._target(request, result)
        body = await read_body(request)
        edit_bot_message(self.core, stored, dict(body.payload or {}), body.files)
        self.core.publish_message_update(stored)
        kind = "edit_original" if self._is_original(request, result) else "edit_followup"
        result.record(kind, stored.id)
        return json_response(payloads.message(self.state, stored))

    async def delete_message(self, request: web.Request) -> web.Response:
        result = self._interaction(request)
        stored = self._target(request, result)
        stored.deleted = True
        self.core.publish_message_delete(stored)
        result.record("delete", stored.id)
        return no_content()


def _callback_kind(kind: int) -> str:
    return {
        1: "pong",
        CHANNEL_MESSAGE: "response",
        DEFERRED_CHANNEL_MESSAGE: "deferred",
        DEFERRED_UPDATE_MESSAGE: "deferred_update",
        UPDATE_MESSAGE: "update",
        AUTOCOMPLETE_RESULT: "autocomplete",
        MODAL: "modal",
    }.get(kind, f"callback_{kind}")
