"""How well a sentence says each thing the question asks, word by word and in meaning.

Every telling word of the question is matched to the closest word piece of the sentence, both as the
embedder read them in context (its token states), and the weakest of those matches is the signal. A near
miss shares all but one thing with its nearest sentence ("what did they *sign*" against "they held talks"):
a similarity of whole sentences hides that one missing thing, the weakest link does not. Measured by
leaving sets out (2026-12-05, 1,582 questions of 22 sets, 7 folds): 1,127 right without it, 1,131 with
it and its twin that also reads the sentence before; the variants tried (with countries, with every word
as typed) got 1,131 to 1,141, within the noise of choosing a threshold, so the one that never lets an
unknown word count is kept.

The passages' token states are computed when a question retrieves them, not stored at ingestion (a
passage's states are ~250 vectors, 100 times its sentence vectors), and the last few are kept in memory:
a conversation asks about the same passages again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from bot.answers.candidates import Candidate
from bot.knowledge.embedder import TextEmbedder, TokenStates
from bot.knowledge.question import Concept
from bot.knowledge.text_terms import fold

PASSAGES_KEPT = 256


class WordAlignment:
    """The weakest word match of a question in each candidate sentence (and with the sentence before it)."""

    def __init__(self, embedder: TextEmbedder, passages_kept: int = PASSAGES_KEPT) -> None:
        self._embedder = embedder
        self._kept: OrderedDict[str, TokenStates] = OrderedDict()
        self._passages_kept = passages_kept

    def of(self, question: str, concepts: Sequence[Concept], candidates: Sequence[Candidate]) -> np.ndarray:
        """(candidates, 2): the weakest match in the sentence alone, and in it with the sentence before."""
        out = np.ones((len(candidates), 2), dtype=np.float32)
        asked = self.asked_pieces(question, concepts)
        if not len(asked) or not candidates:
            return out  # nothing to match: every sentence says all of it
        states = self._passages({c.passage.chunk.chunk_id: c.passage.chunk.text for c in candidates})
        for row, candidate in enumerate(candidates):
            passage = states[candidate.passage.chunk.chunk_id]
            end = candidate.start + len(candidate.text)
            out[row, 0] = weakest_match(asked, passage, candidate.start, end)
            out[row, 1] = weakest_match(asked, passage, candidate.previous_start, end)
        return out

    def asked_pieces(self, question: str, concepts: Sequence[Concept]) -> np.ndarray:
        """The token states of the words that say what the question asks: its concepts, less everyday glue
        words, countries (retrieval already keeps to the articles about them) and words the corpus never
        writes as typed. A typo or a chat abbreviation matches no sentence well, so it would only pull
        every answer down: an unknown word must never on its own turn a question into a refusal."""
        telling = {c.word for c in concepts if c.as_typed and not c.generic and not c.is_country}
        if not telling:
            return np.zeros((0, 0), dtype=np.float32)
        states = self._embedder.token_states([question])[0]
        keep = [i for i, (begin, end) in enumerate(states.spans) if _word_at(question, begin, end) in telling]
        return states.vectors[keep]

    def _passages(self, texts: dict[str, str]) -> dict[str, TokenStates]:
        missing = [chunk_id for chunk_id in texts if chunk_id not in self._kept]
        if missing:
            for chunk_id, states in zip(missing, self._embedder.token_states([texts[c] for c in missing]),
                                        strict=True):
                self._kept[chunk_id] = states
        found = {}
        for chunk_id in texts:
            self._kept.move_to_end(chunk_id)
            found[chunk_id] = self._kept[chunk_id]
        while len(self._kept) > self._passages_kept:
            self._kept.popitem(last=False)
        return found


def weakest_match(asked: np.ndarray, passage: TokenStates, begin: int, end: int) -> float:
    """The lowest, over the asked pieces, of the best cosine with a piece inside [begin, end) of the passage;
    0 when no piece lies there (the sentence was cut off when the passage was read)."""
    inside = [i for i, (a, b) in enumerate(passage.spans) if a >= begin and b <= end]
    if not inside:
        return 0.0
    return float((asked @ passage.vectors[inside].T).max(axis=1).min())


def _word_at(text: str, begin: int, end: int) -> str:
    """The whole word (folded, as the question's concepts are) that the piece at [begin, end) belongs to."""
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return fold(text[begin:end])
