"""Split articles into passages that fit the embedder's 256-token window, on sentence boundaries."""

from __future__ import annotations

from collections.abc import Callable

from langchain_text_splitters import RecursiveCharacterTextSplitter

from bot.knowledge.model import Article, Chunk
from bot.knowledge.sentences import split_sentences

# A separator no article contains: our abbreviation-aware splitter marks sentence ends with it, so
# langchain's splitter only ever cuts between paragraphs or sentences, never inside one.
_SENTENCE_MARK = "\u2029"


class ArticleChunker:
    """Sentence-aligned chunks measured in real tokens; an over-long single sentence is cut on words."""

    def __init__(self, count_tokens: Callable[[str], int], max_tokens: int, overlap_tokens: int) -> None:
        self._splitter = RecursiveCharacterTextSplitter(
            separators=["\n\n", _SENTENCE_MARK, "\n", " "],
            chunk_size=max_tokens,
            chunk_overlap=overlap_tokens,
            length_function=count_tokens,
            keep_separator=False,
            strip_whitespace=True,
        )

    def chunk(self, article: Article) -> list[Chunk]:
        paragraphs = [
            _SENTENCE_MARK.join(s.text for s in split_sentences(paragraph))
            for paragraph in article.text.split("\n\n")
        ]
        pieces = self._splitter.split_text("\n\n".join(p for p in paragraphs if p))
        article_id = article.meta.article_id
        return [
            Chunk(chunk_id=f"{article_id}:{index}", article_id=article_id, index=index,
                  text=piece.replace(_SENTENCE_MARK, " ").strip())
            for index, piece in enumerate(pieces)
            if piece.strip()
        ]
