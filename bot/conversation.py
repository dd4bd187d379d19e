"""Remembers recent questions and answers so follow-ups and Show evidence work; bounded, in memory."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import TypeVar

from bot.knowledge.model import CitedAnswer

_Key = TypeVar("_Key", bound=Hashable)


@dataclass(frozen=True)
class Asked:
    question: str
    answer: CitedAnswer
    at: float


class ConversationMemory:
    """Answers by bot message id (reply chains, evidence) and the last question per channel and user."""

    def __init__(self, capacity: int = 2000, follow_up_seconds: float = 900.0) -> None:
        self._by_message: OrderedDict[int, Asked] = OrderedDict()
        self._last: OrderedDict[tuple[int, int], Asked] = OrderedDict()
        self._capacity = capacity
        self._follow_up_seconds = follow_up_seconds

    def remember(self, message_ids: list[int], channel_id: int, user_id: int, answer: CitedAnswer) -> None:
        asked = Asked(answer.question, answer, time.monotonic())
        for message_id in message_ids:
            self._put(self._by_message, message_id, asked)
        if not answer.refused or answer.citations:  # a quoted denial is something to follow up ("why not?")
            self._put(self._last, (channel_id, user_id), asked)

    def answer_for_message(self, message_id: int) -> CitedAnswer | None:
        asked = self._by_message.get(message_id)
        return asked.answer if asked else None

    def previous_question(self, channel_id: int, user_id: int, replied_to: int | None) -> str | None:
        if replied_to is not None and (asked := self._by_message.get(replied_to)):
            return asked.question
        asked = self._last.get((channel_id, user_id))
        if asked and time.monotonic() - asked.at <= self._follow_up_seconds:
            return asked.question
        return None

    def _put(self, table: OrderedDict[_Key, Asked], key: _Key, value: Asked) -> None:
        table[key] = value
        table.move_to_end(key)
        while len(table) > self._capacity:
            table.popitem(last=False)
