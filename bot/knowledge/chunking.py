"""Split articles into passages that fit the embedder's 256-token window, on sentence boundaries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.knowledge.model import Article, Chunk
from bot.knowledge.sentences import is_field, split_sentences

if TYPE_CHECKING:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

# A separator no article contains: our abbreviation-aware splitter marks sentence ends with it, so
# langchain's splitter only ever cuts between paragraphs or sentences, never inside one.
_SENTENCE_MARK = "\u2029"
_SEPARATORS = ["\n\n", _SENTENCE_MARK, "\n", " "]

TokenCounter = Callable[[Sequence[str]], list[int]]
"""Exact token counts of many texts in one call (the tokenizer's batch call costs a fraction of one call each)."""


class ArticleChunker:
    """Sentence-aligned chunks measured in real tokens; an over-long single sentence is cut on words."""

    def __init__(self, count_tokens: TokenCounter, max_tokens: int, overlap_tokens: int) -> None:
        self._count_tokens = count_tokens
        self._max_tokens = max_tokens
        self._overlap_tokens = overlap_tokens
        self._splitter: RecursiveCharacterTextSplitter | None = None
        # Counts of the pieces the splitter measures, filled per article in one batch before it splits.
        # Keyed by text, so a count is right whichever article (or thread) put it there.
        self._known: dict[str, int] = {}

    @property
    def splitter(self) -> RecursiveCharacterTextSplitter:
        """Built on first use: answering never chunks, so a cold start skips langchain's import (~0.4 s)."""
        if self._splitter is None:
            from langchain_text_splitters import RecursiveCharacterTextSplitter

            self._splitter = RecursiveCharacterTextSplitter(
                separators=_SEPARATORS,
                chunk_size=self._max_tokens,
                chunk_overlap=self._overlap_tokens,
                length_function=self._length,
                keep_separator=False,
                strip_whitespace=True,
            )
        return self._splitter

    def chunk(self, article: Article) -> list[Chunk]:
        split = [_joined(paragraph) for paragraph in article.text.split("\n\n")]
        paragraphs = [joined for joined, _ in split if joined]
        # The splitter measures each paragraph, then each sentence of a paragraph too long to keep whole.
        known = self._counted([*paragraphs, *_SEPARATORS])
        # the splitter cuts a long paragraph on sentence marks, then on a box's line breaks: both kinds of piece
        self._known = known | self._counted(list(dict.fromkeys(
            piece for joined, texts in split if joined and known[joined] >= self._max_tokens
            for piece in (*joined.split(_SENTENCE_MARK), *texts))))
        article_id = article.meta.article_id
        return [
            Chunk(chunk_id=f"{article_id}:{index}", article_id=article_id, index=index,
                  text=piece.replace(_SENTENCE_MARK, " ").strip())
            for index, piece in enumerate(self.splitter.split_text("\n\n".join(paragraphs)))
            if piece.strip()
        ]

    def _counted(self, texts: list[str]) -> dict[str, int]:
        return dict(zip(texts, self._count_tokens(texts), strict=True)) if texts else {}

    def _length(self, text: str) -> int:
        count = self._known.get(text)
        return count if count is not None else self._count_tokens([text])[0]


def _joined(paragraph: str) -> tuple[str, list[str]]:
    """A paragraph's sentences joined by the sentence mark (a space once stored), or by a line break before a
    fact box's field on its own line: split again for answering, the stored passage then keeps "Place: …" apart
    from "Participants: …" as the article did. A list's short items still join ("- horticulture - seed
    breeding"), which is how a list of fields reads as one sentence."""
    sentences = split_sentences(paragraph)
    joined = ""
    for previous, sentence in zip([None, *sentences], sentences, strict=False):
        if previous is not None:
            on_its_line = "\n" in paragraph[previous.end:sentence.start] and is_field(sentence.text)
            joined += "\n" if on_its_line else _SENTENCE_MARK
        joined += sentence.text
    return joined, [sentence.text for sentence in sentences]
