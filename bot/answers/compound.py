"""Questions that join two questions in one line: "who met X at the airport and who met Y", "the foreign
ministers who travelled with X and with Y", "A: which president announced the visit, and which did he
host". Each part is a question of its own, often about another article, so each is answered on its own
and the answers are put together; the whole is answered only if every part is."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.knowledge.answering import cite
from bot.knowledge.model import CitedAnswer
from bot.knowledge.numbers import MONTH_NAMES
from bot.knowledge.text_terms import STOPWORDS, singular

# Where a second question or a second item is joined on: "and", "+" or "&" (not inside "2+2" or "r&d"),
# or "; ".
_JOIN = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s+[+&]\s*|\s*[+&]\s+|;\s+)", re.IGNORECASE)
_QUESTION_WORDS = frozenset({"who", "whom", "whose", "which", "what", "when", "where", "why", "how"})
# The words a second item may repeat from the first ("… with X and with Y", "… in the A and the B"):
# prepositions, and an article that follows one.
_PREPOSITIONS = frozenset({"with", "in", "at", "from", "for", "on", "to", "by", "of", "about", "during", "between",
                           "into", "under", "over", "w"})
_ARTICLES = frozenset({"the", "a", "an"})
# Words that open a clause inside the question ("when the pm and the fm met") and words after a second item
# that may be both items' ("… the mou and the energy deal last week", "… together").
_SUBORDINATORS = frozenset({"when", "after", "before", "once", "as", "while", "since", "until", "if", "because"})
_SHARED_TAIL = frozenset({"last", "next", "this", "week", "month", "year", "yesterday", "today", "together", "ago",
                          "earlier", "later", "both", "jointly"})
# Verbs that only help another ("did", "is", typed "r"): before two objects they make the items subjects.
_AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "will", "would", "has", "have", "had",
                          "can", "could", "should", "shall", "r", "been", "be"})
# Words that open a clause describing an item: "the minister who signed", "the deal that was signed".
_RELATIVE = frozenset({"who", "whom", "whose", "that", "which"})
# The clause word comes within this many words of a described item's article ("the iraqi fm who").
_MAX_DESCRIBED_WORDS = 5
# Words that ask for the items of a list, before the first described item.
_ASKS_FOR_ITEMS = re.compile(r"(?:(?:pls|please)\s+)?(?:name|list|identify|tell\s+me|give\s+me|who\s+(?:are|were))\s+",
                             re.IGNORECASE)
# A topic written first and set off by a colon or a dash ("akufo-addo: which …", "latam - …") belongs to
# every part.
_TOPIC = re.compile(r"^(?P<topic>[^:]{2,80}?)\s*(?::|\s[-–]\s)\s*")
_WORD = re.compile(r"[\w'-]+")
# "… in the A and B stories": a preposition, two items, "and", and the plural noun they share.
_SHARED_NOUN = re.compile(
    r"(?P<head>.*\b(?:in|from|of|on|during|about)\s+(?:the\s+)?)(?P<first>[^,;]+?)\s+(?:and|&|\+)\s+(?:the\s+)?"
    r"(?P<second>[^,;]+?)\s+(?P<noun>stories|pieces|articles|reports|visits|trips|meetings|deals)\b(?P<tail>.*)$",
    re.IGNORECASE)
_MAX_ITEM_WORDS = 5
# Words that join the parts of a story's name ("rwanda w/ qatar", "felipe vi in mexico"): two items joined by
# "and" must be built alike, with the same of these in the same order.
_ITEM_LINKS = frozenset({"in", "at", "w/", "w", "with", "vs", "v"})
_STORY_TOKEN = re.compile(r"[\w'/-]+|[^\w\s]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d(?:-(?:(?:1[89]|20)?\d\d))?s?")
_MONTHS = frozenset(MONTH_NAMES.casefold().split("|"))

Places = Callable[[str], bool]
"""Whether a text names a country, a people or a city (the gazetteer's reading)."""


def _no_places(text: str) -> bool:
    return False


def split_compound(question: str, places: Places = _no_places) -> tuple[str, ...]:
    """The questions a line joins, each made whole with the words the parts share; just the line itself
    when it joins none. The second part is completed from the first by the word it starts with: "… with X
    and with Y" repeats what comes before "with", and a part that starts with a question word stands alone
    (with the topic, if the line has one)."""
    # "X (the A one and the B one)" is written like "X: the A one and the B one".
    text = re.sub(r"\s*\((?=[^()]*\)\s*\??\s*$)", ": ", question.strip())
    text = re.sub(r"\s*[()]\s*", " ", text).strip()
    for join in _JOIN.finditer(text):
        left, right = text[:join.start()].strip(), text[join.end():].strip(" ?")
        head = _shared_head(left, right)
        if head is None:
            continue
        second = f"{head}{right}".strip()
        if len(_WORD.findall(right)) >= 2 and len(_WORD.findall(left)) >= 2:
            return (left, *split_compound(second, places))
    # A year in brackets is part of a story's name there ("ghana-togo (2031) and benin-niger (2033)").
    bare = " ".join(re.sub(r"[()]", " ", question).split())
    return _items_of_one_noun(text) or _story_items(bare, places) or (text,)


def _items_of_one_noun(text: str) -> tuple[str, ...] | None:
    """"who hosted the visitors in the kenya-rwanda and ghana-burkina stories": two items sharing a plural
    noun after a preposition are two questions, one about each ("… in the kenya-rwanda story")."""
    found = _SHARED_NOUN.match(text)
    if found is None or not all(_is_item(found[item]) for item in ("first", "second")):
        return None
    noun = singular(found["noun"].lower())
    return tuple(f"{found['head']}{found[item]} {noun}{found['tail']}".strip() for item in ("first", "second"))


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        return self.text.lower()

    @property
    def link(self) -> bool:
        return self.word in _ITEM_LINKS

    @property
    def content(self) -> bool:
        """A word that can be part of a story's name: not punctuation, not a function word ("b/w" is one)."""
        word = self.word
        return (bool(re.match(r"\w", word)) and word not in STOPWORDS and word not in _PREPOSITIONS
                and word not in _QUESTION_WORDS and word not in _AUXILIARIES
                and not re.fullmatch(r"\w/\w?", word) and not self.link)

    @property
    def dated(self) -> bool:
        return bool(_YEAR.fullmatch(self.word)) or any(part in _MONTHS for part in self.word.split("/"))


def _story_items(text: str, places: Places) -> tuple[str, ...] | None:
    """ "the trade figures for ghana-togo (2031) and benin-niger (2033)", "who hosted the duke in harl and the
    envoy in ost": two names of stories joined by "and", each naming a place or a time beside something else
    (a pair, a person, a year), built alike, are two questions, one about each. The second item runs to its last
    place or time ("… and davis havana 2022 meet?"); the first mirrors it backwards, link word for link word, and
    ends at a place or a time too. Three items or more, or a join inside a name ("bosnia and herzegovina"), are
    left whole."""
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _STORY_TOKEN.finditer(text)]
    joins = [at for at, token in enumerate(tokens) if token.word in _JOIN_WORDS]
    if len(joins) != 1 or joins[0] == 0 or joins[0] + 1 >= len(tokens) or _one_name(tokens, joins[0], places):
        return None
    at = joins[0]
    if not _place_or_time(tokens[at - 1], places):
        return None
    for first, last in _second_items(tokens, at + 1, places):
        links = [t.word for t in tokens[first:last + 1] if t.link]
        left_start = _first_item_start(tokens, at, links, _name_words(_runs(tokens[first:last + 1])[0], places))
        if (left_start is None or (left_start and tokens[left_start - 1].text == ",")  # a list of three or more
                # "who did velasco meet in wellington + faye in …": after "did" and its subject comes the question's
                # verb, which would be the first item ("what was signed laos-cambodia dec 2024 and …" splits)
                or (left_start >= 2 and tokens[left_start - 2].word in _TAKES_SUBJECT_THEN_VERB
                    and tokens[left_start - 1].content)
                or not _names_a_story(tokens[left_start:at], places)
                or _kinds(tokens[left_start:at], places) != _kinds(tokens[first:last + 1], places)):
            continue  # "us and marshall islands june 2022": the time is both countries', so one story
        head = text[:tokens[left_start].start]
        article = f"{tokens[first - 1].text} " if first > at + 1 and not _ENDS_WITH_ARTICLE.search(head) else ""
        tail = text[tokens[last].end:]
        second = f"{head}{article}{text[tokens[first].start:tokens[last].end]}{tail}"
        return " ".join(f"{text[:tokens[at - 1].end]}{tail}".split()), " ".join(second.split())
    return None


