"""Whether a country a sentence names takes part in the agreement it reports, read from the parse.

A sentence about a deal often names countries that are no side of it: "in a deal brokered by China", "the
same status Vietnam gives China and Russia", "along its border with China", "as US tariffs bite". A side is
the subject of a verb the agreement hangs from ("Vietnam and the United States agreed to …"), the object of
"with" or "between" on that verb or on the agreement ("a treaty with Uzbekistan"), or a modifier of the
agreement itself ("the India-Israel MoU", "Israel's agreement")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.language.parser import SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The labels by which a word names whose agreement it is ("the India-Israel MoU", "Israel's pact").
_OWNER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# The prepositions that bring in the other side ("signed with Japan", "an accord between A and B").
_SIDE_PREPOSITIONS = frozenset({"with", "between"})
# The links by which a clause hangs from another it is reported in or set beside: the agreement's sides are
# read inside its own clause.
_OTHER_CLAUSE = frozenset({"ccomp", "advcl", "relcl", "acl"})


def takes_part(doc: Doc, place: tuple[int, int], agreement: tuple[int, int]) -> bool:
    """Whether the country named at character offsets `place` is a side of the agreement named at
    `agreement` (offsets in the parsed text). Unparsed text cannot tell: it counts."""
    if not doc.has_annotation("DEP"):
        return True
    named = doc.char_span(*place, alignment_mode="expand")
    told = doc.char_span(*agreement, alignment_mode="expand")
    if named is None or told is None:
        return True
    head = told.root
    above = _heads_above(head)
    country = _first_of_conjuncts(named.root)
    while country.dep_ in _OWNER_DEPS and country.head.i != country.i:
        if country.head.i == head.i:
            return True  # "the India-Israel MoU", "Israel's pact"
        # "with Jordan's National Electric Power Company": the country stands where what it owns stands.
        country = _first_of_conjuncts(country.head)
    if country.dep_ in SUBJECT_DEPS and country.head.i in above:
        return True
    preposition = country.head
    return (country.dep_ == "pobj" and preposition.lower_ in _SIDE_PREPOSITIONS
            and (preposition.head.i == head.i or preposition.head.i in above))


def _first_of_conjuncts(token: Token) -> Token:
    """"Vietnam and the United States": the second country stands where the first does."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def _heads_above(token: Token) -> set[int]:
    """The indices of every word the agreement hangs from, up to the top of its own clause: the verbs whose
    subjects and "with" objects may be its sides ("agreed to sign a treaty with …"), not those of a clause it
    is reported in or set beside ("China said Vietnam had signed …", "… as Vietnam signed")."""
    indices: set[int] = set()
    while token.head.i != token.i and token.dep_ not in _OTHER_CLAUSE:
        token = token.head
        indices.add(token.i)
    return indices
