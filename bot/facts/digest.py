"""A cited digest of what arrived: the new visits, agreements and officials of the chosen pairs, then the most
central new sentences. A pure function of what the caller gathered, so the bot, its schedule and the CLI
print the same digest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.facts.alerts import ArrivedFacts
from bot.facts.dates import format_date
from bot.facts.model import DatePrecision, Evidence
from bot.facts.views import FactCitation, agreement_label, agreements_view, officials_view, visit_label, visits_view
from bot.knowledge.model import ArticleMeta, Citation, CitedAnswer

Pair = tuple[str, str]


@dataclass(frozen=True)
class QuotedSentence:
    """A sentence of an arrived article, as a digest quotes it."""

    article: ArticleMeta
    sentence: str


def digest_answer(heading: str, arrived: Sequence[ArrivedFacts], pairs: Sequence[Pair],
                  central: Sequence[QuotedSentence], *, max_lines: int, max_central: int) -> CitedAnswer:
    """`arrived`: the articles stored since the digest's start that concern `pairs` (all pairs when empty);
    `central`: candidate sentences, most central first. Every line ends in the [n] of its article."""
    items = [(a.meta, a.facts) for a in arrived]
    wanted = [set(p) for p in pairs]
    countries = {c for p in pairs for c in p}
    numbering = _Numbering()

    visits = [r for r in visits_view(items)
              if not wanted or {r.visit.visitor_country, r.visit.destination_country} in wanted]
    numbering.section("Visits", [(visit_label(r.visit) + _met(r.visit.met), _when(r.visit.start, r.visit.precision),
                                  r.citations) for r in visits], max_lines)
    agreements = [(a, c) for a, c in agreements_view(items) if not wanted or any(set(a.parties) <= w for w in wanted)]
    numbering.section("Agreements", [(agreement_label(a), _when(a.date, a.precision), c) for a, c in agreements],
                      max_lines)
    officials = [o for o in officials_view(items) if not countries or o.country in countries]
    numbering.section("Officials", [(f"**{o.name}**" + (f" ({o.country})" if o.country else "")
                                     + (f" — {', '.join(o.titles)}" if o.titles else ""), "", o.citations)
                                    for o in officials], max_lines)
    fresh = [q for q in central if q.sentence not in numbering.quoted][:max_central]
    numbering.section("Most central new sentences",
                      [(f"“{q.sentence}”", "", (FactCitation(q.article, Evidence(q.sentence, 0, len(q.sentence))),))
                       for q in fresh], max_lines)
    if not numbering.lines:
        return CitedAnswer(question=heading, text="Nothing new arrived for that in this period.", refused=True)
    dates = [c.article.published for c in numbering.citations if c.article.published]
    return CitedAnswer(question=heading, text="\n".join(numbering.lines), refused=False,
                       citations=tuple(numbering.citations), quoted=False, as_of=max(dates) if dates else None)


class _Numbering:
    """Numbers articles in order of first use across the sections, like the views' cited lines."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.citations: list[Citation] = []
        self.quoted: set[str] = set()
        self.lines: list[str] = []

    def section(self, title: str, rows: Sequence[tuple[str, str, Sequence[FactCitation]]], max_lines: int) -> None:
        if not rows:
            return
        self.lines.append(f"**{title}**")
        for label, when, citations in rows[:max_lines]:
            markers = "".join(f"[{n}]" for n in dict.fromkeys(self._cite(c) for c in citations))
            self.lines.append(f"• {when + ': ' if when else ''}{label} {markers}")
        if len(rows) > max_lines:
            self.lines.append(f"… and {len(rows) - max_lines} more.")

    def _cite(self, citation: FactCitation) -> int:
        meta, evidence = citation
        n = self.numbers.setdefault(meta.article_id, len(self.numbers) + 1)
        if evidence.sentence not in self.quoted:
            self.quoted.add(evidence.sentence)
            self.citations.append(Citation(n=n, article=meta, quote=evidence.sentence))
        return n


def _when(day: date | None, precision: DatePrecision) -> str:
    return format_date(day, precision) if day else ""


def _met(met: Sequence[str]) -> str:
    return f"; met {', '.join(met)}" if met else ""
