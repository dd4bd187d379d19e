"""Facts pulled from one article at ingestion, each tied to the sentence it came from so it can be cited."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

VisitStatus = Literal["completed", "planned", "cancelled"]
AgreementKind = Literal["MoU", "contract", "joint venture", "agreement"]
AgreementStatus = Literal["signed", "planned"]
DatePrecision = Literal["day", "month", "year"]


def normalise_name(name: str) -> str:
    """How person names compare: case, accents and punctuation ignored ("Dr. Linnea  Ashgrove" ~ "dr linnea
    ashgrove")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", plain.casefold()).split())


# Styles written in front of a name that say nothing of who the person is ("Sheikh Tamim bin Hamad Al Thani",
# "Sultan Haitham"): extraction keeps them as titles, a labeller may write them into the name.
_STYLES = frozenset({"sheikh", "sheikha", "sultan", "king", "queen", "emir", "prince", "princess", "sayyid",
                     "dr", "mr", "mrs", "ms", "shri", "smt", "his", "her", "majesty", "highness", "excellency"})


def person_key(name: str) -> str:
    """How two writings of a person compare: `normalise_name`, without the styles in front of the name."""
    words = normalise_name(name).split()
    while len(words) > 1 and words[0] in _STYLES:
        words = words[1:]
    return " ".join(words)


def same_person(a: str, b: str) -> bool:
    """ "Sultan Haitham" and "Haitham bin Tarik", "Baram" and "Amir Baram": one name, styles aside, begins or
    ends the other."""
    short, long = sorted((person_key(a).split(), person_key(b).split()), key=len)
    return bool(short) and (long[: len(short)] == short or long[-len(short):] == short)


