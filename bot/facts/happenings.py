"""One timeline line per happening. A delegation's trip is one visit per traveller in the facts (so that
`/visits` can list each person), but a reader of the timeline wants one line: "Sultan Haitham and 7 others
(Oman) to visit Tehran". Likewise six MoUs signed by the same two countries on the same day are one
signing, not six lines. Rows are grouped only when everything the timeline shows about them is the same:
the day (at the same precision), the destination or parties, and the status."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from typing import TypeVar

from bot.facts.model import Agreement, Visit, same_person

Row = TypeVar("Row")
# A timeline label stays readable: this many characters, then an ellipsis.
LABEL_CHARS = 100


def grouped(rows: Sequence[Row], key: Callable[[Row], Hashable | None]) -> list[list[Row]]:
    """`rows` in groups of equal key, in order of first appearance; a row whose key is None stands alone."""
    groups: dict[Hashable, list[Row]] = {}
    order: list[list[Row]] = []
    for row in rows:
        group_key = key(row)
        if group_key is not None and group_key in groups:
            groups[group_key].append(row)
            continue
        order.append([row])
        if group_key is not None:
            groups[group_key] = order[-1]
    return order


def trip_key(visit: Visit) -> Hashable | None:
    """Travellers share a trip when they go to the same place on the same day, with the same status."""
    if visit.start is None:
        return None
    return (visit.start, visit.precision, visit.destination_country, visit.status)


def signing_key(agreement: Agreement) -> Hashable | None:
    """Documents share a signing when the same countries sign them on the same day, with the same status."""
    if agreement.date is None or not agreement.parties:
        return None
    return (agreement.date, agreement.precision, tuple(sorted(agreement.parties)), agreement.status)


def party_label(visits: Sequence[Visit], label_of: Callable[[Visit, bool], str]) -> str:
    """The lead traveller's line, with how many went along: "A and 3 others (Oman) visit Tehran";
    `label_of(visit, plural)` words one visit."""
    lead = max(visits, key=lambda v: (len(v.met) + len(v.expected_to_meet), -visits.index(v)))
    # One person written two ways ("Sultan Haitham", "Haitham bin Tarik") is one traveller.
    people: list[str] = []
    for visit in visits:
        if not any(same_person(visit.visitor, known) for known in people):
            people.append(visit.visitor)
    if len(people) == 1:
        return _short(label_of(lead, False))
    others = len(people) - 1
    travellers = f"{lead.visitor} and {others} other{'s' if others > 1 else ''}"
    return _short(label_of(replace(lead, visitor=travellers), True))


def signing_label(agreements: Sequence[Agreement], label_of: Callable[[Agreement], str]) -> str:
    """One document's own line, or "6 documents signed (Kenya, Sierra Leone): youth affairs; gender …"."""
    if len(agreements) == 1:
        return _short(label_of(agreements[0]))
    kinds = {a.kind for a in agreements}
    kind = f"{next(iter(kinds))}s" if len(kinds) == 1 else "documents"
    first = agreements[0]
    verb = "signed" if first.status == "signed" else "planned"
    subjects = "; ".join(dict.fromkeys(a.subject for a in agreements if a.subject))
    heading = f"{len(agreements)} {kind} {verb} ({', '.join(first.parties)})"
    return _short(f"{heading}: {subjects}" if subjects else heading)


def _short(label: str) -> str:
    if len(label) <= LABEL_CHARS:
        return label
    return label[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
