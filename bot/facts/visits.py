"""Visits: who travelled where and when, whom they met, and whether the trip happened, is planned or was
called off. Mentions of one trip across several sentences merge into one Visit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from bot.facts.article_text import ArticleSentence, ArticleText, PlaceMention
from bot.facts.catalog import ExtractionCatalog
from bot.facts.dates import DateMention, finer_precision, period_end
from bot.facts.model import DatePrecision, Evidence, Official, Visit, VisitStatus
from bot.facts.officials import NameIndex
from bot.facts.visit_days import stay_around, tells_one_trip

# A nationality word before a capitalised word is an adjective ("visiting Finnish President …").
_ATTRIBUTIVE = re.compile(r"\s+[A-Z]")
_DESTINATION_WINDOW = 160
_VISIT_NOUNS = frozenset({"visit", "visits", "trip", "tour"})
_PURPOSE = re.compile(
    r"\b(?:to\s+(?:discuss|attend|review|sign|explore|strengthen|boost|deepen|hold\s+talks|participate|take\s+part|"
    r"prepare|address|co-chair|launch|inaugurate|open|finalise|finalize|negotiate)\b[^,.;]*"
    r"|for\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,4}?(?:talks|opening|meeting|summit|inauguration|signing|launch|dialogue|"
    r"conference|forum|session|consultations|ceremony|exercise|celebrations)\b[^,.;]*)",
    re.IGNORECASE,
)
_PRONOUN_START = re.compile(
    r"^(?:[A-Z][\w ,]{0,30},\s+)?(?:he|she|it|they|his|her|the\s+(?:delegation|visitor|visiting|"
    r"minister|president|team|side|two))\b",
    re.IGNORECASE,
)
_THE_VISIT = re.compile(
    r"\b(?:the|this|that|his|her|their)\s+(?:[\w-]+\s+)?(?:visit|trip|tour)\b", re.IGNORECASE
)
_CITY_NOUNS = re.compile(
    r"\b(?:city|port|capital|town|province|region|state|base|island)\s+of\s+$", re.IGNORECASE
)


@dataclass
class _Draft:
    visitor: str
    destination_country: str
    destination_city: str | None
    start: date | None
    end: date | None
    precision: DatePrecision
    status: VisitStatus
    purpose: str | None
    origin_country: str | None = None
    met: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)
    other_cities: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def add_people(self, people: list[str], *, told_as_planned: bool = False) -> None:
        """People met, or to be met when the trip or the sentence telling the meeting is still a plan ("the
        delegation is scheduled to meet X")."""
        bucket = self.met if self.status == "completed" and not told_as_planned else self.expected
        for person in people:
            if person != self.visitor and person not in bucket:
                bucket.append(person)

    def add_city(self, city: str | None) -> None:
        if not city:
            return
        if self.destination_city is None:
            self.destination_city = city
        elif city != self.destination_city and city not in self.other_cities:
            self.other_cities.append(city)


@dataclass(frozen=True)
class VisitFindings:
    """The visits, and which date mentions they used (so they are not repeated as separate events)."""

    visits: tuple[Visit, ...]
    used_dates: frozenset[tuple[int, int]]


class VisitFinder:
    """Walks the sentences in order, keeping the visit under discussion for pronouns and "the visit"."""

    def __init__(
        self, article: ArticleText, officials: list[Official], names: NameIndex, catalog: ExtractionCatalog
    ) -> None:
        self.article = article
        self.catalog = catalog
        self.patterns = catalog.patterns
        self.names = names
        self.country_of = {o.name: o.country for o in officials}
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None
        self.used_dates: set[tuple[int, int]] = set()
        self.leaders = self._group_leaders()

    def find(self) -> VisitFindings:
        for sentence in self.article.sentences:
            people = self.names.people_in(sentence.text)
            touched = self._visit_in(sentence, people)
            if touched is None:
                touched = self._visit_referred_to(sentence, people)
            self._meetings(sentence, people, touched)
        visits = tuple(self._finish(d) for d in self.drafts)
        return VisitFindings(visits, frozenset(self.used_dates))

    # -- sentences that report a visit ------------------------------------------------------------------

    def _visit_in(self, sentence: ArticleSentence, people: list[tuple[int, int, str]]) -> _Draft | None:
        for cue in self.patterns.visit_cue.finditer(sentence.text):
            place = self._destination(sentence, cue)
            if place is None:
                continue
            visitor = self._visitor(sentence, cue, people, place.country)
            if visitor is None:
                continue
            draft = self._draft(sentence, cue, visitor, place)
            return self._merge(draft, sentence)
        return None

    def _destination(self, sentence: ArticleSentence, cue: re.Match[str]) -> PlaceMention | None:
        """The first place after the cue that reads as where the trip went ("to India", "visited India",
        "in the Quintaran capital"), not whose ministry ("of Israel's") or where from."""
        text = sentence.text
        cue_word = cue.group(0).casefold()
        stative = cue_word.split()[-1] == "in"
        for place in sentence.places:
            if place.start < cue.end() or place.start - cue.end() > _DESTINATION_WINDOW or place.possessive:
                continue
            between = text[cue.end() : place.start]
            if self.catalog.returning_words & set(re.findall(r"\w+", between.casefold())):
                return None  # "arrived back in Sri Lanka", "flew home to Accra": the end of a trip abroad
            if stative:
                if re.fullmatch(r"\s+(?:the\s+)?", between):
                    return self._with_city(sentence, place)
                return None
            before = text[: place.start]
            if cue_word in self.catalog.transitive_cues and re.fullmatch(r"\s+(?:the\s+)?", between):
                if _ATTRIBUTIVE.match(text, place.end) and place.nationality:
                    return None  # "visiting Finnish President Sauli Niinisto": whose, not where
                return self._with_city(sentence, place)
            if re.search(r"\b(?:to|in|into|at)\s+(?:the\s+)?$", before, re.IGNORECASE) or _CITY_NOUNS.search(
                before
            ):
                return self._with_city(sentence, place)
        return None

    @staticmethod
    def _with_city(sentence: ArticleSentence, place: PlaceMention) -> PlaceMention:
        """ "the Kestovian capital Drasnovar": prefer the city named right after a country word."""
        if place.is_city:
            return place
        for other in sentence.places:
            if other.is_city and other.country == place.country and 0 <= other.start - place.end <= 50:
                gap = sentence.text[place.end : other.start]
                if not re.search(r"[.;]|\b(?:and|but|while)\b", gap):
                    return other
        return place

    def _visitor(
        self,
        sentence: ArticleSentence,
        cue: re.Match[str],
        people: list[tuple[int, int, str]],
        destination: str,
    ) -> str | None:
        text = sentence.text
        # An official of the destination country is a host, not the visitor.
        people = [p for p in people if self.country_of.get(p[2]) != destination]
        if cue.group(0).casefold() in _VISIT_NOUNS:
            for start, _, name in people:
                if start > cue.end() and _made_by(text[cue.end() : start]) and start - cue.end() < 120:
                    return name
        invited = re.search(r"\binvited\s+", text[: cue.start()])
        if invited:
            after = [p for p in people if p[0] >= invited.end()]
            if after:
                return after[0][2]
        first_meeting = self.patterns.meeting_cue.search(text)
        candidates = []
        for start, _, name in people:
            if (
                first_meeting
                and first_meeting.start() < start
                and not (first_meeting.start() > cue.start() > start)
            ):
                continue
            if re.search(r"\bfrom\s+(?:\S+\s+){0,4}$", text[max(0, start - 60) : start]):
                continue
            candidates.append(name)
        foreign = [n for n in candidates if self.country_of.get(n) and self.country_of.get(n) != destination]
        if foreign:
            return foreign[0]
        if candidates:
            return candidates[0]
        if any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in self.catalog.group_words):
            return self._leader_near(sentence.index)
        return None

    def _group_leaders(self) -> list[tuple[int, str]]:
        """(sentence index, name) for "the delegation was led by X" and the like."""
        leaders: list[tuple[int, str]] = []
        for sentence in self.article.sentences:
            cue = self.patterns.leader_cue.search(sentence.text)
            if not cue:
                continue
            after = [p for p in self.names.people_in(sentence.text) if p[0] >= cue.end()]
            if after:
                leaders.append((sentence.index, after[0][2]))
        return leaders

    def _leader_near(self, index: int) -> str | None:
        near = [(abs(i - index), name) for i, name in self.leaders if abs(i - index) <= 2]
        return min(near)[1] if near else None

    def _draft(
        self, sentence: ArticleSentence, cue: re.Match[str], visitor: str, place: PlaceMention
    ) -> _Draft:
        mention = self._visit_date(sentence, cue)
        start = end = None
        precision: DatePrecision = "day"
        if mention:
            start, end, precision = self._span(sentence, cue, mention,
                                               one_trip=tells_one_trip(sentence, place.country,
                                                                       self.country_of.get(visitor)))
            self._use_dates(sentence, mention, start, end)
        status = self._status(sentence, start, end, precision)
        purpose_match = _PURPOSE.search(sentence.text, cue.start())
        return _Draft(
            visitor=visitor,
            destination_country=place.country,
            destination_city=place.form if place.is_city else None,
            start=start,
            end=end,
            precision=precision,
            status=status,
            purpose=purpose_match.group(0).strip() if purpose_match else None,
            origin_country=self._origin(sentence, place.country),
            evidence=[sentence.evidence],
        )

    @staticmethod
    def _origin(sentence: ArticleSentence, destination: str) -> str | None:
        match = re.search(r"\bfrom\s+(?:the\s+)?", sentence.text)
        if match:
            place = sentence.place_at(match.end())
            if place and place.country != destination:
                return place.country
        return None

    def _visit_date(self, sentence: ArticleSentence, cue: re.Match[str]) -> DateMention | None:
        # A dateline's date is when the report was filed, not when the trip began.
        usable = [d for d in sentence.dates_after_dateline if not d.framing and not d.bounds_a_span]
        if not usable:
            return None

        def distance(mention: DateMention) -> int:
            if mention.start >= cue.end():
                return mention.start - cue.end()
            return cue.start() - mention.end

        return min(usable, key=distance)

    def _span(
        self, sentence: ArticleSentence, cue: re.Match[str], mention: DateMention, *, one_trip: bool = True
    ) -> tuple[date, date | None, DatePrecision]:
        """The days of the stay; a length counts back from its day only in a sentence telling of `one_trip`
        ("arrived in Doha after concluding a two-day visit to the UAE" ends the UAE stay, not Doha's)."""
        if mention.precision != "day":
            return mention.date, None, mention.precision
        if mention.end_date and not mention.relative:
            return mention.date, mention.end_date, "day"
        stay = stay_around(sentence.text, mention.date, self.patterns.end_cue, may_end_here=one_trip)
        if stay is None:
            return mention.date, None, "day"
        return stay[0], stay[1], "day"

    def _use_dates(
        self, sentence: ArticleSentence, chosen: DateMention, start: date, end: date | None
    ) -> None:
        """The chosen date, and any other day in the sentence that falls within the visit ("this week")."""
        last = end or chosen.last_day
        for mention in sentence.dates:
            if mention is chosen or (
                mention.precision == "day" and mention.date <= last and mention.last_day >= start
            ):
                self.used_dates.add((sentence.index, mention.start))

    def _status(
        self, sentence: ArticleSentence, start: date | None, end: date | None, precision: DatePrecision
    ) -> VisitStatus:
        if self.patterns.cancelled.search(sentence.text):
            return "cancelled"
        published = self.article.published
        if start and published:
            # A trip that began before the report's day has happened, even while it goes on ("arrived on
            # Tuesday for a two-day visit", told on the Wednesday, is no plan however "invited" it was).
            if precision == "day" and start < published:
                return "completed"
            if precision == "day" and start > published:
                return "planned"
        return "planned" if self.patterns.visit_planned.search(sentence.text) else "completed"

    def _merge(self, draft: _Draft, sentence: ArticleSentence) -> _Draft:
        for existing in self.drafts:
            if existing.visitor != draft.visitor or existing.destination_country != draft.destination_country:
                continue
            if not _compatible(existing, draft):
                continue
            _absorb(existing, draft)
            self.current = existing
            return existing
        self.drafts.append(draft)
        self.current = draft
        return draft

    # -- sentences that only refer back to a visit ------------------------------------------------------

    def _visit_referred_to(
        self, sentence: ArticleSentence, people: list[tuple[int, int, str]]
    ) -> _Draft | None:
        """ "The visit concluded ...", "the trip was called off": evidence (and a cancellation) for the visit
        under discussion, or for the one visit of a visitor named in the sentence."""
        if not self.patterns.visit_cue.search(sentence.text):
            return None
        target = None
        for _, _, name in people:
            own = [d for d in self.drafts if d.visitor == name]
            if own:
                target = own[-1]
                break
        if target is None and _THE_VISIT.search(sentence.text):
            target = self.current
        if target is None:
            return None
        if sentence.evidence not in target.evidence:
            target.evidence.append(sentence.evidence)
        if self.patterns.cancelled.search(sentence.text):
            target.status = "cancelled"
        self.current = target
        return target

    # -- whom the visitor met ---------------------------------------------------------------------------

    def _meetings(
        self, sentence: ArticleSentence, people: list[tuple[int, int, str]], touched: _Draft | None
    ) -> None:
        cue = self.patterns.meeting_cue.search(sentence.text)
        if not cue:
            return
        target = touched
        if target is None:
            before = [name for start, _, name in people if start < cue.start()]
            for name in before:
                own = [d for d in self.drafts if d.visitor == name]
                if own:
                    target = own[-1]
                    break
            if target is None and self.current and (_PRONOUN_START.search(sentence.text) or not before):
                target = self.current
        if target is None:
            return
        met = [name for start, _, name in people if start > cue.start() and name != target.visitor]
        if not met:
            return
        target.add_people(met, told_as_planned=bool(self.patterns.visit_planned.search(sentence.text)))
        if sentence.evidence not in target.evidence:
            target.evidence.append(sentence.evidence)
        for place in sentence.places:
            if (
                place.is_city
                and place.country == target.destination_country
                and re.search(r"\bin\s+$", sentence.text[: place.start])
            ):
                target.add_city(place.form)

    # -- results ----------------------------------------------------------------------------------------

    def _finish(self, draft: _Draft) -> Visit:
        visitor_country = self.country_of.get(draft.visitor) or draft.origin_country
        if visitor_country is None:
            others = [c for c in self.article.countries if c != draft.destination_country]
            visitor_country = others[0] if len(others) == 1 else None
        return Visit(
            visitor=draft.visitor,
            visitor_country=visitor_country,
            destination_country=draft.destination_country,
            destination_city=draft.destination_city,
            start=draft.start,
            end=draft.end,
            met=tuple(draft.met),
            purpose=draft.purpose,
            status=draft.status,
            evidence=tuple(draft.evidence),
            precision=draft.precision,
            expected_to_meet=tuple(draft.expected),
            other_cities=tuple(draft.other_cities),
        )


