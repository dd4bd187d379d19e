"""Visits read from clause structure: a person from one country placed in another country by a travel verb,
a visit noun, a host verb or a meeting with that country's official, dated by the clause's own date.

The grammar comes from spaCy's dependency parse (bot/language/parser.py); places and dates come from the
article's own gazetteer and date readers, so every fact keeps its sentence as evidence."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText, PlaceMention
from bot.facts.catalog import ExtractionCatalog, is_resident, own_title_heads, posted_in, posted_to_a_state
from bot.facts.dates import PRECISION_ORDER, DateMention, finer_precision, names_a_weekday, period_end
from bot.facts.described_groups import group_members
from bot.facts.model import DatePrecision, Official, Visit, VisitStatus, normalise_name
from bot.facts.officials import NameIndex
from bot.facts.visit_days import MAX_VISIT_DAYS, ahead_if_planned, stay_around, tells_one_trip
from bot.language.parser import SUBJECT_DEPS, VERB_POS, verb_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
# "him" and "her" as what a verb or preposition takes: never its own subject
_OBJECT_PRONOUNS = frozenset({"him", "her"})
_OBJECT_PRONOUN_DEPS = frozenset({"dobj", "pobj", "dative"})
# "a visit to the country": a word for a country that, said of a foreign visitor, names the report's other one
# Words a report uses for a country it has already named: "a visit to the country", "to the Gulf state", "to the
# Himalayan kingdom".
_COUNTRY_NOUNS = frozenset({"country", "nation", "state", "kingdom", "republic", "sultanate", "emirate"})
# Prepositions after which a place is where someone went or was, not where they came from.
_PLACE_PREPOSITIONS = frozenset({"to", "in", "at", "into", "for", "on", "across", "around", "through"})
# Where a departure verb sends its subject: "leaves for Rome", never "left Nairobi".
_SETTING_OFF = frozenset({"for"})
# Prepositions that put a person where they are, whatever the verb ("speaking in Paris", "at a summit in Rome").
_PRESENCE_PREPOSITIONS = frozenset({"in", "at"})
# Words right before a place that make it where something happened or someone went ("to Chile", "in Peru").
_PLACE_NAMED = re.compile(r"\b(?:to|in|at|into|visit|visits|visited|visiting)\s+(?:the\s+)?$", re.IGNORECASE)
# What stands between two places of one list: a comma, "and", or both, and perhaps "the".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", re.IGNORECASE)
# Prepositions that tie a clause to the event a place is the venue of ("the session of …", "after talks in …").
_EVENT_LINKS = frozenset({"of", "after", "during", "following"})
# How a place word hangs on the noun it describes ("the Thai guests"; an adjective never reaches here).
_MODIFIER_DEPS = frozenset({"compound"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "npadvmod", "attr", "conj", "appos", "nmod", "compound"})
# A leader's group that travels with the leader ("Aoun's delegation went to Kuwait").
_LEADERS_GROUPS = frozenset({"delegation", "entourage"})
# Verbs by which a group is someone's to lead ("a delegation headed by X").
_LEADING_LEMMAS = frozenset({"head", "lead"})
_FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "wo", "might", "may", "could"})
_AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# Conjunctions that put a clause at the time of the clause it depends on.
_SAME_TIME_MARKS = frozenset({"when", "while", "as"})
# The sentences after a headline that tell its news (a stamp or byline line, then the lead).
_LEAD_SENTENCES = 3
# Single days told of one visitor in one country this far apart are one stay: an arrival, then talks the next day.
TRIP_DAYS_APART = 1
# A line with no more words than this besides its dates is a stamp ("Updated: …", "Thursday, …").
_STAMP_WORDS = 1


@dataclass(frozen=True)
class PersonMention:
    """A person named in a sentence: token span, full name, and the country the text gives them."""

    start: int
    end: int
    name: str
    country: str | None


@dataclass
class ClauseDraft:
    visitor: str
    visitor_country: str | None
    destination_country: str
    destination_city: str | None
    start: date | None
    end: date | None
    precision: DatePrecision
    status: VisitStatus
    met: list[str] = field(default_factory=list)
    evidence: list[ArticleSentence] = field(default_factory=list)
    last_day: bool = False  # its one day is told as the stay's end ("brought his visit to a close on Wednesday")


class ClauseVisitFinder:
    """Finds visits sentence by sentence; "he" and "his" refer to the nearest person before them who was a
    clause subject, in the same sentence or an earlier one (or the person a verbless line names: "A: Cambodian
    Prime Minister Hun Manet. He arrives on Thursday")."""

    def __init__(
        self,
        article: ArticleText,
        docs: Sequence[Doc],
        officials: Sequence[Official],
        names: NameIndex,
        catalog: ExtractionCatalog,
    ) -> None:
        self.article = article
        self.docs = docs
        self.names = names
        self.catalog = catalog
        self.country_of = {o.name: o.country for o in officials if o.country}
        self.titles = {o.name: o.titles for o in officials}
        self._title_heads = one_word_title_heads(catalog)
        self.drafts: list[ClauseDraft] = []
        self.last_subject: PersonMention | None = None
        self._named_before: list[str] = []  # officials named in earlier sentences, the most recent first

    def find(self) -> tuple[Visit, ...]:
        for sentence, doc in zip(self.article.sentences, self.docs, strict=True):
            people = self.people(sentence, doc)
            for draft in self._visits_in(sentence, doc, people):
                self._merge(draft)
            subject = next((p for p in people if _topic(doc, doc[p.end - 1])), None)
            if subject is not None:
                # remembered without its words: its token span is of this sentence, not of the one "he" is in
                self.last_subject = replace(subject, start=-1, end=-1)
            named = [p.name for p in reversed(people) if p.name in self.titles]
            self._named_before = list(dict.fromkeys([*named, *self._named_before]))
        return tuple(self._finish(d) for d in self.drafts)

    # -- who is named ------------------------------------------------------------------------------------

    def people(self, sentence: ArticleSentence, doc: Doc) -> list[PersonMention]:
        """Officials the article names (full name or surname) and other people the entity model finds."""
        found: list[PersonMention] = []
        taken: set[int] = set()
        for name, span in self.names.spans_in(sentence.text, doc):
            if taken & set(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            found.append(PersonMention(span.start, span.end, name, self._country_of(name, span, sentence)))
        for entity in doc.ents:
            if entity.label_ != "PERSON" or taken & set(range(entity.start, entity.end)):
                continue
            words = [t for t in entity if t.is_alpha]
            called = self._official_called(words)
            if called is not None:
                # "Sheikh Tamim" for Tamim bin Hamad Al Thani: a style and one word of an official's name
                taken.update(range(entity.start, entity.end))
                found.append(PersonMention(entity.start, entity.end, called, self.country_of.get(called)))
                continue
            if len(words) < 2 or not all(t.text[:1].isupper() for t in words):
                continue
            if any(t.text.casefold() in self.catalog.title_words for t in words):
                continue
            if any(self._place_at(sentence, t) for t in words):
                continue
            taken.update(range(entity.start, entity.end))
            name = entity.text.strip(" ,.'’")
            found.append(PersonMention(entity.start, entity.end, name, self._country_of(name, entity, sentence)))
        for noun in doc:
            # "the two Japanese ministers": one mention per member, all at the group's noun
            if noun.i not in taken:
                found.extend(PersonMention(noun.i, noun.i + 1, name, self.country_of.get(name))
                             for name in group_members(noun, sentence, self._named_before, self.titles,
                                                       self.country_of, self._title_heads))
        return sorted(found, key=lambda p: p.start)

    def _official_called(self, words: Sequence[Token]) -> str | None:
        """The one official a style and a single word of their name stand for ("Sheikh Tamim", "President
        Suluhu"): the word begins or is inside exactly one official's name of three words or more."""
        rest = [t for t in words if t.text.casefold() not in self.catalog.honorific_words
                and t.text.casefold() not in self._title_heads]
        if len(rest) != 1 or len(rest) == len(words):
            return None
        word = rest[0].text
        owners = {n for n in self.titles if len(parts := n.split()) >= 3 and word in parts[:-1]}
        return owners.pop() if len(owners) == 1 else None

    def _country_of(self, name: str, span: Span, sentence: ArticleSentence) -> str | None:
        """The article's word for the person's country: a nationality or possessive before their title
        ("Israeli Defence Minister ...", "India's Defence Secretary ...")."""
        if name in self.country_of:
            return self.country_of[name]
        head = span.root
        for token in head.children:
            if token.i < span.start and token.dep_ in {"amod", "compound", "poss", "nmod"}:
                place = self._place_at(sentence, token)
                if place is not None and not place.is_city:
                    return place.country
        for token in head.subtree:
            if token.i >= span.start:
                break
            place = self._place_at(sentence, token)
            if place is not None and not place.is_city and token.dep_ in {"amod", "poss", "compound", "nmod"}:
                return place.country
        return None

    @staticmethod
    def _place_at(sentence: ArticleSentence, token: Token) -> PlaceMention | None:
        return next((p for p in sentence.places if p.start <= token.idx < p.end), None)

    # -- which clauses report a visit --------------------------------------------------------------------

    def _visits_in(
        self, sentence: ArticleSentence, doc: Doc, people: list[PersonMention]
    ) -> Iterator[ClauseDraft]:
        if not people and not any(t.lower_ in _PRONOUNS for t in doc):
            return
        if sentence.dateline_place is not None:
            yield from self._from_dateline(sentence, doc, people, sentence.dateline_place)
        if sentence.index == 0 and not sentence.text.rstrip().endswith((".", "!", "?")):
            yield from self._from_headline(sentence, doc, people)
        nouns = self.catalog.visit_nouns
        for trigger in doc:
            lemma = trigger.lemma_.casefold()
            if trigger.pos_ in {"NOUN", "PROPN"} and (trigger.lower_ in nouns or trigger.lower_.removesuffix("s") in nouns):
                yield from self._from_noun(sentence, people, trigger)
            elif trigger.pos_ in {"VERB", "AUX", "ADJ"}:
                if lemma in self.catalog.visit_nouns and trigger.dep_ == "amod":
                    yield from self._from_visiting(sentence, people, trigger)
                elif lemma in self.catalog.host_lemmas:
                    yield from self._from_host_verb(sentence, people, trigger)
                elif lemma in self.catalog.travel_lemmas:
                    yield from self._from_verb(sentence, people, trigger, travel=True)
                elif _departure(trigger, self.catalog.departure_lemmas) and _sets_off_for(trigger):
                    yield from self._from_verb(sentence, people, trigger, travel=True, only_after=_SETTING_OFF)
                elif lemma in self.catalog.meeting_lemmas:
                    yield from self._from_verb(sentence, people, trigger, travel=False)
                elif (host := next((c for c in trigger.children if c.dep_ in {"dobj", "attr"}
                                    and c.lemma_.casefold() in self.catalog.host_lemmas), None)) is not None:
                    # "Osinbajo played host to the President of Ghana": a host told as a noun
                    yield from self._from_host_noun(sentence, people, trigger, host)
                elif trigger.pos_ == "VERB" or (trigger.lemma_ == "be" and trigger.dep_ not in _AUXILIARY_DEPS):
                    # "Secretary Ebrard is in Korea from July 3 to 6": "be" as the main verb places him too.
                    yield from self._from_presence(sentence, people, trigger)

    def _from_verb(
        self, sentence: ArticleSentence, people: list[PersonMention], verb: Token, *, travel: bool,
        only_after: frozenset[str] | None = None,
    ) -> Iterator[ClauseDraft]:
        """A visit by the verb's subject to the place it names (`only_after` these prepositions, if given)."""
        if any(c.lower_ in self.catalog.returning_words for c in verb.children if c.dep_ in {"advmod", "prt"}):
            return  # "arrived back in Sri Lanka", "flew home": the end of a trip abroad, not a visit
        doers = self._subjects(people, verb)
        objects = self._objects(people, verb)
        for visitor in doers:
            met = [p for p in (*objects, *doers) if p.name != visitor.name]
            # "visited India" names where with its object; "met", "called" and "held" only with "in/at …"
            # ("He called the Philippines a partner" goes nowhere).
            place = (self._destination(sentence, verb, visitor, only_after, through_preposition=True)
                     if only_after else self._destination(sentence, verb, visitor, through_preposition=not travel))
            if place is None:
                continue
            if not travel and visitor.country is None and not any(p.country == place.country for p in met):
                # Meeting someone in a place is a visit when the subject is known to come from elsewhere, or
                # when the person met belongs to that place's country.
                continue
            if len(doers) > 1 and visitor.country is None:
                # "Piñera and Vizcarra met in Santiago": only a doer known to come from elsewhere travelled.
                continue
            yield from self._drafts(sentence, verb, visitor, place, met)

    def _from_visiting(
        self, sentence: ArticleSentence, people: list[PersonMention], visiting: Token
    ) -> Iterator[ClauseDraft]:
        """ "talks in New Delhi between Modi and the visiting Philippine President, X": X is a guest where the
        clause takes place, or, when it names no place, in the report's other country."""
        visitor = self._person_at(people, visiting.head)
        if visitor is None or visitor.country is None:
            return
        # The clause's place, not one inside a person's phrase ("Quintaran President X and the visiting …").
        place = next((found for above in visiting.head.ancestors if self._person_at(people, above) is None
                      and (found := self._destination(sentence, above, visitor)) is not None), None)
        if place is None:
            hosts = [c for c in self.article.countries if c != visitor.country]
            if len(hosts) != 1:
                return
            place = _country_only(hosts[0])
        yield from self._drafts(sentence, visiting, visitor, place, [])

    def _from_dateline(
        self, sentence: ArticleSentence, doc: Doc, people: list[PersonMention], place: PlaceMention
    ) -> Iterator[ClauseDraft]:
        """A wire report is filed where its news happens: "PARIS, July 14 - Narendra Modi received ..." puts
        India's prime minister in Paris. Whoever the main clause's subject is, from a country other than the
        dateline's, is there."""
        if any(p.is_city or _PLACE_NAMED.search(sentence.text[: p.start])
               for p in sentence.places if p.start >= sentence.dateline_end):
            # "KYIV (UNN) - ... talks held in Warsaw", "LONDON (AA) - X travelled to Chile": the clause says
            # where, and the dateline is the agency's desk.
            return
        main = [t for t in doc if t.dep_ == "ROOT" and t.pos_ in VERB_POS]
        for verb in [*main, *(c for v in main for c in v.conjuncts if c.pos_ in VERB_POS)]:
            for visitor in self._subjects(people, verb):
                if (visitor.country is not None and visitor.country != place.country
                        and not is_resident(self.titles.get(visitor.name, ()), self.catalog)):
                    met = [p for p in self._objects(people, verb) if p.name != visitor.name]
                    yield from self._drafts(sentence, verb, visitor, place, met)

    def _from_presence(
        self, sentence: ArticleSentence, people: list[PersonMention], verb: Token
    ) -> Iterator[ClauseDraft]:
        """Any verb that puts a person from a known country "in" or "at" a place of another country ("Speaking in
        the Argentine capital, Brazil's president said"): being there is the visit."""
        if not any(c.dep_ == "prep" and c.lower_ in _PRESENCE_PREPOSITIONS for c in verb.children):
            return
        first = self._subject(people, verb)
        for visitor in _members(people, first) if first is not None else []:
            if visitor.country is None:
                continue
            # only where the "in"/"at" puts them: "Josipovic in turn promised to back Montenegro" is not there
            place = self._destination(sentence, verb, visitor, prepositions=_PRESENCE_PREPOSITIONS,
                                      through_preposition=True)
            if place is not None:
                yield from self._drafts(sentence, verb, visitor, place, [])

    def _from_headline(self, sentence: ArticleSentence, doc: Doc, people: list[PersonMention]) -> Iterator[ClauseDraft]:
        """A headline that places a person with "in", as headlines do without a verb ("Xi in Fiji: five MOUs …",
        "Lula in Beijing for trade talks"): someone from another country is there."""
        for visitor in people:
            head = doc[visitor.end - 1]
            if visitor.country is None or not any(c.dep_ == "prep" and c.lower_ == "in" for c in head.children):
                continue
            place = self._destination(sentence, head, visitor, prepositions=frozenset({"in"}),
                                      through_preposition=True)
            if place is not None:
                yield from self._drafts(sentence, head, visitor, place, [])

    def _from_noun(
        self, sentence: ArticleSentence, people: list[PersonMention], noun: Token
    ) -> Iterator[ClauseDraft]:
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        visitor = self._person_at(people, owner) if owner is not None else None
        if visitor is None:
            # "a visit to Kyiv by the Turkish president", "the visit of Chancellor Scholz"
            by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "of"}), None)
            agent = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            visitor = self._person_at(people, agent)
        if visitor is None:
            # "the state visit that President Phuc has just made to Indonesia": the relative clause's subject.
            told = next((c for c in noun.children if c.dep_ == "relcl"), None) or _clause_told_after(noun)
            if told is not None:
                visitor = self._person_at(people, next((c for c in told.children if c.dep_ in SUBJECT_DEPS), None))
                if visitor is not None:
                    place = self._destination(sentence, told, visitor) or self._destination(sentence, noun, visitor)
                    if place is not None:  # the clause that tells the trip tells its time and tense
                        yield from self._drafts(sentence, told, visitor, place, [])
                    return
        governor = _governing_verb(noun)
        if visitor is None and governor is not None:
            if governor.lemma_.casefold() in self.catalog.host_lemmas:
                return
            visitor = self._subject(people, governor)
        if visitor is None:
            return
        place = self._destination(sentence, noun, visitor) or (
            self._destination(sentence, governor, visitor) if governor is not None else None
        )
        if place is None:
            return
        scope = governor if governor is not None else noun
        met = [p for p in self._objects(people, scope) if p.name != visitor.name]
        yield from self._drafts(sentence, noun, visitor, place, met)

    def _from_host_verb(
        self, sentence: ArticleSentence, people: list[PersonMention], verb: Token
    ) -> Iterator[ClauseDraft]:
        host: PersonMention | None
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            visitor = self._subject(people, verb)
            guests = [visitor] if visitor is not None else []
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            host = next((self._person_at(people, g) for g in (agent.children if agent else ())), None)
        else:
            host = self._subject(people, verb)
            guest = next((c for c in verb.children if c.dep_ == "dobj"), None)
            guests = self._guests(people, guest) if guest is not None else []
            if not guests and guest is not None:
                guests = self._sent_by(people, guest)
        for visitor in guests:
            place = self._guest_place(sentence, verb, host, visitor)
            if place is not None:
                yield from self._drafts(sentence, verb, visitor, place, [host] if host else [])

    def _guest_place(self, sentence: ArticleSentence, verb: Token, host: PersonMention | None,
                     visitor: PersonMention) -> PlaceMention | None:
        """Where a guest was received: the place the clause names, else the host's country when it is not
        the guest's."""
        place = self._destination(sentence, verb, visitor)
        if place is None and host is not None and host.country and host.country != visitor.country:
            place = _country_only(host.country)
        return place

    def _from_host_noun(
        self, sentence: ArticleSentence, people: list[PersonMention], verb: Token, noun: Token
    ) -> Iterator[ClauseDraft]:
        """ "X played host to Y", "X was host to Y": Y, named after "to", is X's guest, in X's country, or in a
        report on two countries, the one that is not the guest's."""
        host = self._subject(people, verb)
        links = [c for t in (verb, noun) for c in t.children if c.dep_ == "prep" and c.lower_ == "to"]
        guests = [p for link in links for g in link.children if g.dep_ == "pobj" for p in self._guests(people, g)]
        pair = self.article.countries
        for visitor in guests:
            if host is not None and host.country is not None and host.country == visitor.country:
                continue  # a countryman received at home
            place = self._guest_place(sentence, verb, host, visitor)
            if place is None and len(pair) == 2 and visitor.country in pair:
                place = _country_only(next(c for c in pair if c != visitor.country))
            if place is not None:
                yield from self._drafts(sentence, verb, visitor, place, [host] if host else [])

    def _sent_by(self, people: list[PersonMention], occasion: Token) -> list[PersonMention]:
        """Who a received visit, call or delegation came from: "received a courtesy call … from South Korea's
        Minister of Defense, X", "hosted a delegation led by Y". A call on the phone or a screen brings nobody."""
        if (occasion.lemma_.casefold() not in self.catalog.guest_nouns
                or any(t.lower_ in self.catalog.remote_words for t in occasion.subtree)):
            return []
        links = [c for c in occasion.children if c.dep_ == "prep" and c.lower_ == "from"]
        links += [a for c in occasion.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"]
        return [p for link in links for g in link.children if g.dep_ == "pobj" for p in self._guests(people, g)]

    def _guests(self, people: list[PersonMention], guest: Token) -> list[PersonMention]:
        """Everyone a host verb's object names: "will welcome Japan's defence minister, X, and foreign minister,
        Y, to New Delhi" — the phrase, the phrases joined to it, and the names set beside them."""
        phrases = [guest, *guest.conjuncts]
        found: list[PersonMention] = []
        for token in [*phrases, *(c for t in phrases for c in t.children if c.dep_ == "appos")]:
            person = self._person_at(people, token)
            if person is not None and person not in found:
                found.append(person)
        return found

    # -- the parts of a clause ---------------------------------------------------------------------------

    def _subject(self, people: list[PersonMention], verb: Token) -> PersonMention | None:
        """The person doing the verb: its subject, or the subject of the verb it is joined to or depends on
        ("arrived and met", "plans to visit")."""
        current: Token | None = verb
        for _ in range(4):
            if current is None:
                return None
            agent = next((c for c in current.children if c.dep_ == "agent"), None)
            doer = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if doer is not None:
                # "was attended by the South Korean defence minister"
                return self._person_at(people, doer)
            subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                # "(AFP) — Iraqi Prime Minister X will fly to Kuwait": a dateline's agency may be parsed as a
                # second subject; the person among them does the verb
                return next((p for c in subjects
                             if (p := self._person_at(people, c) or self._group_owner(people, c)) is not None), None)
            if current.dep_ in {"acl", "relcl"}:
                # "Ruto, the first leader to make a state visit": the noun the clause describes is the person.
                described = current.head
                person = self._person_at(people, described) or (
                    self._person_at(people, described.head) if described.dep_ == "appos" else None
                )
                if person is not None:
                    return person
            if current.dep_ == "pcomp" and current.head.lower_ == "for" and current.head.head.pos_ in VERB_POS and (
                    thanked := next((c for c in current.head.head.children if c.dep_ == "dobj"), None)) is not None:
                # "Osinbajo thanked his guest for coming to Nigeria": the one thanked came, not the thanker
                return self._person_at(people, thanked)
            told = next((c for c in current.head.children if c.dep_ in {"dobj", "dative"}), None) \
                if current.dep_ == "xcomp" and current.head.lemma_.casefold() in self.catalog.object_control_lemmas \
                else None
            if told is not None:
                # "He encouraged Chinese firms to build in Thailand": the one told does it, not the teller
                return self._person_at(people, told)
            if current.dep_ in {"conj", "xcomp", "advcl", "acomp", "pcomp", "prep", "pobj", "acl", "dobj"}:
                current = current.head
            else:
                return None
        return None

    def _subjects(self, people: list[PersonMention], verb: Token) -> list[PersonMention]:
        """Everyone doing the verb: its subject and the people joined to it by "and"."""
        first = self._subject(people, verb)
        if first is None:
            return []
        # a group ("the two Japanese ministers") does the verb as one: every member at its noun
        found = _members(people, first)
        # "India's Defence Minister Rajnath Singh and External Affairs Minister S Jaishankar take part": the
        # second name may hang from the subject noun ("Minister") as an apposition; taken so only for a
        # countryman, since "X and his Pellucoran counterpart Y met" hangs the one met the same way.
        anchors = set(range(first.start, first.end)) | {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}
        for person in people:
            head = verb.doc[person.end - 1]
            joined = head.dep_ == "conj" or _named_in_conjoined_title(head) or (
                head.dep_ == "appos" and person.country is not None and person.country == first.country)
            if person not in found and joined and any(
                t.i in anchors for t in head.ancestors
            ) and not any(t.i == verb.i for t in head.subtree):
                found.append(person)
        return found

    def _group_owner(self, people: list[PersonMention], noun: Token) -> PersonMention | None:
        """ "Aoun's delegation went to Kuwait", "a delegation headed by Aliyev reached Hungary": the leader whose
        delegation it is goes with it (a team or a mission, "his negotiating team flew to Wellington", often
        travels without them)."""
        if noun.lemma_.casefold() not in _LEADERS_GROUPS:
            return None
        led = next((c for c in noun.children if c.dep_ == "acl" and c.lemma_.casefold() in _LEADING_LEMMAS), None)
        agent = next((c for c in led.children if c.dep_ == "agent"), None) if led is not None else None
        leader = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if leader is not None:
            return self._person_at(people, leader)
        if any(c.dep_ in {"amod", "compound"} for c in noun.children):
            return None
        return self._person_at(people, next((c for c in noun.children if c.dep_ == "poss"), None))

    def _person_at(self, people: list[PersonMention], token: Token | None) -> PersonMention | None:
        """The person a noun phrase names, or the person "he"/"his" refers to."""
        if token is None:
            return None
        if token.lower_ in _PRONOUNS:
            if token.dep_ in _OBJECT_PRONOUN_DEPS and token.lower_ in _OBJECT_PRONOUNS:
                return self._other_than_subject(people, token)
            # "Modi held talks with Biden during his state visit": the sentence's own earlier subject first.
            earlier = [p for p in people if p.end <= token.i and token.doc[p.end - 1].dep_ in SUBJECT_DEPS]
            return earlier[-1] if earlier else self.last_subject
        for person in people:
            if person.start <= token.i < person.end:
                return person
        # "the Israeli prime minister, Benjamin Netanyahu": the name is in the phrase's apposition.
        for child in token.children:
            if child.dep_ in {"appos", "compound"}:
                found = next((p for p in people if p.start <= child.i < p.end), None)
                if found is not None:
                    return found
        return None

    def _other_than_subject(self, people: list[PersonMention], pronoun: Token) -> PersonMention | None:
        """Whom "him"/"her" as an object stands for: never whoever does its own verb ("Shehbaz told Aliyev he
        would be honoured to host him" hosts Aliyev; "asked Tolvy to host him": Tolvy hosts), so the latest
        person named before it who is not."""
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        doer = self._doer(people, verb, pronoun)
        earlier = [p for p in people if p.end <= pronoun.i and (doer is None or p.name != doer.name)]
        if earlier:
            return earlier[-1]
        last = self.last_subject
        return last if doer is None or last is None or last.name != doer.name else None

    def _doer(self, people: list[PersonMention], verb: Token, pronoun: Token) -> PersonMention | None:
        """Who does the verb a pronoun is the object of: its own subject; for a verb under another ("ask
        Tolvy to host him", "would be glad to host him"), the one asked, else the subject above."""
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != pronoun.i), None)
        if subject is not None:
            return self._person_at(people, subject)
        if verb.dep_ in {"xcomp", "acomp", "ccomp"}:
            asked = next((c for c in verb.head.children if c.dep_ in {"dobj", "dative"}), None)
            if asked is not None and (person := self._person_at(people, asked)) is not None:
                return person
            return self._subject(people, verb)
        return None

    def _objects(self, people: list[PersonMention], verb: Token) -> list[PersonMention]:
        """People met: objects of the verb and of its "with" / "on" prepositions."""
        found: list[PersonMention] = []
        for child in verb.children:
            targets = [child] if child.dep_ in {"dobj", "attr"} else []
            if child.dep_ == "prep" and child.lower_ in {"with", "on"}:
                targets = [g for g in child.children if g.dep_ == "pobj"]
            if child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ == "on"):
                targets += [g for g in child.children if g.dep_ == "pobj"]
            for target in targets:
                for token in (target, *target.conjuncts):
                    person = self._person_at(people, token)
                    if person is not None and person not in found:
                        found.append(person)
        return found

    def _destination(
        self, sentence: ArticleSentence, trigger: Token, visitor: PersonMention,
        prepositions: frozenset[str] = _PLACE_PREPOSITIONS, *, through_preposition: bool = False,
    ) -> PlaceMention | None:
        """The place the clause puts the visitor in: a city or country named as an object of the trigger or
        of a preposition of place under it (only the latter `through_preposition`), never a nationality word
        or the visitor's own country."""
        candidates: list[PlaceMention] = []
        for token in trigger.subtree:
            if visitor.start <= token.i < visitor.end:
                continue
            if self._the_other_country(token, visitor, sentence) and _under_place_preposition(
                    token, trigger, prepositions, through_preposition=through_preposition):
                # "Rouhani began his first visit to the country": the report's other country
                other = next(c for c in self.article.countries if c != visitor.country)
                candidates.append(_country_only(other))
                continue
            named: Token | None = token if token.pos_ == "PROPN" else None
            if named is None and token.dep_ == "pobj" and token.lower_ in self.catalog.place_nouns:
                # "in the Argentine capital": the nationality word before the place noun names the country.
                named = next((c for c in token.children if c.dep_ in {"amod", "compound"}
                              and self._place_at(sentence, c) is not None), None)
            if named is None:
                continue
            anchor = token
            if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in self.catalog.state_nouns:
                anchor = token.head.head  # "to the Cooperative Republic of Guyana": the formal name is the object
            misread_to = anchor.dep_ == "xcomp" and any(c.lower_ == "to" for c in anchor.children)
            if anchor.dep_ not in _OBJECT_DEPS and not misread_to:  # "made to Zambia", parsed as "to" + verb
                continue
            if not _under_place_preposition(anchor, trigger, prepositions, through_preposition=through_preposition):
                continue
            place = self._place_at(sentence, named)
            if place is None or place.possessive or place in candidates:
                continue
            if anchor.i == named.i and anchor.dep_ in _MODIFIER_DEPS and place.nationality:
                continue  # "met the Thai guests": a people's adjective describes whom, not where
            if not place.is_city and _topic_of_a_noun(anchor):
                continue  # "the IGAD Summit on South Sudan", "talks on Ukraine": what it was about, not where
            if inside_place(named, place):
                continue
            if visitor.country and place.country == visitor.country:
                continue
            candidates.append(place)
        cities = [p for p in candidates if p.is_city]
        return next(iter(cities or candidates), None)

    def _the_other_country(self, token: Token, visitor: PersonMention, sentence: ArticleSentence) -> bool:
        """ "a visit to the country" (or "to the Gulf state") in a report on two countries, said of someone from one
        of them: the other one, unless the sentence names a third ("flew on to Norrvald, his first visit to the
        country"). A word naming a place before the noun makes it somewhere else ("to the Indian state", "to the
        state of Gujarat"), and so does a city of the visitor's own country in the sentence."""
        return (token.dep_ == "pobj" and token.lower_ in _COUNTRY_NOUNS and token.head.lower_ == "to"
                and all(p.country in self.article.countries for p in sentence.places)
                # "arrived in Cassivar … his first visit to the northern state": a state of their own country
                and not any(p.is_city and p.country == visitor.country for p in sentence.places)
                and any(c.lower_ == "the" and c.dep_ == "det" for c in token.children)
                and not any(c.dep_ in {"poss", "prep"} or (c.dep_ in {"amod", "compound"} and any(
                    self._place_at(sentence, t) is not None for t in c.subtree)) for c in token.children)
                and len(self.article.countries) == 2 and visitor.country in self.article.countries)

    def _drafts(self, sentence: ArticleSentence, trigger: Token, visitor: PersonMention, place: PlaceMention,
                met: list[PersonMention]) -> Iterator[ClauseDraft]:
        """The trip to the place, and to every country listed with it ("a tour of Oman, the UAE and Qatar"):
        places joined by commas and "and" alone are stops of one tour. An envoy posted in the place's country
        ("Malaysia's ambassador to Vietnam" meeting her prime minister at Hanoi airport) lives there."""
        titles = self.titles.get(visitor.name, ())
        if posted_in(titles, (place.country, place.form), self.catalog) or (
                place.country in self.article.countries and posted_to_a_state(titles, self.catalog)):
            return
        yield self._draft(sentence, trigger, visitor, place, met)
        for stop in listed_with(sentence, place):
            if stop.country not in (place.country, visitor.country):
                yield self._draft(sentence, trigger, visitor, stop, [])

    def _draft(
        self,
        sentence: ArticleSentence,
        trigger: Token,
        visitor: PersonMention,
        place: PlaceMention,
        met: list[PersonMention],
    ) -> ClauseDraft:
        clause = clause_root(trigger)
        dates = clause_dates(sentence, clause)
        if not dates and clause.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in _SAME_TIME_MARKS
                                                        for c in clause.children):
            # "met him in October 2025, when she travelled to X": a when-clause happens at its main clause's time.
            dates = clause_dates(sentence, clause_root(clause.head))
        if not dates:
            dates = self._occasion_dates(sentence, clause)
        when = best_date(dates)
        # An undated clause happens on the day the article last named. A programme's rows tell its day in
        # the present tense, so there a weekday is a coming one ("The programme (Tuesday)" over "- 11:00, the
        # Chancellor receives X"); a headline's present tells past news, and keeps the lead's day.
        borrowed = self._recent_day(sentence) if when is None else None
        programme = self._programme_day(sentence) if when is None else None
        scheduled = programme is not None and _present_tense_weekday(clause, programme)
        status = self._status(clause, trigger, programme if scheduled else when)
        if when is None and scheduled:
            when = programme
        elif when is None and status == "completed":
            when = borrowed
        when = ahead_if_planned(when, status, self.article.published)
        start, end = (when.date, when.end_date) if when else (None, None)
        last_day = False
        if when is not None and when.precision == "day" and end is None:
            # "saw off Chapo on Thursday, closing a two-day state visit": Thursday was its last day (not where the
            # sentence tells of another country's trip: "arrived in Doha after a two-day visit to the UAE").
            one_trip = tells_one_trip(sentence, place.country, visitor.country)
            stay = stay_around(sentence.text, when.date, self.catalog.patterns.end_cue, may_end_here=one_trip)
            start, end = stay or (start, end)
            # "brought his visit to a close on Wednesday", with no length: the day ends a stay begun earlier
            last_day = stay is None and one_trip and self._ends_the_visit(sentence, trigger)
        return ClauseDraft(
            visitor=visitor.name,
            visitor_country=visitor.country,
            destination_country=place.country,
            destination_city=place.form if place.is_city else None,
            start=start,
            end=end,
            precision=when.precision if when else "day",
            status=status,
            met=[p.name for p in met],
            evidence=[sentence],
            last_day=last_day,
        )

    def _ends_the_visit(self, sentence: ArticleSentence, trigger: Token) -> bool:
        """Whether an end cue governs the visit told ("brought his visit to a close", "wrapped up the trip"): the
        verb it belongs to is the trigger or one above it, not a verb beside it ("arrived … and concluded a
        fisheries agreement")."""
        above = {trigger.i, *(t.i for t in trigger.ancestors)}
        for cue in self.catalog.patterns.end_cue.finditer(sentence.text):
            token = verb_at(trigger.doc, cue.start())
            if token is not None and token.i in above:
                return True
        return False

    def _occasion_dates(self, sentence: ArticleSentence, clause: Token) -> list[DateMention]:
        """ "will travel to Dar es Salaam for the Union Day, which is set for 26 April": a trip for an occasion is
        when the occasion is, as the clause describing it says (not a place's or a person's clause: "to Lusaka,
        which he last saw in 2019")."""
        for token in clause.subtree:
            occasion = token.head
            # the occasion is what the trip is for ("for the Union Day") or what it goes to do ("to attend the
            # summit"), right under the clause
            purpose = ((occasion.dep_ == "pobj" and occasion.head.lower_ == "for" and occasion.head.head == clause)
                       or (occasion.dep_ == "dobj" and occasion.head.dep_ in {"xcomp", "advcl"}
                           and occasion.head.head == clause))
            if (token.dep_ == "relcl" and purpose and occasion.i < token.i
                    and occasion.lemma_.casefold() not in self.catalog.visit_nouns  # the trip's own: arrivals.py
                    and sentence.place_at(occasion.idx) is None and occasion.ent_type_ != "PERSON"
                    and (dates := clause_dates(sentence, token))):
                return dates
        return []

    def _programme_day(self, sentence: ArticleSentence) -> DateMention | None:
        """The day a list item sits under when the line above the list is a heading that names it ("The
        programme (Tuesday)"), not a sentence ("… held talks on Tuesday. Highlights:")."""
        if not sentence.list_item:
            return None
        heading = next((s for s in reversed(self.article.sentences[:sentence.index]) if not s.list_item), None)
        if heading is None or heading.text.rstrip().endswith((".", "!", "?", ":")):
            return None
        days = _days_told(heading)
        return days[-1] if days else None

    def _recent_day(self, sentence: ArticleSentence) -> DateMention | None:
        """An undated clause in a report happens on the last day the article has named so far (the
        dateline's "on Thursday"), as a reader takes it, and the headline on the lead's first day; None when
        no such sentence names a day. An item of a list tells its own matter ("- The toll applies from 1st
        July"): its day dates nothing after it."""
        for earlier in reversed(self.article.sentences[: sentence.index + 1]):
            if earlier.list_item and earlier is not sentence:
                continue
            if days := _days_told(earlier):
                return days[-1]
        if sentence.index == 0:
            # A headline tells the lead's news: "Vučić heads cabinet team to Budapest" is the lead's "today".
            for lead in self.article.sentences[1:_LEAD_SENTENCES + 1]:
                if (days := _days_told(lead)) and not _only_a_date(lead, days):
                    return days[0]
        return None

    def _status(self, clause: Token, trigger: Token, when: DateMention | None) -> VisitStatus:
        # "The plan was agreed at talks in X": the subject of a clause the meeting is only a circumstance of
        # ("at", "during") tells of what was agreed, not of the talks; "Plans include talks in X" are planned.
        circumstance = trigger.dep_ == "pobj"
        governing = [clause, trigger, *(c for c in clause.children
                                        if not (circumstance and c.dep_ in SUBJECT_DEPS)),
                     *trigger.children, *trigger.ancestors]
        lemmas = {t.lemma_.casefold() for t in governing} | {t.lower_ for t in governing}
        if lemmas & self.catalog.cancel_lemmas or (lemmas & self.catalog.cancel_with_off_lemmas
                                                   and any(t.lower_ == "off" for t in clause.subtree)):
            return "cancelled"
        if any(c.lower_ == "longer" and any(n.lower_ == "no" for n in c.children) for c in clause.children):
            return "cancelled"  # "will no longer travel to Colombia": a trip that was planned is off
        # "arranging a visit", "to arrange a visit": a plan being made ("a visit arranged by X" happened)
        ongoing = any(t.lemma_.casefold() in self.catalog.plan_lemmas_while_ongoing
                      and (t.tag_ == "VBG" or any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children))
                      for t in governing)
        # "asked Tarrant to come back to Veloria": a trip asked for is still to come
        # (the trip itself: "urged investors to back the port during his visit" tells a visit made)
        asked = (clause.dep_ == "xcomp" and clause.head.lemma_.casefold() in self.catalog.request_lemmas
                 and (trigger.i == clause.i or (trigger.dep_ == "dobj" and trigger.head.i == clause.i)))
        future = (asked or any(c.lower_ in _FUTURE_AUX for c in clause.children) or bool(lemmas & self.catalog.plan_lemmas)
                  or ongoing or _present_tense_weekday(clause, when) or _headline_infinitive(clause))
        published = self.article.published
        if future or (when is not None and published is not None and when.date > published):
            return "planned"
        return "completed"

    # -- one visit per visitor and destination -----------------------------------------------------------

    def _merge(self, draft: ClauseDraft) -> None:
        for kept in self.drafts:
            if kept.visitor != draft.visitor or kept.destination_country != draft.destination_country:
                continue
            if _days_of_one_trip(kept, draft):
                # "arrived in the Panamanian capital on Thursday" … "on Friday, Mulino received him": one trip
                kept.start, kept.end = _days_spanned(kept, draft)
            elif same_time(kept.start, kept.end, kept.precision, draft.start, draft.end, draft.precision):
                if kept.start is None or (draft.start is not None and finer_precision(draft.precision, kept.precision)):
                    kept.start, kept.end, kept.precision = draft.start, draft.end, draft.precision
            else:
                continue
            kept.destination_city = kept.destination_city or draft.destination_city
            kept.met += [m for m in draft.met if m not in kept.met]
            if draft.status == "completed" and kept.status == "planned" and draft.start is not None:
                kept.status = "completed"
            kept.evidence += [e for e in draft.evidence if e not in kept.evidence]
            return
        self.drafts.append(draft)

    def _finish(self, draft: ClauseDraft) -> Visit:
        return Visit(
            visitor=draft.visitor,
            visitor_country=draft.visitor_country,
            destination_country=draft.destination_country,
            destination_city=draft.destination_city,
            start=draft.start,
            end=draft.end,
            met=tuple(draft.met),
            status=draft.status,
            evidence=tuple(s.evidence for s in draft.evidence),
            precision=draft.precision,
        )


