"""A quoted sentence that opens a list is quoted with its items (bot/answers/list_openers.py), verbatim."""

from __future__ import annotations

from bot.answers.candidates import Candidate
from bot.answers.list_openers import MAX_LIST_ITEMS, quoted_with_lists, with_its_list
from bot.knowledge.model import ArticleMeta, Chunk, RetrievedChunk


def _candidate(passage_text: str, sentence: str) -> Candidate:
    passage = RetrievedChunk(Chunk("a-0", "a", 0, passage_text), ArticleMeta(article_id="a", title="t"), 1.0)
    return Candidate(text=sentence, passage=passage, passage_rank=0, start=passage_text.index(sentence),
                     chunk_index=0, number=0, similarity=0.5, own_terms=frozenset(), context_terms=frozenset())


def test_a_sentence_ending_in_a_colon_runs_on_through_its_items() -> None:
    opener = "The Velorian and Quintaran cabinets agreed on four working groups:"
    text = (f"Ministers met in Lumenhal on Monday. {opener}\n\n1. Ports and shipping\n2. Water\n"
            "3) Rail freight\n- Customs\n\nThe next session is due in 2032.")
    quote = with_its_list(_candidate(text, opener))
    assert quote == f"{opener}\n\n1. Ports and shipping\n2. Water\n3) Rail freight\n- Customs"
    assert quote in text


def test_other_sentences_and_an_opener_with_no_items_are_unchanged() -> None:
    plain = "Ministers met in Lumenhal on Monday."
    assert with_its_list(_candidate(f"{plain} More later.", plain)) == plain
    lonely = "Officials listed what remains to be done:"
    assert with_its_list(_candidate(f"{lonely}\n\nThat list was long.", lonely)) == lonely


def test_a_long_list_is_quoted_in_part() -> None:
    opener = "Delegates came from these towns:"
    items = "\n".join(f"- Town {n}" for n in range(MAX_LIST_ITEMS + 5))
    quote = with_its_list(_candidate(f"{opener}\n{items}", opener))
    assert quote.count("- Town") == MAX_LIST_ITEMS


def test_items_chosen_beside_their_opener_are_quoted_once() -> None:
    """The scorer may choose both "The pact spans:" and the items under it; the opener's quote already holds
    them, so they are not quoted a second time, while a sentence elsewhere in the passage still is."""
    opener = "The pact spans:"
    text = f"Ministers met in Lumenhal on Monday. {opener}\n\n- ports\n- water\n- rail freight\n\nTalks resume in May."
    items, later = _candidate(text, "- ports"), _candidate(text, "Talks resume in May.")
    quoted = quoted_with_lists([_candidate(text, opener), items, later])
    assert [q for q, _ in quoted] == [f"{opener}\n\n- ports\n- water\n- rail freight", "Talks resume in May."]


def test_an_opener_that_ends_one_passage_is_quoted_from_the_passage_with_its_items() -> None:
    """Overlapping passages repeat a sentence; where one ends on "… these towns:", the next holds the list."""
    import numpy as np

    from bot.answers.candidates import ArticleContext, gather

    opener = "Delegates to the fair came from these three towns:"
    meta = ArticleMeta(article_id="a", title="t")
    first = RetrievedChunk(Chunk("a-0", "a", 0, f"The fair opened in Lumenhal on Monday. {opener}"), meta, 0.9)
    second = RetrievedChunk(Chunk("a-1", "a", 1, f"{opener}\n\n1. Orvask\n2. Tellam\n3. Brine Hollow"), meta, 0.5)
    found = gather([first, second], {}, np.zeros(4, dtype=np.float32), {"a": ArticleContext("t", frozenset())})
    chosen = next(c for c in found if c.text == opener)
    assert chosen.passage_rank == 0
    assert with_its_list(chosen) == f"{opener}\n\n1. Orvask\n2. Tellam\n3. Brine Hollow"
