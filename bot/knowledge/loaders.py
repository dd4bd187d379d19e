"""Turn article files (.md, .txt, .html, .pdf) into `Article`s: text plus metadata, detected where not stated."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

import yaml

from bot.knowledge.errors import RejectedFile
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.model import GLOBAL_SCOPE, Article, ArticleMeta
from bot.knowledge.plain_text import clean_body, decode_text, meta_text, one_line
from bot.knowledge.sentences import FIELD_LABEL

# libyaml when present: the pure-Python parser took most of an article's parse time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")
_TEXT_HEADER_KEYS = {
    "title": "title", "source": "outlet", "outlet": "outlet", "date": "published", "published": "published",
    "url": "url", "link": "url", "countries": "countries",
}
_MIN_WORDS = 20


@dataclass(frozen=True)
class MetaOverrides:
    """Metadata given by the person adding an article; it wins over front matter and detection."""

    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    countries: tuple[str, ...] = ()


def article_id_for(text: str) -> str:
    """Content hash of the normalised text: the same article ingested twice gets the same id."""
    normalised = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def parse_article(
    data: bytes,
    filename: str,
    *,
    gazetteer: Gazetteer,
    max_bytes: int,
    source: str | None = None,
    scope: str = GLOBAL_SCOPE,
    overrides: MetaOverrides | None = None,
    kind: str | None = None,
    page_url: str | None = None,
) -> Article:
    """Parse one file's bytes; raises `RejectedFile` with a message a user can act on.

    A fetched page has no file name to go by: `kind` is the suffix its content type stands for, its link
    is the `filename` messages name, and `page_url` helps trafilatura read the page's metadata."""
    name = filename if kind else PurePath(filename).name
    suffix = kind or PurePath(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise RejectedFile(
            f"`{name}` is not a supported article file. Send .txt, .md, .html or .pdf."
        )
    if not data.strip():
        raise RejectedFile(f"`{name}` is empty.")
    if len(data) > max_bytes:
        raise RejectedFile(
            f"`{name}` is {len(data) / 1_000_000:.1f} MB; the limit is {max_bytes / 1_000_000:.1f} MB."
        )
    fields: dict[str, Any] = {}
    if suffix == ".pdf":
        body = _pdf_text(data, name)
    else:
        text = decode_text(data, name)
        if suffix in (".html", ".htm"):
            fields, body = _html_article(text, name, page_url)
        elif suffix in (".md", ".markdown"):
            fields, body = _front_matter(text, name)
        else:
            fields, body = _text_headers(text)
    _check_lengths(fields, name)
    body = clean_body(body)
    if len(body.split()) < _MIN_WORDS:
        raise RejectedFile(f"`{name}` has too little text to be an article ({len(body.split())} words).")
    meta = _metadata(fields, body, name, gazetteer, source or name, scope)
    if overrides:
        meta = _apply_overrides(meta, overrides)
    return Article(meta=meta, text=body)


# Longest metadata values accepted, in characters (front matter, text headers or a page's own metadata):
# a citation shows them, so they must stay readable.
_FIELD_LIMITS = {"title": 300, "outlet": 200, "source": 200, "url": 2_000, "countries": 2_000}
_FIELD_LIMIT = 2_000


def _check_lengths(fields: dict[str, Any], name: str) -> None:
    for key, value in fields.items():
        limit = _FIELD_LIMITS.get(key, _FIELD_LIMIT)
        if len(str(value)) > limit:
            raise RejectedFile(f"`{name}` has a `{key}` of {len(str(value)):,} characters; the limit is {limit:,}.")


def _front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n", text, re.S)
    if not match:
        if re.match(r"\A---\s*\n", text):  # else its first lines would become the title and the text
            raise RejectedFile(f"`{name}` starts front matter with `---` but has no closing `---` line.")
        return {}, _strip_markdown(text)
    try:
        # Aliases are refused before anything is built: nested ones expand exponentially (a 661-byte
        # "billion laughs" header grew to gigabytes), and front matter never needs them.
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(match.group(1), Loader=_YAML_LOADER)):
            raise RejectedFile(f"`{name}` has front matter with YAML aliases (`*name`); write each value out.")
        fields = yaml.load(match.group(1), Loader=_YAML_LOADER) or {}
    except yaml.MarkedYAMLError as error:  # its text spans lines and names parser internals: one line here
        line = f" (line {error.problem_mark.line + 2})" if error.problem_mark else ""  # +2: the `---` line
        raise RejectedFile(f"`{name}` has front matter that is not valid YAML{line}: "
                           f"{one_line(error.problem or error.context or 'unreadable')}.") from error
    except (yaml.YAMLError, ValueError) as error:  # ValueError: a date such as 2025-02-30
        raise RejectedFile(f"`{name}` has front matter that is not valid YAML: {one_line(str(error))}.") from error
    if not isinstance(fields, dict):
        raise RejectedFile(f"`{name}` has front matter that is not a list of `key: value` lines.")
    return {str(k).lower(): v for k, v in fields.items()}, _strip_markdown(text[match.end():])