def one_word_title_heads(catalog: ExtractionCatalog) -> frozenset[str]:
    """The one-word heads of an office ("minister", "sultan"): what a style or a group of officials is
    called by ("Sultan Haitham", "the two Japanese ministers")."""
    return frozenset(h.casefold() for h in own_title_heads(catalog) if " " not in h)


def _members(people: Sequence[PersonMention], person: PersonMention) -> list[PersonMention]:
    """The person, and when they are one of a group told by its title ("the two Japanese ministers"), the
    group's other members, who stand at the same words."""
    return [person, *(p for p in people if (p.start, p.end) == (person.start, person.end) and p != person)]


def _clause_told_after(noun: Token) -> Token | None:
    """ "the State Visit that President Hassan made to Zambia": a clause whose "that"/"which" comes right after
    the noun describes it, even where the parser hung the clause elsewhere."""
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if following is None or following.lower_ not in {"that", "which"} or following.dep_ not in {"mark", "nsubj",
                                                                                                 "dobj"}:
        return None
    clause = following.head
    return clause if clause.pos_ in VERB_POS and clause.i > noun.i else None


def _governing_verb(token: Token) -> Token | None:
    for ancestor in token.ancestors:
        if ancestor.pos_ in VERB_POS:
            return ancestor
    return None


