"""Questions about a visit answered from the extracted visit itself, not from whichever sentence scores best.

"who did the kestovian fm meet in norrvald" names a visit (visitor by title and country, destination);
its extracted record knows whom she met and which sentences say so. Finding the visit first keeps a
sentence about another trip to the same city (the president's planned visit) out of the answer. The
answer is still made of the article's own sentences: the visit's evidence, picked for what was asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.facts.described_officials import (
    ROLE_HEADS,
    Sides,
    described_sides,
    fits_an_office,
    role_terms,
    role_understood,
)
from bot.facts.model import ArticleFacts, FactQuote, Visit
from bot.facts.views import same_trip
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.question import QuestionProfile
from bot.knowledge.text_terms import stem, terms, words

# The question is about a trip or a meeting, not about a deal or a topic.
_VISIT_WORDS = re.compile(
    r"\b(visit\w*|trips?|travel+\w*|tour\w*|went|go|goes|going|gone|came|come|coming|meet|met|meeting|"
    r"talks|call(ed)? off|cancel+\w*|postpon\w*|arriv\w*|host\w*|received|welcomed|see|saw)\b")
# A "who" question about a known visitor asks whom they met only when it speaks of meeting ("who did she meet",
# "who hosted him"); "who announced his trip" asks for someone else.
_MEETING = re.compile(r"\b(meet\w*|met|talks|host\w*|receiv\w*|welcom\w*|see|saw|sit|sat|greet\w*|call\w* on)\b")
_MANY_VISITS = re.compile(r"\b(visits|trips|meetings|tours)\b")
_HAPPENED = re.compile(r"\b(held|met|visited|hosted|went|came|saw|received|welcomed|been)\b")
_AHEAD = re.compile(r"\b(will|going|plan\w*|upcoming|due|next|expected|schedul\w*|invit\w*|cancel+\w*|postpon\w*)\b")
_WHY = re.compile(r"\bwhy\b|\breason\b")
_DAY = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
                  r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}\b|\b\d{1,2} (January|February|"
                  r"March|April|May|June|July|August|September|October|November|December)\b")
_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
                   r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(19|20)\d\d|later this year|"
                   r"next (week|month|year))\b")
_PLACE = re.compile(r"\b(?:to|in|at|of|from)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_MAX_QUOTES = 3
_MAX_LIST_QUOTES = 5
_MIN_TOPIC_COVER = 0.6  # share of the question's other words the visit's article must hold


@dataclass(frozen=True)
class NoSuchOfficial:
    """The question describes a visitor ("the elsmarran prime minister") no article names: refuse, don't guess."""

    described: str


@dataclass(frozen=True)
class _Candidate:
    visit: Visit
    article_id: str
    score: float
    identified: bool  # the visitor (or someone they met) is named or described by title
    visitor_known: bool  # the visitor is: so "who" asks whom they met, not who came


def visit_quotes(profile: QuestionProfile, facts: Mapping[str, ArticleFacts],
                 article_terms: Mapping[str, frozenset[str]], gazetteer: Gazetteer, *,
                 gives_reason: Callable[[str], bool]) -> list[FactQuote] | NoSuchOfficial:
    """Sentences answering a question about a visit, none when the question is not about one we know, or
    NoSuchOfficial when it describes a visitor no article names. `gives_reason` tells a sentence that states a
    reason or a purpose (the answer types' reason values), for "why" questions.

    `facts` and `article_terms` are for the retrieved articles only, so filters and scopes hold."""
    lowered = profile.text.casefold()
    if not _VISIT_WORDS.search(lowered) or profile.kind in ("amount", "count", "area"):
        return []
    asked = frozenset(t for c in profile.concepts for phrase in c.alternatives for t in phrase)
    many = bool(_MANY_VISITS.search(lowered)) or profile.wants_many
    sides = described_sides(lowered, gazetteer)
    # An article that lacks what the question is about ("the summit", "the budget") has no visit to offer.
    on_topic = {a: f for a, f in facts.items()
                if _topic_cover(profile, article_terms.get(a, frozenset())) >= _MIN_TOPIC_COVER}
    candidates = [c for article_id, article_facts in on_topic.items() for visit in article_facts.visits
                  if (c := _match(profile, asked, visit, article_id, article_facts, many, sides))]
    if not candidates:
        if (sides.visitor and sides.role_words and role_understood(profile, sides)
                and not _official_exists(profile, sides, facts) and not _names_an_official(profile, facts)):
            return NoSuchOfficial(sides.visitor)
        return []
    if many:
        years = {int(w) for w in words(lowered) if w.isdigit() and len(w) == 4}
        chosen = [c for c in candidates if not years or (c.visit.start and c.visit.start.year in years)]
        if _HAPPENED.search(lowered) and not _AHEAD.search(lowered):  # "who has she met": not planned trips
            chosen = [c for c in chosen if c.visit.status == "completed"]
        chosen.sort(key=lambda c: (c.visit.start.isoformat() if c.visit.start else "", c.visit.status != "completed"))
        once: list[_Candidate] = []
        # One trip reported by two articles is listed once, from the article that reports it in most detail.
        for c in sorted(chosen, key=lambda c: -len(c.visit.evidence)):
            if not any(same_trip(c.visit, kept.visit) for kept in once):
                once.append(c)
        listed = [c for c in chosen if c in once]
        return _unique([FactQuote(_lead_sentence(c.visit), c.article_id) for c in listed])[:_MAX_LIST_QUOTES]
    if _HAPPENED.search(lowered) and not _AHEAD.search(lowered):
        # "what got signed when X went": a trip still planned in the report is no answer to what happened on it
        candidates = [c for c in candidates if c.visit.status == "completed"]
        if not candidates:
            return []
    best = max(c.score for c in candidates)
    # A visit whose sentences lack what the question is about ("who met him at the airport", when none of
    # them mentions an airport) holds no answer: the sentence scorer reads the whole article instead.
    top = [c for c in candidates if c.score == best and evidence_cover(profile, c.visit, sides) >= _MIN_TOPIC_COVER]
    if not top:
        return []
    if not any(c.identified for c in top) and profile.kind != "person":
        return []  # only the place matches: "when was the summit in Aubrevale" may be about anything there
    quotes: list[FactQuote] = []
    for candidate in top:
        quotes += [FactQuote(s, candidate.article_id) for s in _answering_sentences(profile, asked, candidate,
                                                                                       gazetteer, gives_reason)]
    return _unique(quotes)[:_MAX_QUOTES]


