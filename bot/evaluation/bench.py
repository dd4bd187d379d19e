"""`attache bench`: speed, memory and size on a synthetic corpus, for Attaché and the baseline side by side.

Measured: ingestion throughput against the raw embedder on the same chunk texts; warm ask latency at
each corpus size; cold start to first answer and peak memory of a fresh `attache ask` process; store size.
Embeddings of the large corpora are cached on disk between runs (the ingestion figure never uses it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bot.config import Settings
from bot.evaluation.baseline import LangchainBaseline
from bot.evaluation.metrics import percentile
from bot.evaluation.synthetic import SyntheticArticle, synthetic_articles, synthetic_questions, visitor_of
from bot.knowledge.embedder import TextEmbedder, build_embedder, share_onnx_export, sorted_slices
from bot.knowledge.model import GLOBAL_SCOPE

log = logging.getLogger(__name__)

COLD_QUESTION = f"who did {visitor_of(synthetic_articles(1)[0]).lower()} meet"  # article 0 is in every corpus


class CachedEmbedder:
    """The real embedder behind a content-addressed cache, so rebuilding a 10k-chunk corpus is quick."""

    def __init__(self, inner: TextEmbedder, path: Path) -> None:
        self._inner = inner
        self._path = path
        self._vectors: dict[str, np.ndarray] = {}
        if path.exists():
            data = np.load(path)
            self._vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self._vectors]
        if missing:
            fresh = self._inner.embed_texts([texts[i] for i in missing])
            for i, vector in zip(missing, fresh, strict=True):
                self._vectors[keys[i]] = vector
        return np.stack([self._vectors[k] for k in keys]) if keys else self._inner.embed_texts([])

    def embed_in_slices(self, texts: Sequence[str], size: int) -> Iterator[tuple[list[int], np.ndarray]]:
        return sorted_slices(self, texts, size)

    def embed_spans_in_slices(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
                              size: int) -> Iterator[tuple[list[int], np.ndarray, list[np.ndarray]]]:
        """Each sentence gets its passage's cached vector: the bench store measures speed, not answers."""
        for part, vectors in sorted_slices(self, texts, size):
            yield part, vectors, [np.repeat(vectors[row:row + 1], len(spans[i]), axis=0) for row, i in enumerate(part)]

    def embed_query(self, text: str) -> np.ndarray:
        return self._inner.embed_query(text)

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        return self._inner.token_counts(texts)

    def save(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype=object)
        np.savez(self._path, keys=keys.astype(str), vectors=np.stack(list(self._vectors.values())))


def _items(articles: Sequence[SyntheticArticle]) -> list[tuple[str, bytes, str]]:
    return [(a.filename, a.text.encode(), f"bench/{a.filename}") for a in articles]


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _bench_settings(settings: Settings, data_dir: Path) -> Settings:
    return replace(settings, knowledge=replace(settings.knowledge, data_dir=data_dir), chroma=replace(settings.chroma, host=""))


def measure_ingestion(settings: Settings, embedder: TextEmbedder, sample_articles: int, work: Path,
                      repeats: int = 5) -> dict[str, Any]:
    """Chunks per second: raw embedder, Attaché's whole ingestion, and langchain's Chroma.add_texts.

    The three runs alternate, `repeats` times: on a shared 2-core machine a single run swings by 15%,
    and alternating keeps a slow minute from landing on one side only. Reported: each side's best run,
    and the median of the rounds' own ratios, which a lucky raw or Attaché run cannot move."""
    from langchain_chroma import Chroma

    from bot.knowledge.chunking import ArticleChunker
    from bot.knowledge.langchain_embeddings import LangchainEmbeddings
    from bot.knowledge.loaders import parse_article
    from bot.services import build_knowledge_base

    articles = synthetic_articles(sample_articles, seed=99)
    chunker = ArticleChunker(embedder.token_counts, settings.knowledge.chunk_tokens, settings.knowledge.chunk_overlap_tokens)
    raw_seconds, attache_seconds, baseline_seconds = [], [], []
    texts: list[str] = []
    chunks = 0
    for run in range(repeats):
        kb = build_knowledge_base(_bench_settings(settings, work / f"ingest-{run}"), embedder=embedder)
        texts = texts or [c.text for a in articles  # the same chunk texts every run: made once
                          for c in chunker.chunk(parse_article(a.text.encode(), a.filename, gazetteer=kb.gazetteer,
                                                               max_bytes=10**7))]
        embedder.embed_texts(texts[:16])  # warm
        started = time.perf_counter()
        embedder.embed_texts(texts)
        raw_seconds.append(time.perf_counter() - started)

        started = time.perf_counter()
        outcomes = kb.ingestor.ingest_items(_items(articles), scope=GLOBAL_SCOPE)
        attache_seconds.append(time.perf_counter() - started)
        chunks = sum(o.chunks for o in outcomes)

        baseline = Chroma(client=kb.store.client, collection_name="baseline_ingest",
                          embedding_function=LangchainEmbeddings(embedder))
        started = time.perf_counter()
        baseline.add_texts(texts)
        baseline_seconds.append(time.perf_counter() - started)
    raw, attache, plain = min(raw_seconds), min(attache_seconds), min(baseline_seconds)
    return {
        "articles": len(articles), "chunks": len(texts), "attache_chunks": chunks, "repeats": repeats,
        "raw_embedder_chunks_per_s": len(texts) / raw,
        "attache_chunks_per_s": chunks / attache,
        "baseline_chunks_per_s": len(texts) / plain,
        "attache_share_of_raw": (chunks / attache) / (len(texts) / raw),
        "attache_share_of_raw_median": statistics.median(
            (chunks / a) / (len(texts) / r) for r, a in zip(raw_seconds, attache_seconds, strict=True)),
        "runs_s": {"raw": raw_seconds, "attache": attache_seconds, "baseline": baseline_seconds},
    }


