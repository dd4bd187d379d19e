"""Encode a test's option values as the ``data`` of an application-command interaction.

Values are checked against the command schema the bot registered, so a test
can't send something the Discord client would never let a user send (unknown
option, wrong type, missing required option, value outside ``choices``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from . import payloads
from .records import AttachmentRecord, ChannelRecord, MemberRecord, RoleRecord, UserRecord
from .state import EmulatorState

log = logging.getLogger(__name__)

SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING = 3
INTEGER = 4
BOOLEAN = 5
USER = 6
CHANNEL = 7
ROLE = 8
MENTIONABLE = 9
NUMBER = 10
ATTACHMENT = 11


class OptionError(ValueError):
    """The values don't fit the registered command (the Discord client would refuse them)."""


def command_data(
    state: EmulatorState,
    command: Mapping[str, Any],
    scope: int | None,
    *,
    guild_id: int,
    path: Sequence[str],
    values: Mapping[str, Any],
    focused: str | None = None,
    partial: str = "",
) -> dict[str, Any]:
    """Build ``interaction.data`` for a chat-input command (or its autocomplete when ``focused`` is set)."""
    schema_options: list[Mapping[str, Any]] = list(command.get("options") or [])
    resolved: dict[str, dict[str, Any]] = {}
    leaf = _encode_leaf(state, guild_id, schema_options, path, values, focused, partial, resolved, command["name"])
    data: dict[str, Any] = {
        "id": str(command["id"]),
        "name": command["name"],
        "type": 1,
        "options": leaf,
    }
    if scope is not None:
        data["guild_id"] = str(scope)
    if resolved and focused is None:
        data["resolved"] = resolved
    return data


def _encode_leaf(
    state: EmulatorState,
    guild_id: int,
    schema: list[Mapping[str, Any]],
    path: Sequence[str],
    values: Mapping[str, Any],
    focused: str | None,
    partial: str,
    resolved: dict[str, dict[str, Any]],
    where: str,
) -> list[dict[str, Any]]:
    if path:
        head, rest = path[0], path[1:]
        for option in schema:
            if option.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP) and option["name"] == head:
                inner = _encode_leaf(
                    state,
                    guild_id,
                    list(option.get("options") or []),
                    rest,
                    values,
                    focused,
                    partial,
                    resolved,
                    f"{where} {head}",
                )
                return [{"type": option["type"], "name": head, "options": inner}]
        names = [o["name"] for o in schema if o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)]
        raise OptionError(f"/{where} has no subcommand {head!r}; it has {names}")
    if any(o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in schema):
        names = [o["name"] for o in schema]
        raise OptionError(f"/{where} is a group; pass subcommand= one of {names}")
    by_name = {o["name"]: o for o in schema}
    unknown = set(values) - set(by_name)
    if focused is not None:
        unknown.discard(focused)
    if unknown:
        raise OptionError(f"/{where} has no option(s) {sorted(unknown)}; it has {sorted(by_name)}")
    encoded: list[dict[str, Any]] = []
    for option in schema:
        name = option["name"]
        if focused == name:
            if not option.get("autocomplete"):
                raise OptionError(f"/{where} option {name!r} does not have autocomplete enabled")
            encoded.append({"type": option["type"], "name": name, "value": partial, "focused": True})
            continue
        if name not in values:
            if option.get("required") and focused is None:
                raise OptionError(f"/{where} requires option {name!r}")
            continue
        value = _encode_value(state, guild_id, option, values[name], resolved, where)
        encoded.append({"type": option["type"], "name": name, "value": value})
    if focused is not None and focused not in by_name:
        raise OptionError(f"/{where} has no option {focused!r} to autocomplete")
    return encoded


def _encode_value(
    state: EmulatorState,
    guild_id: int,
    option: Mapping[str, Any],
    value: Any,
    resolved: dict[str, dict[str, Any]],
    where: str,
) -> Any:
    kind = option["type"]
    name = option["name"]
    label = f"/{where} option {name!r}"
    if kind == STRING:
        if not isinstance(value, str):
            raise OptionError(f"{label} expects str, got {type(value).__name__}")
        _check_length(option, value, label)
        _check_choices(option, value, label)
        return value
    if kind == INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise OptionError(f"{label} expects int, got {type(value).__name__}")
        _check_range(option, value, label)
        _check_choices(option, value, label)
        return value
    if kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise OptionError(f"{label} expects a number, got {type(value).__name__}")
        _check_range(option, value, label)
        _check_choices(option, value, label)
        return value
    if kind == BOOLEAN:
        if not isinstance(value, bool):
            raise OptionError(f"{label} expects bool, got {type(value).__name__}")
        return value
    if kind in (USER, MENTIONABLE) and isinstance(value, (MemberRecord, UserRecord)):
        _resolve_user(state, guild_id, value, resolved)
        return str(value.id)
    if kind in (ROLE, MENTIONABLE) and isinstance(value, RoleRecord):
        resolved.setdefault("roles", {})[str(value.id)] = payloads.role(value)
        return str(value.id)
    if kind == CHANNEL and isinstance(value, ChannelRecord):
        allowed_types = option.get("channel_types")
        if allowed_types and value.type not in allowed_types:
            raise OptionError(f"{label} only accepts channel types {allowed_types}")
        resolved.setdefault("channels", {})[str(value.id)] = _partial_channel(state, guild_id, value)
        return str(value.id)
    if kind == ATTACHMENT and isinstance(value, AttachmentRecord):
        resolved.setdefault("attachments", {})[str(value.id)] = payloads.attachment(value, ephemeral=True)
        return str(value.id)
    raise OptionError(f"{label} (type {kind}) can't take a {type(value).__name__}")


def _resolve_user(
    state: EmulatorState, guild_id: int, value: MemberRecord | UserRecord, resolved: dict[str, dict[str, Any]]
) -> None:
    user = value.user if isinstance(value, MemberRecord) else value
    resolved.setdefault("users", {})[str(user.id)] = payloads.user(user)
    member = value if isinstance(value, MemberRecord) else state.member(guild_id, user.id)
    if member is not None:
        perms = member.permissions if member.permissions is not None else state.guild_permissions(member)
        resolved.setdefault("members", {})[str(user.id)] = payloads.member(member, with_user=False, permissions=perms)


def _partial_channel(state: EmulatorState, guild_id: int, channel: ChannelRecord) -> dict[str, Any]:
    data = payloads.channel(channel)
    data["permissions"] = str(state.channel_permissions(state.bot_member(guild_id), channel))
    return data


def _check_choices(option: Mapping[str, Any], value: Any, label: str) -> None:
    choices = option.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise OptionError(f"{label} must be one of {[c['value'] for c in choices]}, got {value!r}")


def _check_range(option: Mapping[str, Any], value: float, label: str) -> None:
    low, high = option.get("min_value"), option.get("max_value")
    if (low is not None and value < low) or (high is not None and value > high):
        raise OptionError(f"{label} must be within [{low}, {high}], got {value!r}")


def _check_length(option: Mapping[str, Any], value: str, label: str) -> None:
    low, high = option.get("min_length"), option.get("max_length")
    if (low is not None and len(value) < low) or (high is not None and len(value) > high):
        raise OptionError(f"{label} length must be within [{low}, {high}], got {len(value)}")
