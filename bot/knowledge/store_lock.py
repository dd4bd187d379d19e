"""One process per embedded store: a lock on the data folder, said clearly when another process holds it.

Chroma's embedded client keeps its own view of the files: a second process writing beside it corrupts
nothing we saw, but the first one goes stale ("Error finding id" on the new records) until restarted.
A Chroma server is the way to share a store between processes, and needs no lock.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from bot.knowledge.errors import KnowledgeError

log = logging.getLogger(__name__)

_LOCK_FILE = "attache-store.lock"
_held: dict[Path, tuple[int, int]] = {}  # lock file → (descriptor, holders in this process)
_guard = threading.Lock()


class StoreBusy(KnowledgeError):
    """Another process has the embedded store open."""


def acquire(data_dir: Path) -> Path:
    """Hold the data folder for this process (re-entrant within it); raise StoreBusy if another has it."""
    path = (data_dir / _LOCK_FILE).resolve()
    with _guard:
        if path in _held:
            descriptor, holders = _held[path]
            _held[path] = (descriptor, holders + 1)
            return path
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, as before
            _held[path] = (descriptor, 1)
            return path
        try:
            # POSIX record locks belong to the process, so the bot's many components share one.
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(descriptor)
            raise StoreBusy(
                f"Another Attaché process (the bot, or an attache command) is using the store in {data_dir}: "
                "stop it first, add articles through the bot's /knowledge commands, or run a Chroma server "
                "(CHROMA_HOST) so several processes can share one store."
            ) from error
        _held[path] = (descriptor, 1)
        return path


def release(path: Path) -> None:
    with _guard:
        found = _held.get(path)
        if found is None:
            return
        descriptor, holders = found
        if holders > 1:
            _held[path] = (descriptor, holders - 1)
            return
        del _held[path]
        os.close(descriptor)  # closing releases the process's lock