def build_corpus(settings: Settings, embedder: CachedEmbedder, chunks_wanted: int, data_dir: Path) -> dict[str, Any]:
    from bot.services import build_knowledge_base

    kb = build_knowledge_base(_bench_settings(settings, data_dir), embedder=embedder)
    # Two passages an article, but a story told again is collapsed into one article with two sources
    # (README, "Syndicated copies collapse"), so twice as many are at hand as the size needs.
    articles = synthetic_articles(chunks_wanted + 10)
    total = kb.store.counts()[1]
    batch = 200
    index = 0
    while total < chunks_wanted and index < len(articles):
        kb.ingestor.ingest_items(_items(articles[index:index + batch]), scope=GLOBAL_SCOPE)
        index += batch
        total = kb.store.counts()[1]
        log.info("bench corpus chunks=%d", total)
    embedder.save()
    counts = kb.store.counts()
    kb.close()
    return {"articles": counts[0], "chunks": total}


def measure_latency(settings: Settings, embedder: TextEmbedder, data_dir: Path, questions: Sequence[str]) -> dict[str, Any]:
    from bot.services import build_knowledge_base

    kb = build_knowledge_base(_bench_settings(settings, data_dir), embedder=embedder)
    snapshot = kb.retriever.snapshot()
    baseline = LangchainBaseline(kb.store.client, f"{settings.knowledge.collection_prefix}_chunks", embedder)
    for question in questions[:5]:  # warm both
        kb.ask(question)
        baseline.ask(question, snapshot)
    attache_ms, baseline_ms = [], []
    for question in questions:
        started = time.perf_counter()
        kb.ask(question)
        attache_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        baseline.ask(question, snapshot)
        baseline_ms.append((time.perf_counter() - started) * 1000)
    timeline_ms = []
    for _ in range(3):  # the first decodes every article's facts; the views cache them after
        started = time.perf_counter()
        kb.timeline((GLOBAL_SCOPE,))
        timeline_ms.append((time.perf_counter() - started) * 1000)
    kb.close()  # the cold-start processes open this store next
    return {
        "questions": len(questions),
        "timeline_first_ms": timeline_ms[0], "timeline_p50_ms": percentile(timeline_ms, 50),
        "attache_p50_ms": percentile(attache_ms, 50), "attache_p95_ms": percentile(attache_ms, 95),
        "baseline_p50_ms": percentile(baseline_ms, 50), "baseline_p95_ms": percentile(baseline_ms, 95),
        "store_bytes": _dir_size(data_dir / "chroma"),
    }


_CHILD = """
import runpy, sys
sys.argv = ["attache", *sys.argv[1:]]
try:
    runpy.run_module("bot", run_name="__main__", alter_sys=True)
finally:
    # VmHWM is this process's own peak RSS since exec (ru_maxrss would include the forking parent's).
    peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
    print("PEAK", peak.split()[1], file=sys.stderr)
"""


def _cold(data_dir: Path, *, baseline: bool) -> dict[str, Any]:
    """A fresh process from interpreter start to the first answer, with its own peak memory."""
    env = {**os.environ, "ATTACHE_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-c", _CHILD, "ask", "--json", COLD_QUESTION] + (["--baseline"] if baseline else [])
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"cold-start process failed: {result.stderr[-2000:]}")
    peak_kb = int(next(line.split()[1] for line in result.stderr.splitlines() if line.startswith("PEAK ")))
    answer = json.loads(result.stdout.splitlines()[-1])
    return {"seconds": round(seconds, 3), "answered": not answer["refused"], "peak_rss_mb": round(peak_kb / 1024, 1)}


