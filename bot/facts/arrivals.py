"""When a visit began: the day its visitor arrived, or the day the report says the visit itself began.
Reports often open with the visit as it stands ("Cafiero is in the middle of a visit to Mexico", "met the
leadership here on Tuesday") and tell the start further down ("Cafiero arrived on 26 May", "the delegation
touched down on Monday", "a five-day visit that began on Monday", "his stay runs from September 5 to 7"):
that clause dates the start.

Who arrived is read from the verb's subject in the dependency parse: a name, or "he", "the visitor", "the
delegation", "the Mozambican leader" for the visit told just before; a visit noun's own possessor ("his
stay", "Singh's trip") for a visit that began."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.catalog import ExtractionCatalog
from bot.facts.model import Evidence, Visit, normalise_name
from bot.facts.officials import NameIndex
from bot.facts.visit_clauses import clause_dates
from bot.language.parser import SUBJECT_DEPS, VERB_POS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# An arrival opens the visit it dates only if the visit's own date falls this many days after it at most:
# state visits last up to a week, and a report may be filed a few days in.
ARRIVAL_LEAD_DAYS = 10
_PRONOUNS = frozenset({"he", "she"})
_RELATIVE_PRONOUNS = frozenset({"that", "which"})
# A travelling party named as such: "the delegation touched down", told of the visit its head makes.
_PARTY_NOUNS = frozenset({"delegation", "entourage"})


def dated_by_arrival(visits: Sequence[Visit], article: ArticleText, docs: Sequence[Doc], names: NameIndex,
                     catalog: ExtractionCatalog) -> tuple[Visit, ...]:
    """The visits, each start moved back to the arrival day the article states."""
    result = list(visits)
    for sentence, doc in zip(article.sentences, docs, strict=True):
        for verb in doc:
            begun = _begun_visit(verb, catalog)
            if begun is None and not _is_arrival(verb, catalog.arrival_verbs):
                continue
            day = next((d.date for d in clause_dates(sentence, verb) if d.precision == "day" and not d.bounds_a_span),
                       None)
            if day is None:
                continue
            who = (_visit_owner(sentence, begun, names, result) if begun is not None
                   else _arriving(sentence, doc, verb, names, result, catalog))
            if who is None:
                continue
            own = [i for i, v in enumerate(result) if normalise_name(v.visitor) == normalise_name(who)]
            # the visit this sentence already tells, if any; else the one the arrival opens
            telling = [i for i in own if sentence.evidence in result[i].evidence]
            opened = next((i for i in telling or own if _opens(result[i], day, article.published)), None)
            if opened is not None:
                visit = result[opened]
                result[opened] = replace(visit, start=day, precision="day",
                                         evidence=_with(visit.evidence, sentence))
    return tuple(result)


def _is_arrival(verb: Token, arrival_verbs: frozenset[tuple[str, str]]) -> bool:
    if verb.pos_ not in VERB_POS:
        return False
    lemma = verb.lemma_.casefold()
    particles = {c.lower_ for c in verb.children if c.dep_ in {"prt", "advmod"}}
    return any(lemma == word and (not particle or particle in particles) for word, particle in arrival_verbs)


def _begun_visit(verb: Token, catalog: ExtractionCatalog) -> Token | None:
    """The visit noun whose beginning the verb tells: "the visit began on Monday", "a trip that started on
    Monday", "his stay runs from September 5 to 7"."""
    if verb.pos_ not in VERB_POS or verb.lemma_.casefold() not in catalog.visit_start_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head  # "a five-day visit that began on Monday"
    if subject is None or subject.lemma_.casefold() not in catalog.visit_nouns:
        return None
    return subject


def _visit_owner(sentence: ArticleSentence, noun: Token, names: NameIndex, visits: Sequence[Visit]) -> str | None:
    """Whose visit the noun is: a name among its own words ("Singh's trip"), else the one visitor this
    sentence names and tells a visit of ("Singh is on a visit that began …"), else the visitor told last
    before it ("his stay", "the visit")."""
    low, high = _char_range(noun)
    people = names.people_in(sentence.text)
    named = [name for start, _, name in people if low <= start < high]
    if named:
        return named[0]
    in_sentence = {normalise_name(name) for _, _, name in people}
    telling = {v.visitor for v in visits if sentence.evidence in v.evidence and normalise_name(v.visitor) in in_sentence}
    if telling:
        return telling.pop() if len(telling) == 1 else None
    return _told_last(sentence, visits)


