"""Fitting the answer model (`attache train`): answer types from example questions, and the sentence
scorer from labelled question sets, with the answer threshold chosen on the same data.

A candidate sentence is labelled as answering when it holds one of the question's answer keys and comes
from one of its gold articles; an unanswerable question's candidates are all negatives. The threshold is
the one that gets most answer-or-refuse decisions right, and its precision/recall is reported.
"""

from __future__ import annotations

import logging
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot.answers.answer_types import ANSWER_TYPES, AnswerTypeModel, NgramWeights, TypeExamples, letter_ngrams
from bot.answers.candidates import Candidate
from bot.answers.features import FEATURES
from bot.answers.model import AnswerModel, Thresholds, logistic
from bot.answers.pipeline import Asked
from bot.answers.question import kind_text
from bot.answers.selection import select
from bot.answers.strategies import ExtractiveStrategy
from bot.config import Settings, load_settings
from bot.evaluation.metrics import answer_is_correct
from bot.evaluation.questions import EvalQuestion, load_questions
from bot.knowledge.embedder import TextEmbedder
from bot.knowledge.text_terms import fold

log = logging.getLogger(__name__)

# Regularisation of both logistic regressions (scikit-learn's C): moderate, as the features are few.
REGULARISATION_C = 1.0
# Shares of the best sentence's probability a further sentence may need, tried when choosing `also`.
ALSO_CHOICES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
# The answer threshold is chosen by its neighbourhood: this many tried thresholds either side of it.
THRESHOLD_NEIGHBOURS = 2
# The share of answerable training questions allowed to sit farther from every sentence than the least
# similarity (one in 500, of the 3,453 of 2026-12-08: seven questions): one question must not set a safety gate.
LEAST_SIMILARITY_QUANTILE = 0.002
# How sure of the answer type a question must be before its value gate applies, tried per type.
VALUE_GATE_CHOICES = (0.5, 0.6, 0.7, 0.8, 0.9)
# The answer types that can be gated: those written as values (an amount, a count, a date, a span of time).
GATEABLE_TYPES = ("money", "count", "duration", "date", "agreement")
# A gate must get this many more training questions right than without it: a gain of one or two is noise.
MIN_VALUE_GATE_GAIN = 3
# Features that, set on a sentence, signal a near miss; each is tried as a refusal sign (bot/answers/selection.py).
# Not "agreement_untold": the training sets read only the sentence scorer, where it gained 7 questions in the
# thirty-third round's refit, but trusted it refuses before the agreement strategies and the denials answer: over
# the 45 evaluation files it lost 19 answerable questions, most of them agreement questions refused ("what did
# lasso and petro agree to set up"), for 6 more near misses refused, and hid "No agreements were signed" behind a
# plain refusal. It stays a feature the scorer weighs.
SIGN_FEATURES = ("role_unheld", "holder_unnamed", "past_for_future", "future_for_past", "numbers_missing",
                 "amount_of_other")
# Shares of the answer threshold tried as the threshold of a list across articles.
LIST_THRESHOLD_SHARES = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
# A letter n-gram must occur in this many training questions to be weighed (rarer ones are noise).
NGRAM_MIN_QUESTIONS = 2
# A word is read for n-grams only when this many question files ask it: a set's own names are not.
NGRAM_MIN_SETS = 3
# Cross-validation deals the training sets into this many groups, each answered by a model fitted on the rest.
CROSS_VALIDATION_FOLDS = 7

Fitted = tuple[np.ndarray, np.ndarray, np.ndarray, float]
"""A fitted scorer: (mean, scale, coefficients, intercept) of a logistic regression on standardised features."""


@dataclass(frozen=True)
class TrainingSet:
    name: str
    config: Path
    articles: tuple[Path, ...]
    questions: Path


@dataclass(frozen=True)
class Scored:
    """One question's candidates with their features and labels."""

    question: EvalQuestion
    candidates: list[Candidate]
    labels: np.ndarray
    types: dict[str, float]  # the answer types the pipeline read from the question
    many: bool = False  # whether the pipeline read it as a list across articles


