"""Why an answer was chosen: the strategy that decided, its reason, and the scored candidates.
`attache ask --explain` prints it, so a miss can be debugged without reading code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.answers.candidates import Candidate
from bot.answers.features import FEATURES


@dataclass(frozen=True)
class Explanation:
    answer_types: dict[str, float]
    strategy: str
    reason: str
    threshold: float | None = None
    candidates: tuple[Candidate, ...] = field(default=())
    passed: tuple[str, ...] = ()  # strategies that said "not mine" first
    parts: tuple[tuple[str, Explanation], ...] = ()  # a line answered in parts: each part and its own why

    def render(self, limit: int = 8) -> str:
        if self.parts:
            return "\n\n".join([f"decided by: {self.strategy} ({self.reason})",
                                  *(f"part {n}: {part}\n{why.render(limit)}"
                                    for n, (part, why) in enumerate(self.parts, 1))])
        top_types = sorted(self.answer_types.items(), key=lambda kv: -kv[1])[:3]
        lines = [
            "answer type: " + ", ".join(f"{kind} {p:.2f}" for kind, p in top_types),
            f"decided by: {self.strategy} ({self.reason})",
        ]
        if self.passed:
            lines.append("passed on: " + ", ".join(self.passed))
        if self.threshold is not None:
            lines.append(f"answer threshold: {self.threshold:.3f}")
        if self.candidates:
            lines.append(f"top candidates of {len(self.candidates)} (p = probability the sentence answers):")
            for candidate in _ranked(self.candidates)[:limit]:
                shown = " ".join(f"{name}={value:.2f}" for name, value in zip(FEATURES, candidate.features,
                                                                                 strict=False) if value)
                if candidate.another_time:
                    shown += " (about another time than the question names: never quoted)"
                lines.append(f"  p={candidate.probability:.3f} [{candidate.passage.article.title[:40]}] "
                             f"{candidate.text[:110]}")
                lines.append(f"      {shown}")
        return "\n".join(lines)


def _ranked(candidates: Sequence[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: -c.probability)
