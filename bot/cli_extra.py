"""Subcommands beyond the core ones: views of extracted facts, eval and bench."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from bot.config import PROJECT_ROOT, Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    officials = sub.add_parser("officials", help="officials named in the articles, each line cited")
    officials.add_argument("--country")
    officials.add_argument("--name")
    officials.set_defaults(handler=_officials)

    visits = sub.add_parser("visits", help="visits and meetings, each line cited")
    visits.add_argument("--country")
    visits.add_argument("--since", type=date.fromisoformat)
    visits.add_argument("--until", type=date.fromisoformat)
    visits.set_defaults(handler=_visits)

    cooperation = sub.add_parser("cooperation", help="cooperation areas, or one area's mentions, cited")
    cooperation.add_argument("--area")
    cooperation.add_argument("--since", type=date.fromisoformat)
    cooperation.add_argument("--until", type=date.fromisoformat)
    cooperation.set_defaults(handler=_cooperation)

    timeline = sub.add_parser("timeline", help="dated visits, agreements and events, with a PNG chart")
    timeline.add_argument("--country", action="append", default=[])
    timeline.add_argument("--since", type=date.fromisoformat)
    timeline.add_argument("--png", type=Path, help="also write the chart to this file")
    timeline.set_defaults(handler=_timeline)

    evaluate = sub.add_parser("eval", help="answer-quality evaluation on a question set, with the baseline")
    evaluate.add_argument("--questions", type=Path, required=True, help="JSON Lines question set")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--no-baseline", action="store_true", help="skip the langchain baseline")
    evaluate.add_argument("--show-failures", action="store_true", help="list the questions Attaché got wrong")
    evaluate.set_defaults(handler=_eval)

    facts = sub.add_parser("eval-facts", help="precision and recall of fact extraction on hand-labelled articles")
    facts.add_argument("--gold", type=Path, required=True, help="JSON of labelled facts per article file")
    facts.add_argument("--articles", type=Path, nargs="+", required=True, help="folders holding those articles")
    facts.add_argument("--gazetteer", type=Path, action="append", default=[], help="extra gazetteer files")
    facts.set_defaults(handler=_eval_facts)

    train = sub.add_parser("train", help="refit the answer model on the labelled question sets")
    train.add_argument("--sets", type=Path, default=PROJECT_ROOT / "tests" / "fixtures" / "training.toml",
                       help="the training manifest (question sets with their articles)")
    train.add_argument("--out", type=Path, help="where the model goes (default: [answer] model)")
    train.set_defaults(handler=_train)

    bench = sub.add_parser("bench", help="speed, memory and size on a synthetic corpus, with the baseline")
    bench.add_argument("--sizes", default="1000,10000", help="corpus sizes in chunks (comma separated)")
    bench.add_argument("--sample-articles", type=int, default=150, help="articles for the ingestion figure")
    bench.add_argument("--questions", type=int, default=100, help="questions per latency measurement")
    bench.add_argument("--out", type=Path, default=Path("benchmarks"), help="where latest.json/.md go")
    bench.set_defaults(handler=_bench)


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.__main__ import knowledge_base
    from bot.evaluation.questions import load_questions
    from bot.evaluation.report import scores_json, scores_table
    from bot.evaluation.runner import run_eval

    questions = load_questions(args.questions)
    kb = knowledge_base(settings)
    if kb.store.counts()[0] == 0:
        print("attache: the knowledge base is empty; run `attache ingest` first.", file=sys.stderr)
        return 2
    report = run_eval(kb, questions, with_baseline=not args.no_baseline)
    if args.json:
        print(json.dumps(scores_json(report.systems), indent=2))
    else:
        print(f"{len(questions)} questions, {kb.store.counts()[0]} articles\n")
        print(scores_table(report.systems))
    if args.show_failures:
        for question, outcome, answer in zip(questions, report.outcomes["attache"], report.answers["attache"],
                                             strict=True):
            bad_citations = [n for n, c in enumerate(outcome.citations, 1) if not (c.quote_in_chunk and c.relevant)]
            if outcome.correct and not bad_citations:
                continue
            verdict = "wrong" if not outcome.correct else f"bad citations {bad_citations}"
            print(f"\n{question.id} [{question.type}] {question.question}  -- {verdict}\n  want {question.answer_any} "
                  f"{question.must_all} from {question.sources}\n  got  {'REFUSED' if answer.refused else answer.text}")
    return 0


def _print_view(answer) -> None:  # noqa: ANN001 - a CitedAnswer
    from bot.terminal import answer_to_text

    print(answer.question)
    print(answer_to_text(answer))


def _officials(args: argparse.Namespace, settings: Settings) -> int:
    from bot.__main__ import knowledge_base

    _print_view(knowledge_base(settings).officials(("global",), country=args.country, name=args.name))
    return 0


def _visits(args: argparse.Namespace, settings: Settings) -> int:
    from bot.__main__ import knowledge_base

    _print_view(knowledge_base(settings).visits(("global",), country=args.country, since=args.since,
                                                until=args.until))
    return 0


def _cooperation(args: argparse.Namespace, settings: Settings) -> int:
    from bot.__main__ import knowledge_base

    _print_view(knowledge_base(settings).cooperation(("global",), area=args.area, since=args.since,
                                                     until=args.until))
    return 0


def _timeline(args: argparse.Namespace, settings: Settings) -> int:
    from bot.__main__ import knowledge_base

    answer, png = knowledge_base(settings).timeline(("global",), countries=args.country, since=args.since)
    _print_view(answer)
    if args.png:
        args.png.write_bytes(png)
        print(f"Chart written to {args.png}")
    return 0


def _bench(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation.bench import bench_markdown, run_bench

    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    results = run_bench(settings, sizes=sizes, sample_articles=args.sample_articles, questions=args.questions,
                        out_dir=args.out)
    print(bench_markdown(results))
    return 0


def _eval_facts(args: argparse.Namespace, settings: Settings) -> int:
    from bot.facts.catalog import load_catalog
    from bot.facts.scoring import extraction_scores
    from bot.knowledge.gazetteer import Gazetteer

    gazetteer = Gazetteer.load([*settings.knowledge.gazetteers, *args.gazetteer])
    print(extraction_scores(args.gold, args.articles, gazetteer, load_catalog()).table())
    return 0


def _train(args: argparse.Namespace, settings: Settings) -> int:
    from bot.answers.training import train
    from bot.knowledge.embedder import build_embedder

    embedder = build_embedder(settings.embedding.mode, settings.models_dir, batch_size=settings.embedding.batch_size)
    target = args.out or settings.answer.model
    model = train(args.sets, settings, embedder, target)
    report = {k: v for k, v in model.report.items() if not k.startswith("pr_curve")}
    print(json.dumps(report, indent=1))
    print(f"Wrote {target}")
    return 0