@dataclass(frozen=True)
class Evidence:
    """The exact sentence a fact came from, with its character offsets in the article text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Official:
    """A named person seen with at least one title; every title the article gives them is kept."""

    name: str
    titles: tuple[str, ...] = ()
    organisation: str | None = None
    country: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0  # the fitted probability that it is right (bot/facts/confidence.py)


def with_countries(officials: Sequence[Official], found: Mapping[str, str]) -> list[Official]:
    """Officials with no country take the one a pass found for their name; the others keep theirs."""
    return [replace(o, country=found[o.name]) if o.country is None and o.name in found else o for o in officials]


@dataclass(frozen=True)
class Visit:
    """One official's trip to a country: where, when, whom they met, and whether it happened.

    `precision` says how much of `start` the article gave ("in October 2025" is month precision); people a
    planned or cancelled visit was to include are in `expected_to_meet`, never in `met`."""

    visitor: str
    visitor_country: str | None = None
    destination_country: str | None = None
    destination_city: str | None = None
    start: date | None = None
    end: date | None = None
    met: tuple[str, ...] = ()
    purpose: str | None = None
    status: VisitStatus = "completed"
    evidence: tuple[Evidence, ...] = ()
    precision: DatePrecision = "day"
    expected_to_meet: tuple[str, ...] = ()
    other_cities: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class CooperationMention:
    """A canonical cooperation area named in a sentence, with the words that named it."""

    area: str
    matched_text: str
    evidence: Evidence


@dataclass(frozen=True)
class Agreement:
    """An MoU, contract, joint venture or other agreement the article reports; `parties` are countries.

    `status` is "planned" for one only hoped or due to be signed; `precision` says how much of `date`
    is known."""

    kind: AgreementKind
    subject: str | None = None
    parties: tuple[str, ...] = ()
    value: str | None = None
    date: date | None = None
    evidence: tuple[Evidence, ...] = ()
    status: AgreementStatus = "signed"
    precision: DatePrecision = "day"
    confidence: float = 1.0


@dataclass(frozen=True)
class Event:
    """A dated happening; `precision` says whether the article gave the day, only the month or the year."""

    date: date
    precision: DatePrecision
    label: str
    evidence: Evidence
    confidence: float = 1.0


@dataclass(frozen=True)
class FactQuote:
    """A sentence a fact rests on, to quote in an answer, and the article it comes from."""

    sentence: str
    article_id: str


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article; persisted as JSON beside the vector store."""

    officials: tuple[Official, ...] = ()
    visits: tuple[Visit, ...] = ()
    cooperation: tuple[CooperationMention, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    events: tuple[Event, ...] = ()

    def confident(self, thresholds: dict[str, float]) -> ArticleFacts:
        """Only the officials, visits, agreements and events whose confidence reaches their kind's threshold:
        what the views show, so a doubtful fact stays out of /officials and the timeline."""
        return replace(
            self,
            officials=tuple(o for o in self.officials if o.confidence >= thresholds.get("officials", 0.0)),
            visits=tuple(v for v in self.visits if v.confidence >= thresholds.get("visits", 0.0)),
            agreements=tuple(a for a in self.agreements if a.confidence >= thresholds.get("agreements", 0.0)),
            events=tuple(e for e in self.events if e.confidence >= thresholds.get("events", 0.0)),
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "officials": [_official_to_dict(o) for o in self.officials],
                "visits": [_visit_to_dict(v) for v in self.visits],
                "cooperation": [_mention_to_dict(m) for m in self.cooperation],
                "agreements": [_agreement_to_dict(a) for a in self.agreements],
                "events": [_event_to_dict(e) for e in self.events],
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> ArticleFacts:
        raw = json.loads(text)
        return cls(
            officials=tuple(_official_from_dict(o) for o in raw.get("officials", [])),
            visits=tuple(_visit_from_dict(v) for v in raw.get("visits", [])),
            cooperation=tuple(_mention_from_dict(m) for m in raw.get("cooperation", [])),
            agreements=tuple(_agreement_from_dict(a) for a in raw.get("agreements", [])),
            events=tuple(_event_from_dict(e) for e in raw.get("events", [])),
        )


def _date_text(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date_value(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _evidence_to_dict(evidence: Evidence) -> dict[str, Any]:
    return {"sentence": evidence.sentence, "start": evidence.start, "end": evidence.end}


def _evidence_from_dict(raw: dict[str, Any]) -> Evidence:
    return Evidence(raw["sentence"], int(raw["start"]), int(raw["end"]))


def _official_to_dict(official: Official) -> dict[str, Any]:
    return {
        "name": official.name,
        "titles": list(official.titles),
        "organisation": official.organisation,
        "country": official.country,
        "evidence": [_evidence_to_dict(e) for e in official.evidence],
        "confidence": official.confidence,
    }


def _official_from_dict(raw: dict[str, Any]) -> Official:
    return Official(
        name=raw["name"],
        titles=tuple(raw.get("titles", ())),
        organisation=raw.get("organisation"),
        country=raw.get("country"),
        evidence=tuple(_evidence_from_dict(e) for e in raw.get("evidence", ())),
        confidence=float(raw.get("confidence", 1.0)),
    )


def _visit_to_dict(visit: Visit) -> dict[str, Any]:
    return {
        "visitor": visit.visitor,
        "visitor_country": visit.visitor_country,
        "destination_country": visit.destination_country,
        "destination_city": visit.destination_city,
        "start": _date_text(visit.start),
        "end": _date_text(visit.end),
        "met": list(visit.met),
        "purpose": visit.purpose,
        "status": visit.status,
        "evidence": [_evidence_to_dict(e) for e in visit.evidence],
        "precision": visit.precision,
        "expected_to_meet": list(visit.expected_to_meet),
        "other_cities": list(visit.other_cities),
        "confidence": visit.confidence,
    }


def _visit_from_dict(raw: dict[str, Any]) -> Visit:
    return Visit(
        visitor=raw["visitor"],
        visitor_country=raw.get("visitor_country"),
        destination_country=raw.get("destination_country"),
        destination_city=raw.get("destination_city"),
        start=_date_value(raw.get("start")),
        end=_date_value(raw.get("end")),
        met=tuple(raw.get("met", ())),
        purpose=raw.get("purpose"),
        status=raw.get("status", "completed"),
        evidence=tuple(_evidence_from_dict(e) for e in raw.get("evidence", ())),
        precision=raw.get("precision", "day"),
        expected_to_meet=tuple(raw.get("expected_to_meet", ())),
        other_cities=tuple(raw.get("other_cities", ())),
        confidence=float(raw.get("confidence", 1.0)),
    )


def _mention_to_dict(mention: CooperationMention) -> dict[str, Any]:
    return {
        "area": mention.area,
        "matched_text": mention.matched_text,
        "evidence": _evidence_to_dict(mention.evidence),
    }


def _mention_from_dict(raw: dict[str, Any]) -> CooperationMention:
    return CooperationMention(raw["area"], raw["matched_text"], _evidence_from_dict(raw["evidence"]))


def _agreement_to_dict(agreement: Agreement) -> dict[str, Any]:
    return {
        "kind": agreement.kind,
        "subject": agreement.subject,
        "parties": list(agreement.parties),
        "value": agreement.value,
        "date": _date_text(agreement.date),
        "evidence": [_evidence_to_dict(e) for e in agreement.evidence],
        "status": agreement.status,
        "precision": agreement.precision,
        "confidence": agreement.confidence,
    }


def _agreement_from_dict(raw: dict[str, Any]) -> Agreement:
    return Agreement(
        kind=raw["kind"],
        subject=raw.get("subject"),
        parties=tuple(raw.get("parties", ())),
        value=raw.get("value"),
        date=_date_value(raw.get("date")),
        evidence=tuple(_evidence_from_dict(e) for e in raw.get("evidence", ())),
        status=raw.get("status", "signed"),
        precision=raw.get("precision", "day"),
        confidence=float(raw.get("confidence", 1.0)),
    )


def _event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "date": event.date.isoformat(),
        "precision": event.precision,
        "label": event.label,
        "evidence": _evidence_to_dict(event.evidence),
        "confidence": event.confidence,
    }


def _event_from_dict(raw: dict[str, Any]) -> Event:
    return Event(
        date.fromisoformat(raw["date"]),
        raw["precision"],
        raw["label"],
        _evidence_from_dict(raw["evidence"]),
        float(raw.get("confidence", 1.0)),
    )
