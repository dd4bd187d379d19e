"""Answers made of the articles' own sentences, each followed by its citation, or an honest refusal.

Quoting instead of paraphrasing makes every [n] true by construction; the work is in choosing the
sentences. Each question concept (a word with its chat equivalents, weighted by idf) must be covered by
the chosen sentences; a sentence that holds the kind of thing asked for (a date for "when", an amount
for "how much") is preferred; countries named in the question must be ones the cited article covers.
When the chosen sentences do not cover the question, the answer is a refusal naming the closest articles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

from bot.config import AnswerSettings
from bot.knowledge.model import ArticleMeta, Citation, CitedAnswer, RetrievedChunk, covers_countries
from bot.knowledge.question import QuestionProfile
from bot.knowledge.sentences import split_sentences
from bot.knowledge.text_terms import terms

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_NUMBER = (r"(?<![\w-])(?!(?:19|20)\d\d\b)(\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozen|dozens)")
_COUNTED = re.compile(_NUMBER + r"((?:\s+[\w-]+){1,3})", re.I)
_KIND_PATTERNS = {
    "date": re.compile(rf"\b({_MONTHS})\b|\b(19|20)\d\d\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                       r"Sunday)\b|\b(yesterday|today|tomorrow|this week|last (week|month|year)|next (week|month|year)"
                       r"|later this year|earlier this year)\b"),
    # Money needs a currency ("$412 million", "240 million dollars", "Rs 500 crore"); a bare "million tonnes" is not.
    "amount": re.compile(r"[$€£]\s?\d|\b(USD|US\$|EUR|INR|Rs)\b|\b(dollars?|euros?|rupees?|pounds sterling)\b"
                         r"|\b\d[\d,.]*\s*(crores?|lakhs?)\b|\bper ?cent\b|%", re.I),
    # Any counted quantity; whether it counts what was asked about is checked against the question.
    "count": _COUNTED,
    "person": re.compile(r"\b(Minister|Secretary|Advisor|Adviser|General|Director|President|Ambassador|Chief|"
                         r"Marshal|Admiral|Commander|Envoy|Deputy|Head|Prime)\b|\b[A-Z][a-z]+ [A-Z][a-z]+\b"),
    "place": re.compile(r"\b(in|to|at|from|visit(ed)?) (the )?[A-Z][a-z]+"),
}
# "in november" dates the question; an article may say "on Wednesday" instead, so months never decide.
_CALENDAR = re.compile(rf"({_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+)", re.I)
_MONTH_NAMED = re.compile(rf"\b({_MONTHS})\b")
_MIN_SENTENCE_WORDS = 6
_ARTICLE_MARGIN = 0.75   # another article's sentence must score this close to the best to be quoted too
_MANY_ARTICLE_MARGIN = 0.5  # for "list all…" questions, articles further from the best still count
_EXTRA_MARGIN = 0.6      # and any extra sentence at least this close
_COVERED = 0.5           # share of the question's weight the chosen sentences must cover together
_CONTEXT_CREDIT = 0.5    # a concept found only in the quoted sentence's passage counts this much


class Answerer(Protocol):
    """Turns retrieved passages into a cited answer; the extractive one is the default, an LLM one optional."""

    def answer(self, profile: QuestionProfile, passages: Sequence[RetrievedChunk],
               fact_sentences: Sequence[tuple[str, RetrievedChunk]] = (),
               article_terms: Mapping[str, frozenset[str]] | None = None) -> CitedAnswer: ...


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    passage: RetrievedChunk
    position: int
    score: float
    coverage: float
    has_kind: bool
    covered: frozenset[int]  # indexes of the question concepts this sentence covers
    term_set: frozenset[str]


def passages_about(profile: QuestionProfile, passages: Sequence[RetrievedChunk]) -> list[RetrievedChunk]:
    """Only passages whose article covers every country the question names."""
    if not profile.countries:
        return list(passages)
    return [p for p in passages if covers_countries(p.article.countries, profile.countries)]


class ExtractiveAnswerer:
    """Picks, de-duplicates and orders sentences from the passages; refuses when they do not answer."""

    def __init__(self, settings: AnswerSettings, place_names: frozenset[str] = frozenset()) -> None:
        self._settings = settings
        self._places = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(place_names, key=len, reverse=True))
                                  + r")\b") if place_names else None

    def answer(self, profile: QuestionProfile, passages: Sequence[RetrievedChunk],
               fact_sentences: Sequence[tuple[str, RetrievedChunk]] = (),
               article_terms: Mapping[str, frozenset[str]] | None = None) -> CitedAnswer:
        """`fact_sentences`: sentences that extracted facts of the asked kind rest on; they are preferred.
        `article_terms`: every term of each candidate article, to notice a question about something else."""
        relevant = passages_about(profile, passages)
        allowed = {p.article.article_id for p in relevant}
        preferred = [(text, p) for text, p in fact_sentences if p.article.article_id in allowed]
        scored = self.score_sentences(profile, relevant, preferred)
        if article_terms is not None:
            scored = [s for s in scored if self._mentions_named_things(profile, s, article_terms)]
        chosen = self._select(profile, scored)
        if not chosen:
            return refuse(profile.text, passages)
        return compose(profile.text, [(s.text, s.passage) for s in chosen])

    def score_sentences(
        self, profile: QuestionProfile, passages: Sequence[RetrievedChunk],
        fact_sentences: Sequence[tuple[str, RetrievedChunk]] = (),
    ) -> list[ScoredSentence]:
        if not passages:
            return []
        total = profile.content_weight or 1.0
        kind_pattern = _KIND_PATTERNS.get(profile.kind)
        top_similarity = max(p.dense_similarity for p in passages) or 1.0
        preferred = {text for text, _ in fact_sentences}
        candidates: dict[str, tuple[RetrievedChunk, int]] = {}
        for passage in passages:
            for position, sentence in enumerate(split_sentences(passage.chunk.text)):
                candidates.setdefault(sentence.text, (passage, position))
        for text, passage in fact_sentences:
            candidates.setdefault(text, (passage, 1))
        scored: list[ScoredSentence] = []
        for text, (passage, position) in candidates.items():
            if not quotable(text):
                continue
            sentence_terms = frozenset(terms(text)) | implied_terms(passage.article, text)
            covered = frozenset(i for i, c in enumerate(profile.concepts) if c.covered_by(sentence_terms))
            coverage = sum(profile.concepts[i].weight for i in covered) / total
            from_facts = text in preferred
            # A fact's sentence shows who; a place, date or amount must actually be stated in it.
            has_kind = (from_facts and profile.kind == "person") or self._has_kind(profile.kind, kind_pattern, text,
                                                                                   profile)
            score = (0.6 * coverage + 0.25 * max(passage.dense_similarity, 0.0) / top_similarity
                     + (0.2 if has_kind else 0.0) + (0.1 if from_facts else 0.0) + 0.02 / (1 + position))
            scored.append(ScoredSentence(text, passage, position, score, coverage, has_kind, covered, sentence_terms))
        return sorted(scored, key=lambda s: -s.score)

    @staticmethod
    def _mentions_named_things(
        profile: QuestionProfile, sentence: ScoredSentence, article_terms: Mapping[str, frozenset[str]]
    ) -> bool:
        return mentions_named_things(profile, article_terms.get(sentence.passage.article.article_id, frozenset()))

    def _has_kind(self, kind: str, pattern: re.Pattern[str] | None, text: str,
                  profile: QuestionProfile | None = None) -> bool:
        if kind == "count" and profile is not None:
            # "how many radars": a number followed by radars, not any number in the sentence.
            wanted = [c for c in profile.concepts if c.word == profile.counted] or [
                c for c in profile.concepts if not c.is_country and not c.generic]
            for match in _COUNTED.finditer(text):
                following = frozenset(terms(match.group(2)))
                if any(c.covered_by(following) for c in wanted):
                    return True
            return False
        if kind == "place" and self._places is not None:
            return bool(self._places.search(text))  # "where" / "which city" is answered by a named place
        return bool(pattern.search(text)) if pattern else False

    def _select(self, profile: QuestionProfile, scored: Sequence[ScoredSentence]) -> list[ScoredSentence]:
        if not scored:
            return []
        best = scored[0]
        if max(s.passage.dense_similarity for s in scored) < self._settings.min_similarity and best.coverage < 0.5:
            return []  # off-topic by meaning, and no strong word match either
        article_best: dict[str, ScoredSentence] = {}
        for sentence in scored:
            article_best.setdefault(sentence.passage.article.article_id, sentence)
        margin = _MANY_ARTICLE_MARGIN if profile.wants_many else _ARTICLE_MARGIN
        eligible = {a for a, s in article_best.items() if s.score >= margin * best.score}
        limit = self._settings.max_sentences + (2 if profile.wants_many else 0)
        chosen = [best]
        covered = set(best.covered)
        # "List all…": first the best quote of every relevant article, then the rest as usual.
        firsts = [s for a, s in article_best.items() if a in eligible and s is not best] if profile.wants_many else []
        first_ids = {id(s) for s in firsts}
        restating: list[ScoredSentence] = []
        for candidate in [*firsts, *scored[1:]]:
            if len(chosen) == limit:
                break
            if candidate in chosen:
                continue
            if _says_again(candidate, chosen):
                continue
            if id(candidate) in first_ids:
                chosen.append(candidate)  # an eligible article's own best quote: the list needs it
                covered |= candidate.covered
                continue
            if candidate.passage.article.article_id not in eligible or candidate.score < _EXTRA_MARGIN * best.score:
                continue
            if not candidate.covered - covered:
                if candidate.score >= 0.85 * best.score:
                    restating.append(candidate)  # close behind, but adds nothing: only if room is left
                continue
            chosen.append(candidate)
            covered |= candidate.covered
        quoted = {s.passage.article.article_id for s in chosen}
        for candidate in restating:  # context from an article already quoted, about the same thing as the best
            if len(chosen) == limit:
                break
            if candidate.passage.article.article_id in quoted and not _misses_specific(profile, candidate, best) \
                    and not _says_again(candidate, chosen):
                chosen.append(candidate)
        if profile.kind in _KIND_PATTERNS and not any(s.has_kind for s in chosen):
            # The answer must hold the kind of thing asked for: take the best sentence that does.
            holder = next((s for s in scored[1:] if s.has_kind and s.coverage > 0
                           and s.passage.article.article_id in eligible), None)
            if holder is not None:
                chosen = chosen[: self._settings.max_sentences - 1] + [holder]
                covered |= holder.covered
        if answer_coverage(profile, chosen) < _COVERED or best.coverage < 0.2:
            return []
        if profile.kind == "date" and not any(s.has_kind for s in chosen):
            return []  # asked "when" and nothing chosen states a date
        if profile.kind in ("amount", "count") and not any(s.has_kind and s.coverage >= 0.5 for s in chosen):
            return []  # a figure must be stated by a sentence about what was asked, not about another deal
        return sorted(chosen, key=lambda s: reading_order(s.passage, s.position))


def quotable(sentence: str) -> bool:
    """Whether a sentence can stand alone as an answer: long enough, and not a heading ("Quessaly and
    Ostrelad sign Defence Cooperation Agreement"), a reporter's question in a briefing, or the opening
    of a quotation that goes on in the next sentence."""
    if len(sentence.split()) < _MIN_SENTENCE_WORDS:
        return False
    if sentence.count("\"") % 2 or sentence.count("“") > sentence.count("”"):
        return False
    return sentence.rstrip(" \"'”’)")[-1:] in (".", "!", ";", ":")


def _says_again(candidate: ScoredSentence, chosen: Sequence[ScoredSentence]) -> bool:
    """Says what a chosen sentence already says."""
    return any(term_overlap(candidate.term_set, other.term_set) > 0.5 for other in chosen)


def _misses_specific(profile: QuestionProfile, candidate: ScoredSentence, best: ScoredSentence) -> bool:
    """Whether `candidate` lacks a telling word the best sentence has: "the Quintaran Ministry of Defence's
    director general" beside "the Ministry of Trade's" when the trade ministry's was asked for."""
    return any(profile.concepts[i].weight >= profile.specific_weight and not profile.concepts[i].is_country
               for i in best.covered - candidate.covered)


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
    return all(concept.covered_by(article_terms) for concept in profile.concepts
               if concept.named and not concept.is_country and not concept.generic
               and concept.weight >= profile.specific_weight and not _CALENDAR.fullmatch(concept.word))


def answer_coverage(profile: QuestionProfile, chosen: Sequence[ScoredSentence]) -> float:
    """Share of the question's weight the quotes cover: fully in a quote, partly in a quote's own passage."""
    in_quotes = set().union(*(s.covered for s in chosen))
    passage_terms = frozenset().union(*(frozenset(terms(s.passage.chunk.text)) for s in chosen))
    # Countries and cities only say where; what the question asks about is the rest.
    counted = [i for i, c in enumerate(profile.concepts) if not c.is_country and not c.is_place] or list(
        range(len(profile.concepts)))
    weight = total = 0.0
    for index in counted:
        concept = profile.concepts[index]
        total += concept.weight
        if index in in_quotes:
            weight += concept.weight
        elif concept.covered_by(passage_terms):
            weight += _CONTEXT_CREDIT * concept.weight
    return weight / (total or 1.0)


def term_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller sentence's terms the other one has: above 0.5 they say the same thing."""
    return len(a & b) / (min(len(a), len(b)) or 1)


def compose(question: str, quotes: Sequence[tuple[str, RetrievedChunk]]) -> CitedAnswer:
    """Number the articles in order of first use and put each quote's marker after it."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts: list[str] = []
    for text, passage in quotes:
        n = numbers.setdefault(passage.article.article_id, len(numbers) + 1)
        citations.append(Citation(n=n, article=passage.article, quote=text, chunk_id=passage.chunk.chunk_id))
        parts.append(f"{text} [{n}]")
    dates = [c.article.published for c in citations if c.article.published]
    return CitedAnswer(question=question, text=" ".join(parts), refused=False, citations=tuple(citations),
                       as_of=max(dates) if dates else None)


def refuse(question: str, passages: Sequence[RetrievedChunk]) -> CitedAnswer:
    closest: dict[str, ArticleMeta] = {}
    for passage in passages:
        closest.setdefault(passage.article.article_id, passage.article)
    text = "The articles I have don't cover that, so I won't guess."
    if closest:
        text += " The closest ones are listed below."
    return CitedAnswer(question=question, text=text, refused=True, closest=tuple(list(closest.values())[:3]))
