"""The period a question pins its answer to ("in 2018", "feb 2023", "sept 2022 visit") and whether a
sentence, read where it stands, is about that period. News dates a sentence by the date it writes, or else
by the last date written before it in its passage, or else by the day it was published: a sentence about
another year answers a near miss ("when did X visit Y in 2018", asked of a 2017 visit) with the wrong fact."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from bot.answers.candidates import Candidate
from bot.facts.dates import find_dates, month_end, month_number

# A year, with the month typed before it in any case or abbreviation ("Feb 2023", "sept 2022", "march 2025"),
# or a span of years ("2016-2020", a fiscal "2023-24").
_ASKED = re.compile(r"(?:\b(?P<month>[a-z]{3,9})\.?\s+)?\b(?P<year>(?:19|20)\d\d)(?:\s*[-–/]\s*(?P<to>(?:19|20)?\d\d))?\b",
                    re.IGNORECASE)

# Words that make the year after them a point of reference, within three words of it.
_REFERENCE_POINT = re.compile(r"\b(?:before|after|since|until|prior\s+to|ahead\s+of)\s+(?:\S+\s+){0,2}$",
                              re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A span of the calendar a question asks about; `names_story` when the year is typed after a story's name
    ("indonesia-qatar 2017", "kenny (warsaw 2017)"): it says which report is meant, not when its figures were."""

    first: date
    last: date
    names_story: bool = field(default=False, compare=False)

    def overlaps(self, first: date, last: date) -> bool:
        return first <= self.last and self.first <= last


def asked_periods(question: str) -> tuple[Period, ...]:
    """The years, or months of a year, a question names as the time of its answer: not a year that only
    marks a point before or after it ("the talks before the 2024 ones", "what happened after the 1998 tests")."""
    return tuple(replace(_period(match), names_story=_after_a_name(question, match)) for match in _times_asked(question))


# A story named by its pair and year: "indonesia-qatar 2017", "peru-new zealand (2034)", or a year in brackets
# after a name ("kenny (warsaw 2017)"); not a year in running words ("india qatar trade 2017", "his 2017 visit").
_STORY_YEAR = re.compile(r"(?:\b[a-z]+-[a-z]+(?:[- ](?!(?:in|during|on|at|of|for|since|by|from|to|until|till|the|a|an"
                         r"|this|that|last|next|his|her|their|its|our|and|or|before|after|around)\b)[a-z]+){0,2}\s+\(?"
                         r"|\(\s*(?:[a-z]+\s+){0,3})$", re.IGNORECASE)


def _after_a_name(question: str, match: re.Match[str]) -> bool:
    """A bare year that tags a story: after a hyphened pair, or in brackets after a name."""
    if month_number(match["month"] or "") or match["to"]:
        return False
    return bool(_STORY_YEAR.search(question, 0, match.start("year")))


def _times_asked(question: str) -> Iterator[re.Match[str]]:
    """The question's dates that pin its answer: each but those after a reference word ("since 2019")."""
    return (match for match in _ASKED.finditer(question) if not _REFERENCE_POINT.search(question, 0, _date_start(match)))


def _date_start(match: re.Match[str]) -> int:
    """Where the date begins: at its month, or, when the word the pattern tried as a month is none ("since
    2019", "during 2024"), at its year, so that word is read as what comes before the date."""
    return match.start() if month_number(match["month"] or "") else match.start("year")


def _period(match: re.Match[str]) -> Period:
    year = int(match["year"])
    month = month_number(match["month"] or "")
    if match["to"]:
        to = int(match["to"]) if len(match["to"]) == 4 else year // 100 * 100 + int(match["to"])
        return Period(date(year, 1, 1), date(max(year, to), 12, 31))
    if month:
        return Period(date(year, month, 1), month_end(date(year, month, 1)))
    return Period(date(year, 1, 1), date(year, 12, 31))