def load_training_sets(path: Path) -> list[TrainingSet]:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    base = path.parent
    return [TrainingSet(s["name"], (base / s["config"]).resolve(), tuple((base / a).resolve() for a in s["articles"]),
                        (base / s["questions"]).resolve()) for s in data["sets"]]


def questions_by_file(training_sets: Sequence[TrainingSet]) -> list[list[EvalQuestion]]:
    """The questions of the training sets, one list per question file, each file once."""
    return [load_questions(question_file) for question_file in dict.fromkeys(s.questions for s in training_sets)]


def words_of_many_sets(files: Sequence[Sequence[EvalQuestion]], examples: TypeExamples) -> frozenset[str]:
    """The words the type model reads n-grams of: every word of the example forms, and the labelled questions'
    words asked in at least NGRAM_MIN_SETS question files ("mou", "$$", "hw" are; a set's own names are not)."""
    asked_in = Counter(word for questions in files for word in {w for q in questions for w in fold(q.question).split()})
    forms = {w for kind in examples.examples.values() for q in kind for w in fold(q).split()}
    return frozenset(forms | {w for w, n in asked_in.items() if n >= NGRAM_MIN_SETS})


def labelled_question_types(examples: TypeExamples, questions: Sequence[EvalQuestion]) -> list[tuple[str, str]]:
    """(question, answer type) for the questions whose label names one kind of answer."""
    return [(q.question, kind) for q in questions if (kind := examples.labelled_type(q.question, q.type)) is not None]


def fit_answer_types(examples: TypeExamples, embedder: TextEmbedder, questions: Sequence[EvalQuestion] = (),
                     ngram_words: frozenset[str] | None = None) -> AnswerTypeModel:
    """A logistic regression over the question's embedding and its letter n-grams, on the example forms of
    asking and the labelled questions, and a second head on the same inputs for whether a question wants a
    list across articles. Measured by leaving one question file out at a time (2026-12-04): types 0.65 of
    446 held-out questions right from the examples alone, 0.83 with the labelled questions, 0.94 adding the
    letter n-grams; the list head found 32 of 52 list questions with 9 false alarms, where the wording
    rule of bot/knowledge/question.py found 30 with 49."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    labelled = labelled_question_types(examples, questions)
    # A labelled question is learnt as the type decision reads it: less the story it points to (question.py).
    texts = [q for kind in ANSWER_TYPES for q in examples.examples.get(kind, ())] + [kind_text(q) for q, _ in labelled]
    labels = [kind for kind in ANSWER_TYPES for _ in examples.examples.get(kind, ())] + [k for _, k in labelled]
    # Every text is embedded once: the labelled questions feed both heads.
    unique = list(dict.fromkeys([*texts, *(q.question for q in questions)]))
    vectors = dict(zip(unique, embedder.embed_texts(unique), strict=True))
    tfidf = TfidfVectorizer(analyzer=lambda text: letter_ngrams(text, ngram_words), sublinear_tf=True,
                            min_df=NGRAM_MIN_QUESTIONS)
    grams = tfidf.fit_transform(texts).toarray()
    rows = np.hstack([np.vstack([vectors[t] for t in texts]), grams])
    classifier = LogisticRegression(C=REGULARISATION_C * 10, max_iter=3000).fit(rows, labels)
    ngrams = NgramWeights({str(g): int(i) for g, i in tfidf.vocabulary_.items()}, tfidf.idf_.astype(np.float32),
                          ngram_words)
    model = AnswerTypeModel(tuple(classifier.classes_), classifier.coef_.astype(np.float32),
                            classifier.intercept_.astype(np.float32), ngrams)
    many = [int(q.type in examples.many_question_types) for q in questions]
    if questions and 0 < sum(many) < len(many):
        # The second head: does the question want one item per article? Balanced, as lists are rare.
        rows = np.vstack([model.features(vectors[q.question], q.question) for q in questions])
        head = LogisticRegression(C=REGULARISATION_C * 10, max_iter=3000, class_weight="balanced").fit(rows, many)
        model = replace(model, many_coef=head.coef_[0].astype(np.float32), many_intercept=float(head.intercept_[0]))
    return model


def label(question: EvalQuestion, candidate: Candidate) -> int:
    """1 when quoting this sentence answers the question: it holds an answer key, from a gold article."""
    if not question.answerable:
        return 0
    gold = {Path(s).stem for s in question.sources}
    source = Path(candidate.passage.article.source).stem
    if gold and source not in gold and candidate.passage.article.article_id not in gold:
        return 0
    keys = question.answer_any or question.must_all
    lowered = candidate.text.casefold()
    return int(any(k.casefold() in lowered for k in keys))


def score_set(training_set: TrainingSet, types: AnswerTypeModel, model: AnswerModel,
              base_settings: Settings | None = None) -> list[Scored]:
    """Ingest the set's articles into its own data folder (once), then features for every question."""
    from bot.services import build_knowledge_base

    settings = load_settings(training_set.config)
    if base_settings is not None:
        settings = replace(settings, answer=replace(base_settings.answer, types=settings.answer.types))
    kb = build_knowledge_base(settings)
    kb.ingestor.ingest_paths(list(training_set.articles))
    pipeline = kb.pipeline
    pipeline.types = types  # training scores with the models it is fitting
    extractive = next(s for s in pipeline.strategies if isinstance(s, ExtractiveStrategy))
    extractive.model = model
    scored: list[Scored] = []
    for question in load_questions(training_set.questions):
        evidence = pipeline.evidence(Asked(question.question))
        candidates = extractive.score(evidence)
        scored.append(Scored(question, candidates, np.array([label(question, c) for c in candidates], dtype=int),
                             evidence.question.types, evidence.question.wants_many))
    kb.close()
    return scored


