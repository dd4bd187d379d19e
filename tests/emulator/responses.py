"""HTTP responses shaped like Discord's, including its JSON error bodies."""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)

UNKNOWN_CHANNEL = 10003
UNKNOWN_GUILD = 10004
UNKNOWN_MEMBER = 10007
UNKNOWN_MESSAGE = 10008
UNKNOWN_USER = 10013
UNKNOWN_WEBHOOK = 10015
UNKNOWN_INTERACTION = 10062
CANNOT_EDIT_OTHERS_MESSAGE = 50005
EMPTY_MESSAGE = 50006
MISSING_PERMISSIONS = 50013
INVALID_FORM_BODY = 50035
ALREADY_ACKNOWLEDGED = 40060
REQUEST_TOO_LARGE = 40005


class ApiError(Exception):
    """Raised by route handlers; turned into a Discord-style error response."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py's json_or_text only decodes when Content-Type is exactly "application/json";
    # aiohttp's web.json_response would add "; charset=utf-8" and the bot would get a str.
    return web.Response(body=json.dumps(data).encode("utf-8"), status=status, content_type="application/json")


def no_content() -> web.Response:
    return web.Response(status=204)


def error_response(status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"message": message, "code": code}
    if errors:
        body["errors"] = errors
    return json_response(body, status=status)


def form_error(path: str, message: str, code: str = "BASE_TYPE_INVALID") -> ApiError:
    """A 50035 "Invalid Form Body" error pointing at one field, as Discord nests them."""
    errors: dict[str, Any] = {"_errors": [{"code": code, "message": message}]}
    for key in reversed(path.split(".")):
        errors = {key: errors}
    return ApiError(400, INVALID_FORM_BODY, "Invalid Form Body", errors)