def measure_cold_starts(data_dir: Path, rounds: int = 3) -> dict[str, dict[str, Any]]:
    """Alternating cold starts of both sides: the median time (one start swings by half a second here)
    and the highest peak memory, since memory is a limit, not an average."""
    runs: dict[str, list[dict[str, Any]]] = {"attache": [], "baseline": []}
    for _ in range(rounds):
        for side, started in runs.items():
            started.append(_cold(data_dir, baseline=side == "baseline"))
    return {side: {"seconds": statistics.median(r["seconds"] for r in started),
                   "answered": all(r["answered"] for r in started),
                   "peak_rss_mb": max(r["peak_rss_mb"] for r in started),
                   "runs_s": [r["seconds"] for r in started]}
            for side, started in runs.items()}


def run_bench(settings: Settings, *, sizes: Sequence[int], sample_articles: int, questions: int,
              out_dir: Path) -> dict[str, Any]:
    cache_dir = settings.knowledge.data_dir / "bench"
    inner = build_embedder(settings.embedding.mode, settings.models_dir, batch_size=settings.embedding.batch_size,
                           threads=settings.embedding.threads)
    results: dict[str, Any] = {"machine": _machine(), "settings": {"embedding": settings.embedding.mode}}
    with tempfile.TemporaryDirectory(prefix="attache-bench-") as scratch:
        print(f"ingestion throughput on {sample_articles} synthetic articles …", file=sys.stderr)
        results["ingestion"] = measure_ingestion(settings, inner, sample_articles, Path(scratch))
    cached = CachedEmbedder(inner, cache_dir / "embeddings.npz")
    question_set = synthetic_questions(questions)
    results["sizes"] = {}
    for size in sizes:
        data_dir = cache_dir / f"corpus-{size}"
        print(f"corpus of {size} chunks …", file=sys.stderr)
        share_onnx_export(settings.models_dir, data_dir / "models")
        corpus = build_corpus(settings, cached, size, data_dir)
        latency = measure_latency(settings, inner, data_dir, question_set)
        results["sizes"][str(size)] = {**corpus, **latency}
    largest = cache_dir / f"corpus-{max(sizes)}"
    print("cold starts …", file=sys.stderr)
    results["cold_start"] = {**measure_cold_starts(largest), "chunks": results["sizes"][str(max(sizes))]["chunks"]}
    results["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    (out_dir / "latest.md").write_text(bench_markdown(results))
    return results


def _machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory, 1), "python": platform.python_version(),
            "bench_process_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def bench_markdown(results: dict[str, Any]) -> str:
    machine = results["machine"]
    ingestion = results["ingestion"]
    lines = [
        f"Measured {results.get('measured_at', '')} on {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['memory_gib']} GiB, Python {machine['python']}; embeddings: {results['settings']['embedding']}.",
        "",
        "| measure | Attaché | baseline (langchain `Chroma.similarity_search(k=4)`) | target |",
        "|---|---|---|---|",
        f"| ingestion, chunks/s ({ingestion['chunks']} chunks, best of {ingestion.get('repeats', 1)}; "
        f"raw embedder {ingestion['raw_embedder_chunks_per_s']:.1f}/s) "
        f"| {ingestion['attache_chunks_per_s']:.1f} ({ingestion['attache_share_of_raw']:.0%} of raw; "
        f"median of the rounds {ingestion.get('attache_share_of_raw_median', ingestion['attache_share_of_raw']):.0%}) "
        f"| {ingestion['baseline_chunks_per_s']:.1f} | ≥ 90% of raw |",
    ]
    for row in results["sizes"].values():
        lines.append(f"| ask p50 / p95 at {row['chunks']} chunks, ms | {row['attache_p50_ms']:.1f} / {row['attache_p95_ms']:.1f} "
                     f"| {row['baseline_p50_ms']:.1f} / {row['baseline_p95_ms']:.1f} | ≤ 30 / ≤ 100 at 10k |")
    for row in results["sizes"].values():
        if "timeline_p50_ms" in row:
            lines.append(f"| /timeline with its chart, {row['articles']} articles, first / median of 3, ms "
                         f"| {row['timeline_first_ms']:.0f} / {row['timeline_p50_ms']:.0f} | – | ≤ 2000 for 1,000 articles |")
    for row in results["sizes"].values():
        lines.append(f"| store on disk at {row['chunks']} chunks | {row['store_bytes'] / 2**20:.1f} MB | same store | – |")
    cold = results["cold_start"]
    lines.append(f"| cold start to first answer ({cold['chunks']} chunks, median of {len(cold['attache'].get('runs_s', [0]))}), s "
                 f"| {cold['attache']['seconds']:.2f} "
                 f"| {cold['baseline']['seconds']:.2f} | ≤ 3 |")
    lines.append(f"| peak memory of that process (highest), MB | {cold['attache']['peak_rss_mb']:.0f} "
                 f"| {cold['baseline']['peak_rss_mb']:.0f} | ≤ 600 |")
    return "\n".join(lines) + "\n"