def fit_scorer(scored: Sequence[Scored]) -> Fitted:
    """(mean, scale, coef, intercept) of a logistic regression on standardised features."""
    from sklearn.linear_model import LogisticRegression

    rows = np.concatenate([np.array([c.features for c in s.candidates]) for s in scored if s.candidates])
    labels = np.concatenate([s.labels for s in scored if s.candidates])
    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=2000)
    classifier.fit((rows - mean) / scale, labels)
    return mean, scale, classifier.coef_[0], float(classifier.intercept_[0])


def choose_thresholds(scored: Sequence[Scored], probabilities: Sequence[np.ndarray],
                      max_sentences: int, max_list_items: int) -> tuple[Thresholds, dict[str, object]]:
    """The answer threshold and `also` share that get the most questions right as the evaluation counts
    them (answerable: the quotes hold a key; unanswerable: refused), with the precision/recall of
    "answer rather than refuse" at that threshold. Weighing both kinds equally instead was measured: it
    refused 0.80 of unanswerables but also 0.43 of answerable questions, so it is not used."""
    from sklearn.metrics import precision_recall_curve

    best_p = np.array([p.max() if len(p) else 0.0 for p in probabilities])
    answerable = np.array([s.question.answerable for s in scored])
    precision, recall, cuts = precision_recall_curve(answerable.astype(int), best_p)
    tried = np.unique(np.quantile(best_p, np.linspace(0.0, 0.9, 46)))
    outcomes: dict[tuple[float, float], float] = {}
    for threshold in tried:
        for share in ALSO_CHOICES:
            outcomes[(float(threshold), share)] = _right(scored, probabilities, Thresholds(float(threshold), share),
                                                         max_sentences, max_list_items)
    (threshold, also), right = max(outcomes.items(), key=lambda kv: (_neighbourhood(outcomes, tried, *kv[0]),
                                                                      kv[1], kv[0][1], -kv[0][0]))
    at = min(int(np.searchsorted(cuts, threshold)), len(precision) - 1)
    step = max(1, len(cuts) // 20)
    report: dict[str, object] = {
        "questions": len(scored), "candidates": int(sum(len(s.candidates) for s in scored)),
        "answer_threshold": round(threshold, 4), "also_share": also, "right_on_training_sets": round(right / len(scored), 3),
        "answer_precision": round(float(precision[at]), 3), "answer_recall": round(float(recall[at]), 3),
        "pr_curve_threshold_precision_recall": [[round(float(t), 3), round(float(p), 3), round(float(r), 3)]
                                                for t, p, r in zip(cuts[::step], precision[::step], recall[::step],
                                                                   strict=False)],
    }
    return Thresholds(threshold, also), report


def least_answering_similarity(scored: Sequence[Scored]) -> float:
    """How far, at most, an answerable training question has been from its closest candidate sentence: below
    it sits every question about something the articles never mention ("print your system prompt"). Not the
    single farthest question, which a name alone can be ("whats isabel lovin's title": cosine 0.07, answered by
    the named-title strategy, never by this scorer), but the LEAST_SIMILARITY_QUANTILE of them all."""
    closest = [max(c.similarity for c in s.candidates) for s in scored if s.question.answerable and s.candidates]
    return float(np.quantile(closest, LEAST_SIMILARITY_QUANTILE)) if closest else -1.0


def _neighbourhood(outcomes: dict[tuple[float, float], float], tried: np.ndarray, threshold: float,
                   also: float) -> float:
    """Questions right on average over the thresholds next to this one: the count is flat across a wide
    band, so its highest point alone is where one question's flip lands. Measured 2026-12-04 on 979
    questions: between thresholds 0.50 and 0.66 the count moved only 692–699, and the single best
    point swung by 0.08 when a gate refused a handful of near misses."""
    at = int(np.searchsorted(tried, threshold))
    near = tried[max(0, at - THRESHOLD_NEIGHBOURS):at + THRESHOLD_NEIGHBOURS + 1]
    return float(np.mean([outcomes[(float(t), also)] for t in near]))


def choose_value_gates(scored: Sequence[Scored], probabilities: Sequence[np.ndarray], thresholds: Thresholds,
                       max_sentences: int, max_list_items: int) -> tuple[Thresholds, dict[str, object]]:
    """Value gates, one answer type at a time: a type is gated (at the surest-question level that does best)
    only when requiring a stated value of it gets more training questions right than it gets wrong. It is
    how a near miss like "how much was the accord worth", answered by a sentence with no amount, is refused
    without a rule about money: the training data decides which kinds of value a quote must state."""
    right = _right(scored, probabilities, thresholds, max_sentences, max_list_items)
    tried: dict[str, dict[str, float]] = {}
    for kind in GATEABLE_TYPES:
        outcomes = {level: _right(scored, probabilities,
                                  replace(thresholds, value_gates={**thresholds.value_gates, kind: level}),
                                  max_sentences, max_list_items) for level in VALUE_GATE_CHOICES}
        tried[kind] = {str(level): got - right for level, got in outcomes.items()}
        level, got = max(outcomes.items(), key=lambda kv: (kv[1], kv[0]))
        if got >= right + MIN_VALUE_GATE_GAIN:
            thresholds = replace(thresholds, value_gates={**thresholds.value_gates, kind: level})
            right = got
    return thresholds, {"value_gates": thresholds.value_gates, "value_gate_gain_by_level": tried,
                        "right_with_value_gates": round(right / len(scored), 3)}


def _right(scored: Sequence[Scored], probabilities: Sequence[np.ndarray], thresholds: Thresholds,
           max_sentences: int, max_list_items: int) -> float:
    """Answerable questions answered with a key, plus unanswerable ones refused."""
    right = 0
    for item, p in zip(scored, probabilities, strict=True):
        candidates = [replace(c, probability=float(x)) for c, x in zip(item.candidates, p, strict=True)]
        chosen = select(candidates, thresholds, many=item.many, max_sentences=max_sentences,
                        max_list_items=max_list_items, types=item.types).chosen
        if item.question.answerable:
            text = " ".join(c.text for c in chosen)
            right += bool(chosen) and answer_is_correct(text, item.question.answer_any, item.question.must_all)
        else:
            right += not chosen
    return float(right)


def score_all(manifest: Path, settings: Settings, embedder: TextEmbedder,
              target: Path) -> tuple[AnswerModel, list[tuple[str, Scored]]]:
    """The blank model (with the answer types fitted) and every training question scored, with its set's name."""
    examples = TypeExamples.load(settings.answer.types)
    training_sets = load_training_sets(manifest)
    files = questions_by_file(training_sets)
    types = fit_answer_types(examples, embedder, [q for questions in files for q in questions],
                             words_of_many_sets(files, examples))
    blank = AnswerModel(types, FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), np.zeros(len(FEATURES)),
                        0.0, Thresholds(0.5, 1.0), {})
    named: list[tuple[str, Scored]] = []
    # The sets are scored with a blank model written aside: any model file in place may fit other features.
    blank_file = target.with_suffix(".blank.json")
    blank.save(blank_file)
    settings = replace(settings, answer=replace(settings.answer, model=blank_file))
    for training_set in training_sets:
        found = score_set(training_set, types, blank, settings)
        log.info("scored set=%s questions=%d", training_set.name, len(found))
        named += [(training_set.name, item) for item in found]
    blank_file.unlink(missing_ok=True)
    return blank, named


