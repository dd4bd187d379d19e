"""People whose country other articles already give. A report often names "Prime Minister Narendra Modi" without
ever saying "India's"; the knowledge base has read other reports that do. Fed to extraction, that country lets
the article's own clauses do the rest: Modi landing in Israel is a visit, and "Modi and his counterpart X"
makes X Israeli.

Only settled knowledge spreads: a full name (two words at least) that enough articles tie to one country and
none to another, counting only officials confident enough for the views."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from bot.facts.model import ArticleFacts, Official, normalise_name

# A person's country is known when this many other articles give it and none gives another (measured on the
# labelled sets: 1 adds 12 right officials for 3 wrong over 2; see README).
MIN_ARTICLES = 1

Item = TypeVar("Item")


def known_countries(facts: Iterable[ArticleFacts], threshold: float) -> dict[str, str]:
    """Normalised full name → country, from the officials at or above `threshold` confidence."""
    votes: dict[str, Counter[str]] = {}
    for article in facts:
        given = {(normalise_name(o.name), o.country) for o in article.officials
                 if o.country and o.confidence >= threshold and len(o.name.split()) > 1}
        for name, country in given:
            votes.setdefault(name, Counter())[country] += 1
    return {name: next(iter(counts)) for name, counts in votes.items()
            if len(counts) == 1 and sum(counts.values()) >= MIN_ARTICLES}


def with_known_countries(officials: Sequence[Official], known: Mapping[str, str]) -> list[Official]:
    """Officials the article gives no country take the one other articles settled on."""
    return [o if o.country or not known else replace(o, country=known.get(normalise_name(o.name)))
            for o in officials]


def extract_twice(items: Sequence[Item], extract: Callable[[Item, Mapping[str, str]], ArticleFacts],
                  threshold: float) -> list[ArticleFacts]:
    """Extract a set of articles read together (a labelled set, as a knowledge base would hold them): once
    alone, then each again with what the first reading of the *other* articles settled about people, as an
    article ingested into a knowledge base holding the others would be."""
    first = [extract(item, {}) for item in items]
    again = []
    for index, item in enumerate(items):
        known = known_countries((f for i, f in enumerate(first) if i != index), threshold)
        again.append(extract(item, known) if known else first[index])
    return again
