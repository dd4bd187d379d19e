"""Word alignment (bot/answers/alignment.py): each content word of a question matched, in meaning, to the
words of a sentence as the real embedder reads them in their passage. The texts are invented."""

from __future__ import annotations

import numpy as np

from bot.answers.alignment import WordAlignment, weakest_match
from bot.answers.candidates import ArticleContext, Candidate, gather
from bot.knowledge.embedder import OnnxEmbedder, TokenStates
from bot.knowledge.model import ArticleMeta, Chunk, RetrievedChunk
from bot.knowledge.question import Concept
from bot.knowledge.text_terms import stem

PASSAGE = ("The Velmorian and Ostrakan presidents met in Saltreach on Monday. They held talks on river shipping. "
           "Their foreign ministers then signed a fisheries treaty.")


def _candidates(embedder: OnnxEmbedder, text: str = PASSAGE) -> list[Candidate]:
    meta = ArticleMeta(article_id="a", title="Presidents meet in Saltreach")
    passage = RetrievedChunk(Chunk("a-0", "a", 0, text), meta, 1.0)
    return gather([passage], {}, embedder.embed_query("question"),
                  {"a": ArticleContext("Presidents meet in Saltreach", frozenset())})


def _concepts(*typed: str, **kinds: bool) -> list[Concept]:
    """Concepts as the question profile makes them; `kinds` marks one word: typo=True (written by the corpus
    only after a repair), country=True or generic=True."""
    marked = next(iter(kinds), "")
    return [Concept(word, ((stem(word),),), 1.0, is_country=marked == f"{word}_country",
                    generic=marked == f"{word}_generic", as_typed=marked != f"{word}_typo") for word in typed]


def test_only_the_words_that_tell_what_is_asked_are_matched(embedder: OnnxEmbedder) -> None:
    alignment = WordAlignment(embedder)
    assert len(alignment.asked_pieces("what did Velmoria sign", _concepts("velmoria", "sign"))) >= 2
    assert len(alignment.asked_pieces("what did Velmoria sign", _concepts("velmoria", "sign", velmoria_country=True))) == 1
    assert len(alignment.asked_pieces("what did they sgin", _concepts("sgin", sgin_typo=True))) == 0
    assert len(alignment.asked_pieces("what did they help", _concepts("help", help_generic=True))) == 0


def test_a_typo_never_pulls_every_sentence_down(embedder: OnnxEmbedder) -> None:
    """A word the corpus writes only after a repair matches no sentence well; it is left out, so it cannot
    turn an answerable question into a refusal on its own."""
    candidates = _candidates(embedder)
    alignment = WordAlignment(embedder)
    typed = alignment.of("which tretay did the ministers sign", _concepts("tretay", "ministers", "sign",
                                                                            tretay_typo=True), candidates)
    clean = alignment.of("which did the ministers sign", _concepts("ministers", "sign"), candidates)
    assert np.allclose(typed, clean, atol=0.05)


def test_a_sentence_missing_the_asked_action_aligns_worse_than_one_that_states_it(embedder: OnnxEmbedder) -> None:
    candidates = _candidates(embedder)
    scores = WordAlignment(embedder).of("which pact did the ministers ink", _concepts("pact", "ministers", "ink"),
                                        candidates)
    by_text = {c.text: row for c, row in zip(candidates, scores, strict=True)}
    talks = by_text["They held talks on river shipping."]
    signing = by_text["Their foreign ministers then signed a fisheries treaty."]
    assert signing[0] > talks[0]


def test_the_sentence_before_can_supply_what_the_sentence_leaves_out(embedder: OnnxEmbedder) -> None:
    """"They held talks" names the presidents only through the sentence before it."""
    candidates = _candidates(embedder)
    talks = next(c for c in candidates if c.text.startswith("They held"))
    alone, with_previous = WordAlignment(embedder).of("did the presidents discuss shipping",
                                                      _concepts("presidents", "discuss", "shipping"), [talks])[0]
    assert with_previous > alone


def test_a_question_with_nothing_to_match_leaves_every_sentence_whole(embedder: OnnxEmbedder) -> None:
    scores = WordAlignment(embedder).of("what did they do", [], _candidates(embedder))
    assert np.all(scores == 1.0)


def test_a_span_the_model_never_read_matches_nothing() -> None:
    states = TokenStates(np.eye(2, dtype=np.float32), ((0, 3), (4, 8)))
    assert weakest_match(np.eye(2, dtype=np.float32), states, 20, 30) == 0.0
    assert weakest_match(np.eye(2, dtype=np.float32), states, 0, 8) == 1.0


def test_only_the_last_passages_read_are_kept(embedder: OnnxEmbedder) -> None:
    alignment = WordAlignment(embedder, passages_kept=2)
    for n in range(3):
        text = f"Minister number {n} opened the Saltreach bridge."
        alignment.of("who opened the bridge", _concepts("opened", "bridge"), [_one(f"c{n}", text)])
    assert list(alignment._kept) == ["c1", "c2"]


def _one(chunk_id: str, text: str) -> Candidate:
    meta = ArticleMeta(article_id=chunk_id, title=text)
    passage = RetrievedChunk(Chunk(chunk_id, chunk_id, 0, text), meta, 1.0)
    return Candidate(text=text, passage=passage, passage_rank=0, start=0, chunk_index=0, number=0, similarity=0.5,
                     own_terms=frozenset(), context_terms=frozenset())


def test_each_sentence_knows_where_the_one_before_it_begins(embedder: OnnxEmbedder) -> None:
    candidates = _candidates(embedder)
    assert [c.previous_start for c in candidates] == [0, 0, PASSAGE.index("They")]