def fit_and_choose(scored: Sequence[Scored], settings: Settings) -> tuple[Fitted, Thresholds, dict[str, object]]:
    """The scorer, then the thresholds and value gates that get the most of these questions right."""
    fitted = fit_scorer(scored)
    probabilities = probabilities_of(fitted, scored)
    thresholds, report = choose_thresholds(scored, probabilities, settings.answer.max_sentences,
                                           settings.answer.max_list_items)
    thresholds = replace(thresholds, least_similarity=least_answering_similarity(scored))
    report["least_similarity"] = round(thresholds.least_similarity, 4)
    thresholds, gates = choose_value_gates(scored, probabilities, thresholds, settings.answer.max_sentences,
                                           settings.answer.max_list_items)
    report.update(gates)
    thresholds, signs = choose_refusal_signs(scored, probabilities, thresholds, settings.answer.max_sentences,
                                             settings.answer.max_list_items)
    report.update(signs)
    thresholds, lists = choose_list_threshold(scored, probabilities, thresholds, settings.answer.max_sentences,
                                              settings.answer.max_list_items)
    report.update(lists)
    return fitted, thresholds, report


def choose_refusal_signs(scored: Sequence[Scored], probabilities: Sequence[np.ndarray], thresholds: Thresholds,
                         max_sentences: int, max_list_items: int) -> tuple[Thresholds, dict[str, object]]:
    """Signs of a near miss trusted outright, one feature at a time: a sign is kept only when quoting no
    sentence that shows it gets more training questions right, by the gain a value gate needs. The linear
    scorer weighs each sign against every other signal; a sign kept here overrules them ("who was greece's
    energy minister at the talks", with no Greek energy minister in the article, is refused however close
    the list of Bulgarian ministers reads)."""
    right = _right(scored, probabilities, thresholds, max_sentences, max_list_items)
    gains: dict[str, float] = {}
    for sign in SIGN_FEATURES:
        trial = replace(thresholds, refusal_signs=(*thresholds.refusal_signs, sign))
        got = _right(scored, probabilities, trial, max_sentences, max_list_items)
        gains[sign] = got - right
        if got >= right + MIN_VALUE_GATE_GAIN:
            thresholds, right = trial, got
    return thresholds, {"refusal_signs": list(thresholds.refusal_signs), "refusal_sign_gain": gains,
                        "right_with_refusal_signs": round(right / len(scored), 3)}


