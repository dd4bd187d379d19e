"""The two sides of a meeting: in a report on two countries, officials who meet, sign, co-chair or hold talks
with each other stand for the two countries. "Defence Secretary Ajay Kumar and the Director-General of
Israel's Ministry of Defence, Amir Eshel, co-chaired the session": Eshel is Israeli by the text, so Kumar,
whose country the text does not give, is of the other side, India. "Union Minister Piyush Goyal signed with
Dan Tehan, Australia's Minister": Goyal is of the side that is not Australia.

Who did what with whom is read from the dependency parse: the two people are the joint subject (or agents)
of a meeting verb, or its subject and its object. The country still comes from the text: a known side's
country, and the article's other one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.catalog import ExtractionCatalog, is_resident
from bot.facts.described_holders import titles_described
from bot.facts.model import Official, with_countries
from bot.facts.officials import NameIndex, is_relative_title, named_at
from bot.knowledge.text_terms import fold
from bot.language.parser import SUBJECT_DEPS, VERB_POS, verb_above

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs of welcoming a visitor: an envoy who does it is of the visitor's side.
_WELCOME_LEMMAS = frozenset({"receive", "welcome", "greet"})
# Links a name climbs to reach its verb: "X and Y", "the Director-General …, Eshel", "at a ceremony by X".
_CLIMB = frozenset({"conj", "appos", "compound", "nmod", "pobj", "prep", "dobj", "agent"})
_MAX_CLIMB = 10
_PRONOUNS = frozenset({"he", "she"})
# Words whose subject is also the subject of the verb they govern: "is due to meet", "was scheduled to sign".
_RAISING = frozenset({"due", "schedule", "set", "expect", "plan", "slate", "likely", "go"})


def countries_from_counterparts(officials: Sequence[Official], article: ArticleText, docs: Sequence[Doc],
                                names: NameIndex, catalog: ExtractionCatalog) -> list[Official]:
    """Officials with no country who meet one of known country take the article's other country."""
    if len(article.countries) != 2:
        return list(officials)
    country_of = {o.name: o.country for o in officials}
    envoys = {o.name for o in officials if is_resident(o.titles, catalog)}
    taken: dict[str, str] = {}
    subject: str | None = None  # whom the last sentence with a named subject was about
    for sentence, doc in zip(article.sentences, docs, strict=True):
        people = [(name, span.root) for name, span in names.spans_in(sentence.text, doc)]
        pairs = [(first, second) for (first, a), (second, b) in combinations(people, 2)
                 if first != second and _across(a, b, catalog.counterpart_lemmas)]
        # "Later in the day he held a meeting with President X": "he" is whom the sentences before were about,
        # unless the sentence named someone before it ("Marrick said he had met X")
        first_named = min((token.idx for _, token in people), default=len(sentence.text))
        pronouns = [t for t in doc if t.lower_ in _PRONOUNS and t.dep_ in SUBJECT_DEPS and t.idx < first_named]
        if subject is not None:
            pairs += [(subject, name) for name, b in people for t in pronouns
                      if name != subject and _across(t, b, catalog.counterpart_lemmas)]
        # an envoy welcomes their own side's visitors ("received on arrival by Malaysia's ambassador"), though
        # they sign with and call on the other's
        token_of = dict(reversed(people))
        pairs = [(a, b) for a, b in pairs
                 if not any(name in envoys and name in token_of and _welcomes(token_of[name]) for name in (a, b))]
        sides = [(country_of.get(first), second) for first, second in pairs]
        sides += [(country_of.get(second), first) for first, second in pairs]
        # "the Cape Verdean prime minister is received by X", "the Foreign Secretary will be received by X"
        sides += [(country, name) for token, country in _described(sentence, doc, people, officials, catalog)
                  for name, b in people if _across(token, b, catalog.counterpart_lemmas)]
        for side, unknown in sides:
            if side in article.countries and country_of.get(unknown) is None and unknown not in taken:
                taken[unknown] = next(c for c in article.countries if c != side)
        # "held talks with Croatian President X and with Prime Minister Y": the people met together are one side
        for (first, a), (second, b) in combinations(people, 2):
            if first != second and _met_together(a, b, catalog.counterpart_lemmas):
                for known, unknown in ((first, second), (second, first)):
                    if (country_of.get(known) in article.countries and country_of.get(unknown) is None
                            and unknown not in taken):
                        taken[unknown] = country_of[known]  # type: ignore[assignment]
        subject = _subject_after(doc, people, subject)
    return with_countries(officials, taken)


