"""Titles owned through "its": "Japan is represented by its Minister of Defence, Yasukazu Hamada", "Chile's side
was headed by its Under-secretary of Foreign Affairs, Carolina Valdivia", "Paris recalled its ambassador,
Christian Masset". The "its" points back to the clause's subject, and when that subject is a country, its
capital or a country's side, the person holding the title is of that country. "The country's" points back
to the last place the sentence names ("a visit to Burkina Faso, where the country's Head of State, X").
Read from the dependency parse; only one of the article's own countries counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.model import Official, with_countries
from bot.facts.officials import NameIndex, named_at
from bot.language.parser import SUBJECT_DEPS, verb_above

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Links from a title to the names it belongs to: "its Minister, X" (appos), "X, its Minister" (appos upward),
# "its Minister of Defence, X, and Minister of Foreign Affairs, Y" (conj, then appos).
_NAME_LINKS = frozenset({"appos", "conj"})
_MAX_CLIMB = 4
# How a subject names its country: "Chile's side" (poss), "the Kestovian side" (amod), "the Japan side" (compound).
_OWNER_DEPS = frozenset({"poss", "amod", "compound"})


def countries_from_possessive_titles(officials: Sequence[Official], article: ArticleText, docs: Sequence[Doc],
                                     names: NameIndex) -> list[Official]:
    """Officials with no country whose title is written with "its" take the country the clause is about (with
    "the country's", the country last named)."""
    taken: dict[str, str] = {}
    for sentence, doc in zip(article.sentences, docs, strict=True):
        owners = [t for t in doc if t.dep_ == "poss" and (t.lower_ == "its" or _the_country(t))]
        if not owners:
            continue
        people = names.spans_in(sentence.text, doc)
        for owner in owners:
            country = (_subject_country(sentence, owner.head) if owner.lower_ == "its"
                       else _named_before(sentence, owner))
            if country is None or country not in article.countries:
                continue
            for name in _holders(owner.head, people):
                taken.setdefault(name, country)
    return with_countries(officials, taken)


def _the_country(token: Token) -> bool:
    """ "the country's" as an owner: "a visit to Burkina Faso, where the country's Head of State, X, …"."""
    return token.lower_ == "country" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _named_before(sentence: ArticleSentence, owner: Token) -> str | None:
    """The country of the last place the sentence names before "the country's"."""
    before = [p for p in sentence.places if p.end <= owner.idx]
    return before[-1].country if before else None


def _holders(title: Token, people: Sequence[tuple[str, Span]]) -> set[str]:
    """The people the title is written beside."""
    linked = {title, *_linked_below(title)}
    if title.dep_ == "appos":
        linked.add(title.head)
    return named_at(people, linked)


def _linked_below(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ in _NAME_LINKS:
            yield child
            yield from _linked_below(child)


def _subject_country(sentence: ArticleSentence, title: Token) -> str | None:
    """The one country named as the subject of the title's clause, or as the owner of that subject ("Chile's
    side", "the Kestovian side")."""
    verb = verb_above(title, max_climb=_MAX_CLIMB)
    if verb is None:
        return None
    countries = set()
    for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS):
        for token in (subject, *(c for c in subject.children if c.dep_ in _OWNER_DEPS)):
            place = _place_at(sentence, token)
            if place is not None:
                countries.add(place)
    return countries.pop() if len(countries) == 1 else None


def _place_at(sentence: ArticleSentence, token: Token) -> str | None:
    """The country of the place mention that covers the token ("New Zealand", "Paris")."""
    end = token.idx + len(token.text)
    return next((p.country for p in sentence.places if p.start <= token.idx and end <= p.end), None)