def dated_elsewhere(periods: tuple[Period, ...], sentence: str, before: str, published: date | None) -> bool:
    """Whether the sentence is about another time than every period asked: by the dates it writes, or
    (writing none) the last one written before it in its passage, or (none there either) its publication.
    A sentence that writes only later dates than its publication tells, then, of plans ("likely to host in
    2024"): it is about its running date as well."""
    if not periods:
        return False
    written = _spans(sentence, published)
    spans = list(written)
    if not written or (published and all(first > published for first, _ in written)):
        earlier = _spans(before, published) if before else []
        spans += earlier[-1:] or ([(published, published)] if published else [])
    if not spans:
        return False
    return not any(period.overlaps(first, last) for period in periods for first, last in spans)


def _spans(text: str, published: date | None) -> list[tuple[date, date]]:
    """The dates a text writes, and every year it writes in other ways ("2023-24", "the 2026 World Cup")."""
    spans = [(m.date, m.last_day) for m in find_dates(text, published) if not m.framing]
    dated_years = {year for first, last in spans for year in range(first.year, last.year + 1)}
    for match in _ASKED.finditer(text):
        period = _period(match)
        if not dated_years & set(range(period.first.year, period.last.year + 1)):
            spans.append((period.first, period.last))
    return spans


# "in march 2019", "during 2024": the time a question says its happening took place.
_TIME_OF_HAPPENING = re.compile(r"\b(?:in|during|on|at)\s+$", re.IGNORECASE)


def asked_after_report(question: str, published: date | None) -> bool:
    """Whether a question about what was done ("what got signed when X visited in march 2019") names a time
    after the report was published: a report cannot tell what happened after it, only what was planned."""
    if published is None or not asks_about_past(question):
        return False
    periods = [_period(m) for m in _times_asked(question)
               if month_number(m["month"] or "") or _TIME_OF_HAPPENING.search(question, 0, _date_start(m))]
    return bool(periods) and all(period.first > published for period in periods)


def about_another_time(periods: tuple[Period, ...], candidate: Candidate) -> bool:
    """`dated_elsewhere` for a sentence as it stands in its retrieved passage; never so for a report published
    in the year a story's name carries ("trade figures for indonesia-qatar 2017": the 2017 report's "trade last
    year" is what is asked)."""
    published = candidate.passage.article.published
    if published and any(p.names_story and p.overlaps(published, published) for p in periods):
        return False
    return dated_elsewhere(periods, candidate.text, candidate.passage.chunk.text[:candidate.start], published)


# A question about what is still to come: "when's the next round", "when will they meet", "is it going to …".
# Words of a plan ask ahead unless a past tense before them makes it a plan that was ("when was X supposed to
# fly out", "what day were the talks scheduled for": the answer may be long gone).
_AHEAD = re.compile(r"\b(?:next|upcoming|will)\b", re.IGNORECASE)
_WHEN_NOW = re.compile(r"\bwhen(?:['’]?s|\s+(?:is|are|r|does|do))\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:going\s+to|gonna|scheduled|supposed\s+to|due(?!\s+to\b)|expected)\b", re.IGNORECASE)
# Not "be"/"been" ("had been expected": "had" tells the tense) nor a bare "'s" (more often a possessive).
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|wasn['’]?t|weren['’]?t|isn['’]?t|aren['’]?t|had|has|have|did|didn['’]?t)\b"
                        r"|\b(?:what|who|when|where|it|he|she|that)['’]?s\b|\b(?:they|we|you)['’]?re\b", re.IGNORECASE)
_PAST_AUXILIARIES = frozenset({"was", "were", "wasnt", "werent", "wasn't", "weren't", "wasn’t", "weren’t", "had", "did",
                               "didnt", "didn't", "didn’t"})
# A relative clause between a past auxiliary and the plan ("what were the talks that are now cancelled supposed
# to cover") is not the plan's: its auxiliary is skipped unless only these words stand between it and the plan
# ("the envoy that is now scheduled to visit").
_RELATIVE = re.compile(r"\b(?:that|which|who)\s+$", re.IGNORECASE)
_BESIDE_A_PLAN = frozenset({"now", "already", "still", "also", "not", "originally", "initially", "currently", "being"})


def _asks_ahead(question: str) -> bool:
    """Whether the question says it asks about what is still to come."""
    return bool(_AHEAD.search(question)) or any(not _told_in_the_past(question, m.start())
                                                 for m in _PLANNED.finditer(question))


