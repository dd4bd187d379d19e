"""The baseline we must beat: plain langchain `Chroma.similarity_search(k=4)`, first sentence of each hit."""

from __future__ import annotations

import time
from typing import Any

from bot.knowledge.answering import compose
from bot.knowledge.embedder import TextEmbedder
from bot.knowledge.langchain_embeddings import LangchainEmbeddings
from bot.knowledge.model import Chunk, CitedAnswer, RetrievedChunk
from bot.knowledge.retrieval import CorpusSnapshot
from bot.knowledge.sentences import split_sentences


class LangchainBaseline:
    """Dense search only, over the very same Chroma collection of chunks, and no refusals."""

    def __init__(self, client: Any, collection_name: str, embedder: TextEmbedder, k: int = 4) -> None:
        from langchain_chroma import Chroma

        self._vectorstore = Chroma(client=client, collection_name=collection_name,
                                   embedding_function=LangchainEmbeddings(embedder))
        self._k = k

    def search(self, question: str) -> list[str]:
        """Chunk ids of the top-k hits."""
        documents = self._vectorstore.similarity_search(question, k=self._k)
        return [str(d.id) for d in documents]

    def ask(self, question: str, snapshot: CorpusSnapshot) -> tuple[CitedAnswer, list[str]]:
        started = time.perf_counter()
        chunk_ids = self.search(question)
        quotes: list[tuple[str, RetrievedChunk]] = []
        for chunk_id in chunk_ids:
            position = snapshot.positions.get(chunk_id)
            if position is None:
                continue
            chunk: Chunk = snapshot.chunks[position]
            sentences = split_sentences(chunk.text)
            if sentences:
                article = snapshot.articles[chunk.article_id].meta
                quotes.append((sentences[0].text, RetrievedChunk(chunk=chunk, article=article, score=0.0)))
        answer = compose(question, quotes)
        elapsed = (time.perf_counter() - started) * 1000
        from dataclasses import replace

        return replace(answer, elapsed_ms=elapsed), chunk_ids
