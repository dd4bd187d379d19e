"""Officials told as a group rather than by name: "The two Japanese ministers were in Manila", after a sentence
that named Foreign Minister Yoko Kamikawa and Defense Minister Minoru Kihara. A counted plural title with a
nationality ("the two Japanese ministers", "both Velorian envoys") stands for that many of the article's
officials of that country whose title ends in that word, the last named; an uncounted one ("Velorian ministers
have long visited …") stands for no one in particular."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence
from bot.facts.dates import NUMBER_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

_COUNTS = {**NUMBER_WORDS, "both": 2}
# Words that modify a group's title without changing who it is ("the visiting Japanese ministers").
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


def group_members(noun: Token, sentence: ArticleSentence, named_before: Sequence[str],
                  titles: Mapping[str, Sequence[str]], country_of: Mapping[str, str],
                  title_heads: frozenset[str]) -> list[str]:
    """The officials a counted plural title phrase stands for ("the two Japanese ministers"), or [] when it is
    not one or does not say clearly whom. `named_before` holds the officials the article named before this sentence,
    the most recently named first: a counted group is the last ones named ("the two" of three Japanese
    ministers in the article are the two just told of)."""
    if noun.tag_ != "NNS" or noun.lemma_.casefold() not in title_heads:
        return []
    countries = {place.country for child in noun.children if child.dep_ in _MODIFIER_DEPS
                 for place in sentence.places if place.start <= child.idx < place.end and not place.is_city}
    if len(countries) != 1:
        return []
    country = countries.pop()
    head = noun.lemma_.casefold()
    members = [name for name in named_before if country_of.get(name) == country
               and any(title.casefold().split()[-1:] == [head] for title in titles.get(name, ()))]
    counted = [_COUNTS.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
               for c in noun.children if c.dep_ in {"nummod", "det", "predet"}]
    number = next((n for n in counted if n), None)
    if number is None or len(members) < number:
        return []
    return members[:number]