def _told_in_the_past(question: str, position: int) -> bool:
    """Whether the nearest auxiliary before a plan word is a past one: "when was X supposed to fly", not "who
    was the envoy that is scheduled to visit"."""
    found = list(_AUXILIARY.finditer(question, 0, position))
    while len(found) > 1 and _RELATIVE.search(question, 0, found[-1].start()) and not set(
            question[found[-1].end():position].casefold().split()) <= _BESIDE_A_PLAN:
        found.pop()
    return bool(found) and found[-1].group(0).casefold() in _PAST_AUXILIARIES


# A sentence that tells of what is still to come, whatever date it gives.
# "The talks are to cover trade", "they intend to meet yearly": an arrangement or intention is a future too
# ("is to blame", "is to date the largest" are not); so is reported speech's "would" ("said the bank would
# hold ten thousand varieties"), but not "would have".
_TELLS_FUTURE = re.compile(r"\b(?:will|shall|next|upcoming|scheduled|expected|due(?!\s+to\b)|planned|set\s+to"
                           r"|would\s+(?:not\s+)?(?!have\b)[a-z]+"
                           r"|to\s+be\s+(?:held|signed)|later\s+this|soon|from\s+now"
                           r"|(?:is|are)\s+to\s+(?!blame\b|date\b|be\s+found\b)[a-z]+|intends?\s+to"
                           # an invitation to come is a visit still to be made; an intended or pencilled-in one too
                           r"|invit(?:ed|es|ing)\s+(?:\S+\s+){1,4}?to\s+(?:visit|make|pay|come|attend)"
                           r"|invitation\s+to\s+(?:visit|make|pay|come|attend)|intended|pencil+ed\s+in|tentative(?:ly)?)\b",
                           re.IGNORECASE)


# A question about what has been done ("what did they sign", "what came out of the talks").
_ASKS_PAST = re.compile(r"\b(?:did|came\s+(?:out\s+)?of|happened|(?:has|have)\s+been|(?:was|were|got)\s+(?:\w+\s+)?"
                        r"(?:signed|agreed|decided|announced|said|discussed|inked|concluded|released))\b", re.IGNORECASE)


def asks_about_future(question: str) -> bool:
    return _asks_ahead(question) or bool(_WHEN_NOW.search(question))


def asks_about_past(question: str) -> bool:
    """Whether a question asks about what has been done, and not also about what is to come."""
    return bool(_ASKS_PAST.search(question)) and not asks_about_future(question)


def asked_tense(question: str) -> str | None:
    """ "past" for a question about what was done ("when did X visit Y", even "… ahead of the upcoming summit"),
    "future" for one that says it asks what is to come ("when will X visit", "is X going to visit"; "when is
    X's visit" may be under way), else None."""
    if _ASKS_PAST.search(question):
        return "past"
    return "future" if _asks_ahead(question) else None


# A list item ("- labour mobility", "2. Signing of a refreshed air services agreement") names things and tells no
# time, unless a verb of its own does ("- The ministers were briefed on …").
_LIST_ITEM = re.compile(r"\s*(?:[-*•–]|\d{1,2}[.)])\s+\S")
_TENSE_WORDS = re.compile(r"\b(?:was|were|is|are|has|have|had|did|does|said|says)\b", re.IGNORECASE)


def tells_no_time(sentence: str, published: date | None) -> bool:
    """Whether the sentence is list items without a verb or a date that tells their time ("- January 1992:
    ties established" does): it is neither the past a question about what is to come rules out, nor the
    reverse."""
    return (bool(_LIST_ITEM.match(sentence)) and not _TENSE_WORDS.search(sentence) and not _past_verb(sentence)
            and not _ASKED.search(sentence) and not find_dates(sentence, published))


# Words before a past participle that make it an adjective ("a refreshed agreement", "the signed text").
_DETERMINERS = frozenset({"a", "an", "the", "its", "his", "her", "their", "this", "these", "those", "newly"})


def _past_verb(text: str) -> bool:
    """A word in -ed that is no adjective: "- Signed an MoU", "1. The sides signed a customs agreement"."""
    tokens = re.findall(r"[A-Za-z]+", text)
    return any(len(word) > 4 and word.casefold().endswith("ed")
               and (n == 0 or tokens[n - 1].casefold() not in _DETERMINERS) for n, word in enumerate(tokens))