def _match(profile: QuestionProfile, asked: frozenset[str], visit: Visit, article_id: str, facts: ArticleFacts,
           many: bool, sides: Sides) -> _Candidate | None:
    places = {visit.visitor_country, visit.destination_country} - {None}
    if profile.countries and not set(profile.countries) <= places:
        return None
    visitor_side, destination_side = sides.visitor, sides.destination
    if (visitor_side and visit.visitor_country != visitor_side) or (
            destination_side and visit.destination_country != destination_side):
        return None  # "the velorian minister going to quintara" is not the Quintaran minister going to Veloria
    named = bool(_called_by(visit.visitor) & asked)
    met_named = any(_called_by(p) & asked for p in (*visit.met, *visit.expected_to_meet))
    if sides.role_words:  # "the kestovian fm": the words next to the country say who the visitor is
        titled = any(fits_an_office(profile, sides, o) for o in facts.officials if o.name == visit.visitor)
        if not titled and not named:
            return None
    else:
        role = _role_asked(profile, asked) & _title_stems(facts)
        titles = [role_terms(o, t) for o in facts.officials if o.name == visit.visitor for t in o.titles]
        titled = bool(role & ROLE_HEADS) and any(role <= t for t in titles)
        if role & ROLE_HEADS and not titled and not named:
            return None  # the question describes a different person ("the prime minister" is not the trade minister)
    evidence_terms = frozenset(t for e in visit.evidence for t in terms(e.sentence))
    if not all(c.covered_by(evidence_terms) for c in profile.concepts if c.is_place):
        return None  # "did the dg visit mumbai" is not answered by his visit to New Delhi
    city = bool(visit.destination_city) and all(t in asked for t in terms(visit.destination_city or ""))
    destination = city or (visit.destination_country in profile.countries)
    identified = named or titled or met_named
    either_side = destination or visit.visitor_country in profile.countries
    if not (identified or city or (many and either_side)):
        return None
    score = (3.0 * named + 2.0 * titled + 2.0 * met_named + 1.5 * city + 1.0 * destination
             + (visit.visitor_country in profile.countries) + _topic_cover(profile, evidence_terms))
    return _Candidate(visit, article_id, score, identified, named or titled)


def _role_asked(profile: QuestionProfile, asked: frozenset[str]) -> frozenset[str]:
    """The question's words that may describe a role: its countries only say whose role it is."""
    return asked - frozenset(t for c in profile.concepts if c.is_country for phrase in c.alternatives for t in phrase)


def _official_exists(profile: QuestionProfile, sides: Sides, facts: Mapping[str, ArticleFacts]) -> bool:
    """Whether some article names an official of the visitor's country with the role the question gives."""
    return any(fits_an_office(profile, sides, o) for f in facts.values() for o in f.officials
               if o.country in (sides.visitor, None))


def _topic_cover(profile: QuestionProfile, known: frozenset[str], leave_out: frozenset[str] = frozenset()) -> float:
    """Share of the question's weight, countries, everyday words and the words `leave_out` aside, that `known`
    holds."""
    concepts = [c for c in profile.concepts
                if not c.is_country and not c.generic and not c.word.isdigit() and c.word not in leave_out]
    total = sum(c.weight for c in concepts)
    if not total:
        return 1.0
    return sum(c.weight for c in concepts if c.covered_by(known)) / total


