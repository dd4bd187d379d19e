"""Numbers however a text writes them (bot/knowledge/numbers.py): a question's "5th session" is a report's
"fifth meeting"."""

from __future__ import annotations

import pytest

from bot.knowledge.numbers import numbers_stated


@pytest.mark.parametrize(("text", "numbers"), [
    ("the third round of talks", {"3"}),
    ("Twelve patrol boats and 1,200 sailors", {"12", "1,200"}),
    ("its twenty-first session since 2004", {"21", "2004"}),
    ("the 17th Joint Working Group", {"17"}),
    ("a fortieth anniversary", {"40"}),
])
def test_spelled_and_written_numbers_are_the_same_numbers(text: str, numbers: set[str]) -> None:
    assert numbers_stated(text) == numbers


def test_words_that_merely_contain_a_number_state_none() -> None:
    assert numbers_stated("Often the tenant of the stone building said tension was high") == set()


def test_a_passage_that_spells_the_number_asked_does_not_miss_it() -> None:
    """The answer model's "numbers missing" signal reads the passage's spelled numbers too."""
    from datetime import date

    from bot.answers.candidates import Candidate
    from bot.answers.features import _numbers_missing
    from bot.knowledge.model import ArticleMeta, Chunk, RetrievedChunk

    text = "The two cabinets held their fifth joint meeting at the castle on Monday."
    meta = ArticleMeta(article_id="a", title="Cabinets meet", published=date(2031, 3, 3))
    passage = RetrievedChunk(Chunk("a-0", "a", 0, text), meta, 1.0)
    candidate = Candidate(text=text, passage=passage, passage_rank=0, start=0, chunk_index=0, number=0,
                          similarity=0.5, own_terms=frozenset(), context_terms=frozenset())
    assert _numbers_missing(frozenset({"5"}), candidate, {}) == 0.0
    assert _numbers_missing(frozenset({"6"}), candidate, {}) == 1.0
