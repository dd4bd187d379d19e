"""The lexical index's reading of which words name things (what a quote must then mention)."""

from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.text_terms import stem


def test_a_word_written_as_often_in_lower_case_as_inside_a_name_names_nothing() -> None:
    index = LexicalIndex([
        "Ferries stopped after the Harbour Bridge Authority closed the crossing for a week.",
        "Engineers said the old bridge over the estuary needs new cables.",
    ])
    assert stem("bridge") not in index.named_terms
    assert stem("authority") in index.named_terms  # only ever written with a capital
    assert stem("harbour") in index.named_terms
