"""Runs a question set through Attaché and through the baseline, and checks every answer and citation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from bot.evaluation.baseline import LangchainBaseline
from bot.evaluation.metrics import CitationCheck, QuestionOutcome, Scores, answer_is_correct, score_by_type
from bot.evaluation.questions import EvalQuestion
from bot.knowledge.model import CitedAnswer, SearchFilters
from bot.knowledge.retrieval import CorpusSnapshot
from bot.services import KnowledgeBase

HIT_K = 5


@dataclass(frozen=True)
class EvalReport:
    systems: dict[str, dict[str, Scores]]       # system -> type -> scores
    outcomes: dict[str, list[QuestionOutcome]]  # system -> per-question outcomes
    answers: dict[str, list[CitedAnswer]]


def run_eval(kb: KnowledgeBase, questions: Sequence[EvalQuestion], *, with_baseline: bool = True) -> EvalReport:
    snapshot = kb.retriever.snapshot()
    kb.ask("warm up")  # the first call pays one-off costs that are not per-question latency
    outcomes: dict[str, list[QuestionOutcome]] = {"attache": []}
    answers: dict[str, list[CitedAnswer]] = {"attache": []}
    for question in questions:
        answer = kb.ask(question.question)
        retrieved = kb.retriever.search(question.question, SearchFilters(), k=HIT_K)
        outcomes["attache"].append(_outcome(question, answer, [r.chunk.chunk_id for r in retrieved], snapshot))
        answers["attache"].append(answer)
    if with_baseline:
        baseline = LangchainBaseline(kb.store.client, f"{kb.settings.knowledge.collection_prefix}_chunks", kb.embedder)
        outcomes["baseline"], answers["baseline"] = [], []
        for question in questions:
            answer, chunk_ids = baseline.ask(question.question, snapshot)
            outcomes["baseline"].append(_outcome(question, answer, chunk_ids, snapshot))
            answers["baseline"].append(answer)
    return EvalReport({name: score_by_type(o) for name, o in outcomes.items()}, outcomes, answers)


def _file_name(source: str) -> str:
    return PurePath(source).name


def _outcome(question: EvalQuestion, answer: CitedAnswer, retrieved_chunk_ids: Sequence[str],
             snapshot: CorpusSnapshot) -> QuestionOutcome:
    gold = set(question.sources)
    retrieved_files = {
        _file_name(snapshot.articles[snapshot.chunks[snapshot.positions[cid]].article_id].meta.source)
        for cid in retrieved_chunk_ids[:HIT_K] if cid in snapshot.positions
    }
    checks = []
    for citation in answer.citations:
        position = snapshot.positions.get(citation.chunk_id)
        chunk_text = snapshot.chunks[position].text if position is not None else ""
        checks.append(CitationCheck(quote_in_chunk=bool(citation.quote) and citation.quote in chunk_text,
                                    relevant=_file_name(citation.article.source) in gold))
    if question.answerable:
        correct = not answer.refused and answer_is_correct(answer.text, question.answer_any, question.must_all)
    else:
        correct = answer.refused
    return QuestionOutcome(
        id=question.id, type=question.type, answerable=question.answerable, refused=answer.refused,
        correct=correct, retrieval_hit=bool(gold & retrieved_files), citations=tuple(checks),
        latency_ms=answer.elapsed_ms,
    )
