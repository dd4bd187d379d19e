"""The `attache` command: run | ingest | ask | chat | sources | remove | views | eval | train | bench."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.config import Settings, SettingsError, load_settings
from bot.knowledge.errors import KnowledgeError, lost_store

log = logging.getLogger("bot")


def main(argv: Sequence[str] | None = None) -> int:
    from bot.terminal import PrintableStream

    sys.stdout = PrintableStream(sys.stdout)  # type: ignore[assignment]
    sys.stderr = PrintableStream(sys.stderr, keep_carriage_returns=True)  # type: ignore[assignment]
    parser = _parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        settings = load_settings(Path(args.config) if args.config else None)
    except SettingsError as error:
        print(f"attache: {error}", file=sys.stderr)
        return 2
    try:
        return int(args.handler(args, settings) or 0)
    except KnowledgeError as error:
        print(f"attache: {error.user_message}", file=sys.stderr)
        return 2
    except Exception as error:
        if not lost_store(error):
            raise
        print(f"attache: lost the Chroma server ({type(error).__name__}); check that it runs and try again.",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="attache", description=__doc__)
    parser.add_argument("--config", help="settings file (default: config/settings.toml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="start the Discord bot (or the terminal chat when DISCORD_TOKEN is unset)")
    run.set_defaults(handler=_run)

    ingest = sub.add_parser("ingest", help="add article files or folders (.md .txt .html .pdf)")
    ingest.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the shipped knowledge/)")
    ingest.set_defaults(handler=_ingest)

    ask = sub.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question", nargs="?", help="the question; without it, one question per line from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--baseline", action="store_true", help="answer with the plain langchain baseline instead")
    ask.add_argument("--explain", action="store_true",
                     help="also show why: answer type, deciding strategy, scored candidates")
    _add_filters(ask)
    ask.set_defaults(handler=_ask)

    chat = sub.add_parser("chat", help="interactive terminal chat on the same pipeline as the bot")
    chat.set_defaults(handler=_chat)

    sources = sub.add_parser("sources", help="list the articles in the knowledge base")
    sources.add_argument("--json", action="store_true")
    sources.add_argument("--all", action="store_true", help="also the articles servers uploaded (scope column)")
    sources.set_defaults(handler=_sources)

    remove = sub.add_parser("remove", help="remove an article by id (or unique id prefix)")
    remove.add_argument("article_id")
    remove.add_argument("--scope", default="global", help="'global' (shipped) or a server id for an upload")
    remove.set_defaults(handler=_remove)

    from bot import cli_extra

    cli_extra.register(sub)
    return parser


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--country", action="append", default=[], help="only articles about this country")
    parser.add_argument("--since", type=date.fromisoformat, help="only articles published on/after YYYY-MM-DD")
    parser.add_argument("--until", type=date.fromisoformat, help="only articles published on/before YYYY-MM-DD")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("bot").setLevel(logging.DEBUG if verbose else logging.WARNING)


def knowledge_base(settings: Settings):  # noqa: ANN201 - imported lazily to keep `--help` instant
    from bot.services import build_knowledge_base

    return build_knowledge_base(settings)


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    kb = knowledge_base(settings)
    paths = args.paths or [settings.knowledge.shipped_dir]
    outcomes = kb.ingestor.ingest_paths(paths, progress=sys.stderr.isatty())
    if not outcomes:
        from bot.knowledge.loaders import SUPPORTED_SUFFIXES

        print(f"attache: no article files ({', '.join(sorted(SUPPORTED_SUFFIXES))}) in "
              f"{', '.join(str(p) for p in paths)}; nothing was added.", file=sys.stderr)
        return 1
    for outcome in outcomes:
        print(f"{outcome.status:>8}  {outcome.name}: {outcome.message}")
    articles, chunks = kb.store.counts()
    print(f"Knowledge base: {articles} articles, {chunks} passages.")
    return 1 if outcomes and all(o.status == "rejected" for o in outcomes) else 0


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import answer_to_json, answer_to_text, dump_json

    if args.question is not None and not args.question.strip():
        print("attache: the question is empty; ask something, e.g. attache ask \"who visited whom\"", file=sys.stderr)
        return 2
    kb = knowledge_base(settings)
    countries = [kb.gazetteer.canonical(c) or c for c in args.country]
    questions = [args.question] if args.question else (line.strip() for line in sys.stdin)
    baseline = None
    if args.baseline:
        from bot.evaluation.baseline import LangchainBaseline

        baseline = LangchainBaseline(kb.store.client, f"{settings.knowledge.collection_prefix}_chunks", kb.embedder)
    for question in questions:
        if not question:
            continue
        if baseline is not None:
            answer, _ = baseline.ask(question, kb.retriever.snapshot())
        else:
            answer, explanation = kb.ask_explained(question, countries=countries, since=args.since, until=args.until)
        if args.json:
            dump_json(answer_to_json(answer))
        else:
            print(answer_to_text(answer) + "\n")
        if args.explain and baseline is None:
            print(explanation.render() + "\n")
    return 0


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import chat_loop

    kb = knowledge_base(settings)
    chat_loop(lambda question, previous: kb.ask(question, previous=previous))
    return 0


def _sources(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import dump_json, source_line

    kb = knowledge_base(settings)
    if args.all:
        scopes = sorted({a.meta.scope for a in kb.retriever.snapshot().articles.values()} | {"global"})
        metas = kb.sources(scopes)
    else:
        metas = kb.sources()
    if args.json:
        dump_json([{"article_id": m.article_id, "title": m.title, "outlet": m.outlet, "url": m.url,
                    "published": m.published.isoformat() if m.published else None,
                    "countries": list(m.countries), "scope": m.scope} for m in metas])
        return 0
    for meta in metas:
        print(f"{meta.article_id}  [{meta.scope}]  {source_line(meta)}")
    print(f"{len(metas)} articles.")
    return 0


def _remove(args: argparse.Namespace, settings: Settings) -> int:
    kb = knowledge_base(settings)
    meta = kb.remove(args.article_id, scopes=(args.scope,))
    print(f"Removed {meta.title} ({meta.article_id}).")
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.discord.token:
        print(
            "DISCORD_TOKEN is not set, so the Discord bot is not started.\n"
            "To run the bot: put DISCORD_TOKEN=<your bot token> in .env (see config/.env.example) "
            "or export it, then run this again.\n"
            "Meanwhile, here is the terminal chat on the same knowledge base:\n"
        )
        return _chat(args, settings)
    from bot.client import run_bot

    logging.getLogger("bot").setLevel(logging.INFO)
    return run_bot(settings)


if __name__ == "__main__":
    raise SystemExit(main())
