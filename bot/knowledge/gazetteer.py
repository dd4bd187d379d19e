"""Country names, demonyms and cities from TOML gazetteers: how we tell which countries a text is about."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Gazetteer:
    """Maps every surface form (name, alias, demonym, city) to its canonical country."""

    country_by_alias: dict[str, str]
    country_by_city: dict[str, str]
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    # Lookups that ignore case, accents and hyphens (people type "cote d'ivoire", "guinea bissau"),
    # built once: questions look up every few words they contain.
    _alias_casefold: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _city_casefold: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # Place names that are also everyday words ("Male"): in chat they count only when typed with a capital.
    capitalised_only: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    # Two-letter country codes ("kz"): a question reads them only in a pair ("kz-tj"), as alone many are chat
    # words ("ag", "hr", "pa").
    codes: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # Regions whose names hold a country's ("Latin America", "South Africa" is a country, "the Americas" not):
    # read as one place of no country, so "a tour of Latin America" is no trip to the United States.
    regions: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    # Names that several countries go by ("Congo", "Congolese"): each reads as the first country listed,
    # unless the text is about another of them (`mentions(…, about=…)`).
    shared_names: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    # Each form written without its accents ("Viet Nam" for "Việt Nam", "Bogota" for "Bogotá") → the form as
    # listed: article text is matched with its accents set aside, letter for letter, so offsets still hold.
    _forms_unaccented: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, paths: Iterable[Path]) -> Gazetteer:
        aliases: dict[str, str] = {}
        cities: dict[str, str] = {}
        capitalised_only: set[str] = set()
        typed: dict[str, str] = {}
        codes: dict[str, str] = {}
        regions: set[str] = set()
        shared: dict[str, list[str]] = {}
        for data in _tables(paths):
            regions.update(data.get("regions", []))
            codes.update((code.casefold(), country) for code, country in data.get("codes", {}).items())
            for country, entry in data.get("countries", {}).items():
                aliases[country] = country
                for alias in entry.get("aliases", []):
                    if alias in aliases and aliases[alias] != country:
                        shared.setdefault(alias, [aliases[alias]]).append(country)
                    aliases.setdefault(alias, country)
                for city in entry.get("cities", []):
                    cities[city] = country
                capitalised_only.update(_folded(name) for name in entry.get("everyday_words", []))
                typed.update((_folded(form), country) for form in entry.get("typed", []))
        loaded = cls.from_maps(aliases, cities, regions)
        # short forms people type ("nz", "ph") that in an article's text may be something else ("the PH scale")
        return replace(loaded, capitalised_only=frozenset(capitalised_only),
                       shared_names={name: tuple(countries) for name, countries in shared.items()},
                       _alias_casefold={**typed, **loaded._alias_casefold},
                       codes={code: country for code, country in codes.items() if country in aliases})

    def coded_pairs(self, text: str) -> list[tuple[str, str]]:
        """(code, country) for each code a question writes joined to another ("kz-tj", "tm/uz"), in order."""
        return [(code, self.codes[code]) for found in _CODE_PAIR.finditer(text.casefold())
                if found[1] != found[2] and all(c in self.codes and c not in _WORD_CODES for c in found.groups())
                for code in found.groups()]

    def everyday_word(self, typed: str) -> bool:
        """Whether a place name, as typed, is more likely the everyday word it spells ("male officers")."""
        return typed[:1].islower() and _folded(typed) in self.capitalised_only

    @classmethod
    def from_maps(cls, country_by_alias: dict[str, str], country_by_city: dict[str, str],
                  regions: Iterable[str] = ()) -> Gazetteer:
        regions = frozenset(regions)
        unaccented: dict[str, str] = {}
        for form in sorted({*country_by_alias, *country_by_city, *regions}):
            unaccented.setdefault(unaccent(form), form)
        forms = sorted(unaccented, key=len, reverse=True)
        # Longest first so "New Delhi" wins over "Delhi"; word boundaries so "Oman" is not in "woman"; a name
        # joined to a currency sign is the currency ("US$400 million", "NZ$5").
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w$-])") if forms else None
        return cls(country_by_alias, country_by_city, pattern,
                   {_folded(form): country for form, country in country_by_alias.items()},
                   {_folded(city): country for city, country in country_by_city.items()},
                   regions=frozenset(_folded(region) for region in regions), _forms_unaccented=unaccented)

    def namesakes(self, typed: str) -> tuple[str, ...]:
        """Every country a typed name may mean, when several share it ("congo"); () for any other name."""
        folded = _folded(typed)
        return next((countries for name, countries in self.shared_names.items() if _folded(name) == folded), ())

    def region(self, name: str) -> bool:
        """Whether a name, as written or typed, is a region's ("Latin America", "latin american")."""
        return _folded(name) in self.regions

    @property
    def countries(self) -> list[str]:
        return sorted(set(self.country_by_alias.values()))

    def country_of(self, name: str) -> str | None:
        """The country a surface form (country, demonym, alias or city) refers to, if known."""
        return self.country_by_alias.get(name) or self.country_by_city.get(name)

    def names_of(self, country: str) -> list[str]:
        """Every name and demonym of a country (not its cities)."""
        return [form for form, c in self.country_by_alias.items() if c == country]

    def canonical(self, name: str) -> str | None:
        """Canonical country for a user-typed name, ignoring case and accents (for filters such as `country:india`)."""
        return self._alias_casefold.get(_folded(name))

    def canonical_before_role(self, name: str) -> str | None:
        """A country typed before a role, where a possessive may lack its apostrophe ("mongolias def min"). Only
        there: elsewhere "turkeys" and "the americas" are no countries."""
        folded = _folded(name)
        found = self._alias_casefold.get(folded)
        if found is None and len(folded) > _SHORTEST_BARE_POSSESSIVE and folded.endswith("s") and not folded.endswith("ss"):
            found = self._alias_casefold.get(folded[:-1])
        return found

    def city_country(self, name: str) -> str | None:
        """The country of a user-typed city name, ignoring case and accents."""
        return self._city_casefold.get(_folded(name))

    def mentions(self, text: str, about: Sequence[str] = ()) -> list[tuple[int, int, str, str]]:
        """Every (start, end, surface form, country) found in the text, in order; a name several countries go
        by is the one of them the text is `about` (an article's countries), if any."""
        if self._pattern is None:
            return []
        found = [(m.start(), m.end(), self._forms_unaccented.get(m.group(1), m.group(1)))
                 for m in self._pattern.finditer(unaccent(text))]
        return [(start, end, form, self._country_of(form, about)) for start, end, form in found
                if not self.region(form)]

    def _country_of(self, form: str, about: Sequence[str]) -> str:
        among = [c for c in self.shared_names.get(form, ()) if c in about]
        return among[0] if len(among) == 1 else self.country_of(form) or ""

    def country_counts(self, text: str) -> list[tuple[str, int]]:
        """(country, mentions) for every country in the text, most mentioned first (ties: first seen first)."""
        counts = Counter(country for *_, country in self.mentions(text))  # Counter keeps first-seen order
        return sorted(counts.items(), key=lambda item: -item[1])

    def countries_in(self, text: str, limit: int | None = None) -> list[str]:
        """Countries a text talks about, most mentioned first (ties keep first appearance)."""
        ranked = [country for country, _ in self.country_counts(text)]
        return ranked[:limit] if limit else ranked

    def countries_named(self, text: str) -> list[str]:
        """Countries the text names by a name or demonym of their own ("South Africa", "South African"), not by
        a city; a longer name wins over one inside it ("South Sudan" is not Sudan)."""
        return list(dict.fromkeys(country for _, _, form, country in self.mentions(text)
                                  if country and form not in self.country_by_city))

    def cities_in(self, text: str) -> list[tuple[str, str]]:
        """(city, country) pairs named in the text, in order, without repeats."""
        seen: dict[str, str] = {}
        for _, _, form, country in self.mentions(text):
            if form in self.country_by_city:
                seen.setdefault(form, country)
        return list(seen.items())


