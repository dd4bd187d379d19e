"""Dates as news prose writes them ("July 22-23, 2025", "in March", "on Thursday", "last month"), resolved
against the publication date so relative mentions land on the calendar."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.facts.model import DatePrecision

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
NUMBER_WORDS = {  # spelled-out counts in relative dates and durations ('two days ago', 'a three-day visit')
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# Month names are matched capitalised only: "may" the verb and "march" the verb are not dates.
_MONTH = (
    r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{name}>(?:1[89]|20)\d\d)"
_DASH = r"\s*(?:[-–—]|to|and|until|till)\s*"


def _p(template: str, **names: str) -> str:
    return template.format(**names)


_ABSOLUTE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        # June 30-July 2, 2025
        (
            "mdmd",
            rf"\b{_p(_MONTH, name='m')}\s+{_p(_DAY, name='d')}{_DASH}{_p(_MONTH, name='m2')}\s+"
            rf"{_p(_DAY, name='d2')}\b(?:,?\s+{_p(_YEAR, name='y')}\b)?",
        ),
        # July 22-23, 2025
        (
            "mdd",
            rf"\b{_p(_MONTH, name='m')}\s+{_p(_DAY, name='d')}{_DASH}{_p(_DAY, name='d2')}\b"
            rf"(?:,?\s+{_p(_YEAR, name='y')}\b)?",
        ),
        # 22-23 July 2025
        (
            "ddm",
            rf"\b{_p(_DAY, name='d')}{_DASH}{_p(_DAY, name='d2')}\s+{_p(_MONTH, name='m')}"
            rf"(?:,?\s+{_p(_YEAR, name='y')}\b)?",
        ),
        # July 22, 2025 / July 22
        (
            "md",
            rf"\b{_p(_MONTH, name='m')}\s+{_p(_DAY, name='d')}\b(?!\s*(?:million|billion|per|%))"
            rf"(?:,?\s+{_p(_YEAR, name='y')}\b)?",
        ),
        # 22 July 2025 / 22 July
        ("dm", rf"\b{_p(_DAY, name='d')}\s+{_p(_MONTH, name='m')}(?:,?\s+{_p(_YEAR, name='y')}\b)?"),
        # July 2025
        ("my", rf"\b{_p(_MONTH, name='m')},?\s+{_p(_YEAR, name='y')}\b"),
        # in March / by the end of June (no year): needs a preposition so "March" the verb is not read
        (
            "m",
            rf"\b(?:in|since|during|by|until|till|from|of|early|late|mid|end of|before|after|through)\s+"
            rf"(?:early\s+|late\s+|mid-?)?{_p(_MONTH, name='m')}\b(?!\s+\d)",
        ),
        # in 2024 / since 2011 / by 2030 / 2025's
        (
            "y",
            rf"(?:\b(?:in|since|during|by|until|till|from|of|early|late|mid-?|end of|before|after|around|"
            rf"through|for)\s+(?:the\s+end\s+of\s+|early\s+|late\s+)?){_p(_YEAR, name='y')}\b(?![-–]\d)",
        ),
    )
)

_RELATIVE = re.compile(
    r"\b(?:(?P<wmod>last|next|this|on|since|by|until|from|coming|past)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<dayword>yesterday|today|tomorrow)\b"
    r"|\b(?P<qual>earlier|later)?\s*(?P<mod>last|next|this|past|coming)\s+(?P<unit>week|month|year)\b"
    r"|\b(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?P<nunit>day|days|week|weeks|month|months|year|years)\s+"
    r"(?P<dir>ago|later|earlier|from now|after|before)\b"
    r"|\b(?:in|for|during|this|next|last)\s+(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)

_FUTURE = re.compile(
    r"\b(?:will|shall|is|are)\s+(?:expected|due|scheduled|set|slated|likely|to)\b|\bwill\b|\bwould\b|\bplans?\s+to\b"
    r"|\bhopes?\s+to\b|\bupcoming\b|\bnext\b|\baim(?:s)?\s+to\b|\bto\s+be\b",
    re.IGNORECASE,
)
# A headline tells what is coming with a bare infinitive after its subject: "Sultan Haitham to make two-day
# visit to Bahrain from Monday", "PM Kovac to open port next week" (names, then "to" and a verb). Only a line
# with no full stop is a headline; "Speaking to reporters", "Due to the storm" open no subject.
_HEADLINE_FUTURE = re.compile(r"^\s*(?!\w+ing\b|(?:According|Due|Prior|Thanks|Welcome|Next|Up|Close|Owing)\b)"
                              r"(?:[A-Z][\w'’.-]*\s+){1,6}to\s+(?!be\b)[a-z]{3,}\b")
_PAST = re.compile(r"\b(?:was|were|had|did|last|ago|earlier|previous|previously)\b", re.IGNORECASE)
# A relative clause ("… a visit during which they are to sign …") tells its own time, not the date's.
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s|\s(?:when|while|after|before|but|and|which|who|whom|whose|where)\s")
# After a date, "that" opens what was said or decided then: "said on Wednesday that it will lend" tells Wednesday
# as past, the lending as future.
_REPORTED_CLAUSE = re.compile(r"\sthat\s")


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence: offsets are into the sentence; `end_date` is set for ranges."""

    start: int
    end: int
    text: str
    date: date
    precision: DatePrecision
    end_date: dt.date | None = None  # dt.: in this class `date` is the field above
    relative: bool = False
    # "this week/month/year" frames what is said rather than dating a happening.
    framing: bool = False
    introduced_by: str = ""  # the word just before it ("since", "by", "on"), past "the end of"

    @property
    def bounds_a_span(self) -> bool:
        """ "since 2020", "until 2030": where a span starts or stops, not when the clause happened."""
        return self.introduced_by in SPAN_BOUND_WORDS


    @property
    def last_day(self) -> dt.date:
        if self.end_date:
            return self.end_date
        if self.precision == "month":
            return month_end(self.date)
        if self.precision == "year":
            return date(self.date.year, 12, 31)
        return self.date


