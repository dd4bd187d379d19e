"""An article read once for extraction: its sentences (list items split apart), their places and dates."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from bot.facts.dates import DateMention, find_dates
from bot.facts.model import Evidence
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.sentences import Sentence, split_sentences

_BULLET_LINE = re.compile(r"\n(?=[ \t]*(?:[-*•–]|\d{1,2}[.)])\s)")
_BULLET_MARK = re.compile(r"^[ \t]*(?:[-*•–]|\d{1,2}[.)])\s+")
# A line pointing to another story ("Also read: Kagame arrives in Tanzania"): its facts are that story's,
# undated here, so extraction skips it.
_CROSS_REFERENCE = re.compile(r"\W*(?:also read|read also|read more|see also|related)\s*:", re.IGNORECASE)
_NUMBER_MARK = re.compile(r"\s*\d{1,2}[.)]\s*")
# A transcript's speaker at the start of a paragraph ("Micheál Martin (Taoiseach, Cork South Central): The Dutch
# Prime Minister came to Dublin …"): a line of its own, so the speaker is not read as the subject of what they say.
_SPEAKER = re.compile(r"(?:(?:[A-Z][\w.'’-]*|of|for|the|and)\s+){0,5}[A-Z][\w.'’-]*(?:\s*\([^()]{1,100}\))?:\s+"
                      r"(?=[\"“‘A-Z])")
_POSSESSIVE = re.compile(r"^['’]s\b")
# A name ending in "s" takes the apostrophe alone: "Barbados' Minister", "the Bahamas' envoy".
_BARE_APOSTROPHE = re.compile(r"['’](?=\s)")
# A wire dateline opening a sentence: "KYIV, Feb 3 - ", "NEW DELHI, 15 January (Reuters) — ".
# Or a date alone in brackets: "(May 30, 2019) - ".
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'’/-]{1,40}(?:\s*[(\[][^)\]]*[)\]])?,\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?\s*(?:\([^)]*\)\s*)?"
    r"|\((?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?|\d{1,2}\s+[A-Z][a-z]{2,8})\s+\d{4}\)\s*)[-–—:]\s*"
)

# A dateline without a date ("AMMAN -", "RABAT (MAP) -", "OTTAWA, Canada (CMC) —"): taken as one only when it
# names a known place.
_BARE_DATELINE = re.compile(r"^([A-Z][A-Z .'’/-]{1,40}?)(?:,\s*([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}))?"
                            r"(?:\s*\([^)]*\))?\s*[-–—]\s+")
# An agency in brackets after a dateline's place ("Hanoi (VNA)").
_AGENCY = re.compile(r"\s*\([^()]*\)$")
# A dateline in the city's own capitalisation, as many outlets write it ("New Delhi:", "Lima, Jan. 13 —",
# "Hanoi (VNA) –"): taken as one only when it names a known city, since "Background:" or "Tags:" open a line
# the same way.
_TITLED_DATELINE = re.compile(
    r"^([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?"
    r"\s*(?:\([^)]*\)\s*)?[-–—:]\s+"
)


def normalise_quotes(text: str) -> str:
    """Straight apostrophes in names and organisations ("Israel’s" → "Israel's"); evidence is untouched."""
    return text.replace("’", "'").replace("‘", "'")


@dataclass(frozen=True)
class PlaceMention:
    """A gazetteer form in a sentence (offsets into the sentence), e.g. "Indian" → India."""

    start: int
    end: int
    form: str
    country: str
    is_city: bool
    possessive: bool
    bare_apostrophe: bool = False  # "Barbados' minister": the possessive is the apostrophe alone

    @property
    def nationality(self) -> bool:
        """ "Finnish", "Kenyan": a country written as its people's adjective, not by its name ("Ethiopia") or an
        abbreviation ("UAE")."""
        return not self.is_city and self.form.casefold() != self.country.casefold() and not self.form[-1:].isupper()

    @property
    def end_with_possessive(self) -> int:
        if not self.possessive:
            return self.end
        return self.end + (1 if self.bare_apostrophe else 2)


def _place(text: str, start: int, end: int, form: str, country: str, gazetteer: Gazetteer) -> PlaceMention:
    bare = _bare_apostrophe(text, end)
    return PlaceMention(start, end, form, country, form in gazetteer.country_by_city,
                        bare or bool(_POSSESSIVE.match(text[end:end + 2])), bare)


def _bare_apostrophe(text: str, end: int) -> bool:
    """Whether the name ending at `end` is followed by a possessive written with the apostrophe alone."""
    return text[end - 1:end] == "s" and bool(_BARE_APOSTROPHE.match(text, end))


_CLOSED = re.compile(r"[.!?;:,\"”’')\]]\s*$")


@dataclass(frozen=True)
class ArticleSentence:
    """One sentence with what the extractors need to know about it."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int
    places: tuple[PlaceMention, ...]
    dates: tuple[DateMention, ...]
    list_item: bool = False
    # The place a wire dateline opens with ("PARIS, July 14 -"): where the report was filed.
    dateline_place: PlaceMention | None = None

    @property
    def heading(self) -> bool:
        """A line with no closing stop, quote or bracket that is no list item: a heading over what follows
        ("What was signed", "Bulgarian delegation")."""
        return not self.list_item and _CLOSED.search(self.text) is None

    @property
    def text_for_parsing(self) -> str:
        """The text with a leading dateline blanked out (same length, so offsets still hold): the parser
        otherwise reads "KYIV, Feb 3" as the sentence's subject."""
        end = self.dateline_end
        return " " * end + self.text[end:] if end else self.text

    @property
    def dateline_end(self) -> int:
        """Where a leading dateline ("JAKARTA, July 27 (Bernama) -") ends; 0 without one."""
        dateline = _DATELINE.match(self.text) or (
            (_BARE_DATELINE.match(self.text) or _TITLED_DATELINE.match(self.text)) if self.dateline_place else None)
        return dateline.end() if dateline else 0

    @property
    def dates_after_dateline(self) -> tuple[DateMention, ...]:
        """The dates the sentence itself tells: a dateline's date is when the report was filed, and dates a
        clause of the sentence only when the clause gives none of its own."""
        end = self.dateline_end
        return tuple(d for d in self.dates if d.start >= end)

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.text, self.start, self.end)

    def place_at(self, position: int) -> PlaceMention | None:
        return self._places_by_start.get(position)

    @cached_property
    def _places_by_start(self) -> dict[int, PlaceMention]:
        return {p.start: p for p in self.places}