def clause_root(token: Token) -> Token:
    """The verb whose clause holds the token (the token itself when it is a verb)."""
    if token.pos_ in VERB_POS:
        return token
    return _governing_verb(token) or token


def clause_dates(sentence: ArticleSentence, clause: Token) -> list[DateMention]:
    """The dates a clause itself states: inside its words, not framing ("since …") and not in a clause nested
    in it, whose dates are that clause's."""
    low, high = _char_range(clause)
    inner = _nested_clause_ranges(clause)
    return [d for d in sentence.dates_after_dateline
            if low <= d.start < high and not d.framing and not any(a <= d.start < b for a, b in inner)]


def _char_range(token: Token) -> tuple[int, int]:
    tokens = list(token.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _departure(verb: Token, lemmas: frozenset[str]) -> bool:
    """A verb of setting off, alone ("leaves") or with its particle ("is setting off for", "set out for")."""
    lemma = verb.lemma_.casefold()
    return lemma in lemmas or any(f"{lemma} {c.lower_}" in lemmas for c in verb.children if c.dep_ == "prt")


def _sets_off_for(verb: Token) -> bool:
    """ "leaves for Rome": "for" hangs on the verb itself, which has no object ("left the door open for
    Quintara", "left a gift for the Quintaran people", "set out for reporters why the talks failed" set off
    for nowhere) and tells what someone does, not what a thing is ("the targets set out for Quintara")."""
    children = list(verb.children)
    return (verb.dep_ not in _DESCRIBING_DEPS
            and any(c.dep_ == "prep" and c.lower_ in _SETTING_OFF for c in children)
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "oprd") or _told_clause(c) for c in children))


