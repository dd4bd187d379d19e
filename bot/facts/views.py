"""Pure views over stored facts for the bot's commands: officials, visits, cooperation areas and a timeline,
each row carrying the (article, sentence) pairs it rests on so every line can be cited."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, NamedTuple

from bot.facts.catalog import ExtractionCatalog
from bot.facts.dates import finer_precision, format_date, period_end
from bot.facts.happenings import grouped, party_label, signing_key, signing_label, trip_key
from bot.facts.model import Agreement, ArticleFacts, DatePrecision, Evidence, Official, Visit, normalise_name
from bot.knowledge.answering import SAME_THING_OVERLAP, term_overlap
from bot.knowledge.model import ArticleMeta
from bot.knowledge.text_terms import terms

FactItems = Sequence[tuple[ArticleMeta, ArticleFacts]]
TimelineKind = Literal["visit", "event", "agreement"]
_KIND_ORDER = {"visit": 0, "agreement": 1, "event": 2}


class FactCitation(NamedTuple):
    """The article and exact sentence behind a row; unpacks as (meta, evidence)."""

    article: ArticleMeta
    evidence: Evidence


@dataclass(frozen=True)
class OfficialRow:
    """One person across every article that names them."""

    name: str
    titles: tuple[str, ...]
    organisations: tuple[str, ...]
    country: str | None
    citations: tuple[FactCitation, ...]

    @property
    def article_count(self) -> int:
        return len({c.article.article_id for c in self.citations})


@dataclass(frozen=True)
class VisitRow:
    """One trip, merged across the articles that report it."""

    visit: Visit
    citations: tuple[FactCitation, ...]


@dataclass(frozen=True)
class CooperationRow:
    """An area with how many articles discuss it and the words they used."""

    area: str
    article_count: int
    matched_texts: tuple[str, ...]
    citations: tuple[FactCitation, ...]


@dataclass(frozen=True)
class TimelineRow:
    """A dated item for the timeline; `end` is set for multi-day visits."""

    date: date
    precision: DatePrecision
    kind: TimelineKind
    label: str
    citations: tuple[FactCitation, ...]
    end: dt.date | None = None  # dt.: in this class `date` is the field above
    status: str | None = None

    @property
    def date_text(self) -> str:
        return format_date(self.date, self.precision)


def as_of(items: FactItems) -> date | None:
    """The newest publication date among the articles a view used: "as of" for the reader."""
    dates = [meta.published for meta, _ in items if meta.published]
    return max(dates) if dates else None


# -- officials -------------------------------------------------------------------------------------------


def officials_view(
    items: FactItems, country: str | None = None, name: str | None = None
) -> tuple[OfficialRow, ...]:
    """Officials merged by name across articles; `name` matches any part of a name, ignoring case."""
    rows = []
    for entries in _official_groups(items).values():
        officials = [official for _, official in entries]
        rows.append(
            OfficialRow(
                name=max((o.name for o in officials), key=len),
                titles=_unique(t for o in officials for t in o.titles),
                organisations=_unique(o.organisation for o in officials),
                country=_commonest_country(officials),
                citations=_unique_citations(FactCitation(meta, e) for meta, o in entries for e in o.evidence),
            )
        )
    if country:
        rows = [r for r in rows if r.country and r.country.casefold() == country.strip().casefold()]
    if name:
        rows = [r for r in rows if _name_matches(r.name, name)]
    return tuple(sorted(rows, key=lambda r: (-r.article_count, r.name)))


def countries_shown(items: FactItems) -> dict[str, str]:
    """Each official's country as the officials view shows it (normalised name → country): the one most of
    the articles naming them give, so an article that never says Modi is Indian still shows him as such."""
    shown: dict[str, str] = {}
    for entries in _official_groups(items).values():
        officials = [official for _, official in entries]
        if (found := _commonest_country(officials)) is not None:
            shown.update((normalise_name(o.name), found) for o in officials)
    return shown


def _official_groups(items: FactItems) -> dict[str, list[tuple[ArticleMeta, Official]]]:
    """Each official's mentions across articles, by normalised name."""
    groups: dict[str, list[tuple[ArticleMeta, Official]]] = {}
    full_names: dict[str, str] = {}
    for meta, facts in items:
        for official in facts.officials:
            key = normalise_name(official.name)
            if len(key.split()) > 1:
                full_names.setdefault(key.split()[-1], key)
            groups.setdefault(key, []).append((meta, official))
    # A surname-only official ("Baram") joins the one full name that ends with it.
    for key in [k for k in groups if len(k.split()) == 1 and k in full_names]:
        groups.setdefault(full_names[key], []).extend(groups.pop(key))
    return groups


