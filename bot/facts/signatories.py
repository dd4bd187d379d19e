"""Whom a signatory signs for: "PCG chief Admiral Elson Hermogino signed for Manila", "the treaty was signed by
Foreign Minister Francisco Bustillo for Uruguay", "for Indonesia, by Minister of Trade Zulkifli Hasan". The
place after "for" is the side the person stands for, written as a country or its capital. Read from the
dependency parse: the "for" phrase hangs on a signing verb (or its noun, "signature"), and the signatory is
the name written next to that phrase, else the subject of its clause ("X, Secretary (East) of …, signed for
New Delhi", "X put his signature to the document for the Philippines"). The country still comes from the text, and only one
of the article's own countries counts: a signatory signs for one of the two sides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.model import Official, with_countries
from bot.facts.officials import NameIndex, named_at
from bot.language.parser import SUBJECT_DEPS, VERB_POS, verb_above

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Signing words whose "for" phrase names a side: the verb and its nouns. Lemmas, lower case.
_SIGNING = frozenset({"sign", "signature", "countersign", "initial", "ink"})
# A "for" phrase reaches its signing word through at most this many heads ("signed the document for X").
_MAX_CLIMB = 3
# A signing verb parsed as a modifier of the name before it ("X, the minister, signed for Y").
_MODIFIER_DEPS = frozenset({"acl", "relcl"})
# The signatory is written at most this many tokens from the "for" phrase ("X signed for Y", "for Y, by X").
_MAX_GAP = 4


def countries_from_signatures(officials: Sequence[Official], article: ArticleText, docs: Sequence[Doc],
                              names: NameIndex) -> list[Official]:
    """Officials with no country who sign for a country (or its capital) of the article take that country."""
    taken: dict[str, str] = {}
    for sentence, doc in zip(article.sentences, docs, strict=True):
        if not any(t.lemma_.casefold() in _SIGNING for t in doc):
            continue
        people = names.spans_in(sentence.text, doc)
        for token in doc:
            side = next((c for c in token.children if c.dep_ == "pobj"), None)
            if token.lower_ != "for" or side is None or not _on_signing(token):
                continue
            country = _side_country(sentence, side)
            if country is None or country not in article.countries:
                continue
            signatory = _next_to(token, side, people) or _subject(token, people)
            if signatory is not None:
                taken.setdefault(signatory, country)
    return with_countries(officials, taken)


def _on_signing(preposition: Token) -> bool:
    """The phrase hangs on a signing word, or on the verb whose object one is ("put his signature to …")."""
    head = preposition
    for _ in range(_MAX_CLIMB):
        head = head.head
        if head.lemma_.casefold() in _SIGNING or (
                head.pos_ in VERB_POS and any(c.lemma_.casefold() in _SIGNING for c in head.children)):
            return True
        if head.head.i == head.i:
            break
    return False


def _side_country(sentence: ArticleSentence, side: Token) -> str | None:
    """The country of the place the "for" phrase names ("for Manila", "for the Philippines")."""
    first = min(t.idx for t in side.subtree)
    place = next((p for p in sentence.places if first <= p.start <= side.idx + len(side.text)), None)
    return place.country if place is not None else None


def _next_to(preposition: Token, side: Token, people: Sequence[tuple[str, Span]]) -> str | None:
    """The one person named just before the "for" phrase, else just after it; None when it is not one."""
    phrase_end = max(t.i for t in side.subtree)
    before = [name for name, span in people if 0 <= preposition.i - span.end < _MAX_GAP]
    if before:
        return before[-1] if len(set(before)) == 1 else None
    after = {name for name, span in people if 0 <= span.start - phrase_end - 1 < _MAX_GAP}
    return after.pop() if len(after) == 1 else None


def _subject(preposition: Token, people: Sequence[tuple[str, Span]]) -> str | None:
    """The person who is the subject of the clause the "for" phrase belongs to, or its agent when passive."""
    head = verb_above(preposition, max_climb=_MAX_CLIMB + 1)
    if head is None:
        return None
    subjects = [child for child in head.children if child.dep_ in SUBJECT_DEPS]
    if not subjects and head.dep_ in _MODIFIER_DEPS:  # "X, Secretary …, signed for Y": parsed as X's modifier
        subjects = [head.head]
    found = named_at(people, subjects)
    if not found:
        # "The accord was signed for Y by Minister of Ports X": a passive signing's agent signs.
        found = named_at(people, [t for child in head.children if child.dep_ == "agent" for t in child.subtree])
    return found.pop() if len(found) == 1 else None
