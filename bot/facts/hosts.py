"""Who receives, and where: "President Barham Salih received him at Baghdad airport", "Ruto hosted his Ugandan
counterpart at State House Nairobi", "he was seen off at the airport in Tehran by First Vice-President
Mohammad Mokhber". Whoever greets, hosts or sees off a guest at a place does so at home: the person takes the
country of that place. Read from the dependency parse: the person is the subject of an active host verb or its
agent ("by X") in the passive, and the place hangs on the same verb. Only one of the report's own countries
counts, and the place must be the clause's only one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.model import Official, with_countries
from bot.facts.officials import NameIndex, named_at
from bot.language.parser import SUBJECT_DEPS, verb_above

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# "see off" is hosting too: the host's side says goodbye at home.
_SEE_OFF = ("see", "off")
# Host verbs are full verbs, not auxiliaries: a "by" phrase belongs to the nearest one above it.
_VERB = frozenset({"VERB"})
# Prepositions that put the verb at a place: "at Baghdad airport", "in Tehran".
_LOCATIVE = frozenset({"at", "in"})
# "at the invitation of X", "an invitation from X": who invites.
_INVITED_BY = frozenset({"of", "from"})
# The words by which someone invites: the noun and the verb's lemma.
_INVITING = frozenset({"invitation", "invite"})
# Prepositions that make a place where someone is or goes.
_WHERE = frozenset({"in", "to", "at", "into"})


def countries_from_hosting(officials: Sequence[Official], article: ArticleText, docs: Sequence[Doc],
                           names: NameIndex, host_lemmas: frozenset[str]) -> list[Official]:
    """Officials with no country who receive, host, greet or see off someone at a place of the report's
    countries take that place's country."""
    taken: dict[str, str] = {}
    for sentence, doc in zip(article.sentences, docs, strict=True):
        verbs = [t for t in doc if _hosts(t, host_lemmas)]
        if not verbs:
            continue
        people = names.spans_in(sentence.text, doc)
        for verb in verbs:
            country = _place_country(sentence, verb)
            if country is None or country not in article.countries:
                continue
            for name in _hosts_of(verb, people):
                taken.setdefault(name, country)
    return with_countries(officials, taken)


