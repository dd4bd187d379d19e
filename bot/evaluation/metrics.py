"""The arithmetic of the evaluation, kept pure so a tiny hand-made case can check it exactly."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.text_terms import fold


@dataclass(frozen=True)
class CitationCheck:
    quote_in_chunk: bool  # the quoted sentence appears verbatim in the chunk it cites
    relevant: bool        # the cited article is one of the question's gold sources


@dataclass(frozen=True)
class QuestionOutcome:
    """What one system did with one question."""

    id: str
    type: str
    answerable: bool
    refused: bool
    correct: bool            # answerable: not refused and keys present; unanswerable: refused
    retrieval_hit: bool      # a gold source among the top-k retrieved articles (answerable only)
    citations: tuple[CitationCheck, ...]
    latency_ms: float


@dataclass(frozen=True)
class Scores:
    questions: int
    hit_at_k: float | None
    accuracy: float | None
    citation_precision: float | None
    refusal_rate: float | None
    false_refusal_rate: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None


def answer_is_correct(text: str, answer_any: Sequence[str], must_all: Sequence[str]) -> bool:
    """A key counts in any case and with or without accents: "Phúc" answers a key written "Phuc"."""
    folded = fold(text)
    any_ok = not answer_any or any(fold(key) in folded for key in answer_any)
    return any_ok and all(fold(key) in folded for key in must_all)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100): the value below which q% of the observations fall."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def score(outcomes: Sequence[QuestionOutcome]) -> Scores:
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    checks = [c for o in answerable if not o.refused for c in o.citations]  # a refusal may quote a denial
    latencies = [o.latency_ms for o in outcomes]
    return Scores(
        questions=len(outcomes),
        hit_at_k=_ratio(sum(o.retrieval_hit for o in answerable), len(answerable)),
        accuracy=_ratio(sum(o.correct for o in answerable), len(answerable)),
        citation_precision=_ratio(sum(c.quote_in_chunk and c.relevant for c in checks), len(checks)),
        refusal_rate=_ratio(sum(o.refused for o in unanswerable), len(unanswerable)),
        false_refusal_rate=_ratio(sum(o.refused for o in answerable), len(answerable)),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
    )


def score_by_type(outcomes: Sequence[QuestionOutcome]) -> dict[str, Scores]:
    types = sorted({o.type for o in outcomes})
    table = {t: score([o for o in outcomes if o.type == t]) for t in types}
    table["overall"] = score(outcomes)
    return table