def _told_clause(child: Token) -> bool:
    """A clause a verb tells ("set out for reporters why the talks failed"), not the trip's purpose ("leaves
    for Rome to inspect the markets", whose clause is an infinitive)."""
    return child.dep_ == "advcl" and not any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)


# A verb that describes a noun ("the targets set out for …", "the funds left for …") is no one's act.
_DESCRIBING_DEPS = frozenset({"acl", "relcl", "amod"})


def _present_tense_weekday(clause: Token, when: DateMention | None) -> bool:
    """News tells the coming days in the present: "Anwar starts a visit on Monday", "the minister leaves for
    Rome on Friday". A weekday in a present-tense clause is this week's or the next, never a past one; but a
    photo caption tells in the present what the picture shows, which is past ("X and Y raise a toast on
    Thursday night. — Picture: …")."""
    return (when is not None and when.relative and names_a_weekday(when) and clause.tag_ in _PRESENT_TAGS
            and not any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in clause.children)
            and not _CAPTION.search(clause.doc.text))


# What marks a sentence as a photo's caption: its opening ("Photo caption:", "Pictured:") or its credit.
_CAPTION = re.compile(r"^\W*(?:photo\s+caption|caption|pictured|photo|picture|image)\s*:"
                      r"|[(|—–-]\s*(?:photo|picture|image)(?:\s+credit)?\s*:", re.IGNORECASE)