def _commonest_country(officials: Sequence[Official]) -> str | None:
    countries = Counter(o.country for o in officials if o.country)
    return countries.most_common(1)[0][0] if countries else None


def _name_matches(full_name: str, query: str) -> bool:
    wanted = normalise_name(query)
    have = normalise_name(full_name)
    if not wanted:
        return True
    if wanted in have:
        return True
    words = have.split()
    return all(any(w.startswith(q) for w in words) for q in wanted.split())


# -- visits ----------------------------------------------------------------------------------------------


def visits_view(
    items: FactItems, country: str | None = None, since: date | None = None, until: date | None = None
) -> tuple[VisitRow, ...]:
    """Visits, one row per trip, oldest first (undated last); `country` is the visitor's or the host's."""
    rows = _merged_visits(items)
    if country:
        wanted = country.strip().casefold()
        rows = [
            r
            for r in rows
            if wanted
            in {(r.visit.visitor_country or "").casefold(), (r.visit.destination_country or "").casefold()}
        ]
    if since:
        rows = [r for r in rows if r.visit.start and _last_day(r.visit) >= since]
    if until:
        rows = [r for r in rows if r.visit.start and r.visit.start <= until]
    return tuple(
        sorted(rows, key=lambda r: (r.visit.start is None, r.visit.start or date.min, r.visit.visitor))
    )


def _last_day(visit: Visit) -> date:
    assert visit.start is not None
    return visit.end or period_end(visit.start, visit.precision)


def _merged_visits(items: FactItems) -> list[VisitRow]:
    """The same trip told by several articles becomes one row: finest dates, everyone met, newest status."""
    merged: list[tuple[Visit, list[FactCitation], date]] = []
    for meta, facts in sorted(items, key=lambda item: item[0].published or date.min):
        for visit in facts.visits:
            citations = [FactCitation(meta, e) for e in visit.evidence]
            published = meta.published or date.min
            for index, (existing, sources, _) in enumerate(merged):
                if same_trip(existing, visit):
                    merged[index] = (_combine_visits(existing, visit), sources + citations, published)
                    break
            else:
                merged.append((visit, citations, published))
    return [VisitRow(visit, _unique_citations(sources)) for visit, sources, _ in merged]


def same_trip(a: Visit, b: Visit) -> bool:
    if (
        normalise_name(a.visitor) != normalise_name(b.visitor)
        or a.destination_country != b.destination_country
    ):
        return False
    if a.start is None or b.start is None:
        return a.status == b.status
    a_last = a.end or period_end(a.start, a.precision)
    b_last = b.end or period_end(b.start, b.precision)
    return a.start <= b_last and b.start <= a_last


def _combine_visits(older: Visit, newer: Visit) -> Visit:
    finer = newer if _finer(newer, older) else older
    return replace(
        newer,
        visitor=max((older.visitor, newer.visitor), key=len),
        visitor_country=newer.visitor_country or older.visitor_country,
        destination_city=newer.destination_city or older.destination_city,
        start=finer.start,
        end=finer.end,
        precision=finer.precision,
        met=_unique((*older.met, *newer.met)),
        expected_to_meet=_unique((*older.expected_to_meet, *newer.expected_to_meet)),
        other_cities=_unique((*older.other_cities, *newer.other_cities)),
        purpose=newer.purpose or older.purpose,
        evidence=(*older.evidence, *newer.evidence),
    )


def _finer(a: Visit, b: Visit) -> bool:
    if a.start is None:
        return False
    if b.start is None:
        return True
    return finer_precision(a.precision, b.precision)


# -- cooperation -----------------------------------------------------------------------------------------


