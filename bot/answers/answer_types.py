"""The kind of answer a question wants, from the question's embedding, and whether a sentence holds one.

The question side is a logistic regression over the question's sentence embedding, fitted on the generic
forms of asking in config/answer_types.toml: "how long can it fly" and "how long was the visit" are both
duration questions because of how they read as a whole, not because of one word. The sentence side
recognises forms of writing (a date, an amount with its currency, a duration) listed in the same file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.knowledge.text_terms import fold

ANSWER_TYPES = ("date", "duration", "money", "count", "person", "organisation", "place", "reason", "source",
                "summary", "general")


@dataclass(frozen=True)
class TypeExamples:
    """config/answer_types.toml: example questions per type, and the value patterns per type."""

    examples: dict[str, tuple[str, ...]]
    values: dict[str, tuple[re.Pattern[str], ...]]

    @classmethod
    def load(cls, path: Path) -> TypeExamples:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        values = {kind: tuple(_compiled(p) for p in patterns) for kind, patterns in data.get("values", {}).items()}
        examples = {kind: tuple(found) for kind, found in data.get("examples", {}).items()}
        unknown = (set(values) | set(examples)) - set(ANSWER_TYPES)
        if unknown:
            raise ValueError(f"unknown answer types in {path}: {sorted(unknown)}")
        return cls(examples, values)

    def held_by(self, sentence: str) -> frozenset[str]:
        """The answer types a sentence holds a value of."""
        return self.read(sentence, frozenset())[0]

    def read(self, sentence: str, asked_words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
        """(the answer types a sentence holds a value of, those of them whose value the question does not
        already name), in one pass: "Elisabeth Borne" answers "which french pm did modi meet", "Prime
        Minister Narendra Modi" only repeats it."""
        held: set[str] = set()
        new: set[str] = set()
        for kind, patterns in self.values.items():
            for pattern in patterns:
                for match in pattern.finditer(sentence):
                    held.add(kind)
                    named = {w for w in _WORD.findall(fold(match.group(0))) if len(w) > 2 and w not in _FILLER}
                    if not named & asked_words:
                        new.add(kind)
                        break
                if kind in new:
                    break
        return frozenset(held), frozenset(new)


_WORD = re.compile(r"[a-z0-9]+")
# Words a value pattern takes in around the value itself ("in", "to", "the"): they never make it a repeat.
_FILLER = frozenset(("the", "and", "for", "from", "with", "was", "were", "into", "this", "that", "last", "next"))


def _compiled(pattern: str) -> re.Pattern[str]:
    """Patterns that spell out capitals ("[A-Z]") look for names and are case-sensitive; the rest are not."""
    return re.compile(pattern) if "A-Z" in pattern else re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class AnswerTypeModel:
    """Multinomial logistic regression over question embeddings (weights fitted by `attache train`)."""

    classes: tuple[str, ...]
    coef: np.ndarray  # (classes, dimensions)
    intercept: np.ndarray  # (classes,)

    def probabilities(self, question_vector: np.ndarray) -> dict[str, float]:
        logits = self.coef @ question_vector + self.intercept
        logits = logits - logits.max()
        weights = np.exp(logits)
        weights /= weights.sum()
        return {kind: float(p) for kind, p in zip(self.classes, weights, strict=True)}

    def to_json(self) -> dict[str, object]:
        return {"classes": list(self.classes), "coef": self.coef.round(6).tolist(),
                "intercept": self.intercept.round(6).tolist()}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> AnswerTypeModel:
        return cls(tuple(data["classes"]), np.asarray(data["coef"], dtype=np.float32),  # type: ignore[arg-type]
                   np.asarray(data["intercept"], dtype=np.float32))
