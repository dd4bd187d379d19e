"""The question-set format: one JSON object per line, with the keys an answer must contain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.errors import KnowledgeError

QUESTION_TYPES = ("visit", "official", "agreement", "cooperation", "date", "duration", "money", "count", "place",
                  "reason", "summary", "list", "source", "multi-doc", "unanswerable")


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    answer_any: tuple[str, ...]
    must_all: tuple[str, ...]
    sources: tuple[str, ...]
    type: str

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"


def load_questions(path: Path) -> list[EvalQuestion]:
    questions: list[EvalQuestion] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            question = EvalQuestion(
                id=str(raw["id"]), question=str(raw["question"]),
                answer_any=tuple(raw.get("answer_any", [])), must_all=tuple(raw.get("must_all", [])),
                sources=tuple(raw.get("sources", [])), type=str(raw.get("type", "")),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise KnowledgeError(f"{path}:{number}: not a question object ({error}).") from error
        if question.type not in QUESTION_TYPES:
            raise KnowledgeError(f"{path}:{number}: type must be one of {', '.join(QUESTION_TYPES)}.")
        questions.append(question)
    return questions
