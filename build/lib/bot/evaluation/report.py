"""Tables for people (Markdown) and for machines (JSON)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.evaluation.metrics import Scores

_COLUMNS = (("hit@5", "hit_at_k"), ("accuracy", "accuracy"), ("citation precision", "citation_precision"),
            ("refusals", "refusal_rate"), ("false refusals", "false_refusal_rate"),
            ("p50 ms", "latency_p50_ms"), ("p95 ms", "latency_p95_ms"))


def _cell(value: float | None, key: str) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if key.startswith("latency") else f"{value:.2f}"


def scores_table(systems: dict[str, dict[str, Scores]]) -> str:
    header = "| type | system | n | " + " | ".join(name for name, _ in _COLUMNS) + " |"
    lines = [header, "|" + "---|" * (len(_COLUMNS) + 3)]
    types = list(next(iter(systems.values())).keys())
    types = [t for t in types if t != "overall"] + ["overall"]
    for kind in types:
        for system, table in systems.items():
            scores = table[kind]
            cells = " | ".join(_cell(getattr(scores, key), key) for _, key in _COLUMNS)
            label = f"**{kind}**" if kind == "overall" else kind
            lines.append(f"| {label} | {system} | {scores.questions} | {cells} |")
    return "\n".join(lines)


def scores_json(systems: dict[str, dict[str, Scores]]) -> dict[str, Any]:
    return {system: {kind: asdict(scores) for kind, scores in table.items()} for system, table in systems.items()}
