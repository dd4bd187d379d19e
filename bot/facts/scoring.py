"""Precision and recall of extraction against hand-labelled facts (tests/fixtures/facts_gold.json), per fact
kind, so tests and the README report the same numbers."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot.facts.catalog import ExtractionCatalog
from bot.facts.confidence import default_confidence
from bot.facts.dates import format_date
from bot.facts.extract import extract_article_facts
from bot.facts.known_people import extract_twice
from bot.facts.model import ArticleFacts, normalise_name, person_key
from bot.facts.views import countries_shown, timeline_view
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.loaders import parse_article
from bot.knowledge.model import Article, ArticleMeta

log = logging.getLogger(__name__)

FACT_KINDS = ("officials", "visits", "areas", "agreements", "events")
_MAX_ARTICLE_BYTES = 2_000_000


@dataclass(frozen=True)
class KindScore:
    """Matches, predictions and gold labels for one fact kind over all labelled articles."""

    kind: str
    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class ExtractionScores:
    """Scores per kind, plus how many labelled articles they cover."""

    kinds: tuple[KindScore, ...]
    articles: int

    def of(self, kind: str) -> KindScore:
        return next(k for k in self.kinds if k.kind == kind)

    def table(self) -> str:
        """A small fixed-width table for a terminal or a README code block."""
        lines = [
            f"{'kind':<11} {'precision':>9} {'recall':>7} {'f1':>6} {'matched':>8} {'pred':>5} {'gold':>5}"
        ]
        for score in self.kinds:
            lines.append(
                f"{score.kind:<11} {score.precision:>9.2f} {score.recall:>7.2f} {score.f1:>6.2f} "
                f"{score.matched:>8} {score.predicted:>5} {score.gold:>5}"
            )
        lines.append(f"({self.articles} labelled articles)")
        return "\n".join(lines)


def _with_countries(facts: ArticleFacts, countries: dict[str, str]) -> ArticleFacts:
    officials = tuple(replace(o, country=countries.get(normalise_name(o.name), o.country)) for o in facts.officials)
    return replace(facts, officials=officials)


def score_article(
    facts: ArticleFacts, gold: dict[str, Any], catalog: ExtractionCatalog | None = None
) -> dict[str, tuple[int, int, int]]:
    """(matched, predicted, gold) per kind for one article; with the catalog, a labeller's own words for an
    area ("cyber security", "defense") count as the canonical area they name."""
    return {
        "officials": _counter_match(official_keys(facts), gold_official_keys(gold)),
        "visits": _prefix_match(visit_keys(facts), gold_visit_keys(gold)),
        "areas": _counter_match(
            sorted({m.area for m in facts.cooperation}),
            sorted({gold_area(a, catalog) for a in gold.get("areas", [])}),
        ),
        "agreements": _counter_match(agreement_keys(facts), gold_agreement_keys(gold)),
        "events": _prefix_match(timeline_keys(facts), gold_timeline_keys(gold)),
    }


def country_key(country: str | None) -> str | None:
    """How country names compare: as person names do, without case, accents or punctuation ("Côte d'Ivoire" is
    the labeller's "Cote d'Ivoire")."""
    return normalise_name(country) if country else None


def gold_area(label: str, catalog: ExtractionCatalog | None) -> str:
    """The canonical area a labeller's phrase names, by the same aliases extraction uses; else the phrase."""
    if catalog is None:
        return label
    return next((area.name for area, _ in catalog.areas_in(label)), label)


def gold_agreement_kind(label: str) -> str:
    """A labeller's free-text kind ("free trade agreement", "defense sales agreement", "roadmap") on the
    extractor's four kinds, so a right extraction is not scored wrong for the labeller's wording."""
    lowered = label.casefold()
    if "mou" in lowered.split() or "memorand" in lowered:
        return "MoU"
    if "joint venture" in lowered:
        return "joint venture"
    if "contract" in lowered or "order" in lowered.split():
        return "contract"
    return "agreement"


def _counter_match(predicted: Iterable[Any], gold: Iterable[Any]) -> tuple[int, int, int]:
    predicted_counts, gold_counts = Counter(predicted), Counter(gold)
    matched = sum((predicted_counts & gold_counts).values())
    return matched, sum(predicted_counts.values()), sum(gold_counts.values())


def _prefix_match(
    predicted: Sequence[tuple[Any, str]], gold: Sequence[tuple[Any, str]]
) -> tuple[int, int, int]:
    matched = sum(prefix_labels(predicted, gold))
    return matched, len(predicted), len(gold)


def prefix_labels(predicted: Sequence[tuple[Any, str]], gold: Sequence[tuple[Any, str]]) -> list[int]:
    """One-to-one: which predictions match a gold item with the same key whose date they start with
    ("2026-03-04" matches "2026-03"); exact dates are paired first."""
    free = list(range(len(predicted)))
    labels = [0] * len(predicted)
    remaining = list(gold)
    for exact in (True, False):
        unmatched = []
        for key, text in remaining:
            hit = next(
                (
                    i
                    for i in free
                    if predicted[i][0] == key
                    and (predicted[i][1] == text if exact else predicted[i][1].startswith(text))
                ),
                None,
            )
            if hit is None:
                unmatched.append((key, text))
            else:
                free.remove(hit)
                labels[hit] = 1
        remaining = unmatched
    return labels


def counter_labels(predicted: Sequence[Any], gold: Iterable[Any]) -> list[int]:
    """Which predictions match a gold item, each gold item used once."""
    left = Counter(gold)
    labels = []
    for item in predicted:
        labels.append(int(left[item] > 0))
        left[item] -= 1
    return labels


def agreement_keys(facts: ArticleFacts) -> list[tuple[str, tuple[str, ...]]]:
    return [(a.kind, tuple(sorted(normalise_name(p) for p in a.parties))) for a in facts.agreements]


def gold_agreement_keys(gold: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    return [(gold_agreement_kind(a["kind"]), tuple(sorted(normalise_name(p) for p in a.get("parties", []))))
            for a in gold.get("agreements", [])]


def official_keys(facts: ArticleFacts) -> list[tuple[str, str | None]]:
    return [(person_key(o.name), country_key(o.country)) for o in facts.officials]


def gold_official_keys(gold: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(person_key(o["name"]), country_key(o.get("country"))) for o in gold.get("officials", [])]


def visit_keys(facts: ArticleFacts) -> list[tuple[tuple[str, str | None], str]]:
    return [
        ((person_key(v.visitor), country_key(v.destination_country)),
         format_date(v.start, v.precision) if v.start else "")
        for v in facts.visits
    ]


def gold_visit_keys(gold: dict[str, Any]) -> list[tuple[tuple[str, str | None], str]]:
    return [((person_key(v["visitor"]), country_key(v.get("destination_country"))), v.get("start") or "")
            for v in gold.get("visits", [])]


def event_keys(facts: ArticleFacts) -> list[tuple[tuple[()], str]]:
    return [((), format_date(e.date, e.precision)) for e in facts.events]


def timeline_keys(facts: ArticleFacts) -> list[tuple[tuple[()], str]]:
    """The dates of the article's lines on `/timeline`: its events, and its dated visits and signings (one
    line per party's trip or day's signing). A labeller lists every dated happening, and the timeline is where
    a reader finds them, whichever kind of fact put them there."""
    meta = ArticleMeta("scored", "")
    return [((), format_date(row.date, row.precision)) for row in timeline_view([(meta, facts)])]


def gold_timeline_keys(gold: dict[str, Any]) -> list[tuple[tuple[()], str]]:
    """The labelled article's timeline: its labelled events, plus each labelled trip (travellers going to the
    same country on the same day are one) and signing (the same parties on the same day are one) on a date
    no labelled event has. Labellers differ in whether they repeat a visit among the events; either way the
    timeline holds it once."""
    keys = gold_event_keys(gold)
    event_dates = {date for _, date in keys}
    trips = {(v.get("start"), country_key(v.get("destination_country")), v.get("status"))
             for v in gold.get("visits", []) if v.get("start")}
    signings = {(a.get("date"), tuple(sorted(normalise_name(p) for p in a.get("parties", []))), a.get("status"))
                for a in gold.get("agreements", []) if a.get("date")}
    for when, *_ in sorted(trips | signings, key=str):
        if when not in event_dates:
            keys.append(((), when))
    return keys


def gold_event_keys(gold: dict[str, Any]) -> list[tuple[tuple[()], str]]:
    return [((), e["date"]) for e in gold.get("events", [])]


def extract_labelled_set(file_names: Iterable[str], article_dirs: Sequence[Path], gazetteer: Gazetteer,
                         catalog: ExtractionCatalog) -> list[tuple[Article, ArticleFacts]]:
    """Each labelled article (found by file name in `article_dirs`), parsed and extracted, the set read together
    as a knowledge base holding it would read it (each article again with the people the others settled,
    bot/facts/known_people.py). eval-facts scores these, and train-facts fits confidence on them."""
    articles: list[Article] = []
    for file_name in file_names:
        path = next((d / file_name for d in article_dirs if (d / file_name).is_file()), None)
        if path is None:
            raise FileNotFoundError(f"labelled article {file_name} not found in {[str(d) for d in article_dirs]}")
        articles.append(parse_article(path.read_bytes(), path.name, gazetteer=gazetteer, max_bytes=_MAX_ARTICLE_BYTES))
    facts = extract_twice(articles, lambda article, known: extract_article_facts(article, gazetteer, catalog, known),
                          default_confidence().thresholds["officials"])
    return list(zip(articles, facts, strict=True))


def extraction_scores(
    gold_file: Path, article_dirs: Sequence[Path], gazetteer: Gazetteer, catalog: ExtractionCatalog,
    *, shown_only: bool = False,
) -> ExtractionScores:
    """Extract every labelled article (found by file name in `article_dirs`) and score it on its labels;
    with `shown_only`, only the facts confident enough for the views (what a user sees)."""
    with open(gold_file, encoding="utf-8") as handle:
        labels: dict[str, dict[str, Any]] = json.load(handle)
    thresholds = default_confidence().thresholds
    extracted = [(file_name, article, facts.confident(thresholds) if shown_only else facts)
                 for file_name, (article, facts) in zip(labels, extract_labelled_set(labels, article_dirs, gazetteer,
                                                                                     catalog), strict=True)]
    if shown_only:
        # The officials view gives each person the country most articles give them (bot/facts/views.py).
        shown = countries_shown([(article.meta, facts) for _, article, facts in extracted])
        extracted = [(name, article, _with_countries(facts, shown)) for name, article, facts in extracted]
    totals = {kind: [0, 0, 0] for kind in FACT_KINDS}
    for file_name, _, facts in extracted:
        for kind, counts in score_article(facts, labels[file_name], catalog).items():
            for index, value in enumerate(counts):
                totals[kind][index] += value
            log.debug("scored article=%s kind=%s matched=%d predicted=%d gold=%d", file_name, kind, *counts)
    return ExtractionScores(tuple(KindScore(kind, *totals[kind]) for kind in FACT_KINDS), len(labels))
