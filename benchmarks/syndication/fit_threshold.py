"""Fit the near-copy threshold ([syndication] threshold in config/settings.toml) on labelled real pairs.

pairs.csv holds pairs of real news pages (links only), each labelled 1 (the same wire story or release on two
outlets, with small edits) or 0 (a different story on the same pair, event or day, or a follow-up), with the
similarity the project's measure gave them. The outlets' texts are not shipped. With `--texts DIR` (one file
per page, named by the first 12 hex digits of the SHA-1 of its link, `<key>.txt`), the scores are computed
again from the texts and written back to pairs.csv.

The threshold is the one of highest F1 (ties: higher precision), placed halfway between the lowest positive
score it admits and the highest negative score below that, so it does not sit on a measured value.

With `--embedding` (and `--texts`), the project's embedder is tried too: the cosine of each page's mean
passage vector, the "whole-text embedding similarity" alternative; only reported, never written.

    python benchmarks/syndication/fit_threshold.py [--texts DIR [--embedding]] [--dry-run]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import precision_recall_curve

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PAIRS = HERE / "pairs.csv"
SETTINGS = ROOT / "config" / "settings.toml"
SCORE = "containment"  # the column the threshold applies to: bot.knowledge.near_duplicates.similarity
COLUMNS = ["url_a", "url_b", "label", "why", "containment", "jaccard"]


@dataclass(frozen=True)
class Fit:
    threshold: float
    precision: float
    recall: float
    f1: float
    positives: int
    negatives: int
    true_positives: int
    false_positives: int


def text_key(url: str) -> str:
    return hashlib.sha1(url.encode()).hexdigest()[:12]


def rescore(rows: list[dict[str, str]], texts: Path) -> None:
    """Recompute both scores of every pair from the texts in `texts`; a missing text is an error."""
    sys.path.insert(0, str(ROOT))
    from bot.knowledge.near_duplicates import overlap, shingles

    cache: dict[str, np.ndarray] = {}

    def shingled(url: str) -> np.ndarray:
        if url not in cache:
            path = texts / f"{text_key(url)}.txt"
            if not path.exists():
                raise SystemExit(f"no text for {url} (expected {path})")
            cache[url] = shingles(path.read_text(encoding="utf-8"))
        return cache[url]

    for row in rows:
        found = overlap(shingled(row["url_a"]), shingled(row["url_b"]))
        row["containment"] = f"{found.containment:.4f}"
        row["jaccard"] = f"{found.jaccard:.4f}"


def fit(labels: np.ndarray, scores: np.ndarray) -> Fit:
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    best = max(range(len(thresholds)), key=lambda i: (round(float(f1[i]), 9), float(precision[i])))
    admitted = float(thresholds[best])
    below = scores[scores < admitted]
    threshold = (admitted + float(below.max())) / 2 if below.size else admitted
    predicted = scores >= threshold
    positive = labels == 1
    tp, fp = int((predicted & positive).sum()), int((predicted & ~positive).sum())
    p = tp / max(tp + fp, 1)
    r = tp / max(int(positive.sum()), 1)
    return Fit(round(threshold, 3), p, r, 2 * p * r / max(p + r, 1e-12), int(positive.sum()),
               int((~positive).sum()), tp, fp)


def embedding_scores(rows: list[dict[str, str]], texts: Path) -> np.ndarray:
    """Cosine of the two pages' whole-text vectors (the mean of their passages' vectors, as the store keeps)."""
    sys.path.insert(0, str(ROOT))
    from bot.config import load_settings
    from bot.knowledge.chunking import ArticleChunker
    from bot.knowledge.embedder import OnnxEmbedder
    from bot.knowledge.model import Article, ArticleMeta

    settings = load_settings(dotenv=False)
    embedder = OnnxEmbedder(settings.models_dir)
    chunker = ArticleChunker(embedder.token_counts, settings.knowledge.chunk_tokens,
                             settings.knowledge.chunk_overlap_tokens)
    vectors: dict[str, np.ndarray] = {}
    for url in {r[k] for r in rows for k in ("url_a", "url_b")}:
        text = (texts / f"{text_key(url)}.txt").read_text(encoding="utf-8")
        chunks = chunker.chunk(Article(ArticleMeta(article_id=text_key(url), title=""), text))
        mean = embedder.embed_texts([c.text for c in chunks]).mean(axis=0)
        vectors[url] = mean / np.linalg.norm(mean)
    return np.array([float(vectors[r["url_a"]] @ vectors[r["url_b"]]) for r in rows])


def describe(name: str, labels: np.ndarray, scores: np.ndarray) -> str:
    from sklearn.metrics import average_precision_score

    result = fit(labels, scores)
    return (f"{name}: average precision {average_precision_score(labels, scores):.2f}, best F1 {result.f1:.2f} "
            f"(precision {result.precision:.2f}, recall {result.recall:.2f} at {result.threshold}); highest "
            f"negative {scores[labels == 0].max():.3f}, lowest positive {scores[labels == 1].min():.3f}")


def held_out(labels: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """Precision and recall when each pair is judged by the threshold fitted on all the others: what to expect
    on pairs the fit has not seen (the fit on all pairs is optimistic by construction)."""
    predicted = np.zeros(len(labels), dtype=bool)
    for i in range(len(labels)):
        rest = np.arange(len(labels)) != i
        predicted[i] = scores[i] >= fit(labels[rest], scores[rest]).threshold
    positive = labels == 1
    tp = int((predicted & positive).sum())
    return tp / max(int(predicted.sum()), 1), tp / max(int(positive.sum()), 1)


def write_threshold(value: float, settings: Path = SETTINGS) -> None:
    """Rewrite `threshold = ...` inside [syndication], leaving every other line of the file as it is."""
    text = settings.read_text(encoding="utf-8")
    section = re.search(r"(?ms)^\[syndication\]\n(.*?)(?=^\[|\Z)", text)
    if section is None or not re.search(r"(?m)^threshold\s*=", section.group(1)):
        raise SystemExit(f"{settings} has no [syndication] threshold line to rewrite")
    body = re.sub(r"(?m)^threshold\s*=.*$", f"threshold = {value}", section.group(1), count=1)
    settings.write_text(text[:section.start(1)] + body + text[section.end(1):], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, help="folder of the pages' texts, to recompute the scores")
    parser.add_argument("--embedding", action="store_true", help="also report the embedder's whole-text cosine")
    parser.add_argument("--dry-run", action="store_true", help="print the fit, change no file")
    args = parser.parse_args(argv)
    with open(PAIRS, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if args.texts:
        rescore(rows, args.texts)
    labels = np.array([int(r["label"]) for r in rows])
    scores = np.array([float(r[SCORE]) for r in rows])
    result = fit(labels, scores)
    print(f"{result.positives} positive and {result.negatives} negative pairs; {SCORE} >= {result.threshold}: "
          f"precision {result.precision:.2f} ({result.true_positives} of {result.true_positives + result.false_positives}), "
          f"recall {result.recall:.2f} ({result.true_positives} of {result.positives}), F1 {result.f1:.2f}")
    precision, recall = held_out(labels, scores)
    print(f"leave-one-out: precision {precision:.2f}, recall {recall:.2f}")
    print(describe("containment", labels, scores))
    print(describe("jaccard", labels, np.array([float(r["jaccard"]) for r in rows])))
    if args.embedding and args.texts:
        print(describe("embedding cosine", labels, embedding_scores(rows, args.texts)))
    if args.dry_run:
        return 0
    if args.texts:
        with open(PAIRS, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    write_threshold(result.threshold)
    print(f"wrote threshold = {result.threshold} to {SETTINGS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
