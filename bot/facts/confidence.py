"""How sure the extractor is of each official, visit, agreement and event: a logistic regression per kind
over what the fact itself shows (a date and how precise, a city, a country for the person, how often the
article names them, whether the same agreement is told again with its subject). The weights and the
threshold the views apply are data (config/fact_confidence.json), fitted on labelled real-news articles by
`attache train-facts` (bot/facts/confidence_training.py)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.facts.model import Agreement, ArticleFacts, Event, Official, Visit

log = logging.getLogger(__name__)

DEFAULT_CONFIDENCE_FILE = Path(__file__).resolve().parents[2] / "config" / "fact_confidence.json"
CONFIDENT_KINDS = ("officials", "visits", "agreements", "events")


def official_features(official: Official, published: date | None, facts: ArticleFacts) -> list[float]:
    words = _JOINED_INITIAL.sub(". ", official.name).split()  # "N.Enkhtaivan" is a given name and a surname
    return [
        min(len(official.evidence), 4) / 4,
        float(official.country is not None),
        min(len(official.titles), 3) / 3,
        float(len(words) >= 2),
        float(len(words) >= 4),
        float(official.organisation is not None),
        float(any(t[:1].islower() for t in official.titles)),
    ]


# An initial joined to the surname that follows it ("T.Ganbold", "B.Ölziibayar"), not to a second initial ("K.P.").
_JOINED_INITIAL = re.compile(r"\.(?=[^\W\d_]{2})")


def visit_features(visit: Visit, published: date | None, facts: ArticleFacts) -> list[float]:
    """A trip shared with others to the same place on the same day (dated to the day) is a party's: its leader
    meets the hosts, its members, named in a delegation list, meet no one. Labellers differ on listing the
    members' trips, so the fit weighs them."""
    party = [v for v in facts.visits if v is not visit and v.destination_country == visit.destination_country
             and visit.start is not None and visit.precision == "day" and v.start == visit.start
             and v.precision == "day"]
    return [
        float(bool(party)),
        float(bool(party) and not visit.met and any(v.met for v in party)),
        float(visit.start is not None),
        float(visit.start is not None and visit.precision == "day"),
        float(visit.destination_city is not None),
        float(visit.visitor_country is not None),
        min(len(visit.evidence), 3) / 3,
        float(visit.status == "planned"),
        float(visit.status == "cancelled"),
        float(bool(visit.met)),
        _years_from(visit.start, published),
    ]


def agreement_features(agreement: Agreement, published: date | None, facts: ArticleFacts) -> list[float]:
    """An agreement with a subject, a value or a date is told as one; a bare "an agreement" beside the same
    kind of pact between the same parties with its subject is often that pact told again."""
    same = [a for a in facts.agreements if a.kind == agreement.kind and set(a.parties) == set(agreement.parties)]
    subject = (agreement.subject or "").strip()
    return [
        float(bool(subject)),
        float(len(subject.split()) >= 3),
        float(agreement.value is not None),
        float(agreement.date is not None),
        float(agreement.status == "planned"),
        min(len(agreement.evidence), 3) / 3,
        float(len(agreement.parties) == 2),
        float(agreement.kind != "agreement"),
        float(not subject and any((a.subject or "").strip() for a in same)),
        min(len(same), 5) / 5,
        _years_from(agreement.date, published),
    ]


def event_features(event: Event, published: date | None, facts: ArticleFacts) -> list[float]:
    words = len(event.label.split())
    return [
        float(event.precision == "day"),
        float(event.precision == "month"),
        min(words, 20) / 20,
        float(event.label.endswith("…")),
        float(event.label[:1].isupper()),
        _years_from(event.date, published),
    ]


def _years_from(when: date | None, published: date | None) -> float:
    """How far from the article's own date the fact lies, in years, capped at 10: background history is
    reported in passing, with less detail."""
    if when is None or published is None:
        return 1.0
    return min(abs((published - when).days) / 365.25, 10.0) / 10


FEATURES_BY_KIND: dict[str, Callable[[Any, date | None, ArticleFacts], list[float]]] = {
    "officials": official_features,
    "visits": visit_features,
    "agreements": agreement_features,
    "events": event_features,
}


@dataclass(frozen=True)
class KindModel:
    """Standardised logistic regression for one kind, and the probability the views require."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, features: list[float]) -> float:
        logit = float(((np.asarray(features) - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + float(np.exp(-logit)))


@dataclass(frozen=True)
class FactConfidence:
    kinds: dict[str, KindModel]
    report: dict[str, object]

    @property
    def thresholds(self) -> dict[str, float]:
        return {kind: model.threshold for kind, model in self.kinds.items()}

    def score(self, facts: ArticleFacts, published: date | None) -> ArticleFacts:
        """The facts with each official, visit, agreement and event's confidence set."""

        def scored(kind: str, items: tuple[Any, ...]) -> tuple[Any, ...]:
            model = self.kinds.get(kind)
            if model is None:
                return items
            return tuple(
                replace(item, confidence=round(model.probability(FEATURES_BY_KIND[kind](item, published, facts)), 4))
                for item in items
            )

        return replace(
            facts,
            officials=scored("officials", facts.officials),
            visits=scored("visits", facts.visits),
            agreements=scored("agreements", facts.agreements),
            events=scored("events", facts.events),
        )

    def save(self, path: Path) -> None:
        data = {
            kind: {
                "mean": m.mean.tolist(), "scale": m.scale.tolist(), "coef": m.coef.tolist(),
                "intercept": m.intercept, "threshold": m.threshold,
            }
            for kind, m in self.kinds.items()
        }
        path.write_text(json.dumps({"kinds": data, "report": self.report}, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")

    @classmethod
    def load(cls, path: Path = DEFAULT_CONFIDENCE_FILE) -> FactConfidence:
        """The fitted model; with no file yet (before the first `attache train-facts`), every fact counts."""
        if not path.is_file():
            log.warning("no fact confidence model at %s: every fact is shown", path)
            return cls({}, {})
        raw = json.loads(path.read_text(encoding="utf-8"))
        kinds = {
            kind: KindModel(np.asarray(m["mean"]), np.asarray(m["scale"]), np.asarray(m["coef"]),
                            float(m["intercept"]), float(m["threshold"]))
            for kind, m in raw.get("kinds", {}).items()
        }
        return cls(kinds, raw.get("report", {}))


@cache
def default_confidence() -> FactConfidence:
    """The committed model, read once per process."""
    return FactConfidence.load(DEFAULT_CONFIDENCE_FILE)