_JOIN_WORDS = frozenset({"and", "&", "+"})
# Auxiliaries followed by the subject and then the bare verb ("did X meet", "will X sign").
_TAKES_SUBJECT_THEN_VERB = frozenset({"do", "does", "did", "will", "would", "can", "could", "should", "shall", "might",
                                      "must"})
_ENDS_WITH_ARTICLE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


def _one_name(tokens: Sequence[_Token], at: int, places: Places) -> bool:
    """Whether "and" joins the words of one place's name: "trinidad and tobago", "pakistan-bosnia and
    herzegovina", "saint kitts and nevis" (up to two words either side, a hyphen's nearer part)."""
    before = [tokens[at - 1].text.split("-")[-1]]
    if at >= 2 and "-" not in tokens[at - 1].text:
        before.append(f"{tokens[at - 2].text.split('-')[-1]} {before[0]}")
    after = [tokens[at + 1].text.split("-")[0]]
    if at + 2 < len(tokens) and "-" not in tokens[at + 1].text:
        after.append(f"{after[0]} {tokens[at + 2].text.split('-')[0]}")
    return any(places(f"{b} and {a}") for b in before for a in after)


def _second_items(tokens: Sequence[_Token], at: int, places: Places) -> list[tuple[int, int]]:
    """The spans the item after "and" may take (without a leading article), each up to a place or a time, the
    longest first: "12th 2017 seychelles mauritius" may be the item, or "12th 2017" with a shared tail."""
    first = at + 1 if tokens[at].word in _ARTICLES else at
    ends, end = [], first
    while end < len(tokens) and (tokens[end].content or tokens[end].link):
        if tokens[end].content and (_place_or_time(tokens[end], places) or _place_ends(tokens[first:end + 1], places)):
            ends.append(end)
        end += 1
    return [(first, last) for last in reversed(ends) if _names_a_story(tokens[first:last + 1], places)]


