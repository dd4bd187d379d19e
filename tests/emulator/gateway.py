"""The websocket gateway: HELLO, heartbeats, IDENTIFY/READY, and event dispatch.

Frames are sent as plain-text JSON. discord.py asks for ``compress=zstd-stream``
(2.7.1; older versions used zlib-stream) but only decompresses *binary* frames,
so uncompressed text frames are accepted as-is.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web

from . import payloads
from .records import HeartbeatRecord, IdentifyRecord
from .state import EmulatorState

log = logging.getLogger(__name__)

DISPATCH = 0
HEARTBEAT = 1
IDENTIFY = 2
PRESENCE = 3
VOICE_STATE = 4
RESUME = 6
RECONNECT = 7
REQUEST_MEMBERS = 8
INVALIDATE_SESSION = 9
HELLO = 10
HEARTBEAT_ACK = 11

INTENT_GUILDS = 1 << 0
INTENT_MEMBERS = 1 << 1
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_GUILD_MESSAGE_REACTIONS = 1 << 10
INTENT_MESSAGE_CONTENT = 1 << 15

CLOSE_AUTHENTICATION_FAILED = 4004
FLUSH_TIMEOUT = 10.0


class GatewaySession:
    """One connected client; frames go through a queue so dispatch order is preserved."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.session_id = secrets.token_hex(16)
        self.sequence = 0
        self.intents = 0
        self.identified = False
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._writer: asyncio.Task[None] | None = None

    def has_intent(self, bit: int) -> bool:
        return bool(self.intents & bit)

    def start(self) -> None:
        self._writer = asyncio.create_task(self._write_loop(), name=f"emulator-gateway-writer-{self.session_id[:6]}")

    def send_op(self, op: int, data: Any) -> None:
        self._queue.put_nowait(json.dumps({"op": op, "d": data, "s": None, "t": None}))

    def send_dispatch(self, event: str, data: Any) -> None:
        self.sequence += 1
        self._queue.put_nowait(json.dumps({"op": DISPATCH, "d": data, "s": self.sequence, "t": event}))

    async def flush(self) -> None:
        """Wait until every queued frame has been handed to the socket."""
        await asyncio.wait_for(self._queue.join(), FLUSH_TIMEOUT)

    async def _write_loop(self) -> None:
        while True:
            frame = await self._queue.get()
            try:
                if frame is None:
                    return
                if not self.ws.closed:
                    await self.ws.send_str(frame)
            except (ConnectionError, RuntimeError) as exc:
                log.debug("gateway send failed: %s", exc)
            except Exception:  # keep draining: a dead writer would hang flush() forever
                log.exception("gateway writer failed on a frame")
            finally:
                self._queue.task_done()

    async def stop(self) -> None:
        if self._writer is None:
            return
        self._queue.put_nowait(None)
        try:
            await asyncio.wait_for(self._writer, 5)
        except (TimeoutError, asyncio.CancelledError):
            self._writer.cancel()
        self._writer = None


