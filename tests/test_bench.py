"""`attache bench` runs end to end on a tiny corpus (figures are checked for sense, never for speed)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.evaluation.bench import bench_markdown, run_bench
from bot.evaluation.synthetic import synthetic_articles, synthetic_questions
from bot.knowledge.embedder import share_onnx_export
from tests.conftest import MODELS_DIR, settings_for_tests


def test_synthetic_corpus_is_deterministic_and_plainly_fictional() -> None:
    first, again = synthetic_articles(5), synthetic_articles(5)
    assert first == again
    assert synthetic_articles(5, seed=8) != first
    for article in first:
        assert "Synthetic benchmark article" in article.text
        assert "every country, person and event in it is invented" in article.text
        assert "outlet: Synthetic Bench Wire (fictional)" in article.text and "https://example.org/bench/" in article.text
    assert len(synthetic_questions(10)) == 10


def test_bench_writes_json_and_markdown(tmp_path: Path, embedder: object) -> None:
    settings = settings_for_tests(tmp_path / "data")
    settings = replace(settings, knowledge=replace(settings.knowledge, collection_prefix="attache"))
    share_onnx_export(MODELS_DIR, tmp_path / "data" / "models")
    results = run_bench(settings, sizes=[30], sample_articles=4, questions=6, out_dir=tmp_path / "out")
    saved = json.loads((tmp_path / "out" / "latest.json").read_text())
    assert saved["sizes"]["30"]["chunks"] >= 30 and saved["sizes"]["30"]["questions"] == 6
    ingestion = saved["ingestion"]
    assert ingestion["chunks"] == ingestion["attache_chunks"] > 0
    assert ingestion["raw_embedder_chunks_per_s"] > 0 and ingestion["attache_chunks_per_s"] > 0
    runs = ingestion["runs_s"]
    rounds = sorted(r / a for r, a in zip(runs["raw"], runs["attache"], strict=True))  # same chunk count on both sides
    assert len(rounds) == ingestion["repeats"] == 5
    assert ingestion["attache_share_of_raw_median"] == pytest.approx(rounds[2])
    assert ingestion["attache_share_of_raw"] == pytest.approx(min(runs["raw"]) / min(runs["attache"]))
    assert saved["cold_start"]["attache"]["answered"] and saved["cold_start"]["attache"]["peak_rss_mb"] > 50
    assert saved["cold_start"]["baseline"]["seconds"] > 0
    for side in ("attache", "baseline"):
        cold = saved["cold_start"][side]
        assert len(cold["runs_s"]) == 3 and cold["seconds"] == sorted(cold["runs_s"])[1]
    table = (tmp_path / "out" / "latest.md").read_text()
    assert table == bench_markdown(results)
    assert "| ask p50 / p95 at" in table and "| cold start to first answer" in table
