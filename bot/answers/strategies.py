"""The ways a question can be answered, tried in order. Each returns Answered, Refused (with its reason)
or NOT_MINE, so the next one is tried: no exceptions as control flow."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bot.answers.answer_types import TypeExamples
from bot.answers.asked_dates import (
    about_another_time,
    asked_after_report,
    asked_periods,
    asked_tense,
    asks_about_past,
)
from bot.answers.candidates import Candidate, gather
from bot.answers.denials import NO_EVENTS, Events, affirms, asked_stems
from bot.answers.evidence import Evidence, article_ids
from bot.answers.features import candidate_features
from bot.answers.list_openers import quoted_with_lists
from bot.answers.model import AnswerModel
from bot.answers.question import Question
from bot.answers.selection import select
from bot.facts.agreement_questions import agreement_content_quotes, agreement_quotes
from bot.facts.dates import period_end
from bot.facts.described_officials import described_roles
from bot.facts.model import ArticleFacts, FactQuote
from bot.facts.named_titles import named_title_quotes
from bot.facts.official_questions import (
    official_quotes,
    role_holder_quotes,
    role_holders,
    roles_possibly_held,
)
from bot.facts.visit_questions import NoSuchOfficial, visit_quotes
from bot.knowledge.answering import compose, reading_order
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.model import Citation, CitedAnswer
from bot.knowledge.numbers import ORDINAL, numbers_asked
from bot.knowledge.question import AUXILIARY_VERBS, QuestionProfile
from bot.knowledge.sentences import sentence_spans, split_sentences
from bot.knowledge.store import ArticleStore
from bot.knowledge.summaries import summarize_passages


@dataclass(frozen=True)
class Answered:
    answer: CitedAnswer
    reason: str
    candidates: tuple[Candidate, ...] = ()
    threshold: float | None = None


@dataclass(frozen=True)
class Refused:
    reason: str
    candidates: tuple[Candidate, ...] = ()
    threshold: float | None = None


class _NotMine:
    def __repr__(self) -> str:
        return "NOT_MINE"


NOT_MINE = _NotMine()
Outcome = Answered | Refused | _NotMine


class Strategy(Protocol):
    name: str

    def attempt(self, evidence: Evidence) -> Outcome: ...


class SourceStrategy:
    """"who reported this", "link?": answered from the best-matching article's metadata, cited."""

    name = "source"

    def __init__(self, source_words: frozenset[str] = frozenset()) -> None:
        # The words of the source examples in config/answer_types.toml ("outlet", "reported", "link"): they ask
        # for the metadata, so they are never what an article must mention.
        self._source_words = source_words

    def attempt(self, evidence: Evidence) -> Outcome:
        if not evidence.question.surely("source"):
            return NOT_MINE
        relevant = evidence.relevant
        if not relevant:
            return Refused("no retrieved article mentions what the question names")
        about = [c for c in evidence.question.profile.concepts
                 if not c.generic and not any(t in self._source_words for phrase in c.alternatives for t in phrase)]
        # The article the question describes best ("the mercopress piece on cafiero n bustillo"), the better
        # retrieved first among equals.
        article_ids = list(dict.fromkeys(p.article.article_id for p in relevant))
        article_id = max(article_ids, key=lambda a: (
            sum(c.weight for c in about if c.covered_by(evidence.named_by(a))),
            -article_ids.index(a)))
        article = evidence.named_by(article_id)
        if about and not any(c.covered_by(article) for c in about):
            return Refused("the question is about something the best article never mentions")
        lead = evidence.lead(article_id)
        if lead is None:
            return Refused("the best article has no quotable sentence")
        sentence, passage = lead
        meta = passage.article
        parts = [f"*{meta.title}*"]
        parts.append(f"was published by {meta.outlet}" if meta.outlet else "names no outlet")
        parts.append(f"on {meta.published.isoformat()}" if meta.published else "with no date")
        if others := sorted({o.outlet for o in meta.other_sources if o.outlet} - {meta.outlet}):  # syndicated copies
            parts.append(f"(the same story also ran in {', '.join(others[:-1])}{' and ' if len(others) > 1 else ''}"
                         f"{others[-1]})")
        text = " ".join(parts) + (f" ({meta.url})" if meta.url else "") + ". It opens: " + f"{sentence} [1]"
        answer = CitedAnswer(question=evidence.question.text, text=text, refused=False,
                             citations=(Citation(1, meta, sentence, passage.chunk.chunk_id),), as_of=meta.published)
        return Answered(answer, f"source question (p={evidence.question.wants('source'):.2f}): metadata of the "
                                f"best-matching article")