_COUNTED_FROM_ANOTHER_DAY = re.compile(r"\b(?:(?:days?|weeks?|months?|years?)\s+(?:later|after|afterwards|before|"
                                      r"earlier)|the\s+(?:following|previous|next)\s+day|the\s+day\s+(?:after|before))\b",
                                      re.IGNORECASE)
# The report's own day, or a part of it.
_TODAY = re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE)
# Words that point past the report's day whatever date they come with ("later this year", "next month").
_AHEAD_OF_THE_REPORT = re.compile(r"\b(?:later\s+(?:this|in|next)|next|coming|upcoming|soon|from\s+now)\b", re.IGNORECASE)


def _later_today(sentence: str) -> bool:
    """The report's own day, told as still to come: "a ceremony is scheduled at 3 pm today" (a programme
    published that morning), not "the two sides today signed a pact that will run to 2030"."""
    today = _TODAY.search(sentence)
    if today is None or not (future := _TELLS_FUTURE.search(sentence)):
        return False
    # up to the day only: a tag after it ("…, officials confirmed") reports the plan, it does not undo it
    told = sentence[:max(today.end(), future.end())]
    return not _past_verb(told[:future.start()] + told[future.end():])


def dated_only_before(sentence: str, published: date | None) -> bool:
    """Whether every date the sentence gives is on or before its report's day ("India and Qatar on Monday
    created a commission that will meet yearly" gives Monday, past): it dates nothing still to come, whatever
    its wording says of the future."""
    if published is None or _AHEAD_OF_THE_REPORT.search(sentence) or _later_today(sentence):
        return False
    # A weekday counts from the report; "two days later" from some other day, which the sentence may not give.
    mentions = find_dates(sentence, published)
    if any(m.last_day > published for m in mentions):
        return False  # "later this year" frames the sentence, and frames it ahead
    # (every day left is on or before the report's, by the check above)
    days = [m.last_day for m in mentions if not m.framing and not (m.relative and _COUNTED_FROM_ANOTHER_DAY.search(m.text))]
    years = _years_written(sentence)
    return bool(days or years) and all(year <= published.year for year in years)


# A decision to do something: what it decides is still to be done ("have decided to set up a check post", "agreed
# to build"); not an agreement to a thing ("agreed to the plan").
_DECIDES_TO = re.compile(r"\b(?:decided?|decides|agreed?|agrees|resolved?|resolves|undert(?:ook|akes?)|pledged?|"
                         r"pledges|promised?|promises|vowed?|vows)\s+to\s+(?!(?:the|a|an|this|that|these|those|its|"
                         r"their|his|her|our|last|next|one|two|three|four|five|some|all|each|both)\b)(?-i:[a-z]+)\b",
                         re.IGNORECASE)
# "the route was agreed to": a thing agreed, not a decision to act ("The plan, agreed to last year" is one by
# the time word after "to").
_AGREED_THING = re.compile(r"\b(?:was|were|been|being|is|are)\s*$", re.IGNORECASE)


def tells_of_a_decision(sentence: str) -> bool:
    """Whether the sentence tells of a decision to do something: an answer to what is to come ("where will the
    check post be" → "the two sides have decided to set up a check post in Hatisar"), though its verb is past
    and so an answer to what was done as well."""
    return any(not _AGREED_THING.search(sentence[:m.start()]) for m in _DECIDES_TO.finditer(sentence))


def tells_of_future(sentence: str, published: date | None) -> bool:
    """Whether a sentence is about something to come: in its wording, or by a date after its publication (a
    question about the next meeting is not answered by the last one's date)."""
    if _TELLS_FUTURE.search(sentence):
        return True
    if published is None:
        return False
    # A date counted from the report ("two days later") is told relative to some other day, not to the report.
    days = [m.last_day for m in find_dates(sentence, published) if not m.framing and not m.relative]
    return any(day > published for day in days) or any(year > published.year for year in _years_written(sentence))


def _years_written(sentence: str) -> list[int]:
    """The first year of every year, month or span of years the sentence writes."""
    return [_period(match).first.year for match in _ASKED.finditer(sentence)]
