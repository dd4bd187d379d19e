"""Which visits and agreements of a watched pair are news: reported only by articles that arrived after the
watch was made. Each becomes one cited line; the caller drops those whose keys were already alerted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.facts.cited_views import cited_lines
from bot.facts.dates import format_date
from bot.facts.model import ArticleFacts, Visit
from bot.facts.views import FactCitation, agreement_label, agreements_view, visit_label, visits_view
from bot.knowledge.model import ArticleMeta, CitedAnswer, covers_countries
from bot.knowledge.watch_records import Watch, alert_key


@dataclass(frozen=True)
class ArrivedFacts:
    """An article's confident facts and when it was stored (ISO 8601, UTC, as the article record says)."""

    meta: ArticleMeta
    facts: ArticleFacts
    ingested_at: str


@dataclass(frozen=True)
class FactAlert:
    """One new fact for one watch: a one-line cited answer, and the keys that mark it sent."""

    watch: Watch
    kind: str  # "visit" | "agreement"
    answer: CitedAnswer
    keys: tuple[str, ...]


def concerns_pair(item: ArrivedFacts, pair: Sequence[str]) -> bool:
    """An article about both countries, or one reporting a visit or agreement between them (an article that
    names one of them only once is not tagged with it, yet its facts may still be theirs)."""
    wanted = set(pair)
    return (covers_countries(item.meta.countries, tuple(pair))
            or any({v.visitor_country, v.destination_country} == wanted for v in item.facts.visits)
            or any(set(a.parties) == wanted for a in item.facts.agreements))


def new_fact_alerts(watch: Watch, items: Sequence[ArrivedFacts]) -> list[FactAlert]:
    """The pair's visits and agreements every report of which arrived since the watch began; `items` are all the
    articles the watch's server sees about the pair, old ones included, so a trip already known stays quiet."""
    fresh = {i.meta.article_id for i in items if watch.is_news(i.meta.article_id, i.ingested_at)}
    if not fresh:
        return []
    pair = set(watch.countries)
    fact_items = [(i.meta, i.facts) for i in items]
    alerts: list[FactAlert] = []
    for row in visits_view(fact_items):
        if {row.visit.visitor_country, row.visit.destination_country} == pair and _all_fresh(row.citations, fresh):
            alerts.append(_alert(watch, "visit", _visit_line(row.visit, row.citations), row.citations))
    for agreement, citations in agreements_view(fact_items):
        if _agreement_of(agreement.parties, citations, pair) and _all_fresh(citations, fresh):
            when = format_date(agreement.date, agreement.precision) if agreement.date else _reported(citations)
            alerts.append(_alert(watch, "agreement", f"{when}: {agreement_label(agreement)}", citations))
    return alerts


def _agreement_of(parties: Sequence[str], citations: Sequence[FactCitation], pair: set[str]) -> bool:
    """Between the pair by its parties, or (parties not all named) in an article about both countries."""
    if set(parties) == pair:
        return True
    return set(parties) <= pair and any(covers_countries(c.article.countries, tuple(pair)) for c in citations)


def _all_fresh(citations: Sequence[FactCitation], fresh: set[str]) -> bool:
    return bool(citations) and all(c.article.article_id in fresh for c in citations)


def _visit_line(visit: Visit, citations: Sequence[FactCitation]) -> str:
    when = _reported(citations)
    if visit.start:
        when = format_date(visit.start, visit.precision)
        if visit.end and visit.end != visit.start:
            when += f" to {format_date(visit.end, visit.precision)}"
    met = f"; met {', '.join(visit.met)}" if visit.met else ""
    return f"{when}: {visit_label(visit)}{met}"


def _reported(citations: Sequence[FactCitation]) -> str:
    """An undated fact is placed by its first report's publication date, said as such."""
    dates = sorted(c.article.published for c in citations if c.article.published)
    return f"reported {dates[0].isoformat()}" if dates else "undated"


def _alert(watch: Watch, kind: str, line: str, citations: Sequence[FactCitation]) -> FactAlert:
    heading = f"New {kind} · {watch.pair_text}"
    answer = cited_lines(heading, [(line, citations)], "")
    keys = tuple(alert_key(watch, kind, c.evidence.sentence) for c in citations)
    return FactAlert(watch, kind, answer, keys)
