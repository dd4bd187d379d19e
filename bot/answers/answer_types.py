"""The kind of answer a question wants, from the question as a whole, and whether a sentence holds one.

The question side is a logistic regression over the question's sentence embedding and its letter n-grams
(TF-IDF), fitted on the generic forms of asking in config/answer_types.toml and on the labelled questions
of the training sets: "how long can it fly" and "how long was the visit" are both duration questions
because of how they read as a whole, not because of one word. The letter n-grams carry how people type
("hw much $$", "whn") that the embedding reads poorly. The sentence side recognises forms of writing (a
date, an amount with its currency, a duration) listed in the same file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.knowledge.numbers import is_cardinal
from bot.knowledge.text_terms import fold

ANSWER_TYPES = ("date", "duration", "money", "count", "person", "organisation", "place", "reason", "agreement",
                "areas", "source", "summary", "general")


@dataclass(frozen=True)
class TypeExamples:
    """config/answer_types.toml: example questions per type, and the value patterns per type."""

    examples: dict[str, tuple[str, ...]]
    values: dict[str, tuple[re.Pattern[str], ...]]
    # a labelled question's evaluation type → the answer type it asks for ("official" → "person"); the
    # types not listed (a "visit" question may want a person, a date or a place) teach nothing
    from_question_types: dict[str, str]
    # the labels of questions that want a list across articles, for the model's "many" head
    many_question_types: frozenset[str] = frozenset()
    # how a question labelled for fields asks a name instead ("name of the jv", "which company …"), or None
    names_asked: re.Pattern[str] | None = None
    # the events a quote may deny (bot/answers/denials.py): actions that tell one happened, things that name one
    denied_actions: tuple[str, ...] = ()
    denied_things: tuple[str, ...] = ()
    # words a count may name the same things by ("agreements", "documents"): families, as written
    counted_kinds: tuple[frozenset[str], ...] = ()

    def counted_together(self, stem_of: Callable[[str], str], counted: str) -> frozenset[str]:
        """The stems of every word of the family the counted word's stem is in (`stem_of` stems them)."""
        found = stem_of(counted)
        return frozenset(stem_of(w) for family in self.counted_kinds if found in {stem_of(m) for m in family}
                         for w in family)

    @classmethod
    def load(cls, path: Path) -> TypeExamples:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        values = {kind: tuple(_compiled(p) for p in patterns) for kind, patterns in data.get("values", {}).items()}
        examples = {kind: tuple(found) for kind, found in data.get("examples", {}).items()}
        mapping = dict(data.get("from_question_types", {}))
        unknown = (set(values) | set(examples) | set(mapping.values())) - set(ANSWER_TYPES)
        if unknown:
            raise ValueError(f"unknown answer types in {path}: {sorted(unknown)}")
        return cls(examples, values, mapping, frozenset(data.get("many_question_types", ())),
                   _names_asked(data.get("names_asked", {})), tuple(data.get("denials", {}).get("actions", ())),
                   tuple(data.get("denials", {}).get("things", ())),
                   tuple(frozenset(f) for f in data.get("counted_kinds", {}).get("families", ())))

    def labelled_type(self, question: str, label: str) -> str | None:
        """The answer type a labelled question teaches: its label's, unless a question labelled for fields
        asks a name ("whats the name of the water jv", "which company makes the radars": an organisation)."""
        kind = self.from_question_types.get(label)
        if kind == "areas" and self.names_asked is not None and self.names_asked.search(fold(question)):
            return "organisation"
        return kind

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
                    # a pattern that reads words around its value marks the value itself ("(?P<value>…)")
                    value = match.group("value") if "value" in pattern.groupindex else match.group(0)
                    if not told_by(value) & asked_words:
                        new.add(kind)
                        break
                if kind in new:
                    break
        return frozenset(held), frozenset(new)


def told_by(value: str) -> frozenset[str]:
    """The words that make a value the one it is, for telling whether the question already names it: its
    numbers, when it has any ("three days" is new to "how many days", "four MoUs" to "how many mous"; "2017"
    repeats "… in 2017"), else its words ("Prime Minister Narendra Modi")."""
    named = {w for w in _WORD.findall(fold(value)) if w not in _FILLER}
    quantities = {w for w in named if any(ch.isdigit() for ch in w) or is_cardinal(w)}
    return frozenset(quantities or {w for w in named if len(w) > 2})


_WORD = re.compile(r"[a-z0-9]+")
# Words a value pattern takes in around the value itself ("in", "to", "the"): they never make it a repeat.
_FILLER = frozenset(("the", "and", "for", "from", "with", "was", "were", "into", "this", "that", "last", "next"))


def _names_asked(config: dict[str, list[str]]) -> re.Pattern[str] | None:
    """A naming phrase anywhere, or a body's noun asked by "which"/"what" (one word may stand between)."""
    naming, bodies = config.get("naming", []), config.get("bodies", [])
    if not naming and not bodies:
        return None
    parts = [rf"\b(?:{'|'.join(map(re.escape, naming))})\b"] if naming else []
    if bodies:
        parts.append(rf"\b(?:which|what)\s+(?:\w+\s+)?(?:{'|'.join(map(re.escape, bodies))})\b")
    return re.compile("|".join(parts))


