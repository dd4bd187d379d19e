"""Sentences that deny the event a question asks about. "What did Milei and Peña sign at the Casa Rosada" is not
answered by "No agreements were reported signed at the meeting": the article says the signing asked about did
not happen, so the answer is a refusal that shows that sentence, not a quote passed off as the answer. Only the
events the articles are read for count (config/answer_types.toml `[denials]`: signings and agreements,
visits, meetings); a denied topic word ("no defence deal was announced" for a question on defence technology)
says nothing of what was asked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.answers.question import Question
from bot.knowledge.model import Citation, CitedAnswer
from bot.knowledge.question import QuestionProfile
from bot.knowledge.text_terms import fold, stem

# Words that deny what follows them in their clause. ("without" is left out: "stay for 30 days without a visa"
# grants what it seems to deny.)
_NEGATIONS = frozenset({"no", "not", "never", "none", "neither", "nor", "cannot", "nothing", "nobody"})
# A negation that does not deny the event after it: "not only … but also", "no fewer than five", "not his first
# visit", "no ordinary trip", "there is no question the summit will go ahead".
_NOT_DENYING_NEXT = frozenset({"only", "just", "merely", "least", "fewer", "less", "more", "longer", "later",
                               "sooner", "doubt", "question", "first", "ordinary", "small", "mere", "stranger"})
# How far a negation reaches: the few words of what it denies ("no fishing agreement", "were not formally
# signed", "not a single agreement was signed"), never past a preposition ("no date for the return visit" denies
# a date, not the visit) nor a clause break; over "and"/"or" ("No agreements or documents were signed").
_REACH = 5
# Verbs of telling: a negation before one reaches past it to what is (not) told ("the report does not mention any
# agreement being signed", "officials did not confirm that a memorandum was signed").
_TELLING = frozenset({"report", "mention", "say", "said", "give", "gave", "given", "tell", "told", "disclos",
                      "reveal", "specifi", "state", "record", "confirm"})
# Words after an action that deny its object: "signed nothing", "signed no agreements".
_OBJECT_DENIED = frozenset({"nothing", "no", "none"})
# A clause opening with these denies all it tells.
_SUBJECT_DENIED = frozenset({"no", "nothing", "none", "neither", "nobody"})
_NO_ONE = re.compile(r"\bno one\b")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\.\s|\s-\s|\b(?:but|while|although|though|whereas|instead|however|for|of|to|"
                           r"in|on|at|during|with|between|about|from|by|after|before|because|than|since)\b")
# A clause that describes someone or something ("Marrow, who had not visited Veloria since 2029, landed …")
# tells of another time than the event asked about.
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose", "where", "when"})
# "couldnt", "didnt": a negation typed without its apostrophe.
_TYPED_NOT = re.compile(r"\b(?:could|did|does|do|was|is|were|are|has|have|had|should|would|wo|ca|must|need)nt\b")
# "No. 2", "no 10 downing street": a number, not a negation.
_NUMBER_SIGN = re.compile(r"\bno\.?\s*(?=\d)")
_WORD = re.compile(r"[a-z0-9]+")
# Past forms of event words whose stem is not the word's own ("met" for meet).
_IRREGULAR = {"met": "meet"}


@dataclass(frozen=True)
class Events:
    """The words for events: actions as written, which tell that one happened ("signed", "met"; not "signing"
    or "meeting", which may only name one), and the stems of every event word, actions and things alike ("a
    fishing agreement", "the visit")."""

    action_forms: frozenset[str]
    stems: frozenset[str]
    action_stems: frozenset[str]

    @classmethod
    def of(cls, actions: Iterable[str], things: Iterable[str]) -> Events:
        forms = frozenset(fold(w) for w in actions)
        return cls(forms, _stems(forms) | _stems(things), _stems(forms))

    def forms_of(self, asked: frozenset[str]) -> frozenset[str]:
        """The action forms of the events asked about ("sign" → "sign", "signed", "signs")."""
        return frozenset(f for f in self.action_forms if _stem_of(f) in asked)


NO_EVENTS = Events(frozenset(), frozenset(), frozenset())


def asked_stems(profile: QuestionProfile, events: frozenset[str]) -> frozenset[str]:
    """The events the question asks about: its words that are `events`, as stems ("what did X and Y sign in C" →
    {"sign"}, "who did X meet in C" → {"meet"}, "which MoUs" → {"mou"}), never a country or a place."""
    return frozenset(term for concept in profile.concepts if not (concept.is_country or concept.is_place)
                     for phrase in concept.alternatives for term in phrase if term in events)


def denies(sentence: str, asked: Iterable[str]) -> bool:
    """Whether a negation in the sentence reaches a word of what is asked ("No meeting … has taken place",
    "did not sign any agreement", "was never signed", "signed nothing") within its clause."""
    wanted = frozenset(asked)
    return bool(wanted) and any(_denied_in(words, wanted) for words in _clauses(sentence))


def affirms(sentence: str, asked: Iterable[str], forms: frozenset[str] = frozenset()) -> bool:
    """Whether a clause of the sentence tells of the event asked about without denying it ("they signed a grain
    protocol, but no ferry pact"): by one of the action `forms` as written when given ("signed", not "the
    signing"), else by any word of what is asked."""
    wanted = frozenset(asked)
    return any(not _denied_in(words, wanted)
               and any((w in forms) if forms else (_stem_of(w) in wanted) for w in words)
               for words in _clauses(sentence))


def is_negative(question: str) -> bool:
    """A question that itself asks about what did not happen ("why no rail pact", "which deals were not signed",
    "why was nothing signed"): a denial answers it."""
    return any(w in _NEGATIONS for w in _WORD.findall(_spelled_out(fold(question))))


def asks_of_an_event(question: Question, events: Events) -> bool:
    """Whether a denial could answer the question: it asks about an event and not about what did not happen."""
    return bool(asked_stems(question.profile, events.stems)) and not is_negative(question.text)


def denying_quotes(answer: CitedAnswer, question: Question, events: Events) -> Sequence[Citation]:
    """The answer's quotes when they deny the event the question asks about and none of them tells of it
    happening ("A third pact was not signed" beside "they signed a grain protocol" denies nothing asked; with
    an action asked, only an action as written tells it happened); nothing when the question asks about what
    did not happen."""
    asked = asked_stems(question.profile, events.stems)
    if answer.refused or not asked or is_negative(question.text):
        return ()
    denying = [c for c in answer.citations if denies(c.quote, asked)]
    forms = events.forms_of(asked)
    if not denying or any(affirms(c.quote, asked, forms) for c in answer.citations):
        return ()
    return denying


def _clauses(sentence: str) -> list[list[str]]:
    """The words of each clause of the sentence, less the relative clauses after a comma ("Marrow, who had not
    visited Veloria since 2029, landed …"), which tell of someone, not of the event."""
    pieces = _CLAUSE_BREAK.split(_spelled_out(fold(sentence)))
    clauses = [_WORD.findall(piece) for piece in pieces]
    return [words for n, words in enumerate(clauses) if not (n and words[:1] and words[0] in _RELATIVE)]


def _denied_in(words: list[str], wanted: frozenset[str]) -> bool:
    if words[:1] and words[0] in _SUBJECT_DENIED and not _NOT_DENYING_NEXT.intersection(words[1:3]):
        # "No agreements or documents were reported as signed": a denied subject denies its whole clause
        return any(_stem_of(w) in wanted for w in words)
    for index, word in enumerate(words):
        if word in _NEGATIONS and not _NOT_DENYING_NEXT.intersection(words[index + 1: index + 3]):
            reach = words[index + 1: index + 1 + _REACH]
            telling = next((i for i, w in enumerate(reach) if _stem_of(w) in _TELLING), None)
            if telling is not None:
                reach = words[index + 1: index + 2 + telling + _REACH]  # "does not report any agreement signed"
            if any(_stem_of(w) in wanted for w in reach):
                return True  # "no agreement was signed", "did not sign"
        elif _stem_of(word) in wanted and _OBJECT_DENIED.intersection(words[index + 1: index + 3]):
            return True  # "signed nothing", "signed no agreements"
    return False


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_stem_of(w) for w in (fold(w) for w in words) if w.isalpha())


def _stem_of(word: str) -> str:
    return stem(_IRREGULAR.get(word, word))


def _spelled_out(text: str) -> str:
    """ "didn't", "hasn't", "won't", "couldnt", "no one" with their negation as a word of its own; "No. 2" is a
    number."""
    text = _NUMBER_SIGN.sub("number ", text.replace("won't", "will not").replace("can't", "can not"))
    text = _NO_ONE.sub("nobody", text)
    return _TYPED_NOT.sub(" not", re.sub(r"n['’]t\b", " not", text))
