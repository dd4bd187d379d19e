"""Shared test fixtures: real components throughout (embedded Chroma, a Chroma server, the real embedder)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.config import PROJECT_ROOT, Settings, load_settings
from bot.facts.catalog import ExtractionCatalog, load_catalog
from bot.facts.extract import extract_facts
from bot.facts.model import ArticleFacts
from bot.knowledge.embedder import OnnxEmbedder
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.model import CitedAnswer
from bot.services import KnowledgeBase, build_knowledge_base

if TYPE_CHECKING:
    from tests.web_server import FictionalWeb

FIXTURES = Path(__file__).parent / "fixtures"
# The day the invented one-paragraph reports of the extraction tests were published: a Wednesday.
FICTIONAL_REPORT_DAY = date(2031, 3, 5)


def fictional_facts(text: str, gazetteer: Gazetteer, catalog: ExtractionCatalog) -> ArticleFacts:
    """The facts of an invented report on Veloria and Quintara published on FICTIONAL_REPORT_DAY."""
    return extract_facts(text, published=FICTIONAL_REPORT_DAY, countries=("Veloria", "Quintara"),
                         gazetteer=gazetteer, catalog=catalog)
FICTIONAL_ARTICLES = FIXTURES / "articles"
SHIPPED_ARTICLES = PROJECT_ROOT / "knowledge"
# The ONNX export is made once per machine and reused by every test run (it takes ~10 s).
MODELS_DIR = Path(os.environ.get("ATTACHE_TEST_MODELS", PROJECT_ROOT / ".cache" / "models"))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def write_fictional_article(folder: Path, published: str, slug: str, title: str, body: str) -> Path:
    """An invented Veloria–Quintara report in the shipped front-matter format, marked fictional, for a test to
    ingest: `published` is its ISO day, `slug` the rest of its file name and link."""
    path = folder / f"{published}-veloria-quintara-{slug}.md"
    path.write_text(
        f'---\ntitle: "{title} (fictional)"\noutlet: Fictional Test Wire\n'
        f"url: https://example.org/fictional/{slug}\npublished: {published}\n"
        f"countries: [Veloria, Quintara]\nfictional: true\n---\n{body}",
        encoding="utf-8",
    )
    return path


def ask_of_one_report(make_kb: Callable[..., KnowledgeBase], folder: Path, question: str,
                      *report: str) -> CitedAnswer:
    """`question` asked of a fresh knowledge base holding one invented report (`report`: write_fictional_article's
    published day, slug, title and body)."""
    knowledge = make_kb()
    knowledge.ingestor.ingest_paths([write_fictional_article(folder, *report)])
    return knowledge.ask(question)


def settings_for_tests(data_dir: Path, **chroma: object) -> Settings:
    """Project defaults plus the fictional gazetteer; never reads the developer's .env."""
    base = load_settings(environ={}, dotenv=False)
    knowledge = replace(
        base.knowledge,
        data_dir=data_dir,
        gazetteers=(*base.knowledge.gazetteers, FIXTURES / "gazetteer_fictional.toml"),
        collection_prefix=f"t{uuid.uuid4().hex[:10]}",
    )
    return replace(base, knowledge=knowledge, chroma=replace(base.chroma, **chroma))


@pytest.fixture(scope="session")
def fictional_gazetteer() -> Gazetteer:
    """The real gazetteer and the fictional countries of the invented test articles."""
    return Gazetteer.load([PROJECT_ROOT / "config" / "gazetteer.toml", FIXTURES / "gazetteer_fictional.toml"])


@pytest.fixture(scope="session")
def catalog() -> ExtractionCatalog:
    return load_catalog()


@pytest.fixture(scope="module")
def web() -> Iterator[FictionalWeb]:
    """The loopback web server of fictional pages and feeds (tests/web_server.py), one per test module."""
    from tests.web_server import FictionalWeb  # it reads FIXTURES from here

    with FictionalWeb() as server:
        yield server


@pytest.fixture(scope="session")
def embedder() -> OnnxEmbedder:
    return OnnxEmbedder(MODELS_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_chroma_server(path: Path, port: int) -> subprocess.Popen[bytes]:
    """`chroma run` (shipped with chromadb) on loopback, returned once it answers its heartbeat."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if chroma is None:
        pytest.fail("the `chroma` command from chromadb is not installed")
    path.mkdir(parents=True, exist_ok=True)
    log = open(path / "server.log", "ab")  # noqa: SIM115 - the server process writes it until it ends
    process = subprocess.Popen(
        [chroma, "run", "--path", str(path / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"chroma server did not start: {(path / 'server.log').read_text()[-2000:]}")
            time.sleep(0.2)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A Chroma server on a free loopback port, for the server-mode store tests."""
    port = free_port()
    process = start_chroma_server(tmp_path_factory.mktemp("chroma-server"), port)
    try:
        yield "127.0.0.1", port
    finally:
        stop(process)


KnowledgeBaseFactory = Callable[..., KnowledgeBase]


@pytest.fixture(params=["embedded", "server"])
def store_mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_kb(tmp_path: Path, embedder: OnnxEmbedder, request: pytest.FixtureRequest) -> KnowledgeBaseFactory:
    """Builds a fresh knowledge base in a temporary folder (or a fresh collection on the Chroma server)."""

    def factory(mode: str = "embedded", *, near_copies: bool = True, **kwargs: object) -> KnowledgeBase:
        """`near_copies=False`: small variants of one text stay separate articles (collapsing is off)."""
        chroma: dict[str, object] = {}
        if mode == "server":
            host, port = request.getfixturevalue("chroma_server")
            chroma = {"host": host, "port": port}
        settings = settings_for_tests(tmp_path / "data", **chroma)
        if not near_copies:
            settings = replace(settings, syndication=replace(settings.syndication, threshold=2.0))
        return build_knowledge_base(settings, embedder=embedder, **kwargs)

    return factory


@pytest.fixture
def kb(make_kb: KnowledgeBaseFactory) -> KnowledgeBase:
    """The shipped article plus every fictional test article, on embedded Chroma."""
    knowledge = make_kb()
    outcomes = knowledge.ingestor.ingest_paths([SHIPPED_ARTICLES, FICTIONAL_ARTICLES])
    assert all(o.status == "added" for o in outcomes), outcomes
    return knowledge
