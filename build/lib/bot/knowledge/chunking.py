"""Split articles into passages that fit the embedder's 256-token window, on sentence boundaries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.knowledge.model import Article, Chunk
from bot.knowledge.sentences import split_sentences

if TYPE_CHECKING:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

# A separator no article contains: our abbreviation-aware splitter marks sentence ends with it, so
# langchain's splitter only ever cuts between paragraphs or sentences, never inside one.
_SENTENCE_MARK = "\u2029"


class ArticleChunker:
    """Sentence-aligned chunks measured in real tokens; an over-long single sentence is cut on words."""

    def __init__(self, count_tokens: Callable[[str], int], max_tokens: int, overlap_tokens: int) -> None:
        self._count_tokens = count_tokens
        self._max_tokens = max_tokens
        self._overlap_tokens = overlap_tokens
        self._splitter: RecursiveCharacterTextSplitter | None = None

    @property
    def splitter(self) -> RecursiveCharacterTextSplitter:
        """Built on first use: answering never chunks, so a cold start skips langchain's import (~0.4 s)."""
        if self._splitter is None:
            from langchain_text_splitters import RecursiveCharacterTextSplitter

            self._splitter = RecursiveCharacterTextSplitter(
                separators=["\n\n", _SENTENCE_MARK, "\n", " "],
                chunk_size=self._max_tokens,
                chunk_overlap=self._overlap_tokens,
                length_function=self._count_tokens,
                keep_separator=False,
                strip_whitespace=True,
            )
        return self._splitter

    def chunk(self, article: Article) -> list[Chunk]:
        paragraphs = [
            _SENTENCE_MARK.join(s.text for s in split_sentences(paragraph))
            for paragraph in article.text.split("\n\n")
        ]
        pieces = self.splitter.split_text("\n\n".join(p for p in paragraphs if p))
        article_id = article.meta.article_id
        return [
            Chunk(chunk_id=f"{article_id}:{index}", article_id=article_id, index=index,
                  text=piece.replace(_SENTENCE_MARK, " ").strip())
            for index, piece in enumerate(pieces)
            if piece.strip()
        ]