class UnstatedOrderStrategy:
    """"when was the 6th summit", "what came out of the 2nd binational cabinet": an order no retrieved article
    states ("sixth", "6th", "VI") asks about another meeting than the ones they report, so the question is
    refused before any strategy answers with the 5th. Orders only: a count or a day may be written many ways."""

    name = "order asked"

    def attempt(self, evidence: Evidence) -> Outcome:
        asked = {n for n in numbers_asked(evidence.question.text) if n.startswith(ORDINAL)}
        if not asked:
            return NOT_MINE
        stated = {n for a in article_ids(evidence.relevant) for n in evidence.numbers_stated(a)}
        missing = sorted(asked - stated, key=lambda n: int(n.removeprefix(ORDINAL)))
        if not missing:
            return NOT_MINE
        orders = " or ".join(_ordinal(int(n.removeprefix(ORDINAL))) for n in missing)
        return Refused(f"the question asks about the {orders} of something, and no retrieved article states that "
                       f"order")


class SummaryStrategy:
    """"give me an overview of X-Y ties": the topic's central sentences from the articles about it."""

    name = "summary"

    def __init__(self, min_similarity: float) -> None:
        self._min_similarity = min_similarity

    def attempt(self, evidence: Evidence) -> Outcome:
        # "all visits between X and Y in 2026" asks for one item per article, not an overview of them.
        if not evidence.question.surely("summary") or evidence.question.wants_many:
            return NOT_MINE
        relevant = evidence.relevant
        if not relevant or max(p.dense_similarity for p in relevant) < self._min_similarity:
            return Refused("no retrieved passage is close enough to the topic to summarise")
        summary = summarize_passages(evidence.question.profile.search_text, relevant)
        return Answered(replace(summary, question=evidence.question.text),
                        f"summary question (p={evidence.question.wants('summary'):.2f}): central sentences of "
                        f"{len(article_ids(relevant))} articles")


# "what will they sign", "which deals are to be signed": a signing still to come
_SIGNING_TO_COME = re.compile(r"\b(?:will|going\s+to|gonna|to\s+be|set\s+to|due\s+to|plan(?:s|ning)?\s+to)\s+"
                              r"(?:\w+\s+)?(?:sign|ink|conclude|signed|inked|concluded)\b", re.IGNORECASE)
# "what did they sign", "did they ink anything": a question about a signing (not "what did they agree", which
# may be a statement or a plan)
_ASKS_WHAT_WAS_SIGNED = re.compile(r"\b(?:sign(?:ed)?|ink(?:ed)?|conclude[d]?|initiall?ed)\b", re.IGNORECASE)
# A visit's own facts tell whom, when, where and why; these only when its sentences happen to state one ("all
# visits in 2026" may read as a list of fields, so "areas" is not among them).
_NOT_TOLD_BY_A_VISIT = ("agreement", "money", "count", "duration")


class VisitFactsStrategy:
    """A question about a visit we extracted: that visit's own sentences (whom, when, where, why)."""

    name = "visit facts"

    def __init__(self, gazetteer: Gazetteer, values: TypeExamples) -> None:
        self._gazetteer = gazetteer
        self._values = values

    def attempt(self, evidence: Evidence) -> Outcome:
        relevant = _relevant_facts(evidence)
        facts = _visits_of_the_time_asked(relevant, evidence.question.text,
                                          by_tense=evidence.question.answer_type == "date")
        found = visit_quotes(_kind_by_meaning(evidence.question), facts, evidence.terms_by_article(), self._gazetteer,
                             gives_reason=lambda sentence: "reason" in self._values.held_by(sentence))
        if isinstance(found, NoSuchOfficial):
            held = roles_possibly_held(evidence.question.profile, relevant, self._gazetteer,
                                       evidence.article_text, asks_who=False)
            if held and any(held.values()):
                # someone whose country or title the extraction could not pin down may be them ("Spokesperson
                # Harry Roque"), or a report writes the role for that country though no official of it was
                # extracted ("the Chilean senator who welcomed him"): no proof of a near miss
                return NOT_MINE
            return Refused(f"no article names the visitor described as {found.described!r}")
        question = evidence.question
        kind = question.answer_type
        if (kind in _NOT_TOLD_BY_A_VISIT and question.surely(kind)
                and not any(kind in self._values.held_by(q.sentence) for q in found)):
            # "what agreements did X sign during the visit": the visit's sentences state no agreement, so they
            # answer nothing; the sentence scorer reads the whole article
            return NOT_MINE
        return _quoted(evidence, found, "an extracted visit matches")


