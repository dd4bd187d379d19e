"""The `attache` subcommands that report rather than change: fact views, evaluation, training, bench.

Declared in bot/cli.py; this module never imports it back.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from bot.config import Settings

if TYPE_CHECKING:
    from bot.knowledge.model import CitedAnswer
    from bot.services import KnowledgeBase


def _knowledge_base(settings: Settings) -> KnowledgeBase:
    from bot.services import build_knowledge_base  # imported late: `--help` stays instant

    return build_knowledge_base(settings)


def _print_view(answer: CitedAnswer) -> None:
    from bot.terminal import answer_to_text

    print(answer.question)
    print(answer_to_text(answer))


def officials(args: argparse.Namespace, settings: Settings) -> int:
    _print_view(_knowledge_base(settings).officials(("global",), country=args.country, name=args.name))
    return 0


def visits(args: argparse.Namespace, settings: Settings) -> int:
    _print_view(_knowledge_base(settings).visits(("global",), country=args.country, since=args.since,
                                                 until=args.until))
    return 0


def cooperation(args: argparse.Namespace, settings: Settings) -> int:
    _print_view(_knowledge_base(settings).cooperation(("global",), area=args.area, since=args.since,
                                                      until=args.until))
    return 0


def timeline(args: argparse.Namespace, settings: Settings) -> int:
    answer, png = _knowledge_base(settings).timeline(("global",), countries=args.country, since=args.since)
    _print_view(answer)
    if args.png:
        args.png.write_bytes(png)
        print(f"Chart written to {args.png}")
    return 0


def digest(args: argparse.Namespace, settings: Settings) -> int:
    """The digest the bot posts, printed: for the shipped knowledge unless `--scope` names a server."""
    answer = _knowledge_base(settings).digest(args.scope, since=args.since, countries=", ".join(args.countries or ()))
    _print_view(answer)
    return 0


def evaluate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation.questions import load_questions
    from bot.evaluation.report import scores_json, scores_table
    from bot.evaluation.runner import run_eval

    questions = load_questions(args.questions)
    kb = _knowledge_base(settings)
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
            # a near miss has no relevant article: a refusal may still quote the sentence that denies it
            bad_citations = [n for n, c in enumerate(outcome.citations, 1)
                             if question.answerable and not (c.quote_in_chunk and c.relevant)]
            if outcome.correct and not bad_citations:
                continue
            verdict = "wrong" if not outcome.correct else f"bad citations {bad_citations}"
            print(f"\n{question.id} [{question.type}] {question.question}  -- {verdict}\n  want {question.answer_any} "
                  f"{question.must_all} from {question.sources}\n  got  {_got(answer)}")
    return 0


def _got(answer: CitedAnswer) -> str:
    """What an evaluation failure shows of the answer: its text, or REFUSED (with the denial a refusal quotes)."""
    if not answer.refused:
        return answer.text
    return f"REFUSED ({answer.text})" if answer.citations else "REFUSED"


def evaluate_facts(args: argparse.Namespace, settings: Settings) -> int:
    from bot.facts.catalog import load_catalog
    from bot.facts.scoring import extraction_scores
    from bot.knowledge.gazetteer import Gazetteer

    gazetteer = Gazetteer.load([*settings.knowledge.gazetteers, *args.gazetteer])
    print(extraction_scores(args.gold, args.articles, gazetteer, load_catalog(), shown_only=not args.all).table())
    return 0


def train_facts(args: argparse.Namespace, settings: Settings) -> int:
    from bot.facts.catalog import load_catalog
    from bot.facts.confidence import FactConfidence
    from bot.facts.confidence_training import train_fact_confidence
    from bot.knowledge.gazetteer import Gazetteer

    gazetteer = Gazetteer.load(settings.knowledge.gazetteers)
    model: FactConfidence = train_fact_confidence(args.sets, gazetteer, load_catalog(), args.out)
    report = {kind: {k: v for k, v in r.items() if not k.startswith("curve")}
              for kind, r in model.report.items() if isinstance(r, dict)}
    print(json.dumps(report, indent=1))
    print(f"Wrote {args.out}")
    return 0


def train(args: argparse.Namespace, settings: Settings) -> int:
    from bot.answers.features import FEATURES
    from bot.answers.training import cross_validate, score_all
    from bot.answers.training import train as fit
    from bot.knowledge.embedder import build_embedder

    embedder = build_embedder(settings.embedding.mode, settings.models_dir, batch_size=settings.embedding.batch_size)
    target = args.out or settings.answer.model
    without = [name.strip() for name in args.without.split(",") if name.strip()]
    if without:
        unknown = sorted(set(without) - set(FEATURES))
        if unknown:
            print(f"attache: the scorer has no signal {', '.join(unknown)}; its signals are {', '.join(FEATURES)}.",
                  file=sys.stderr)
            return 2
        _, named = score_all(args.sets, settings, embedder, target)
        for dropped in ((), without):
            print(json.dumps(cross_validate(named, settings, without=dropped)))
        return 0
    model = fit(args.sets, settings, embedder, target)
    report = {k: v for k, v in model.report.items() if not k.startswith("pr_curve")}
    print(json.dumps(report, indent=1))
    print(f"Wrote {target}")
    return 0


def bench(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation.bench import bench_markdown, run_bench

    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    results = run_bench(settings, sizes=sizes, sample_articles=args.sample_articles, questions=args.questions,
                        out_dir=args.out)
    print(bench_markdown(results))
    return 0