# A name this long or shorter that ends in "s" is read as written ("laos" is no possessive of "lao").
_SHORTEST_BARE_POSSESSIVE = 4
# Codes that are everyday two-letter words ("to-do", "in/at", "me/my"): never read as countries.
_WORD_CODES = frozenset({"to", "do", "in", "at", "is", "it", "me", "my", "no", "so", "by", "am", "be", "id", "us",
                         "as", "an", "go", "he", "if", "of", "on", "or", "we", "up", "hi", "ok", "tv", "pm", "fm"})
_CODE_PAIR = re.compile(r"(?<![\w-])([a-z]{2})\s?[-/]\s?([a-z]{2})(?![\w-])")


def _tables(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """Each gazetteer file read once, followed by the files its `include` names (relative to it): the
    generated city list (config/gazetteer_cities.toml) comes with config/gazetteer.toml wherever that is
    loaded."""
    for path in paths:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        yield data
        yield from _tables(path.parent / name for name in data.get("include", []))


def unaccent(text: str) -> str:
    """The text with each accented letter written without its accent ("Việt Nam" → "Viet Nam"), letter for
    letter: the same length, so offsets into it are offsets into the text."""
    if text.isascii():
        return text
    return text.translate(_UNACCENTED)


class _UnaccentedLetters(dict[int, str]):
    """A translation table filled on first sight of each letter: `str.translate` then runs at C speed."""

    def __missing__(self, code: int) -> str:
        letter = chr(code)
        decomposed = unicodedata.normalize("NFD", letter)
        plain = decomposed[0] if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]) \
            else letter
        self[code] = plain
        return plain


_UNACCENTED = _UnaccentedLetters()


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'").replace("-", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def load_gazetteer(paths: Sequence[Path]) -> Gazetteer:
    return Gazetteer.load(paths)
