"""What a question says of an official by description rather than name: "the kestovian fm", "israel's def
min", "the mod dg" (a country, then role words), and whether an official's title fits that description.
Shared by the visit and the official questions (bot/facts/visit_questions.py, official_questions.py)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.facts.model import Official
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.question import QuestionProfile
from bot.knowledge.text_terms import STOPWORDS, stem, terms, words

_TOWARDS = frozenset(("to", "in", "into", "visit", "visits", "visiting", "visited", "at", "toured", "touring"))
_ROLE_ABBREVIATIONS = frozenset(("pm", "fm", "vp", "nsa", "dg", "min", "sec", "cds", "pres", "amb", "envoy"))
# Words in the longest country name a question may type ("bosnia and herzegovina", "papua new guinea").
_LONGEST_COUNTRY_WORDS = 4
# The words after a country read for its role: "varnisk's deputy def min of trade and industry".
_ROLE_REACH = 9
_PORTFOLIO_OPENERS = frozenset(("of", "for"))
_PHRASE_BREAK = re.compile(r"[()\[\],;:?!|]")
# "the israeli officials", "which officials were there": anyone the article gives a title (plural only: "an
# official visit" describes no one).
ANY_OFFICIAL = "officials"
# "the deputy foreign ministers": at most this many words before a plural role head narrow it.
_MAX_ROLE_MODIFIERS = 2
# The word of a title that names the office ("minister" of "trade minister"), so "the turkish parliament speaker"
# or "the council chairwoman" describes someone as "the foreign minister" does. Not a royal style ("Prince",
# "Sultan", "Emir"), which reports write as part of the name ("Prince Mohammed bin Salman"), so that a holder
# found by title would be missed; nor "chair", also a verb.
ROLE_HEADS = frozenset(stem(w) for w in (
    "minister", "president", "secretary", "adviser", "advisor", "chief", "ambassador", "envoy", "admiral",
    "general", "director", "premier", "chancellor", "commander", "head", "king", "queen", "governor", "speaker",
    "chairman", "chairwoman", "chairperson", "spokesperson", "spokesman", "spokeswoman", "mayor", "senator",
    "commissioner"))


def role_understood(profile: QuestionProfile, sides: Sides) -> bool:
    """Every role word is one the articles use as typed (or a chat equivalent of one): "the israeli ag
    minister", with an "ag" no article writes, or "agric", known only by repair, may be the agriculture
    minister, so finding no official who fits is not proof that nobody does. The role's head ("minister")
    is understood from our own lists even where the store never writes it."""
    return all(_is_role_head(c.word) or (c.known and not c.repaired)
               for c in profile.concepts if c.word in sides.role_words)


# Words that make a head a fixed office ("prime minister", "vice president", "crown prince"): typed whole, they
# cannot be a spelling of some other word the store writes, so a store that never writes them holds no such
# official.
_OFFICE_MODIFIERS = frozenset(("prime", "vice", "deputy", "crown"))


def _is_role_head(word: str) -> bool:
    """"minister", "fm", "dg", "prime": a role by our own lists, whether or not the store writes it."""
    return (stem(word) in ROLE_HEADS or word in _ROLE_ABBREVIATIONS or word in _OFFICE_MODIFIERS
            or word == ANY_OFFICIAL or _abbreviation_plural(word))


def _abbreviation_plural(word: str) -> bool:
    """"pms", "fms": a role acronym typed in the plural (not "press" or "mins", words of their own)."""
    return word.endswith("s") and word[:-1] in _ROLE_ACRONYMS


# The role abbreviations that are initials, whose plural is typed with an "s" ("pms", "fms", "dgs").
_ROLE_ACRONYMS = frozenset(("pm", "fm", "vp", "nsa", "dg", "cds"))


def fits_role(profile: QuestionProfile, sides: Sides, official: Official, title: str) -> bool:
    """Every role word of the question ("def min", "prime minister") is covered by the title or organisation."""
    concepts = [c for c in profile.concepts if c.word in sides.role_words and c.word != ANY_OFFICIAL]
    if not concepts and ANY_OFFICIAL in sides.role_words:
        return True  # "the israeli officials": whoever holds a title
    if _NOT_YET_IN_OFFICE.search(title) and not _NOT_YET_IN_OFFICE.search(profile.text):
        return False  # a president-elect is no answer to "who is veloria's president"
    held = role_terms(official, title)
    # The word as typed or its chat equivalents, not its spelling repair: on a corpus without "minister",
    # "minister" is repaired to "ministry", and a Ministry's director general is no minister.
    return bool(concepts) and all(
        any(all(_held(t, held) for t in phrase) for phrase in ((stem(c.word),), *c.alternatives[1:]))
        for c in concepts)


# An office about to be taken up ("President-elect", "Prime Minister-designate"), in a title or a question.
_NOT_YET_IN_OFFICE = re.compile(r"\b(?:elect|designate)\b", re.IGNORECASE)


# A question that joins two offices ("the dpm/foreign min", "deputy pm & fm") describes one person holding both.
_OFFICES_JOINED = re.compile(r"\w\s*/\s*\w|\s&\s")


def offices(official: Official, question: str) -> tuple[str, ...]:
    """Each title, and, when the question joins two offices with "/" or "&", all of them at once: "the
    dpm/foreign min" is one person who is deputy prime minister and foreign minister, which no single title
    says. Otherwise a role must fit one title ("minister of state" and "defence adviser" make no defence
    minister)."""
    if len(official.titles) > 1 and _OFFICES_JOINED.search(question):
        return (*official.titles, " ".join(official.titles))
    return official.titles


def fits_an_office(profile: QuestionProfile, sides: Sides, official: Official) -> bool:
    """Whether the official may be the one described: some office of theirs (`offices`) fits every role word."""
    return any(fits_role(profile, sides, official, title) for title in offices(official, profile.text))


def _held(term: str, held: frozenset[str]) -> bool:
    """The term, or its other spelling: British and American stems differ in their last letter ("defenc" and
    "defens", "organis" and "organiz"); or a portfolio word typed cut short ("agri" of "agricultur", "educ"), never a head
    ("minist" is no "ministri": a ministry's director is no minister)."""
    return term in held or (len(term) >= 5 and any(len(h) == len(term) and h[:-1] == term[:-1] for h in held)) or (
        len(term) >= _SHORTENED_LETTERS and term not in ROLE_HEADS and term not in _ROLE_ABBREVIATIONS
        and any(h.startswith(term) for h in held))


# The fewest letters a portfolio word typed cut short keeps ("agri", "educ"): fewer ("ag", "def") are read only
# as the vocabulary lists them.
_SHORTENED_LETTERS = 4


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


def role_tokens(text: str) -> list[str]:
    """The question's words as its roles are read, a possessive's "s" dropped ("varnisk's def min")."""
    return [t for t in words(text) if t != "s"]


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
    tokens = role_tokens(question)
    # a role ends where the phrase does: "namibias minister of trade (bnc trip)"
    ends = list(itertools.accumulate(len(role_tokens(p)) for p in _PHRASE_BREAK.split(question)))
    index = 0
    while index < len(tokens):
        # the longest name first: "south africa's", "trinidad and tobago pm"
        found = next(((size, country) for size in range(_LONGEST_COUNTRY_WORDS, 0, -1)
                      if (country := gazetteer.canonical_before_role(" ".join(tokens[index:index + size])))), None)
        if found is None:
            index += 1
            continue
        size, country = found
        last = index + size - 1
        end = min(last + _ROLE_REACH, next((e for e in ends if e > last), len(tokens)))
        yield (tokens[index - 1] if index else None), country, _role_after(tokens[last + 1:end])
        index = last + 1


def _role_after(tokens: Sequence[str]) -> tuple[str, ...]:
    """The words right after a country that name a role: "kestovian fm", "israeli mod dg", "the pm", and a
    portfolio after "of" or "for" ("namibia's minister of industrialisation and trade")."""
    for end, token in enumerate(tokens, 1):
        if token in STOPWORDS:
            return ()
        if _is_role_head(token):
            return (*tokens[:end], *_portfolio(tokens[end:]))
    return ()


def _portfolio(tokens: Sequence[str]) -> tuple[str, ...]:
    """"of industrialisation n trade" → ("industrialisation",): the word right after "of"/"for" narrows the
    role; the words after it may already be the rest of the question ("minister of defence go to …"), so they
    are not required of a title ("fm of the day" has none)."""
    if len(tokens) < 2 or tokens[0] not in _PORTFOLIO_OPENERS or tokens[1] in STOPWORDS or _is_role_head(tokens[1]):
        return ()
    return (tokens[1],)


def plural_role(profile: QuestionProfile, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The role words of a question that asks for the holders of a role, of no country it names: "the
    defence ministers in the two stories" → ("defence", "ministers"), "which presidents were there" →
    ("presidents",). The head is plural; the words before it that the question asks about ("defence",
    "foreign", "deputy") narrow it. Empty when there is no such role, or a country word describes it
    ("the israeli ministers" is one side's, which `described_roles` reads)."""
    tokens = role_tokens(profile.text)
    # title words are written capitalised, so a "named" word may narrow the role too ("trade ministers")
    modifiers = {c.word for c in profile.concepts if not (c.is_country or c.generic or c.is_place)}
    for index, token in enumerate(tokens):
        if not (_is_plural_role_head(token) and (token == ANY_OFFICIAL or token in modifiers)):
            continue
        start = index
        while start > 0 and index - start < _MAX_ROLE_MODIFIERS and tokens[start - 1] in modifiers \
                and not _is_plural_role_head(tokens[start - 1]):
            start -= 1
        if start > 0 and gazetteer.canonical(tokens[start - 1]):
            return ()
        return tuple(tokens[start:index + 1])
    return ()


def _is_plural_role_head(token: str) -> bool:
    """"ministers", "presidents", "secretaries", "pms": a role head in the plural."""
    if len(token) < 3 or not token.endswith("s") or token.endswith("ss"):
        return False
    return token == ANY_OFFICIAL or token[:-1] in _ROLE_ABBREVIATIONS or (stem(token) in ROLE_HEADS and stem(token) != token)
