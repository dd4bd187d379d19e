"""The shared pieces of answers made of the articles' own sentences: which sentences can stand alone, which
passages and articles may be quoted, citations in reading order, and the honest refusal. Where an answer
is chosen is bot/answers/."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Protocol

from bot.knowledge.model import ArticleMeta, Citation, CitedAnswer, RetrievedChunk, covers_countries
from bot.knowledge.numbers import MONTH_NAMES, WEEKDAY_NAMES, is_cardinal
from bot.knowledge.question import AUXILIARY_VERBS, Concept, QuestionProfile
from bot.knowledge.sentences import is_field
from bot.knowledge.text_terms import terms

# "in november" dates the question; an article may say "on Wednesday" instead, so months never decide.
_CALENDAR = re.compile(rf"({MONTH_NAMES}|{WEEKDAY_NAMES}|\d+)", re.I)
_MONTH_NAMED = re.compile(rf"\b({MONTH_NAMES})\b")
_MIN_SENTENCE_WORDS = 6
# A sentence that states a number says something however short: "Four ministers came with him."
_MIN_NUMBER_SENTENCE_WORDS = 4
# Where a question offers two alternative questions ("did X go to A or did Y go to B").
_ALTERNATIVE = re.compile(rf"\s+or\s+(?=(?:{AUXILIARY_VERBS})\b)")


class Answerer(Protocol):
    """Turns retrieved passages into a cited answer; the extractive one is the default, an LLM one optional."""

    def answer(self, profile: QuestionProfile, passages: Sequence[RetrievedChunk],
               fact_sentences: Sequence[tuple[str, RetrievedChunk]] = (),
               article_terms: Mapping[str, frozenset[str]] | None = None) -> CitedAnswer: ...


def passages_about(profile: QuestionProfile, passages: Sequence[RetrievedChunk]) -> list[RetrievedChunk]:
    """Only passages whose article covers every country the question names."""
    if not profile.countries:
        return list(passages)
    return [p for p in passages if covers_countries(p.article.countries, profile.countries)]


_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+\S")
# A dateline on a line of its own, as a readout or a press release opens ("San Salvador, 21 July 2022", "NEW
# DELHI, March 3, 2024"): where and when the report is from, quotable as a fact box's field is.
_DATELINE = re.compile(rf"[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){{0,3}},\s+(?:\d{{1,2}}\s+(?i:{MONTH_NAMES})|(?i:{MONTH_NAMES})\.?\s+\d{{1,2}},?)"
                       r"\s+\d{4}\.?")


def quotable(sentence: str) -> bool:
    """Whether a sentence can stand alone as an answer: long enough, and not a heading ("Quessaly and
    Ostrelad sign Defence Cooperation Agreement"), a reporter's question in a briefing, or the opening
    of a quotation that goes on in the next sentence. A fact box's field ("When: Thursday.", "Format: bilateral
    meeting, about 50 minutes") says what its label names, however short, and often without a stop."""
    if sentence.count("\"") % 2 or sentence.count("“") > sentence.count("”"):
        return False
    if is_field(sentence) or _DATELINE.fullmatch(sentence.strip()):
        return True
    if len(sentence.split()) < (_MIN_NUMBER_SENTENCE_WORDS if _states_a_number(sentence) else _MIN_SENTENCE_WORDS):
        return False
    if _LIST_ITEM.match(sentence):
        return True  # an item of a bullet list ("- Teresa Ribera, Third Vice-President …") often has no stop
    return sentence.rstrip(" \"'”’)")[-1:] in (".", "!", ";", ":")


def _states_a_number(sentence: str) -> bool:
    """A number that counts something named right after it ("Four ministers came", "lasted 90 minutes"), not a
    date's, a page's or a copyright's ("Updated on 2 March 2031.", "Page 2 of 3.")."""
    typed = sentence.split()
    return any((is_cardinal(w.casefold()) or w.replace(",", "").replace(".", "").isdigit())
               and nxt[:1].islower() and nxt.strip(".,;:") not in _NOT_COUNTED
               for w, nxt in zip(typed, typed[1:], strict=False))


_NOT_COUNTED = frozenset(("of", "and", "or", "to", "in", "on", "at"))


def reading_order(passage: RetrievedChunk, position: int) -> tuple[str, str, int, int]:
    """Quotes read in the articles' order: oldest article first, then chunk, then `position` within it."""
    published = passage.article.published
    return (published.isoformat() if published else "", passage.article.article_id, passage.chunk.index, position)


def implied_terms(article: ArticleMeta, sentence: str) -> frozenset[str]:
    """What a sentence says without naming it: the countries its article is about, and its month and year
    (the article's date) when it names no month itself.

    "The two foreign ministers signed an electricity agreement on Wednesday" in a February 13 report on
    Kestovia and Norrvald answers "what did kestovia and norrvald sign in february", better than a June
    article's recap that happens to name both countries and February."""
    countries, dated = _article_context_terms(article.countries, article.published)
    return countries if _MONTH_NAMED.search(sentence) else dated


@lru_cache(maxsize=4096)
def _article_context_terms(countries: tuple[str, ...], published: date | None) -> tuple[frozenset[str], frozenset[str]]:
    """An article's country terms, and the same with its month and year: stemmed once, not per sentence."""
    named = frozenset(terms(" ".join(countries)))
    if published is None:
        return named, named
    return named, named | frozenset(terms(f"{published:%B} {published.year}"))


def mentions_named_things(profile: QuestionProfile, article_terms: frozenset[str]) -> bool:
    """Quote only from articles that mention every named thing the question is about.

    Asking whether Baram met "the Prime Minister" when his article never mentions one: a quote from
    it, or from another article about some other prime minister, would answer something else.
    """
    names = telling_names(profile)
    if all(concept.covered_by(article_terms) or _adjective_of(concept, article_terms) for concept in names):
        return True
    # "did kishida go to bangkok or did prayut go to tokyo": either alternative's names will do, when "or"
    # joins two questions that each name someone or something ("… or kessel" shares its subject)
    sides = _ALTERNATIVE.split(profile.text.casefold(), maxsplit=1)
    if len(sides) != 2:
        return False
    left, right = (set(re.findall(r"[\w'-]+", side)) for side in sides)
    if not all({c.word for c in names} & side for side in (left, right)):
        return False
    return any(all(c.covered_by(article_terms) for c in names if c.word in own or c.word not in other)
               for own, other in ((left, right), (right, left)))


def _adjective_of(concept: Concept, article_terms: frozenset[str]) -> bool:
    """The article writes the name's adjective: "a European tour" is about Europe, "Asian partners" about Asia.
    Only a name's stem of four letters or more (not "li" for "Lin")."""
    return any(len(phrase) == 1 and len(phrase[0]) >= _ADJECTIVE_STEM_LETTERS
               and any(t.startswith(phrase[0]) and t[len(phrase[0]):] in _ADJECTIVE_ENDINGS for t in article_terms)
               for phrase in concept.alternatives)


_ADJECTIVE_STEM_LETTERS = 4
# What a place's adjective adds to the name's stem, as the stems read ("europ" → "european", "asia" → "asian",
# "japan" → "japanes", "turk" → "turkish"); not a bare "i" or "n" ("amini", "khani" are names of their own).
_ADJECTIVE_ENDINGS = frozenset(("an", "ean", "ian", "es", "ic", "ish"))


def telling_names(profile: QuestionProfile) -> list[Concept]:
    """The names a question is about: named, telling words that are not a country, an everyday word or a
    date ("april", "monday"), nor a word known only through a spelling repair: "piece", which the corpus
    never writes, repaired to the "Peace" of a treaty's name, is a guess, not a name an article must have."""
    return [c for c in profile.concepts if c.named and not c.is_country and not c.generic and not c.repaired
            and c.weight >= profile.specific_weight and not _CALENDAR.fullmatch(c.word)]


# Above this share of shared terms two sentences say the same thing (the smaller one's terms).
SAME_THING_OVERLAP = 0.5


def term_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller sentence's terms the other one has: above 0.5 they say the same thing."""
    return len(a & b) / (min(len(a), len(b)) or 1)


def compose(question: str, quotes: Sequence[tuple[str, RetrievedChunk]]) -> CitedAnswer:
    """Number the articles in order of first use and put each quote's marker after it."""
    return cite(question, [(text, passage.article, passage.chunk.chunk_id) for text, passage in quotes])


def cite(question: str, quotes: Sequence[tuple[str, ArticleMeta, str]]) -> CitedAnswer:
    """`compose` for quotes known by their article and chunk id (another answer's citations)."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts: list[str] = []
    for text, article, chunk_id in quotes:
        n = numbers.setdefault(article.article_id, len(numbers) + 1)
        citations.append(Citation(n=n, article=article, quote=text, chunk_id=chunk_id))
        parts.append(f"{text} [{n}]")
    dates = [c.article.published for c in citations if c.article.published]
    return CitedAnswer(question=question, text=" ".join(parts), refused=False, citations=tuple(citations),
                       as_of=max(dates) if dates else None)


# How a refusal that quotes a denial opens ("what did they sign" → "No agreements were reported signed. [1]").
DENIAL_OPENING = "The articles say otherwise:"


def deny(question: str, denials: Sequence[Citation]) -> CitedAnswer:
    """A refusal that quotes the sentences saying that what was asked about did not happen, with their sources."""
    quoted = cite(question, [(c.quote, c.article, c.chunk_id) for c in denials])
    return replace(quoted, refused=True, text=f"{DENIAL_OPENING} {quoted.text}")


def refuse(question: str, passages: Sequence[RetrievedChunk]) -> CitedAnswer:
    closest: dict[str, ArticleMeta] = {}
    for passage in passages:
        closest.setdefault(passage.article.article_id, passage.article)
    text = "The articles I have don't cover that, so I won't guess."
    if closest:
        text += " The closest ones are listed below."
    return CitedAnswer(question=question, text=text, refused=True, closest=tuple(list(closest.values())[:3]))
