"""Country names, demonyms and cities from TOML gazetteers: how we tell which countries a text is about."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Gazetteer:
    """Maps every surface form (name, alias, demonym, city) to its canonical country."""

    country_by_alias: dict[str, str]
    country_by_city: dict[str, str]
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, paths: Iterable[Path]) -> Gazetteer:
        aliases: dict[str, str] = {}
        cities: dict[str, str] = {}
        for path in paths:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
            for country, entry in data.get("countries", {}).items():
                aliases[country] = country
                for alias in entry.get("aliases", []):
                    aliases[alias] = country
                for city in entry.get("cities", []):
                    cities[city] = country
        return cls.from_maps(aliases, cities)

    @classmethod
    def from_maps(cls, country_by_alias: dict[str, str], country_by_city: dict[str, str]) -> Gazetteer:
        forms = sorted({*country_by_alias, *country_by_city}, key=len, reverse=True)
        # Longest first so "New Delhi" wins over "Delhi"; word boundaries so "Oman" is not in "woman".
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])") if forms else None
        return cls(country_by_alias, country_by_city, pattern)

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
        """Canonical country for a user-typed name, ignoring case (for filters such as `country:india`)."""
        wanted = name.strip().casefold()
        for form, country in self.country_by_alias.items():
            if form.casefold() == wanted:
                return country
        return None

    def mentions(self, text: str) -> list[tuple[int, int, str, str]]:
        """Every (start, end, surface form, country) found in the text, in order."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), m.group(1), self.country_of(m.group(1)) or "") for m in self._pattern.finditer(text)]

    def countries_in(self, text: str, limit: int | None = None) -> list[str]:
        """Countries a text talks about, most mentioned first (ties keep first appearance)."""
        counts = Counter(country for *_, country in self.mentions(text))
        first_seen: dict[str, int] = {}
        for index, (*_, country) in enumerate(self.mentions(text)):
            first_seen.setdefault(country, index)
        ranked = sorted(counts, key=lambda c: (-counts[c], first_seen[c]))
        return ranked[:limit] if limit else ranked

    def cities_in(self, text: str) -> list[tuple[str, str]]:
        """(city, country) pairs named in the text, in order, without repeats."""
        seen: dict[str, str] = {}
        for _, _, form, country in self.mentions(text):
            if form in self.country_by_city:
                seen.setdefault(form, country)
        return list(seen.items())


def load_gazetteer(paths: Sequence[Path]) -> Gazetteer:
    return Gazetteer.load(paths)