def _made_by(after_noun: str) -> bool:
    """"a visit to Vietnam by X": the trip's own "by", in the noun's phrase; not "a visit to South Africa,
    having been invited by X" or "a visit hosted by X", where "by" names who did something else."""
    by = re.search(r"\bby\s", after_noun)
    return (by is not None and not re.search(r"[,;]", after_noun[:by.start()])
            and not re.search(r"\w+ed\s+$", after_noun[:by.start()]))


def _compatible(a: _Draft, b: _Draft) -> bool:
    """Two mentions are one trip unless their dates are far apart or one happened and the other did not."""
    if a.status != b.status and "cancelled" not in (a.status, b.status):
        return False
    if a.start is None or b.start is None:
        return True
    a_last = a.end or period_end(a.start, a.precision)
    b_last = b.end or period_end(b.start, b.precision)
    return a.start <= b_last + timedelta(days=1) and b.start <= a_last + timedelta(days=1)


def _absorb(target: _Draft, other: _Draft) -> None:
    if other.start and (target.start is None or finer_precision(other.precision, target.precision)):
        target.start, target.end, target.precision = other.start, other.end, other.precision
    elif other.start and target.start and target.precision == other.precision == "day":
        last = max(d for d in (target.end, target.start, other.end, other.start) if d)
        target.start = min(target.start, other.start)
        target.end = last if last != target.start else target.end
    target.add_city(other.destination_city)
    for city in other.other_cities:
        target.add_city(city)
    if other.status == "cancelled":
        target.status = "cancelled"
    target.purpose = target.purpose or other.purpose
    target.origin_country = target.origin_country or other.origin_country
    target.add_people(other.met + other.expected)
    for evidence in other.evidence:
        if evidence not in target.evidence:
            target.evidence.append(evidence)


