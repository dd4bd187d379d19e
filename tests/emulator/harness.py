"""Run a real discord.py client against the emulator, and the pytest fixture for it."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar

import discord
import pytest_asyncio
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from .emulator import DiscordEmulator

log = logging.getLogger(__name__)

ClientT = TypeVar("ClientT", bound=discord.Client)


class _ErrorLogCapture(logging.Handler):
    """Collects discord.py ERROR logs: it logs (not raises) exceptions from handlers and commands."""

    def __init__(self, sink: list[str]) -> None:
        super().__init__(level=logging.ERROR)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += f" -> {type(record.exc_info[1]).__name__}: {record.exc_info[1]}"
        self.sink.append(f"{record.name}: {text}")


@contextlib.contextmanager
def pointed_at(emu: DiscordEmulator) -> Iterator[None]:
    """Aim discord.py's REST base and default gateway at the emulator, restoring both afterwards.

    discord.py 2.7.1's non-sharded ``Client.connect`` never calls ``GET /gateway/bot``: it connects to
    ``DiscordWebSocket.DEFAULT_GATEWAY`` directly, so that class attribute has to be patched too.
    """
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = emu.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(emu.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


@contextlib.asynccontextmanager
async def run_client(
    emu: DiscordEmulator,
    client: ClientT,
    *,
    token: str = "test-token",
    ready_timeout: float = 30.0,
    guild_ready_timeout: float | None = 0.05,
    reconnect: bool = False,
) -> AsyncIterator[ClientT]:
    """Start ``client.start(token)`` as a task, wait for READY (so setup_hook has run), then close it cleanly.

    ``guild_ready_timeout`` shortens discord.py's 2 s wait after the last GUILD_CREATE before on_ready
    (the same knob as the ``Client(guild_ready_timeout=...)`` option); pass None to keep the client's own.
    ``reconnect=False`` makes a dropped connection fail the test instead of retrying with backoff.
    Only one client can run at a time: ``Route.BASE`` is process-global.
    """
    loop = asyncio.get_running_loop()
    previous_handler = loop.get_exception_handler()

    def on_loop_error(the_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        emu.loop_errors.append(f"{context.get('message')}{f' ({exc!r})' if exc else ''}")
        if previous_handler is not None:
            previous_handler(the_loop, context)
        else:
            the_loop.default_exception_handler(context)

    capture = _ErrorLogCapture(emu.client_errors)
    discord_logger = logging.getLogger("discord")
    loop.set_exception_handler(on_loop_error)
    discord_logger.addHandler(capture)
    error: BaseException | None = None
    try:
        with pointed_at(emu):
            if guild_ready_timeout is not None:
                client._connection.guild_ready_timeout = guild_ready_timeout
            task = asyncio.create_task(client.start(token, reconnect=reconnect), name="emulated-discord-client")
            try:
                await _wait_ready(client, task, ready_timeout)
                yield client
            finally:
                error = await _shutdown(client, task)
                # Make finalizer warnings ("Unclosed client session", "Task exception was never
                # retrieved") fire now, while the handler above is still recording them.
                gc.collect()
                await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(previous_handler)
        discord_logger.removeHandler(capture)
    if error is not None:
        raise error


async def eventually(predicate: Callable[[], object], *, timeout: float = 5.0, what: str = "condition") -> None:
    """Poll ``predicate`` (bot-side or emulator-side state) every 10 ms until truthy; for effects with no event."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.1f}s waiting for {what}")
        await asyncio.sleep(0.01)


async def _wait_ready(client: discord.Client, task: asyncio.Task[None], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not client.is_ready():
        if task.done():
            exc = task.exception()
            if exc is not None:
                raise exc  # e.g. LoginFailure, as the bot's own start() would raise it
            raise RuntimeError("client stopped before READY")
        if time.monotonic() > deadline:
            raise TimeoutError(f"client not ready after {timeout:.1f}s")
        await asyncio.sleep(0.01)
    await asyncio.sleep(0)  # let the on_ready handlers start


async def _shutdown(client: discord.Client, task: asyncio.Task[None]) -> BaseException | None:
    """Close the client and collect the start() task's outcome instead of leaving it pending."""
    await client.close()
    try:
        await asyncio.wait_for(task, 10)
    except asyncio.CancelledError:
        return None
    except TimeoutError as exc:
        task.cancel()
        return TimeoutError(f"client task did not finish after close(): {exc}")
    except Exception as exc:  # the client's own failure, reported to the test
        return exc
    return None


@pytest_asyncio.fixture(name="emu")
async def emu_fixture() -> AsyncIterator[DiscordEmulator]:
    """A started emulator; teardown fails on unknown routes, emulator errors or client errors."""
    async with DiscordEmulator() as emu:
        yield emu
    emu.assert_clean()
