"""An official the article names without a country, then describes by country: "President Jair Bolsonaro began
a visit … the Brazilian leader's controversial remarks". A description "the <nationality> <office>" stands for
the one official of the article whose office that is and whose country is not yet known, when no official of
that country already holds the office. The description refers back: the official is named in an earlier
sentence and not in the description's own, where "the Quintaran leader" would be someone else."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleText, PlaceMention
from bot.facts.catalog import ExtractionCatalog
from bot.facts.model import Official, with_countries
from bot.facts.officials import NameIndex
from bot.knowledge.text_terms import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "the Brazilian leader": a word for whoever leads a country, whatever their office is called.
_LEADER = "leader"
# Offices of a country's leader, as the ends of titles ("President", "Prime Minister of the Kingdom of Thailand").
_LEADERS_OFFICES = ("president", "prime minister", "premier", "king", "queen", "emir", "amir", "sultan",
                    "chancellor", "head of state", "taoiseach")


def countries_from_descriptions(officials: Sequence[Official], article: ArticleText, docs: Sequence[Doc],
                                names: NameIndex, catalog: ExtractionCatalog) -> list[Official]:
    """Officials with no country, given the country of the one description ("the Brazilian leader", "the
    Cape Verdean prime minister") only they can answer to."""
    taken: dict[str, str] = {}
    seen: set[str] = set()  # officials named in the sentences so far: a description refers back to one of them
    for sentence, doc in zip(article.sentences, docs, strict=True):
        spans = names.spans_in(sentence.text, doc)
        here = {name for name, _ in spans}
        if not doc.has_annotation("DEP"):
            seen |= here  # only tokenised (nothing else to extract): no description is read without a parse
            continue
        named = {t.i for _, span in spans for t in span.root.subtree}
        for word, before in titles_described(doc, named, catalog, also=frozenset({_LEADER})):
            if _someone_elses(word):
                continue
            described = _described_office(before, sentence.places)
            if described is None:
                continue
            office, country = described
            if any(o.country == country and _holds(o, office) for o in officials):
                continue
            holders = [o for o in officials if o.country is None and o.name not in taken and _holds(o, office)]
            # the one holder, named before and not beside the description (then it is someone else)
            if len(holders) == 1 and holders[0].name in seen and holders[0].name not in here:
                taken[holders[0].name] = country
        seen |= here
    return with_countries(officials, taken)


def titles_described(doc: Doc, named: set[int], catalog: ExtractionCatalog,
                     also: frozenset[str] = frozenset()) -> Iterator[tuple[Token, list[Token]]]:
    """The title words (and the heads in `also`) a sentence uses to describe someone instead of naming them,
    each with its phrase's words up to it: "the Cape Verdean prime minister". A title inside a name's phrase
    (`named`: the tokens under the names found) or standing beside a name ("the Brazilian President, Jair
    Bolsonaro") names, not describes; a description opens with "the"."""
    for word in doc:
        if word.i in named or word.pos_ not in {"NOUN", "PROPN"}:
            continue
        if word.lower_ not in also and not catalog.patterns.head.fullmatch(word.text):
            continue
        if any(c.dep_ == "appos" for c in word.children) or word.dep_ in {"compound", "appos"}:
            continue
        before = [t for t in word.subtree if t.i <= word.i]
        if before[0].lower_ == "the":
            yield word, before


def _described_office(before: Sequence[Token], places: Sequence[PlaceMention]) -> tuple[str, str] | None:
    """("leader" or the office's words, country) of "the Brazilian leader", "the Cape Verdean prime minister",
    from the description's words up to its title."""
    if len(before) < 3:
        return None
    country = None
    office: list[str] = []
    for token in before[1:]:
        place = next((p for p in places if p.start <= token.idx < p.end and not p.is_city), None)
        if place is not None and country is None and not office:
            country = place.country
        elif place is None and country is not None:
            office.append(token.text)
        else:
            return None
    if country is None or not office:
        return None
    return fold(" ".join(office)), country


def _holds(official: Official, office: str) -> bool:
    """The office itself, or it "of" somewhere; a deputy's or a vice president's is another office."""
    offices = _LEADERS_OFFICES if office == _LEADER else (office,)
    return any(fold(title) == wanted or fold(title).startswith(f"{wanted} of")
               for title in official.titles for wanted in offices)


def _someone_elses(word: Token) -> bool:
    """ "He later phoned the Quintaran leader": described as whom someone else deals with, not who acts."""
    return word.dep_ in {"dobj", "pobj", "attr"}
