"""A chat acronym the articles never write is read as the phrase the retrieved passages spell out."""

from __future__ import annotations

from pathlib import Path

from bot.answers.acronyms import phrases_abbreviated
from tests.conftest import KnowledgeBaseFactory


def test_an_acronym_is_found_as_the_words_its_letters_begin() -> None:
    text = ("Veloria and Quintara convened their joint economic commission in Lumenhal. The Upper Verrin "
            "Basin Authority, the Ministry of Fisheries and the High-Level Ferry Council were present.")
    assert phrases_abbreviated("jec", text) == {("joint", "economic", "commission")}
    assert phrases_abbreviated("uvba", text) == {("upper", "verrin", "basin", "authority")}
    assert phrases_abbreviated("mof", text) == {("ministry", "of", "fisheries")}  # a small word spells a letter
    assert phrases_abbreviated("hlfc", text) == {("high", "level", "ferry", "council")}  # hyphens split words
    # letters are never read across a comma or a sentence's end, nor begun or ended on a small word
    assert phrases_abbreviated("lt", text) == set()
    assert phrases_abbreviated("fa", text) == set()


def test_a_question_typed_with_an_acronym_is_answered_from_the_body_it_stands_for(
        make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    path = tmp_path / "2031-06-04-veloria-quintara-economic-commission.md"
    path.write_text(
        '---\ntitle: "Veloria and Quintara hold economic talks (fictional)"\noutlet: Fictional Test Wire\n'
        "url: https://example.org/fictional/economic-commission\npublished: 2031-06-04\n"
        "countries: [Veloria, Quintara]\nfictional: true\n---\n"
        "Trade ministers of Veloria and Quintara met in Lumenhal on Tuesday for a day of talks on tariffs.\n\n"
        "The joint economic commission agreed to halve ferry tariffs on the Verrin crossing from next year.\n\n"
        "Officials also toured the new grain terminal at the port and met exporters from both countries.\n",
        encoding="utf-8",
    )
    knowledge = make_kb()
    knowledge.ingestor.ingest_paths([path])
    answer = knowledge.ask("what did the velorian quintaran jec decide")
    assert not answer.refused
    assert "halve ferry tariffs" in answer.text
