"""Track what the bot did with each interaction it was sent."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from .records import EPHEMERAL, AutocompleteChoice, InteractionEvent, MessageRecord
from .state import EmulatorState

log = logging.getLogger(__name__)

PONG = 1
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9

# Events that carry a message snapshot but are not something the bot said.
NOT_OUTPUT = {"deferred", "deferred_update", "delete"}
FINAL_RESPONSES = {PONG, CHANNEL_MESSAGE, UPDATE_MESSAGE, AUTOCOMPLETE_RESULT, MODAL}
DEFERRED_RESPONSES = {DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE}

# Which callback types Discord accepts for each interaction type.
ALLOWED_CALLBACKS: dict[int, set[int]] = {
    1: {PONG},
    2: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    3: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE, MODAL},
    4: {AUTOCOMPLETE_RESULT},
    5: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE},
}


class InteractionResult:
    """Live handle on one interaction: its response, edits and followups as they happen."""

    def __init__(
        self,
        *,
        state: EmulatorState,
        interaction_id: int,
        token: str,
        type: int,
        payload: Mapping[str, Any],
        channel_id: int,
        guild_id: int | None,
        user_id: int,
        source_message_id: int | None,
        name: str | None,
    ) -> None:
        self._state = state
        self.id = interaction_id
        self.token = token
        self.type = type
        self.payload = payload
        self.channel_id = channel_id
        self.guild_id = guild_id
        self.user_id = user_id
        self.source_message_id = source_message_id
        self.name = name
        self.response_type: int | None = None
        self.response_data: Mapping[str, Any] | None = None
        self.original_message_id: int | None = None
        self.followup_ids: list[int] = []
        self.events: list[InteractionEvent] = []
        self.choices: list[AutocompleteChoice] | None = None
        self.modal: Mapping[str, Any] | None = None

    def __repr__(self) -> str:
        kinds = [e.kind for e in self.events]
        return f"<InteractionResult id={self.id} type={self.type} response_type={self.response_type} events={kinds}>"

    # -- recording (called by the webhook routes) --------------------------------

    def record(self, kind: str, message_id: int | None) -> None:
        snapshot = self._snapshot(message_id) if message_id is not None else None
        self.events.append(InteractionEvent(kind=kind, message=snapshot, at=time.monotonic()))
        self._state.touch()

    # -- state -------------------------------------------------------------------

    @property
    def responded(self) -> bool:
        return self.response_type is not None

    @property
    def deferred(self) -> bool:
        return self.response_type in DEFERRED_RESPONSES

    @property
    def ephemeral(self) -> bool:
        """Whether the initial response (message or deferral) was ephemeral."""
        if self.response_data is None:
            return False
        return bool(int(self.response_data.get("flags", 0) or 0) & EPHEMERAL)

    @property
    def done(self) -> bool:
        if self.response_type in FINAL_RESPONSES:
            return True
        if self.response_type in DEFERRED_RESPONSES:
            return any(e.kind in ("edit_original", "followup") for e in self.events)
        return False

    @property
    def messages(self) -> list[MessageRecord]:
        """Visible output in order: response, @original edits, followups (not deferral placeholders)."""
        return [e.message for e in self.events if e.message is not None and e.kind not in NOT_OUTPUT]

    @property
    def last_message(self) -> MessageRecord | None:
        found = self.messages
        return found[-1] if found else None

    @property
    def original(self) -> MessageRecord | None:
        """Current snapshot of the @original message (the response, or the clicked message for updates)."""
        if self.original_message_id is None:
            return None
        return self._snapshot(self.original_message_id)

    @property
    def followups(self) -> list[MessageRecord]:
        return [m for m in (self._snapshot(i) for i in self.followup_ids) if m is not None]

    def _snapshot(self, message_id: int) -> MessageRecord | None:
        stored = self._state.messages.get(message_id)
        return stored.snapshot() if stored is not None else None

    async def wait_responded(self, timeout: float = 30.0) -> InteractionResult:
        """Until the bot acknowledged the interaction in any way (including a defer)."""
        await self._state.signal.wait_for(lambda: self.responded, timeout, f"a response to {self!r}")
        return self

    async def wait_done(self, timeout: float = 30.0) -> InteractionResult:
        """Until there is a final answer: a non-deferred response, or an edit/followup after a defer."""
        await self._state.signal.wait_for(lambda: self.done, timeout, f"a final answer to {self!r}")
        return self

    async def wait_for_events(self, count: int, timeout: float = 30.0) -> InteractionResult:
        await self._state.signal.wait_for(lambda: len(self.events) >= count, timeout, f"{count} events on {self!r}")
        return self


class InteractionRegistry:
    """Maps interaction ids and tokens (as used in callback/webhook URLs) to results."""

    def __init__(self, state: EmulatorState) -> None:
        self._state = state
        self.by_token: dict[str, InteractionResult] = {}
        self.by_id: dict[int, InteractionResult] = {}

    def add(self, result: InteractionResult) -> None:
        self.by_token[result.token] = result
        self.by_id[result.id] = result

    def all(self) -> list[InteractionResult]:
        return list(self.by_id.values())
