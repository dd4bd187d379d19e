"""Sentences that deny the event a question asks about. "What did Milei and Peña sign at the Casa Rosada" is not
answered by "No agreements were reported signed at the meeting": the article says the signing asked about did
not happen, so the answer is a refusal that shows that sentence, not a quote passed off as the answer. Only the
events the articles are read for count (signings and agreements, visits, meetings): a denied topic word ("no
defence deal was announced" for a question on defence technology) says nothing of what was asked."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.answers.question import Question
from bot.facts.catalog import ExtractionCatalog
from bot.knowledge.model import Citation, CitedAnswer
from bot.knowledge.question import QuestionProfile
from bot.knowledge.text_terms import fold, stem

# Words that deny what follows them in their clause.
# ("without" is left out: "stay for 30 days without a visa" grants what it seems to deny.)
_NEGATIONS = frozenset({"no", "not", "never", "none", "neither", "nor", "cannot"})
# A negation that does not deny: "not only … but also", "no fewer than five", "no longer than a week".
_NOT_DENYING_NEXT = frozenset({"only", "just", "merely", "least", "fewer", "less", "more", "longer", "later",
                               "sooner", "doubt", "one"})
# How far a negation reaches: the few words of what it denies ("no fishing agreement", "were not formally
# signed", "No agreements were reported signed"), never past a preposition ("no date for the return visit" denies
# a date, not the visit) nor a clause break.
_REACH = 4
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s|\b(?:but|while|although|though|whereas|instead|however|for|of|to|"
                           r"in|on|at|during|with|between|about|from|by|after|before|because|and|or|than)\b")
# "couldnt", "didnt": a negation typed without its apostrophe.
_TYPED_NOT = re.compile(r"\b(?:could|did|does|do|was|is|were|are|has|have|had|should|would|wo|ca|must|need)nt\b")
_WORD = re.compile(r"[a-z0-9]+")


def event_stems(catalog: ExtractionCatalog) -> frozenset[str]:
    """The stems of the words for the events the facts are read for: signing and agreements ("sign", "inked",
    "MoU", "pact"), visits ("trip", "stay") and meetings ("meeting", "talks", "summit")."""
    words = [*catalog.sign_verbs, *(f for forms in catalog.agreement_kinds.values() for f in forms),
             *(f for forms in catalog.agreement_kinds_exact.values() for f in forms), *catalog.visit_nouns,
             *catalog.venue_nouns]
    return frozenset(stem(w) for w in (fold(w) for w in words) if w.isalpha())


def asked_stems(profile: QuestionProfile, events: frozenset[str]) -> frozenset[str]:
    """The events the question asks about: its words that are `events`, less names and places ("what did X and Y
    sign in C" → {"sign"}, "who did X meet in C" → {"meet"})."""
    return frozenset(term for concept in profile.concepts
                     if not (concept.named or concept.is_country or concept.is_place)
                     for phrase in concept.alternatives for term in phrase if term in events)


def denies(sentence: str, asked: Iterable[str]) -> bool:
    """Whether a negation in the sentence reaches a word of what is asked ("No meeting … has taken place",
    "did not sign any agreement", "was never signed") within its clause."""
    wanted = frozenset(asked)
    if not wanted:
        return False
    for clause in _CLAUSE_BREAK.split(_spelled_out(fold(sentence))):
        words = _WORD.findall(clause)
        for index, word in enumerate(words):
            if word not in _NEGATIONS or words[index + 1: index + 2] and words[index + 1] in _NOT_DENYING_NEXT:
                continue
            if any(stem(w) in wanted for w in words[index + 1: index + 1 + _REACH]):
                return True
    return False


def is_negative(question: str) -> bool:
    """A question that itself asks about what did not happen ("why no rail pact", "which deals were not signed"):
    a denial answers it."""
    return any(w in _NEGATIONS for w in _WORD.findall(_spelled_out(fold(question))))


def denying_quote(answer: CitedAnswer, question: Question, events: frozenset[str]) -> Citation | None:
    """The first quote of the answer that denies the event the question asks about, unless the question asks
    about what did not happen."""
    if answer.refused or is_negative(question.text):
        return None
    asked = asked_stems(question.profile, events)
    return next((c for c in answer.citations if denies(c.quote, asked)), None)


def _spelled_out(text: str) -> str:
    """ "didn't", "hasn't", "won't", "couldnt" with their "not" as a word of its own."""
    text = text.replace("won't", "will not").replace("can't", "can not")
    return _TYPED_NOT.sub(" not", re.sub(r"n['’]t\b", " not", text))
