"""People travelling in a leader's party make the leader's trip: "Widodo and the delegation travelling with
him touched down in Hanoi … The Indonesian leader's party included: - Minister of Foreign Affairs Retno
Marsudi". Each member named in the party gets a visit to the same place at the same time, and the visitor's
country when the text gives them none.

A party is a sentence with a companion cue ("accompanied by", "travelling with", "a delegation
accompanying the Sultan:") or a list opening that names a travelling party ("The leader's party included:");
its members are the officials named after the cue, or at the head of the list items that follow. The trip is
the visit of the leader the cue names (by name, surname or title); without one, the article's only trip
abroad. Nothing is read from the article's other country, and a list under a line naming another country
or the hosts ("Norrvaldian delegation", "Host delegation:") is not the party."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.catalog import ExtractionCatalog
from bot.facts.companions import inline_list, item_head_end, named_in, named_last, noun_clause_end
from bot.facts.model import Official, Visit
from bot.facts.visit_clauses import same_time

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Party:
    """The people named in one travelling party, and the words that say whom they travel with."""

    cue: ArticleSentence
    leader_words: str
    members: tuple[tuple[Official, ArticleSentence], ...]
    # the countries a list's opening line names ("Bulgarian delegation"): the party is theirs, not the hosts'
    named_countries: frozenset[str] = frozenset()
    # a list written inline after "travel with …:" is a party only with the leader named there ("visa-free
    # travel with Quintara: …" names none)
    needs_named_leader: bool = False


def delegation_visits(visits: Sequence[Visit], officials: Sequence[Official], article: ArticleText,
                      catalog: ExtractionCatalog, docs: Sequence[Doc] | None = None
                      ) -> tuple[tuple[Visit, ...], list[Official]]:
    """The visits with the party members' trips added, and the officials with a member's country filled in
    from the trip's visitor when the text gave none."""
    added: list[Visit] = []
    countries: dict[str, str] = {}
    for party in parties(officials, article, catalog, docs):
        trip = _trip_of(party, visits, officials)
        if trip is None or (party.named_countries and trip.visitor_country not in party.named_countries):
            continue  # "Norrvaldian delegation" over the hosts' list: they make no trip
        for member, named_at in party.members:
            if member.name == trip.visitor or member.country == trip.destination_country:
                continue
            if any(trip.destination_country and trip.destination_country in t for t in member.titles):
                continue  # "Indonesia's ambassador to Vietnam" is posted there, not travelling with the party
            if member.country is not None and member.country != trip.visitor_country:
                continue
            if any(v.visitor == member.name and v.destination_country == trip.destination_country
                   for v in (*visits, *added)):
                continue
            added.append(replace(
                trip, visitor=member.name, visitor_country=member.country or trip.visitor_country, met=(),
                expected_to_meet=(), evidence=tuple(dict.fromkeys((party.cue.evidence, named_at.evidence))),
            ))
            if member.country is None and trip.visitor_country:
                countries.setdefault(member.name, trip.visitor_country)
    updated = [replace(o, country=countries[o.name]) if o.country is None and o.name in countries else o
               for o in officials]
    return (*visits, *added), updated


def parties(officials: Sequence[Official], article: ArticleText, catalog: ExtractionCatalog,
            docs: Sequence[Doc] | None = None) -> list[Party]:
    """Every travelling party the article lists, in order; with the parse, a cue inside a clause about a noun
    ("X, who was joined by her deputies, met Y") names its party only up to that clause's end."""
    sentences = article.sentences
    found: list[Party] = []
    for number, sentence in enumerate(sentences):
        cue = catalog.patterns.companion_cue.search(sentence.text)
        inline = inline_list(catalog, sentence.text) if cue is None else None
        if inline is not None:  # "… will travel with the prime minister: Minister X and Minister Y"
            cue = inline.cue
        party_list = catalog.patterns.party_opening.search(sentence.text) if cue is None else None
        if cue is None and party_list is None:
            continue
        after = cue.end() if cue is not None else 0
        leader_end = inline.members_at if inline is not None else None
        clause_end = noun_clause_end(docs[number], cue.start()) if docs is not None and cue is not None else None
        members = [(o, sentence) for o in named_in(officials, sentence, leader_end or after, clause_end)
                   ] if cue is not None else []
        who = _WHO_BEFORE.search(sentence.text, 0, cue.start()) if cue is not None else None
        if who is not None and cue is not None and not cue.group(0).casefold().endswith(" by"):
            # "Claver Gatete, Rwanda's infrastructure minister, who travelled with the President": the person the
            # clause is about goes with the leader it names (not "X, who was accompanied by Y": Y goes with X)
            members += [(o, sentence) for o in named_last(officials, sentence, who.start())]
        opening = _list_opening(sentences, number)
        if opening is not None and (cue is not None or opening == number):
            for item in sentences[opening + 1:]:
                if not item.list_item:
                    break
                members += [(o, item) for o in named_in(officials, item, 0, item_head_end(item.text))]
        leader_words = sentence.text[after:leader_end] if cue is not None else sentence.text
        if cue is None and _HOSTS.search(sentence.text):
            continue  # "Host delegation:", "the hosting side included:"
        if members:
            named = frozenset(p.country for p in sentence.places) if cue is None else frozenset()
            found.append(Party(sentence, leader_words, tuple(members), named, needs_named_leader=inline is not None))
    return found


def _list_opening(sentences: Sequence[ArticleSentence], number: int) -> int | None:
    """The sentence whose colon opens the party's list: this one, or the next ("The team travelling with the
    president is drawn from across the government. Among its members are:"); or this one as a heading over
    the list, a line with no closing stop ("Bulgarian delegation", above a table of its members)."""
    for index in (number, number + 1):
        if index + 1 < len(sentences) and sentences[index + 1].list_item and (
            sentences[index].text.rstrip().endswith(":") or (index == number and sentences[index].heading)
        ):
            return index
    return None


_HOSTS = re.compile(r"\bhost", re.IGNORECASE)
# A clause about the person named just before it, ending where a companion cue begins: ", who travelled with".
_WHO_BEFORE = re.compile(r",\s+who\s+(?:[a-z]+\s+){0,2}$")


def _trip_of(party: Party, visits: Sequence[Visit], officials: Sequence[Official]) -> Visit | None:
    """The trip the party makes: the visit of the leader the cue names, else the article's one trip abroad
    (every visit not cancelled goes to one country at one time)."""
    abroad = [v for v in visits if v.status != "cancelled" and v.destination_country
              and v.destination_country != v.visitor_country]
    words = party.leader_words
    named = [v for v in abroad if _names(words, v.visitor, officials)]
    candidates = named or ([] if party.needs_named_leader else abroad)
    if not candidates or len({v.destination_country for v in candidates}) != 1:
        return None
    first = min(candidates, key=lambda v: (v.start is None, v.start or 0, -len(v.evidence)))
    if not all(same_time(first.start, first.end, first.precision, v.start, v.end, v.precision) for v in candidates):
        return None
    return first


def _names(words: str, visitor: str, officials: Sequence[Official]) -> bool:
    """Whether the words after the cue name the visitor: by name, surname, or a title only they hold ("the
    Sultan")."""
    if visitor in words or re.search(rf"\b{re.escape(visitor.split()[-1])}\b", words):
        return True
    titles = {t.casefold() for o in officials if o.name == visitor for t in o.titles}
    held_by_others = {t.casefold() for o in officials if o.name != visitor for t in o.titles}
    lowered = words.casefold()
    return any(re.search(rf"\b{re.escape(t)}\b", lowered) for t in titles - held_by_others)
