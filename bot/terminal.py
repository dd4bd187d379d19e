"""Plain-text and JSON renderings of answers for the command line, and the interactive chat loop."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from bot.knowledge.model import ArticleMeta, CitedAnswer


def answer_to_json(answer: CitedAnswer) -> dict[str, Any]:
    return {
        "question": answer.question,
        "answer": answer.text,
        "refused": answer.refused,
        "citations": [
            {
                "n": c.n,
                "article_id": c.article.article_id,
                "title": c.article.title,
                "outlet": c.article.outlet,
                "published": c.article.published.isoformat() if c.article.published else None,
                "url": c.article.url,
                "quote": c.quote,
                "chunk_id": c.chunk_id,
            }
            for c in answer.citations
        ],
        "as_of": answer.as_of.isoformat() if answer.as_of else None,
        "closest": [m.article_id for m in answer.closest],
        "elapsed_ms": round(answer.elapsed_ms, 2),
    }


def source_line(meta: ArticleMeta) -> str:
    parts = [p for p in (meta.outlet, meta.published_text) if p]
    line = f"{meta.title} ({', '.join(parts)})"
    line = f"{line} {meta.url}" if meta.url else line
    if meta.other_sources:  # the same story on other outlets
        line += "; also in " + ", ".join(" ".join(p for p in (o.outlet, o.url) if p) for o in meta.other_sources)
    return line


def answer_to_text(answer: CitedAnswer) -> str:
    lines = [answer.text]
    if answer.refused and not answer.citations:
        lines += [f"  - {source_line(m)}" for m in answer.closest]
        return "\n".join(lines)
    if answer.as_of and not answer.refused:  # a refusal quoting a denial dates nothing, as in Discord
        lines.append(f"(as of {answer.as_of.isoformat()})")
    lines.append("Sources:")
    numbered = {c.n: c.article for c in answer.citations}
    lines += [f"  [{n}] {source_line(meta)}" for n, meta in sorted(numbered.items())]
    return "\n".join(lines)


def chat_loop(ask: Callable[[str, str | None], CitedAnswer], stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    """Ask away; an empty line, `quit` or end of input leaves. Follow-ups see the previous question."""
    stdout.write("Attaché chat: ask about visits, officials and cooperation between countries. "
                 "Empty line or 'quit' to leave.\n")
    previous: str | None = None
    while True:
        stdout.write("you> ")
        stdout.flush()
        line = stdin.readline()
        question = line.strip()
        if not line or not question or question.lower() in {"quit", "exit", ":q"}:
            stdout.write("\n")
            return
        answer = ask(question, previous)
        stdout.write(answer_to_text(answer) + "\n\n")
        # a refusal quoting a denial is something to follow up ("why not?"), as in Discord
        previous = question if not answer.refused or answer.citations else previous


def dump_json(payload: Any, stream: TextIO = sys.stdout) -> None:
    stream.write(json.dumps(payload, ensure_ascii=False) + "\n")
    stream.flush()


class PrintableStream:
    """A text stream that drops control characters (terminal escape codes in a title or file name would
    otherwise recolour or rewrite the user's terminal); line breaks and tabs stay, and carriage returns
    where progress bars need them."""

    def __init__(self, inner: TextIO, keep_carriage_returns: bool = False) -> None:
        import re

        self._inner = inner
        self._controls = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]" if keep_carriage_returns
                                    else r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

    def write(self, text: str) -> int:
        self._inner.write(self._controls.sub("", text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding … as the real stream has them
        return getattr(self._inner, name)
