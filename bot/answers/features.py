"""The signals the answer model weighs for each candidate sentence. Each is general: meaning (the
embedder), words (the question's concepts, with typed variants), the answer type, where the sentence
stands, how its passage ranked, and whether its article is about what the question names."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from bot.answers.answer_types import TypeExamples
from bot.answers.asked_dates import (
    asks_about_future,
    asks_about_past,
    dated_only_before,
    tells_no_time,
    tells_of_a_decision,
    tells_of_future,
)
from bot.answers.candidates import Candidate
from bot.answers.parts import other_parts
from bot.answers.question import Question
from bot.knowledge.numbers import is_cardinal, numbers_asked, numbers_stated
from bot.knowledge.question import Concept
from bot.knowledge.text_terms import fold, stem, words

FEATURES = (
    "similarity",            # cosine of question and sentence (read in its passage)
    "similarity_gap",        # best candidate's similarity minus this one's
    "passage_similarity",    # cosine of question and the whole passage
    "passage_rank",          # 1 / (1 + rank of the passage in retrieval)
    "coverage",              # weighted share of the question's concepts the sentence itself has
    "coverage_in_context",   # the same, counting the article's title, lead, countries and month
    "coverage_with_previous",  # the same, counting the sentence before it in the passage
    "named_in_article",      # share of the question's names the article mentions
    "countries_covered",     # the article covers the countries the question names
    "type_match",            # probability-weighted: the sentence holds a value of the type asked for
    "type_mismatch",         # the type asked for is specific and the sentence holds none of it
    "new_value",             # probability-weighted: it holds a value of the type asked that the question doesn't name
    "echo",                  # share of the sentence's terms that are the question's own (restating, not answering)
    "numbers_missing",       # share of the question's numbers and years its context never states
    "past_for_future",       # the question asks what is to come and the sentence tells only of the past
    "future_for_past",       # the question asks what was done and the sentence tells of what is to come (a preview)
    "role_unheld",           # the question describes an official ("kenya's fm") nobody in the article may be
    "holder_unnamed",        # it describes one, and neither the sentence nor the one before names who that is
    "agreement_untold",      # probability-weighted: it asks what was signed, and the article tells of no agreement
    "amount_of_other",       # probability-weighted: it asks what something costs, and the sentence prices another thing
    "is_lead",               # the article's opening sentence
    "early_passage",         # 1 / (1 + passage index in the article)
    "early_sentence",        # 1 / (1 + sentence index in the passage)
    "length",                # words / 40, capped at 1
)

_SPECIFIC_TYPES = ("date", "duration", "money", "count", "person", "organisation", "place", "reason", "agreement",
                   "areas")
_FOLD = re.compile(r"[^0-9a-z]+")
# A count states what it counts within this many words ("seven new bilateral agreements").
COUNT_NOUN_REACH = 6
# Two spellings share this much of their letter trigrams: a typo or another way of writing the same word.
FUZZY_TRIGRAM_OVERLAP = 0.6


# How a question asks for an amount rather than what it is the amount of ("how much is the port deal worth",
# "what did the jets cost", "value of the dam?", "how much is X giving Y"): stems, left out when finding the thing the question prices.
# Not the things themselves ("investment", "budget", "loan"): "how much investment …" prices investment.
AMOUNT_ASKING = frozenset(stem(w) for w in (
    "worth", "cost", "costs", "value", "valued", "price", "priced", "pay", "paid", "paying", "money", "amount",
    "sum", "total", "dollars", "usd", "spend", "spent", "size", "involved", "putting", "get", "got", "receive",
    "received", "give", "gives", "giving", "gave", "given", "provide", "provides", "providing", "provided", "offer",
    "offers", "offering", "offered", "lend", "lends", "lending", "lent", "donate", "donates", "donating", "donated"))


# The value gates (bot/answers/selection.py) read the values a sentence states that the question does not
# name, except an agreement: a quote states one in the question's own words ("which agreements were signed":
# "two agreements were signed"), and a sentence with none ("the king will travel on Monday") answers no
# question about what was signed.
STATED_EVEN_IF_ASKED = frozenset({"agreement"})


def candidate_features(question: Question, candidates: Sequence[Candidate], values: TypeExamples,
                       article_terms: dict[str, frozenset[str]],
                       contexts: dict[str, str], *, in_parts: bool = False,
                       holders: Mapping[str, Sequence[Sequence[str]]] | None = None,
                       possibly_held: Mapping[str, bool] | None = None,
                       agreements_told: Mapping[str, bool] | None = None,
                       people: Mapping[str, Sequence[str]] | None = None) -> tuple[np.ndarray, list[frozenset[str]]]:
    """One row of FEATURES per candidate, and the answer types each states a new value of (what a value
    gate reads, with STATED_EVEN_IF_ASKED); `contexts` is each article's title and lead as text, `holders`
    for each article the officials who can be each one the question describes
    (bot/facts/official_questions.py `role_holders`), `possibly_held` for each article whether someone it names
    may hold every role described (`roles_possibly_held`), `agreements_told` whether each article's extracted
    facts hold any agreement (none: "what did they sign at the cabinet meeting" asks what it never tells),
    `people` each article's officials. A question `in_parts` (see
    bot/answers/parts.py) is read by each article for its own part: the names only other articles have
    are left out of that article's coverage."""
    if not candidates:
        return np.zeros((0, len(FEATURES)), dtype=np.float32), []
    every_concept = [c for c in question.profile.concepts if not c.is_country] or list(question.profile.concepts)
    elsewhere = (other_parts(question.profile, {c.article_id: article_terms[c.article_id] for c in candidates})
                 if in_parts else {})
    best = max(c.similarity for c in candidates)
    asked = set(question.profile.countries)
    asked_words = frozenset(words(question.text))
    question_terms = frozenset(t for c in question.profile.concepts for phrase in c.alternatives for t in phrase)
    numbers = frozenset(numbers_asked(question.text))
    wanted = sum(question.wants(t) for t in _SPECIFIC_TYPES)
    counted = counted_stems(question, values)
    # Read in parts ("the dec 2023 and june 2024 stories"), a number only another article states is its part's.
    by_passage: dict[str, set[str]] = {}
    if numbers:  # what a passage states is read once for all its sentences
        for c in candidates:
            if c.passage.chunk.chunk_id not in by_passage:
                by_passage[c.passage.chunk.chunk_id] = _stated(c, contexts)
    said = [by_passage.get(c.passage.chunk.chunk_id, set()) for c in candidates]
    stated: dict[str, frozenset[str]] = {}
    if in_parts and numbers:
        for c, numbers_said in zip(candidates, said, strict=True):
            stated[c.article_id] = stated.get(c.article_id, frozenset()) | (numbers & numbers_said)
    future = asks_about_future(question.text)
    # "when is the next round": its answer is a date still to come, not one the report has passed
    dates_asked = question.surely("date")
    past = asks_about_past(question.text)
    rows = np.zeros((len(candidates), len(FEATURES)), dtype=np.float32)
    new_values: list[frozenset[str]] = []
    for row, candidate in enumerate(candidates):
        others = elsewhere.get(candidate.article_id, frozenset())
        concepts = [c for c in every_concept if c.word not in others]
        names = [c for c in concepts if c.named and not c.generic]
        priced = priced_concepts(concepts)
        # a live blog's entry is dated by its time stamp, as a sentence by its own date
        held, new = values.read(f"{candidate.stamp} {candidate.text}" if candidate.stamp else candidate.text, asked_words)
        if people and people.get(candidate.article_id):
            held, new = people_named(candidate.text, people[candidate.article_id], asked_words, held, new)
        if counted and "count" in held and not states_count_of(candidate.text, counted):
            # "how many agreements …": "the two sides" is a count, but not of agreements.
            held, new = held - {"count"}, new - {"count"}
        new_values.append(new | (held & STATED_EVEN_IF_ASKED))
        matched = sum(question.wants(t) for t in _SPECIFIC_TYPES if t in held)
        article = article_terms[candidate.article_id]
        published = candidate.passage.article.published
        to_come = (future or past) and tells_of_future(candidate.text, published)
        rows[row] = (
            candidate.similarity,
            best - candidate.similarity,
            candidate.passage.dense_similarity,
            1.0 / (1 + candidate.passage_rank),
            coverage(concepts, candidate.own_terms, candidate.text),
            coverage(concepts, candidate.context_terms, candidate.text),
            coverage(concepts, candidate.own_terms | candidate.previous_terms, candidate.text),
            coverage(names, article, "") if names else 1.0,
            1.0 if asked <= set(candidate.passage.article.countries) else 0.0,
            matched,
            max(0.0, wanted - matched),
            sum(question.wants(t) for t in _SPECIFIC_TYPES if t in new),
            len(candidate.own_terms & question_terms) / (len(candidate.own_terms) or 1),
            _numbers_missing(_own_part(numbers, candidate.article_id, stated), said[row]),
            float(future and ((dates_asked and dated_only_before(candidate.text, published))
                              or (not to_come and not tells_of_a_decision(candidate.text)
                                  and not tells_no_time(candidate.text, published)))),
            float(past and to_come),
            float(possibly_held is not None and not possibly_held.get(candidate.article_id, True)),
            float(holders is not None and not holder_named(
                [n for side in holders.get(candidate.article_id, ()) for n in side],
                candidate.own_terms | candidate.previous_terms)),
            (question.wants("agreement") if agreements_told is not None
             and not agreements_told.get(candidate.article_id, True) else 0.0),
            (question.wants("money") if priced and "money" in held
             and not prices_the_thing(priced, candidate.own_terms | candidate.previous_terms, candidate.text)
             else 0.0),
            1.0 if candidate.chunk_index == 0 and candidate.number == 0 else 0.0,
            1.0 / (1 + candidate.chunk_index),
            1.0 / (1 + candidate.number),
            min(1.0, len(candidate.text.split()) / 40),
        )
    return rows, new_values


