"""Which scored sentences to quote: the best one if the model is confident enough, more when they add
something, and for list questions the best sentence of each article that answers. A question sure to want
a kind of value that the model's value gates name ("how much …") is answered only by sentences stating one,
a question pinned to a year or month ("… in 2018") never by a sentence about another time, and no sentence
is quoted that shows a sign of a near miss the fit trusts (the role asked held by nobody in its article)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.answers.candidates import Candidate
from bot.answers.features import FEATURES
from bot.answers.model import Thresholds
from bot.knowledge.answering import SAME_THING_OVERLAP, reading_order, term_overlap

# A sign of a near miss is set on a sentence at this value (the signs are 0/1, or a share like numbers_missing).
SIGN_SET = 0.5


@dataclass(frozen=True)
class Selection:
    chosen: tuple[Candidate, ...]
    reason: str


def select(candidates: Sequence[Candidate], thresholds: Thresholds, *, many: bool, max_sentences: int,
           max_list_items: int, types: dict[str, float] | None = None) -> Selection:
    ranked = sorted((c for c in candidates if not c.another_time), key=lambda c: -c.probability)
    if candidates and not ranked:
        return Selection((), "the question names a time and every retrieved sentence is about another")
    if ranked and max(c.similarity for c in ranked) < thresholds.least_similarity:
        return Selection((), f"no retrieved sentence is as close to the question as any training question's answer "
                             f"(cosine {max(c.similarity for c in ranked):.2f} < {thresholds.least_similarity:.2f})")
    required = thresholds.required_value(types or {})
    if required is not None and ranked:
        ranked = [c for c in ranked if required in c.new_values]
        if not ranked:
            return Selection((), f"the question wants a {required} value and no retrieved sentence states one")
    if thresholds.refusal_signs and ranked:
        shown = [(c, near_miss_signs(c, thresholds.refusal_signs)) for c in ranked]
        ranked = [c for c, found in shown if not found]
        if not ranked:
            signs = sorted({sign for _, found in shown for sign in found})
            return Selection((), "every retrieved sentence shows a sign of a near miss the training sets refuse on: "
                                 + ", ".join(signs))
    if not ranked:
        return Selection((), "no sentence of the retrieved passages can stand as an answer")
    best = ranked[0]
    needed = thresholds.to_answer(many)
    if best.probability < needed:
        return Selection((), f"best sentence p={best.probability:.3f} is below the "
                             f"{'list ' if many and thresholds.list_answer is not None else ''}answer threshold "
                             f"{needed:.3f}")
    chosen = [best]
    if many:  # one item per article: the best sentence of each article that answers
        # A further article's item needs what a further sentence needs: the `also` share of the best one's
        # probability (or the answer threshold, if lower). Its part of the question is answered by words
        # only it has, so it scores below a whole question's answer. Measured on the 98 list questions of the
        # training sets (2026-12-05): 27 right with the answer threshold for every item, 33 with this.
        bar = min(needed, thresholds.also * best.probability)
        for candidate in ranked[1:]:
            if len(chosen) >= max_list_items:
                break
            if candidate.probability >= bar and all(c.article_id != candidate.article_id for c in chosen):
                chosen.append(candidate)
        if len(chosen) < 2 and best.probability < thresholds.answer:
            # the list threshold is for items that each answer a part: one article alone answers it whole
            return Selection((), f"only one article has an item, and its best sentence p={best.probability:.3f} "
                                 f"is below the answer threshold {thresholds.answer:.3f}")
        reason = f"list: {len(chosen)} articles have a sentence above {bar:.3f}"
    else:
        for candidate in ranked[1:]:
            if len(chosen) >= max_sentences:
                break
            if (candidate.probability >= thresholds.also * best.probability and not _says_again(candidate, chosen)
                    and _about_the_question(candidate, best)):
                chosen.append(candidate)
        reason = f"best sentence p={best.probability:.3f}" + (
            f", {len(chosen) - 1} more within {thresholds.also:.2f} of it" if len(chosen) > 1 else "")
    ordered = sorted(chosen, key=lambda c: reading_order(c.passage, c.start))
    return Selection(tuple(ordered), reason)


def near_miss_signs(candidate: Candidate, signs: Sequence[str]) -> list[str]:
    """The signs of a near miss set on this sentence ("role_unheld" ≥ 0.5), of those the fit trusts. A sentence
    not scored by the model (no features) shows none."""
    if not candidate.features:
        return []
    if len(candidate.features) != len(FEATURES):
        raise ValueError(f"a candidate has {len(candidate.features)} features, the model reads {len(FEATURES)}")
    return [sign for sign in signs if candidate.features[FEATURES.index(sign)] >= SIGN_SET]


def _about_the_question(candidate: Candidate, best: Candidate) -> bool:
    """A further sentence of one answer comes from the best one's report, or shares a word of the question
    beyond its countries: another report's sentence that shares none ("bilateral trade reached 1.4 billion
    dollars", beside the radar contract asked about) answers something else. Unscored sentences pass."""
    if candidate.article_id == best.article_id or not candidate.features:
        return True
    return any(candidate.features[FEATURES.index(name)] > 0 for name in ("coverage", "coverage_with_previous"))


def _says_again(candidate: Candidate, chosen: Sequence[Candidate]) -> bool:
    return any(term_overlap(candidate.own_terms, other.own_terms) > SAME_THING_OVERLAP for other in chosen)