# Words that make a date the edge of a span rather than the time of a happening.
SPAN_BOUND_WORDS = frozenset({"since", "until", "till"})
_INTRODUCER = re.compile(r"\b([A-Za-z]+)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?$")
# "in April last year", "November 19 of this year": a year given relative to the report, right after a month or
# day written without one.
_RELATIVE_YEAR = re.compile(r"\s+(?:of\s+)?(?P<mod>last|next|this)\s+year\b", re.IGNORECASE)
# What may stand before a date that opens its sentence ("On Tuesday, the leaders will meet").
_FRONTED = re.compile(r"\s*(?:(?:on|in|by|from|at|during|early|late|and|but|then)\s+)?", re.IGNORECASE)


# How much of a date is known, finest first.
PRECISION_ORDER: dict[DatePrecision, int] = {"day": 0, "month": 1, "year": 2}


def finer_precision(a: DatePrecision, b: DatePrecision) -> bool:
    """Whether a date known to precision `a` says more than one known to `b` (a day beats a month)."""
    return PRECISION_ORDER[a] < PRECISION_ORDER[b]


def names_a_weekday(mention: DateMention) -> bool:
    """Whether the mention was a weekday ("on Tuesday"), which a tense can move by a week."""
    return _weekday_named(mention) is not None


def _weekday_named(mention: DateMention) -> int | None:
    """The weekday (Monday = 0) the mention's words name, if any."""
    folded = mention.text.casefold()
    return next((number for day, number in _WEEKDAYS.items() if day in folded), None)


def format_date(value: date, precision: DatePrecision) -> str:
    """ISO text cut to what is known: 2024-07 for a month, 2024 for a year."""
    text = value.isoformat()
    return text[:4] if precision == "year" else text[:7] if precision == "month" else text


def period_end(value: date, precision: DatePrecision) -> date:
    """Last day a date of this precision can mean: 2024-07 → 2024-07-31, 2027 → 2027-12-31."""
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        return month_end(value)
    return value


