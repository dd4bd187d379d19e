"""A chat acronym no article writes ("jc", "bnc", "hlcc") stands for a phrase the retrieved passages do write,
whose words begin with its letters ("joint commission", "Bi-National Commission", "High-Level Cooperation
Council"). Read that way, the question's word is covered by the sentences that name the body, instead of
counting as a missing topic. Only the retrieved passages are searched: an acronym means what the articles
at hand spell out, and no list of abbreviations has to know it."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.model import RetrievedChunk
from bot.knowledge.question import Concept, QuestionProfile
from bot.knowledge.text_terms import STOPWORDS, stem

# The letters of a typed acronym: short, letters only. Longer unknown words are names or typos.
MIN_ACRONYM_LETTERS = 2
MAX_ACRONYM_LETTERS = 5
# Small words a spelled-out name may hold that its acronym skips ("Ministry of Defence" → MoD).
_SKIPPED = frozenset({"of", "and", "the", "for", "on", "&"})
# Word pieces: a hyphen splits ("High-Level" → h, l); apostrophes stay inside a word.
_PIECE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|&")
# A lowercase phrase written this many times in the passages is a term of theirs, not a chance run of words.
_TIMES_FOR_A_TERM = 2
# A line of at least this many content words, more than this share of them capitalised, is a headline.
_HEADLINE_WORDS = 4
_HEADLINE_SHARE = 0.8
# A sentence's end breaks a phrase: letters are never read across it.
_BREAK = re.compile(r"[.,;:!?\n()\[\]\"“”]")


def spelled_out(profile: QuestionProfile, passages: Sequence[RetrievedChunk], lexical: LexicalIndex) -> QuestionProfile:
    """The profile with each unknown acronym-shaped word covered also by the phrases it abbreviates in the
    passages (as stems), weighted by their rarest word; unchanged when no passage spells it out."""
    texts = [p.chunk.text for p in passages]
    concepts: list[Concept] = []
    changed = False
    for concept in profile.concepts:
        word = concept.word
        if (concept.known or concept.is_country or not word.isalpha()
                or not MIN_ACRONYM_LETTERS <= len(word) <= MAX_ACRONYM_LETTERS):
            concepts.append(concept)
            continue
        phrases = sorted(abbreviated_in(word, texts))
        if not phrases:
            concepts.append(concept)
            continue
        stems = tuple(tuple(stem(w) for w in phrase if w not in _SKIPPED) for phrase in phrases)
        weight = max(max(lexical.idf(t) for t in p) for p in stems)
        named = any(t in lexical.named_terms for p in stems for t in p)
        concepts.append(replace(concept, alternatives=(*concept.alternatives, *stems), weight=weight, known=True,
                                named=concept.named or named))
        changed = True
    return replace(profile, concepts=tuple(concepts)) if changed else profile


def abbreviated_in(acronym: str, texts: Sequence[str]) -> set[tuple[str, ...]]:
    """The phrases the texts write that `acronym` can stand for: written as a name, every word capitalised
    ("Bi-National Commission"), or a term the texts keep using ("the joint commission", twice or more). Words
    that merely begin with the right letters once ("world and third" for "wat") are no expansion."""
    found: Counter[tuple[str, ...]] = Counter()
    named: set[tuple[str, ...]] = set()
    for text in texts:
        for phrase, capitalised in phrases_abbreviated(acronym, text):
            found[phrase] += 1
            if capitalised:
                named.add(phrase)
    return {phrase for phrase, times in found.items() if phrase in named or times >= _TIMES_FOR_A_TERM}


def phrases_abbreviated(acronym: str, text: str) -> list[tuple[tuple[str, ...], bool]]:
    """Every run of words in `text` whose initials spell `acronym`, as lowercase word tuples, each with whether
    its letter words are all capitalised there. A small word between them may be skipped or spell a letter
    ("Ministry of Defence" is "mod"); none begins or ends one, and only content words give letters."""
    letters = acronym.casefold()
    found: list[tuple[tuple[str, ...], bool]] = []
    for line in fold_keeping_case(text).split("\n"):
        content = [w for w in _PIECE.findall(line) if _spells(w.casefold())]
        # A headline capitalises every word ("Pena Meets Lula"): its capitals name nothing.
        headline = (len(content) >= _HEADLINE_WORDS
                    and sum(w[:1].isupper() for w in content) > _HEADLINE_SHARE * len(content))
        for stretch in _BREAK.split(line):
            found.extend(_runs(letters, _PIECE.findall(stretch), headline))
    return found


def _runs(letters: str, written: Sequence[str], headline: bool) -> list[tuple[tuple[str, ...], bool]]:
    """The runs of `written` words spelling `letters`, each with whether its letter words are capitalised."""
    pieces = [w.casefold() for w in written]
    found: list[tuple[tuple[str, ...], bool]] = []
    for start, first in enumerate(pieces):
        if _spells(first) and first[0] == letters[0]:
            for taken in _spelled(letters[1:], pieces, start + 1, (first,)):
                words = written[start:start + len(taken)]
                capitalised = all(w[:1].isupper() for w, low in zip(words, taken, strict=True) if _spells(low))
                found.append((taken, capitalised and not headline))
    return found


def fold_keeping_case(text: str) -> str:
    """Accents off, case kept ("Bogotá" → "Bogota")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _spells(piece: str) -> bool:
    """A word that may give an acronym its letter: a content word ("in several areas" spells no "isa")."""
    return piece not in _SKIPPED and piece not in STOPWORDS and not piece.isdigit()


def _spelled(letters: str, pieces: Sequence[str], at: int, taken: tuple[str, ...]) -> set[tuple[str, ...]]:
    if not letters:
        return {taken}
    if at >= len(pieces):
        return set()
    piece = pieces[at]
    found: set[tuple[str, ...]] = set()
    if piece[0] == letters[0] and (_spells(piece) or (piece in _SKIPPED and len(letters) > 1)):
        found |= _spelled(letters[1:], pieces, at + 1, (*taken, piece))
    if piece in _SKIPPED:
        found |= _spelled(letters, pieces, at + 1, (*taken, piece))
    return found
