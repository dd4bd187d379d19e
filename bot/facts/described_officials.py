"""What a question says of an official by description rather than name: "the kestovian fm", "israel's def
min", "the mod dg" (a country, then role words), and whether an official's title fits that description.
Shared by the visit and the official questions (bot/facts/visit_questions.py, official_questions.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.facts.model import Official
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.question import QuestionProfile
from bot.knowledge.text_terms import STOPWORDS, stem, terms, words

_TOWARDS = frozenset(("to", "in", "into", "visit", "visits", "visiting", "visited", "at", "toured", "touring"))
_ROLE_ABBREVIATIONS = frozenset(("pm", "fm", "nsa", "dg", "min", "sec", "cds", "pres", "amb", "envoy"))
ROLE_HEADS = frozenset(stem(w) for w in (
    "minister", "president", "secretary", "adviser", "advisor", "chief", "ambassador", "envoy", "admiral",
    "general", "director", "premier", "chancellor", "commander", "head", "king", "queen", "governor"))


def role_understood(profile: QuestionProfile, sides: Sides) -> bool:
    """Every role word is one the articles use as typed (or a chat equivalent of one): "the israeli ag
    minister", with an "ag" no article writes, or "agric", known only by repair, may be the agriculture
    minister, so finding no official who fits is not proof that nobody does. The role's head ("minister")
    is understood from our own lists even where the store never writes it."""
    return all(_is_role_head(c.word) or (c.known and not c.repaired)
               for c in profile.concepts if c.word in sides.role_words)


def _is_role_head(word: str) -> bool:
    """"minister", "fm", "dg": a role by our own lists, whether or not the store writes it."""
    return stem(word) in ROLE_HEADS or word in _ROLE_ABBREVIATIONS


def fits_role(profile: QuestionProfile, sides: Sides, official: Official, title: str) -> bool:
    """Every role word of the question ("def min", "prime minister") is covered by the title or organisation."""
    concepts = [c for c in profile.concepts if c.word in sides.role_words]
    held = role_terms(official, title)
    # The word as typed or its chat equivalents, not its spelling repair: on a corpus without "minister",
    # "minister" is repaired to "ministry", and a Ministry's director general is no minister.
    return bool(concepts) and all(
        any(all(_held(t, held) for t in phrase) for phrase in ((stem(c.word),), *c.alternatives[1:]))
        for c in concepts)


def _held(term: str, held: frozenset[str]) -> bool:
    """The term, or its other spelling: British and American stems differ in their last letter ("defenc" and
    "defens", "organis" and "organiz")."""
    return term in held or (len(term) >= 5 and any(len(h) == len(term) and h[:-1] == term[:-1] for h in held))


def role_terms(official: Official, title: str) -> frozenset[str]:
    """A title with its organisation: "the mod dg" is the Director General of the Ministry of Defence."""
    return frozenset(terms(f"{title} {official.organisation or ''}"))


@dataclass(frozen=True)
class Sides:
    """What the question says of the visitor ("the kestovian fm": country and role words) and destination."""

    visitor: str | None = None
    role_words: tuple[str, ...] = ()
    destination: str | None = None


def described_sides(question: str, gazetteer: Gazetteer) -> Sides:
    visitor = destination = None
    role_words: tuple[str, ...] = ()
    for before, country, role in _countries_described(question, gazetteer):
        if visitor is None and role:
            visitor, role_words = country, role
        elif destination is None and before in _TOWARDS:
            destination = country
    return Sides(visitor, role_words, destination)


def described_roles(question: str, gazetteer: Gazetteer) -> tuple[Sides, ...]:
    """Every official the question describes by country and role, in order: "egypt's pm at the amman talks and
    bahrain's fm at the manama ones" describes two."""
    found: list[Sides] = []
    for _, country, role in _countries_described(question, gazetteer):
        if role and all((s.visitor, s.role_words) != (country, role) for s in found):
            found.append(Sides(country, role))
    return tuple(found)


def _countries_described(question: str, gazetteer: Gazetteer) -> Iterator[tuple[str | None, str, tuple[str, ...]]]:
    """Each country the question names: the word before it, the country, and the role words right after it."""
    tokens = [t for t in words(question) if t != "s"]  # "varnisk's def min"
    for index, token in enumerate(tokens):
        country = gazetteer.canonical(token)
        if country:
            yield (tokens[index - 1] if index else None), country, _role_after(tokens[index + 1:index + 4])


def _role_after(tokens: Sequence[str]) -> tuple[str, ...]:
    """The words right after a country that name a role: "kestovian fm", "israeli mod dg", "the pm"."""
    for end, token in enumerate(tokens, 1):
        if token in STOPWORDS:
            return ()
        if stem(token) in ROLE_HEADS or token in _ROLE_ABBREVIATIONS:
            return tuple(tokens[:end])
    return ()
