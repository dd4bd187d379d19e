"""An official the article names without a country, then describes by country: "President Jair Bolsonaro began
a visit … the Brazilian leader's controversial remarks". A description "the <nationality> <office>" stands for
the one official of the article whose office that is and whose country is not yet known, when no official of
that country already holds the office. The description refers back: the official is named in an earlier
sentence and not in the description's own, where "the Quintaran leader" would be someone else."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText, PlaceMention
from bot.facts.catalog import ExtractionCatalog
from bot.facts.model import Official, with_countries
from bot.facts.officials import NameIndex
from bot.knowledge.text_terms import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Up to four words after a country's possessive in a headline, among which its title ends.
_HEADLINE_TITLE = re.compile(r"\s+((?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*)")
# "the Brazilian leader": a word for whoever leads a country, whatever their office is called.
_LEADER = "leader"
# Offices of a country's leader, as the ends of titles ("President", "Prime Minister of the Kingdom of Thailand").
_LEADERS_OFFICES = ("president", "prime minister", "premier", "king", "queen", "emir", "amir", "sultan",
                    "chancellor", "head of state", "taoiseach")


def countries_from_descriptions(officials: Sequence[Official], article: ArticleText, docs: Sequence[Doc],
                                names: NameIndex, catalog: ExtractionCatalog, *,
                                headline: bool = False) -> list[Official]:
    """Officials with no country, given the country of the one description ("the Brazilian leader", "the
    Cape Verdean prime minister") only they can answer to. With `headline`, also one the headline describes
    before the story names them: read last, when every other way to a country has been tried (the headline's
    "Qatar's foreign minister to visit" is not the host who invites him)."""
    taken: dict[str, str] = {}
    seen: set[str] = set()  # officials named in the sentences so far: a description refers back to one of them
    for sentence, doc in zip(article.sentences, docs, strict=True):
        spans = names.spans_in(sentence.text, doc)
        here = {name for name, _ in spans}
        if not doc.has_annotation("DEP"):
            seen |= here  # only tokenised (nothing else to extract): no description is read without a parse
            continue
        named = {t.i for _, span in spans for t in span.root.subtree}
        for office, country in _descriptions(sentence, doc, named, catalog):
            if any(o.country == country and _holds(o, office) for o in officials):
                continue
            holders = [o for o in officials if o.country is None and o.name not in taken and _holds(o, office)]
            # the one holder, named before and not beside the description (then it is someone else); a headline
            # describes who the story then names ("Bhutan's King heads into New Delhi visit"), unless the story
            # names one of that country's people with an office of the kind, maybe in other words ("Qatar's foreign
            # minister" for its "Minister of Foreign Affairs")
            ahead = headline and sentence.index == 0 and not any(
                o.country == country and _of_the_kind(o, office) for o in officials)
            if len(holders) == 1 and (holders[0].name in seen or ahead) and holders[0].name not in here:
                taken[holders[0].name] = country
        seen |= here
    return with_countries(officials, taken)


def _descriptions(sentence: ArticleSentence, doc: Doc, named: set[int],
                  catalog: ExtractionCatalog) -> Iterator[tuple[str, str]]:
    """(office, country) of each description in the sentence: "the Brazilian leader" from the parse; in a headline,
    whose parse is poor ("Bhutan's King heads into New Delhi visit" parses "King heads" as one noun), also a
    country's possessive and the title words after it."""
    for word, before in titles_described(doc, named, catalog, also=frozenset({_LEADER})):
        if not _someone_elses(word) and (described := _described_office(before, sentence.places)) is not None:
            yield described
    if sentence.index != 0 or not sentence.heading:
        return
    for place in sentence.places:
        if place.possessive and not place.is_city:
            owned = _HEADLINE_TITLE.match(sentence.text, place.end_with_possessive)
            words = owned.group(1).split() if owned else []
            heads = [i for i, w in enumerate(words) if catalog.patterns.head.fullmatch(w)]
            if heads:
                yield fold(" ".join(words[: heads[0] + 1])), place.country


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


def _of_the_kind(official: Official, office: str) -> bool:
    """An office with the same last word ("minister", "king"), whatever comes before it."""
    kind = office.split()[-1]
    return any(kind in fold(title).split() for title in official.titles)


def _holds(official: Official, office: str) -> bool:
    """The office itself, or it "of" somewhere; a deputy's or a vice president's is another office."""
    offices = _LEADERS_OFFICES if office == _LEADER else (office,)
    return any(fold(title) == wanted or fold(title).startswith(f"{wanted} of")
               for title in official.titles for wanted in offices)


def _someone_elses(word: Token) -> bool:
    """ "He later phoned the Quintaran leader": described as whom someone else deals with, not who acts."""
    return word.dep_ in {"dobj", "pobj", "attr"}
