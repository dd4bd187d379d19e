"""Serve stored attachment bytes at the URLs in attachment payloads (``Attachment.read()`` fetches)."""

from __future__ import annotations

import logging

from aiohttp import web

from .responses import ApiError
from .state import EmulatorState

log = logging.getLogger(__name__)


class CdnRoutes:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/attachments/{channel_id}/{attachment_id}/{filename}", self.download)]

    async def download(self, request: web.Request) -> web.Response:
        raw = request.match_info["attachment_id"]
        record = self.state.files.get(int(raw)) if raw.isdigit() else None
        if record is None or record.filename != request.match_info["filename"]:
            raise ApiError(404, 0, "404: Not Found")
        return web.Response(body=record.data, content_type=record.content_type)