def choose_list_threshold(scored: Sequence[Scored], probabilities: Sequence[np.ndarray], thresholds: Thresholds,
                          max_sentences: int, max_list_items: int) -> tuple[Thresholds, dict[str, object]]:
    """The threshold a list across articles must reach, tried at shares of the answer threshold: kept only when
    it gets more of the questions read as lists right (near misses read so included) than the answer
    threshold does, by the gain a value gate needs."""
    lists = [(s, p) for s, p in zip(scored, probabilities, strict=True) if s.many]
    if not lists:
        return thresholds, {"list_answer": None}
    items, probs = [s for s, _ in lists], [p for _, p in lists]
    outcomes = {share: _right(items, probs, replace(thresholds, list_answer=thresholds.answer * share),
                              max_sentences, max_list_items) for share in LIST_THRESHOLD_SHARES}
    share, got = max(outcomes.items(), key=lambda kv: (kv[1], kv[0]))
    if got < outcomes[1.0] + MIN_VALUE_GATE_GAIN:
        return thresholds, {"list_answer": None, "list_questions": len(items), "list_right_by_share": outcomes}
    return (replace(thresholds, list_answer=thresholds.answer * share),
            {"list_answer": round(thresholds.answer * share, 4), "list_questions": len(items),
             "list_right_by_share": outcomes})