def _subject_after(doc: Doc, people: Sequence[tuple[str, Token]], subject: str | None) -> str | None:
    """Whom "he" refers to after this sentence: the named subject of its main verb when it names no one else;
    no one when it names others too ("X received Y": either may be "he" next); else still the one before."""
    main = _main_verb(doc)
    named = [name for name, token in people if main is not None and _verb_and_role(token) == (main, "subject")]
    if not named:
        return subject
    return named[0] if {name for name, _ in people} == {named[0]} else None


def _described(sentence: ArticleSentence, doc: Doc, people: Sequence[tuple[str, Token]],
               officials: Sequence[Official], catalog: ExtractionCatalog) -> list[tuple[Token, str]]:
    """(title word, country) for each official the sentence describes instead of naming: "the Cape Verdean
    prime minister" (of that country), "the Foreign Secretary" (the one official of the article with a
    country whose title that is). A title standing beside a name ("the President, X") names, not describes."""
    named = {t.i for _, root in people for t in root.subtree}
    found = []
    for word, before in titles_described(doc, named, catalog):
        # "the Cape Verdean prime minister", "the President of Quintara": the country inside the description
        whole = list(word.subtree)
        end = whole[-1].idx + len(whole[-1].text)
        places = [p.country for p in sentence.places if before[0].idx <= p.start < end and not p.is_city]
        if places:
            found.append((word, places[0]))
            continue
        title = fold(" ".join(t.text for t in before[1:]))
        holders = {o.country for o in officials if o.country and any(fold(t) == title for t in o.titles)}
        if len(holders) == 1:
            found.append((word, holders.pop()))
    return found


def _main_verb(doc: Doc) -> Token | None:
    """The verb at the root of the sentence's parse (the first, for text the parser split in two)."""
    return next((t for t in doc if t.dep_ == "ROOT" and t.pos_ in VERB_POS), None)