# The answer types a visit's facts tell, by the names the question profile gives its kinds.
_PROFILE_KINDS = {"person": "person", "date": "date", "place": "place", "money": "amount", "count": "count",
                  "areas": "area"}


def _kind_by_meaning(question: Question) -> QuestionProfile:
    """The question's profile with its kind as the answer-type model reads the whole question, when the model
    is sure: "norway trade minister going to china with solberg" asks for a person though no "who" is typed."""
    kind = _PROFILE_KINDS.get(question.answer_type)
    if kind is None or not question.surely(question.answer_type) or question.profile.kind != "general":
        return question.profile  # a kind the question's own words give ("when", "where") stands
    if question.wants_many and kind == "area":
        return question.profile  # "all visits between X and Y": a list of the trips themselves, not of fields
    if _YES_NO.match(question.text):
        return question.profile  # "did baram meet doval" asks whether, not who
    return replace(question.profile, kind=kind)


# A question that opens with an auxiliary asks whether something is so ("did X meet Y", "is X going to Y").
_YES_NO = re.compile(rf"\s*(?:{AUXILIARY_VERBS})\b", re.IGNORECASE)


class OfficialFactsStrategy:
    """"japan def min at the signing - name?": the extracted official of that country with that role."""

    name = "official facts"

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    def attempt(self, evidence: Evidence) -> Outcome:
        if not evidence.question.surely("person"):
            return NOT_MINE
        found = official_quotes(evidence.question.profile, _of_the_years_asked(evidence, _relevant_facts(evidence)),
                                self._gazetteer, many=evidence.question.wants_many)
        return _quoted(evidence, found, "an extracted official of the country has the role asked")


class NamedTitleStrategy:
    """"whats isabel lovin's title", "who is kharola": the titles extracted for the person the question names."""

    name = "named official's title"

    def attempt(self, evidence: Evidence) -> Outcome:
        if evidence.question.answer_type not in ("person", "general"):
            return NOT_MINE
        found = named_title_quotes(evidence.question.text, _relevant_facts(evidence))
        return _quoted(evidence, found, "the question names an extracted official and asks what they are")


class RoleHoldersStrategy:
    """"name the defence ministers in the mongolia and the moz-malawi stories": every extracted official whose
    title fits the role, from each article the question reads (one part each, for a list read in parts)."""

    name = "role holders"

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    def attempt(self, evidence: Evidence) -> Outcome:
        question = evidence.question
        if question.answer_type != "person":
            return NOT_MINE
        facts = _of_the_years_asked(evidence, _relevant_facts(evidence))
        found = role_holder_quotes(question.profile, facts, self._gazetteer, every_article=evidence.in_parts)
        return _quoted(evidence, found, "extracted officials hold the role asked")


# The strategy whose refusal ("nothing was signed there") may show the sentences that say so (bot/answers/pipeline.py).
DENIABLE_REFUSAL = "agreement facts"
# The kinds of answer that are an amount told of a deal, not the deals themselves nor their terms.
_VALUES_OF_A_DEAL = ("money", "duration")


# "whats his name", "name?", "who is she": a question asking a person's name.
_ASKS_A_NAME = re.compile(r"\bnames?\b|\bwho(?:['’]?s|\s+is|\s+was)?\b")