class GatewayHub:
    """Accepts gateway connections and fans events out to identified sessions."""

    def __init__(
        self,
        state: EmulatorState,
        *,
        heartbeat_interval_ms: int,
        gateway_url: Callable[[], str],
        expected_token: str | None,
    ) -> None:
        self.state = state
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self._gateway_url = gateway_url
        self.expected_token = expected_token
        self.sessions: list[GatewaySession] = []
        self.heartbeats: list[HeartbeatRecord] = []
        self.identifies: list[IdentifyRecord] = []
        self.presence_updates: list[dict[str, Any]] = []
        self.connections = 0

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        self.connections += 1
        session = GatewaySession(ws)
        self.sessions.append(session)
        session.start()
        log.debug("gateway connection %s query=%s", session.session_id, dict(request.query))
        session.send_op(HELLO, {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["emulator"]})
        try:
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_frame(session, json.loads(msg.data))
                elif msg.type is WSMsgType.BINARY:
                    log.warning("binary gateway frame ignored (ETF is not emulated)")
                elif msg.type is WSMsgType.ERROR:
                    log.debug("gateway socket error: %s", ws.exception())
                    break
        finally:
            if session in self.sessions:
                self.sessions.remove(session)
            await session.stop()
            log.debug("gateway connection %s closed code=%s", session.session_id, ws.close_code)
        return ws

    async def _on_frame(self, session: GatewaySession, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        data = frame.get("d")
        if op == HEARTBEAT:
            self.heartbeats.append(HeartbeatRecord(at=time.monotonic(), sequence=data))
            session.send_op(HEARTBEAT_ACK, None)
        elif op == IDENTIFY:
            await self._identify(session, data)
        elif op == RESUME:
            # Resuming is not emulated: tell the client to start a fresh session.
            session.send_op(INVALIDATE_SESSION, False)
        elif op == REQUEST_MEMBERS:
            self._request_members(session, data)
        elif op == PRESENCE:
            self.presence_updates.append(data)
        elif op == VOICE_STATE:
            log.debug("voice state update ignored: %s", data)
        else:
            log.warning("unknown gateway opcode %s", op)

    async def _identify(self, session: GatewaySession, data: dict[str, Any]) -> None:
        token = str(data.get("token", ""))
        shard = data.get("shard")
        self.identifies.append(
            IdentifyRecord(
                token=token,
                intents=int(data.get("intents", 0)),
                shard=(int(shard[0]), int(shard[1])) if shard else None,
                payload=data,
            )
        )
        if self.expected_token is not None and token != self.expected_token:
            await session.ws.close(code=CLOSE_AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return
        session.intents = int(data.get("intents", 0))
        session.identified = True
        state = self.state
        ready = {
            "v": 10,
            "user": {**payloads.user(state.bot_user), "verified": True, "mfa_enabled": False, "email": None},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in state.guilds.values()],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self._gateway_url(),
            "shard": list(shard) if shard else [0, 1],
            "application": {"id": str(state.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "auth_session_id_hash": "",
            "_trace": ["emulator"],
        }
        session.send_dispatch("READY", ready)
        all_members = session.has_intent(INTENT_MEMBERS)
        for guild in state.guilds.values():
            session.send_dispatch(
                "GUILD_CREATE",
                payloads.guild_create(state, guild, all_members=all_members, unavailable_known=True),
            )

    def _request_members(self, session: GatewaySession, data: dict[str, Any]) -> None:
        guild_id = int(data["guild_id"])
        members = self.state.guild_members(guild_id)
        user_ids = {int(u) for u in data.get("user_ids") or []}
        query = data.get("query")
        if user_ids:
            members = [m for m in members if m.id in user_ids]
        elif query:
            members = [m for m in members if m.user.username.lower().startswith(str(query).lower())]
        limit = int(data.get("limit") or 0)
        if limit:
            members = members[:limit]
        found = {m.id for m in members}
        chunk: dict[str, Any] = {
            "guild_id": str(guild_id),
            "members": [payloads.member(m) for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [str(u) for u in user_ids - found],
        }
        if data.get("presences"):
            chunk["presences"] = []
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        session.send_dispatch("GUILD_MEMBERS_CHUNK", chunk)

    def dispatch(
        self,
        event: str,
        data: dict[str, Any] | Callable[[GatewaySession], dict[str, Any] | None],
        *,
        intent: int = 0,
    ) -> int:
        """Send an event to every identified session that asked for ``intent``; returns how many got it."""
        sent = 0
        for session in self.sessions:
            if not session.identified or (intent and not session.has_intent(intent)):
                continue
            body = data(session) if callable(data) else data
            if body is None:
                continue
            session.send_dispatch(event, body)
            sent += 1
        return sent

    async def flush(self) -> None:
        for session in list(self.sessions):
            await session.flush()

    async def close_all(self) -> None:
        for session in list(self.sessions):
            if not session.ws.closed:
                await session.ws.close(code=1001, message=b"emulator stopping")
            await session.stop()
        self.sessions.clear()
