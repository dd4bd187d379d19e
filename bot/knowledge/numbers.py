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


def numbers_in_digits(text: str) -> set[str]:
    """The numbers the text writes with digits ("5th" gives "5", "1,200" stays "1,200")."""
    return set(_DIGITS.findall(text))


def numbers_stated(text: str) -> set[str]:
    """Every number the text states, as digits: written with digits ("5th", "2019", "1,200") or spelled out as
    a count or an order ("five", "fifth", "twenty-third")."""
    found = numbers_in_digits(text)
    for match in _SPELLED.finditer(text):
        if match.group("tens"):
            found.add(str(_TENS[match.group("tens").casefold()] + _UNIT_VALUES[match.group("unit").casefold()]))
        else:
            found.add(str(_WORD_VALUES[match.group("word").casefold()]))
    return found


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