def _runs(tokens: Sequence[_Token]) -> list[list[_Token]]:
    """The content words between link words: "felipe vi in mexico" → [felipe vi], [mexico]."""
    runs: list[list[_Token]] = [[]]
    for token in tokens:
        if token.link:
            runs.append([])
        else:
            runs[-1].append(token)
    return runs


def _first_item_start(tokens: Sequence[_Token], at: int, links: Sequence[str], first_run: int) -> int | None:
    """Where the item before "and" starts, mirroring the second: the same link words, and a first run of words
    as long as the second item's, or one longer after a preposition or an article ("hosts for felipe vi" beside
    "erdogan"; not the question's own verb: "who hosted modi in paris and macron in delhi")."""
    index = at - 1
    for link in reversed(links):
        while index >= 0 and tokens[index].content:
            index -= 1
        if index < 0 or tokens[index].word != link or index == at - 1:
            return None
        index -= 1
    words = 0
    while index >= 0 and tokens[index].content and words <= first_run:
        index, words = index - 1, words + 1
    if words == 0:
        return None
    one_longer = words > first_run and index >= 0 and tokens[index].word in _PREPOSITIONS | _ARTICLES
    return index + 1 if words <= first_run or one_longer else index + 1 + (words - first_run)


def _names_a_story(tokens: Sequence[_Token], places: Places) -> bool:
    """Two or more words (a hyphen joins two), one a place or a time: "ghana-togo", "kenny warsaw 2017"; not one
    place's name of several words alone ("marshall islands")."""
    content = [t for t in tokens if t.content]
    words = sum(len([p for p in t.word.split("-") if p]) for t in content)
    named = any(_place_or_time(t, places) for t in content) or _holds_a_long_place(tokens, places)
    return words >= 2 and named and not places(" ".join(t.text for t in content))


def _kinds(tokens: Sequence[_Token], places: Places) -> tuple[bool, bool]:
    """Whether an item names a time, and whether it names a place: two stories' names name the same."""
    return (any(t.dated for t in tokens if t.content),
            any(_place_or_time(t, places) and not t.dated for t in tokens if t.content)
            or _holds_a_long_place(tokens, places))


def _name_words(run: Sequence[_Token], places: Places) -> int:
    """How many names a run of words holds, a place of several words counting as one: "chakwera dar es salaam"
    is two, as "ruto nairobi" is, so the item before "and" mirrors two."""
    count, at = 0, 0
    while at < len(run):
        size = next((size for size in range(min(_MAX_PLACE_WORDS, len(run) - at), 1, -1)
                     if places(" ".join(t.text for t in run[at:at + size]))), 1)
        count, at = count + 1, at + size
    return count


# The most words a place's name takes ("dar es salaam", "port of spain", "bosnia and herzegovina").
_MAX_PLACE_WORDS = 4


def _holds_a_long_place(tokens: Sequence[_Token], places: Places) -> bool:
    """Some words among these name a place of several words ("dar es salaam" in "chakwera dar es salaam 2020")."""
    return any(_place_ends(tokens[:end], places) for end in range(2, len(tokens) + 1))


def _place_ends(tokens: Sequence[_Token], places: Places) -> bool:
    """The words end with a place's name of several words ("chakwera dar es salaam", "rutte new delhi")."""
    return any(places(" ".join(t.text for t in tokens[-size:]))
               for size in range(2, min(_MAX_PLACE_WORDS, len(tokens)) + 1))