def _char_range(noun: Token) -> tuple[int, int]:
    """The characters of the noun and the words before it that qualify it ("Singh's five-day visit"), not a
    clause after it ("that began on Monday")."""
    tokens = [t for t in noun.subtree if t.i <= noun.i]
    return tokens[0].idx, noun.idx + len(noun.text)


def _told_last(sentence: ArticleSentence, visits: Sequence[Visit]) -> str | None:
    """The visitor of the visit told last before the sentence; none when that sentence tells two people's."""
    told = [(max(e.start for e in v.evidence if e.start < sentence.start), v.visitor) for v in visits
            if any(e.start < sentence.start for e in v.evidence)]
    if not told:
        return None
    last = max(position for position, _ in told)
    visitors = {visitor for position, visitor in told if position == last}
    return visitors.pop() if len(visitors) == 1 else None


def _arriving(sentence: ArticleSentence, doc: Doc, verb: Token, names: NameIndex, visits: Sequence[Visit],
              catalog: ExtractionCatalog) -> str | None:
    """The visitor the arrival verb's subject names or refers to."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ == "conj":  # "landed on Sunday and was met …": the first verb's subject
        subject = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return None
    relative = subject.lower_ == "who" and verb.dep_ == "relcl"
    if relative:
        subject = verb.head  # "talks with President X, who flew in on Wednesday": X arrived
    # the person's own words, not the clause that tells the arrival
    tokens = [t for t in subject.subtree if t.i <= subject.i] if relative else list(subject.subtree)
    low, high = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    named = [name for start, _, name in names.people_in(sentence.text) if low <= start < high]
    if named:
        return named[0]
    if subject.lower_ not in _PRONOUNS and not _describes_a_visitor(tokens, sentence, catalog):
        return None
    # "he", "the visitor": the visit told last before this sentence; "the Mozambican leader": the visit of
    # a Mozambican, wherever the article tells it
    described = _demonym_country(tokens, sentence)
    if described is not None:
        theirs = {v.visitor for v in visits if v.visitor_country == described}
        return theirs.pop() if len(theirs) == 1 else None
    return _told_last(sentence, visits)


def _describes_a_visitor(tokens: Sequence[Token], sentence: ArticleSentence, catalog: ExtractionCatalog) -> bool:
    """"the visitor", "the visiting president", "the delegation", "the Mozambican leader": a description, not
    a name."""
    words = {t.lower_ for t in tokens}
    if words & {"visitor", "visiting", "guest"} or tokens[-1].lemma_.casefold() in _PARTY_NOUNS:
        return True
    return _demonym_country(tokens, sentence) is not None and bool(
        words & (catalog.title_words | {"leader", "delegation"}))


def _demonym_country(tokens: Sequence[Token], sentence: ArticleSentence) -> str | None:
    for token in tokens:
        place = sentence.place_at(token.idx)
        if place is not None and not place.is_city:
            return place.country
    return None


def _opens(visit: Visit, day: date, published: date | None) -> bool:
    """The arrival opens this visit: on or before its date, by a few days at most. A trip still to come
    is not opened by an arrival already past: that is an earlier leg."""
    if visit.status == "cancelled" or (visit.status == "planned" and published is not None and day <= published):
        return False
    if visit.start is None:
        return True
    if visit.precision == "day":
        return 0 < (visit.start - day).days <= ARRIVAL_LEAD_DAYS
    if visit.precision == "month":
        return (visit.start.year, visit.start.month) == (day.year, day.month)
    return False


def _with(evidence: tuple[Evidence, ...], sentence: ArticleSentence) -> tuple[Evidence, ...]:
    return evidence if sentence.evidence in evidence else (*evidence, sentence.evidence)
