"""Turn the bot's message bodies (create/edit) into stored messages, as Discord would."""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from typing import Any

from .bodies import UploadedFile
from .core import EmulatorCore
from .permissions import ALL_PERMISSIONS
from .records import EPHEMERAL, LOADING, AttachmentRecord, ChannelRecord
from .responses import REQUEST_TOO_LARGE, UNKNOWN_MESSAGE, ApiError, form_error
from .snowflakes import iso_timestamp
from .state import StoredMessage
from .validation import validate_message

log = logging.getLogger(__name__)

REPLY = 19
DEFAULT = 0
# Flags a sender may set; the rest (e.g. LOADING) are Discord-controlled.
SETTABLE_FLAGS = (1 << 2) | EPHEMERAL | (1 << 12) | (1 << 15)


def _attachments(
    core: EmulatorCore,
    channel_id: int,
    described: Sequence[dict[str, Any]] | None,
    uploads: Sequence[UploadedFile],
    existing: Sequence[AttachmentRecord],
) -> list[AttachmentRecord]:
    """Kept attachments are referenced by id; new uploads by ``attachments[].id == n`` for ``files[n]``."""
    if described is None:
        # No attachments list: keep what is there and append every upload.
        return [*existing, *(_store(core, channel_id, u, None, None) for u in uploads)]
    by_index = {u.index: u for u in uploads}
    kept = {a.id: a for a in existing}
    result: list[AttachmentRecord] = []
    for entry in described:
        raw_id = int(entry["id"])
        if raw_id in kept:
            result.append(kept[raw_id])
            continue
        upload = by_index.get(raw_id)
        if upload is None:
            raise form_error("attachments", f"Unknown attachment id {raw_id}", "ATTACHMENT_NOT_FOUND")
        result.append(_store(core, channel_id, upload, entry.get("filename"), entry.get("description")))
    return result


def _store(
    core: EmulatorCore, channel_id: int, upload: UploadedFile, filename: str | None, description: str | None
) -> AttachmentRecord:
    name = filename or upload.filename
    return core.state.add_file(
        name,
        upload.data,
        upload.content_type,
        description=description,
        url_for=lambda attachment_id: core.cdn_url(channel_id, attachment_id, name),
    )


def check_upload_size(core: EmulatorCore, uploads: Sequence[UploadedFile]) -> None:
    """Discord rejects the whole request when the files exceed the upload limit."""
    total = sum(len(u.data) for u in uploads)
    if total > core.attachment_size_limit:
        raise ApiError(413, REQUEST_TOO_LARGE, "Request entity too large")


def create_bot_message(
    core: EmulatorCore,
    channel: ChannelRecord,
    payload: dict[str, Any],
    uploads: Sequence[UploadedFile],
    *,
    source: str,
    prefix: str = "",
    loading: bool = False,
) -> StoredMessage:
    """Store a message authored by the bot (channel send, interaction response or followup)."""
    validate_message(payload, prefix)
    check_upload_size(core, uploads)
    state = core.state
    message_id = state.ids.next()
    reference = payload.get("message_reference")
    replied_author: int | None = None
    if reference is not None:
        reference = dict(reference)
        ref_id = reference.get("message_id")
        target = state.messages.get(int(ref_id)) if ref_id is not None else None
        if target is None or target.deleted:
            if reference.get("fail_if_not_exists", True):
                raise form_error(f"{prefix}message_reference", "Unknown message", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE")
            reference = None
        else:
            reference.setdefault("channel_id", str(target.channel_id))
            if target.guild_id is not None:
                reference.setdefault("guild_id", str(target.guild_id))
            reference.setdefault("type", 0)
            replied_author = target.author_id
    flags = int(payload.get("flags") or 0) & SETTABLE_FLAGS
    if loading:
        flags |= LOADING
    stored = StoredMessage(
        id=message_id,
        channel_id=channel.id,
        guild_id=channel.guild_id,
        author_id=state.bot_user.id,
        content=str(payload.get("content") or ""),
        embeds=copy.deepcopy(payload.get("embeds") or []),
        components=copy.deepcopy(payload.get("components") or []),
        flags=flags,
        allowed_mentions=copy.deepcopy(payload.get("allowed_mentions")),
        message_reference=reference,
        tts=bool(payload.get("tts", False)),
        type=REPLY if reference is not None else DEFAULT,
        source=source,
        nonce=payload.get("nonce"),
        payloads=[copy.deepcopy(payload)],
    )
    stored.attachments = _attachments(core, channel.id, payload.get("attachments"), uploads, [])
    bot_perms = state.channel_permissions(state.bot_member(channel.guild_id), channel)
    state.resolve_mentions(stored, author_permissions=bot_perms, replied_author=replied_author)
    return state.store_message(stored)


def edit_bot_message(
    core: EmulatorCore,
    stored: StoredMessage,
    payload: dict[str, Any],
    uploads: Sequence[UploadedFile],
    *,
    prefix: str = "",
) -> StoredMessage:
    """Apply a PATCH body: only the keys present change, like Discord's edit semantics."""
    if stored.deleted:
        raise ApiError(404, UNKNOWN_MESSAGE, "Unknown Message")
    validate_message(payload, prefix)
    check_upload_size(core, uploads)
    if "content" in payload:
        stored.content = str(payload["content"] or "")
    if "embeds" in payload:
        stored.embeds = copy.deepcopy(payload["embeds"] or [])
    if "components" in payload:
        stored.components = copy.deepcopy(payload["components"] or [])
    if "allowed_mentions" in payload:
        stored.allowed_mentions = copy.deepcopy(payload["allowed_mentions"])
    if "flags" in payload and payload["flags"] is not None:
        kept = stored.flags & EPHEMERAL
        stored.flags = (int(payload["flags"]) & SETTABLE_FLAGS & ~EPHEMERAL) | kept
    if "attachments" in payload or uploads:
        stored.attachments = _attachments(
            core, stored.channel_id, payload.get("attachments"), uploads, stored.attachments
        )
    stored.flags &= ~LOADING
    stored.edit_count += 1
    stored.edited_at = iso_timestamp(core.state.ids.next())
    stored.payloads.append(copy.deepcopy(payload))
    state = core.state
    replied_author = None
    if stored.message_reference is not None:
        ref = state.messages.get(int(stored.message_reference.get("message_id", 0) or 0))
        replied_author = ref.author_id if ref is not None else None
    if stored.guild_id is not None:
        perms = state.channel_permissions(state.bot_member(stored.guild_id), state.channels.get(stored.channel_id))
    else:
        perms = ALL_PERMISSIONS
    state.resolve_mentions(stored, author_permissions=perms, replied_author=replied_author)
    state.touch()
    return stored
