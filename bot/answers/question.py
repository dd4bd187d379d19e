"""Understanding a question: its words and their weights, the countries it names, its vector, and the kind
of answer it wants (as probabilities, so no single word decides)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.answers.answer_types import AnswerTypeModel
from bot.knowledge.question import QuestionProfile


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


def understand(text: str, *, profile: QuestionProfile, vector: np.ndarray, types: AnswerTypeModel,
               own_vector: np.ndarray | None = None) -> Question:
    """`text` is what is asked and `profile` its words (with a follow-up's earlier question); `own_vector`
    (the follow-up's own embedding) decides the kind of answer: "and when was that?" wants a date whatever
    the earlier question wanted."""
    kind_vector = own_vector if own_vector is not None else vector
    return Question(text=text, profile=profile, vector=vector, types=types.probabilities(kind_vector, text))