def evidence_cover(profile: QuestionProfile, visit: Visit, sides: Sides) -> float:
    """Share of the question's topic the visit's own sentences hold; the words describing the visitor ("the
    velorian defence minister") were matched on their title, and the people's names on the visit."""
    known = frozenset(t for e in visit.evidence for t in terms(e.sentence)) | frozenset(
        t for person in (visit.visitor, *visit.met, *visit.expected_to_meet) for t in terms(person))
    return _topic_cover(profile, known, leave_out=frozenset(sides.role_words))


def _title_stems(facts: ArticleFacts) -> frozenset[str]:
    return frozenset(t for o in facts.officials for title in o.titles for t in role_terms(o, title))


def _names_an_official(profile: QuestionProfile, facts: Mapping[str, ArticleFacts]) -> bool:
    """Whether the question names one of the articles' officials ("the fm sushma was to meet", "who hosted wang
    yi"): then the official it describes may be whom they met, not the visitor, and that nobody fits the
    description as a visitor proves nothing. Only a word typed as it is and that the articles write as a name
    counts ("to mark the anniversary" names no Mark Rutte; "israel" is a country, not Israel Katz)."""
    typed = {c.word for c in profile.concepts if c.named and not c.is_country and not c.is_place}
    return any(word in typed for f in facts.values() for o in f.officials for word in words(o.name) if len(word) > 2)


def _called_by(name: str) -> frozenset[str]:
    """The stems a question may name a person by: the surname ("wu" for Joseph Wu), or the given name many are
    known by ("abiy" for Abiy Ahmed)."""
    parts = [p.casefold() for p in name.split()]
    given = [p for p in parts[:-1][:1] if len(p) >= _SHORTEST_GIVEN_NAME_CALLED_BY]
    return frozenset(stem(p) for p in given + parts[-1:])


def _surname_stem(name: str) -> str:
    parts = name.split()
    return stem(parts[-1].casefold()) if parts else ""


# A first word shorter than this ("Al", "Dr") calls nobody by name.
_SHORTEST_GIVEN_NAME_CALLED_BY = 3


def _answering_sentences(profile: QuestionProfile, asked: frozenset[str], candidate: _Candidate,
                         gazetteer: Gazetteer, gives_reason: Callable[[str], bool]) -> list[str]:
    visit = candidate.visit
    sentences = [e.sentence for e in visit.evidence]
    if _WHY.search(profile.text.casefold()):
        return [s for s in sentences if gives_reason(s)][:1]
    if profile.kind == "date":
        start = visit.start
        on_start = [s for s in sentences if start and visit.precision == "day"
                    and re.search(rf"\b({start:%B}|{start:%b}\.?) {start.day}\b|\b{start.day} {start:%B}\b", s)]
        by_day = [s for s in sentences if _DAY.search(s)]
        return (on_start or by_day or [s for s in sentences if _DATE.search(s)])[:1]
    if profile.kind == "place":
        city_asked = _CITY_ASKED.search(profile.text.casefold()) is not None
        naming = [s for s in sentences if _names_new_place(s, asked, gazetteer, city=city_asked)]
        if _MEETING.search(profile.text.casefold()):
            # "where did they hold talks": where they met, which an arrival does not tell
            naming = [s for s in naming if _MEETING.search(s.casefold())]
        city = visit.destination_city or ""
        return sorted(naming, key=lambda s: city not in s)[:2]  # the city first: "which city" wants it
    if profile.kind == "person":
        if candidate.visitor_known and not _MEETING.search(profile.text.casefold()):
            return []
        wanted = [*visit.met, *visit.expected_to_meet] if candidate.visitor_known else [visit.visitor]
        return [s for s in sentences if any(_surname(p) in s for p in wanted if _surname_stem(p) not in asked)]
    if visit.status == "completed":
        return []  # "did Baram meet any defence firms": a question about the visit's content, not the visit
    lead = _lead_sentence(visit)
    status = [s for s in sentences if s != lead
              and re.search(r"\b(invitation|postpon\w*|cancel+\w*|called off|not yet|no date|expected|due to)\b", s)]
    return [lead, *status][:2]


def _lead_sentence(visit: Visit) -> str:
    """The sentence that says who went where and when: the first with a day, else the first."""
    sentences = [e.sentence for e in visit.evidence]
    return next((s for s in sentences if _DAY.search(s) and _surname(visit.visitor) in s),
                next((s for s in sentences if _DAY.search(s)), sentences[0]))


# "which city", "what town": a country does not answer it.
_CITY_ASKED = re.compile(r"\b(?:city|cities|town|towns)\b")


def _names_new_place(sentence: str, asked: frozenset[str], gazetteer: Gazetteer, *, city: bool = False) -> bool:
    """Whether the sentence names a place the question does not (`city`: a city, not only a country)."""
    for match in _PLACE.finditer(sentence):
        place = match.group(1)
        if city and place not in gazetteer.country_by_city:
            continue
        if gazetteer.country_of(place) and not all(t in asked for t in terms(place)):
            return True
    return False


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _unique(quotes: Sequence[FactQuote]) -> list[FactQuote]:
    seen: set[str] = set()
    return [q for q in quotes if not (q.sentence in seen or seen.add(q.sentence))]  # type: ignore[func-returns-value]
