"""Visits told as taking part in a meeting held abroad. A report of a bilateral meeting says once where it met
("the 6th session ... in Lusaka", a dateline "MANAMA -", "hosted in the Peruvian city of Tumbes") and then, often
in another sentence, who chaired it, led a side, attended or signed ("The session was co-chaired by India's Joint
Secretary ..."). Whoever of another country took part travelled to the venue's country.

The grammar is spaCy's dependency parse; the people, their countries, dates and the merging of one trip's
mentions are the clause reader's (bot/facts/visit_clauses.py), so a trip told both ways is one visit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, PlaceMention
from bot.facts.catalog import is_resident
from bot.facts.dates import DateMention
from bot.facts.model import Visit
from bot.facts.visit_clauses import (
    ClauseDraft,
    ClauseVisitFinder,
    PersonMention,
    best_date,
    clause_dates,
    clause_root,
    inside_place,
)
from bot.language.parser import SUBJECT_DEPS, VERB_POS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Prepositions that give a meeting's venue ("talks in Astana", "the summit at Faro").
_VENUE_PREPOSITIONS = frozenset({"in", "at"})
# Parts of a doer's phrase that name someone else: "X, who met Y", "X, accompanied by Y".
_NOT_DOERS = frozenset({"relcl", "acl", "advcl", "ccomp"})
# Verbs that are taking part in a meeting by themselves, whatever their object ("co-chaired", "attended").
_MEETING_VERBS = frozenset({"chair", "co-chair", "preside", "attend", "participate"})
# Prepositions that join a meeting's or a signing's other partners to it ("with Y", "between X and Y").
_PARTNER_PREPOSITIONS = frozenset({"with", "between"})
# Verbs whose object is the partner met ("X met Y in Quito"), as much as a "with" is.
_PARTNER_OBJECT_VERBS = frozenset({"meet"})
# A fact box's field: its label, a colon, then its value ("Place: Bintan, Indonesia"), also as a list item.
_FIELD = re.compile(r"\s*(?:[-*•]\s+)?([A-Za-z][A-Za-z ]{1,30}?)\s*:\s+")
# How many lines apart a fact box's fields may stand and still be one box's.
_BOX_LINES = 6
# How far up a clause's verbs a doer is looked for ("agreed to co-chair", "arrived and co-chaired").
_CLIMB = 4


@dataclass(frozen=True)
class Venue:
    """Where one of the article's meetings met, and the day its sentence gives for it."""

    place: PlaceMention
    sentence: int
    when: DateMention | None


