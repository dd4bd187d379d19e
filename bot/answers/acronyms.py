"""A chat acronym no article writes ("jc", "bnc", "hlcc") stands for a phrase the retrieved passages do write,
whose words begin with its letters ("joint commission", "Bi-National Commission", "High-Level Cooperation
Council"). Read that way, the question's word is covered by the sentences that name the body, instead of
counting as a missing topic. Only the retrieved passages are searched: an acronym means what the articles
at hand spell out, and no list of abbreviations has to know it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.model import RetrievedChunk
from bot.knowledge.question import Concept, QuestionProfile
from bot.knowledge.text_terms import fold, stem

# The letters of a typed acronym: short, letters only. Longer unknown words are names or typos.
MIN_ACRONYM_LETTERS = 2
MAX_ACRONYM_LETTERS = 5
# Small words a spelled-out name may hold that its acronym skips ("Ministry of Defence" → MoD).
_SKIPPED = frozenset({"of", "and", "the", "for", "on", "&"})
# Word pieces: a hyphen splits ("High-Level" → h, l); apostrophes stay inside a word.
_PIECE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|&")
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
        phrases = sorted({phrase for text in texts for phrase in phrases_abbreviated(word, text)})
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


def phrases_abbreviated(acronym: str, text: str) -> set[tuple[str, ...]]:
    """Every run of words in `text` whose initials spell `acronym`, as lowercase word tuples. A small word
    between them may be skipped or spell a letter ("Ministry of Defence" is "mod"); none begins or ends one."""
    letters = acronym.casefold()
    found: set[tuple[str, ...]] = set()
    for stretch in _BREAK.split(fold(text)):
        pieces = _PIECE.findall(stretch)
        for start, first in enumerate(pieces):
            if first not in _SKIPPED and first[0] == letters[0]:
                found.update(_spelled(letters[1:], pieces, start + 1, (first,)))
    return found


def _spelled(letters: str, pieces: Sequence[str], at: int, taken: tuple[str, ...]) -> set[tuple[str, ...]]:
    if not letters:
        return {taken}
    if at >= len(pieces):
        return set()
    piece = pieces[at]
    found: set[tuple[str, ...]] = set()
    if piece[0] == letters[0] and (piece not in _SKIPPED or len(letters) > 1):
        found |= _spelled(letters[1:], pieces, at + 1, (*taken, piece))
    if piece in _SKIPPED:
        found |= _spelled(letters, pieces, at + 1, (*taken, piece))
    return found