def _compiled(pattern: str) -> re.Pattern[str]:
    """Patterns that spell out capitals ("[A-Z]") look for names and are case-sensitive; the rest are not."""
    return re.compile(pattern) if "A-Z" in pattern else re.compile(pattern, re.IGNORECASE)


# Letter n-grams of each word, with the word's edges marked: "$$" and "hw" are n-grams like any other.
NGRAM_SIZES = (2, 3, 4)
# The opening words are read a second time, marked with their place: the asking word leads a question ("who
# flew in for a one-day trip" asks for a person, whatever "one-day" says). Leaving one question file out at a
# time (7 folds, 2,423 labelled questions, 2026-12-07): 0.921 of types right without the marks, 0.929 with
# the first two words marked, 0.926 with the first only.
OPENING_WORDS = 2


def letter_ngrams(text: str, words: frozenset[str] | None = None) -> list[str]:
    """The n-grams the question side reads, the same at fitting and at answering; with `words`, of those
    words only."""
    grams: list[str] = []
    folded = fold(text).split()
    for word in folded:
        if words is not None and word not in words:
            continue
        grams.extend(_grams_of(word))
    for place, word in enumerate(folded[:OPENING_WORDS]):
        if words is None or word in words:
            grams.extend(f"{place}^{gram}" for gram in _grams_of(word))
    return grams


def _grams_of(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i:i + size] for size in NGRAM_SIZES for i in range(len(padded) - size + 1)]


@dataclass(frozen=True)
class NgramWeights:
    """Sublinear TF-IDF over letter n-grams, L2-normalised (scikit-learn's TfidfVectorizer, replayed in
    numpy so that answering needs no scikit-learn)."""

    index: dict[str, int]
    idf: np.ndarray
    # Only these words are read for n-grams (None: every word): words asked in several question sets, so that
    # a name one set repeats ("kestovia") cannot teach what kind of answer a question wants.
    words: frozenset[str] | None = None

    def vector(self, text: str) -> np.ndarray:
        counts: dict[int, int] = {}
        for gram in letter_ngrams(text, self.words):
            position = self.index.get(gram)
            if position is not None:
                counts[position] = counts.get(position, 0) + 1
        row = np.zeros(len(self.idf), dtype=np.float32)
        for position, count in counts.items():
            row[position] = (1.0 + np.log(count)) * self.idf[position]
        norm = float(np.linalg.norm(row))
        return row / norm if norm else row


@dataclass(frozen=True)
class AnswerTypeModel:
    """Multinomial logistic regression over [question embedding, letter n-gram TF-IDF] (weights fitted by
    `attache train`)."""

    classes: tuple[str, ...]
    coef: np.ndarray  # (classes, dimensions of the embedding + n-grams)
    intercept: np.ndarray  # (classes,)
    ngrams: NgramWeights | None = None
    # "list the deals", "who did X and Y each go to see": one answer per article (a binary head, same inputs)
    many_coef: np.ndarray | None = None
    many_intercept: float = 0.0

    def features(self, question_vector: np.ndarray, text: str) -> np.ndarray:
        if self.ngrams is None:
            return question_vector
        return np.concatenate([question_vector, self.ngrams.vector(text)])

    def many_probability(self, question_vector: np.ndarray, text: str) -> float | None:
        """How likely the question asks for a list across articles; None for a model fitted without it."""
        if self.many_coef is None:
            return None
        logit = float(self.many_coef @ self.features(question_vector, text) + self.many_intercept)
        return 1.0 / (1.0 + float(np.exp(-logit)))

    def probabilities(self, question_vector: np.ndarray, text: str = "") -> dict[str, float]:
        features = self.features(question_vector, text)
        logits = self.coef @ features + self.intercept
        logits = logits - logits.max()
        weights = np.exp(logits)
        weights /= weights.sum()
        return {kind: float(p) for kind, p in zip(self.classes, weights, strict=True)}

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"classes": list(self.classes), "coef": _rounded(self.coef),
                                   "intercept": _rounded(self.intercept)}
        if self.ngrams is not None:
            data["ngrams"] = sorted(self.ngrams.index, key=self.ngrams.index.__getitem__)
            data["idf"] = _rounded(self.ngrams.idf)
            if self.ngrams.words is not None:
                data["ngram_words"] = sorted(self.ngrams.words)
        if self.many_coef is not None:
            data["many_coef"] = _rounded(self.many_coef)
            data["many_intercept"] = round(self.many_intercept, 5)
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> AnswerTypeModel:
        ngrams = None
        if "ngrams" in data:
            grams: list[str] = data["ngrams"]  # type: ignore[assignment]
            words: list[str] | None = data.get("ngram_words")  # type: ignore[assignment]
            ngrams = NgramWeights({g: i for i, g in enumerate(grams)},
                                  np.asarray(data["idf"], dtype=np.float32),
                                  frozenset(words) if words is not None else None)
        many = np.asarray(data["many_coef"], dtype=np.float32) if "many_coef" in data else None
        return cls(tuple(data["classes"]), np.asarray(data["coef"], dtype=np.float32),  # type: ignore[arg-type]
                   np.asarray(data["intercept"], dtype=np.float32), ngrams, many,
                   float(data.get("many_intercept", 0.0)))  # type: ignore[arg-type]


def _rounded(values: np.ndarray) -> list[object]:
    """Five decimals, taken in float64 so that float32 noise ("6.053055763244629") is not written out."""
    return np.asarray(values, dtype=np.float64).round(5).tolist()