class VenueVisitFinder(ClauseVisitFinder):
    """Finds the article's venues, then everyone of another country who took part in a meeting there."""

    def find(self) -> tuple[Visit, ...]:
        venues = self.venues()
        # A venue stands for a clause that names none only when the article's meetings all met in one country.
        # (the one told with its day, if any: a fact box's "Where:" line gives no day)
        elsewhere = (next((v for v in venues if v.when is not None), venues[0])
                     if len({v.place.country for v in venues}) == 1 else None)
        for sentence, doc in zip(self.article.sentences, self.docs, strict=True):
            if any(t.lower_ in self.catalog.remote_words for t in doc):
                continue
            people = self.people(sentence, doc)
            if not people:
                continue
            if self._field(sentence, self.catalog.participant_fields) is not None:
                for draft in self._box_trips(sentence, doc, people, venues):
                    self._merge(draft)
                continue
            for draft in self._taking_part(sentence, doc, people, elsewhere):
                self._merge(draft)
        return tuple(self._finish(d) for d in self.drafts)

    def _box_trips(self, sentence: ArticleSentence, doc: Doc, people: list[PersonMention],
                   venues: list[Venue]) -> Iterator[ClauseDraft]:
        """"Leaders: Prime Minister X (Singapore) and President Y (Indonesia)" under "Place: Bintan, Indonesia":
        everyone the box lists took part in the meeting its venue field places, so whoever of another country
        travelled there and met those of the venue's."""
        # the venue field of the same box: the nearest one, a few lines away at most
        boxed = [v for v in venues if abs(v.sentence - sentence.index) <= _BOX_LINES
                 and self._field(self.article.sentences[v.sentence], self.catalog.venue_fields) is not None]
        venue = min(boxed, key=lambda v: abs(v.sentence - sentence.index), default=None)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if venue is None or root is None:
            return
        first, last = sorted((venue.sentence, sentence.index))
        lines = slice(max(0, first - _BOX_LINES), last + _BOX_LINES + 1)
        box = list(zip(self.article.sentences[lines], self.docs[lines], strict=True))
        if any(t.lower_ in self.catalog.remote_words for _, d in box for t in d):
            return  # "Format: telephone call": a meeting nobody travelled to
        # the hosts: those of the venue's country this field or another participants field of the box names
        # ("Host: Prime Minister X" over "Visitors: Prime Minister Y")
        fields = [(s, d) for s, d in box
                  if s.index != sentence.index and self._field(s, self.catalog.participant_fields) is not None]
        named = people + [p for s, d in fields for p in self.people(s, d)]
        hosts = list({p.name: p for p in named if p.country == venue.place.country}.values())
        # a box is dated by its own date field, never by the day the prose above it last named
        own_day = bool(clause_dates(sentence, root))
        day = None if own_day else best_date([d for s, _ in box if self._field(s, self.catalog.date_fields) is not None
                                              for d in s.dates])
        for visitor in people:
            if (visitor.country is None or visitor.country == venue.place.country
                    or is_resident(self.titles.get(visitor.name, ()), self.catalog)):
                continue
            draft = self._draft(sentence, root, visitor, venue.place, hosts)
            draft.evidence.append(self.article.sentences[venue.sentence])  # where the trip went is told there
            if not own_day:
                draft.start, draft.end = (day.date, day.end_date) if day is not None else (None, None)
                draft.precision = day.precision if day is not None else "day"
            yield draft

    def _field(self, sentence: ArticleSentence, labels: frozenset[str]) -> int | None:
        """Where a fact box's field of one of these labels begins its value ("Place: Bintan" → at "Bintan"); a
        label the reader set apart as a line's speaker ("Place:") gives its value the next sentence, whole."""
        field = _FIELD.match(sentence.text)
        if field is not None and field.end() < len(sentence.text):
            return field.end() if field.group(1).casefold() in labels else None
        before = self.article.sentences[sentence.index - 1] if sentence.index else None
        label = _FIELD.fullmatch(before.text + " ") if before is not None and before.paragraph == sentence.paragraph \
            else None
        return 0 if label is not None and label.group(1).casefold() in labels else None

    # -- where the meetings met -----------------------------------------------------------------------------

    def venues(self) -> list[Venue]:
        found: list[Venue] = []
        for sentence, doc in zip(self.article.sentences, self.docs, strict=True):
            for place, clause in self._venues_in(sentence, doc):
                when = best_date([d for d in clause_dates(sentence, clause) if d.start >= sentence.dateline_end])
                if self._status(clause, clause, when) == "completed":
                    # "the next meeting is expected to be held in Lumenhal in 2027" is where nobody has been yet
                    found.append(Venue(place, sentence.index, when))
        return found

    def _venues_in(self, sentence: ArticleSentence, doc: Doc) -> Iterator[tuple[PlaceMention, Token]]:
        value = self._field(sentence, self.catalog.venue_fields)
        if value is not None:
            # "Place: Iwaki City, Fukushima Prefecture": a fact box's venue is the first place its value names, of
            # the report's countries if it names one ("Venue: Belém Palace, Lisbon": the palace's name is no city)
            in_value = [p for p in sentence.places if p.start >= value and p.country]
            place = next((p for p in in_value if p.country in self.article.countries), next(iter(in_value), None))
            root = next((t for t in doc if t.dep_ == "ROOT"), None)
            if place is not None and root is not None:
                yield place, root
            return
        named = False
        for token in doc:
            place = self._place_at(sentence, token)
            if place is None or place.possessive or token.dep_ != "pobj" or token.head.lower_ not in _VENUE_PREPOSITIONS:
                continue
            if inside_place(token, place):
                continue
            meeting = self._meeting_above(token.head.head)
            if meeting is not None:
                named = True
                yield place, clause_root(meeting)
        if not named and sentence.dateline_place is not None and self._tells_a_meeting(doc):
            # "AMMAN - Jordan and Egypt wrapped up the 33rd session ...": a wire report is filed where it met.
            root = next((t for t in doc if t.dep_ == "ROOT"), None)
            if root is not None:
                yield sentence.dateline_place, clause_root(root)

    def _meeting_above(self, token: Token) -> Token | None:
        """The meeting a venue's preposition belongs to: a meeting noun ("the session in Lusaka", "the session of
        the commission in Lusaka"), or a verb of meeting or one whose clause names a meeting ("met in
        Ulaanbaatar", "the session took place in Accra")."""
        current = token
        for _ in range(_CLIMB):
            if self._is_meeting_noun(current):
                return current
            if current.pos_ in VERB_POS:
                if current.lemma_.casefold() in self.catalog.taking_part_lemmas or any(
                        self._is_meeting_noun(c) for c in current.children if c.dep_ in {*SUBJECT_DEPS, "dobj"}):
                    return current
                return None
            if current.head.i == current.i or not (current.dep_ in {"pobj", "prep", "conj", "compound", "appos"}
                                                   or current.head.lower_ == "of"):
                return None
            current = current.head
        return None

    def _is_meeting_noun(self, token: Token) -> bool:
        if token.pos_ not in {"NOUN", "PROPN"}:
            return False
        lemma = token.lemma_.casefold()
        compound = " ".join(t.lower_ for t in token.lefts if t.dep_ == "compound")
        return lemma in self.catalog.venue_nouns or f"{compound} {lemma}".strip() in self.catalog.venue_nouns or (
            lemma.removesuffix("s") in self.catalog.venue_nouns)

    def _tells_a_meeting(self, doc: Doc) -> bool:
        return any(self._is_meeting_noun(t) and t.dep_ in {*SUBJECT_DEPS, "dobj", "pobj"} for t in doc)

    # -- who took part ------------------------------------------------------------------------------------------

    def _taking_part(self, sentence: ArticleSentence, doc: Doc, people: list[PersonMention],
                     elsewhere: Venue | None) -> Iterator[ClauseDraft]:
        for trigger in doc:
            if trigger.pos_ in VERB_POS and trigger.lemma_.casefold() in self.catalog.taking_part_lemmas:
                doers = self._doers(people, trigger)
                about_a_meeting = self._about_a_meeting(trigger)
            elif self._is_meeting_noun(trigger):
                # "X held talks with Y": whoever holds the meeting takes part in it
                held = (trigger.dep_ == "dobj" and trigger.head.pos_ in VERB_POS
                        and trigger.head.lemma_.casefold() in self.catalog.taking_part_lemmas)
                doers, about_a_meeting = (self._doers(people, trigger.head) if held else []), True
            else:
                continue
            # "X signed the document with Y in Jakarta", "a meeting in Suva between X and Y": whoever it was
            # held with took part too
            partners = [p for p in self._partners(people, trigger) if p not in doers]
            yield from self._trips_to_the_venue(sentence, trigger, doers, partners,
                                                elsewhere if about_a_meeting else None)

    def _trips_to_the_venue(self, sentence: ArticleSentence, trigger: Token, doers: list[PersonMention],
                            partners: list[PersonMention], elsewhere: Venue | None) -> Iterator[ClauseDraft]:
        """The trip of each one taking part who comes from another country than where the clause (or, for a
        clause about a meeting that names no place, the article's one venue) puts them. A partner travelled
        only to meet someone of that country: "the Sultan signed it in Dubai with Sheikh X" takes nobody to
        Dubai but the Sultan, whatever country X was wrongly given."""
        taking_part = [*doers, *partners]
        own_dates = clause_dates(sentence, clause_root(trigger)) if taking_part else []
        for visitor in taking_part:
            if visitor.country is None or is_resident(self.titles.get(visitor.name, ()), self.catalog):
                continue
            at_home = self._placed(sentence, trigger, replace(visitor, country=None))
            if at_home is not None and at_home.country == visitor.country:
                continue  # "Biden held talks in the Vietnamese capital with Trong": Trong travelled nowhere
            place = self._placed(sentence, trigger, visitor)
            # a partner is placed by the clause itself, never by the article's one venue: "a meeting between X and
            # his counterpart Y, who is visiting X's country", "Y later held a call with Z" put nobody there
            venue = elsewhere if place is None and visitor not in partners else None
            place = venue.place if venue is not None else place
            if place is None or visitor.country == place.country:
                continue
            if visitor in partners and not any(p.country == place.country for p in taking_part if p != visitor):
                continue
            # whoever of the place's country took part is whom the visitor met there (a trip still to come
            # has met nobody yet)
            draft = self._draft(sentence, trigger, visitor, place,
                                [p for p in taking_part if p != visitor and p.country == place.country])
            if draft.status != "completed":
                draft = replace(draft, met=[])
            if not own_dates and venue is not None and venue.when is not None and draft.status == "completed":
                # dated where the venue is told, and cited there too: the timeline's line for the meeting
                # is this trip, not a second line on the same day
                draft = replace(draft, start=venue.when.date, end=venue.when.end_date,
                                precision=venue.when.precision,
                                evidence=[self.article.sentences[venue.sentence], *draft.evidence])
            yield draft

    def _placed(self, sentence: ArticleSentence, trigger: Token, person: PersonMention) -> PlaceMention | None:
        """Where the clause puts a person: under its verb, or for a meeting held ("held talks with Y in Seoul"),
        under the meeting noun or the verb that holds it (never the person's own country, unless `person` is
        given no country)."""
        place = self._destination(sentence, trigger, person)
        if place is None and trigger.pos_ not in VERB_POS and trigger.dep_ == "dobj":
            place = self._destination(sentence, trigger.head, person)
        return place

    def _partners(self, people: list[PersonMention], trigger: Token) -> list[PersonMention]:
        """The people a meeting or signing is held "with" or "between" ("signed it with Y", "a meeting between X
        and Y"), or who were met ("X met Y in Quito"): they take part as much as its subject does."""
        objects = [c for c in trigger.children if c.dep_ == "dobj"]
        met = objects if trigger.pos_ in VERB_POS and trigger.lemma_.casefold() in _PARTNER_OBJECT_VERBS else []
        # "signed the accord with Y": the parser may hang the partner on what was signed
        prepositions = [c for head in (trigger, *objects) for c in head.children if c.dep_ == "prep"]
        # "a meeting in Suva between X and Y": the parser may hang the partners on the venue
        prepositions += [c for p in prepositions if p.lower_ in _VENUE_PREPOSITIONS
                         for venue in p.children if venue.dep_ == "pobj" for c in venue.children if c.dep_ == "prep"]
        phrases = [*met, *(g for p in prepositions if p.lower_ in _PARTNER_PREPOSITIONS
                           for g in p.children if g.dep_ == "pobj")]
        found: list[PersonMention] = []
        for token in (t for phrase in phrases for t in (phrase, *phrase.conjuncts)):
            found.extend(p for p in self._named_in(people, token) if p not in found)
        return found

    def _about_a_meeting(self, verb: Token) -> bool:
        """Whether a clause is about taking part in a meeting: its verb is one ("co-chaired", "attended") or it
        names one ("led the delegation to the session", "the session was chaired by")."""
        if verb.lemma_.casefold() in _MEETING_VERBS:
            return True
        return any(self._is_meeting_noun(t) for t in verb.subtree if t.dep_ in {*SUBJECT_DEPS, "dobj", "pobj"})

    def _doers(self, people: list[PersonMention], verb: Token) -> list[PersonMention]:
        """Everyone named in the phrase doing the verb: its subject or its passive's "by ..." phrase, with the
        people joined to them ("X and his Indian counterpart Y co-chaired"), not those of a clause inside it."""
        current = verb
        for _ in range(_CLIMB):
            agent = next((c for c in current.children if c.dep_ == "agent"), None)
            phrases = [g for g in agent.children if g.dep_ == "pobj"] if agent is not None else []
            phrases = phrases or [c for c in current.children if c.dep_ in SUBJECT_DEPS]
            if phrases:
                return [p for phrase in phrases for p in self._named_in(people, phrase)]
            if current.dep_ not in {"conj", "xcomp", "advcl", "acl"} or current.head.i == current.i:
                return []
            current = current.head
        return []

    def _named_in(self, people: list[PersonMention], phrase: Token) -> list[PersonMention]:
        """The people the phrase names; for a phrase that names nobody ("he"), whom it refers to."""
        inside = {t.i for t in phrase.subtree}
        for token in phrase.subtree:
            if token.dep_ in _NOT_DOERS and token.i != phrase.i:
                inside -= {t.i for t in token.subtree}
        named = [p for p in people if p.end - 1 in inside or _hangs_after(phrase.doc, p, inside)]
        referred = self._person_at(people, phrase) if not named else None
        return [referred] if referred is not None else named


def _hangs_after(doc: Doc, person: PersonMention, inside: set[int]) -> bool:
    """ "... by X and the Minister for Fisheries, Hon. Y": the parser may hang the name on the verb, apart from
    the title it follows; a name right after a phrase's last word (past commas and its own honorific) is in it."""
    before = person.start - 1
    while before >= 0 and (doc[before].is_punct or person.start <= doc[before].head.i < person.end):
        before -= 1
    return before >= 0 and before in inside and doc[person.end - 1].head.i not in inside