def _only_a_date(sentence: ArticleSentence, days: Sequence[DateMention]) -> bool:
    """A stamp line ("Thursday, February 5, 2026", "Updated: 5 Feb 2026") dates the report, not its news."""
    text = sentence.text
    for day in days:
        text = text.replace(sentence.text[day.start:day.end], " ")
    return len(re.findall(r"[^\W\d_]+", text)) <= _STAMP_WORDS


def _days_told(sentence: ArticleSentence) -> list[DateMention]:
    """The days a sentence itself names (not framing ones, "since March 3")."""
    return [d for d in sentence.dates if d.precision == "day" and not d.framing]


def _headline_infinitive(clause: Token) -> bool:
    """Headlines tell what is coming with a bare infinitive: "Vietnam's PM Phuc to visit China". An infinitive
    that no finite verb governs ("agreed to visit" is governed) is planned."""
    return (any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
            and clause.dep_ not in {"xcomp", "advcl", "ccomp", "pcomp"}
            and not any(a.pos_ in VERB_POS and a.tag_ not in {"TO", "VB"} for a in clause.ancestors))


def _country_only(country: str) -> PlaceMention:
    """A destination the text gives only as a country, through the people there (a host's, the other side's)."""
    return PlaceMention(0, 0, country, country, False, False)


