"""Several people under one plural title: "Prime ministers Scott Morrison and Fumio Kishida", "the two trade
ministers — Betty Maina for Kenya and Kitila Mkumbo for Tanzania", "the two prime ministers, Nicolae Ciuca of
Romania and Natalia Gavrilita of Moldova", "the presidents of Panama and Costa Rica, José Mulino and Rodrigo
Chaves", "the foreign ministers of the two countries, Abdulaziz Kamilov of Uzbekistan and …". Each person
gets the title in the singular, and the country the text sets beside their name ("of Romania", "for
Kenya"), or the one in the same place of the title's own list of countries."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.facts.article_text import ArticleSentence
from bot.facts.catalog import ExtractionCatalog
from bot.knowledge.text_terms import singular

# How a person's own country follows their name inside such a list.
_COUNTRY_LINK = re.compile(r"\s+(?:of|for|from)\s+(?:the\s+)?")
_AFTER_TITLE = re.compile(r"\s*[,:—–-]?\s*")
_BETWEEN_NAMES = re.compile(r"(?:,\s+and\s+|\s+and\s+|,\s+)")
# "Cabinet Secretaries: Raychelle Omamo (Defence), Davis Chirchir (Energy) and …": each one's portfolio.
_PORTFOLIO = re.compile(r"\s*\(([A-Z][^()]{0,79})\)")  # not "(pictured)"
# "the presidents of Panama and Costa Rica": the countries a plural title lists, in order.
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
# "the foreign ministers of the two countries, A of X and B of Y": the title's countries said, not listed.
_BOTH_SIDES = re.compile(r"\s+of\s+(?:the\s+two|both)\s+(?:countries|sides|nations|states|governments)\b",
                         re.IGNORECASE)

NameReader = Callable[[ArticleSentence, int], "tuple[int, str] | None"]
SharedTitle = tuple[int, int, str, str | None]  # start, end, singular title, country


def shared_title_people(sentence: ArticleSentence, catalog: ExtractionCatalog,
                        read_name: NameReader) -> list[tuple[str, SharedTitle]]:
    """(name, (start, end, title, country)) for every person listed under a plural title; `read_name` reads a
    name at an offset as the official finder does. A list needs two names at least, the last after "and"."""
    found: list[tuple[str, SharedTitle]] = []
    text = sentence.text
    for title in catalog.patterns.plural_title.finditer(text):
        listed, cursor = _countries_listed(sentence, title.end())
        if not listed and (both := _BOTH_SIDES.match(text, cursor)):
            cursor = both.end()
        cursor = _AFTER_TITLE.match(text, cursor).end()  # type: ignore[union-attr]  # matches empty
        people: list[tuple[str, int, int, str | None]] = []
        joined_by_and = False
        portfolios: list[str | None] = []
        while (name := read_name(sentence, cursor)) is not None:
            end, written = name
            country = None
            link = _COUNTRY_LINK.match(text, end)
            place = sentence.place_at(link.end()) if link else None
            if link and place is not None and not place.is_city:
                country, end = place.country, place.end
            portfolio = _PORTFOLIO.match(text, end)
            portfolios.append(portfolio.group(1) if portfolio else None)
            end = portfolio.end() if portfolio else end
            people.append((written, cursor, end, country))
            between = _BETWEEN_NAMES.match(text, end)
            if between is None or read_name(sentence, between.end()) is None:
                break
            joined_by_and, cursor = "and" in between.group(0), between.end()
        if len(people) >= 2 and joined_by_and:
            one_title = singular(title.group(0))
            if len(listed) == len(people) and not any(country for *_, country in people):
                people = [(written, start, end, country) for (written, start, end, _), country in zip(people, listed, strict=True)]
            found += [(written, (start, end, f"{one_title} ({portfolio})" if portfolio else one_title, country))
                      for (written, start, end, country), portfolio in zip(people, portfolios, strict=True)]
    return found


def _countries_listed(sentence: ArticleSentence, position: int) -> tuple[list[str], int]:
    """The countries of "of A and B" (or "of A, B and C") at `position`, and where the list ends; none and
    `position` itself when no such list follows."""
    link = _OF.match(sentence.text, position)
    if link is None:
        return [], position
    countries: list[str] = []
    cursor = link.end()
    while (place := sentence.place_at(cursor)) is not None and not place.is_city:
        countries.append(place.country)
        between = _BETWEEN_NAMES.match(sentence.text, place.end)
        if between is None or sentence.place_at(between.end()) is None:
            return (countries, place.end) if len(countries) >= 2 else ([], position)
        cursor = between.end()
    return [], position

