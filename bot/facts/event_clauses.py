"""Timeline labels read from the dependency parse: the clause a date belongs to, told as subject, verb and
what follows, without the date. A date that belongs to no clause with a subject and a verb (a dateline, a
byline, an update stamp, a bare place or heading) dates no event."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence
from bot.facts.catalog import ExtractionCatalog
from bot.facts.dates import DateMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A label longer than this is cut at a word and ends with "…": a timeline line is read at a glance.
MAX_LABEL_CHARS = 100
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
# Parts of a clause that are told elsewhere or only frame it.
_DROPPED = frozenset({"advcl", "relcl", "parataxis", "punct", "cc", "mark", "intj", "meta", "dep", "appos"})
_RELATIVE_WORDS = frozenset({"which", "who", "whom", "that", "where", "when", "whose"})
_NESTED = frozenset({"relcl", "appos", "advcl", "parataxis"})
# Pronouns in the object case stand as a subject only after "let" ("let me begin", "let us recall").
_OBJECT_PRONOUNS = frozenset({"me", "us"})
# What a governing verb brings along: "is [due]", "does [not] plan", "has [already] agreed".
_GOVERNING_PARTS = frozenset({"aux", "auxpass", "neg", "acomp"})
_FRAME_ADVERBS = frozenset({"however", "meanwhile", "also", "then", "later", "earlier", "now", "already", "last"})
# "KYIV, Feb 3 -", "NEW DELHI (Reuters) -": an all-capitals place before the date, a dash after it.
_DATELINE_BEFORE = re.compile(r"^[A-Z][A-Z .'’/-]*(?:\([^)]*\))?,?\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]*\)\s*)?[-–—:]")


def event_clause(
    sentence: ArticleSentence, doc: Doc, mention: DateMention, catalog: ExtractionCatalog
) -> str | None:
    """The label of the happening the date belongs to, or None when the date dates no happening."""
    if _is_dateline(sentence.text, mention):
        return None
    dated = [t for t in doc if mention.start <= t.idx < mention.end]
    if not dated:
        return None
    verb = _clause_verb(dated)
    if verb is None or verb.lemma_.casefold() in catalog.stamp_lemmas:
        return None
    subject = _subject(verb)
    if subject is None or subject.lower_ in _OBJECT_PRONOUNS:
        return None  # "let me begin the briefing": no one does anything yet
    skipped = _date_phrase(dated) | _nested(verb) | _nested(subject)
    described = verb.head if verb.dep_ in {"relcl", "acl"} and verb.head.i != verb.i else None
    if subject.lower_ in _RELATIVE_WORDS and described is not None:
        subject = described  # "the committee, which met on ...": the committee met
    subject_is_described = described is not None and subject.i == described.i
    keep_complement = verb.lemma_.casefold() in catalog.reporting_lemmas
    in_clause = {t.i for t in verb.subtree}
    left_out = skipped | _nested(subject) | (in_clause if subject_is_described else set())
    subject_tokens = [t for t in subject.subtree if t.i not in left_out]
    clause = [
        t for t in _clause_tokens(verb, subject, skipped, keep_complement=keep_complement)
        if t.lower_ not in _RELATIVE_WORDS
    ]
    ordered = sorted({*subject_tokens, *clause, *_governing_words(verb, skipped)}, key=lambda t: t.i)
    if described is not None and not subject_is_described and not any(
        c.dep_ == "dobj" and c.lower_ not in _RELATIVE_WORDS for c in verb.children
    ):
        # "the framework the two countries set up in 2011": the two countries set up the framework.
        head_phrase = [t for t in described.subtree if t.i not in in_clause]
        ordered += [t for t in head_phrase if t.lower_ not in _RELATIVE_WORDS and t.dep_ != "punct"]
    return _render(ordered)


def is_stamp_or_dateline(
    sentence: ArticleSentence, doc: Doc, mention: DateMention, catalog: ExtractionCatalog
) -> bool:
    """A dateline, or a date hanging from a verb that stamps the text ("updated at", "posted on")."""
    if _is_dateline(sentence.text, mention):
        return True
    dated = [t for t in doc if mention.start <= t.idx < mention.end]
    verb = _clause_verb(dated) if dated else None
    return verb is not None and verb.lemma_.casefold() in catalog.stamp_lemmas


def _is_dateline(text: str, mention: DateMention) -> bool:
    return bool(_DATELINE_BEFORE.match(text[: mention.start]) and _DATELINE_AFTER.match(text[mention.end :]))


def _clause_verb(dated: list[Token]) -> Token | None:
    """The verb the date phrase hangs from."""
    inside = {t.i for t in dated}
    root = next((t for t in dated if t.head.i not in inside or t.head.i == t.i), dated[0])
    for token in (root, *root.ancestors):
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            return token
    return None


def _subject(verb: Token) -> Token | None:
    """The clause's subject: its own, or the one of the verb it is joined to ("arrived and opened")."""
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            return None
        subject = next((c for c in current.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        if current.dep_ in {"relcl", "acl"}:
            # "the meeting, held in Tel Aviv on October 27": the clause describes its head noun.
            return current.head
        if current.dep_ in {"conj", "xcomp", "advcl"} and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


def _governing_words(verb: Token, skipped: set[int]) -> list[Token]:
    """ "He is due to move on to Osaka": the verbs above one whose subject is theirs ("is due", "plans"), with
    their auxiliaries and negation, so the clause still reads as a sentence."""
    words: list[Token] = []
    current = verb
    while current.dep_ == "xcomp" and current.head.i != current.i:
        current = current.head
        words.append(current)
        words += [c for c in current.children if c.dep_ in _GOVERNING_PARTS and c.i not in skipped]
    return words


def _nested(head: Token) -> set[int]:
    """Tokens of clauses and asides inside this phrase ("Singh, who took office in 2024, ..."): told elsewhere."""
    return {
        t.i for inner in head.subtree if inner.i != head.i and inner.dep_ in _NESTED for t in inner.subtree
    }


def _date_phrase(dated: list[Token]) -> set[int]:
    """The date's tokens with the preposition that introduced it ("on Thursday", "in July 2024")."""
    skipped = {t.i for t in dated}
    for token in dated:
        head = token.head
        if head.dep_ == "prep" and head.i not in skipped and token.dep_ == "pobj":
            skipped.update(t.i for t in head.subtree)
        for child in token.subtree:
            skipped.add(child.i)
    return skipped


def _clause_tokens(verb: Token, subject: Token, skipped: set[int], *, keep_complement: bool) -> list[Token]:
    tokens = [verb]
    for child in verb.children:
        if child.i in skipped or child.i == subject.i or child.dep_ in _SUBJECTS:
            continue
        if child.dep_ in _DROPPED or (child.dep_ == "ccomp" and not keep_complement):
            continue
        if child.dep_ == "advmod" and child.lower_ in _FRAME_ADVERBS:
            continue
        if child.dep_ == "conj" and child.pos_ == "VERB":
            continue
        tokens += [t for t in child.subtree if t.i not in skipped]
    return tokens


def _render(tokens: list[Token]) -> str | None:
    # A comma left beside words taken out ("Gilad Cohen, [the deputy director-general,] told") goes too.
    tokens = [
        t for n, t in enumerate(tokens)
        if not (t.is_punct and t.text == "," and (
            n + 1 == len(tokens) or tokens[n + 1].i != t.i + 1 or n == 0 or tokens[n - 1].i != t.i - 1))
    ]
    pieces = []
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        gap = token.whitespace_ or (" " if following is not None and following.i != token.i + 1 else "")
        pieces.append(token.text + gap)
    text = "".join(pieces).strip(" ,;:-–—")
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text)
    text = re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\s{2,}", " ", text))
    text = re.sub(r"\(\s*\)", "", text).strip(" ,;:")
    if len(text.split()) < 3:
        return None
    if len(text) > MAX_LABEL_CHARS:
        text = text[:MAX_LABEL_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return text[0].upper() + text[1:]
