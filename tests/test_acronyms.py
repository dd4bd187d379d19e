"""A chat acronym the articles never write is read as the phrase the retrieved passages spell out."""

from __future__ import annotations

from pathlib import Path

from bot.answers.acronyms import abbreviated_in
from tests.conftest import KnowledgeBaseFactory, ask_of_one_report


def test_an_acronym_is_found_as_the_words_its_letters_begin() -> None:
    texts = ["Veloria and Quintara convened their joint economic commission in Lumenhal. The Upper Verrin Basin "
             "Authority, the Ministry of Fisheries and the High-Level Ferry Council were present.",
             "The joint economic commission meets again in May; world and third parties may attend."]
    assert abbreviated_in("jec", texts) == {("joint", "economic", "commission")}  # a term used twice
    assert abbreviated_in("uvba", texts) == {("upper", "verrin", "basin", "authority")}  # a name
    assert abbreviated_in("mof", texts) == {("ministry", "of", "fisheries")}  # a small word spells a letter
    assert abbreviated_in("hlfc", texts) == {("high", "level", "ferry", "council")}  # hyphens split words
    # a chance run of lowercase words once, small words, a comma or a headline's capitals spell nothing
    assert abbreviated_in("wat", texts) == set()
    assert abbreviated_in("fa", texts) == set()
    assert abbreviated_in("lt", texts) == set()
    assert abbreviated_in("vqs", ["Veloria Quintara Sign Ferry Pact In Lumenhal"]) == set()


def test_a_question_typed_with_an_acronym_is_answered_from_the_body_it_stands_for(
        make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    answer = ask_of_one_report(
        make_kb, tmp_path, "what did the velorian quintaran jec decide",
        "2031-06-04", "economic-commission", "Veloria and Quintara hold economic talks",
        "Trade ministers of Veloria and Quintara met in Lumenhal on Tuesday for a day of talks on tariffs.\n\n"
        "The Joint Economic Commission agreed to halve ferry tariffs on the Verrin crossing from next year.\n\n"
        "Officials also toured the new grain terminal at the port and met exporters from both countries.\n",
    )
    assert not answer.refused
    assert "halve ferry tariffs" in answer.text