class AgreementFactsStrategy:
    """"List all the deals X and Y signed", "what does the health MoU cover": the extracted agreements; "what did
    X and Y sign in C", when the articles about it tell of no agreement and no signing at all, is refused."""

    name = DENIABLE_REFUSAL

    def __init__(self, events: Events = NO_EVENTS, gazetteer: Gazetteer | None = None) -> None:
        self._events = events
        self._gazetteer = gazetteer

    def attempt(self, evidence: Evidence) -> Outcome:
        if self._asks_the_name_of_an_official(evidence):
            # "ethiopia's fm in the qatar deals story - whats his name": the deals only say which story
            return NOT_MINE
        if evidence.question.answer_type in _VALUES_OF_A_DEAL:
            # "whats the dollar value of the trade deal", "how long does the pact run": a sum or a span the
            # deal's sentences may not state is the sentence scorer's to find (with its value gates), whenever
            # the question reads most like one, sure or not (its deal's name pulls it towards "agreement")
            return NOT_MINE
        facts = _relevant_facts(evidence)
        published = {p.article.article_id: p.article.published for p in evidence.relevant}
        profile = evidence.question.profile
        # "what will they sign": the agreements signed are no list of it ("what will the pact cover" still is
        # one agreement's terms)
        to_come = _SIGNING_TO_COME.search(profile.text) is not None
        signed = [] if to_come else agreement_quotes(profile, facts, published)
        found = signed or agreement_content_quotes(profile, facts)
        if (not found and not to_come and facts and _ASKS_WHAT_WAS_SIGNED.search(profile.text)
                and evidence.question.surely("agreement") and asks_about_past(profile.text)
                and not any(a.status == "signed" for f in facts.values() for a in f.agreements)
                and not self._signing_told(evidence)):
            # "what did X and Y sign in Quito": the reports of that meeting tell of no agreement and no signing
            return Refused("no retrieved article about it reports an agreement or a signing")
        return _quoted(evidence, found, "extracted agreements match")

    def _asks_the_name_of_an_official(self, evidence: Evidence) -> bool:
        """A question sure to want a person, that describes an official ("ethiopia's fm") and asks a name."""
        text = evidence.question.text.casefold()
        return (self._gazetteer is not None and evidence.question.surely("person")
                and _ASKS_A_NAME.search(text) is not None and bool(described_roles(text, self._gazetteer)))

    def _signing_told(self, evidence: Evidence) -> bool:
        """Whether a relevant sentence tells of the signing asked about in words the extraction may not know as
        an agreement ("signed three instruments of cooperation", "inked a currency swap line")."""
        asked = asked_stems(evidence.question.profile, self._events.action_stems)
        forms = self._events.forms_of(asked)
        # a signing still to come ("the two presidents are due to sign") tells of none yet
        return bool(forms) and any(affirms(sentence.text, asked, forms)
                                   and not _SIGNING_TO_COME.search(sentence.text)
                                   for passage in evidence.relevant for sentence in split_sentences(passage.chunk.text))


class ExtractiveStrategy:
    """Every sentence of the retrieved passages scored by the fitted model; quote the best, or refuse."""

    name = "extractive"

    def __init__(self, store: ArticleStore, model: AnswerModel, values: TypeExamples, max_sentences: int,
                 max_list_items: int, gazetteer: Gazetteer) -> None:
        self._store = store
        self._gazetteer = gazetteer
        self.model = model
        self._values = values
        self._max_sentences = max_sentences
        self._max_list_items = max_list_items

    def score(self, evidence: Evidence) -> list[Candidate]:
        """All candidates with their features and probabilities (also what training reads).

        Only articles that cover the countries asked about and mention every name the question is about
        may be quoted: a sentence about another minister answers another question."""
        passages = evidence.relevant
        vectors = self._store.sentence_vectors({p.chunk.chunk_id: len(sentence_spans(p.chunk.text)) for p in passages})
        contexts = {a: evidence.context(a) for a in article_ids(passages)}
        candidates = gather(passages, vectors, evidence.question.vector, contexts)
        facts = _relevant_facts(evidence)
        rows, new_values = candidate_features(evidence.question, candidates, self._values,
                                              evidence.terms_by_article(), {a: c.text for a, c in contexts.items()},
                                              in_parts=evidence.in_parts,
                                              holders=role_holders(evidence.question.profile, facts, self._gazetteer),
                                              possibly_held=roles_possibly_held(
                                                  evidence.question.profile, facts, self._gazetteer,
                                                  evidence.article_text,
                                                  asks_who=evidence.question.answer_type == "person"),
                                              agreements_told={a: bool(f.agreements) for a, f in facts.items()},
                                              people={a: [o.name for o in f.officials] for a, f in facts.items()})
        probabilities = self.model.probabilities(rows)
        periods = asked_periods(evidence.question.text)
        return [replace(c, probability=float(p), features=tuple(float(v) for v in row), new_values=new,
                        another_time=about_another_time(periods, c)
                        or asked_after_report(evidence.question.text, c.passage.article.published))
                for c, p, row, new in zip(candidates, probabilities, rows, new_values, strict=True)]

    def attempt(self, evidence: Evidence) -> Outcome:
        scored = self.score(evidence)
        threshold = self.model.thresholds.to_answer(evidence.question.wants_many)
        if not scored:
            return Refused("no retrieved article covers the countries and names the question asks about",
                           (), threshold)
        selection = select(scored, self.model.thresholds, many=evidence.question.wants_many,
                           max_sentences=self._max_sentences, max_list_items=self._max_list_items,
                           types=evidence.question.types)
        if not selection.chosen:
            return Refused(selection.reason, tuple(scored), threshold)
        answer = compose(evidence.question.text, [(text, c.passage) for text, c in quoted_with_lists(selection.chosen)])
        return Answered(answer, selection.reason, tuple(scored), threshold)


