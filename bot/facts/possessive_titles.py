"""Titles owned through "its": "Japan is represented by its Minister of Defence, Yasukazu Hamada", "Chile's side
was headed by its Under-secretary of Foreign Affairs, Carolina Valdivia", "Paris recalled its ambassador,
Christian Masset". The "its" points back to the clause's subject, and when that subject is a country, its
capital or a country's side, the person holding the title is of that country. "The country's" points back
to the last place the sentence names ("a visit to Burkina Faso, where the country's Head of State, X").
"His" and "her" point back to a person: "Anwar Ibrahim and his two deputy prime ministers, X and Y", "Ruto
brought his Trade Cabinet Secretary, X": an office of one's own (never "his counterpart") held under a named
official of known country is of that country. Read from the dependency parse; only one of the article's own
countries counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.catalog import ExtractionCatalog, own_title_heads
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
                                     names: NameIndex, catalog: ExtractionCatalog) -> list[Official]:
    """Officials with no country whose title is written with "its" take the country the clause is about (with
    "the country's", the country last named; with "his" or "her", the country of the official it points to)."""
    known = {o.name: o.country for o in officials if o.country is not None}
    offices = frozenset(h.casefold() for h in own_title_heads(catalog))
    styles = catalog.honorific_parts
    taken: dict[str, str] = {}
    for sentence, doc in zip(article.sentences, docs, strict=True):
        owners = [t for t in doc if t.dep_ == "poss" and (t.lower_ in _OWNING_WORDS or _the_country(t))]
        if not owners:
            continue
        people = names.spans_in(sentence.text, doc)
        for owner in owners:
            if owner.lower_ == "its":
                country = _subject_country(sentence, owner.head)
            elif owner.lower_ in _PERSONAL_OWNERS:
                country = _person_country(owner.head, people, known) if owner.head.lemma_.casefold() in offices else None
            else:
                country = _named_before(sentence, owner)
            if country is None or country not in article.countries:
                continue
            for name in _holders(owner.head, people, styles):
                taken.setdefault(name, country)
    return with_countries(officials, taken)


_PERSONAL_OWNERS = frozenset({"his", "her"})
_OWNING_WORDS = _PERSONAL_OWNERS | {"its"}


def _person_country(title: Token, people: Sequence[tuple[str, Span]], known: dict[str, str]) -> str | None:
    """The country of the official "his" or "her" points to: the person the title is joined to ("X and his
    ministers"), else the subject of its clause ("X brought his minister"); none when that person's country is
    not known yet ("Lind was received by King Omar and his prime minister": the king's, not Lind's)."""
    if title.dep_ == "conj":
        antecedents = {title.head}
    else:
        verb = verb_above(title, max_climb=_MAX_CLIMB)
        antecedents = {c for c in verb.children if c.dep_ in SUBJECT_DEPS} if verb is not None else set()
    named = named_at(people, antecedents)
    countries = {known.get(name) for name in named}
    return countries.pop() if len(countries) == 1 and None not in countries else None


def _the_country(token: Token) -> bool:
    """ "the country's" as an owner: "a visit to Burkina Faso, where the country's Head of State, X, …"."""
    return token.lower_ == "country" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _named_before(sentence: ArticleSentence, owner: Token) -> str | None:
    """The country of the last place the sentence names before "the country's"."""
    before = [p for p in sentence.places if p.end <= owner.idx]
    return before[-1].country if before else None


def _holders(title: Token, people: Sequence[tuple[str, Span]], styles: frozenset[str] = frozenset()) -> set[str]:
    """The people the title is written beside: linked to it in the parse, or listed straight after it ("his two
    deputy prime ministers, Datuk Seri Dr X and Datuk Seri Y", which the parser often leaves unlinked)."""
    linked = {title, *_linked_below(title)}
    if title.dep_ == "appos":
        linked.add(title.head)
    return named_at(people, linked) | _listed_after(title, people, styles)


# Styles before a name ("Datuk Seri Dr", "Dame") are words the name's span leaves out.
_MAX_STYLES = 4


def _listed_after(title: Token, people: Sequence[tuple[str, Span]], styles: frozenset[str]) -> set[str]:
    """Names in a list that opens with a comma right after the title: ", X, Y and Z", each past its `styles`
    (folded words of honorifics), none that opens a clause of its own ("…, X, and Prime Minister Y received
    them": Y is the subject of another verb, with an office of his own)."""
    doc = title.doc
    position = title.i + 1
    if position >= len(doc) or doc[position].text != ",":
        return set()
    starts = {span.start: (name, span) for name, span in people}
    listed: set[str] = set()
    position += 1
    while position < len(doc):
        found = next((starts[p] for p in range(position, min(position + _MAX_STYLES + 1, len(doc))) if p in starts
                      and all(t.lower_.rstrip(".") in styles for t in doc[position:p])), None)
        if found is None or found[1].root.dep_ in SUBJECT_DEPS:
            break
        listed.add(found[0])
        position = found[1].end
        while position < len(doc) and doc[position].lower_ in {",", "and"}:
            position += 1
        if position < len(doc) and doc[position - 1].lower_ not in {",", "and"}:
            break
    return listed


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
