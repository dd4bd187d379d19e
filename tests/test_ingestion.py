"""Ingestion: idempotent, replaces changed files, atomic under failure, clear about bad files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.knowledge.model import Article
from bot.knowledge.store import ArticleStore
from tests.conftest import SHIPPED_ARTICLES, KnowledgeBaseFactory

FICTIONAL_TEXT = """Title: Fictional: Tavrenne and Veloria open a seed bank
Source: Fictional Test Wire
Date: 2026-01-05

(Fictional test article.) Tavrenne and Veloria opened a joint seed bank in Lumenhal on January 4, 2026.
Agriculture Minister Tovin Ashgrove of Tavrenne said the seed bank would hold ten thousand varieties.
Veloria's Director of Crops, Ella Marchetti-Vane, called it a milestone in agricultural cooperation.
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.mark.parametrize("mode", ["embedded", "server"])
def test_reingesting_is_a_noop_reported_as_known(make_kb: KnowledgeBaseFactory, mode: str) -> None:
    kb = make_kb(mode)
    first = kb.ingestor.ingest_paths([SHIPPED_ARTICLES])
    counts = kb.store.counts()
    second = kb.ingestor.ingest_paths([SHIPPED_ARTICLES])
    assert [o.status for o in first] == ["added"]
    assert [o.status for o in second] == ["known"]
    assert "already in the knowledge base" in second[0].message
    assert kb.store.counts() == counts


@pytest.mark.parametrize("mode", ["embedded", "server"])
def test_changed_file_replaces_its_old_chunks(make_kb: KnowledgeBaseFactory, tmp_path: Path, mode: str) -> None:
    kb = make_kb(mode)
    path = write(tmp_path, "seed-bank.txt", FICTIONAL_TEXT)
    [added] = kb.ingestor.ingest_paths([path])
    write(tmp_path, "seed-bank.txt", FICTIONAL_TEXT.replace("ten thousand", "twelve thousand"))
    [replaced] = kb.ingestor.ingest_paths([path])
    assert added.status == "added" and replaced.status == "replaced"
    assert replaced.replaced_id == added.meta.article_id
    assert kb.store.counts() == (1, replaced.chunks)
    assert "twelve thousand" in kb.ask("how many varieties will the seed bank hold").text
    assert kb.store.article(added.meta.article_id) is None


