"""Entry point of fact extraction at ingestion: officials, visits, cooperation areas, agreements and dated
events, each tied to the sentence it came from. Rules and gazetteers, plus spaCy's dependency parse for
visits read from clauses; no language model."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from bot.facts.agreements import find_agreements
from bot.facts.areas import find_cooperation
from bot.facts.arrivals import dated_by_arrival
from bot.facts.article_text import ArticleText
from bot.facts.catalog import ExtractionCatalog
from bot.facts.companions import countries_from_companions
from bot.facts.confidence import FactConfidence, default_confidence
from bot.facts.counterparts import (
    countries_from_counterparts,
    countries_from_same_office,
    countries_from_unnamed_counterparts,
    roles_from_counterparts,
)
from bot.facts.delegations import delegation_visits
from bot.facts.described_holders import countries_from_descriptions
from bot.facts.events import find_events
from bot.facts.hosts import countries_from_hosting, countries_from_invitations, placeless_hosts, placeless_inviters
from bot.facts.known_people import with_known_countries
from bot.facts.model import ArticleFacts, Official, Visit
from bot.facts.officials import BODY_LABELS, NameIndex, OfficialFinder, merge_mentions, organisation_countries
from bot.facts.origins import countries_from_origins
from bot.facts.person_names import (
    drop_countries_from_other_clauses,
    drop_titles_of_other_clauses,
    trim_titles_from_names,
)
from bot.facts.possessive_titles import countries_from_possessive_titles
from bot.facts.signatories import countries_from_signatures
from bot.facts.venues import VenueVisitFinder
from bot.facts.visit_clauses import ClauseVisitFinder, dated_by_report, merge_visits
from bot.facts.visit_days import dated_by_day_of_visit, dated_by_the_visit_told_again
from bot.facts.visits import find_visits
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.model import Article
from bot.language.parser import parse_where

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


def extract_facts(
    text: str,
    *,
    published: date | None,
    countries: Sequence[str],
    gazetteer: Gazetteer,
    catalog: ExtractionCatalog,
    confidence: FactConfidence | None = None,
    known_people: Mapping[str, str] | None = None,
) -> ArticleFacts:
    """All facts in one article's text; `published` resolves "on Thursday" and "last month"; `known_people`
    gives the countries other articles settled for people this one names without one
    (bot/facts/known_people.py)."""
    began = time.perf_counter()
    article = ArticleText.read(text, published, tuple(countries), gazetteer)
    organisations = organisation_countries(article, catalog)
    finder = OfficialFinder(catalog, organisations)
    # Only sentences with a date, a place or an official need the parse: nothing else is read from one.
    wanted = [bool(s.dates or s.places or finder.mentions(s)) for s in article.sentences]
    docs = parse_where([s.text_for_parsing for s in article.sentences], wanted)
    people = [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"] for doc in docs]
    bodies = [[(e.start_char, e.end_char) for e in doc.ents if e.label_ in BODY_LABELS] for doc in docs]
    mentions = trim_titles_from_names(
        [m for s, found, named_bodies in zip(article.sentences, people, bodies, strict=True)
         for m in finder.mentions(s, found, named_bodies)], docs,
        catalog,
    )
    mentions = drop_titles_of_other_clauses(drop_countries_from_other_clauses(mentions, docs), docs)
    officials = with_known_countries(
        roles_from_counterparts(merge_mentions(mentions, catalog.name_particles), catalog.not_offices),
        known_people or {})
    names = NameIndex.build(officials, catalog.name_particles, catalog.honorific_words)
    # Countries the text gives through someone else come first, so that visits know who is a foreigner where;
    # the visits found then give more countries, and those spread to the people beside them again (where a
    # traveller came from depends on nothing the visits add, so it is read once).
    officials = countries_from_origins(_countries_from_others(officials, article, docs, names, catalog), article,
                                       docs, names, catalog)
    visits = find_visits(article, officials, names, catalog)
    clause_visits = ClauseVisitFinder(article, docs, officials, names, catalog).find()
    venue_visits = VenueVisitFinder(article, docs, officials, names, catalog).find()
    visits = replace(visits, visits=merge_visits(merge_visits(visits.visits, clause_visits), venue_visits))
    visits = replace(visits, visits=dated_by_arrival(visits.visits, article, docs, names, catalog))
    visits = replace(visits, visits=dated_by_day_of_visit(visits.visits, article, catalog.visit_nouns))
    visits = replace(visits, visits=dated_by_the_visit_told_again(visits.visits, article, catalog.visit_nouns))
    visits = replace(visits, visits=dated_by_report(visits.visits, published))
    party_trips, officials = delegation_visits(visits.visits, officials, article, catalog, docs)
    visits = replace(visits, visits=party_trips)
    officials = _countries_from_others(
        _countries_from_visits(officials, visits.visits, article,
                               [*placeless_inviters(article, docs, names),
                                *placeless_hosts(article, docs, names, catalog.host_lemmas, catalog.hosted_nouns)]),
        article, docs, names, catalog)
    officials = countries_from_descriptions(countries_from_same_office(officials, article), article, docs, names,
                                            catalog, headline=True)
    agreements = find_agreements(article, docs, catalog, organisations)
    events = find_events(article, docs, visits.used_dates | agreements.used_dates, visits.visits, names, catalog)
    facts = ArticleFacts(
        officials=tuple(officials),
        visits=visits.visits,
        cooperation=tuple(find_cooperation(article, catalog)),
        agreements=agreements.agreements,
        events=tuple(events),
    )
    log.debug(
        "facts extracted officials=%d visits=%d areas=%d agreements=%d events=%d ms=%.1f",
        len(facts.officials),
        len(facts.visits),
        len(facts.cooperation),
        len(facts.agreements),
        len(facts.events),
        (time.perf_counter() - began) * 1000,
    )
    return (confidence or default_confidence()).score(facts, published)


def _countries_from_others(officials: list[Official], article: ArticleText, docs: Sequence[Doc],
                           names: NameIndex, catalog: ExtractionCatalog) -> list[Official]:
    """A country the text gives a person only through others: a description only they answer to ("the
    Brazilian leader"), the party they travel in, the side they sign
    for, the country whose "its" their title is written with, the place where they receive or invite a guest, the
    counterpart they meet, named or not."""
    officials = countries_from_descriptions(officials, article, docs, names, catalog)
    officials = countries_from_companions(officials, article, catalog, docs)
    officials = countries_from_signatures(officials, article, docs, names)
    officials = countries_from_possessive_titles(officials, article, docs, names, catalog)
    officials = countries_from_hosting(officials, article, docs, names, catalog.host_lemmas)
    officials = countries_from_invitations(officials, article, docs, names)
    officials = countries_from_counterparts(officials, article, docs, names, catalog)
    return countries_from_unnamed_counterparts(officials, article, docs, names, catalog.side_nouns)


def _countries_from_visits(officials: list[Official], visits: Sequence[Visit], article: ArticleText,
                           placeless: Sequence[tuple[frozenset[str], frozenset[str]]] = ()) -> list[Official]:
    """An official with no stated country who received a visitor belongs to the host country, as does one who
    invites or hosts with no place named where the article's trips all go to one country and the sentence names
    nobody else but the travellers ("She is due on Monday, at the invitation of Prime Minister Anwar Ibrahim",
    "Foreign Minister Wu will host a banquet", of a trip to Malaysia or Taiwan; not "Marwick conveyed an
    invitation from Ada Brenn for Quill to visit"); a visitor with none to
    the country the visit came from: in a report on two countries, a trip to one of them ("Prime Minister
    Narendra Modi flew to France") came from the other, as nobody travels to their own country, unless the
    trip is told as coming from a third one ("flew in from Paris")."""
    pair = article.countries
    hosts: dict[str, str] = {}
    visitors: dict[str, str] = {}
    travelling = {v.visitor for v in visits}
    destinations = {v.destination_country for v in visits if v.destination_country and v.status != "cancelled"}
    for inviters, named in placeless if len(destinations) == 1 else ():
        if named - inviters <= travelling:
            hosts.update({name: next(iter(destinations)) for name in inviters - travelling})
    for visit in visits:
        for person in (*visit.met, *visit.expected_to_meet):
            if visit.destination_country:
                hosts.setdefault(person, visit.destination_country)
        if visit.visitor_country:
            visitors.setdefault(visit.visitor, visit.visitor_country)
        elif (len(pair) == 2 and visit.destination_country in pair and visit.status != "cancelled"
              and not _from_elsewhere(visit, article)):
            visitors.setdefault(visit.visitor, next(c for c in pair if c != visit.destination_country))
    return [
        o if o.country else replace(o, country=hosts.get(o.name) or visitors.get(o.name)) for o in officials
    ]


def _from_elsewhere(visit: Visit, article: ArticleText) -> bool:
    """A sentence of the trip names a place of a third country it came from ("flew in from Paris")."""
    told = {e.start for e in visit.evidence}
    return any(sentence.text[max(0, place.start - 5):place.start].casefold() == "from "
               and place.country not in article.countries
               for sentence in article.sentences if sentence.start in told for place in sentence.places)


def extract_article_facts(article: Article, gazetteer: Gazetteer, catalog: ExtractionCatalog,
                          known_people: Mapping[str, str] | None = None) -> ArticleFacts:
    """The facts of a parsed article, using its own publication date and countries; the words of its own
    outlet's name ("… spoke to Reuters") never make up a person's name."""
    if article.meta.outlet:
        catalog = replace(catalog, not_names=catalog.not_names | frozenset(article.meta.outlet.split()))
    return extract_facts(article.text, published=article.meta.published, countries=article.meta.countries,
                         gazetteer=gazetteer, catalog=catalog, known_people=known_people)
