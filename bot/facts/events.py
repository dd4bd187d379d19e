"""Dated happenings not already on the timeline as a visit or an agreement ("the previous Joint Working Group
session in July 2024", "figures released on Thursday"), labelled by the clause that dates them (read from the
dependency parse in bot/facts/event_clauses.py); a date that belongs to no such clause is no event."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.catalog import ExtractionCatalog
from bot.facts.dates import DateMention
from bot.facts.event_clauses import event_clause, is_stamp_or_dateline
from bot.facts.model import Event, Visit
from bot.facts.officials import NameIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

_CLAUSE_BREAK = re.compile(r",\s|;\s|:\s|\s[—–]\s|\(|\)")
_RELATIVE_START = re.compile(r"^(?:which|who|where|when|whose)\b", re.IGNORECASE)
# The words that introduced the date ("by the end of", "on", "since") go with it.
_PREPOSITION_TAIL = re.compile(
    r"(?:\s+(?:by|before|until|till|at|from|since|during|on|in|of|around|early|late|mid-?)"
    r"(?:\s+the\s+end\s+of|\s+the)?)*\s*$",
    re.IGNORECASE,
)
_DANGLING_START = re.compile(r"^(?:on|in|by|since|and|but|later|earlier|then)\s+", re.IGNORECASE)
_REPORTING_START = re.compile(
    r"^(?:said|says|told\s+reporters|added|noted|announced|stated)\s+(?:that\s+)?", re.IGNORECASE
)
_VERB_START = re.compile(r"^(?:would|will|was|were|is|are|has|had|to|named|being|been)\b")
_LABEL_CHARS = 110
# A fallback label must hold this many words, one of them a verb, to be an event at all.
MIN_FALLBACK_WORDS = 4


def find_events(
    article: ArticleText,
    docs: Sequence[Doc],
    used_dates: Iterable[tuple[int, int]],
    visits: Iterable[Visit],
    names: NameIndex,
    catalog: ExtractionCatalog,
) -> list[Event]:
    """Events from every date the visits and agreements did not use, one per date and precision."""
    used = set(used_dates)
    visit_starts = {(v.visitor, v.start) for v in visits if v.start}
    seen: set[tuple[object, str]] = set()
    events: list[Event] = []
    for sentence, doc in zip(article.sentences, docs, strict=True):
        people = {name for _, _, name in names.people_in(sentence.text)}
        for mention in sentence.dates:
            if (sentence.index, mention.start) in used or mention.framing or mention.bounds_a_span:
                continue  # "the first visit since 2020" did not happen in 2020
            # "Vostrel was welcomed on Monday": the first day of her visit is already on the timeline.
            if any((person, mention.date) in visit_starts for person in people):
                continue
            key = (mention.date, mention.precision)
            if key in seen:
                continue
            label = event_clause(sentence, doc, mention, catalog)
            if label is None and not is_stamp_or_dateline(sentence, doc, mention, catalog):
                label = _fallback_label(sentence, doc, mention)
            if label is None:
                continue
            seen.add(key)
            events.append(Event(mention.date, mention.precision, label, sentence.evidence))
    return events


def _fallback_label(sentence: ArticleSentence, doc: Doc, mention: DateMention) -> str | None:
    """The regex clause, kept only when it reads as a happening: enough words and a verb among them."""
    label = clause_around_date(sentence, mention)
    if len(label.split()) < MIN_FALLBACK_WORDS:
        return None
    verbs = {t.text for t in doc if t.pos_ == "VERB"}
    return label if any(word.strip(",.;:") in verbs for word in label.split()) else None


def clause_around_date(sentence: ArticleSentence, mention: DateMention) -> str:
    """The words around the date up to the nearest clause breaks, with the date taken out: the fallback label
    when the parse finds no clause for the date (the small parser misreads some long sentences)."""
    text = sentence.text
    left, right = 0, len(text)
    for brk in _CLAUSE_BREAK.finditer(text, 0, mention.start):
        left = brk.end()
    following = _CLAUSE_BREAK.search(text, mention.end)
    if following:
        right = following.start()
    head = _PREPOSITION_TAIL.sub("", text[left : mention.start])
    clause = f"{head} {text[mention.end : right]}"
    if _RELATIVE_START.match(clause.strip()) or len(clause.split()) < 4:
        previous_left = 0
        for brk in _CLAUSE_BREAK.finditer(text, 0, max(0, left - 2)):
            previous_left = brk.end()
        clause = (
            f"{_PREPOSITION_TAIL.sub('', text[previous_left : mention.start])} {text[mention.end : right]}"
        )
    clause = _REPORTING_START.sub("", _DANGLING_START.sub("", clause.strip()))
    if _VERB_START.match(clause):
        # "..., would be conducted off Kelvasport in September": the clause needs its subject.
        clause = f"{_PREPOSITION_TAIL.sub('', text[: mention.start])} {text[mention.end :]}"
    clause = re.sub(r"\s{2,}", " ", clause).strip(" ,;.")
    clause = _DANGLING_START.sub("", clause).strip(" ,;.") or text
    if len(clause) > _LABEL_CHARS:
        clause = clause[:_LABEL_CHARS].rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    return clause
