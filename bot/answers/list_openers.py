"""A sentence that opens a list ("The card says the conference will cover these sectors:") says nothing
without its items: its quote runs on through the list items that follow it in the passage."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answers.candidates import Candidate

_ITEM = re.compile(r"[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]+\S")
# A list longer than this is quoted in part: an answer is not a copy of the article.
MAX_LIST_ITEMS = 10


def with_its_list(candidate: Candidate) -> str:
    """The candidate's text, and the list it opens when it ends with a colon (verbatim from the passage)."""
    text = candidate.text
    if not text.rstrip().endswith(":"):
        return text
    passage = candidate.passage.chunk.text
    end = candidate.start + len(text)
    items = 0
    for line in passage[end:].split("\n")[1:]:
        if not line.strip():
            continue
        if not _ITEM.match(line) or items == MAX_LIST_ITEMS:
            break
        items += 1
        end = passage.index(line, end) + len(line.rstrip())
    return passage[candidate.start:end] if items else text


def quoted_with_lists(chosen: Sequence[Candidate]) -> list[tuple[str, Candidate]]:
    """Each chosen sentence's quote (under its time stamp, if it has one), a list opener's running on through its
    items; a chosen sentence that stands inside another one's quote (the items themselves, chosen beside their opener) is not quoted twice."""
    quotes = [(with_its_list(c), c) for c in chosen]
    kept = [(text, c) for text, c in quotes
            if not any(other is not c and other.passage.chunk.chunk_id == c.passage.chunk.chunk_id
                       and other.start < c.start < other.start + len(quote) for quote, other in quotes)]
    # a live blog's entry is quoted under its time stamp, once ("1 Nov, evening — Arrival", then the entry)
    stamped: list[tuple[str, Candidate]] = []
    stamps_quoted: set[tuple[str, str]] = set()
    for text, c in kept:
        if c.stamp is not None and (c.stamp, c.article_id) not in stamps_quoted:
            stamps_quoted.add((c.stamp, c.article_id))
            stamped.append((c.stamp, c))
        stamped.append((text, c))
    return stamped
