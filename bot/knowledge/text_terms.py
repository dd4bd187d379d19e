"""Word normalisation shared by the lexical index and sentence scoring: lowercase, stopwords, light stemming."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not of off on once only or other our ours ourselves out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your yours
    yourself yourselves also said says say tell told know u ur pls please plz did does doing got get
    whats who's what's when's where's hey hi thanks thank any anything something ok okay wat wut wht n abt
    r ya yeah yes re pls lol btw wher whre wen whn wht hw whos wats whom whose
    b4 gonna wanna gotta tryna lemme gimme kinda sorta dunno idk tho cuz coz thru smth sth""".split()
)

# Everyday verbs, adverbs and adjectives: they glue a question together but rarely name its topic, so
# they weigh less in coverage and never decide on their own that the articles are about something else.
GENERIC_WORDS = frozenset(
    """help helps helped helping build builds built building make makes made making take takes took taken
    give gives gave given go goes went gone going come comes came coming work works worked working together
    plan plans planned planning want wants wanted need needs needed use uses used using start starts started
    begin began begun keep kept put bring brings brought talk talks talked look looks looked seem seems show
    shows showed try tries tried call calls called ask asks asked happen happens happened mean means meant set
    run runs move moves provide provides include includes including continue continues allow allows lead leads
    led follow follows stop stops create creates created grow grows open opens opened offer offers offered
    consider considers expect expects expected stay stays reach reached remain remains suggest suggests raise
    raised pass passed decide decided really actually currently still already again ever never always often soon
    later now much more most very well just good new big important major recent recently next last first second
    third many lot lots thing things stuff way ways part parts kind sort able likely possible sure
    relationship relations ties getting gets having doing being saying says seeing looking trying telling
    told thinking happening""".split()
)

_TOKEN = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)*")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem, cached: each distinct word is stemmed once (meetings/meet, discussions/discuss)."""
    if not word.isalpha():
        return word
    return _STEMMER.stemWord(word)


# Letters that have no decomposition into a base letter and a mark.
_PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d",
                                "þ": "th"})


def singular(plural: str) -> str:
    """The singular of a regular English plural: "stories" → "story", "speeches" → "speech", "ministers" →
    "minister" (what a plural title or "the A and B stories" is made of)."""
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    if plural.endswith(("sses", "shes", "ches")):
        return plural[:-2]
    return plural[:-1]


def fold(text: str) -> str:
    """Lower case without accents, as people type: "Sánchez", "Piñera", "Władysław" → "sanchez", "pinera",
    "wladyslaw". Plain ASCII, most of what is folded, takes the short way."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def words(text: str) -> list[str]:
    """Lowercased, accent-free word tokens, keeping joined forms such as r&d."""
    return _TOKEN.findall(fold(text))


def terms(text: str) -> list[str]:
    """Stemmed content terms (stopwords removed), in order, with repeats."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]
