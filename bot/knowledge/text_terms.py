"""Word normalisation shared by the lexical index and sentence scoring: lowercase, stopwords, light stemming."""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not of off on once only or other our ours ourselves out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your yours
    yourself yourselves also said says say tell told know u ur pls please plz did does doing got get
    whats who's what's when's where's hey hi thanks thank any anything something ok okay wat wut wht n abt
    r ya yeah yes re pls lol btw""".split()
)

_TOKEN = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)*")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A deliberately light stemmer: enough to match meet/meetings and visit/visited, never clever."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            root = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return root + "y"
            return root
    return word


def words(text: str) -> list[str]:
    """Lowercased word tokens, keeping joined forms such as r&d."""
    return _TOKEN.findall(text.casefold().replace("’", "'"))


def terms(text: str) -> list[str]:
    """Stemmed content terms (stopwords removed), in order, with repeats."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]
