"""Pure functions from our results to Discord embeds, always inside Discord's size limits.

Limits (discord.com/developers/docs/resources/message#embed-object-embed-limits): description 4,096,
field value 1,024, 25 fields, 6,000 characters per embed, 10 embeds and 6,000 in all per message,
2,000 characters of content. A long answer is split across embeds and messages, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from bot.knowledge.model import ArticleMeta, Citation, CitedAnswer

if TYPE_CHECKING:
    from bot.knowledge.store import FeedSubscription
    from bot.knowledge.watch_records import Watch

DESCRIPTION_LIMIT = 4096
FIELD_VALUE_LIMIT = 1024
TITLE_LIMIT = 256
MESSAGE_TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10
CONTENT_LIMIT = 2000
ANSWER_COLOUR = discord.Colour.blurple()
REFUSAL_COLOUR = discord.Colour.dark_grey()


@dataclass(frozen=True)
class Page:
    """The embeds for one message; an answer is one or more pages."""

    embeds: tuple[discord.Embed, ...]


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def source_line(n: int | None, meta: ArticleMeta) -> str:
    """`[1] [Title](url) — Outlet, 2025-07-25`: a link when there is one, plain text when not."""
    title = clip(meta.title, 180).replace("[", "(").replace("]", ")")
    label = f"[{title}]({meta.url})" if meta.url.startswith(("http://", "https://")) else title
    tail = ", ".join(p for p in (meta.outlet, meta.published_text) if p)
    prefix = f"**[{n}]** " if n is not None else "• "
    return f"{prefix}{label} — {tail}{also_carried_by(meta)}"


# Other outlets named after a source, at most; the rest are counted.
_OTHER_OUTLETS_SHOWN = 4


def also_carried_by(meta: ArticleMeta) -> str:
    """` · also in [Outlet](url), …`: the other outlets that carried the same story, linked; "" for none."""
    if not meta.other_sources:
        return ""
    shown = []
    for other in meta.other_sources[:_OTHER_OUTLETS_SHOWN]:
        name = clip(other.outlet or other.title or "another outlet", 60).replace("[", "(").replace("]", ")")
        shown.append(f"[{name}]({other.url})" if other.url.startswith(("http://", "https://")) else name)
    more = len(meta.other_sources) - _OTHER_OUTLETS_SHOWN
    return " · also in " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def added_link_text(meta: ArticleMeta, passages: int) -> str:
    """What /knowledge add confirms: what was read from the page, and how to put it right."""
    title = clip(meta.title, 200)
    outlet = meta.outlet or "no outlet named"
    published = meta.published.isoformat() if meta.published else "no date found"
    return (f"✅ Added *{title}* ({outlet}, {published}): {passages} passages, searchable now.\n"
            f"Link: <{clip(meta.url, 400)}>\n"
            "Wrong title or date? `/knowledge remove` it, then `/knowledge add` the link again with `title:` "
            "and `published:`.")


def answer_pages(answer: CitedAnswer, *, heading: str | None = None) -> list[Page]:
    """The answer text (split on sentences if long) and the numbered sources, as few messages as fit."""
    title = clip(heading or answer.question, TITLE_LIMIT)
    numbered = {c.n: c.article for c in answer.citations}
    sources = [source_line(n, meta) for n, meta in sorted(numbered.items())]
    if answer.refused:
        # a refusal quoting the sentence that denies what was asked lists that sentence's source
        lines = [answer.text] + [source_line(None, m) for m in answer.closest]
        return _paginate(title, "\n".join(lines), sources, REFUSAL_COLOUR, footer=None)
    footer = f"As of {answer.as_of.isoformat()} · [n] = source below · Show evidence for the quotes" if answer.as_of else None
    return _paginate(title, answer.text, sources, ANSWER_COLOUR, footer=footer)


def _paginate(title: str, text: str, sources: Sequence[str], colour: discord.Colour, footer: str | None) -> list[Page]:
    descriptions = split_text(text, DESCRIPTION_LIMIT)
    embeds = [discord.Embed(title=title if i == 0 else None, description=d, colour=colour)
              for i, d in enumerate(descriptions)]
    source_values = split_lines(sources, FIELD_VALUE_LIMIT)
    for index, value in enumerate(source_values):
        target = embeds[-1]
        if len(target.fields) >= 25 or _embed_size(target) + len(value) + 10 > MESSAGE_TOTAL_LIMIT:
            target = discord.Embed(colour=colour)
            embeds.append(target)
        target.add_field(name="Sources" if index == 0 else "Sources (cont.)", value=value, inline=False)
    if footer:
        embeds[-1].set_footer(text=clip(footer, 2048))
    return _group(embeds)


def _group(embeds: list[discord.Embed]) -> list[Page]:
    pages: list[Page] = []
    current: list[discord.Embed] = []
    total = 0
    for embed in embeds:
        size = _embed_size(embed)
        if current and (total + size > MESSAGE_TOTAL_LIMIT or len(current) == EMBEDS_PER_MESSAGE):
            pages.append(Page(tuple(current)))
            current, total = [], 0
        current.append(embed)
        total += size
    if current:
        pages.append(Page(tuple(current)))
    return pages


def _embed_size(embed: discord.Embed) -> int:
    size = len(embed.title or "") + len(embed.description or "") + len(embed.footer.text or "")
    return size + sum(len(f.name or "") + len(f.value or "") for f in embed.fields)


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut after a citation marker or sentence where possible."""
    pieces: list[str] = []
    remaining = text.strip()
    while len(remaining) > limit:
        window = remaining[:limit]
        # After a citation marker first (a quote never loses its [n]), then a line break, then any space.
        cut = next((i + 1 for i in (window.rfind("] "), window.rfind("\n")) if i > limit // 2), window.rfind(" "))
        if cut <= 0:
            cut = limit
        pieces.append(remaining[:cut].strip())
        remaining = remaining[cut:].strip()
    if remaining or not pieces:
        pieces.append(remaining)
    return pieces


def split_lines(lines: Sequence[str], limit: int) -> list[str]:
    """Join lines into values of at most `limit` characters (a single over-long line is clipped)."""
    values: list[str] = []
    current = ""
    for raw in lines:
        line = clip(raw, limit)
        if current and len(current) + 1 + len(line) > limit:
            values.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        values.append(current)
    return values


def evidence_pages(citations: Sequence[Citation]) -> list[Page]:
    """For Show evidence: the quoted sentence behind each [n], with its outlet, date and link."""
    lines: list[str] = []
    for citation in citations:
        lines.append(f"> {clip(citation.quote, 900)}\n{source_line(citation.n, citation.article)}")
    text = "\n\n".join(lines) or "This answer quotes no articles."
    return _paginate("Evidence", text, [], ANSWER_COLOUR, footer=None)


_QUOTE = re.compile(r"(.+?) \[(\d+)\](?:\s|$)", re.S)


def quotes_from_text(text: str) -> list[tuple[int, str]]:
    """Recover (n, quote) pairs from an answer's text: evidence still works for answers sent before a restart."""
    return [(int(m.group(2)), m.group(1).strip()) for m in _QUOTE.finditer(text)]


def list_pages(title: str, lines: Sequence[str], *, footer: str | None = None, per_page: int = 10) -> list[discord.Embed]:
    """One embed per page of lines (for /sources and the views)."""
    if not lines:
        return [discord.Embed(title=clip(title, TITLE_LIMIT), description="Nothing yet.", colour=ANSWER_COLOUR)]
    pages: list[discord.Embed] = []
    for start in range(0, len(lines), per_page):
        chunk = lines[start:start + per_page]
        embed = discord.Embed(title=clip(title, TITLE_LIMIT), description=clip("\n".join(chunk), DESCRIPTION_LIMIT),
                              colour=ANSWER_COLOUR)
        page_note = f"Page {start // per_page + 1}/{(len(lines) - 1) // per_page + 1}"
        embed.set_footer(text=f"{page_note} · {footer}" if footer else page_note)
        pages.append(embed)
    return pages


def feed_lines(feeds: Sequence[FeedSubscription]) -> list[str]:
    """/knowledge feeds: one line per followed feed, with how its polls went."""
    lines = []
    for feed in feeds:
        success = f"`{feed.last_success[:16].replace('T', ' ')} UTC`" if feed.last_success else "never yet"
        line = (f"**{discord.utils.escape_markdown(feed.url)}**\nevery {feed.interval_minutes} min · "
                f"{feed.articles_added} articles brought in · last success {success}")
        if feed.last_error:
            line += f"\n⚠️ last error: {clip(feed.last_error, 300)}"
        if feed.failing:
            line += f"\n🔁 {len(feed.failing)} items failing, tried again at the next polls"
        if feed.given_up:
            link, error = feed.given_up[-1]
            line += (f"\n⏭️ gave up on {len(feed.given_up)} items after their retries; last: "
                     f"<{clip(link, 200)}>: {clip(error, 200)}")
        lines.append(line)
    return lines


def arrival_line(meta: ArticleMeta) -> str:
    """A followed feed's announcement: "📰 *Title* — Outlet <link>" (the link in <> so Discord shows no preview)."""
    outlet = f" — {meta.outlet}" if meta.outlet else ""
    link = f" <{meta.url}>" if meta.url.startswith(("http://", "https://")) else ""
    return f"📰 *{discord.utils.escape_markdown(clip(meta.title, 300))}*{outlet}{link}"


def watch_lines(watches: Sequence[Watch]) -> list[str]:
    """/watches: one line per watched pair, with where its alerts go."""
    return [f"**{w.pair_text}** → <#{w.channel_id}> · since `{w.added_at[:16].replace('T', ' ')} UTC` by "
            f"{discord.utils.escape_markdown(w.added_by_name)}" for w in watches]
