"""Where a traveller came from: "Kishida flew in from Tokyo", "the delegation arrived from New Delhi". In a
report on two countries, a person with no country whom a travel verb brings from a place of one of them
belongs to that country. The country still comes from the text (the place named after "from"), never from
the article's other country; a trip from a third country tells nothing.

The verb, its subject and its "from" phrase come from the dependency parse (bot/language/parser.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.catalog import ExtractionCatalog
from bot.facts.model import Official, with_countries
from bot.facts.officials import NameIndex
from bot.language.parser import SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def countries_from_origins(officials: Sequence[Official], article: ArticleText, docs: Sequence[Doc],
                           names: NameIndex, catalog: ExtractionCatalog) -> list[Official]:
    """Officials with no country who travel from a place of one of the article's two countries take it."""
    if len(article.countries) != 2:
        return list(officials)
    unknown = {o.name for o in officials if o.country is None}
    travel = catalog.travel_lemmas | {verb for verb, _ in catalog.arrival_verbs}
    taken: dict[str, str] = {}
    for sentence, doc in zip(article.sentences, docs, strict=True):
        if not unknown or not sentence.places:
            continue
        for name, span in names.spans_in(sentence.text, doc):
            if name not in unknown or name in taken:
                continue
            verb = _travel_verb_of(span.root, travel)
            if verb is None:
                continue
            place = _from_place(sentence, verb)
            if place not in article.countries:
                continue
            # "flew home from Bangkok": home is not the place left but, of the two countries, the other one
            taken[name] = next(c for c in article.countries if c != place) if _heads_home(verb) else place
    return with_countries(officials, taken)


def _travel_verb_of(person: Token, travel: frozenset[str]) -> Token | None:
    """The travel verb the person is the subject of ("Kishida flew in", "X, who arrived from …")."""
    token = person
    while token.dep_ in {"compound", "appos", "conj"} and token.head is not token:
        token = token.head
    if token.dep_ not in SUBJECT_DEPS:
        return None
    verb = token.head
    return verb if verb.lemma_.casefold() in travel else None


# Words that send a traveller home: "flew home from Bangkok", "headed back from Lima" leave the place after
# "from", which is then no place they came from.
_HOMEWARD = frozenset({"home", "back"})


def _heads_home(verb: Token) -> bool:
    """The travel verb takes the traveller home ("flew home", "headed back"): its "from" is the place left."""
    return any(c.lower_ in _HOMEWARD for c in verb.children)


def _from_place(sentence: ArticleSentence, verb: Token) -> str | None:
    """The country of the first place in the verb's "from" phrases."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for place in prep.subtree:
            found = sentence.place_at(place.idx)
            if found is not None:
                return found.country
    return None
