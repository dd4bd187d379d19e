"""What a question asks for: its telling terms, the kind of answer it wants, and the countries it names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.text_terms import words

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("amount", re.compile(r"\b(how much|how many|worth|value|valued|cost|price|budget|size of the deal)\b")),
    ("date", re.compile(r"\b(when|what date|which date|what day|which day|what year|which year|what month|"
                        r"how long ago|dates?)\b")),
    ("person", re.compile(r"\b(who|whom|whose|which officials?|which ministers?|name of|names of)\b")),
    ("area", re.compile(r"\b(areas?|sectors?|fields?|domains?|topics?|cooperat\w*|cooperashun|collaborat\w*|"
                        r"focus\w*|discuss\w*|priorit\w*)\b")),
    ("place", re.compile(r"\b(where|which city|what city|which country|what country)\b")),
)
_FOLLOW_UP = re.compile(r"^(and|also|what about|how about|so|then)\b|\b(that|it|this|they|them|he|she|his|her|there)\b")


@dataclass(frozen=True)
class QuestionProfile:
    text: str
    terms: tuple[str, ...]
    kind: str  # amount | date | person | area | place | general
    countries: tuple[str, ...]

    @property
    def is_short(self) -> bool:
        return len(self.terms) <= 3


def profile_question(question: str, lexical: LexicalIndex, gazetteer: Gazetteer) -> QuestionProfile:
    lowered = question.casefold()
    kind = next((name for name, pattern in _KINDS if pattern.search(lowered)), "general")
    countries = tuple(dict.fromkeys(
        country for word in _ngrams(question) if (country := gazetteer.canonical(word))
    ))
    return QuestionProfile(question, tuple(dict.fromkeys(lexical.query_terms(question))), kind, countries)


def looks_like_follow_up(question: str) -> bool:
    """Short questions that lean on the previous one ("and when was that?") get its context."""
    return len(words(question)) <= 7 and bool(_FOLLOW_UP.search(question.casefold()))


def _ngrams(text: str) -> list[str]:
    tokens = re.findall(r"[\w.'’]+", text)
    grams = list(tokens)
    for size in (2, 3, 4):
        grams += [" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)]
    return grams
