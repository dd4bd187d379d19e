"""From a file's bytes to clean text: the encodings we read, and no control characters in what is kept.

An article's text reaches Discord quotes and terminals; its metadata is shown in every citation. Neither
may carry NULs, terminal escape codes or direction overrides, whatever the file held.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any

from bot.knowledge.errors import RejectedFile

# Byte-order marks, UTF-32's first: its little-endian mark begins with UTF-16's (read as UTF-16 it gave NULs).
_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))

# Terminal escape sequences (CSI and OSC), then any other control character but tab and line breaks.
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# In metadata besides: every line break, and bidirectional embeddings, overrides and isolates, which can
# make a title read as something other than what it is ("Trojan Source").
_META_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def decode_text(data: bytes, name: str) -> str:
    """UTF-8, or UTF-16/32 with a byte-order mark; anything else is refused with what to do about it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise RejectedFile(f"`{name}` starts as {encoding} text but is not valid {encoding}.") from error
    if b"\x00" in data:  # no text encoding we read has NUL bytes
        if _looks_like_utf16(data):
            raise RejectedFile(f"`{name}` looks like UTF-16 text without a byte-order mark. Save it as UTF-8 "
                               "and try again.")
        raise RejectedFile(f"`{name}` looks like a binary file, not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RejectedFile(f"`{name}` is not valid UTF-8 text. Save it as UTF-8 and try again.") from None


def _looks_like_utf16(data: bytes) -> bool:
    """ASCII-range text in UTF-16 has a NUL in every other byte, and almost none in the rest (a few bytes
    tell nothing either way)."""
    sample = data[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return half >= 16 and max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


def clean_body(body: str) -> str:
    """Normalised text: NFC, one kind of line break, no control characters, tidy spaces."""
    body = unicodedata.normalize("NFC", body).replace("\r\n", "\n").replace("\r", "\n")
    body = _CONTROLS.sub("", _ESCAPES.sub("", body)).replace("\x0b", "\n").replace("\x0c", "\n")
    body = re.sub(r"[ \t\u00a0]+", " ", body)
    body = re.sub(r" *\n *", "\n", body)
    return re.sub(r"\n{3,}", "\n\n", body).strip()


def meta_text(value: Any) -> str:
    """A metadata value as one clean line; a list, mapping, set or binary is no title or outlet."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return " ".join(_META_CONTROLS.sub(" ", _ESCAPES.sub("", str(value))).split())


def one_line(text: str, limit: int = 200) -> str:
    """A library's error text, which may span lines, as one line for a user's message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