def _strip_markdown(text: str) -> str:
    # Keep headings' words (the first one may be the title) but drop the markup around them.
    text = _table_rows_as_items(text)
    text = _HEADING_LINE.sub(r"\1\n\n", text)
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return _MARKUP.sub("", text)


_MARKUP = re.compile(r"(\*\*|__|`)")
# A heading ("## Day two", or a line wholly in bold: "**2 September — afternoon**") stands alone, as markdown
# renders it, even with no blank line before the text under it; else its words start that text's first sentence.
_HEADING_LINE = re.compile(r"^(#{1,6}[ \t][^\n]*|\*\*[^*\n]+\*\*|__[^_\n]+__)[ \t]*\n(?=[ \t]*\S)", re.M)


_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
# the rule under a header: cells of dashes with optional colons, between pipes ("|---|:-:|"); a bare "---" is a
# horizontal line
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


# One word alone in a table's first cell may be a name ("| Sugiono | Foreign Minister |"): it labels a field only
# when it is one of the labels fact boxes use.
_ONE_WORD_LABELS = frozenset({
    "what", "when", "where", "who", "date", "dates", "time", "place", "venue", "location", "city", "host", "hosts",
    "visitor", "visitors", "guest", "guests", "participants", "leaders", "attendees", "delegation", "format",
    "duration", "length", "outcome", "outcomes", "agreements", "deals", "documents", "signed", "value", "status",
    "topics", "agenda", "purpose", "occasion", "theme", "event", "counterpart", "organiser", "organizer",
})


def _labels_a_field(cell: str) -> bool:
    """Whether a table's first cell is a field's label: a short label of several words ("Host city"), or one of
    the one-word labels fact boxes use ("Visitor")."""
    if not re.fullmatch(FIELD_LABEL, cell):
        return False
    return " " in cell or cell.casefold() in _ONE_WORD_LABELS


def _table_rows_as_items(text: str) -> str:
    """A markdown table read as a list: each body row one item of its cells ("| Riad Nurmohamed | Minister of
    Public Works |" → "- Riad Nurmohamed, Minister of Public Works."), so a figure or a delegation in a table
    is a sentence to quote and to extract from; a row of a label and its value is a fact box's field ("| Host
    city | Xi'an |" → "- Host city: Xi'an."). The header row (above the rule) and empty rows go."""
    lines = text.splitlines()
    kept: list[str] = []
    from_row = False  # whether the last line kept is the item of the row just above
    for index, line in enumerate(lines):
        if "|" in line and _TABLE_RULE.match(line) and index and _TABLE_ROW.match(lines[index - 1]):
            if from_row:
                kept.pop()  # the header row
            from_row = False
            continue
        row = _TABLE_ROW.match(line)
        cells = [c.strip() for c in row.group(1).split("|") if c.strip()] if row else []
        if row is None:
            kept.append(line)
        elif len(cells) == 2 and _labels_a_field(_MARKUP.sub("", cells[0])):
            kept.append(f"- {cells[0]}: {cells[1].rstrip('.')}.")  # "| Visitor | X |" is a fact box's field
        elif cells:
            kept.append("- " + ", ".join(cells).rstrip(".") + ".")
        from_row = bool(cells)
    return "\n".join(kept)


def _text_headers(text: str) -> tuple[dict[str, Any], str]:
    fields: dict[str, Any] = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = re.match(r"^\s*([A-Za-z]+)\s*:\s*(.+?)\s*$", lines[index])
        if not match or match.group(1).lower() not in _TEXT_HEADER_KEYS:
            break
        fields[_TEXT_HEADER_KEYS[match.group(1).lower()]] = match.group(2)
        index += 1
    return fields, "\n".join(lines[index:])


