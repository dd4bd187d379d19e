"""The `attache` command: run | ingest | ask | chat | sources | remove | feeds | views | digest | eval | train | bench.

Every subcommand is declared here, so the whole command line reads in one place; the fact views and
the evaluation commands are carried out by bot/cli_reports.py, which never imports this module back.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot import cli_reports
from bot.config import PROJECT_ROOT, Settings, SettingsError, load_settings
from bot.knowledge.errors import KnowledgeError, lost_store

if TYPE_CHECKING:
    from bot.services import KnowledgeBase

log = logging.getLogger("bot")

# Anything with a scheme is a link (and `file://` or `ftp://` is refused as one, with its reason); the rest are paths.
_LINK = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, load the settings, run one subcommand; a user's mistake or a lost store is one line and exit 2."""
    from bot.terminal import PrintableStream

    sys.stdout = PrintableStream(sys.stdout)
    sys.stderr = PrintableStream(sys.stderr, keep_carriage_returns=True)
    args = _parser().parse_args(argv)
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
    parser = argparse.ArgumentParser(prog="attache", description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--config", help="settings file (default: config/settings.toml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    _add_core_commands(sub)
    _add_view_commands(sub)
    _add_evaluation_commands(sub)
    return parser


def _add_core_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = sub.add_parser("run", help="start the Discord bot (or the terminal chat when DISCORD_TOKEN is unset)")
    run.set_defaults(handler=_run)

    ingest = sub.add_parser("ingest", help="add article files or folders (.md .txt .html .pdf), or links")
    ingest.add_argument("paths", nargs="*", metavar="PATH_OR_URL",
                        help="files, folders or http(s) links (default: the shipped knowledge/)")
    ingest.add_argument("--title", help="with one link: the headline, instead of the one detected")
    ingest.add_argument("--published", type=date.fromisoformat, help="with one link: publication date YYYY-MM-DD")
    ingest.set_defaults(handler=_ingest)

    ask = sub.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question", nargs="?", help="the question; without it, one question per line from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--baseline", action="store_true", help="answer with the plain langchain baseline instead")
    ask.add_argument("--explain", action="store_true",
                     help="also show why: answer type, deciding strategy, scored candidates")
    ask.add_argument("--country", action="append", default=[], help="only articles about this country")
    ask.add_argument("--since", type=date.fromisoformat, help="only articles published on/after YYYY-MM-DD")
    ask.add_argument("--until", type=date.fromisoformat, help="only articles published on/before YYYY-MM-DD")
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

    feeds = sub.add_parser("feeds", help="follow RSS and Atom feeds into the shipped knowledge: add | list | remove | poll")
    actions = feeds.add_subparsers(required=True, metavar="ACTION")
    follow = actions.add_parser("add", help="follow a feed (its new items are added at each poll)")
    follow.add_argument("url")
    follow.add_argument("--interval", type=int, metavar="MINUTES", help="minutes between polls (default: [feeds])")
    follow.set_defaults(handler=_feeds_add)
    actions.add_parser("list", help="the followed feeds and how their polls went").set_defaults(handler=_feeds_list)
    unfollow = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    unfollow.add_argument("url")
    unfollow.set_defaults(handler=_feeds_remove)
    actions.add_parser("poll", help="poll the due feeds once, one line per feed").set_defaults(handler=_feeds_poll)


def _add_view_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    officials = sub.add_parser("officials", help="officials named in the articles, each line cited")
    officials.add_argument("--country")
    officials.add_argument("--name")
    officials.set_defaults(handler=cli_reports.officials)

    visits = sub.add_parser("visits", help="visits and meetings, each line cited")
    visits.add_argument("--country")
    visits.add_argument("--since", type=date.fromisoformat)
    visits.add_argument("--until", type=date.fromisoformat)
    visits.set_defaults(handler=cli_reports.visits)

    cooperation = sub.add_parser("cooperation", help="cooperation areas, or one area's mentions, cited")
    cooperation.add_argument("--area")
    cooperation.add_argument("--since", type=date.fromisoformat)
    cooperation.add_argument("--until", type=date.fromisoformat)
    cooperation.set_defaults(handler=cli_reports.cooperation)

    timeline = sub.add_parser("timeline", help="dated visits, agreements and events, with a PNG chart")
    timeline.add_argument("--country", action="append", default=[])
    timeline.add_argument("--since", type=date.fromisoformat)
    timeline.add_argument("--png", type=Path, help="also write the chart to this file")
    timeline.set_defaults(handler=cli_reports.timeline)

    digest = sub.add_parser("digest", help="what arrived since a date: new visits, agreements, officials and the "
                                           "most central new sentences, cited")
    digest.add_argument("--since", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD",
                        help="articles stored on or after this day (UTC)")
    digest.add_argument("--countries", nargs=2, metavar=("A", "B"), help="one pair (else every pair)")
    digest.add_argument("--scope", default="global", help="a server's id, for its uploads (default: the shipped knowledge)")
    digest.set_defaults(handler=cli_reports.digest)


def _add_evaluation_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evaluate = sub.add_parser("eval", help="answer-quality evaluation on a question set, with the baseline")
    evaluate.add_argument("--questions", type=Path, required=True, help="JSON Lines question set")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--no-baseline", action="store_true", help="skip the langchain baseline")
    evaluate.add_argument("--show-failures", action="store_true", help="list the questions Attaché got wrong")
    evaluate.set_defaults(handler=cli_reports.evaluate)

    facts = sub.add_parser("eval-facts", help="precision and recall of fact extraction on hand-labelled articles")
    facts.add_argument("--gold", type=Path, required=True, help="JSON of labelled facts per article file")
    facts.add_argument("--articles", type=Path, nargs="+", required=True, help="folders holding those articles")
    facts.add_argument("--gazetteer", type=Path, action="append", default=[], help="extra gazetteer files")
    facts.add_argument("--all", action="store_true",
                       help="score every extracted fact, not only those confident enough for the views")
    facts.set_defaults(handler=cli_reports.evaluate_facts)

    train_facts = sub.add_parser("train-facts", help="refit how confident fact extraction is, per kind")
    train_facts.add_argument("--sets", type=Path,
                             default=PROJECT_ROOT / "tests" / "fixtures" / "facts_training.toml",
                             help="the manifest of labelled articles (gold facts with their folders)")
    train_facts.add_argument("--out", type=Path, default=PROJECT_ROOT / "config" / "fact_confidence.json",
                             help="where the model goes")
    train_facts.set_defaults(handler=cli_reports.train_facts)

    train = sub.add_parser("train", help="refit the answer model on the labelled question sets")
    train.add_argument("--sets", type=Path, default=PROJECT_ROOT / "tests" / "fixtures" / "training.toml",
                       help="the training manifest (question sets with their articles)")
    train.add_argument("--out", type=Path, help="where the model goes (default: [answer] model)")
    train.add_argument("--without", default="",
                       help="only cross-validate, with and without these features (comma separated); writes nothing")
    train.set_defaults(handler=cli_reports.train)

    bench = sub.add_parser("bench", help="speed, memory and size on a synthetic corpus, with the baseline")
    bench.add_argument("--sizes", default="1000,10000", help="corpus sizes in chunks (comma separated)")
    bench.add_argument("--sample-articles", type=int, default=150, help="articles for the ingestion figure")
    bench.add_argument("--questions", type=int, default=100, help="questions per latency measurement")
    bench.add_argument("--out", type=Path, default=Path("benchmarks"), help="where latest.json/.md go")
    bench.set_defaults(handler=cli_reports.bench)


# The parsers log what they dislike about a bad file ("EOF marker not found", "empty HTML tree") at
# warning and error level; the file's one-line outcome already says it, so they speak only with -v.
_PARSER_LOGGERS = ("pypdf", "trafilatura", "htmldate", "courlan", "justext")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("bot").setLevel(logging.DEBUG if verbose else logging.WARNING)
    for name in _PARSER_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.CRITICAL)


def _knowledge_base(settings: Settings) -> KnowledgeBase:
    from bot.services import build_knowledge_base  # imported late: `--help` stays instant

    return build_knowledge_base(settings)


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Files and folders in one all-or-nothing run, then each link: fetched, read and stored on its own."""
    from bot.knowledge.loaders import MetaOverrides

    links = [a for a in args.paths if _LINK.match(a)]
    paths = [Path(a) for a in args.paths if not _LINK.match(a)] or ([] if links else [settings.knowledge.shipped_dir])
    if (args.title or args.published) and len(links) != 1:
        print("attache: --title and --published go with exactly one link (files carry their own metadata).",
              file=sys.stderr)
        return 2
    kb = _knowledge_base(settings)
    outcomes = kb.ingestor.ingest_paths(paths, progress=sys.stderr.isatty()) if paths else []
    if paths and not outcomes and not links:
        from bot.knowledge.loaders import SUPPORTED_SUFFIXES

        print(f"attache: no article files ({', '.join(sorted(SUPPORTED_SUFFIXES))}) in "
              f"{', '.join(str(p) for p in paths)}; nothing was added.", file=sys.stderr)
        return 1
    for outcome in outcomes:
        print(f"{outcome.status:>8}  {outcome.name}: {outcome.message}")
    overrides = MetaOverrides(title=args.title, published=args.published)
    for link in links:
        outcome = kb.add_link(link, scope="global", overrides=overrides)
        outcomes.append(outcome)
        print(f"{outcome.status:>8}  {outcome.name}: {outcome.message}")
        if outcome.status in ("added", "replaced") and outcome.meta is not None:
            meta = outcome.meta
            print(f"{'':>8}  title: {meta.title}; outlet: {meta.outlet or 'none found'}; "
                  f"published: {meta.published_text}; id: {meta.article_id[:12]}")
            print(f"{'':>8}  to correct them: attache remove {meta.article_id[:12]}, then attache ingest {link} "
                  "--title \"…\" --published YYYY-MM-DD")
    articles, chunks = kb.store.counts()
    print(f"Knowledge base: {articles} articles, {chunks} passages.")
    return 1 if all(o.status == "rejected" for o in outcomes) else 0


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import answer_to_json, answer_to_text, dump_json

    if args.question is not None and not args.question.strip():
        print("attache: the question is empty; ask something, e.g. attache ask \"who visited whom\"", file=sys.stderr)
        return 2
    kb = _knowledge_base(settings)
    countries = [kb.gazetteer.canonical(c) or c for c in args.country]
    questions = [args.question] if args.question else (line.strip() for line in sys.stdin)
    baseline = None
    if args.baseline:
        from bot.evaluation.baseline import LangchainBaseline

        baseline = LangchainBaseline(kb.store.client, f"{settings.knowledge.collection_prefix}_chunks", kb.embedder)
    for question in questions:
        if not question:
            continue
        explanation = None
        if baseline is not None:
            answer, _ = baseline.ask(question, kb.retriever.snapshot())
        else:
            answer, explanation = kb.ask_explained(question, countries=countries, since=args.since, until=args.until)
        if args.json:
            dump_json(answer_to_json(answer))
        else:
            print(answer_to_text(answer) + "\n")
        if args.explain and explanation is not None:
            print(explanation.render() + "\n")
    return 0


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import chat_loop

    kb = _knowledge_base(settings)
    chat_loop(lambda question, previous: kb.ask(question, previous=previous))
    return 0


def _sources(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import dump_json, source_line

    kb = _knowledge_base(settings)
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
    kb = _knowledge_base(settings)
    meta = kb.remove(args.article_id, scopes=(args.scope,))
    copies = f" with its {len(meta.other_sources)} other sources" if meta.other_sources else ""
    print(f"Removed {meta.title} ({meta.article_id}){copies}.")
    return 0


_CLI_ACTOR = ("cli", "command line")


def _feeds_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import Actor

    feed = _knowledge_base(settings).follow_feed(args.url, scope="global", actor=Actor(*_CLI_ACTOR),
                                                 interval_minutes=args.interval)
    print(f"Following {feed.url} every {feed.interval_minutes} minutes; `attache feeds poll` reads it now.")
    return 0


def _feeds_list(args: argparse.Namespace, settings: Settings) -> int:
    feeds = _knowledge_base(settings).feed_list("global")
    for feed in feeds:
        print(f"{feed.url}  every {feed.interval_minutes} min; {feed.articles_added} articles; last success: "
              f"{_when(feed.last_success)}; last error: {feed.last_error or 'none'}")
        for link, error in feed.given_up:
            print(f"    given up after its retries: {link}: {error}")
    print(f"{len(feeds)} feeds.")
    return 0


def _feeds_remove(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import Actor

    feed = _knowledge_base(settings).unfollow_feed(args.url, scope="global", actor=Actor(*_CLI_ACTOR))
    print(f"Unfollowed {feed.url}; the {feed.articles_added} articles it brought in stay.")
    return 0


def _feeds_poll(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 1 when a feed failed, so a cron job notices; each feed's reason is on its line."""
    polls = _knowledge_base(settings).poll_feeds("global")
    for poll in polls:
        print(f"{poll.status:>9}  {poll.feed.url}: {poll.message}")
    if not polls:
        print("No feed is due (`attache feeds list` shows when each was last polled).")
    return 1 if any(p.status == "failed" for p in polls) else 0


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ") + " UTC" if stamp else "never"


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
