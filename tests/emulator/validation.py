"""Discord's documented size limits, so a bot that would be rejected in production is rejected here too."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .responses import ApiError, form_error

log = logging.getLogger(__name__)

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_ACTION_ROWS = 5
MAX_CUSTOM_ID = 100
MAX_BUTTON_LABEL = 80
MAX_CHOICES = 25
COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")

EMBED_LIMITS = {"title": 256, "description": 4096}


def validate_message(payload: Mapping[str, Any], prefix: str = "") -> None:
    """Check the fields of a message create/edit body (or interaction response ``data``)."""
    content = payload.get("content")
    if content is not None and len(str(content)) > MAX_CONTENT:
        raise form_error(f"{prefix}content", f"Must be {MAX_CONTENT} or fewer in length.", "BASE_TYPE_MAX_LENGTH")
    embeds = payload.get("embeds") or []
    if len(embeds) > MAX_EMBEDS:
        raise form_error(f"{prefix}embeds", f"Must be {MAX_EMBEDS} or fewer in length.", "BASE_TYPE_MAX_LENGTH")
    total = 0
    for index, embed in enumerate(embeds):
        total += _validate_embed(embed, f"{prefix}embeds.{index}.")
    if total > MAX_EMBED_TOTAL:
        raise form_error(
            f"{prefix}embeds",
            f"Embed size exceeds maximum size of {MAX_EMBED_TOTAL}",
            "MAX_EMBED_SIZE_EXCEEDED",
        )
    components = payload.get("components") or []
    top_level_rows = [c for c in components if c.get("type") == 1]
    if len(top_level_rows) > MAX_ACTION_ROWS:
        raise form_error(
            f"{prefix}components", f"Must be {MAX_ACTION_ROWS} or fewer in length.", "BASE_TYPE_MAX_LENGTH"
        )
    _validate_components(components, f"{prefix}components")


def _validate_embed(embed: Mapping[str, Any], prefix: str) -> int:
    size = 0
    for key, limit in EMBED_LIMITS.items():
        value = embed.get(key)
        if value is not None:
            if len(str(value)) > limit:
                raise form_error(f"{prefix}{key}", f"Must be {limit} or fewer in length.", "BASE_TYPE_MAX_LENGTH")
            size += len(str(value))
    fields = embed.get("fields") or []
    if len(fields) > 25:
        raise form_error(f"{prefix}fields", "Must be 25 or fewer in length.", "BASE_TYPE_MAX_LENGTH")
    for index, item in enumerate(fields):
        name, value = str(item.get("name", "")), str(item.get("value", ""))
        if not name or not value:
            raise form_error(f"{prefix}fields.{index}", "This field is required", "BASE_TYPE_REQUIRED")
        if len(name) > 256 or len(value) > 1024:
            raise form_error(f"{prefix}fields.{index}", "Field name/value too long.", "BASE_TYPE_MAX_LENGTH")
        size += len(name) + len(value)
    footer = (embed.get("footer") or {}).get("text")
    if footer is not None:
        if len(str(footer)) > 2048:
            raise form_error(f"{prefix}footer.text", "Must be 2048 or fewer in length.", "BASE_TYPE_MAX_LENGTH")
        size += len(str(footer))
    author = (embed.get("author") or {}).get("name")
    if author is not None:
        if len(str(author)) > 256:
            raise form_error(f"{prefix}author.name", "Must be 256 or fewer in length.", "BASE_TYPE_MAX_LENGTH")
        size += len(str(author))
    return size


def _validate_components(components: Sequence[Mapping[str, Any]], path: str) -> None:
    for index, component in enumerate(components):
        here = f"{path}.{index}"
        custom_id = component.get("custom_id")
        if custom_id is not None and len(str(custom_id)) > MAX_CUSTOM_ID:
            raise form_error(
                f"{here}.custom_id", f"Must be {MAX_CUSTOM_ID} or fewer in length.", "BASE_TYPE_MAX_LENGTH"
            )
        label = component.get("label")
        if component.get("type") == 2 and label is not None and len(str(label)) > MAX_BUTTON_LABEL:
            raise form_error(f"{here}.label", f"Must be {MAX_BUTTON_LABEL} or fewer in length.", "BASE_TYPE_MAX_LENGTH")
        _validate_components(component.get("components") or [], f"{here}.components")


def require_non_empty(payload: Mapping[str, Any], has_files: bool) -> None:
    if has_files:
        return
    for key in ("content", "embeds", "components", "sticker_ids", "poll"):
        if payload.get(key):
            return
    raise ApiError(400, 50006, "Cannot send an empty message")


def validate_commands(commands: Any) -> None:
    """The subset of application-command rules that catch real registration bugs."""
    if not isinstance(commands, list):
        raise form_error("_", "Expected a list of commands.")
    seen: set[tuple[str, int]] = set()
    for index, command in enumerate(commands):
        kind = int(command.get("type", 1))
        name = str(command.get("name", ""))
        key = (name, kind)
        if key in seen:
            raise form_error(
                f"{index}.name",
                "Application command names must be unique",
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
            )
        seen.add(key)
        if kind == 1:
            _validate_chat_input(command, str(index))
        elif not 1 <= len(name) <= 32:
            raise form_error(f"{index}.name", "Must be between 1 and 32 in length.", "BASE_TYPE_BAD_LENGTH")


def _validate_chat_input(node: Mapping[str, Any], path: str) -> None:
    name = str(node.get("name", ""))
    if not COMMAND_NAME.match(name) or name != name.lower():
        raise form_error(f"{path}.name", "Command name is invalid", "APPLICATION_COMMAND_INVALID_NAME")
    description = str(node.get("description", ""))
    if not 1 <= len(description) <= 100:
        raise form_error(f"{path}.description", "Must be between 1 and 100 in length.", "BASE_TYPE_BAD_LENGTH")
    options = node.get("options") or []
    if len(options) > 25:
        raise form_error(f"{path}.options", "Must be 25 or fewer in length.", "BASE_TYPE_MAX_LENGTH")
    optional_seen = False
    names: set[str] = set()
    for index, option in enumerate(options):
        here = f"{path}.options.{index}"
        if option.get("name") in names:
            raise form_error(
                f"{here}.name", "Option names must be unique", "APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME"
            )
        names.add(option.get("name"))
        if option.get("type") in (1, 2):
            _validate_chat_input(option, here)
            continue
        _validate_chat_input({**option, "options": []}, here)
        if option.get("required"):
            if optional_seen:
                raise form_error(
                    f"{here}.required",
                    "Required options must be placed before non-required options",
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                )
        else:
            optional_seen = True
        choices = option.get("choices") or []
        if len(choices) > MAX_CHOICES:
            raise form_error(f"{here}.choices", "Must be 25 or fewer in length.", "BASE_TYPE_MAX_LENGTH")
        if choices and option.get("autocomplete"):
            raise form_error(
                f"{here}.autocomplete", "Autocomplete cannot be set with choices", "AUTOCOMPLETE_AND_CHOICES"
            )


def validate_choices(choices: Any) -> None:
    if not isinstance(choices, list) or len(choices) > MAX_CHOICES:
        raise form_error("data.choices", "Must be 25 or fewer in length.", "BASE_TYPE_MAX_LENGTH")
    for index, choice in enumerate(choices):
        name = str(choice.get("name", ""))
        if not 1 <= len(name) <= 100:
            raise form_error(
                f"data.choices.{index}.name", "Must be between 1 and 100 in length.", "BASE_TYPE_BAD_LENGTH"
            )
        if "value" not in choice:
            raise form_error(f"data.choices.{index}.value", "This field is required", "BASE_TYPE_REQUIRED")
