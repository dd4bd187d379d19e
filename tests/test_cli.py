"""The `attache` command as a user runs it: a real process, its own data folder, real output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge.embedder import share_onnx_export
from tests.conftest import FIXTURES, MODELS_DIR, SHIPPED_ARTICLES

pytestmark = pytest.mark.usefixtures("embedder")  # makes sure the ONNX export exists to copy


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    share_onnx_export(MODELS_DIR, tmp_path / "data" / "models")  # spare each test the one-off export
    return tmp_path / "data"


def attache(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ATTACHE_DATA_DIR": str(data_dir), "DISCORD_TOKEN": ""}
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_ingest_ask_sources_remove(data_dir: Path) -> None:
    first = attache(data_dir, "ingest", str(SHIPPED_ARTICLES))
    assert first.returncode == 0, first.stderr
    assert "added" in first.stdout and "1 articles, 3 passages" in first.stdout
    again = attache(data_dir, "ingest", str(SHIPPED_ARTICLES))
    assert "known" in again.stdout and "already in the knowledge base" in again.stdout

    asked = attache(data_dir, "ask", "--json", stdin="who did baram meet in delhi?\nwhat is the capital of peru\n")
    assert asked.returncode == 0, asked.stderr
    first_answer, second_answer = (json.loads(line) for line in asked.stdout.splitlines())
    assert set(first_answer) >= {"question", "answer", "refused", "citations", "elapsed_ms"}
    assert not first_answer["refused"] and "Ajit Doval" in first_answer["answer"]
    citation = first_answer["citations"][0]
    assert citation["n"] == 1 and citation["outlet"] == "PTI" and citation["published"] == "2025-07-25"
    assert citation["quote"] in first_answer["answer"] and citation["url"].startswith("https://")
    assert second_answer["refused"] and second_answer["citations"] == []

    text = attache(data_dir, "ask", "when was the visit of baram to india")
    assert "July 22-23, 2025" in text.stdout and "[1] " in text.stdout and "Sources:" in text.stdout

    listing = json.loads(attache(data_dir, "sources", "--json").stdout)
    assert [a["outlet"] for a in listing] == ["PTI"]
    removed = attache(data_dir, "remove", listing[0]["article_id"][:8])
    assert removed.returncode == 0 and "Removed" in removed.stdout
    assert json.loads(attache(data_dir, "sources", "--json").stdout) == []
    missing = attache(data_dir, "remove", "nosuchid")
    assert missing.returncode == 2 and "No article `nosuchid`" in missing.stderr


def test_views_and_timeline_png(data_dir: Path, tmp_path: Path) -> None:
    attache(data_dir, "ingest", str(SHIPPED_ARTICLES))
    officials = attache(data_dir, "officials", "--country", "india")
    assert "Ajit Doval" in officials.stdout and "National Security Advisor" in officials.stdout
    visits = attache(data_dir, "visits", "--country", "israel")
    assert "2025-07-22 to 2025-07-23: Amir Baram (Israel) visits New Delhi, India" in visits.stdout
    chart = tmp_path / "timeline.png"
    timeline = attache(data_dir, "timeline", "--country", "India", "--png", str(chart))
    assert "2024-07" in timeline.stdout and chart.read_bytes().startswith(b"\x89PNG")


def test_chat_answers_follow_ups_and_run_without_token_opens_chat(data_dir: Path) -> None:
    attache(data_dir, "ingest", str(SHIPPED_ARTICLES))
    chat = attache(data_dir, "run", stdin="who did baram meet in delhi?\nand when was that?\n\n")
    assert chat.returncode == 0, chat.stderr
    assert "DISCORD_TOKEN is not set" in chat.stdout and "DISCORD_TOKEN=" in chat.stdout
    assert "Ajit Doval" in chat.stdout and "July 22-23" in chat.stdout


def test_eval_prints_both_systems(data_dir: Path) -> None:
    attache(data_dir, "ingest", str(SHIPPED_ARTICLES))
    questions = FIXTURES / "eval_tiny.jsonl"
    result = attache(data_dir, "eval", "--questions", str(questions), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert set(scores) == {"attache", "baseline"}
    assert scores["attache"]["overall"]["questions"] == 3


def test_a_second_process_on_the_embedded_store_gets_one_clear_line(data_dir: Path) -> None:
    from bot.knowledge import store_lock

    held = store_lock.acquire(data_dir)  # as the running bot holds it
    try:
        refused = attache(data_dir, "ingest", str(SHIPPED_ARTICLES))
        assert refused.returncode == 2
        assert "Another Attaché process" in refused.stderr and "CHROMA_HOST" in refused.stderr
        assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
        again = store_lock.acquire(data_dir)  # the same process may open it again (its components share it)
        store_lock.release(again)
    finally:
        store_lock.release(held)
    allowed = attache(data_dir, "ingest", str(SHIPPED_ARTICLES))
    assert allowed.returncode == 0, allowed.stderr


def test_a_chroma_server_that_never_answers_is_one_line_not_a_hang(data_dir: Path, tmp_path: Path) -> None:
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections (the kernel does) and never answers
    config = tmp_path / "settings.toml"
    config.write_text("[chroma]\ntimeout_seconds = 1.0\n", encoding="utf-8")
    try:
        env = {**os.environ, "ATTACHE_DATA_DIR": str(data_dir), "DISCORD_TOKEN": "", "CHROMA_HOST": "127.0.0.1",
               "CHROMA_PORT": str(silent.getsockname()[1])}
        result = subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "ask", "who met whom"],
                                capture_output=True, text=True, env=env, timeout=60, check=False)
    finally:
        silent.close()
    assert result.returncode == 2
    assert "did not answer within 1 s" in result.stderr and "Traceback" not in result.stderr


def test_a_port_that_is_not_a_number_is_one_line(data_dir: Path) -> None:
    env = {**os.environ, "ATTACHE_DATA_DIR": str(data_dir), "DISCORD_TOKEN": "", "CHROMA_HOST": "127.0.0.1",
           "CHROMA_PORT": "abc"}
    result = subprocess.run([sys.executable, "-m", "bot", "sources"], capture_output=True, text=True, env=env,
                            timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == "attache: CHROMA_PORT must be a port number (1-65535), not 'abc'."


def test_terminal_escape_codes_in_titles_never_reach_the_terminal(data_dir: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "esc\x1b[31mred.md"
    hostile.write_text("---\ntitle: \"Fictional \\e[2J\\e[31mred title\"\n---\n(Fictional.) Kestovia and Norrvald "
                       "held talks on fishing quotas in Skarnholm on Monday, and agreed to meet again in June.\n",
                       encoding="utf-8")
    ingested = attache(data_dir, "ingest", str(hostile))
    listed = attache(data_dir, "sources")
    asked = attache(data_dir, "ask", "what did kestovia and norrvald talk about")
    for result in (ingested, listed, asked):
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert "red title" in listed.stdout


def test_nothing_to_ingest_or_to_ask_is_said_not_silent(data_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK not an article")
    ingested = attache(data_dir, "ingest", str(empty))
    assert ingested.returncode == 1 and "no article files" in ingested.stderr
    asked = attache(data_dir, "ask", "  ")
    assert asked.returncode == 2 and "the question is empty" in asked.stderr


def test_ask_explain_shows_why(data_dir: Path) -> None:
    attache(data_dir, "ingest", str(SHIPPED_ARTICLES))
    shown = attache(data_dir, "ask", "--explain", "who did baram sit down with in delhi")
    assert shown.returncode == 0, shown.stderr
    assert "Ajit Doval" in shown.stdout
    assert "answer type: person" in shown.stdout and "decided by: extractive" in shown.stdout
    assert "p=" in shown.stdout and "similarity=" in shown.stdout


def test_eval_facts_scores_what_the_views_show_and_everything_with_all(data_dir: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures"
    args = ("eval-facts", "--gold", str(fixtures / "blind10" / "facts_gold.json"),
            "--articles", str(fixtures / "blind10" / "articles"))

    def predicted(output: str) -> dict[str, int]:
        rows = [line.split() for line in output.splitlines() if line.split()[:1] and line.split()[0] in
                {"officials", "visits", "areas", "agreements", "events"}]
        return {row[0]: int(row[5]) for row in rows}

    shown, everything = attache(data_dir, *args), attache(data_dir, *args, "--all")
    assert shown.returncode == 0 and everything.returncode == 0, shown.stderr + everything.stderr
    shown_counts, all_counts = predicted(shown.stdout), predicted(everything.stdout)
    assert set(shown_counts) == {"officials", "visits", "areas", "agreements", "events"}
    assert all(shown_counts[k] <= all_counts[k] for k in shown_counts)
    assert sum(shown_counts.values()) < sum(all_counts.values())  # doubtful facts stay out of the views


def test_an_ablation_of_a_signal_the_scorer_lacks_is_one_line_and_writes_nothing(data_dir: Path) -> None:
    model = Path(__file__).parents[1] / "config" / "answer_model.json"
    before = model.read_bytes()
    result = attache(data_dir, "train", "--without", "similarity,sentiment")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("attache: the scorer has no signal sentiment; its signals are")
    assert model.read_bytes() == before
