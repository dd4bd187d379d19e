"""Our embedder as a langchain `Embeddings`, for langchain components (the baseline's `Chroma` store).

Kept apart from the embedder so answering questions never imports langchain_core (~0.4 s of start-up).
"""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from bot.knowledge.embedder import TextEmbedder


class LangchainEmbeddings(Embeddings):
    """Adapter so langchain components (the baseline's `Chroma` vector store) use the same model."""

    def __init__(self, embedder: TextEmbedder) -> None:
        self._embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_texts(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._embedder.embed_query(text).tolist()
