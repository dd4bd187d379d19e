"""Extractive summaries: of one article, of a topic across articles, of a pair of countries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.knowledge.answering import compose, quotable, term_overlap
from bot.knowledge.model import ArticleMeta, Chunk, CitedAnswer, RetrievedChunk
from bot.knowledge.sentences import is_field, split_sentences
from bot.knowledge.text_terms import terms


def summarize_article(meta: ArticleMeta, chunks: Sequence[Chunk], max_sentences: int = 4) -> CitedAnswer:
    """The sentences most central to the article (sharing its most frequent terms), in reading order."""
    sentences = [
        (chunk, position, s.text)
        for chunk in chunks
        for position, s in enumerate(split_sentences(chunk.text))
        if _tells(s.text)
    ]
    frequency = Counter(t for _, _, text in sentences for t in set(terms(text)))
    def centrality(item: tuple[Chunk, int, str]) -> float:
        sentence_terms = set(terms(item[2]))
        lead_bonus = 0.3 if item[0].index == 0 and item[1] == 0 else 0.0
        return sum(frequency[t] for t in sentence_terms) / (len(sentence_terms) ** 0.5 or 1) + lead_bonus * 10

    chosen = sorted(sorted(sentences, key=centrality, reverse=True)[:max_sentences],
                    key=lambda item: (item[0].index, item[1]))
    passages = {c.chunk_id: RetrievedChunk(chunk=c, article=meta, score=1.0) for c, _, _ in chosen}
    return compose(f"Summary of {meta.title}", [(text, passages[c.chunk_id]) for c, _, text in chosen])


def summarize_passages(topic: str, passages: Sequence[RetrievedChunk], max_sentences: int = 5) -> CitedAnswer:
    """Sentences from the best passages that share the most telling topic terms, one idea each."""
    topic_terms = set(terms(topic))
    candidates: list[tuple[float, str, RetrievedChunk, int, frozenset[str]]] = []
    for rank, passage in enumerate(passages):
        for position, sentence in enumerate(split_sentences(passage.chunk.text)):
            if not _tells(sentence.text):
                continue
            sentence_terms = frozenset(terms(sentence.text))
            candidates.append((len(topic_terms & sentence_terms) + passage.dense_similarity - 0.05 * rank
                               - 0.02 * position, sentence.text, passage, position, sentence_terms))
    chosen: list[tuple[float, str, RetrievedChunk, int, frozenset[str]]] = []
    for candidate in sorted(candidates, key=lambda c: -c[0]):
        if len(chosen) == max_sentences:
            break
        if any(term_overlap(candidate[4], c[4]) > 0.5 for c in chosen):
            continue  # says what a chosen sentence already says
        chosen.append(candidate)
    chosen.sort(key=lambda c: (c[2].article.published.isoformat() if c[2].article.published else "",
                               c[2].article.article_id, c[2].chunk.index, c[3]))
    return compose(topic, [(text, passage) for _, text, passage, _, _ in chosen])


def _tells(sentence: str) -> bool:
    """A sentence a summary may quote: quotable prose, not a fact box's terse field ("- Date: 25 January")."""
    return quotable(sentence) and not is_field(sentence)
