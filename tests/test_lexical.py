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


def test_a_word_after_an_initial_is_written_inside_a_name() -> None:
    """ "Orvin K Dallowmere", as South Asian and Philippine copy writes names, capitalises the surname
    inside the sentence: it names someone a question may ask about."""
    index = LexicalIndex(["The talks were held with the visiting President, Orvin K Dallowmere, in the capital."])
    assert stem("dallowmere") in index.named_terms
    assert stem("talks") not in index.named_terms
