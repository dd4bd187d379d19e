"""The evaluation's arithmetic on a tiny hand-made case, worked out by hand."""

from __future__ import annotations

import pytest

from bot.evaluation.metrics import CitationCheck, QuestionOutcome, answer_is_correct, percentile, score, score_by_type

GOOD = CitationCheck(quote_in_chunk=True, relevant=True)
WRONG_ARTICLE = CitationCheck(quote_in_chunk=True, relevant=False)
NOT_QUOTED = CitationCheck(quote_in_chunk=False, relevant=True)


def outcome(id: str, type: str, *, refused: bool = False, correct: bool = True, hit: bool = True,
            citations: tuple[CitationCheck, ...] = (GOOD,), ms: float = 10.0) -> QuestionOutcome:
    return QuestionOutcome(id, type, type != "unanswerable", refused, correct, hit, citations, ms)


CASE = [
    outcome("a", "date", citations=(GOOD, GOOD), ms=10),
    outcome("b", "date", correct=False, hit=False, citations=(WRONG_ARTICLE,), ms=20),
    outcome("c", "official", refused=True, correct=False, citations=(), ms=30),
    outcome("d", "official", citations=(GOOD, NOT_QUOTED), ms=40),
    outcome("e", "unanswerable", refused=True, correct=True, citations=(), ms=50),
    outcome("f", "unanswerable", refused=False, correct=False, citations=(WRONG_ARTICLE,), ms=100),
]


def test_overall_scores_by_hand() -> None:
    scores = score(CASE)
    assert scores.questions == 6
    assert scores.hit_at_k == pytest.approx(3 / 4)          # a, c, d hit among the 4 answerable
    assert scores.accuracy == pytest.approx(2 / 4)          # a and d correct
    assert scores.citation_precision == pytest.approx(3 / 5)  # answerable citations: G G W G N
    assert scores.refusal_rate == pytest.approx(1 / 2)      # e refused, f answered
    assert scores.false_refusal_rate == pytest.approx(1 / 4)  # c refused although answerable
    assert scores.latency_p50_ms == 30 and scores.latency_p95_ms == 100


def test_scores_per_type_and_empty_groups() -> None:
    table = score_by_type(CASE)
    assert set(table) == {"date", "official", "unanswerable", "overall"}
    assert table["date"].accuracy == pytest.approx(0.5) and table["date"].refusal_rate is None
    assert table["unanswerable"].accuracy is None and table["unanswerable"].refusal_rate == pytest.approx(0.5)


def test_keys_and_percentiles() -> None:
    assert answer_is_correct("Met AJIT DOVAL on July 22", ["ajit doval", "x"], ["july 22"])
    assert not answer_is_correct("Met Ajit Doval", ["Ajit Doval"], ["July 22"])
    # a name with or without its accents is the same answer
    assert answer_is_correct("Talks with Mirela Ionescu-Săvulescu ended", ["ionescu-savulescu"], [])
    assert answer_is_correct("Talks with Mirela Ionescu-Savulescu ended", ["Ionescu-Săvulescu"], [])
    assert not answer_is_correct("Met someone", ["Ajit Doval"], [])
    assert percentile([5, 1, 3, 2, 4], 50) == 3 and percentile([5, 1, 3, 2, 4], 95) == 5
    assert percentile([], 50) is None