def find_dates(sentence: str, published: date | None, anchor: date | None = None) -> list[DateMention]:
    """All dates in the sentence, earliest offset first. Weekdays, "last month" and "two years ago" count
    from `published`; "a day after/later" counts from another date in the sentence, else from `anchor` (the
    last date the article gave before this sentence), else from `published`."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    deferred: list[tuple[re.Match[str], int]] = []
    for kind, pattern in _ABSOLUTE_PATTERNS:
        for match in pattern.finditer(sentence):
            if _overlaps(taken, match.start(), match.end()):
                continue
            mention = _absolute(kind, match, sentence, published)
            if mention:
                found.append(mention)
                taken.append((match.start(), max(match.end(), mention.end)))
    for match in _RELATIVE.finditer(sentence):
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        if _overlaps(taken, start, match.end()):
            continue
        if match.group("dir") and match.group("dir").lower() in ("after", "before", "later", "earlier"):
            deferred.append((match, start))
            taken.append((start, match.end()))
            continue
        mention = _relative(match, start, sentence, published)
        if mention:
            found.append(mention)
            taken.append((start, match.end()))
    # "on Monday, November 28, 2022": the weekday names the day the date after it gives, in any tense
    found = [_restated_weekday(m, found, sentence) for m in found]
    for match, start in deferred:
        if any(_RESTATED.fullmatch(sentence[match.end():m.start]) for m in found if m.start >= match.end()):
            continue  # "One year later, in 2012, …", "two days after, on 5 March": the date itself follows
        base = _nearest_day(found, start) or anchor or published
        if base is not None:
            found.append(_count(match.groupdict(), start, match.end(), sentence[start : match.end()], base))
    return sorted((_introduced(m, sentence) for m in found), key=lambda m: m.start)


def _restated_weekday(mention: DateMention, found: list[DateMention], sentence: str) -> DateMention:
    """A weekday right before a date of that weekday ("Monday, November 28", "Monday, 28-30 November") is that
    date, not a day counted from publication; a date of another weekday leaves it as it was."""
    weekday = _weekday_named(mention)
    if not mention.relative or weekday is None:
        return mention
    named = next((a for a in found if not a.relative and a.precision == "day" and a.start >= mention.end
                  and _WEEKDAY_RESTATED.fullmatch(sentence[mention.end:a.start])), None)
    if named is None or named.date.weekday() != weekday:
        return mention
    return replace(mention, date=named.date, end_date=named.end_date, relative=False)


# What stands between a weekday and the date it names ("Monday, 28 November", "Monday the 28th of November").
_WEEKDAY_RESTATED = re.compile(r"\s*,?\s*(?:the\s+)?")
# What stands between a counted date ("a year later") and the date that restates it: a comma and a preposition.
_RESTATED = re.compile(r"\s*,?\s*(?:in|on|by|at)?\s*(?:the\s+)?", re.IGNORECASE)


def _introduced(mention: DateMention, sentence: str) -> DateMention:
    word = _INTRODUCER.search(sentence[: mention.start])
    return replace(mention, introduced_by=word.group(1).lower()) if word else mention


def _nearest_day(found: list[DateMention], position: int) -> date | None:
    days = [m for m in found if m.precision == "day"]
    if not days:
        return None
    return min(days, key=lambda m: abs(m.start - position)).date


def is_future_context(sentence: str, start: int, end: int) -> bool:
    """Whether the clause around a mention speaks of the future ("will meet on Friday")."""
    clause = _clause(sentence, start, end)
    headline = not sentence.rstrip(" *_\"'”’").endswith((".", "!", "?"))
    return bool(_FUTURE.search(clause) or (headline and _HEADLINE_FUTURE.match(clause)))


def _clause(sentence: str, start: int, end: int) -> str:
    left = 0
    for brk in _CLAUSE_BREAK.finditer(sentence, 0, start):
        left = brk.end()
    right = min((m.start() for m in (_CLAUSE_BREAK.search(sentence, end), _REPORTED_CLAUSE.search(sentence, end))
                 if m is not None), default=len(sentence))
    if left == 0 and _FRONTED.fullmatch(sentence[:start]) and not sentence[end:right].strip():
        # "On Tuesday, the two leaders will attend …": a date put first is the whole sentence's.
        return sentence
    return sentence[left:right]


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def _month(token: str) -> int:
    return _MONTHS[token.rstrip(".").lower()]


def month_number(word: str) -> int:
    """The month a word names, written out or begun ("Sept", "febr", "march"), in any case; 0 for any other
    word, even one that starts like a month ("mayor")."""
    word = word.lower().rstrip(".")
    if len(word) < 3:
        return 0
    return next((number for name, number in _MONTHS.items() if name.startswith(word)), 0)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(value: date) -> date:
    """The last day of the value's month."""
    following = date(value.year + (value.month == 12), value.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _infer_year(
    month: int, day: int, sentence: str, start: int, end: int, published: date | None
) -> int | None:
    """Year of a date written without one: the publication year, moved a year when tense demands it."""
    if published is None:
        return None
    candidate = _safe_date(published.year, month, min(day, 28))
    if candidate is None:
        return None
    earlier = candidate.replace(year=published.year - 1)
    later = candidate.replace(year=published.year + 1)
    if is_future_context(sentence, start, end):
        return published.year + 1 if candidate < published - timedelta(days=31) else published.year
    if _PAST.search(_clause(sentence, start, end)):
        return published.year - 1 if candidate > published + timedelta(days=31) else published.year
    # No tense either way ("the group meets in October"): the nearest such date.
    nearest = min((earlier, candidate, later), key=lambda d: abs((d - published).days))
    return nearest.year


def _absolute(kind: str, match: re.Match[str], sentence: str, published: date | None) -> DateMention | None:
    groups = match.groupdict()
    text = match.group(0)
    start, end = match.start(), match.end()
    if kind == "y":
        start = match.start("y")
        return DateMention(start, end, sentence[start:end], date(int(groups["y"]), 1, 1), "year")
    month = int(groups["m"]) if kind == "iso" else _month(groups["m"])  # "2022-09-02" writes its month in digits
    year = int(groups["y"]) if groups.get("y") else None
    relative_year = _RELATIVE_YEAR.match(sentence, end) if year is None and published is not None else None
    if relative_year and published is not None:
        year = published.year + {"last": -1, "next": 1, "this": 0}[relative_year.group("mod").lower()]
        end = relative_year.end()
        text = sentence[start:end]
    if kind in ("my", "m"):
        start = match.start("m")
        if year is None:
            year = _infer_year(month, 1, sentence, start, end, published)
            if year is None:
                return None
        return DateMention(start, end, sentence[start:end], date(year, month, 1), "month")
    day = int(groups["d"])
    if year is None:
        year = _infer_year(month, day, sentence, start, end, published)
        if year is None:
            return None
    first = _safe_date(year, month, day)
    if first is None:
        return None
    last: date | None = None
    if kind in ("mdd", "ddm", "mdmd"):
        month2 = _month(groups["m2"]) if kind == "mdmd" else month
        last = _safe_date(year, month2, int(groups["d2"]))
        if last is None or last < first:
            return None
    return DateMention(start, end, text, first, "day", end_date=last)


def _relative(match: re.Match[str], start: int, sentence: str, published: date | None) -> DateMention | None:
    if published is None:
        return None
    groups = match.groupdict()
    text = sentence[start : match.end()]
    if groups["weekday"]:
        return _weekday(groups, start, match.end(), text, sentence, published)
    if groups["dayword"]:
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[groups["dayword"].lower()]
        return DateMention(start, match.end(), text, published + timedelta(days=offset), "day", relative=True)
    if groups["unit"]:
        return _unit(groups, start, match.end(), text, published)
    if groups["nunit"]:
        return _count(groups, start, match.end(), text, published)
    season = groups["season"].lower()
    year = published.year
    if text.lower().startswith("last"):
        year -= 1
    elif text.lower().startswith("next"):
        year += 1
    return DateMention(start, match.end(), text, date(year, _SEASON_MONTH[season], 1), "year", relative=True)


def _weekday(
    groups: dict[str, str | None], start: int, end: int, text: str, sentence: str, published: date
) -> DateMention:
    wanted = _WEEKDAYS[str(groups["weekday"]).lower()]
    modifier = (groups["wmod"] or "").lower()
    back = (published.weekday() - wanted) % 7
    if modifier == "next" or (modifier != "last" and is_future_context(sentence, start, end)):
        # A report's own weekday is the day it was filed ("will open on Thursday", filed that Thursday);
        # only "next Thursday" skips a week.
        ahead = (wanted - published.weekday()) % 7 or (7 if modifier == "next" else 0)
        value = published + timedelta(days=ahead)
    elif modifier == "last":
        value = published - timedelta(days=back or 7)
    else:
        value = published - timedelta(days=back)
    return DateMention(start, end, text, value, "day", relative=True)


def _unit(groups: dict[str, str | None], start: int, end: int, text: str, published: date) -> DateMention:
    unit = str(groups["unit"]).lower()
    modifier = str(groups["mod"]).lower()
    step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[modifier]
    framing = step == 0 and not groups["qual"]
    if unit == "year":
        return DateMention(
            start, end, text, date(published.year + step, 1, 1), "year", relative=True, framing=framing
        )
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        return DateMention(
            start, end, text, date(index // 12, index % 12 + 1, 1), "month", relative=True, framing=framing
        )
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
    return DateMention(
        start, end, text, monday, "day", end_date=monday + timedelta(days=6), relative=True, framing=framing
    )


def _count(groups: dict[str, str | None], start: int, end: int, text: str, base: date) -> DateMention:
    """ "two years ago" (from publication), "two days later" (from `base`), and "a day after <something>",
    which dates that something: one day before `base`."""
    raw = str(groups["num"]).lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = str(groups["nunit"]).lower().rstrip("s")
    sign = -1 if str(groups["dir"]).lower() in ("ago", "earlier", "after") else 1
    if unit == "year":
        return DateMention(start, end, text, date(base.year + sign * count, 1, 1), "year", relative=True)
    if unit == "month":
        index = base.year * 12 + base.month - 1 + sign * count
        return DateMention(start, end, text, date(index // 12, index % 12 + 1, 1), "month", relative=True)
    days = count * (7 if unit == "week" else 1)
    return DateMention(start, end, text, base + timedelta(days=sign * days), "day", relative=True)
