"""Answers always fit Discord's limits: long ones are split across embeds and messages, never rejected."""

from __future__ import annotations

from datetime import date

from bot.knowledge.model import ArticleMeta, Citation, CitedAnswer
from bot.render import (
    DESCRIPTION_LIMIT,
    EMBEDS_PER_MESSAGE,
    FIELD_VALUE_LIMIT,
    MESSAGE_TOTAL_LIMIT,
    answer_pages,
    evidence_pages,
    quotes_from_text,
    split_text,
)


def meta(n: int) -> ArticleMeta:
    return ArticleMeta(f"id{n}", f"Fictional article number {n} " + "with a long headline " * 8, "Fictional Test Wire",
                       f"https://example.org/fictional/{n}", date(2026, 1, 1 + n % 28))


def long_answer(sentences: int) -> CitedAnswer:
    citations = tuple(Citation(n=i % 40 + 1, article=meta(i % 40), quote=f"Sentence {i} " + "says a great deal " * 20 + ".")
                      for i in range(sentences))
    text = " ".join(f"{c.quote} [{c.n}]" for c in citations)
    return CitedAnswer("a question " * 40, text, False, citations, as_of=date(2026, 1, 28))


def embed_size(embed: dict) -> int:
    return (len(embed.get("title") or "") + len(embed.get("description") or "")
            + len((embed.get("footer") or {}).get("text", ""))
            + sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", [])))


def test_very_long_answer_is_split_within_every_limit() -> None:
    answer = long_answer(120)
    pages = answer_pages(answer)
    assert len(pages) > 1
    text_back = []
    for page in pages:
        embeds = [e.to_dict() for e in page.embeds]
        assert 1 <= len(embeds) <= EMBEDS_PER_MESSAGE
        assert sum(embed_size(e) for e in embeds) <= MESSAGE_TOTAL_LIMIT
        for embed in embeds:
            assert len(embed.get("title") or "") <= 256 and len(embed.get("description") or "") <= DESCRIPTION_LIMIT
            assert len(embed.get("fields", [])) <= 25
            assert all(len(f["value"]) <= FIELD_VALUE_LIMIT for f in embed.get("fields", []))
            text_back.append(embed.get("description") or "")
    joined = " ".join(text_back)
    assert all(f"[{n}]" in joined for n in range(1, 41))  # nothing was dropped: every source is still cited
    sources = "\n".join(f["value"] for page in pages for e in page.embeds for f in e.to_dict().get("fields", []))
    assert all(f"https://example.org/fictional/{n}" in sources for n in range(40))


def test_split_text_prefers_citation_boundaries() -> None:
    pieces = split_text("First claim. [1] " * 400, 1000)
    assert all(len(p) <= 1000 for p in pieces) and all(p.endswith("]") for p in pieces[:-1])


def test_evidence_lists_each_quote_with_its_source_and_reads_back() -> None:
    answer = long_answer(3)
    [page] = evidence_pages(answer.citations)
    description = page.embeds[0].description or ""
    assert description.count("> Sentence") == 3 and "https://example.org/fictional/0" in description
    assert [n for n, _ in quotes_from_text(answer.text)] == [1, 2, 3]


def test_refusal_lists_closest_articles() -> None:
    refusal = CitedAnswer("capital of peru?", "The articles I have don't cover that.", True, closest=(meta(1), meta(2)))
    [page] = answer_pages(refusal)
    description = page.embeds[0].description or ""
    assert "don't cover" in description and "https://example.org/fictional/2" in description


def test_a_refusal_that_quotes_a_denial_lists_its_source() -> None:
    quote = Citation(n=1, article=meta(3), quote="No agreements were signed during the visit.")
    refusal = CitedAnswer("what did they sign?", f"The articles say otherwise: {quote.quote} [1]", True, (quote,))
    [page] = answer_pages(refusal)
    sources = "\n".join(f["value"] for e in page.embeds for f in e.to_dict().get("fields", []))
    assert "No agreements were signed" in (page.embeds[0].description or "")
    assert "https://example.org/fictional/3" in sources


def test_the_terminal_shows_the_source_of_a_quoted_denial() -> None:
    from bot.terminal import answer_to_text

    quote = Citation(n=1, article=meta(4), quote="No agreements were signed during the visit.")
    refusal = CitedAnswer("what did they sign?", f"The articles say otherwise: {quote.quote} [1]", True, (quote,))
    assert "[1] Fictional article number 4" in answer_to_text(refusal)
