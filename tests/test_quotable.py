"""Which sentences may stand alone as an answer (bot.knowledge.answering.quotable)."""

from __future__ import annotations

import pytest

from bot.knowledge.answering import quotable


@pytest.mark.parametrize("sentence", [
    "The two ministers signed an agreement on electricity trading on Wednesday.",
    "Its first director will be Colonel Ostrel Vane of the signals corps, with a deputy to be named later.",
    'Vane said the centre would "change how we work together" from next year.',
    "The two sides agreed on the following:",
    "- Orla Fenwick, Deputy Minister for Inland Waterways and Ports",  # an item of a list, with no stop
    "3. A grain terminal at Sarrowmere run jointly by the two port authorities",
    "Format: working lunch, about forty minutes",  # a fact box's field, with no stop
])
def test_whole_sentences_are_quotable(sentence: str) -> None:
    assert quotable(sentence)


@pytest.mark.parametrize("sentence", [
    "Quessmark and Ostrevia sign Defence Cooperation Agreement",  # a heading inside the body
    "Is there a new ambassador going to the capital of Ostrevia?",  # a reporter's question
    '"Ostrevia has the wind and the coastline, we have the industry.',  # a quotation going on
    "Talks ended early.",  # too short to stand alone
])
def test_headings_questions_and_fragments_are_not(sentence: str) -> None:
    assert not quotable(sentence)


@pytest.mark.parametrize("sentence", ["When: Thursday.", "- Venue: the Glass Hall", "Host city: Sarrowmere"])
def test_a_fact_box_field_is_quotable_however_short(sentence: str) -> None:
    assert quotable(sentence)


def test_a_question_line_of_a_qa_is_no_field() -> None:
    assert not quotable("Q: What happened in Lumenhal?")


def test_a_summary_tells_prose_not_a_fact_boxs_fields() -> None:
    """A fact sheet's terse fields ("- Date: 3 March") stay out of its summary; its sentences make it."""
    from datetime import date

    from bot.knowledge.model import ArticleMeta, Chunk
    from bot.knowledge.summaries import summarize_article

    text = ("Veloria and Quintara signed a river freight accord in Lumenhal on Monday.\n"
            "- Date: 3 March 2031\n- Leaders: President Anselm Dray and Prime Minister Edvin Halloran\n"
            "- Venue: the Glass Hall, Lumenhal\n\n"
            "The accord lets barges of either country load and unload at every river port of the other.")
    meta = ArticleMeta(article_id="a", source="a.md", title="River freight accord", published=date(2031, 3, 4),
                       countries=("Veloria", "Quintara"))
    summary = summarize_article(meta, [Chunk(chunk_id="a:0", article_id="a", index=0, text=text)])
    assert "river freight accord" in summary.text and "barges" in summary.text
    assert "Date:" not in summary.text and "Venue:" not in summary.text


@pytest.mark.parametrize("line", ["He said: no.", "Photo: Reuters", "Read more: Lumenhal talks",
                                  "The minister added: soon."])
def test_a_speaker_or_a_pages_furniture_is_no_field(line: str) -> None:
    assert not quotable(line)


@pytest.mark.parametrize("sentence", ["Sarrowmere, 4 May 2031", "PORT EDRIN, March 3, 2031", "Lumenhal, 12 Sept 2030."])
def test_a_dateline_on_its_own_line_is_quotable(sentence: str) -> None:
    """A readout's "Sarrowmere, 4 May 2031" tells where and when, as a fact box's field does."""
    assert quotable(sentence)


@pytest.mark.parametrize("sentence", ["The talks, 4 May 2031", "We met in the old port, 4 May 2031"])
def test_words_before_a_date_that_are_no_place_make_no_dateline(sentence: str) -> None:
    assert not quotable(sentence)
