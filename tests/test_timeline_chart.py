"""The timeline PNG: it decodes, has the promised size, dark background, and grows a row per item."""

from __future__ import annotations

import io
from datetime import date, timedelta

from PIL import Image

from bot.facts.model import Evidence
from bot.facts.timeline_chart import MAX_ROWS, render_timeline_png
from bot.facts.views import FactCitation, TimelineRow
from bot.knowledge.model import ArticleMeta

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
META = ArticleMeta("a", "Title", "Outlet", published=date(2026, 1, 1))


def _rows(count: int) -> list[TimelineRow]:
    kinds = ("visit", "agreement", "event")
    statuses = (None, "planned", "cancelled")
    citation = (FactCitation(META, Evidence("A sentence.", 0, 11)),)
    return [
        TimelineRow(
            date(2025, 1, 1) + timedelta(days=9 * i),
            ("day", "month", "year")[i % 3] if i % 5 else "day",
            kinds[i % 3],  # type: ignore[arg-type]
            f"Item {i}: a fairly long label that would overlap its neighbours if rows were not kept apart",
            citation,
            end=date(2025, 1, 3) + timedelta(days=9 * i) if i % 4 == 0 else None,
            status=statuses[i % 3],
        )
        for i in range(count)
    ]


def _decode(png: bytes) -> Image.Image:
    assert png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("RGB")


def test_chart_decodes_with_discord_friendly_size_and_dark_background() -> None:
    image = _decode(render_timeline_png(_rows(12), "India – Israel"))
    width, height = image.size
    assert 950 <= width <= 1050
    assert 400 <= height <= 900
    red, green, blue = image.getpixel((3, 3))
    assert max(red, green, blue) < 80, "background must be dark for Discord's dark theme"
    colours = image.getcolors(maxcolors=100_000)
    assert colours is not None and len(colours) > 50, "the chart must draw more than a blank canvas"


def test_each_item_gets_its_own_row() -> None:
    small = _decode(render_timeline_png(_rows(5), "t")).size[1]
    large = _decode(render_timeline_png(_rows(30), "t")).size[1]
    assert large - small >= 25 * 30, "30 items need at least 30 px each"


def test_very_long_timelines_are_capped() -> None:
    capped = _decode(render_timeline_png(_rows(25), "t", max_rows=8)).size[1]
    at_cap = _decode(render_timeline_png(_rows(8), "t", max_rows=8)).size[1]
    assert capped == at_cap
    assert MAX_ROWS >= 30, "the bot promises readable charts of about 30 items"


def test_no_rows_says_so_in_a_small_chart() -> None:
    image = _decode(render_timeline_png([], "Nothing dated"))
    width, height = image.size
    assert 950 <= width <= 1050 and height < 300
    assert image.getpixel((width // 2, 5)) == image.getpixel((5, 5))
