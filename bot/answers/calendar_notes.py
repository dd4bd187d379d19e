"""A "when" answer quoted from news often says "on Sunday" or "on July 8": the day as the report's readers
knew it. The quote stays verbatim; after its marker the answer notes the calendar date, worked out from the
article's publication date (bot/facts/dates.py), so the reader need not do it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.facts.dates import find_dates
from bot.knowledge.model import CitedAnswer


def with_calendar_dates(answer: CitedAnswer) -> CitedAnswer:
    """Each cited quote that dates something to a day without writing its full date ("on Sunday", "July 8")
    gets that date after its marker: "… landed on Sunday [1] (Sunday: August 1, 2021)"."""
    text = answer.text
    for citation in answer.citations:
        found = find_dates(citation.quote, citation.article.published)
        # "on Monday, July 8": the weekday names the date written right after it.
        starts = {m.start for m in found}
        notes = [f"{m.text.removeprefix('on ').strip()}: {_written(m.date)}" if m.relative else _written(m.date)
                 for m in found
                 if m.precision == "day" and not m.end_date and str(m.date.year) not in m.text
                 and not any(m.end < start <= m.end + 3 for start in starts)]
        marked = f"{citation.quote} [{citation.n}]"
        if notes and marked in text:
            text = text.replace(marked, f"{marked} ({'; '.join(dict.fromkeys(notes))})", 1)
    return replace(answer, text=text)


def _written(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"
