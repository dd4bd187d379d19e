"""Answer quality does not regress: the eval's own figures on the development, held-out and two blind sets.

Floors sit a little under the figures at the time of writing (README, "Answer quality") so that a change
that makes answers worse turns CI red, while the exact numbers stay the eval command's business.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.evaluation.questions import load_questions
from bot.evaluation.runner import run_eval
from bot.services import build_knowledge_base
from tests.conftest import FICTIONAL_ARTICLES, FIXTURES, SHIPPED_ARTICLES, settings_for_tests

HELDOUT = FIXTURES / "heldout"
BLIND = FIXTURES / "blind"
BLIND2 = FIXTURES / "blind2"


def evaluate(tmp_path: Path, embedder: object, articles: list[Path], questions: Path, gazetteer: Path):  # noqa: ANN201
    settings = settings_for_tests(tmp_path / "data")
    settings = replace(settings, knowledge=replace(settings.knowledge, gazetteers=(
        *settings.knowledge.gazetteers, gazetteer)))
    kb = build_knowledge_base(settings, embedder=embedder)  # type: ignore[arg-type]
    kb.ingestor.ingest_paths(articles)
    return run_eval(kb, load_questions(questions)).systems


@pytest.mark.parametrize(("name", "articles", "questions", "gazetteer", "floors"), [
    ("development", [SHIPPED_ARTICLES, FICTIONAL_ARTICLES], FIXTURES / "dev_questions.jsonl",
     FIXTURES / "gazetteer_fictional.toml",
     # Citation precision is a share of all citations: since six "who is X's role" questions are answered
     # by the official facts strategy with the one sentence naming the official (right, from the gold
     # article) instead of three, the same few stray citations weigh more (0.93 → 0.927). Refusals: 12 of its
     # 14 near misses at threshold 0.60, 11 at the refitted 0.54 (2026-12-04: the refit got 6 more of the 524
     # questions it was not fitted on right, 9 fewer false refusals for 3 more near misses answered); a floor
     # one question under the figure only pinned the threshold, so it leaves the margin the other sets have.
     {"hit_at_k": 0.95, "accuracy": 0.89, "citation_precision": 0.92, "refusal_rate": 0.75}),
    # Accuracy 0.89 since 2026-12-05: the refit with the future-tense and role signals ranks the barley
    # sentence of "wat did elsmarra n oskerund agree on agri" fourth, one place past the three quoted, while
    # getting 13 more of the 2,063 cross-validated questions right over the 28 sets.
    ("held-out", [HELDOUT / "articles"], HELDOUT / "questions.jsonl", HELDOUT / "gazetteer.toml",
     {"hit_at_k": 0.95, "accuracy": 0.88, "citation_precision": 0.90, "refusal_rate": 0.45}),
    ("blind", [BLIND / "articles"], BLIND / "questions.jsonl", BLIND / "gazetteer.toml",
     # citation precision 0.88 → 0.85 in the twentieth round's refit (two answers quote one sentence more,
     # from another article); over all 31 sets it held at 0.977–0.978
     {"hit_at_k": 0.95, "accuracy": 0.78, "citation_precision": 0.84, "refusal_rate": 0.35}),
    ("second blind", [BLIND2 / "articles"], BLIND2 / "questions.jsonl", BLIND2 / "gazetteer.toml",
     {"hit_at_k": 0.95, "accuracy": 0.66, "citation_precision": 0.89, "refusal_rate": 0.45}),
])
def test_answer_quality_floors_and_beats_the_baseline(
    tmp_path: Path, embedder: object, name: str, articles: list[Path], questions: Path, gazetteer: Path,
    floors: dict[str, float],
) -> None:
    systems = evaluate(tmp_path, embedder, articles, questions, gazetteer)
    ours, baseline = systems["attache"]["overall"], systems["baseline"]["overall"]
    for metric, floor in floors.items():
        assert getattr(ours, metric) >= floor, (name, metric, getattr(ours, metric))
    assert ours.false_refusal_rate is not None and ours.false_refusal_rate <= 0.10, (name, ours.false_refusal_rate)
    for metric in ("accuracy", "citation_precision", "refusal_rate"):
        assert getattr(ours, metric) > getattr(baseline, metric), (name, metric)