def _ordinal(number: int) -> str:
    """12 → "12th", 22 → "22nd"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _of_the_years_asked(evidence: Evidence, facts: dict[str, ArticleFacts]) -> dict[str, ArticleFacts]:
    """ "which presidents travelled in may 2024", "who was chile's fm when holguin came in 2013": an article that
    never states the year (nor was published in it) holds none of the people asked about."""
    periods = asked_periods(evidence.question.text)  # not a year that only marks a point ("since 2019")
    if not periods:
        return facts
    stated = {a: evidence.numbers_stated(a) for a in facts}  # the article's whole text, read once each
    return {a: f for a, f in facts.items()
            if all(any(str(y) in stated[a] for y in range(p.first.year, p.last.year + 1)) for p in periods)}


def _relevant_facts(evidence: Evidence) -> dict[str, ArticleFacts]:
    """The extracted facts of each article the relevant passages come from, in retrieval order."""
    return {a: evidence.decoded_facts(a) for a in article_ids(evidence.relevant)}


def _visits_of_the_time_asked(facts: dict[str, ArticleFacts], question: str, *,
                              by_tense: bool) -> dict[str, ArticleFacts]:
    """The visits a question may be about. "where did Shehbaz meet Aliyev in Feb 2025" is not answered by their
    meeting of July 2024: a visit dated outside every period the question names is set aside (an undated one
    may still be it). Asked `by_tense` when a trip happens, "when did X go to Y" is not answered by a trip
    still planned, nor "when will X visit Y" by one already made: those are left to the sentence scorer, which
    refuses what no sentence tells. A cancelled trip stays ("when did X call off his trip"); the tense is read
    without the names of the people the visits name ("Will Pellum")."""
    periods = asked_periods(question)
    unlike = None
    if by_tense:
        names = {w for found in facts.values() for v in found.visits for person in (v.visitor, *v.met)
                 for w in person.casefold().split()}
        tense = asked_tense(" ".join(w for w in question.split() if w.casefold() not in names))
        unlike = {"past": "planned", "future": "completed"}.get(tense or "")
    return {article_id: replace(found, visits=tuple(
        v for v in found.visits
        if v.status != unlike
        and (not periods or v.start is None
             or any(p.overlaps(v.start, v.end or period_end(v.start, v.precision)) for p in periods))))
        for article_id, found in facts.items()}


def _quoted(evidence: Evidence, quotes: Sequence[FactQuote], reason: str) -> Outcome:
    located = [(q.sentence, passage) for q in quotes
               if (passage := evidence.passage_quoting(q.sentence, q.article_id)) is not None]
    if not located:
        return NOT_MINE
    located.sort(key=lambda q: reading_order(q[1], q[1].chunk.text.index(q[0])))
    return Answered(compose(evidence.question.text, located), reason)