@dataclass(frozen=True)
class ArticleText:
    """The whole article as extractors see it."""

    text: str
    published: date | None
    countries: tuple[str, ...]
    sentences: tuple[ArticleSentence, ...]

    @classmethod
    def read(
        cls, text: str, published: date | None, countries: tuple[str, ...], gazetteer: Gazetteer
    ) -> ArticleText:
        sentences: list[ArticleSentence] = []
        anchor: date | None = None
        for index, (piece, paragraph, list_item) in enumerate(
                _pieces(text, lambda head: _names_a_city(head, gazetteer, countries))):
            places = tuple(_place(piece.text, s, e, form, country, gazetteer)
                           for s, e, form, country in gazetteer.mentions(piece.text, countries))
            dates = tuple(find_dates(piece.text, published, anchor))
            day_dates = [d for d in dates if d.precision == "day" and not d.relative]
            if day_dates:
                anchor = day_dates[-1].last_day
            elif any(d.precision == "day" for d in dates):
                anchor = [d for d in dates if d.precision == "day"][-1].date
            sentences.append(
                ArticleSentence(
                    index, piece.text, piece.start, piece.end, paragraph, places, dates, list_item,
                    _dateline_place(piece.text, gazetteer, countries, opens_report=_opens_report(
                        [(s.text, s.paragraph) for s in sentences[:2]], paragraph)),
                )
            )
        return cls(text, published, countries, tuple(sentences))