# A web page whose main text is shorter than this is a menu, a teaser or an error page, not an article.
MIN_HTML_ARTICLE_WORDS = 40


def _html_article(text: str, name: str, page_url: str | None = None) -> tuple[dict[str, Any], str]:
    import trafilatura
    from trafilatura.settings import Document

    # Only dates the page states as its publication date (meta tags, <time>, the URL): htmldate's
    # extensive search guessed 2019 from "margin:2019px" in a stylesheet and 2016 from a script.
    extracted = trafilatura.bare_extraction(text, url=page_url, with_metadata=True, include_comments=False,
                                            date_extraction_params={"extensive_search": False, "original_date": True})
    if not isinstance(extracted, Document) or not extracted.text:  # None: nothing found (a dict only with as_dict)
        raise RejectedFile(f"`{name}` has no readable article text.")
    words = len(extracted.text.split())
    if words < MIN_HTML_ARTICLE_WORDS:
        raise RejectedFile(f"`{name}` has only {words} words of article text (navigation or a stub page?); "
                           f"an article needs at least {MIN_HTML_ARTICLE_WORDS}.")
    fields = {
        "title": extracted.title, "outlet": extracted.sitename, "url": extracted.url, "published": extracted.date,
    }
    return {k: v for k, v in fields.items() if v}, extracted.text


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are encrypted only against editing, with an empty password for reading.
        if reader.is_encrypted and not reader.decrypt(""):
            raise RejectedFile(f"`{name}` is password-protected; upload a copy saved without a password.")
        return "\n\n".join((page.extract_text() or "") for page in reader.pages)
    except (FileNotDecryptedError, DependencyError) as error:
        raise RejectedFile(f"`{name}` is an encrypted PDF that could not be opened ({one_line(str(error))}).") from error
    except (PdfReadError, ValueError, KeyError) as error:
        raise RejectedFile(f"`{name}` could not be read as a PDF ({one_line(str(error))}).") from error


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_IN_TEXT = re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?,\s*(\d{{4}})\b")


def _metadata(
    fields: dict[str, Any], body: str, name: str, gazetteer: Gazetteer, source: str, scope: str
) -> ArticleMeta:
    first_line = body.split("\n", 1)[0].strip()
    title = meta_text(fields.get("title")) or meta_text(_title_from(first_line, name))
    countries = fields.get("countries")
    if isinstance(countries, str):
        countries = countries.split(",")
    if isinstance(countries, list):
        countries = [country for country in (meta_text(c) for c in countries) if country]
    else:
        countries = None  # anything else ("countries: 5") is ignored and the countries are detected
    detected = _detect_countries(body, gazetteer)
    return ArticleMeta(
        article_id=article_id_for(body),
        title=title,
        outlet=meta_text(fields.get("outlet")) or meta_text(fields.get("source")),
        url=meta_text(fields.get("url")),
        published=_as_date(fields.get("published") or fields.get("date")) or _date_from_text(body),
        countries=tuple(gazetteer.canonical(str(c)) or str(c) for c in countries) if countries else detected,
        source=source,
        scope=scope,
    )


def _title_from(first_line: str, name: str) -> str:
    if first_line and len(first_line) <= 150:
        return first_line.rstrip(".")
    stem = PurePath(name).stem.replace("-", " ").replace("_", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else name


def _detect_countries(body: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    ranked = gazetteer.country_counts(body)
    # A country named once in passing is not what the article is about.
    frequent = [country for country, mentions in ranked if mentions >= 2]
    return tuple(frequent or [country for country, _ in ranked[:2]])


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        text = value.strip()
        for pattern in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        match = re.match(r"(\d{4}-\d{2}-\d{2})", text)
        if match:
            try:
                return date.fromisoformat(match.group(1))
            except ValueError:  # 2025-13-45: not a date, so the date is detected from the text instead
                return None
    return None


def _date_from_text(body: str) -> date | None:
    match = _DATE_IN_TEXT.search(body)
    if not match:
        return None
    return _as_date(f"{match.group(1)} {match.group(2)}, {match.group(3)}")


def _apply_overrides(meta: ArticleMeta, overrides: MetaOverrides) -> ArticleMeta:
    return replace(
        meta,
        title=overrides.title or meta.title,
        url=overrides.url or meta.url,
        published=overrides.published or meta.published,
        outlet=overrides.outlet or meta.outlet,
        countries=overrides.countries or meta.countries,
    )
