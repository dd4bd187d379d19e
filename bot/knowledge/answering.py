"""Answers made of the articles' own sentences, each followed by its citation, or an honest refusal.

Quoting instead of paraphrasing makes every [n] true by construction; the work is in choosing the
sentences: overlap with the question's telling terms (weighted by idf), the passage's similarity to the
question, and whether the sentence holds the kind of thing asked for (a date for "when", a name for "who").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.config import AnswerSettings
from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.model import ArticleMeta, Citation, CitedAnswer, RetrievedChunk
from bot.knowledge.question import QuestionProfile
from bot.knowledge.sentences import split_sentences
from bot.knowledge.text_terms import terms

_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
_KIND_PATTERNS = {
    "date": re.compile(rf"\b{_MONTH}\b|\b(19|20)\d\d\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
                       r"|\b(yesterday|today|last (week|month|year)|next (week|month|year))\b"),
    "amount": re.compile(r"(\$|USD|US\$|EUR|€|£|Rs\.?|INR|rupees?|dollars?|euros?|crore|lakh|million|billion|thousand|hundred|dozen|\d[\d,.]*)", re.I),
    "person": re.compile(r"\b(Minister|Secretary|Advisor|Adviser|General|Director|President|Ambassador|Chief|"
                         r"Marshal|Admiral|Commander|Envoy|Deputy|Head|Prime)\b|\b[A-Z][a-z]+ [A-Z][a-z]+\b"),
    "area": re.compile(r"\b(cooperation|collaboration|partnership|R&D|research|manufactur\w*|technology|trade|"
                       r"defence|defense|industr\w*|security|agricultur\w*|water|space|cyber|energy)\b", re.I),
    "place": re.compile(r"\b(in|to|at|from) [A-Z][a-z]+"),
}
_MIN_SENTENCE_WORDS = 6


class Answerer(Protocol):
    """Turns retrieved passages into a cited answer; the extractive one is the default, an LLM one optional."""

    def answer(self, profile: QuestionProfile, passages: Sequence[RetrievedChunk], lexical: LexicalIndex) -> CitedAnswer:
        ...


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    passage: RetrievedChunk
    position: int
    score: float
    coverage: float
    has_kind: bool
    term_set: frozenset[str]


class ExtractiveAnswerer:
    """Picks, de-duplicates and orders sentences from the passages; refuses when they do not answer."""

    def __init__(self, settings: AnswerSettings) -> None:
        self._settings = settings

    def answer(self, profile: QuestionProfile, passages: Sequence[RetrievedChunk], lexical: LexicalIndex) -> CitedAnswer:
        refusal = self._refusal_reason(profile, passages)
        scored = self._score_sentences(profile, passages, lexical) if refusal is None else []
        if refusal is None and not self._answers_question(profile, scored):
            refusal = "no passage answers it"
        if refusal is not None:
            return refuse(profile.text, passages)
        chosen = self._select(scored)
        return compose(profile.text, [(s.text, s.passage) for s in chosen])

    def _refusal_reason(self, profile: QuestionProfile, passages: Sequence[RetrievedChunk]) -> str | None:
        if not passages:
            return "nothing retrieved"
        covered = {c for p in passages for c in p.article.countries}
        text = " ".join(p.chunk.text for p in passages)
        missing = [c for c in profile.countries if c not in covered and c not in text]
        if missing:
            return f"countries not covered: {missing}"
        return None

    def _score_sentences(
        self, profile: QuestionProfile, passages: Sequence[RetrievedChunk], lexical: LexicalIndex
    ) -> list[ScoredSentence]:
        weights = {t: lexical.idf(t) for t in profile.terms}
        total = sum(weights.values()) or 1.0
        kind_pattern = _KIND_PATTERNS.get(profile.kind)
        top_similarity = max(p.dense_similarity for p in passages) or 1.0
        scored: list[ScoredSentence] = []
        for passage in passages:
            for position, sentence in enumerate(split_sentences(passage.chunk.text)):
                if len(sentence.text.split()) < _MIN_SENTENCE_WORDS:
                    continue
                sentence_terms = frozenset(terms(sentence.text))
                coverage = sum(w for t, w in weights.items() if t in sentence_terms) / total
                has_kind = bool(kind_pattern.search(sentence.text)) if kind_pattern else False
                score = (
                    0.6 * coverage
                    + 0.3 * (passage.dense_similarity / top_similarity)
                    + (0.2 if has_kind else 0.0)
                    + 0.02 / (1 + position)  # leads of passages tend to carry the news
                )
                scored.append(ScoredSentence(sentence.text, passage, position, score, coverage, has_kind, sentence_terms))
        return sorted(scored, key=lambda s: -s.score)

    def _answers_question(self, profile: QuestionProfile, scored: Sequence[ScoredSentence]) -> bool:
        if not scored:
            return False
        best = scored[0]
        if profile.kind in ("date", "amount") and not any(s.has_kind and s.coverage > 0 for s in scored[:8]):
            return False  # asked "when" or "how much" and no relevant sentence states one
        similarity = max(s.passage.dense_similarity for s in scored)
        if similarity < self._settings.min_similarity:
            return best.coverage >= 0.5  # off-topic by meaning: only a strong word match still counts
        confident = similarity >= self._settings.confident_similarity
        return best.coverage >= 0.25 or (confident and best.coverage > 0)

    def _select(self, scored: Sequence[ScoredSentence]) -> list[ScoredSentence]:
        best = scored[0].score
        chosen: list[ScoredSentence] = []
        for candidate in scored:
            if len(chosen) == self._settings.max_sentences or candidate.score < 0.6 * best:
                break
            if any(_overlap(candidate.term_set, other.term_set) > 0.5 for other in chosen):
                continue  # says what a chosen sentence already says
            chosen.append(candidate)
        # Read in the articles' order: oldest article first, then position within it.
        return sorted(chosen, key=lambda s: (
            s.passage.article.published.isoformat() if s.passage.article.published else "",
            s.passage.article.article_id, s.passage.chunk.index, s.position,
        ))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
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
