"""What a question asks for: its concepts (words with their equivalents), answer kind, and countries."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.text_terms import GENERIC_WORDS, STOPWORDS, stem, terms, words

# The auxiliaries that open a yes/no question ("did X meet Y", "is X going to Y"), as regex alternatives.
AUXILIARY_VERBS = "did|does|do|was|were|is|are|has|have|had|will|would|can|could"
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("amount", re.compile(r"\b(how much|worth|value|valued|cost|price|budget)\b")),
    ("count", re.compile(r"\b(how many|number of)\b")),
    ("date", re.compile(r"\b(when|what date|which date|what day|which day|what year|which year|what month|"
                        r"how long|dates?)\b")),  # "how long was the visit": its dates say
    ("person", re.compile(r"\b(who|whom|whose|which officials?|which ministers?|name of|names of)\b")),
    ("area", re.compile(r"\b(areas?|sectors?|fields?|domains?|cooperat\w*|collaborat\w*|"
                        r"focus\w*|priorit\w*)\b")),
    ("place", re.compile(r"\b(where|which city|what city|which country|what country)\b")),
)
# "which algerian ministers", "what south african officials", "which senior indian and pakistani diplomats":
# people described by their country are the answer.
_PEOPLE_OF = re.compile(r"\b(?:which|what)\s+(?:senior\s+|top\s+|other\s+|visiting\s+)?((?:\w+\s+){1,4}?)"
                        r"(?:officials?|ministers?|leaders?|envoys?|diplomats?)\b")
_ENUMERATION = re.compile(r"\b(all|list|every|each|everything|so far|to date|this year|in \d{4}|what has .+ (done|signed)"
                          r"|(which|what) (countries|nations)|who (has|have) .+ (met|seen|visited|hosted))\b")
_SUMMARY = re.compile(r"\b(overview|summar(y|ise|ize)|sum up|sum it up|recap|rundown|run down|tl;?dr|gist|"
                      r"catch me up|brief me|high ?lights)\b")
_FOLLOW_UP = re.compile(r"^(and|also|what about|how about|so|then)\b|\b(that|it|this|they|them|he|she|his|her|there)\b")
_SPECIFIC_WEIGHT = 1.0
# An unknown word before a name is read as a first name only from this length: chat abbreviations before
# a name ("secy singh", "op sindoor", "def min") are shorter, and a typo'd word is not a missing person.
_MIN_FIRST_NAME_LETTERS = 5
_WH_WORDS = frozenset(("who", "whom", "which", "what"))
_LONGEST_PLACE_NAME = 6  # words: "democratic republic of the congo", "saint vincent and the grenadines"
# Words that shape a question but never answer it: they must not decide coverage.
_QUESTION_WORDS = frozenset(stem(w) for w in (
    "list", "name", "names", "happen", "happened", "happening", "done", "doing", "thing", "things", "much",
    "many", "kind", "kinds", "sort", "new", "recent", "recently", "latest", "current", "currently", "tell",
    "explain", "describe", "summary", "summarise", "summarize", "overview", "info", "information", "details",
    # words that name the kind of answer wanted rather than its content
    "city", "country", "place", "day", "date", "year", "month", "time", "rank", "title", "role", "position",
    "person", "people", "official", "officials", "mentioned", "mention", "story", "article", "report", "news",
    "exactly", "hold", "holds", "part", "main", "key", "specific", "stuff", "else", "other", "others",
    "yr", "yrs", "ppl",  # their chat short forms
))



def _is_acronym(key: str, expansions: tuple[str, ...]) -> bool:
    """Whether the key is the initials of a phrase it stands for ("pm": "prime minister", "mod": "ministry of
    defence"), so that its plural ("pms") means the same; "min" (minister) is a word cut short, and "mins" is
    minutes."""
    return any(len(e.split()) > 1 and "".join(w[0] for w in e.casefold().split()) == key for e in expansions)


@dataclass(frozen=True)
class Vocabulary:
    """Chat words and abbreviations mapped to the words articles use (config/vocabulary.toml)."""

    equivalents: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        if not path.exists():
            return cls()
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        return cls({k.casefold(): tuple(v) for k, v in data.get("equivalents", {}).items()})

    def expansions(self, word: str) -> tuple[str, ...]:
        """The article words for a chat word; a plural typed of an abbreviation ("pms", "fms", "jvs") stands for
        the same words as its singular (stems match their plurals)."""
        word = word.casefold()
        found = self.equivalents.get(word, ())
        singular = word[:-1]
        if not found and word.endswith("s") and _is_acronym(singular, self.equivalents.get(singular, ())):
            found = self.equivalents.get(singular, ())
        return found


@dataclass(frozen=True)
class Concept:
    """One thing the question mentions, satisfied by any of its stems (a phrase needs all its stems)."""

    word: str
    alternatives: tuple[tuple[str, ...], ...]  # each alternative is a phrase: a tuple of stems
    weight: float
    is_country: bool = False
    known: bool = True  # the corpus uses the word (or an equivalent)
    generic: bool = False  # an everyday word ("help", "together"): it never decides a refusal
    named: bool = False  # the corpus writes it with a capital inside sentences: it names a thing
    is_place: bool = False  # a city from the gazetteers
    repaired: bool = False  # known only through spelling repair ("agric" → "agriculture"), not as typed

    def covered_by(self, sentence_terms: frozenset[str]) -> bool:
        return any(all(t in sentence_terms for t in phrase) for phrase in self.alternatives)


@dataclass(frozen=True)
class QuestionProfile:
    text: str
    search_text: str
    concepts: tuple[Concept, ...]
    kind: str  # amount | date | person | area | place | general
    countries: tuple[str, ...]
    counted: str | None = None  # "how many coast guard ships" → "ships": what a count must be a count of
    wants_many: bool = False  # "list all the deals…", "what has X done this year": one quote per article
    # A named word at least this telling must appear in an article we quote: 1.0, or in a store of a
    # few passages, where no word reaches 1.0, the weight of an unseen word ("did baram go to mumbai").
    specific_weight: float = 1.0
    # A country asked by a name several share ("congo"): the asked country → every country the name may mean;
    # an article about one of the others is about the one asked (bot/answers/evidence.py).
    namesakes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def may_mean(self, country: str) -> tuple[str, ...]:
        """The countries an asked country stands for: itself, or every country the name it was asked by may mean."""
        return self.namesakes.get(country, (country,))

    @property
    def content_weight(self) -> float:
        return sum(c.weight for c in self.concepts)


def profile_question(question: str, lexical: LexicalIndex, gazetteer: Gazetteer, vocabulary: Vocabulary) -> QuestionProfile:
    lowered = question.casefold()
    kind = next((name for name, pattern in _KINDS if pattern.search(lowered)), "general")
    found_countries: dict[str, None] = {}
    country_words: set[str] = set()
    city_words: set[str] = set()
    namesakes: dict[str, tuple[str, ...]] = {}
    for gram in _place_names(question, gazetteer):
        if country := gazetteer.canonical(gram):
            found_countries.setdefault(country)
            country_words.update(stem(w) for w in words(gram))
            if shared := gazetteer.namesakes(gram):
                namesakes[country] = shared
        if gazetteer.city_country(gram):
            city_words.update(stem(w) for w in words(gram))
    for code, country in gazetteer.coded_pairs(question):  # "kz-tj": two codes joined name a pair
        found_countries.setdefault(country)
        country_words.add(stem(code))
    countries = tuple(found_countries)
    if kind in ("general", "area") and any(
            all(stem(w) in country_words or w == "and" for w in m.group(1).split()) for m in _PEOPLE_OF.finditer(lowered)):
        kind = "person"
    concepts: list[Concept] = []
    extra: list[str] = []
    seen: set[str] = set()
    how_long = "how long" in lowered
    for word in words(question):
        if word in STOPWORDS or len(word) < 2 or stem(word) in _QUESTION_WORDS or (how_long and word == "long"):
            continue
        expansions = list(vocabulary.expansions(word))
        # A chat word the vocabulary knows ("pms") means what it lists, not whatever article word its spelling
        # is nearest to ("parliament").
        stemmed = lexical.query_terms(word) if not expansions else ()
        base = stemmed[0] if stemmed else stem(word)
        if base in seen or base in _QUESTION_WORDS:
            continue
        seen.add(base)
        is_country = base in country_words or stem(word) in country_words
        if is_country and (country := gazetteer.canonical(word) or gazetteer.codes.get(word)):
            # "Kestovian" answers a question about Kestovia: any name of the country covers it.
            expansions += gazetteer.names_of(country)
        phrases = [(base,)] + [tuple(terms(e)) for e in expansions]
        phrases = [p for p in phrases if p]
        extra += vocabulary.expansions(word)
        # A concept is as telling as its most telling known alternative; countries mostly filter, not answer.
        known_phrases = [p for p in phrases if all(t in lexical.vocabulary for t in p)]
        known = bool(known_phrases)
        # A phrase ("joint working group") is rarer than its commonest word: as telling as its rarest one.
        weight = max(max(lexical.idf(t) for t in p) for p in (known_phrases or phrases))
        generic = word in GENERIC_WORDS
        factor = 0.5 if is_country else 0.25 if generic else 1.0
        # A city is a named thing even when no article has it: "did baram go to ulaanbaatar" needs a
        # quote that names Ulaanbaatar, not one about his trip to New Delhi.
        # A word is a name by its own spelling ("craft" is no name because "MoU", one of its synonyms, is);
        # a word no article has ("mrsam") is read by the spellings it stands for ("MR-SAM").
        spellings = phrases[:1] if base in lexical.vocabulary else phrases
        named = any(t in lexical.named_terms for p in spellings for t in p) or base in city_words
        repaired = base != stem(word) and not any(all(t in lexical.vocabulary for t in p) for p in phrases[1:])
        concepts.append(Concept(word, tuple(phrases), weight * factor, is_country, known, generic, named,
                                base in city_words, repaired))
    concepts = _names_extended(question, concepts)
    search_text = " ".join([question, *extra])
    places = frozenset(c.word for c in concepts if c.is_country or c.is_place)
    counted = (counted_noun(lowered, places, lambda word: stem(word) in lexical.vocabulary) if kind == "count"
               else None)
    if (counted and stem(counted) not in lexical.vocabulary and not vocabulary.expansions(counted)
            and (read := lexical.query_terms(counted))):
        counted = read[0]  # "how many yrs": what the articles call it ("year"), as the concepts read it
    wants_many = bool(_ENUMERATION.search(lowered))
    return QuestionProfile(question, search_text, tuple(concepts), kind, countries, counted, wants_many,
                           min(_SPECIFIC_WEIGHT, lexical.unseen_idf), namesakes)


def _names_extended(question: str, concepts: list[Concept]) -> list[Concept]:
    """A word no article has, right before a name, is a first name: "rajnath singh" is not answered by
    a quote about Rajesh Kumar Singh. (Chat is lowercase, so capitals cannot tell.)"""
    by_word = {c.word: c for c in concepts}
    typed = words(question)
    # a past or present-participle form right after an opening "who"/"what" is the question's verb ("who greeted
    # rutte"), not a first name ("when dorian pell arrived" may well name a Dorian)
    verb = (typed[1] if len(typed) > 1 and typed[0] in _WH_WORDS and typed[1].endswith(("ed", "ing"))
            else None)
    firsts = {w for w, following in itertools.pairwise(typed)
              if w != verb and (c := by_word.get(w)) and not c.known and len(w) >= _MIN_FIRST_NAME_LETTERS and w.isalpha() and (n := by_word.get(following))
              and n.named and n.known and not n.is_country and not n.is_place}
    return [replace(c, named=True) if c.word in firsts else c for c in concepts]


def counted_noun(question: str, places: frozenset[str] = frozenset(),
                 known: Callable[[str], bool] = lambda word: False) -> str | None:
    """The head of the noun phrase after "how many" / "number of", which ends at a stopword, a verb or a
    preposition chat leaves bare (`_PHRASE_ENDS`); its countries and cities (`places`) are left out unless
    nothing else is left. Of its
    words the first if it reads as a plural ("how many mous total got signed"), else the last plural ("how
    many coast guard ships"), else the last word ("how many military aircraft", "how many ppl came w maduro").
    A word ending in "us" is a plural only when its singular is a word the articles know (`known`: "mous" is,
    "bonus" and "census" are not)."""
    match = re.search(r"\b(?:how many|number of)\s+(.*)", question)
    if not match:
        return None
    whole: list[str] = []
    for word in words(match.group(1)):
        if word in STOPWORDS or word in _PHRASE_ENDS or (len(word) > 4 and word.endswith("ed")):
            break
        whole.append(word)
    # "how many ugandans live …" counts the people a country's word names, when nothing else is counted
    phrase = [w for w in whole if w not in places and len(w) > 1] or whole
    plurals = [w for w in phrase if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "is"))
               and (not w.endswith("us") or known(w[:-1]))]
    if plurals and phrase[0] == plurals[0]:
        return phrase[0]  # "how many mous marcos signed": the noun right after "how many"
    found = plurals or phrase
    return found[-1] if found else None


# Words that end the phrase "how many" counts: common verbs and prepositions as chat writes them ("how many ppl
# came w …", "how many yrs since …"); a verb ending in "-ed" ends it too.
_PHRASE_ENDS = frozenset({
    "came", "come", "comes", "went", "go", "goes", "got", "get", "live", "lives", "made", "make", "took", "take",
    "left", "met", "meet", "flew", "fly", "sign", "signs", "work", "die", "attend", "join", "travel",
    "since", "along", "w", "per", "during", "before", "after", "until", "till", "vs",
})


def asks_for_summary(question: str) -> bool:
    """"give me an overview of X-Y ties", "sum up the trip": several sentences on the topic, not one fact."""
    return bool(_SUMMARY.search(question.casefold()))


def looks_like_follow_up(question: str) -> bool:
    """Short questions that lean on the previous one ("and when was that?") get its context."""
    return len(words(question)) <= 7 and bool(_FOLLOW_UP.search(question.casefold()))


def _place_names(text: str, gazetteer: Gazetteer) -> list[str]:
    """Country and city names in a question, in order. Among countries the longest name wins ("papua new
    guinea" is not also Guinea), and so among cities; a city still leaves its country's name counted
    ("mexico city" is about Mexico)."""
    tokens = re.findall(r"[\w.'’]+", text)
    tokens = [t.rstrip(".").removesuffix("'s").removesuffix("’s") for t in tokens]
    found: list[tuple[int, str]] = []
    regions: set[int] = set()  # "latin america" is no America
    for size in range(_LONGEST_PLACE_NAME, 1, -1):
        for start in range(len(tokens) - size + 1):
            if gazetteer.region(" ".join(tokens[start:start + size])):
                regions.update(range(start, start + size))
    for lookup in (gazetteer.canonical, gazetteer.city_country):
        taken: set[int] = set(regions)
        for size in range(_LONGEST_PLACE_NAME, 0, -1):
            for start in range(len(tokens) - size + 1):
                span = range(start, start + size)
                gram = " ".join(tokens[start:start + size])
                if taken.isdisjoint(span) and not gazetteer.everyday_word(gram) and lookup(gram):
                    taken.update(span)
                    found.append((start, gram))
    return [gram for _, gram in sorted(found)]
