"""When a visit began, from a day the report places inside it: "On Wednesday, the second day of his visit,
the Amir went to the Royal Opera House" puts the first day on Tuesday. Reports filed mid-visit date what
happens that day and leave the start to be counted back."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.dates import NUMBER_WORDS, DateMention, names_a_weekday
from bot.facts.model import Visit, VisitStatus, normalise_name
from bot.knowledge.numbers import numbers_stated, ordinal_pattern

# What stands between the day and "the n-th day of …": a comma and "the" at most.
_RIGHT_BEFORE = re.compile(r",?\s*(?:the\s+)?", re.IGNORECASE)
# Longest a visit is taken to last: a larger count ("the 30th day of the trip") tells something else.
MAX_VISIT_DAYS = 14
# An ordinal, spelled or in digits ("second", "2nd"): "one day of his visit" counts no day.
_ORDINAL = ordinal_pattern(MAX_VISIT_DAYS)


# "a two-day visit", "a 3-day trip": how long a stay lasts.
DURATION = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d)[- ]day\b", re.IGNORECASE)
# How far before the duration an end cue may stand ("closing a two-day state visit").
_END_CUE_REACH = 40
# What may stand between the end cue and the length it ends: an article or a possessive, no more ("whose term
# ends in May, arrives on Sunday for a two-day visit" ends nothing).
_CUE_TO_LENGTH = re.compile(r"\s+(?:(?:a|an|the|his|her|their|its)\s+)?", re.IGNORECASE)


def tells_one_trip(sentence: ArticleSentence, destination: str | None, home: str | None) -> bool:
    """Whether the sentence names no country but the trip's destination and the visitor's own: a length it
    gives is this trip's ("arrived in Doha after concluding a two-day visit to the UAE" tells another's)."""
    return {p.country for p in sentence.places} <= {destination, home}


def stay_around(text: str, day: date, end_cue: re.Pattern[str], *, may_end_here: bool = True) -> tuple[date, date] | None:
    """The first and last days of a stay the sentence gives a length for, from the one day it names: that day
    is the last when an end cue comes right before the length ("wrapped up a two-day visit on Friday",
    "on Thursday, closing a two-day state visit"), else the first. None without a length. Not `may_end_here`
    (the sentence also tells of a trip elsewhere: "arrived in Doha after concluding a two-day visit to the
    UAE"), the day is always the first."""
    duration = DURATION.search(text)
    if duration is None:
        return None
    raw = duration.group(1).lower()
    days = (int(raw) if raw.isdigit() else NUMBER_WORDS[raw]) - 1
    window_start = max(0, duration.start() - _END_CUE_REACH)
    if may_end_here and any(_CUE_TO_LENGTH.fullmatch(text, cue.end() + window_start, duration.start())
           for cue in end_cue.finditer(text[window_start:duration.start()])):
        return day - timedelta(days=days), day
    return day, day + timedelta(days=days)


def ahead_if_planned(when: DateMention | None, status: VisitStatus, published: date | None) -> DateMention | None:
    """A weekday in a trip the grammar says is still to come ("will welcome … on Tuesday") is the next
    such day, even when the words around the date alone did not say so."""
    if (when is None or status != "planned" or published is None or not when.relative
            or when.precision != "day" or when.date >= published or not names_a_weekday(when)):
        return when
    return replace(when, date=when.date + timedelta(days=7), end_date=None)


def dated_by_day_of_visit(visits: Sequence[Visit], article: ArticleText, visit_nouns: frozenset[str]) -> tuple[Visit, ...]:
    """The visits, each start counted back from a sentence of its own that names a day as the visit's n-th."""
    nth_day = _nth_day(visit_nouns)
    by_start = {s.start: s for s in article.sentences}
    result = list(visits)
    for index, visit in enumerate(result):
        for evidence in visit.evidence:
            sentence = by_start.get(evidence.start)
            told = nth_day.search(sentence.text) if sentence is not None else None
            if sentence is None or told is None:
                continue
            ordinal = [int(n) for n in numbers_stated(told.group("nth")) if n.isdigit()]
            # the day named right before it: "On Wednesday, the second day of his visit"
            days = [d for d in sentence.dates_after_dateline if d.precision == "day" and not d.bounds_a_span
                    and d.end <= told.start() and _RIGHT_BEFORE.fullmatch(sentence.text[d.end:told.start()])]
            if len(ordinal) != 1 or not 1 <= ordinal[0] <= MAX_VISIT_DAYS or len(days) != 1:
                continue
            start = days[0].date - timedelta(days=ordinal[0] - 1)
            if visit.start is None or visit.precision != "day" or start < visit.start:
                result[index] = replace(visit, start=start, precision="day")
            break
    return _one_per_trip(result)


# "The State Visit on Thursday is meant to …": the sentence opens on the trip just told, and the day comes
# within this many characters after its noun.
_DAY_AFTER_NOUN = 30
# "The visit of X on Friday", "The trip by X": a name after the noun makes it someone's trip, maybe another's.
_SOMEONE_ELSES = re.compile(r"\b(?:of|by)\s+[A-Z]")
# Sentences after a trip's own in which "the visit" still means that trip.
_TOLD_AGAIN_WITHIN = 2


def dated_by_the_visit_told_again(visits: Sequence[Visit], article: ArticleText,
                                  visit_nouns: frozenset[str]) -> tuple[Visit, ...]:
    """A trip told without a day ("X will make a State Visit to South Africa this week") takes the day of a
    sentence right after it that opens on the trip again and dates it ("The State Visit on Thursday is meant
    to …"), when that sentence names no country but the trip's two, no one else's trip comes between the noun
    and the day ("The visit of X on Friday"), and no other trip of the same status is told elsewhere, which
    "the visit" could mean as well. A planned trip's day is on or after the report's; a past trip's on or
    before it."""
    opening = _opening_on_the_trip(visit_nouns)
    by_start = {s.start: s for s in article.sentences}
    published = article.published
    undated = [v for v in visits if v.start is None and v.evidence and v.status != "cancelled"]
    result = list(visits)
    for index, visit in enumerate(result):
        if visit not in undated or any(v.status == visit.status and v.evidence[:1] != visit.evidence[:1]
                                       for v in visits if v is not visit):
            continue
        first = by_start.get(visit.evidence[0].start)
        if first is None:
            continue
        for sentence in article.sentences[first.index + 1:first.index + 1 + _TOLD_AGAIN_WITHIN]:
            told = opening.match(sentence.text)
            if told is None:
                continue
            if not tells_one_trip(sentence, visit.destination_country, visit.visitor_country):
                break
            days = [d for d in sentence.dates_after_dateline if d.precision == "day" and not d.framing
                    and not d.bounds_a_span and told.end() <= d.start <= told.end() + _DAY_AFTER_NOUN
                    and not _SOMEONE_ELSES.search(sentence.text[told.end():d.start])]
            day = ahead_if_planned(days[0], visit.status, published) if days else None
            if day is not None and published is not None and (
                    day.date >= published if visit.status == "planned" else day.date <= published):
                result[index] = replace(visit, start=day.date, end=day.end_date, precision="day",
                                        evidence=(*visit.evidence, sentence.evidence))
            break
    return tuple(result)


@lru_cache(maxsize=4)
def _opening_on_the_trip(visit_nouns: frozenset[str]) -> re.Pattern[str]:
    """"The State Visit", "The two-day trip", "This visit": a sentence's first words, naming a trip told before."""
    return re.compile(
        rf"(?:The|This|That)\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(visit_nouns, key=len, reverse=True))})\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=4)
def _nth_day(visit_nouns: frozenset[str]) -> re.Pattern[str]:
    """"the second day of his state visit": built once per catalog."""
    return re.compile(
        rf"\b(?P<nth>{_ORDINAL})\s+day\s+of\s+(?:(?:his|her|their|the|a|an|this)\s+)?(?:[\w-]+\s+){{0,3}}?"
        rf"(?:{'|'.join(sorted(visit_nouns, key=len, reverse=True))})\b",
        re.IGNORECASE,
    )


def _one_per_trip(visits: Sequence[Visit]) -> tuple[Visit, ...]:
    """Counted back, a day's outing may turn out to be the trip already told from its arrival: one visit, with
    the evidence and people of both."""
    kept: list[Visit] = []
    for visit in visits:
        same = next((i for i, k in enumerate(kept) if visit.start is not None and k.precision == visit.precision == "day"
                     and (normalise_name(k.visitor), k.destination_country, k.start)
                     == (normalise_name(visit.visitor), visit.destination_country, visit.start)), None)
        if same is None:
            kept.append(visit)
            continue
        first = kept[same]
        kept[same] = replace(first, evidence=(*first.evidence, *(e for e in visit.evidence if e not in first.evidence)),
                             met=(*first.met, *(m for m in visit.met if m not in first.met)),
                             destination_city=first.destination_city or visit.destination_city)
    return tuple(kept)