def test_txt_header_lines_become_metadata(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    [outcome] = kb.ingestor.ingest_paths([write(tmp_path, "seed-bank.txt", FICTIONAL_TEXT)])
    assert outcome.meta.title == "Fictional: Tavrenne and Veloria open a seed bank"
    assert outcome.meta.outlet == "Fictional Test Wire"
    assert outcome.meta.published.isoformat() == "2026-01-05"
    assert set(outcome.meta.countries) >= {"Tavrenne", "Veloria"}  # detected from the gazetteer


def test_metadata_detected_when_not_stated(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    body = FICTIONAL_TEXT.split("\n\n", 1)[1]
    [outcome] = kb.ingestor.ingest_paths([write(tmp_path, "plain.md", "# Seed bank opens\n\n" + body)])
    assert outcome.meta.title == "Seed bank opens"
    assert outcome.meta.published.isoformat() == "2026-01-04"


def test_html_and_pdf_articles_load(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    paragraphs = "".join(f"<p>{line}</p>" for line in FICTIONAL_TEXT.splitlines()[4:] if line)
    html = f"<html><head><title>Seed bank opens</title></head><body><article><h1>Seed bank opens</h1>{paragraphs}</article></body></html>"
    [outcome] = kb.ingestor.ingest_paths([write(tmp_path, "seed.html", html)])
    assert outcome.status == "added", outcome.message
    assert "Tovin Ashgrove" in kb.ask("who is the agriculture minister of tavrenne").text
    # Into a store of its own: beside the HTML version it is the same story, another source of it.
    [pdf_outcome] = make_kb().ingestor.ingest_paths([write(tmp_path, "seed.pdf", make_pdf(FICTIONAL_TEXT))])
    assert pdf_outcome.status == "added", pdf_outcome.message


def make_pdf(text: str) -> bytes:
    """A real one-page PDF with the text, written by matplotlib (no extra dependency)."""
    import io

    from matplotlib.figure import Figure

    figure = Figure(figsize=(8.5, 11))
    figure.text(0.05, 0.95, "\n".join(text.splitlines()[4:]), va="top", fontsize=7, wrap=True)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="pdf")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "is empty"),
    ("blank.md", b"   \n\n  ", "is empty"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    ("notes.docx", b"PK\x03\x04 whatever", "not a supported article file"),
    ("latin1.txt", "Caf\u00e9 au lait in S\u00e3o Paulo ".encode("latin-1") * 20, "not valid UTF-8"),
    ("huge.txt", b"word " * 500_000, "the limit is"),
    ("tiny.txt", b"Too short to be news.", "too little text"),
    ("broken.pdf", b"%PDF-1.4 not really a pdf", "could not be read as a PDF"),
])
def test_bad_files_get_a_clear_error_and_store_nothing(
    make_kb: KnowledgeBaseFactory, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    kb = make_kb()
    kb.ingestor.ingest_paths([SHIPPED_ARTICLES])
    before = kb.store.counts()
    [outcome] = kb.ingestor.ingest_paths([write(tmp_path, name, content)])
    assert outcome.status == "rejected"
    assert message in outcome.message
    assert kb.store.counts() == before


class _FailingCollection:
    """Wraps a real Chroma collection and fails the n-th upsert: a crash in the middle of a write."""

    def __init__(self, inner: Any, fail_on_call: int) -> None:
        self._inner = inner
        self._calls = 0
        self._fail_on_call = fail_on_call

    def upsert(self, **kwargs: Any) -> None:
        self._calls += 1
        if self._calls == self._fail_on_call:
            raise RuntimeError("injected failure")
        self._inner.upsert(**kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.mark.parametrize("mode", ["embedded", "server"])
@pytest.mark.parametrize(("collection", "fail_on_call", "group_chunks", "write_slice", "files"), [
    ("_chunks", 1, 256, 128, 2),    # the first write fails
    ("_articles", 1, 256, 128, 2),  # chunks are stored, then the article records fail
    ("_chunks", 2, 1, 128, 2),      # one article per group: the first is fully stored, the second fails
    ("_articles", 2, 1, 128, 2),
    ("_chunks", 2, 256, 16, 20),    # one group in two slices: the first slice is stored, the second fails
])
def test_failure_mid_ingest_leaves_the_store_as_it_was(
    make_kb: KnowledgeBaseFactory, tmp_path: Path, mode: str, collection: str, fail_on_call: int,
    group_chunks: int, write_slice: int, files: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bot.knowledge.ingestion._GROUP_CHUNKS", group_chunks)
    monkeypatch.setattr("bot.knowledge.ingestion._WRITE_SLICE", write_slice)
    kb = make_kb(mode, near_copies=False)  # the variants below are separate articles here, so each is written
    kb.ingestor.ingest_paths([SHIPPED_ARTICLES])
    before = kb.store.counts()
    before_ids = {a.meta.article_id for a in kb.store.articles()}
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder, "a.txt", FICTIONAL_TEXT)
    write(folder, "b.txt", FICTIONAL_TEXT.replace("seed bank", "gene library"))
    for number in range(2, files):
        write(folder, f"c{number}.txt", FICTIONAL_TEXT.replace("ten thousand", f"{number} thousand"))
    store: ArticleStore = kb.store
    setattr(store, collection, _FailingCollection(getattr(store, collection), fail_on_call))
    with pytest.raises(RuntimeError, match="injected failure"):
        kb.ingestor.ingest_paths([folder])
    assert kb.store.counts() == before
    assert {a.meta.article_id for a in kb.store.articles()} == before_ids
    assert not kb.ask("how many varieties will the seed bank hold").citations or all(
        c.article.article_id in before_ids for c in kb.ask("seed bank varieties").citations
    )


def test_failure_in_fact_extraction_rolls_back_too(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    def explode(article: Article) -> str:
        raise ValueError("extractor broke")

    kb = make_kb(extract_facts=explode)
    with pytest.raises(ValueError, match="extractor broke"):
        kb.ingestor.ingest_paths([write(tmp_path, "a.txt", FICTIONAL_TEXT)])
    assert kb.store.counts() == (0, 0)


def test_chunks_fit_the_model_window(kb: Any, embedder: Any) -> None:
    chunks = kb.store.all_chunks()
    assert chunks
    assert max(embedder.token_counts([c.text for c in chunks])) <= 254  # 256 minus [CLS] and [SEP]


def test_slices_embed_shortest_first_exactly_as_one_call(kb: Any, embedder: Any) -> None:
    """Ingestion writes each slice while the rest embeds; the vectors must be those of one call."""
    texts = [c.text for c in kb.store.all_chunks()]
    assert len(texts) > 16
    slices = list(embedder.embed_in_slices(texts, 20))  # rounded down to whole batches of 16
    assert [len(part) for part, _ in slices] == [16] * (len(texts) // 16) + [len(texts) % 16] * (len(texts) % 16 > 0)
    order = [i for part, _ in slices for i in part]
    assert sorted(order) == list(range(len(texts)))
    counts = embedder.token_counts([texts[i] for i in order])
    assert counts == sorted(counts)
    whole = embedder.embed_texts(texts)
    for part, vectors in slices:
        assert np.allclose(vectors, whole[part], atol=1e-5)


@pytest.mark.parametrize(("name", "content"), [
    ("bad-date.md", "---\ntitle: Fictional odd date\npublished: 2025-02-30\n---\n" + FICTIONAL_TEXT.split("\n\n", 1)[1]),
    ("bad-header.txt", "Title: Fictional odd header\nDate: 2025-13-45 10:00\n\n" + FICTIONAL_TEXT.split("\n\n", 1)[1]),
    ("bad-countries.md", "---\ntitle: Fictional odd countries\ncountries: 5\n---\n" + FICTIONAL_TEXT.split("\n\n", 1)[1]),
])
def test_odd_metadata_never_breaks_a_run(make_kb: KnowledgeBaseFactory, tmp_path: Path, name: str, content: str) -> None:
    kb = make_kb(near_copies=False)  # the odd file is a variant of good.txt: both are written here
    folder = tmp_path / "odd"
    folder.mkdir()
    write(folder, name, content.replace("seed bank", "grain store"))  # a different article from good.txt
    write(folder, "good.txt", FICTIONAL_TEXT)
    outcomes = {o.name: o for o in kb.ingestor.ingest_paths([folder])}
    assert outcomes["good.txt"].status == "added"
    assert outcomes[name].status in ("added", "rejected"), outcomes[name]
    if outcomes[name].status == "rejected":
        assert "YAML" in outcomes[name].message or "could not be read" in outcomes[name].message


def _nested_aliases(levels: int, width: int) -> str:
    """Front matter whose anchors refer to the level before, `width` times a level ("billion laughs")."""
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels):
        refs = ", ".join(f"*a{level - 1}" for _ in range(width))
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"title: *a{levels - 1}")
    return "---\n" + "\n".join(lines) + "\n---\nKestovia and Norrvald held talks on fishing quotas in Skarnholm.\n"


def test_front_matter_with_aliases_is_refused_before_it_expands(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    bomb = tmp_path / "laughs.md"
    bomb.write_text(_nested_aliases(levels=8, width=10), encoding="utf-8")
    assert len(bomb.read_bytes()) < 1_000
    [outcome] = kb.ingestor.ingest_paths([bomb])
    assert outcome.status == "rejected" and "aliases" in outcome.message
    assert kb.store.counts() == (0, 0)


def test_an_overlong_front_matter_value_is_refused(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    long_title = tmp_path / "long.md"
    long_title.write_text("---\ntitle: " + "x" * 5_000 + "\n---\nKestovia and Norrvald held talks on fishing.\n",
                          encoding="utf-8")
    [outcome] = kb.ingestor.ingest_paths([long_title])
    assert outcome.status == "rejected" and "`title` of 5,000 characters" in outcome.message
    assert kb.store.counts() == (0, 0)


_STYLE_AND_SCRIPT = "<style>.banner{margin:2019px}</style><script>var launched = 2016;</script>"


def test_a_navigation_page_is_refused_with_its_reason(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    menu = (f"<html><head>{_STYLE_AND_SCRIPT}</head><body><nav><a href='/'>Home</a> <a href='/w'>World</a> "
            "<a href='/s'>Section 0</a></nav></body></html>")
    [outcome] = kb.ingestor.ingest_paths([write(tmp_path, "menu.html", menu)])
    assert outcome.status == "rejected" and ("words of article text" in outcome.message
                                             or "no readable article text" in outcome.message)
    assert kb.store.counts() == (0, 0)


def test_an_undated_page_gets_no_date_from_its_styles_or_scripts(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    paragraphs = "".join(f"<p>{line}</p>" for line in FICTIONAL_TEXT.splitlines()[4:] if line and "2026" not in line)
    paragraphs += ("<p>(Fictional.) The two ministers walked through the vaults, where the first samples of barley, "
                   "lentils and millet from both countries are already stored at a steady cold temperature.</p>")
    page = (f"<html><head><title>Seed bank opens</title>{_STYLE_AND_SCRIPT}</head><body><article>"
            f"<h1>Seed bank opens</h1>{paragraphs}</article></body></html>")
    [outcome] = kb.ingestor.ingest_paths([write(tmp_path, "undated.html", page)])
    assert outcome.status == "added", outcome.message
    assert outcome.meta.published is None


def test_utf16_text_with_its_byte_order_mark_is_read(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    [outcome] = kb.ingestor.ingest_paths([write(tmp_path, "wide.txt", FICTIONAL_TEXT.encode("utf-16"))])
    assert outcome.status == "added", outcome.message
    assert outcome.meta.title == "Fictional: Tavrenne and Veloria open a seed bank"


def _encrypted(pdf: bytes, user_password: str) -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner-only", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdfs_open_with_an_empty_password_or_say_why_not(make_kb: KnowledgeBaseFactory, tmp_path: Path) -> None:
    kb = make_kb()
    pdf = make_pdf(FICTIONAL_TEXT)
    [opened] = kb.ingestor.ingest_paths([write(tmp_path, "aes.pdf", _encrypted(pdf, ""))])
    assert opened.status == "added", opened.message
    [locked] = kb.ingestor.ingest_paths([write(tmp_path, "locked.pdf", _encrypted(pdf, "secret"))])
    assert locked.status == "rejected" and "password-protected" in locked.message


def test_an_oversized_file_is_refused_without_reading_it_whole(make_kb: KnowledgeBaseFactory, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    kb = make_kb()
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: 3 GB on paper, nothing on disk
        handle.truncate(3_000_000_000)
    reads: list[int] = []
    real_open = open

    def recording_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        handle = real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]
        if str(file) == str(big):
            original = handle.read
            handle.read = lambda size=-1: (reads.append(size), original(size))[1]
        return handle

    monkeypatch.setattr("builtins.open", recording_open)
    [outcome] = kb.ingestor.ingest_paths([big])
    monkeypatch.undo()
    assert outcome.status == "rejected" and "the limit is" in outcome.message
    assert reads and all(0 < size <= 2_000_001 for size in reads)
