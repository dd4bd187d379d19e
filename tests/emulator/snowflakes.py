"""Snowflake ids that sort by creation time, like Discord's."""

from __future__ import annotations

import datetime
import logging
import time

log = logging.getLogger(__name__)

DISCORD_EPOCH_MS = 1420070400000


class SnowflakeFactory:
    """Hands out strictly increasing snowflakes.

    Ordering matters: discord.py and the emulator's ``after=`` filters compare ids
    to decide which message came first, so two ids minted in the same millisecond
    must still differ and increase.
    """

    def __init__(self) -> None:
        self._last = 0

    def next(self) -> int:
        now_ms = int(time.time() * 1000)
        candidate = (now_ms - DISCORD_EPOCH_MS) << 22
        self._last = max(candidate, self._last + 1)
        return self._last


def snowflake_time(snowflake: int) -> datetime.datetime:
    """The creation time encoded in a snowflake (used for message timestamps)."""
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.UTC)


def iso_timestamp(snowflake: int) -> str:
    """ISO-8601 timestamp as Discord formats it in payloads."""
    return snowflake_time(snowflake).isoformat()
