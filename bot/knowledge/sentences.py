"""Sentence splitting tuned for news prose: titles and initials ("Maj Gen", "Dr.", "Adv.", "U.S.") do not end a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cdr", "adm", "brig", "sgt", "st",
    "sr", "jr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "govt", "rs", "approx", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "retd", "res", "hon", "rep", "sen", "adv",
    "acad", "amb", "eng", "engr",  # "Acad. Nikolai Denkov", "Amb.", "Eng.": abbreviated styles end no sentence
})
# A candidate boundary: terminal punctuation, optional closing quote/bracket, whitespace, then a likely start.
_BOUNDARY = re.compile(r"([.!?:])([\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9]|[-*•]\s)")

# A fact box's field: a short label at the head of its line, one capitalised word and at most three small ones,
# then a colon ("Place:", "Announced by:", "Heads of delegation:"); never a name ("President Lars Heim: …" is a
# wrapped line of prose).
FIELD_LABEL = r"[A-Z][\w’'-]*(?: [a-z][\w’'()-]*){0,3}"
_FIELD_LINE = rf"{FIELD_LABEL}:\s"


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their character offsets in `text`; paragraph breaks always end a sentence."""
    sentences: list[Sentence] = []
    # A line break joins wrapped lines, except before a bullet or numbered item, or a field of a fact box
    # ("Place: Iwaki City"), which starts anew.
    for para in re.finditer(rf"[^\n]+(?:\n(?!\s*\n|\s*(?:[-*•]|\d+[.)])\s|{_FIELD_LINE})[^\n]+)*", text):
        sentences.extend(_split_paragraph(para.group(0), para.start()))
    return sentences


def _split_paragraph(paragraph: str, offset: int) -> list[Sentence]:
    pieces: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end(2)
        if match.group(1) == "." and _is_abbreviation(paragraph[start:match.start(1)]):
            continue
        if match.group(1) == ":" and not paragraph[match.end(3):].startswith(("-", "*", "•")):
            continue  # a colon ends a sentence only when a bullet list follows
        _append(pieces, paragraph, start, end, offset)
        start = match.end(3)
    _append(pieces, paragraph, start, len(paragraph), offset)
    return pieces


def _is_abbreviation(before: str) -> bool:
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", before)
    if not word:
        return False
    token = word.group(1)
    # Single initials ("J.") and dotted acronyms ("U.S") never end a sentence here, nor a short capitalised
    # word with no vowel ("Gudni Th. Johannesson", "Wm.", "Bldg."): no English word is written so.
    return (token.rstrip(".").lower() in ABBREVIATIONS or len(token) == 1 or "." in token
            or (bool(_VOWELLESS.fullmatch(token)) and token.lower() not in _NAMES_WITHOUT_VOWELS))


# A capitalised abbreviation with no vowel, up to four letters (not an acronym in capitals: "the BJP." ends one);
# the officials' name reader takes one inside a name with it (bot/facts/officials.py).
VOWELLESS_WORD = r"[B-DF-HJ-NP-TV-XZ][b-df-hj-np-tv-xz]{1,3}"
_VOWELLESS = re.compile(VOWELLESS_WORD)
# Whole names written without a vowel, which may end a sentence ("… met Deputy Prime Minister Ng. They …").
_NAMES_WITHOUT_VOWELS = frozenset({"ng"})


def _append(pieces: list[Sentence], paragraph: str, start: int, end: int, offset: int) -> None:
    raw = paragraph[start:end]
    stripped = raw.strip()
    if stripped:
        lead = len(raw) - len(raw.lstrip())
        pieces.append(Sentence(stripped, offset + start + lead, offset + start + lead + len(stripped)))


# Labels that open a line without heading a field: someone speaking ("He said: …", "The minister added: …") and a
# page's furniture ("Photo: Reuters", "Read more: …").
_NOT_A_LABEL = re.compile(
    r"(?i:he|she|it|they|we|i|you|the|a|an|this|that)\b.*"
    r"|.*\b(?:said|says|added|adds|told|tells|noted|notes|stressed|stresses|explained|explains|stated|states"
    r"|wrote|writes|asked|asks|replied|replies|announced|announces|declared|declares|warned|warns|insisted|insists)"
    r"|(?i:photos?|images?|credits?|sources?|tags?|read more|also read|related|editor|editing|updated|reporting)")


def is_field(sentence: str) -> bool:
    """A fact box's field with its value ("Place: Wellington", "- When: Thursday."): a box's fields describe one
    event, so each is read with the others. Not a line of a Q&A ("Q: What happened?"), a speaker's words or a
    page's furniture (`_NOT_A_LABEL`)."""
    field = re.match(rf"(?:[-*•]\s+)?({FIELD_LABEL}):\s+\S", sentence)
    return (field is not None and len(field.group(1)) > 1 and not sentence.rstrip().endswith("?")
            and not _NOT_A_LABEL.fullmatch(field.group(1)))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a passage lies, for the sentence vectors stored beside it."""
    return [(s.start, s.end) for s in split_sentences(text)]
