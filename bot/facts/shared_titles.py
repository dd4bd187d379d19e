"""Several people under one plural title: "Prime ministers Scott Morrison and Fumio Kishida", "the two trade
ministers — Betty Maina for Kenya and Kitila Mkumbo for Tanzania", "the two prime ministers, Nicolae Ciuca of
Romania and Natalia Gavrilita of Moldova". Each person gets the title in the singular, and the country the
text sets beside their name ("of Romania", "for Kenya")."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.facts.article_text import ArticleSentence
from bot.facts.catalog import ExtractionCatalog

# How a person's own country follows their name inside such a list.
_COUNTRY_LINK = re.compile(r"\s+(?:of|for|from)\s+(?:the\s+)?")
_AFTER_TITLE = re.compile(r"\s*[,:—–-]?\s*")
_BETWEEN_NAMES = re.compile(r"(?:,\s+and\s+|\s+and\s+|,\s+)")

NameReader = Callable[[ArticleSentence, int], "tuple[int, str] | None"]
SharedTitle = tuple[int, int, str, str | None]  # start, end, singular title, country


def shared_title_people(sentence: ArticleSentence, catalog: ExtractionCatalog,
                        read_name: NameReader) -> list[tuple[str, SharedTitle]]:
    """(name, (start, end, title, country)) for every person listed under a plural title; `read_name` reads a
    name at an offset as the official finder does. A list needs two names at least, the last after "and"."""
    found: list[tuple[str, SharedTitle]] = []
    text = sentence.text
    for title in catalog.patterns.plural_title.finditer(text):
        cursor = _AFTER_TITLE.match(text, title.end()).end()  # type: ignore[union-attr]  # matches empty
        people: list[tuple[str, int, int, str | None]] = []
        joined_by_and = False
        while (name := read_name(sentence, cursor)) is not None:
            end, written = name
            country = None
            link = _COUNTRY_LINK.match(text, end)
            place = sentence.place_at(link.end()) if link else None
            if link and place is not None and not place.is_city:
                country, end = place.country, place.end
            people.append((written, cursor, end, country))
            between = _BETWEEN_NAMES.match(text, end)
            if between is None or read_name(sentence, between.end()) is None:
                break
            joined_by_and, cursor = "and" in between.group(0), between.end()
        if len(people) >= 2 and joined_by_and:
            singular = _singular(title.group(0))
            found += [(written, (start, end, singular, country)) for written, start, end, country in people]
    return found


def _singular(title: str) -> str:
    if title.endswith("ies"):
        return title[:-3] + "y"
    if title.endswith(("sses", "shes", "ches")):
        return title[:-2]
    return title[:-1]
