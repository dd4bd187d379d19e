"""Candidate sentences: every quotable sentence of the retrieved passages, read with its context (its
article's title and lead) and with the vector it got inside its passage at ingestion."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from bot.knowledge.answering import implied_terms, quotable
from bot.knowledge.model import RetrievedChunk
from bot.knowledge.numbers import MONTH_NAMES, WEEKDAY_NAMES
from bot.knowledge.sentences import is_field, split_sentences
from bot.knowledge.store import SentenceVectors
from bot.knowledge.text_terms import terms


@dataclass(frozen=True)
class Candidate:
    """One sentence that could be quoted, with what scoring needs to know about it."""

    text: str
    passage: RetrievedChunk
    passage_rank: int  # 0 = the best retrieved passage
    start: int  # offset in the passage
    chunk_index: int  # the passage's place in its article (0 = the opening passage)
    number: int  # the sentence's place in its passage
    similarity: float  # cosine with the question, of the sentence as read in its passage
    own_terms: frozenset[str]
    context_terms: frozenset[str]  # title, lead, the article's countries and month: what "the facility" means
    # the sentence just before it, which often names its subject; for a fact box's field, the box's other fields
    previous_terms: frozenset[str] = frozenset()
    # a live blog's or a programme's time stamp on the line above ("1 Nov, evening — Arrival"): when it happened
    stamp: str | None = None
    probability: float = 0.0
    features: tuple[float, ...] = field(default=(), compare=False)
    new_values: frozenset[str] = frozenset()  # answer types it states a value of that the question doesn't name
    another_time: bool = False  # the question names a year or month and this sentence is about another

    @property
    def article_id(self) -> str:
        return self.passage.article.article_id


@dataclass(frozen=True)
class ArticleContext:
    """What an article says about itself, once per article: its title and lead sentence, and their terms."""

    text: str
    terms: frozenset[str]


def gather(passages: Sequence[RetrievedChunk], vectors: Mapping[str, SentenceVectors], question_vector: np.ndarray,
           contexts: Mapping[str, ArticleContext]) -> list[Candidate]:
    """Candidates from the passages, each sentence once (overlapping chunks repeat sentences). A sentence
    that opens a list at the very end of one passage is read where another passage goes on with its items
    ("The statement lists the delegation:" then "1. …"), keeping the better passage's rank."""
    seen: dict[tuple[str, str], int] = {}
    found: list[Candidate] = []
    for rank, passage in enumerate(passages):
        stored = vectors.get(passage.chunk.chunk_id)
        spans = stored.spans if stored is not None else [(s.start, s.end) for s in split_sentences(passage.chunk.text)]
        similarities = (stored.vectors @ question_vector if stored is not None
                        else np.full(len(spans), passage.dense_similarity))
        context = contexts[passage.article.article_id]
        texts = [passage.chunk.text[begin:end] for begin, end in spans]
        owns = [frozenset(terms(text)) for text in texts]  # each sentence's terms, read once
        boxes = _fact_boxes(texts, owns)
        for number, ((begin, end), similarity) in enumerate(zip(spans, similarities, strict=True)):
            text, own = texts[number], owns[number]
            key = (passage.article.article_id, text)
            previous = boxes.get(number) or (owns[number - 1] if number else frozenset())
            if not quotable(text):
                continue
            if key in seen:
                earlier = found[seen[key]]
                if _opens_a_list_at_the_end(earlier) and not _opens_a_list_at_the_end_of(passage, text, end):
                    found[seen[key]] = replace(earlier, passage=passage, start=begin, chunk_index=passage.chunk.index,
                                               number=number)
                continue
            seen[key] = len(found)
            found.append(Candidate(
                text=text, passage=passage, passage_rank=rank, start=begin,
                chunk_index=passage.chunk.index, number=number, similarity=float(similarity),
                own_terms=own, context_terms=own | context.terms | implied_terms(passage.article, text),
                previous_terms=previous, stamp=texts[number - 1] if number and is_time_stamp(texts[number - 1]) else None,
            ))
    return found


def _fact_boxes(texts: Sequence[str], owns: Sequence[frozenset[str]]) -> dict[int, frozenset[str]]:
    """For each field of a fact box (a run of at least two "Label: value" sentences), the terms (`owns`, one set
    per sentence) of the box's other fields: "Format: bilateral meeting, about 50 minutes" is about the
    participants two lines below."""
    boxes: dict[int, frozenset[str]] = {}
    run: list[int] = []
    for number, text in enumerate([*texts, ""]):
        if text and is_field(text):
            run.append(number)
            continue
        if len(run) >= 2:
            for i in run:
                boxes[i] = frozenset().union(*(owns[j] for j in run if j != i))
        run = []
    return boxes


def _opens_a_list_at_the_end(candidate: Candidate) -> bool:
    return _opens_a_list_at_the_end_of(candidate.passage, candidate.text, candidate.start + len(candidate.text))


def _opens_a_list_at_the_end_of(passage: RetrievedChunk, text: str, end: int) -> bool:
    """The sentence ends with a colon and nothing of its passage follows it: its items are in the next one."""
    return text.rstrip().endswith(":") and not passage.chunk.text[end:].strip()


def is_time_stamp(line: str) -> bool:
    """A short heading line that opens with a date or a time and dates what follows it ("1 Nov, evening —
    Arrival", "Tuesday 09:30 - Talks begin"): not a sentence, a fact box's field or a list item, all of which are
    quoted on their own ("Date: 28 Feb", "- 3 Mar: arrival"), nor a heading that only mentions a day ("Why
    Friday matters")."""
    text = line.strip().strip("*_#").strip()
    return (bool(text) and len(text.split()) <= _STAMP_WORDS and not quotable(text) and not is_field(text)
            and _LIST_MARK.match(line.strip()) is None and _STAMP.match(text) is not None)


# A time stamp's words at most, and what it opens with: a day with its month, a weekday, or a time of day.
_STAMP_WORDS = 10
_STAMP = re.compile(rf"(?:\d{{1,2}}\s+(?:{MONTH_NAMES})\b|(?:{MONTH_NAMES})\.?\s+\d{{1,2}}\b"
                    rf"|(?:{WEEKDAY_NAMES})\b|\d{{1,2}}:\d{{2}}\b)", re.IGNORECASE)
_LIST_MARK = re.compile(r"(?:[-*•]|\d+[.)])\s")