def people_named(text: str, names: Sequence[str], asked_words: frozenset[str], held: frozenset[str],
                  new: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A person in the sentence is one of its article's officials (bot/facts): "who hosted ramaphosa" is not
    answered by "South African President Cyril Ramaphosa arrived", whose capitalised pairs ("South African",
    "State Visit") the value patterns would take for people. A new person is an official the question does
    not name. A sentence naming none of them is left to the value patterns."""
    named = [n for n in names if (parts := n.split()) and re.search(rf"\b{re.escape(parts[-1])}\b", text)]
    if not named:
        return held, new  # none of the officials: the value patterns decide (an untitled person, say)
    fresh = any(not {w for w in words(n) if len(w) > 2} & asked_words for n in named)
    return held | {"person"}, (new | {"person"}) if fresh else (new - {"person"})


def holder_named(names: Sequence[str], terms: frozenset[str]) -> bool:
    """ "when did the indian prime minister visit israel" is answered by a sentence that names the Indian prime
    minister (or follows one that does), not by another official's visit. A report calls someone by the family
    name or, as Lao, Thai or Chinese reports may, by the other word of a two-word name ("Sonexay paid courtesy
    calls", "Xi arrived")."""
    return any(stem(part) in terms for name in names for part in called_by(name))


def called_by(name: str) -> set[str]:
    """The words a report may call a person by: the last word of the name, and of a two-word name the first
    (in a longer one the first is often a given name others share: "Mohammed bin Salman", "Mohammed Shia
    al-Sudani"); an initial is none ("S Jaishankar")."""
    parts = words(name)
    told = parts[-1:] + (parts[:1] if len(parts) == 2 else [])
    return {p for p in told if len(p) > 1} or set(parts[-1:])


def counted_stems(question: Question, values: TypeExamples | None = None) -> frozenset[str]:
    """The stems that name what a count question counts ("how many mous" → the MoU's stems, and with `values`
    the words of its kind: "documents", "accords"), or none."""
    noun = question.profile.counted
    if noun is None:
        return frozenset()
    concept = next((c for c in question.profile.concepts if c.word == noun), None)
    alternatives = {t for phrase in concept.alternatives for t in phrase} if concept is not None else set()
    family = values.counted_together(stem, noun) if values is not None else frozenset()
    return frozenset({stem(noun), *alternatives, *family})


def priced_concepts(concepts: Sequence[Concept]) -> list[Concept]:
    """What an amount question asks the price of: its words less the countries, the numbers (years are
    `numbers_missing`'s) and the words that ask for an amount, as typed or repaired ("how much is the *lng
    deal* worth" → lng, deal). Empty when it names nothing else ("how much did saudi pay egypt"): then any
    amount may be the one asked."""
    return [c for c in concepts
            if not c.is_country and not c.generic and not any(ch.isdigit() for ch in c.word)
            and not any(len(phrase) == 1 and phrase[0] in AMOUNT_ASKING for phrase in c.alternatives)
            and stem(c.word) not in AMOUNT_ASKING]


def prices_the_thing(priced: Sequence[Concept], terms: frozenset[str], text: str) -> bool:
    """Whether a sentence that states an amount names what the question prices, by its stems in the sentence
    or the one before ("The port will cost $90 million" after "…agreed to build a port at X"), or a word the
    corpus does not know spelled in the sentence itself: "trade reached $6 billion" does not price the
    farming agreement asked about."""
    return coverage(priced, terms, text) > 0


def states_count_of(text: str, counted: frozenset[str]) -> bool:
    """Whether the sentence counts the thing asked about: a cardinal number shortly before a word for it
    ("signed seven agreements", "12 memoranda of understanding", "1,200 Indian workers")."""
    return any(is_cardinal(word) and any(stem(t) in counted for t in tokens[i + 1:i + 1 + COUNT_NOUN_REACH])
               for clause in _CLAUSE_BREAK.split(text) for tokens in [words(clause)] for i, word in enumerate(tokens))


# Where a count stops reaching: a fact box's fields ("Stay: under 24 hours - Agreements: several") and a
# sentence's parts, each of which counts only its own things.
_CLAUSE_BREAK = re.compile(r"[;:|•\n]|\s[-–—]\s")


def _numbers_missing(numbers: frozenset[str], said: set[str]) -> float:
    """A question about 2019, or about 12 ships, is not answered by a passage that never says 2019 or 12 (`said`:
    what the passage states, see `_stated`); the "5th session" is the passage's "fifth"."""
    if not numbers:
        return 0.0
    return len(numbers - said) / len(numbers)


def _stated(candidate: Candidate, contexts: dict[str, str]) -> set[str]:
    """The numbers a candidate's passage, its article's title and lead, and its publication year state."""
    said = numbers_stated(candidate.passage.chunk.text + " " + contexts.get(candidate.article_id, ""))
    published = candidate.passage.article.published
    if published:
        said.add(str(published.year))
    return said


def _own_part(numbers: frozenset[str], article_id: str, stated: dict[str, frozenset[str]]) -> frozenset[str]:
    """The question's numbers less those only other articles state: those belong to the other parts."""
    others = {n for a, said in stated.items() if a != article_id for n in said}
    return numbers - (others - stated.get(article_id, frozenset()))


def coverage(concepts: Sequence[Concept], sentence_terms: frozenset[str], text: str) -> float:
    """Weighted share of the concepts found: by stem or chat equivalent, or for a word the corpus does
    not know, by a spelling of it in the text (joined, hyphenated, or one typo away)."""
    total = sum(c.weight for c in concepts)
    if not total:
        return 0.0
    found = 0.0
    for concept in concepts:
        if concept.covered_by(sentence_terms) or (not concept.known and text and spelled_in(concept.word, text)):
            found += concept.weight
    return found / total


def spelled_in(word: str, text: str) -> bool:
    """Whether `word`, as someone typed it, is written in `text` some other way: "mrsam" for "MR-SAM",
    "2+2" for "two-plus-two" (joined forms), or with a letter or two wrong ("sindur" for "Sindoor")."""
    typed = _FOLD.sub("", fold(word))
    if len(typed) < 3:
        return False
    tokens = [_FOLD.sub("", t) for t in fold(text).split()]
    joined = [a + b for a, b in zip(tokens, tokens[1:], strict=False)]
    for token in [*tokens, *joined]:
        if token == typed or (len(typed) >= 5 and _trigram_overlap(typed, token) >= FUZZY_TRIGRAM_OVERLAP):
            return True
    return False


def _trigram_overlap(a: str, b: str) -> float:
    ta, tb = _trigrams(a), _trigrams(b)
    return len(ta & tb) / (len(ta | tb) or 1)


@lru_cache(maxsize=65536)
def _trigrams(word: str) -> frozenset[str]:
    padded = f"#{word}#"
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))
