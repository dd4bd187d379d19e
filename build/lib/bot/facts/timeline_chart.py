"""A timeline of visits, agreements and events as a PNG for Discord: dark background, one row per item so
labels never overlap, a distinct marker per kind."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from datetime import timedelta

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import blended_transform_factory

from bot.facts.dates import period_end
from bot.facts.views import TimelineRow

log = logging.getLogger(__name__)

BACKGROUND = "#313338"  # Discord's dark theme
PANEL = "#2b2d31"
TEXT = "#dbdee1"
MUTED = "#949ba4"
GRID = "#3f4147"
KIND_STYLE = {
    "visit": ("o", "#5865f2", "visit"),
    "agreement": ("s", "#57f287", "agreement"),
    "event": ("D", "#fee75c", "event"),
}
CANCELLED = "#ed4245"
WIDTH_INCHES = 10.0
DPI = 100
ROW_INCHES = 0.34
MAX_ROWS = 40
DATE_LEFT = 0.015
LABEL_LEFT = 0.11
LABEL_RIGHT = 0.485


def render_timeline_png(rows: Sequence[TimelineRow], title: str, *, max_rows: int = MAX_ROWS) -> bytes:
    """PNG bytes of the timeline; with no rows, a chart that says there are no dated events. Rendering takes
    about 20 ms per row (glyph drawing), so callers on the event loop should run it in a thread."""
    if not rows:
        return _empty_chart(title)
    ordered = sorted(rows, key=lambda r: r.date)
    if len(ordered) > max_rows:
        # One row per item keeps labels apart; past this many, the newest items matter most.
        title = f"{title} (latest {max_rows} of {len(ordered)})"
        ordered = ordered[-max_rows:]
    height = 1.5 + ROW_INCHES * len(ordered)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor=BACKGROUND)
    canvas = FigureCanvasAgg(figure)
    # Labels get the left half (as tick labels, one per row); the time axis the right half.
    axes = figure.add_axes((0.5, 0.9 / height, 0.47, 1 - 1.45 / height))
    _style_axes(axes)
    for index, row in enumerate(ordered):
        _draw_row(axes, index, row)
    axes.set_ylim(len(ordered) - 0.5, -0.5)
    axes.set_yticks([])
    _draw_labels(figure, axes, ordered, canvas.get_renderer())
    first = min(r.date for r in ordered)
    last = max(r.end or period_end(r.date, r.precision) for r in ordered)
    margin = max(timedelta(days=10), (last - first) * 0.05)
    axes.set_xlim(date2num(first - margin), date2num(last + margin))
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    figure.text(0.02, 1 - 0.35 / height, title, color=TEXT, fontsize=13, fontweight="bold", va="center")
    _legend(figure, height)
    return _png(figure)


def _style_axes(axes: Axes) -> None:
    axes.set_facecolor(PANEL)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(GRID)
    axes.tick_params(axis="x", colors=MUTED, labelsize=8)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)


def _draw_row(axes: Axes, index: int, row: TimelineRow) -> None:
    marker, colour, _ = KIND_STYLE[row.kind]
    cancelled = row.status == "cancelled"
    face = "none" if row.status in ("planned", "cancelled") else colour
    edge = CANCELLED if cancelled else colour
    axes.axhline(index, color=GRID, linewidth=0.4, zorder=0)
    span_end = row.end or (period_end(row.date, row.precision) if row.precision != "day" else None)
    if span_end and span_end > row.date:
        # Multi-day visits and month/year-precision dates show the whole period they may cover.
        axes.plot(
            [date2num(row.date), date2num(span_end)],
            [index, index],
            color=edge,
            linewidth=3,
            alpha=0.85 if row.precision == "day" else 0.35,
            solid_capstyle="round",
            zorder=2,
        )
    axes.scatter(
        [date2num(row.date)],
        [index],
        marker=marker,
        s=46,
        facecolors=face,
        edgecolors=edge,
        linewidths=1.6,
        zorder=3,
    )


def _draw_labels(figure: Figure, axes: Axes, rows: Sequence[TimelineRow], renderer: RendererAgg) -> None:
    """A date column and a label column left of the axis, each label shortened until it fits its column."""
    rows_transform = blended_transform_factory(figure.transFigure, axes.transData)
    limit = figure.transFigure.transform((LABEL_RIGHT, 0))[0]
    for index, row in enumerate(rows):
        figure.text(
            DATE_LEFT,
            index,
            row.date_text,
            transform=rows_transform,
            color=MUTED,
            fontsize=8.5,
            va="center",
            family="monospace",
        )
        text = figure.text(
            LABEL_LEFT, index, row.label, transform=rows_transform, color=TEXT, fontsize=8.5, va="center"
        )
        _fit(text, row.label, limit, renderer)


def _fit(text: Text, label: str, limit: float, renderer: RendererAgg) -> None:
    """Shorten a label to end before `limit` (pixels): scale by the overshoot, then trim what is left."""
    left = text.get_window_extent(renderer).x0
    for _ in range(6):
        right = text.get_window_extent(renderer).x1
        if right <= limit or len(label) <= 8:
            return
        keep = int(len(label) * (limit - left) / (right - left)) - 1
        label = label[: max(8, min(keep, len(label) - 2))].rstrip()
        text.set_text(label + "…")


def _legend(figure: Figure, height: float) -> None:
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker=marker,
            markersize=7,
            markerfacecolor=colour,
            markeredgecolor=colour,
            label=name,
        )
        for marker, colour, name in KIND_STYLE.values()
    ]
    handles += [
        Line2D([], [], linestyle="", marker="o", markersize=7, markerfacecolor="none", markeredgecolor=colour,
               label=label)
        for colour, label in ((MUTED, "planned"), (CANCELLED, "cancelled"))
    ]
    legend = figure.legend(
        handles=handles,
        loc="center right",
        bbox_to_anchor=(0.98, 1 - 0.35 / height),
        ncol=len(handles),
        frameon=False,
        fontsize=8.5,
        handletextpad=0.3,
        columnspacing=1.0,
    )
    for text in legend.get_texts():
        text.set_color(TEXT)


def _empty_chart(title: str) -> bytes:
    figure = Figure(figsize=(WIDTH_INCHES, 2.2), dpi=DPI, facecolor=BACKGROUND)
    FigureCanvasAgg(figure)
    figure.text(0.02, 0.82, title, color=TEXT, fontsize=13, fontweight="bold", va="center")
    figure.text(
        0.5,
        0.4,
        "No dated events in the selected articles.",
        color=MUTED,
        fontsize=12,
        ha="center",
        va="center",
    )
    return _png(figure)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor=figure.get_facecolor())
    data = buffer.getvalue()
    log.debug("timeline chart rendered bytes=%d", len(data))
    return data
