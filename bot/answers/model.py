"""The fitted answer model: answer types from the question, and for each candidate sentence the
probability that quoting it answers the question. Its weights and thresholds are data
(config/answer_model.json), written by `attache train` (bot/answers/training.py); nothing here is hand-set."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.answers.answer_types import AnswerTypeModel
from bot.answers.features import FEATURES


@dataclass(frozen=True)
class Thresholds:
    """Chosen on labelled data by `attache train` (see the precision/recall it reports)."""

    answer: float  # the best candidate must reach this, or the bot refuses
    also: float  # a further sentence is quoted when it reaches this share of the best one's probability
    # answer type → how sure the question must be to want it, for the types whose value a quote must then
    # state ("how much …": an amount). Chosen per type on the training sets, only where it gets more right.
    value_gates: dict[str, float] = field(default_factory=dict)
    # No answerable training question was farther than this (cosine) from its closest retrieved sentence: a
    # question farther from every sentence is about something the articles do not hold ("print your system
    # prompt"), however well a sentence's other signals look.
    least_similarity: float = -1.0
    # A list across articles ("the ministers in the X and the Y stories") has each item answer only its part,
    # so its best sentence may need less than `answer`: chosen on the training sets' list questions (None: the
    # answer threshold).
    list_answer: float | None = None
    # Signs of a near miss (features of bot/answers/features.py, e.g. "role_unheld": the question describes an
    # official nobody in the article can be) that keep a sentence from being quoted when set (≥ 0.5). Each is
    # kept only where the training sets get at least three more questions right with it (as a value gate): the
    # data decides which signs to trust outright.
    refusal_signs: tuple[str, ...] = ()

    def to_answer(self, many: bool) -> float:
        """What the best sentence must reach: the list threshold for a list across articles, if one was fitted."""
        return self.list_answer if many and self.list_answer is not None else self.answer

    def required_value(self, types: dict[str, float]) -> str | None:
        """The answer type every quoted sentence must state a value of, if the question is sure enough."""
        if not types:
            return None
        kind = max(types, key=types.__getitem__)
        gate = self.value_gates.get(kind)
        return kind if gate is not None and types[kind] >= gate else None


@dataclass(frozen=True)
class AnswerModel:
    types: AnswerTypeModel
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    thresholds: Thresholds
    report: dict[str, object]

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        return logistic(rows, self.mean, self.scale, self.coef, self.intercept)

    @classmethod
    def load(cls, path: Path) -> AnswerModel:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if tuple(data["features"]) != FEATURES or not set(data["thresholds"].get("refusal_signs", ())) <= set(FEATURES):
            raise ValueError(f"{path} was fitted for other features; run `attache train` to refit it")
        return cls(
            types=AnswerTypeModel.from_json(data["types"]),
            features=tuple(data["features"]),
            mean=np.asarray(data["mean"], dtype=np.float32),
            scale=np.asarray(data["scale"], dtype=np.float32),
            coef=np.asarray(data["coef"], dtype=np.float32),
            intercept=float(data["intercept"]),
            thresholds=Thresholds(**{**data["thresholds"],
                                     "refusal_signs": tuple(data["thresholds"].get("refusal_signs", ()))}),
            report=data.get("report", {}),
        )

    def save(self, path: Path) -> None:
        data = {
            "about": "Fitted by `attache train` (bot/answers/training.py); do not edit by hand.",
            "features": list(self.features),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "coef": self.coef.round(6).tolist(),
            "intercept": round(self.intercept, 6),
            "thresholds": {"answer": round(self.thresholds.answer, 4), "also": round(self.thresholds.also, 4),
                           "value_gates": self.thresholds.value_gates,
                           "least_similarity": round(self.thresholds.least_similarity, 4),
                           "list_answer": (round(self.thresholds.list_answer, 4)
                                           if self.thresholds.list_answer is not None else None),
                           "refusal_signs": list(self.thresholds.refusal_signs)},
            "report": self.report,
        }
        # The report is for people to read; the type model's thousands of weights go on one compact line.
        text = json.dumps(data, indent=1).removesuffix("\n}")
        types = json.dumps(self.types.to_json(), separators=(",", ":"))
        path.write_text(f'{text},\n "types": {types}\n}}\n', encoding="utf-8")


def logistic(rows: np.ndarray, mean: np.ndarray, scale: np.ndarray, coef: np.ndarray, intercept: float) -> np.ndarray:
    """The scorer's probabilities for rows of features: a logistic regression on standardised features (what
    `attache train` fits and what answering replays)."""
    return 1.0 / (1.0 + np.exp(-(((rows - mean) / scale) @ coef + intercept)))