def fill_visit_dates_from_context(article: ArticleText, findings: VisitFindings) -> VisitFindings:
    """A visit sentence without a date ("Kavalin, who was visiting Solmere ...") takes the date and city of
    the sentence just before it when that one names a place in the same country ("held ... in Aubrevale on
    May 14-15")."""
    visits: list[Visit] = []
    used = set(findings.used_dates)
    by_text = {s.evidence: s for s in article.sentences}
    for visit in findings.visits:
        if visit.start is None and visit.evidence:
            first = by_text.get(visit.evidence[0])
            previous = article.sentences[first.index - 1] if first and first.index > 0 else None
            if first and previous and previous.paragraph == first.paragraph:
                places = [p for p in previous.places if p.country == visit.destination_country]
                days = [d for d in previous.dates if d.precision == "day" and not d.framing]
                if places and days:
                    city = next((p.form for p in places if p.is_city), None)
                    visit = replace(
                        visit,
                        start=days[0].date,
                        end=days[0].end_date,
                        destination_city=visit.destination_city or city,
                        evidence=(previous.evidence, *visit.evidence),
                    )
                    used.add((previous.index, days[0].start))
        visits.append(visit)
    return VisitFindings(tuple(visits), frozenset(used))


def find_visits(
    article: ArticleText, officials: list[Official], names: NameIndex, catalog: ExtractionCatalog
) -> VisitFindings:
    """Visits reported in the article, merged per visitor and destination."""
    findings = VisitFinder(article, officials, names, catalog).find()
    return fill_visit_dates_from_context(article, findings)