def cooperation_view(
    items: FactItems, area: str | None = None, *, catalog: ExtractionCatalog | None = None
) -> tuple[CooperationRow, ...]:
    """Without `area`: every area with its article count, most covered first. With it: that area's row, where
    `area` may be the canonical name or an alias ("co-production"), ignoring case."""
    by_area: dict[str, list[tuple[ArticleMeta, str, Evidence]]] = {}
    for meta, facts in items:
        for mention in facts.cooperation:
            by_area.setdefault(mention.area, []).append((meta, mention.matched_text, mention.evidence))
    if area is not None:
        wanted = _area_named(area, by_area, catalog)
        by_area = {wanted: by_area[wanted]} if wanted in by_area else {}
    rows = [
        CooperationRow(
            area=name,
            article_count=len({meta.article_id for meta, _, _ in entries}),
            matched_texts=_unique(text for _, text, _ in entries),
            citations=_unique_citations(FactCitation(meta, evidence) for meta, _, evidence in entries),
        )
        for name, entries in by_area.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.article_count, -len(r.citations), r.area)))


def _area_named(
    text: str, by_area: dict[str, list[tuple[ArticleMeta, str, Evidence]]], catalog: ExtractionCatalog | None
) -> str | None:
    if catalog:
        known = catalog.area(text)
        if known:
            return known.name
    wanted = " ".join(re.split(r"[\s-]+", text.strip().casefold()))
    for name, entries in by_area.items():
        forms = {name, *(matched for _, matched, _ in entries)}
        if any(" ".join(re.split(r"[\s-]+", f.casefold())) == wanted for f in forms):
            return name
    return None


# -- timeline --------------------------------------------------------------------------------------------


def timeline_view(
    items: FactItems, countries: Sequence[str] = (), since: date | None = None
) -> tuple[TimelineRow, ...]:
    """Visits, agreements and events in date order, from articles about all of `countries`; undated ones
    are left out (a timeline cannot place them)."""
    wanted = {c.strip().casefold() for c in countries}
    chosen = [(m, f) for m, f in items if wanted <= {c.casefold() for c in m.countries}]
    rows: list[TimelineRow] = []
    dated_trips = [row for row in _merged_visits(chosen) if row.visit.start]
    for party in grouped(dated_trips, lambda row: trip_key(row.visit)):
        visits = [row.visit for row in party]
        first = visits[0]
        assert first.start is not None
        ends = [v.end for v in visits if v.end]
        rows.append(
            TimelineRow(
                first.start,
                first.precision,
                "visit",
                party_label(visits, visit_label),
                _unique_citations(c for row in party for c in row.citations),
                end=max(ends) if ends else None,
                status=first.status,
            )
        )
    dated_deals = [(a, c) for a, c in _merged_agreements(chosen) if a.date]
    for signing in grouped(dated_deals, lambda deal: signing_key(deal[0])):
        agreements = [a for a, _ in signing]
        first_deal = agreements[0]
        assert first_deal.date is not None
        rows.append(
            TimelineRow(
                first_deal.date,
                first_deal.precision,
                "agreement",
                signing_label(agreements, agreement_label),
                _unique_citations(c for _, citations in signing for c in citations),
                status=first_deal.status,
            )
        )
    rows += _merged_events(chosen, rows)
    if since:
        rows = [r for r in rows if (r.end or period_end(r.date, r.precision)) >= since]
    return tuple(sorted(rows, key=lambda r: (r.date, _KIND_ORDER[r.kind], r.label)))


def _merged_events(items: FactItems, placed: Sequence[TimelineRow]) -> list[TimelineRow]:
    """One row per happening: the same event told in several sentences or articles (same date, mostly the
    same words) is one line with every citation, and an event whose sentence already dates a visit or an
    agreement on that day adds nothing. Rows are looked up by their day, and citations by their place in
    the article, so thousands of articles do not compare every event with every row."""
    placed_sentences = {(r.date, c.evidence.sentence) for r in placed for c in r.citations}
    rows: list[TimelineRow] = []
    words: list[frozenset[str]] = []
    cited: list[set[tuple[str, int, int]]] = []
    rows_on_day: dict[tuple[date, DatePrecision], list[int]] = {}
    for meta, facts in items:
        for event in facts.events:
            if (event.date, event.evidence.sentence) in placed_sentences:
                continue
            citation = FactCitation(meta, event.evidence)
            place = _place_of(citation)
            own = frozenset(terms(event.label))
            same_day = rows_on_day.setdefault((event.date, event.precision), [])
            same = next((i for i in same_day if term_overlap(own, words[i]) > SAME_THING_OVERLAP), None)
            if same is None:
                same_day.append(len(rows))
                rows.append(TimelineRow(event.date, event.precision, "event", event.label, (citation,)))
                words.append(own)
                cited.append({place})
            elif place not in cited[same]:
                cited[same].add(place)
                rows[same] = replace(rows[same], citations=(*rows[same].citations, citation))
    return rows