def countries_from_unnamed_counterparts(officials: Sequence[Official], article: ArticleText, docs: Sequence[Doc],
                                        names: NameIndex, side_nouns: frozenset[str] = frozenset()) -> list[Official]:
    """"Jack Mwiimbu … will join the commission for a meeting with their Zimbabwean counterparts": whoever
    is the subject of the clause a counterpart of one country hangs from is of the article's other country,
    named counterpart or not; so is whoever meets one side's people as a group ("negotiated with Vanuatu's
    leaders", `side_nouns`), but whoever leads or represents a side is on it ("Leading the U.S. side were …")."""
    if len(article.countries) != 2:
        return list(officials)
    country_of = {o.name: o.country for o in officials}
    # "UN Special Envoy X met Quintaran officials": an organisation's official is of neither side
    of_an_organisation = {o.name for o in officials if o.organisation}
    taken: dict[str, str] = {}
    for sentence, doc in zip(article.sentences, docs, strict=True):
        for word in doc:
            met_as_a_group = word.lemma_.casefold() in side_nouns and (
                word.dep_ == "dobj" or (word.dep_ == "pobj" and word.head.lower_ == "with"))
            if not is_relative_title(word.lemma_) and not met_as_a_group:
                continue
            side = next((place.country for child in word.children if child.dep_ in {"amod", "compound", "poss"}
                         for place in sentence.places
                         if place.start <= child.idx < place.end and not place.is_city), None)
            verb = verb_above(word)
            if side not in article.countries or verb is None:
                continue
            # the counterparts' own phrase ("The Zimbabwean counterparts, led by Minister X, arrived"), and the
            # list a colon opens after them ("… with their Philippine counterparts: Teodoro, …", which the
            # parser may hang on the subject), are not who meets them: they are the side itself
            listed = _listed_after(word)
            theirs = {t.i for t in word.subtree} | {t.i for t in listed}
            subjects = [t for child in verb.children if child.dep_ in SUBJECT_DEPS
                        for t in child.subtree if t.i not in theirs]
            other = next(c for c in article.countries if c != side)
            # "Leading the U.S. side were X and Y": who leads, heads or represents a side is on it
            leads_it = (met_as_a_group and word.dep_ == "dobj" and word.head == verb
                        and verb.lemma_.casefold() in _OWN_SIDE_LEMMAS)  # not "led talks with the X side"
            subjects_side = side if leads_it else other
            spans = names.spans_in(sentence.text, doc)
            for name in named_at(spans, subjects):
                if country_of.get(name) is None and not (met_as_a_group and name in of_an_organisation):
                    taken.setdefault(name, subjects_side)
            for name in named_at(spans, listed):
                if country_of.get(name) is None:
                    taken.setdefault(name, side)
    return with_countries(officials, taken)


# Verbs whose subject stands at the head of the side they take as object, not across from it.
_OWN_SIDE_LEMMAS = frozenset({"lead", "head", "represent", "chair", "captain"})


def _welcomes(person: Token) -> bool:
    """The person is who does the welcoming: the agent of "was received by X", the subject of "X greeted"."""
    verb, role = _verb_and_role(person)
    if verb is None or verb.lemma_.casefold() not in _WELCOME_LEMMAS:
        return False
    return role == "agent" or (role == "subject" and not any(c.dep_ == "nsubjpass" for c in verb.children))


def _listed_after(word: Token) -> list[Token]:
    """The words of a list a colon opens right after a noun ("their counterparts: A, B and C"), up to the
    end of the sentence, a semicolon or a verb."""
    doc = word.doc
    end = word.i + 1
    if end >= len(doc) or doc[end].text != ":":
        return []
    listed: list[Token] = []
    for token in doc[end + 1:]:
        if token.text == ";" or token.pos_ in {"VERB", "AUX"}:
            break  # "… counterparts: Fenwick told reporters …" is a clause, not a list
        listed.append(token)
    return listed


def _across(a: Token, b: Token, lemmas: frozenset[str]) -> bool:
    """The two people meet: joint subjects or agents of a meeting verb, its subject and its object, or the
    two sides of a "between"."""
    verb_a, role_a = _verb_and_role(a)
    verb_b, role_b = _verb_and_role(b)
    if verb_a is None or verb_b is None:
        return False
    # "X is scheduled to be received by Y", "X is due to meet Y": X is the subject of the verb it governs
    if role_a == "subject" and _raised_to(verb_b, verb_a):
        verb_a = verb_b
    elif role_b == "subject" and _raised_to(verb_a, verb_b):
        verb_b = verb_a
    if verb_a != verb_b:
        return False
    if role_a == role_b == "between":
        return True
    if verb_a.lemma_.casefold() not in lemmas:
        return False
    return role_a != role_b or role_a in {"subject", "agent"}


def _met_together(a: Token, b: Token, lemmas: frozenset[str]) -> bool:
    """Both are objects of one meeting verb ("met X and Y", "talks with X and with Y")."""
    verb_a, role_a = _verb_and_role(a)
    verb_b, role_b = _verb_and_role(b)
    return (verb_a is not None and verb_a == verb_b and role_a == role_b == "object"
            and verb_a.lemma_.casefold() in lemmas)