def _topic(doc: Doc, token: Token) -> bool:
    """Whether a person's last word makes them what the sentence is about: a clause's subject, the owner of a
    subject or of what the sentence says something is ("Sisi's visit began …", "This is Sisi's fifth visit"), or
    a person a line with no verb names ("A: Cambodian Prime Minister Hun Manet.")."""
    if token.dep_ in SUBJECT_DEPS or (token.dep_ == "poss" and token.head.dep_ in {*SUBJECT_DEPS, "attr"}):
        return True
    # a sentence only tokenised (nothing in it needed the parse) has no parts of speech to tell
    return doc.has_annotation("POS") and not any(t.pos_ in VERB_POS for t in doc)


def _named_in_conjoined_title(name: Token) -> bool:
    """ "X, and Inspector General of Police Y visited": the parser may join the title ("General") to X and hang
    Y under its "of" phrase; Y is still the second doer."""
    current = name
    while current.dep_ in {"pobj", "prep", "compound"} and current.head.i != current.i:
        if current.dep_ == "prep" and current.lower_ != "of":
            return False
        current = current.head
    return current.i != name.i and current.dep_ == "conj"


def _under_place_preposition(
    token: Token, trigger: Token, prepositions: frozenset[str] = _PLACE_PREPOSITIONS, *,
    through_preposition: bool = False,
) -> bool:
    """A place directly after the trigger ("visited India", unless `through_preposition`) or under "to/in/at …"
    below it, not "from …"."""
    current = token
    placed = False  # whether a preposition of place has been passed on the way up
    # whether another preposition's object has: "meetings with the leaders of Samoa" puts nobody in Samoa
    elsewhere = False
    while current.i != trigger.i:
        # "sat down with Colombia's President Petro in Bogotá": the parser may hang the place on the person met.
        met_there = current.head.lower_ == "with" and current.head.head.i == trigger.i
        # "co-chaired the session of the commission in Lusaka", "spoke after his talks in Manila": a preposition
        # that ties the trigger to an event may stand between them; the place's own has to be one of place.
        linked = current.i != token.i and current.head.lower_ in _EVENT_LINKS
        if current.dep_ in SUBJECT_DEPS and not placed:
            # "an accord binding A and B was signed in C": what the subject names is not where it happened (but
            # "the ceremony in C was attended by" is)
            return False
        if current.i != token.i and _another_predicate(current, trigger):
            # "his first visit since …, a deal that alarmed the United States", "arrived on Wednesday and left
            # for St Vincent": a place told by another verb is where that verb went
            return False
        placed = placed or (current.dep_ == "pobj" and current.head.lower_ in prepositions)
        toured = _toured(current, trigger)
        if current.dep_ == "pobj" and current.head.lower_ not in prepositions and not toured:
            if not met_there and not linked:
                return False
            elsewhere = True
        if current.head.i == current.i:
            return False
        current = current.head
    return placed or not (through_preposition or elsewhere)


