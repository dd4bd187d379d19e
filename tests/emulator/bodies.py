"""Decode REST request bodies: JSON, or multipart with ``payload_json`` + ``files[n]``."""

from __future__ import annotations

import json
import logging
import mimetypes
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

log = logging.getLogger(__name__)

FILE_FIELD = re.compile(r"^files\[(\d+)\]$")


@dataclass(frozen=True)
class UploadedFile:
    index: int
    filename: str
    data: bytes
    content_type: str


@dataclass(frozen=True)
class ParsedBody:
    payload: Any
    files: tuple[UploadedFile, ...]


PARSED_BODY = web.RequestKey("parsed_body", ParsedBody)


class BodyError(ValueError):
    """The request body was not something Discord would accept."""


def guess_content_type(filename: str, declared: str | None) -> str:
    """discord.py always declares application/octet-stream; Discord sniffs the type, so guess by name."""
    if declared and declared != "application/octet-stream":
        return declared
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "application/octet-stream"


async def parse_body(request: web.Request) -> ParsedBody:
    if request.content_type.startswith("multipart/"):
        return await _parse_multipart(request)
    raw = await request.read()
    if not raw:
        return ParsedBody(payload=None, files=())
    try:
        return ParsedBody(payload=json.loads(raw), files=())
    except json.JSONDecodeError as exc:
        raise BodyError(f"body is not JSON: {exc}") from exc


async def _parse_multipart(request: web.Request) -> ParsedBody:
    reader = await request.multipart()
    payload: Any = None
    files: list[UploadedFile] = []
    while True:
        part = await reader.next()
        if part is None:
            break
        if not isinstance(part, BodyPartReader):
            raise BodyError("nested multipart is not supported")
        name = part.name or ""
        data = await part.read(decode=True)
        if name == "payload_json":
            payload = json.loads(bytes(data).decode("utf-8"))
            continue
        match = FILE_FIELD.match(name)
        if match is None:
            raise BodyError(f"unexpected multipart field {name!r}")
        filename = part.filename or f"file{match.group(1)}"
        declared = part.headers.get("Content-Type")
        files.append(
            UploadedFile(
                index=int(match.group(1)),
                filename=filename,
                data=bytes(data),
                content_type=guess_content_type(filename, declared),
            )
        )
    return ParsedBody(payload=payload, files=tuple(sorted(files, key=lambda f: f.index)))
