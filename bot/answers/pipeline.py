"""The answer pipeline, top to bottom: understand → retrieve → strategies in order (each gathers,
scores, selects and composes its own way) → verify → or refuse with the closest articles."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from bot.answers.acronyms import spelled_out
from bot.answers.answer_types import AnswerTypeModel
from bot.answers.calendar_notes import with_calendar_dates
from bot.answers.compound import combine, split_compound
from bot.answers.denials import NO_EVENTS, Events, asks_of_an_event, denying_quotes
from bot.answers.evidence import Evidence, article_ids
from bot.answers.explanation import Explanation
from bot.answers.question import Question, kind_text, understand
from bot.answers.strategies import DENIABLE_REFUSAL, NOT_MINE, Answered, Refused, Strategy
from bot.facts.described_officials import described_roles
from bot.facts.model import ArticleFacts
from bot.knowledge.answering import deny, refuse
from bot.knowledge.embedder import TextEmbedder
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.model import GLOBAL_SCOPE, CitedAnswer, RetrievedChunk, SearchFilters
from bot.knowledge.question import Vocabulary, looks_like_follow_up, profile_question
from bot.knowledge.retrieval import CorpusSnapshot, HybridRetriever

log = logging.getLogger(__name__)

Wording = Callable[[Question, Sequence[RetrievedChunk], CitedAnswer], CitedAnswer]
"""Optional rewording of an extractive answer by a language model, from the same evidence."""


@dataclass(frozen=True)
class Asked:
    """One question and where it may look."""

    text: str
    scopes: tuple[str, ...] = (GLOBAL_SCOPE,)
    countries: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    previous: str | None = None
    one_part: bool = False  # a part of a line that joined questions: one thing, not a list across articles


class AnswerPipeline:
    def __init__(self, retriever: HybridRetriever, embedder: TextEmbedder, gazetteer: Gazetteer,
                 vocabulary: Vocabulary, types: AnswerTypeModel, strategies: Sequence[Strategy],
                 article_terms: Callable[[str], frozenset[str]], decoded_facts: Callable[[str], ArticleFacts],
                 wording: Wording | None = None, events: Events = NO_EVENTS) -> None:
        self._retriever = retriever
        self._embedder = embedder
        self._gazetteer = gazetteer
        self.vocabulary = vocabulary
        self.types = types
        self.strategies = tuple(strategies)
        self._article_terms = article_terms
        self._decoded_facts = decoded_facts
        self._wording = wording
        self._events = events  # the events a quote may deny (bot/answers/denials.py)

    def evidence(self, asked: Asked) -> Evidence:
        """Understand the question and retrieve its passages: what every strategy reads."""
        snapshot = self._retriever.snapshot()
        follow_up = bool(asked.previous) and looks_like_follow_up(asked.text)
        search_text = f"{asked.previous} {asked.text}" if follow_up else asked.text
        profile = profile_question(search_text, snapshot.lexical, self._gazetteer, self.vocabulary)
        # One embedding serves retrieval, the answer type and every candidate's similarity: the question as
        # asked (BM25 still gets its chat words' equivalents, "jwg" → "joint working group").
        vector = self._embedder.embed_query(search_text)
        own_vector = self._embedder.embed_query(asked.text) if follow_up else None
        kind_words = kind_text(asked.text)
        unlocated = self._embedder.embed_query(kind_words) if kind_words != asked.text else None
        question = understand(asked.text, profile=profile, vector=vector, types=self.types, own_vector=own_vector,
                              unlocated_vector=unlocated)
        if asked.one_part:
            question = replace(question, many=0.0)
        elif len({sides.visitor for sides in described_roles(asked.text.casefold(), self._gazetteer)}) >= 2:
            # "veloria's defence minister and kestovia's foreign minister - names?": people of two countries,
            # each told in an article of its own, is a list whatever its wording
            question = replace(question, many=1.0)
        # The profile's guess of a list across articles is words ("in 2010", "all"); the model's reading of the
        # whole question (a part's: never a list) must agree for the fact strategies to list.
        question = replace(question, profile=replace(question.profile,
                                                     wants_many=question.profile.wants_many and question.wants_many))
        filters = SearchFilters(scopes=asked.scopes, countries=asked.countries, since=asked.since, until=asked.until)
        if len(question.profile.countries) >= 2 and not asked.countries:
            # A question about a pair is answered from articles about that pair, or not at all.
            filters = replace(filters, countries=question.profile.countries)
        passages = self._retriever.search(question.profile.search_text, filters, vector=vector)
        if not passages and filters.countries and not asked.countries:
            # No article is about the pair: one about either may name the other in its text ("Benin imports
            # gas from Qatar"); which of them do is the evidence's to judge.
            passages = self._retriever.search(question.profile.search_text, replace(filters, countries=()),
                                              vector=vector)
        if question.wants_many and filters.countries and not asked.countries and len(article_ids(passages)) < 2:
            # A list in parts ("deals with the uae and with australia") has no article about the whole pair:
            # each country's own articles are searched too (bot/answers/parts.py reads them part by part).
            # The user's own country filter (`asked.countries`) is a hard limit, so only a pair the question
            # names is widened. Each country's passages take turns, so neither part always ranks last.
            each = [self._retriever.search(question.profile.search_text, replace(filters, countries=(country,)),
                                           vector=vector) for country in filters.countries]
            turns = [p for ranked in itertools.zip_longest(*each) for p in ranked if p is not None]
            merged: dict[str, RetrievedChunk] = {}
            for passage in [*passages, *turns]:
                merged.setdefault(passage.chunk.chunk_id, passage)
            passages = list(merged.values())
        # "jc" is read as the "joint commission" the passages name, once they are at hand.
        question = replace(question, profile=spelled_out(question.profile, passages, snapshot.lexical))
        return Evidence(question, passages, snapshot, self._article_terms, self._decoded_facts,
                        self._gazetteer.countries_named)

    def answer(self, asked: Asked) -> tuple[CitedAnswer, Explanation]:
        """A line that joins questions (bot/answers/compound.py) is answered part by part when every part
        has an answer; otherwise, and for any other line, as one question."""
        parts = split_compound(asked.text, self._names_a_place)
        if len(parts) > 1:
            # A later part follows on from the first ("… and when did he land"); the first part from
            # whatever the whole line followed on from.
            answered = [self._answer_whole(replace(asked, text=part, previous=parts[0] if n else asked.previous,
                                                   one_part=True)) for n, part in enumerate(parts)]
            combined = combine(asked.text, [a for a, _ in answered])
            if combined is not None:
                reason = f"in {len(parts)} parts: " + "; ".join(
                    f"'{part}' → {e.strategy}: {e.reason}" for part, (_, e) in zip(parts, answered, strict=True))
                why = Explanation(answered[0][1].answer_types, "in parts", reason,
                                  parts=tuple((part, e) for part, (_, e) in zip(parts, answered, strict=True)))
                return replace(combined, reason=reason), why
        return self._answer_whole(asked)

    def _names_a_place(self, text: str) -> bool:
        """A country, a people or a city, as typed ("fijian", "havana"): what a story's name in a question holds."""
        return not self._gazetteer.everyday_word(text) and bool(
            self._gazetteer.canonical(text) or self._gazetteer.city_country(text))

    def _answer_whole(self, asked: Asked) -> tuple[CitedAnswer, Explanation]:
        evidence = self.evidence(asked)
        passed: list[str] = []
        for strategy in self.strategies:
            outcome = strategy.attempt(evidence)
            if outcome is NOT_MINE:
                passed.append(strategy.name)
                continue
            assert isinstance(outcome, Answered | Refused)
            explanation = Explanation(evidence.question.types, strategy.name, outcome.reason, outcome.threshold,
                                      outcome.candidates, tuple(passed))
            if isinstance(outcome, Refused):
                # "what did they sign" where no agreement is told: the sentences saying so, if the sentence scorer
                # would quote them
                scored = (self.strategies[-1].attempt(evidence)
                          if strategy.name == DENIABLE_REFUSAL and asks_of_an_event(evidence.question, self._events)
                          else None)
                refusal = (self._denial(asked.text, evidence, verified(scored.answer, evidence.snapshot))
                           if isinstance(scored, Answered) else None)
                if refusal is not None:
                    reason = f"{outcome.reason}; the sentence scorer's quotes say it did not happen"
                    return replace(refusal, reason=reason), replace(explanation, reason=reason)
                return replace(refuse(asked.text, evidence.passages), reason=outcome.reason), explanation
            answer = verified(outcome.answer, evidence.snapshot)
            if answer is None:
                log.warning("an answer quoted text not in its cited passage; refusing strategy=%s", strategy.name)
                return refuse(asked.text, evidence.passages), replace(explanation, reason="a quote failed verification")
            if strategy.name not in _NOT_OF_AN_EVENT and (denial := self._denial(asked.text, evidence, answer)) is not None:
                # "what did they sign" → "No agreements were reported signed": the article says it did not happen
                reason = "the quotes say that what the question asks about did not happen"
                return replace(denial, reason=reason), replace(explanation, reason=reason)
            if self._wording is not None and strategy.name == "extractive":
                answer = self._wording(evidence.question, evidence.passages, answer)
            if answer.quoted and evidence.question.answer_type == "date":
                answer = with_calendar_dates(answer)
            return replace(answer, reason=f"{strategy.name}: {outcome.reason}"), explanation
        reason = "no strategy could answer"
        return replace(refuse(asked.text, evidence.passages), reason=reason), Explanation(
            evidence.question.types, "none", reason, passed=tuple(passed))

    def _denial(self, question: str, evidence: Evidence, answer: CitedAnswer | None) -> CitedAnswer | None:
        """A refusal quoting the (verified) answer's sentences when they deny the event the question asks about."""
        denials = denying_quotes(answer, evidence.question, self._events) if answer is not None else ()
        return deny(question, denials) if denials else None


# Strategies whose answer is about an article or a topic, not an event a quote could deny.
_NOT_OF_AN_EVENT = frozenset({"source", "summary"})


def verified(answer: CitedAnswer, snapshot: CorpusSnapshot) -> CitedAnswer | None:
    """Every quote must stand verbatim in the passage it cites."""
    for citation in answer.citations:
        position = snapshot.positions.get(citation.chunk_id)
        if position is None or citation.quote not in snapshot.chunks[position].text:
            return None
    return answer
