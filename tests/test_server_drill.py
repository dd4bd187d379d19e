"""The Chroma server as a dependency that can fail: it dies between two questions and comes back; the
knowledge base says it is unreachable meanwhile and answers again when the server returns, without a
restart of its own."""

from __future__ import annotations

import signal
from dataclasses import replace
from pathlib import Path

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