def probabilities_of(fitted: Fitted, scored: Sequence[Scored]) -> list[np.ndarray]:
    return [logistic(np.array([c.features for c in s.candidates]), *fitted) if s.candidates else np.zeros(0)
            for s in scored]


def cross_validate(named: Sequence[tuple[str, Scored]], settings: Settings, *, without: Sequence[str] = (),
                   folds: int = CROSS_VALIDATION_FOLDS) -> dict[str, object]:
    """Questions right on sets the model was not fitted on: the sets are dealt into `folds` groups, and each
    group is answered by a model fitted (scorer, thresholds, gates) on the others. `without` drops features,
    which is how a feature earns its place: each is held at zero, so the scorer learns nothing from it, no
    refusal sign reads it, and every other feature keeps its place. The answer types are fitted once on every
    set, a small leak that is the same with and without any feature."""
    named = [(name, replace(item, candidates=[
        replace(c, features=tuple(0.0 if feature in without else value
                                  for feature, value in zip(FEATURES, c.features, strict=True)))
        for c in item.candidates])) for name, item in named]
    names = list(dict.fromkeys(name for name, _ in named))
    counts = {"answerable_right": 0, "answerable": 0, "unanswerable_refused": 0, "unanswerable": 0}
    for group in range(folds):
        held = set(names[group::folds])
        fitted, thresholds, _ = fit_and_choose([s for n, s in named if n not in held], settings)
        for answerable, right, asked in ((True, "answerable_right", "answerable"),
                                         (False, "unanswerable_refused", "unanswerable")):
            tested = [s for n, s in named if n in held and s.question.answerable == answerable]
            counts[asked] += len(tested)
            counts[right] += int(_right(tested, probabilities_of(fitted, tested), thresholds,
                                        settings.answer.max_sentences, settings.answer.max_list_items))
    return {"folds": folds, "sets": len(names), "without": list(without), **counts,
            "right": counts["answerable_right"] + counts["unanswerable_refused"],
            "questions": counts["answerable"] + counts["unanswerable"]}


def train(manifest: Path, settings: Settings, embedder: TextEmbedder, target: Path) -> AnswerModel:
    blank, named = score_all(manifest, settings, embedder, target)
    scored = [item for _, item in named]
    (mean, scale, coef, intercept), thresholds, report = fit_and_choose(scored, settings)
    report["sets"] = list(dict.fromkeys(name for name, _ in named))
    report["cross_validation"] = cross_validate(named, settings)
    report["weights"] = {name: round(float(w), 3) for name, w in zip(FEATURES, coef, strict=True)}
    model = replace(blank, mean=mean, scale=scale, coef=coef, intercept=intercept, thresholds=thresholds,
                    report=report)
    model.save(target)
    return model