def _another_predicate(token: Token, trigger: Token) -> bool:
    """A verb that tells something else: one joined to the clause's verb ("arrived and left for …") or one
    describing a noun other than the trigger ("…, a deal that alarmed the United States"; but "the visit, which
    took him to Paris"). A clause with a subject of its own may still tell the trip ("after the two men
    co-chaired the session in Beirut")."""
    if token.pos_ not in VERB_POS:
        return False
    return token.dep_ == "conj" or (token.dep_ in {"relcl", "acl"} and token.head.i != trigger.i)


def _topic_of_a_noun(place: Token) -> bool:
    """A country under "on" that hangs on a noun ("a summit on X") is the subject matter; an island or city
    ("a retreat on Zanzibar") is still a place."""
    return place.dep_ == "pobj" and place.head.lower_ == "on" and place.head.head.pos_ in {"NOUN", "PROPN"}


def _toured(place: Token, trigger: Token) -> bool:
    """ "a three-day tour of Quintara": "of" names where a visit noun went, unless the place owns what follows
    ("the visit of Kenya's president")."""
    return (place.head.lower_ == "of" and place.head.head.i == trigger.i and trigger.pos_ == "NOUN"
            and not any(child.dep_ == "case" for child in place.children))


def _nested_clause_ranges(clause: Token) -> list[tuple[int, int]]:
    """Character ranges of clauses inside this one ("since he took office in 2021"), whose dates are theirs, and
    of phrases that count from another event ("his first since his re-election in March 2018")."""
    return [_char_range(t) for t in clause.subtree if t.i != clause.i and (
        t.dep_ in {"advcl", "relcl", "ccomp"} or (t.dep_ == "prep" and t.lower_ == "since"))]