def placeless_hosts(article: ArticleText, docs: Sequence[Doc], names: NameIndex, host_lemmas: frozenset[str],
                    hosted_nouns: frozenset[str]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Hosts whose sentence names no place ("Foreign Minister Joseph Wu will host a separate welcome banquet",
    "President Tsai will greet Natano"): (who hosts, everyone the sentence names). As with an invitation that
    names no place, the visit the article tells says where (see bot/facts/extract.py). Only an active host verb
    whose object is a person or one of `hosted_nouns` (the guests, a meal, a welcome) hosts: "welcomed the
    outcome", "received the report" do not."""
    found = []
    for sentence, doc in zip(article.sentences, docs, strict=True):
        if sentence.places:
            continue
        verbs = [t for t in doc if _hosts(t, host_lemmas) and _hosts_guests(t, hosted_nouns)]
        if not verbs:
            continue
        people = names.spans_in(sentence.text, doc)
        hosting = set().union(*(_hosts_of(verb, people) for verb in verbs))
        if hosting:
            found.append((frozenset(hosting), frozenset(n for n, _ in people)))
    return found


def _hosts_guests(verb: Token, hosted_nouns: frozenset[str]) -> bool:
    """The verb's object is someone (a name or "him", "them") or a guest, a meal or a welcome."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.pos_ in ("PROPN", "PRON") or o.lemma_.casefold() in hosted_nouns for o in objects)


# The words a host verb may hang on and still have the host as their subject: "X is to welcome them", "X is due
# to greet him" (not "X offered to host", "X asked Y to receive", "X refused to receive").
_CARRIERS = frozenset({"be", "due"})


def _hosts(token: Token, host_lemmas: frozenset[str]) -> bool:
    lemma = token.lemma_.casefold()
    if token.pos_ not in _VERB:
        return False
    return lemma in host_lemmas or (lemma == _SEE_OFF[0] and any(c.lower_ == _SEE_OFF[1] for c in token.children))


def _place_country(sentence: ArticleSentence, verb: Token) -> str | None:
    """The country of the one place named in the verb's "at …" or "in …" phrases (the parser may hang them on
    its object: "welcomed the visitors at Skarnholm airport"), or that "where" stands for ("in Lithuania, where
    X received her")."""
    countries = set()
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        # "spent three days in Lithuania, where President X received her": the place "where" stands for
        head = verb.head
        countries |= {p.country for p in sentence.places if p.start <= head.idx < p.end}
    attached = [*verb.children, *(g for c in verb.children if c.dep_ == "dobj" for g in c.children)]
    for preposition in (c for c in attached if c.dep_ == "prep" and c.lower_ in _LOCATIVE):
        tokens = list(preposition.subtree)
        begin, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        countries |= {p.country for p in sentence.places if begin <= p.start and p.end <= end}
    return countries.pop() if len(countries) == 1 else None


def _hosts_of(verb: Token, people: Sequence[tuple[str, Span]]) -> set[str]:
    """The subject of an active host verb, or the agent of a passive one, when it is a named person."""
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if passive:  # every "by …" of the clause: "seen off by X, …; by Y; and by Z"
        heads = [g for c in verb.subtree if c.lower_ == "by" and verb_above(c, verbs=_VERB) == verb
                 for g in c.children if g.dep_ == "pobj"]
    else:  # "X is to welcome them", "X is due to greet him": the subject is that of "is"
        heads = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        carrier = verb
        while not heads and carrier.dep_ in ("xcomp", "acomp") and carrier.head.lemma_.casefold() in _CARRIERS:
            carrier = carrier.head
            heads = [c for c in carrier.children if c.dep_ in SUBJECT_DEPS]
    return named_at(people, _with_conjuncts(heads))


def countries_from_invitations(officials: Sequence[Official], article: ArticleText, docs: Sequence[Doc],
                               names: NameIndex) -> list[Official]:
    """"President Suluhu is in Uganda for a visit at the invitation of President Museveni", "he moves on to
    Myanmar, where he has been invited by President Htin Kyaw": whoever invites a guest to a country is of that
    country. The country is the one the invitation's own clause names as a place ("in Uganda", not "the
    Tanzanian leader", nor "Speaking in New Delhi, Modi said he had accepted an invitation …"), when it names
    only one; the inviter is the person the invitation is "of" (or "from"), or who invites."""
    taken: dict[str, str] = {}
    for _, inviters, countries in _invitations(article, docs, names):
        if len(countries) == 1:
            for name in inviters:
                taken.setdefault(name, next(iter(countries)))
    return with_countries(officials, taken)


def placeless_inviters(article: ArticleText, docs: Sequence[Doc],
                       names: NameIndex) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Invitations whose clause names no place ("She is due on Monday, at the invitation of Prime Minister
    Anwar Ibrahim"): (who invites, everyone the sentence names). The visit the article tells says where (see
    bot/facts/extract.py)."""
    return [(frozenset(inviters), named) for named, inviters, countries in _invitations(article, docs, names)
            if not countries]


def _invitations(article: ArticleText, docs: Sequence[Doc],
                 names: NameIndex) -> Iterator[tuple[frozenset[str], set[str], set[str]]]:
    """Each invitation: everyone its sentence names, its inviters, and the countries of the places its own
    clause names."""
    for sentence, doc in zip(article.sentences, docs, strict=True):
        if not any(t.lemma_.casefold() in _INVITING for t in doc):
            continue  # the names are looked up only where someone invites
        people = names.spans_in(sentence.text, doc)
        for token in doc:
            inviters, clause = _invited_by(token, people)
            if not inviters or clause is None:
                continue
            scope = {t.i for t in clause.subtree} | ({clause.head.i} if clause.dep_ == "relcl" else set())
            yield frozenset(n for n, _ in people), inviters, {
                p.country for p in sentence.places
                if p.country and (word := _place_word(doc, p.start, p.end)) is not None and word.i in scope}


def _invited_by(token: Token, people: Sequence[tuple[str, Span]]) -> tuple[set[str], Token | None]:
    """Who invites, if the word is an invitation ("the invitation of X") or inviting ("X invited him", "he was
    invited by X"), and the clause the invitation belongs to."""
    lemma = token.lemma_.casefold()
    if lemma not in _INVITING:
        return set(), None
    if lemma == "invitation":
        heads = [g for c in token.children if c.dep_ == "prep" and c.lower_ in _INVITED_BY
                 for g in c.children if g.dep_ == "pobj"]
        return named_at(people, _with_conjuncts(heads)), verb_above(token)
    if token.pos_ in _VERB:
        return _hosts_of(token, people), token
    return set(), None


def _with_conjuncts(heads: Sequence[Token]) -> list[Token]:
    """The heads and every word joined to them by "and" ("by X, Y and Z")."""
    return [h for head in heads for h in (head, *(c for c in head.subtree if c.dep_ == "conj"))]


def _place_word(doc: Doc, start: int, end: int) -> Token | None:
    """The head word of the place at [start, end) if it is where something is or goes ("in Uganda", "to
    Entebbe"); None for a place named otherwise ("the Tanzanian leader")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ not in _WHERE:
        return None
    return span.root