def _dateline_place(text: str, gazetteer: Gazetteer, countries: tuple[str, ...] = (), *,
                    opens_report: bool = False) -> PlaceMention | None:
    """The city or country a dateline names, written in capitals ("NEW DELHI, May 7 -"), or, when the sentence
    `opens_report`, a city written as its name is ("New Delhi:"): further on, "Washington – which
    had pressed for the deal – agreed" is a subject, and "Sofia: Good morning" a speaker."""
    wire = _DATELINE.match(text)
    bare = _BARE_DATELINE.match(text)
    titled = _TITLED_DATELINE.match(text) if opens_report else None
    if wire:
        head = text.split(",", 1)[0].strip()
    elif bare:
        head = bare.group(1).strip()
        if bare.group(2) and not _whole_places(bare.group(2), gazetteer, countries):
            return None  # "INDIA, Pakistan Foreign Secretaries - …" is no "OTTAWA, Canada —"
    elif titled:
        head = titled.group(1).strip()
    else:
        return None
    found = _whole_places(head, gazetteer, countries)
    if not found:
        return None
    _, end, form, country = found[0]
    is_city = form in gazetteer.country_by_city
    if not (wire or bare) and not is_city:
        return None  # "India: a profile" heads a section; only a city opens a line as a dateline does
    return PlaceMention(0, end, form, country, is_city, False)


def _opens_report(before: Sequence[tuple[str, int]], paragraph: int) -> bool:
    """Whether a sentence in this paragraph opens the report, `before` being the text and paragraph of the
    sentences before it (two are enough): the first of the text, or the first after a headline (one line that
    ends without a full stop)."""
    if not before:
        return True
    (first, first_paragraph), *others = before
    return paragraph == 1 and not others and first_paragraph == 0 and not first.rstrip().endswith((".", "!", "?"))


def _whole_places(head: str, gazetteer: Gazetteer, countries: tuple[str, ...] = ()) -> list[tuple[int, int, str, str]]:
    """The gazetteer's places that are `head` as a whole, in any capitalisation."""
    return [m for m in gazetteer.mentions(head.title(), countries) if m[0] == 0 and m[1] == len(head)]


def _names_a_city(head: str, gazetteer: Gazetteer, countries: tuple[str, ...] = ()) -> bool:
    """Whether `head`, in any capitalisation, is the name of a city the gazetteer knows, and nothing more."""
    return any(form in gazetteer.country_by_city for _, _, form, _ in _whole_places(head, gazetteer, countries))


def _pieces(text: str, is_city: Callable[[str], bool] = lambda _: False) -> list[tuple[Sentence, int, bool]]:
    """Sentences with paragraph numbers, without lines pointing to other stories; each list item ("- ...") is a
    sentence of its own, marker removed.
    A numbered item's marker ("2.") that the sentence splitter leaves on its own marks the next sentence."""
    pieces: list[tuple[Sentence, int, bool]] = []
    paragraph = -1
    previous_end = -1
    numbered = False
    for sentence in split_sentences(text):
        starts_paragraph = previous_end < 0 or "\n" in text[previous_end : sentence.start]
        if starts_paragraph:
            paragraph += 1
        previous_end = sentence.end
        if _NUMBER_MARK.fullmatch(sentence.text):
            numbered = True
            continue
        item_number, numbered = numbered, False
        speaker = _SPEAKER.match(sentence.text) if starts_paragraph else None
        # not a dateline ("VARROWBY: …"; "New Delhi: …", "Hanoi (VNA): …" opening the report)
        if speaker and any(c.islower() for c in speaker.group(0)) and not (
                _opens_report([(p.text, n) for p, n, _ in pieces[:2]], paragraph)
                and is_city(_AGENCY.sub("", speaker.group(0).rstrip()[:-1]))):
            label = speaker.group(0).rstrip()
            pieces.append((Sentence(label, sentence.start, sentence.start + len(label)), paragraph, False))
            sentence = Sentence(sentence.text[speaker.end():], sentence.start + speaker.end(), sentence.end)
        offset = 0
        for part in _BULLET_LINE.split(sentence.text):
            local = sentence.text.index(part, offset)
            offset = local + len(part)
            mark = _BULLET_MARK.match(part)
            lead = mark.end() if mark else 0
            body = part[lead:].rstrip()
            if body.strip() and not _CROSS_REFERENCE.match(body):
                start = sentence.start + local + lead
                pieces.append((Sentence(body, start, start + len(body)), paragraph, bool(mark) or item_number))
                item_number = False
    return pieces