def visit_label(visit: Visit, plural: bool = False) -> str:
    """ "Amir Baram (Israel) visits New Delhi, India", with the status when it did not simply happen;
    `plural` when the visitor is a party ("Baram and 2 others (Israel) visit …")."""
    place = ", ".join(p for p in (visit.destination_city, visit.destination_country) if p)
    origin = f" ({visit.visitor_country})" if visit.visitor_country else ""
    verb = {"completed": "visit" if plural else "visits", "planned": "to visit",
            "cancelled": "visit called off:"}[visit.status]
    return f"{visit.visitor}{origin} {verb} {place}".strip()


def agreement_label(agreement: Agreement) -> str:
    """ "MoU signed (India, Israel): joint research" / "agreement planned (...): ..."."""
    verb = "signed" if agreement.status == "signed" else "planned"
    parties = f" ({', '.join(agreement.parties)})" if agreement.parties else ""
    subject = f": {agreement.subject}" if agreement.subject else ""
    value = f", {agreement.value}" if agreement.value else ""
    return f"{agreement.kind} {verb}{parties}{subject}{value}"


def _merged_agreements(items: FactItems) -> list[tuple[Agreement, tuple[FactCitation, ...]]]:
    """One row per deal told in several sentences or articles; only deals of one kind, parties and status
    can be the same (`same_agreement`), so each is compared with those alone."""
    merged: list[tuple[Agreement, list[FactCitation]]] = []
    alike: dict[tuple[str, tuple[str, ...], str], list[int]] = {}
    for meta, facts in items:
        for agreement in facts.agreements:
            citations = [FactCitation(meta, e) for e in agreement.evidence]
            candidates = alike.setdefault(_agreement_key(agreement), [])
            index = next((i for i in candidates if same_agreement(merged[i][0], agreement)), None)
            if index is None:
                candidates.append(len(merged))
                merged.append((agreement, citations))
                continue
            existing, sources = merged[index]
            finer = agreement if _finer_date(agreement, existing) else existing
            merged[index] = (
                replace(existing, date=finer.date, precision=finer.precision,
                        value=existing.value or agreement.value),
                sources + citations,
            )
    return [(a, _unique_citations(c)) for a, c in merged]


def _agreement_key(agreement: Agreement) -> tuple[str, tuple[str, ...], str]:
    """What two tellings of one deal always share: its kind, its parties and its status."""
    return agreement.kind, tuple(sorted(agreement.parties)), agreement.status


def same_agreement(a: Agreement, b: Agreement) -> bool:
    if _agreement_key(a) != _agreement_key(b):
        return False
    if (
        a.date
        and b.date
        and not (a.date <= period_end(b.date, b.precision) and b.date <= period_end(a.date, a.precision))
    ):
        return False
    words_a = set(re.findall(r"\w+", (a.subject or "").casefold()))
    words_b = set(re.findall(r"\w+", (b.subject or "").casefold()))
    if not words_a or not words_b:
        return False
    return words_a <= words_b or words_b <= words_a


def _finer_date(a: Agreement, b: Agreement) -> bool:
    if a.date is None:
        return False
    return b.date is None or finer_precision(a.precision, b.precision)


# -- helpers ---------------------------------------------------------------------------------------------


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return tuple(seen.values())


def _unique_citations(citations: Iterable[FactCitation]) -> tuple[FactCitation, ...]:
    seen: dict[tuple[str, int, int], FactCitation] = {}
    for citation in citations:
        seen.setdefault(_place_of(citation), citation)
    return tuple(seen.values())


def _place_of(citation: FactCitation) -> tuple[str, int, int]:
    """Where a citation's sentence stands: its article and offsets. Two citations at one place are one."""
    return citation.article.article_id, citation.evidence.start, citation.evidence.end


def agreements_view(items: FactItems) -> tuple[tuple[Agreement, tuple[FactCitation, ...]], ...]:
    """Agreements, one row per deal merged across the articles that report it, dated or not."""
    return tuple(_merged_agreements(items))
