"""The Chroma server as a dependency that can fail: it dies between two questions and comes back; the
knowledge base says it is unreachable meanwhile and answers again when the server returns, without a
restart of its own. It dies in the middle of an `attache ingest`: one line, and what the cut left behind
is swept at the next start."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bot.knowledge.embedder import OnnxEmbedder
from bot.knowledge.errors import lost_store
from bot.services import build_knowledge_base
from tests.conftest import SHIPPED_ARTICLES, free_port, settings_for_tests, start_chroma_server, stop

QUESTION = "who did baram meet in delhi"


def test_a_killed_server_is_reported_and_recovered_from(tmp_path: Path, embedder: OnnxEmbedder) -> None:
    port = free_port()
    server_dir = tmp_path / "server"
    server = start_chroma_server(server_dir, port)
    try:
        settings = settings_for_tests(tmp_path / "data", host="127.0.0.1", port=port)
        settings = replace(settings, chroma=replace(settings.chroma, timeout_seconds=3.0))
        kb = build_knowledge_base(settings, embedder=embedder)
        kb.ingestor.ingest_paths([SHIPPED_ARTICLES])
        before = kb.ask(QUESTION)
        assert not before.refused

        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        kb.retriever.invalidate()  # as a change seen by another shard would: the next question reads the store
        with pytest.raises(Exception) as lost:
            kb.ask(QUESTION)
        assert lost_store(lost.value), repr(lost.value)

        server = start_chroma_server(server_dir, port)  # the same data, back on the same port
        after = kb.ask(QUESTION)
        assert after.text == before.text and [c.chunk_id for c in after.citations] == [
            c.chunk_id for c in before.citations]
    finally:
        stop(server)


def test_an_ingest_cut_off_by_a_killed_server_is_one_line_and_swept_at_the_next_start(
    tmp_path: Path, embedder: OnnxEmbedder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    """`attache ingest` against a server killed once the first passages are stored (before any article
    record): the process ends with one line and exit 2; the server comes back; the next start, once the
    orphans are older than the grace for ingestions in flight, sweeps every passage the cut left."""
    import chromadb

    from bot.evaluation.synthetic import synthetic_articles
    from bot.knowledge import store as store_module
    from bot.knowledge.embedder import share_onnx_export
    from tests.conftest import MODELS_DIR

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in synthetic_articles(40, seed=3):
        (corpus / article.filename).write_text(article.text, encoding="utf-8")
    data_dir = tmp_path / "data"
    share_onnx_export(MODELS_DIR, data_dir / "models")
    config = tmp_path / "drill.toml"
    config.write_text('[knowledge]\ncollection_prefix = "drill"\n[chroma]\ntimeout_seconds = 3.0\n', encoding="utf-8")
    port = free_port()
    server_dir = tmp_path / "server"
    server = start_chroma_server(server_dir, port)
    ingest: subprocess.Popen[str] | None = None
    try:
        env = {**os.environ, "ATTACHE_DATA_DIR": str(data_dir), "DISCORD_TOKEN": "", "CHROMA_HOST": "127.0.0.1",
               "CHROMA_PORT": str(port)}
        ingest = subprocess.Popen([sys.executable, "-m", "bot", "--config", str(config), "ingest", str(corpus)],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        watcher = chromadb.HttpClient(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 120
        while _stored_chunks(watcher) == 0:  # kill in the write window: passages stored, records not yet
            assert ingest.poll() is None and time.monotonic() < deadline, ingest.communicate()
            time.sleep(0.02)
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        out, err = ingest.communicate(timeout=120)
        assert ingest.returncode == 2, (out, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert "lost the Chroma server" in err or "unreachable" in err or "cannot be reached" in err, err

        server = start_chroma_server(server_dir, port)  # the same data, back on the same port
        settings = settings_for_tests(data_dir, host="127.0.0.1", port=port)
        settings = replace(settings, knowledge=replace(settings.knowledge, collection_prefix="drill"))
        # The next start, later than an ingestion in flight could still be writing.
        later = time.time() + store_module.ORPHAN_GRACE_SECONDS + 1
        monkeypatch.setattr(store_module, "time", SimpleNamespace(time=lambda: later))
        with caplog.at_level(logging.WARNING, logger="bot.knowledge.store"):
            kb = build_knowledge_base(settings, embedder=embedder)
        swept = [r.getMessage() for r in caplog.records if "swept orphan chunks" in r.getMessage()]
        assert len(swept) == 1, caplog.text
        records = kb.store.articles()
        assert kb.store.counts()[1] == sum(a.chunk_count for a in records)  # no passage without its article
        for stored in records:  # and no article without all its passages
            assert len(kb.store.chunks_of(stored.meta.article_id)) == stored.chunk_count
        monkeypatch.undo()
        resumed = kb.ingestor.ingest_paths([corpus])
        assert {o.status for o in resumed} <= {"added", "known"} and len(resumed) == 40
    finally:
        if ingest is not None and ingest.poll() is None:
            ingest.kill()
            ingest.wait(timeout=10)
        stop(server)


def _stored_chunks(client: Any) -> int:
    try:
        return int(client.get_collection("drill_chunks").count())
    except Exception:  # not created yet
        return 0