def _place_or_time(token: _Token, places: Places) -> bool:
    """A year, a month, or a place, alone or joined to another by a hyphen ("fiji-india")."""
    return token.dated or places(token.text) or any(places(p) for p in token.text.split("-") if p)


def _is_item(words: str) -> bool:
    """A short name of a story ("kenya-rwanda", "dec 2023", "qatar-oman jan 2025"), not a clause ("uganda
    signed the trade", "talks between india")."""
    found = [w.lower() for w in _WORD.findall(words)]
    return 0 < len(found) <= _MAX_ITEM_WORDS and not any(w in STOPWORDS or w in _PREPOSITIONS for w in found)


def _shared_head(left: str, right: str) -> str | None:
    """What the right-hand part takes from the left one to be a question, or None when it is not a part
    of its own (as "india and israel" in "what did india and israel sign")."""
    words = _WORD.findall(right.lower())
    if not words:
        return None
    topic = _TOPIC.match(left)
    prefix = f"{topic['topic']}: " if topic else ""
    if words[0] in _QUESTION_WORDS:
        return prefix
    if topic:
        # "name the ministers: the saudi one … and the japanese one …": what follows the colon is the part,
        # when the second one is built like it (starts with the same word).
        after = _WORD.findall(left[topic.end():].lower())
        return left[:topic.end()] if after and after[0] == words[0] else None
    if words[0] not in _PREPOSITIONS | _ARTICLES:
        return None
    asking = _ASKS_FOR_ITEMS.match(left)
    asked_again = left[:asking.end()] if asking and words[0] in _ARTICLES else None
    if asked_again is not None and _PREPOSITIONS & set(words[1:]):
        # "name the X in the A story and the Y in the B one": after words that ask for a list, an item with a
        # phrase of its own is asked for the same way ("… and the B story" shares the first item's head, below)
        return asked_again
    if words[0] in _ARTICLES and _RELATIVE & set(words[:_MAX_DESCRIBED_WORDS]):
        # "name the iraqi fm who greeted X and the kyrgyz fm who signed Y": two described items, each with a
        # clause of its own, after words that ask for a list of them
        described = re.search(rf"\b{re.escape(words[0])}(?:\s+[\w'-]+){{1,{_MAX_DESCRIBED_WORDS - 2}}}\s+"
                              rf"(?:{'|'.join(sorted(_RELATIVE))})\b", left, re.IGNORECASE)
        if described and _ASKS_FOR_ITEMS.fullmatch(left[:described.start()]):
            return left[:described.start()]
        return None
    if (words[0] in _ARTICLES and not (_PREPOSITIONS | _SHARED_TAIL) & set(words)
            and (verb_object := _second_object(left, words[0])) is not None):
        return verb_object
    first = re.compile(rf"\b{re.escape(words[0])}\b", re.IGNORECASE)
    found = [m for m in first.finditer(left) if m.start() > 0 and (
        words[0] in _PREPOSITIONS or _WORD.findall(left[:m.start()].lower())[-1:] in ([p] for p in _PREPOSITIONS))]
    # "give me A's trade and the B target": otherwise an item after words that ask for a list
    return left[:found[-1].start()] if found else asked_again


def _second_object(left: str, article: str) -> str | None:
    """ "which capitals hosted the gas field signing and the athens declaration": a second object of the
    question's own verb ("hosted") is a part, when nothing follows it that could belong to both ("… and the
    queen in delhi"); the words up to the first object's article are its head. Not when only auxiliaries stand
    before the article ("what did the pm and the fm discuss": two subjects)."""
    found = list(re.finditer(rf"\b{re.escape(article)}\b", left, re.IGNORECASE))
    if not found:
        return None
    before = _WORD.findall(left[:found[-1].start()].lower())
    if (len(before) < 2 or before[0] not in _QUESTION_WORDS or before[-1] in _AUXILIARIES
            or all(w in _AUXILIARIES | _QUESTION_WORDS for w in before) or _SUBORDINATORS & set(before[1:])):
        return None  # "what happened when the pm and the fm met": two subjects of a clause inside
    return left[:found[-1].start()]


def combine(question: str, answers: Sequence[CitedAnswer]) -> CitedAnswer | None:
    """One answer quoting every part's quotes, articles numbered in order of first use; None when a part
    is not made of quotes (a view's lines or a model's wording cannot be renumbered)."""
    if any(a.refused or not a.quoted or not a.citations for a in answers):
        return None
    quotes = {(c.chunk_id, c.quote): c for a in answers for c in a.citations}  # a quote two parts share, once
    return cite(question, [(c.quote, c.article, c.chunk_id) for c in quotes.values()])