def _raised_to(verb: Token, governor: Token) -> bool:
    """The verb is the complement of a word of timing or plan ("scheduled to be received", "is due to meet"),
    whose subject is its subject too; not of a verb with an object of its own ("urged the envoy to meet")."""
    token, chain = verb, []
    for _ in range(3):
        if token.dep_ not in {"xcomp", "acomp"}:
            return False
        token = token.head
        chain.append(token)
        if token == governor:
            return (not any(c.dep_ == "dobj" for c in governor.children)
                    and any(t.lemma_.casefold() in _RAISING for t in chain))
    return False


def _verb_and_role(person: Token) -> tuple[Token | None, str]:
    """The verb a person's mention belongs to, and as what: subject, agent ("signed … by X"), object (also
    "with X"), or one side of "between X and Y" (then the preposition stands for the verb). A name climbs
    through its title, an apposition, "X and Y" and prepositional phrases up to its clause's verb."""
    token, role = person, ""
    for _ in range(_MAX_CLIMB):
        dep, head = token.dep_, token.head
        if head is token:
            break
        if dep == "pobj" and head.lower_ == "between":
            return head, "between"
        if dep in SUBJECT_DEPS:
            return head, role or "subject"
        if dep == "pobj" and not role:
            role = "agent" if head.lower_ == "by" else "object"
        elif dep == "dobj" and not role:
            role = "object"
        if head.pos_ in VERB_POS:
            return (head, role) if role else (None, "")
        if dep not in _CLIMB:
            break
        token = head
    return None, ""


def countries_from_same_office(officials: Sequence[Official], article: ArticleText) -> list[Official]:
    """"Prime Minister Narendra Modi and Australian Prime Minister Scott Morrison attended": a report on two
    countries that names two holders of one office in a sentence names one of each country's, so the one with
    no country takes the other country."""
    if len(article.countries) != 2:
        return list(officials)
    found: dict[str, str] = {}
    for official in officials:
        if official.country is not None:
            continue
        offices = {fold(t) for t in official.titles}
        for evidence in official.evidence:
            others = {o.country for o in officials if o.name != official.name and o.country in article.countries
                      and offices & {fold(t) for t in o.titles}
                      and any(e.start == evidence.start for e in o.evidence)}
            if len(others) == 1:
                found[official.name] = next(c for c in article.countries if c not in others)
                break
    return with_countries(officials, found)


def roles_from_counterparts(officials: Sequence[Official], no_office: frozenset[str] = frozenset()) -> list[Official]:
    """"Defence Minister Rajnath Singh and his visiting Israeli counterpart, Benjamin Gantz": a counterpart holds
    the same office on the other side, so Gantz is a defence minister too. The office is that of the nearest
    official with a title of their own named before the counterpart in the same sentence. A rank or an
    honorific (`no_office`, folded: "his Mongolian counterpart, Lt Gen X") is no office of their own."""

    def office(title: str) -> bool:
        return not is_relative_title(title) and fold(title).rstrip(".") not in no_office

    titled = [o for o in officials if any(office(t) for t in o.titles)]
    updated: list[Official] = []
    for official in officials:
        if not any(is_relative_title(t) for t in official.titles) or any(office(t) for t in official.titles):
            updated.append(official)
            continue
        role = None
        for evidence in official.evidence:
            at = _position(evidence.sentence, official.name)
            before = [(p, o) for o in titled if o.name != official.name
                      and (p := _position(evidence.sentence[:at], o.name)) >= 0] if at > 0 else []
            if before:
                nearest = max(before, key=lambda pair: pair[0])[1]
                role = next(t for t in nearest.titles if office(t))
                break
        updated.append(replace(official, titles=(role, *official.titles)) if role else official)
    return updated


def _position(text: str, name: str) -> int:
    """Where the name, or else its surname, stands last in the text; -1 when it does not."""
    found = text.rfind(name)
    return found if found >= 0 else text.rfind(name.split()[-1])