def inside_place(token: Token, place: PlaceMention) -> bool:
    """Whether the token hangs from another word of the same place: "New" in "New Zealand". A place of several
    words is read once, at its head word."""
    return token.head.i != token.i and place.start <= token.head.idx < place.end


def listed_with(sentence: ArticleSentence, place: PlaceMention) -> list[PlaceMention]:
    """The places written in one list with this one ("Oman, the UAE, Qatar and Kuwait"), in either direction;
    a place not joined by commas or "and" alone ("Oman in May and Qatar in June") ends the list."""
    places = sorted((p for p in sentence.places if not p.possessive), key=lambda p: p.start)
    at = next((i for i, p in enumerate(places) if p.start == place.start), None)
    if at is None:
        return []
    found: list[PlaceMention] = []
    for step in (1, -1):
        current = at
        while 0 <= current + step < len(places):
            a, b = sorted((places[current], places[current + step]), key=lambda p: p.start)
            if not _LIST_GAP.fullmatch(sentence.text[a.end:b.start]):
                break
            current += step
            found.append(places[current])
    return found


def same_time(a: date | None, a_end: date | None, a_precision: DatePrecision,
               b: date | None, b_end: date | None, b_precision: DatePrecision) -> bool:
    """Two mentions can be one trip unless their dates cannot overlap (a visit in June 2018 and one on
    9 December 2020 are two trips; "on April 16-17" and "on April 17", or "in December 2020" and "on
    9 December", are one)."""
    if a is None or b is None:
        return True
    return a <= (b_end or period_end(b, b_precision)) and b <= (a_end or period_end(a, a_precision))


def _days_of_one_trip(a: ClauseDraft, b: ClauseDraft) -> bool:
    """Two single days of one stay: each told as one day, at most TRIP_DAYS_APART apart (an arrival on Thursday
    and talks on Friday), or up to MAX_VISIT_DAYS when the later one is told as the stay's end, where their
    dates do not already overlap. Two cities are two stops, and a stop still
    to come ("on Wednesday Lapid is due in Dubai") is told apart from the days already spent."""
    first, second = _one_day(a), _one_day(b)
    if first is None or second is None or a.status != b.status:
        return False
    if a.destination_city and b.destination_city and a.destination_city != b.destination_city:
        return False
    # a day told as the stay's end reaches back to any earlier day of it ("arrived on 27 February" … "brought
    # the visit to a close on Wednesday")
    ending_later = (b.last_day and second > first) or (a.last_day and first > second)
    return 0 < abs((second - first).days) <= (MAX_VISIT_DAYS if ending_later else TRIP_DAYS_APART)


def _one_day(draft: ClauseDraft) -> date | None:
    """The draft's day, when it is told as one day."""
    if draft.start is None or draft.precision != "day" or draft.end not in (None, draft.start):
        return None
    return draft.start


def _days_spanned(a: ClauseDraft, b: ClauseDraft) -> tuple[date | None, date | None]:
    """The first and last of two single days (`_days_of_one_trip`)."""
    days = sorted(d for d in (a.start, b.start) if d is not None)
    return days[0], days[-1]


def best_date(dates: list[DateMention]) -> DateMention | None:
    return min(dates, key=lambda d: (PRECISION_ORDER[d.precision], d.start), default=None)


def merge_visits(rule_visits: Sequence[Visit], clause_visits: Sequence[Visit]) -> tuple[Visit, ...]:
    """The rule-based visits, corrected by the clause reading: a clause visit the rules missed is added; where
    both found the same trip (same visitor and destination, at the same time or told in the same sentence), a
    finer date from the clause (read from the visit's own clause, not a nested "since ...") and its city
    win, and the rules' other copies of that trip are dropped."""
    merged: list[Visit] = []
    used: set[int] = set()
    for kept in rule_visits:
        match = next(
            (i for i, found in enumerate(clause_visits)
             if (normalise_name(found.visitor), found.destination_country)
             == (normalise_name(kept.visitor), kept.destination_country)
             and (same_time(found.start, found.end, found.precision, kept.start, kept.end, kept.precision)
                  or set(found.evidence) & set(kept.evidence))),
            None,
        )
        if match is None:
            merged.append(kept)
            continue
        if match in used:
            continue
        used.add(match)
        found = clause_visits[match]
        # the clause's tense corrects the rules' ("starts a visit on Monday": next Monday, not last)
        retensed = found.status == "planned" and kept.status == "completed" and found.precision == kept.precision
        # and the clause that calls the trip off tells its status ("will no longer travel to Colombia")
        called_off = (found.status == "cancelled" and kept.status != "cancelled"
                      and bool(set(found.evidence) & set(kept.evidence)))
        dated = found.start is not None and (kept.start is None or finer_precision(found.precision, kept.precision)
                                             or retensed)
        merged.append(
            replace(
                kept,
                start=found.start if dated else kept.start,
                # the clause may know more days of the same stay ("arrived on Monday … on Tuesday, received her")
                end=found.end if dated else kept.end or (found.end if _days_added(kept, found) else None),
                precision=found.precision if dated else kept.precision,
                status=found.status if retensed or called_off else kept.status,
                destination_city=found.destination_city or kept.destination_city,
                met=kept.met + tuple(m for m in found.met if m not in kept.met),
            )
        )
    merged += [v for i, v in enumerate(clause_visits) if i not in used]
    return tuple(merged)


def _days_added(kept: Visit, found: Visit) -> bool:
    """Whether the clause reading dates the same first day to the day and adds at most TRIP_DAYS_APART days of
    the stay, not a week read from "next week"."""
    return (kept.precision == found.precision == "day" and found.start == kept.start and found.end is not None
            and found.start is not None and (found.end - found.start).days <= TRIP_DAYS_APART)


def dated_by_report(visits: Sequence[Visit], published: date | None) -> tuple[Visit, ...]:
    """A trip the article reports as happening but never dates ("Katz met Modi during his visit") happened in
    the month of the report; only the month is claimed. One whose arrival it tells as it happens ("has landed in
    Asmara", "arrives in Hanoi", "landed in Quito this morning") began on the day of the report. Being there
    ("is on a three-day visit") tells no first day."""
    if published is None:
        return tuple(visits)
    return tuple(
        v if v.start is not None or v.status != "completed"
        else replace(v, start=published, precision="day" if _arrival_told_as_it_happens(v) else "month")
        for v in visits
    )


# An arrival in the present perfect or the present, at a named place, or one told with "today"/"this morning".
_ARRIVING_NOW = re.compile(
    r"\b(?:(?:has|have)\s+(?:just\s+)?(?:arrived|landed|touched\s+down)|arrives|lands)\s+(?:in|at)\s+(?-i:[A-Z])"
    r"|\b(?:arrived|landed|touched\s+down)\s+(?:in|at)\s+(?-i:[A-Z])[^.;]{0,40}?\b(?:today|this\s+morning)\b",
    re.IGNORECASE)


def _arrival_told_as_it_happens(visit: Visit) -> bool:
    """Whether a sentence telling of the visit tells the arrival as news of the day."""
    return any(_ARRIVING_NOW.search(e.sentence) for e in visit.evidence)
