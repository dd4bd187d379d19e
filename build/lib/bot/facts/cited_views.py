"""View rows as cited answers: one line per fact, each ending in the [n] of the article it came from.

Turning views into `CitedAnswer`s lets the bot and the CLI show them exactly like answers: the same
source list, the same "as of" date and the same Show evidence button (the quote behind each line).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.facts.dates import format_date
from bot.facts.views import CooperationRow, FactCitation, OfficialRow, TimelineRow, VisitRow, visit_label
from bot.knowledge.model import Citation, CitedAnswer

_MAX_LINES = 40


def cited_lines(heading: str, lines: Sequence[tuple[str, Sequence[FactCitation]]], empty: str) -> CitedAnswer:
    """Number articles in order of first use; each line gets the markers of the articles behind it."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    seen_quotes: set[tuple[str, str]] = set()
    text_lines: list[str] = []
    for line, line_citations in lines[:_MAX_LINES]:
        markers: list[int] = []
        for meta, evidence in line_citations:
            n = numbers.setdefault(meta.article_id, len(numbers) + 1)
            if n not in markers:
                markers.append(n)
            if (meta.article_id, evidence.sentence) not in seen_quotes:
                seen_quotes.add((meta.article_id, evidence.sentence))
                citations.append(Citation(n=n, article=meta, quote=evidence.sentence))
        text_lines.append(f"• {line} " + "".join(f"[{n}]" for n in markers))
    if len(lines) > _MAX_LINES:
        text_lines.append(f"… and {len(lines) - _MAX_LINES} more; narrow it down with the options.")
    dates = [c.article.published for c in citations if c.article.published]
    if not text_lines:
        return CitedAnswer(question=heading, text=empty, refused=True)
    return CitedAnswer(question=heading, text="\n".join(text_lines), refused=False, citations=tuple(citations),
                       quoted=False,
                       as_of=max(dates) if dates else None)


def officials_answer(rows: Sequence[OfficialRow], heading: str) -> CitedAnswer:
    lines = []
    for row in rows:
        details = "; ".join(p for p in (", ".join(row.titles), ", ".join(row.organisations)) if p)
        country = f" ({row.country})" if row.country else ""
        lines.append((f"**{row.name}**{country}" + (f" — {details}" if details else ""), row.citations))
    return cited_lines(heading, lines, "No officials found in the articles for that.")


def visits_answer(rows: Sequence[VisitRow], heading: str) -> CitedAnswer:
    lines = []
    for row in rows:
        visit = row.visit
        when = ""
        if visit.start:
            when = format_date(visit.start, visit.precision)
            if visit.end and visit.end != visit.start:
                when += f" to {format_date(visit.end, visit.precision)}"
        met = f"; met {', '.join(visit.met)}" if visit.met else ""
        expected = f"; to meet {', '.join(visit.expected_to_meet)}" if visit.expected_to_meet else ""
        lines.append((f"{when + ': ' if when else ''}{visit_label(visit)}{met}{expected}", row.citations))
    return cited_lines(heading, lines, "No visits found in the articles for that.")


def cooperation_answer(rows: Sequence[CooperationRow], heading: str) -> CitedAnswer:
    lines = []
    for row in rows:
        articles = f"{row.article_count} article{'s' if row.article_count != 1 else ''}"
        wording = ", ".join(f"“{t}”" for t in row.matched_texts[:3])
        lines.append((f"**{row.area}** — {articles}" + (f" ({wording})" if wording else ""), row.citations))
    return cited_lines(heading, lines, "No cooperation areas found in the articles for that.")


def timeline_answer(rows: Sequence[TimelineRow], heading: str) -> CitedAnswer:
    lines = []
    for row in rows:
        when = format_date(row.date, row.precision)
        if row.end and row.end != row.date:
            when += f" to {format_date(row.end, row.precision)}"
        lines.append((f"`{when}` {row.kind}: {row.label}", row.citations))
    return cited_lines(heading, lines, "No dated events found in the articles for that.")
