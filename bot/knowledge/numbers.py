"""The numbers a text states, however it writes them: "5th", "fifth" and "five" all state 5. A question typed
"the 5th joint session" is about the report's "fifth joint meeting"; "two-plus-two" states 2 as "2+2" does."""

from __future__ import annotations

import re

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_UNIT_ORDINALS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                  "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_TENS_ORDINALS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                  "seventieth": 70, "eightieth": 80, "ninetieth": 90}
_UNIT_VALUES = {w: n for n, w in enumerate(_UNITS)} | {w: n for n, w in enumerate(_UNIT_ORDINALS)}
_WORD_VALUES = _UNIT_VALUES | _TENS | _TENS_ORDINALS
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SPELLED = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})[\s-]+(?P<unit>{'|'.join(_UNITS[1:10] + _UNIT_ORDINALS[1:10])})"
    rf"|(?P<word>{'|'.join(sorted(_WORD_VALUES, key=len, reverse=True))}))\b",
    re.IGNORECASE,
)


# How an order is told apart from a count: "the 9th session" asks "#9", which "nine ministers" does not state.
ORDINAL = "#"
_DIGIT_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
_ORDINAL_WORDS = frozenset(_UNIT_ORDINALS) | frozenset(_TENS_ORDINALS)


def numbers_in_digits(text: str) -> set[str]:
    """The numbers the text writes with digits ("5th" gives "5", "1,200" stays "1,200")."""
    return set(_DIGITS.findall(text))


# The months and their short forms, as a regular-expression alternation (capitalised as a report writes them).
MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|November|December|"
               "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
# The days of the week, as a regular-expression alternation (lower case: read without case).
WEEKDAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# An order that names a thing ("the 9th jcc", "2nd joint commission"): a word follows it that is not a month,
# "of" or another small word ("the 28th of may", "12th may", "the 28th in delhi" are days, which a text
# writes "28 May"), and no month or "on" comes right before it ("june 12th", "on the 28th").
_ORDERED_THING = re.compile(rf"\b(\d+)(?:st|nd|rd|th)\s+(?!(?:of|in|at|on|to|for|from|with|by|during|when|"
                            rf"{MONTH_NAMES})\b)[a-z]", re.IGNORECASE)
_DAY_BEFORE = re.compile(rf"(?:\b(?:{MONTH_NAMES})\.?|\bon(?:\s+the)?)\s+$", re.IGNORECASE)


def numbers_asked(text: str) -> set[str]:
    """The numbers a question writes with digits, an order of things marked as one: "the 9th jcc in 2024" asks
    "#9" and "2024", so only a text that states a ninth (not any nine) answers it; "on the 28th" asks a day,
    28, however the text writes it."""
    orders = {m.start(1) for m in _ORDERED_THING.finditer(text) if not _DAY_BEFORE.search(text[:m.start(1)])}
    return {f"{ORDINAL}{m.group(0)}" if m.start() in orders else m.group(0) for m in _DIGITS.finditer(text)}


def numbers_stated(text: str) -> set[str]:
    """Every number the text states, as digits: written with digits ("5th", "2019", "1,200") or spelled out as
    a count or an order ("five", "fifth", "twenty-third", "the XII Meeting"); an order is also given marked
    ("#5")."""
    found = numbers_in_digits(text) | {f"{ORDINAL}{m.group(1)}" for m in _DIGIT_ORDINAL.finditer(text)}
    found |= {f"{ORDINAL}{_roman_value(m.group(1))}" for m in _ROMAN_ORDER.finditer(text)
              if not _NAME_BEFORE.search(text[:m.start()])}
    for match in _SPELLED.finditer(text):
        if match.group("tens"):
            unit = match.group("unit").casefold()
            value = str(_TENS[match.group("tens").casefold()] + _UNIT_VALUES[unit])
            ordinal = unit in _ORDINAL_WORDS
        else:
            word = match.group("word").casefold()
            value, ordinal = str(_WORD_VALUES[word]), word in _ORDINAL_WORDS
        found.add(value)
        if ordinal:
            found.add(f"{ORDINAL}{value}")
    return found


def _roman_value(numeral: str) -> int:
    """"XII" → 12, "XLIV" → 44: a letter before a larger one subtracts."""
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
# An order written in Roman numerals before a name: "the XII High-Level Meeting", "XXIII Summit" (two letters
# at least, so the pronoun "I" and a lone "V" are no numbers).
_ROMAN_ORDER = re.compile(r"(?<![\w.-])((?=[IVXL]{2,}\b)(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\s+(?=[A-Z][a-z])")
# A numeral right after a name is a regnal number or part of a name ("Mohammed VI", "Mr. LI Qiang").
_NAME_BEFORE = re.compile(r"[A-Z][a-z]*\.?\s+$")


_CARDINAL_WORDS = frozenset(_UNITS[1:]) | frozenset(_TENS) | frozenset({"hundred", "thousand", "dozen", "dozens"})
_YEAR = re.compile(r"(?:19|20)\d\d")


def is_year(word: str) -> bool:
    """"2019", "1998": four digits that name a year."""
    return bool(_YEAR.fullmatch(word))


def is_cardinal(word: str) -> bool:
    """A word that counts ("12", "1,200", "seven", "dozens"), not one that orders ("5th", "fifth") nor a year
    ("2019")."""
    return (bool(_DIGITS.fullmatch(word)) and not is_year(word)) or word.casefold() in _CARDINAL_WORDS


def ordinal_pattern(highest: int) -> str:
    """A regular-expression alternation for an ordinal in digits ("2nd", "14th") or spelled out up to the
    `highest` ("second", …); at most nineteen."""
    return "|".join([r"\d+(?:st|nd|rd|th)", *_UNIT_ORDINALS[1:highest + 1]])
