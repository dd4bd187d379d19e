"""`attache train-facts`: fit the per-kind fact confidence (bot/facts/confidence.py) on the labelled
real-news articles listed in tests/fixtures/facts_training.toml, and choose each kind's threshold for the
best F1 of what the views then show. Rerunnable: the same labels give the same file."""

from __future__ import annotations

import json
import logging
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.facts.catalog import ExtractionCatalog
from bot.facts.confidence import CONFIDENT_KINDS, FEATURES_BY_KIND, FactConfidence, KindModel
from bot.facts.model import ArticleFacts
from bot.facts.scoring import (
    agreement_keys,
    counter_labels,
    event_keys,
    extract_labelled_set,
    gold_agreement_keys,
    gold_event_keys,
    gold_official_keys,
    gold_visit_keys,
    official_keys,
    prefix_labels,
    visit_keys,
)
from bot.knowledge.gazetteer import Gazetteer

log = logging.getLogger(__name__)

# Regularisation of the logistic regressions: the labelled facts number in the low hundreds.
REGULARISATION_C = 1.0


@dataclass(frozen=True)
class LabelledFacts:
    """Every extracted fact of one kind as features, whether it matched a gold fact, and the gold count."""

    rows: list[list[float]]
    labels: list[int]
    gold: int


def load_manifest(path: Path) -> list[tuple[Path, list[Path]]]:
    """(gold file, article folders) per labelled set; paths relative to the manifest."""
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    return [(path.parent / s["gold"], [path.parent / a for a in s["articles"]]) for s in raw.get("sets", [])]


def label_sets(sets: Sequence[tuple[Path, list[Path]]], gazetteer: Gazetteer,
               catalog: ExtractionCatalog) -> dict[str, LabelledFacts]:
    found = {kind: LabelledFacts([], [], 0) for kind in CONFIDENT_KINDS}
    for gold_file, folders in sets:
        labels: dict[str, dict[str, Any]] = json.loads(gold_file.read_text(encoding="utf-8"))
        for gold, (article, facts) in zip(labels.values(), extract_labelled_set(labels, folders, gazetteer, catalog),
                                          strict=True):
            published = article.meta.published
            matched = {
                "officials": counter_labels(official_keys(facts), gold_official_keys(gold)),
                "visits": prefix_labels(visit_keys(facts), gold_visit_keys(gold)),
                "agreements": _agreement_labels(facts, gold),
                "events": prefix_labels(event_keys(facts), gold_event_keys(gold)),
            }
            items = {"officials": facts.officials, "visits": facts.visits, "agreements": facts.agreements,
                     "events": facts.events}
            gold_counts = {kind: len(gold.get(kind, [])) for kind in CONFIDENT_KINDS}
            for kind in CONFIDENT_KINDS:
                found[kind].rows.extend(FEATURES_BY_KIND[kind](item, published, facts) for item in items[kind])
                found[kind].labels.extend(matched[kind])
                found[kind] = LabelledFacts(found[kind].rows, found[kind].labels, found[kind].gold + gold_counts[kind])
    return found


def _agreement_labels(facts: ArticleFacts, gold: dict[str, Any]) -> list[int]:
    """Which agreements match a gold one by kind and parties, each gold one once; of several that match one,
    the one told with its subject is the match (a bare repeat of it is the surplus)."""
    keys = agreement_keys(facts)
    order = sorted(range(len(keys)), key=lambda i: not (facts.agreements[i].subject or "").strip())
    ordered = counter_labels([keys[i] for i in order], gold_agreement_keys(gold))
    labels = [0] * len(keys)
    for position, index in enumerate(order):
        labels[index] = ordered[position]
    return labels


def fit_kind(data: LabelledFacts) -> tuple[KindModel, dict[str, object]]:
    """A logistic regression on standardised features, and the threshold with the best F1 against all gold
    facts of the kind (those never extracted count as missed whatever the threshold)."""
    from sklearn.linear_model import LogisticRegression

    rows, labels = np.asarray(data.rows, dtype=float), np.asarray(data.labels, dtype=int)
    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=REGULARISATION_C, max_iter=2000)
    classifier.fit((rows - mean) / scale, labels)
    probabilities = classifier.predict_proba((rows - mean) / scale)[:, 1]
    curve = []
    for threshold in sorted({0.0, *np.round(probabilities, 4)}):
        kept = probabilities >= threshold
        right = int(labels[kept].sum())
        precision = right / kept.sum() if kept.sum() else 1.0
        recall = right / data.gold if data.gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        curve.append((float(threshold), precision, recall, f1))
    threshold, precision, recall, f1 = max(curve, key=lambda c: (c[3], -c[0]))
    model = KindModel(mean, scale, classifier.coef_[0], float(classifier.intercept_[0]), threshold)
    report: dict[str, object] = {
        "extracted": len(labels), "right": int(labels.sum()), "gold": data.gold,
        "threshold": round(threshold, 4), "precision": round(precision, 3), "recall": round(recall, 3),
        "all_facts_precision_recall": [round(curve[0][1], 3), round(curve[0][2], 3)],
        "curve_threshold_precision_recall": [[round(t, 3), round(p, 3), round(r, 3)]
                                             for t, p, r, _ in curve[:: max(1, len(curve) // 15)]],
    }
    return model, report


def train_fact_confidence(manifest: Path, gazetteer: Gazetteer, catalog: ExtractionCatalog,
                          target: Path) -> FactConfidence:
    # Extract with every fact counted, whatever model file is in place.
    labelled = label_sets(load_manifest(manifest), gazetteer, catalog)
    kinds: dict[str, KindModel] = {}
    report: dict[str, object] = {}
    for kind, data in labelled.items():
        kinds[kind], report[kind] = fit_kind(data)
        log.info("fact confidence fitted kind=%s report=%s", kind, report[kind])
    model = FactConfidence(kinds, report)
    model.save(target)
    return model
