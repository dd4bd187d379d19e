"""Numbers however a text writes them (bot/knowledge/numbers.py): a question's "5th session" is a report's
"fifth meeting"."""

from __future__ import annotations

import pytest

from bot.knowledge.numbers import numbers_asked, numbers_stated


@pytest.mark.parametrize(("text", "numbers"), [
    ("the third round of talks", {"3", "#3"}),
    ("Twelve patrol boats and 1,200 sailors", {"12", "1,200"}),
    ("its twenty-first session since 2004", {"21", "#21", "2004"}),
    ("the 17th Joint Working Group", {"17", "#17"}),
    ("a fortieth anniversary", {"40", "#40"}),
    ("the XIV Binational Cabinet and the IX Summit", {"#14", "#9"}),
    ("I said the V8 engine and the MIX Group were CIVIL matters", {"8"}),
])
def test_spelled_and_written_numbers_are_the_same_numbers(text: str, numbers: set[str]) -> None:
    assert numbers_stated(text) == numbers


def test_an_order_asked_is_stated_only_as_an_order() -> None:
    """"the 4th round" is not answered by a text whose only four is a count ("four ministers"), while "2030"
    asked is any 2030."""
    asked = numbers_asked("what came of the 4th round in 2030")
    assert asked == {"#4", "2030"}
    assert not asked <= numbers_stated("Four ministers met in 2030 for the third round.")
    assert asked <= numbers_stated("The fourth round, held in 2030, closed with a communique.")
    # a day written as an order is a day, which a report writes "28 May"
    assert numbers_asked("who did he meet on the 28th") == {"28"}
    assert numbers_asked("what was signed on 12th may, at the 4th round with 4 ministers") == {"12", "#4", "4"}
    assert numbers_asked("who did he meet on the 28th") <= numbers_stated("On 28 May he called on the president.")
    assert numbers_asked("what did they sign on june 12th in the capital") == {"12"}
    assert numbers_asked("who spoke on the 3rd at the forum") == {"3"}
    assert numbers_asked("when were the 2nd and 3rd rounds") == {"#2", "#3"}


def test_roman_orders_are_read_only_before_a_name_and_never_after_one() -> None:
    assert numbers_stated("the XLIV Summit") == {"#44"}
    assert numbers_stated("King Ostrel VI Receives the Envoys") == set()


def test_words_that_merely_contain_a_number_state_none() -> None:
    assert numbers_stated("Often the tenant of the stone building said tension was high") == set()


def test_a_passage_that_spells_the_number_asked_does_not_miss_it() -> None:
    """The answer model's "numbers missing" signal reads the passage's spelled numbers too."""
    from datetime import date

    from bot.answers.candidates import Candidate
    from bot.answers.features import _numbers_missing, _stated
    from bot.knowledge.model import ArticleMeta, Chunk, RetrievedChunk

    text = "The two cabinets held their fifth joint meeting at the castle on Monday."
    meta = ArticleMeta(article_id="a", title="Cabinets meet", published=date(2031, 3, 3))
    passage = RetrievedChunk(Chunk("a-0", "a", 0, text), meta, 1.0)
    candidate = Candidate(text=text, passage=passage, passage_rank=0, start=0, chunk_index=0, number=0,
                          similarity=0.5, own_terms=frozenset(), context_terms=frozenset())
    assert _numbers_missing(frozenset({"5"}), _stated(candidate, {})) == 0.0
    assert _numbers_missing(frozenset({"6"}), _stated(candidate, {})) == 1.0


def test_a_year_another_article_states_belongs_to_that_articles_part() -> None:
    """"the 2029 and 2031 stories", read in parts: the 2031 article is not blamed for never saying 2029 when
    the other article says it, but a year no article states stays missing from both."""
    from bot.answers.features import _own_part

    asked = frozenset({"2029", "2031", "12"})
    stated = {"older": frozenset({"2029"}), "newer": frozenset({"2031"})}
    assert _own_part(asked, "newer", stated) == {"2031", "12"}
    assert _own_part(asked, "older", stated) == {"2029", "12"}
    # Not read in parts (nothing recorded per article): every number is asked of every article.
    assert _own_part(asked, "newer", {}) == asked
