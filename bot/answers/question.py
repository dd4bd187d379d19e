"""Understanding a question: its words and their weights, the countries it names, its vector, and the kind
of answer it wants (as probabilities, so no single word decides)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.answers.answer_types import AnswerTypeModel
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.question import QuestionProfile, Vocabulary, profile_question


@dataclass(frozen=True)
class Question:
    """A question as the pipeline reads it."""

    text: str
    profile: QuestionProfile  # concepts with weights and chat equivalents, countries, list intent
    vector: np.ndarray
    types: dict[str, float]  # answer type → probability

    @property
    def answer_type(self) -> str:
        return max(self.types, key=self.types.__getitem__)

    def wants(self, kind: str) -> float:
        return self.types.get(kind, 0.0)

    @property
    def wants_many(self) -> bool:
        return self.profile.wants_many


def understand(text: str, *, search_text: str | None = None, lexical: LexicalIndex, gazetteer: Gazetteer,
               vocabulary: Vocabulary, vector: np.ndarray, types: AnswerTypeModel) -> Question:
    """`text` is what is asked; `search_text` adds a follow-up's earlier question for retrieval."""
    profile = profile_question(search_text or text, lexical, gazetteer, vocabulary)
    return Question(text=text, profile=profile, vector=vector, types=types.probabilities(vector))
