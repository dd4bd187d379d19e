"""Questions that name a person and ask what they are: "whats isabel lovin's title", "who is pradeep kharola",
"okafor - role?". The extracted officials know each person's titles and the sentence that
gives them, so the answer is that sentence, whatever the question's wording shares with it (a name alone is
too little for the sentence scorer to be sure of anything)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.facts.model import ArticleFacts, FactQuote, Official
from bot.knowledge.text_terms import fold, words

# Nouns that ask what someone is, as the last thing asked ("whats X's title", "X - role?"): not "position",
# "jobs" or "rank", which ask other things too ("her position on the fees", "how many jobs").
_ASKING_A_TITLE = frozenset(("title", "titles", "role", "job", "designation", "portfolio"))
# What may follow that noun in a question that still asks it: politeness and nothing else ("… role in the talks",
# "… job as minister" ask something else).
_AFTER_THE_NOUN = frozenset(("pls", "please", "plz", "exactly", "again", "now"))
# "who is X", "who's X?", "whos X": the whole question asks who the named person is.
_WHO_IS = re.compile(r"^\s*who(?:'s|’s|s|\s+is|\s+was)\s+(?P<name>.+?)\s*\??\s*$", re.IGNORECASE)
# The shortest surname matched on its own: shorter words are too often something else ("li", "wu" are both).
_SURNAME_LETTERS = 4
_MAX_PEOPLE = 2


def named_title_quotes(question: str, facts: Mapping[str, ArticleFacts]) -> list[FactQuote]:
    """For the officials the question names (by full name, or by a surname of four letters or more) when it asks
    their title, the first sentence giving them a title, from each article in retrieval order; none when it asks
    something else of them."""
    folded = fold(question)
    typed = words(folded.replace("'s", " ").replace("’s", " "))
    who_is = _WHO_IS.match(folded)
    if who_is is None and not _asks_a_title(typed):
        return []
    asked_name = words(who_is.group("name")) if who_is else None
    quotes: list[FactQuote] = []
    seen: set[str] = set()
    for article_id, article_facts in facts.items():
        for official in article_facts.officials:
            key = fold(official.name)
            if key in seen or not official.titles or not _named(official, typed, asked_name):
                continue
            sentence = _titled_sentence(official)
            if sentence is None:
                continue
            seen.add(key)
            quote = FactQuote(sentence, article_id)
            if quote not in quotes:
                quotes.append(quote)
            if len(seen) >= _MAX_PEOPLE:
                return quotes
    return quotes


def _asks_a_title(typed: list[str]) -> bool:
    """The question's last words (politeness aside) are a title noun: "whats isabel lovin's title", "pell - role?",
    not "what role did pell play in the talks" nor "how many jobs will it create"."""
    asked = [w for w in typed if w not in _AFTER_THE_NOUN]
    return bool(asked) and asked[-1] in _ASKING_A_TITLE and "many" not in asked and "much" not in asked


def _named(official: Official, typed: list[str], asked_name: list[str] | None) -> bool:
    """Whether the question names the official: every word of their name, or their surname when long enough. A
    "who is" question must be about the name alone ("who is kharola", not "who is kharola meeting")."""
    name = words(official.name)
    if not name:
        return False
    if asked_name is not None:
        return bool(asked_name) and set(asked_name) <= set(name) and name[-1] in asked_name
    return set(name) <= set(typed) or (len(name[-1]) >= _SURNAME_LETTERS and name[-1] in typed)


def _titled_sentence(official: Official) -> str | None:
    """The sentence of the official's evidence that writes their fullest title ("Minister of Foreign Affairs,
    Cooperation and Nigeriens Abroad" rather than a caption's "Foreign Minister"), else their first."""
    titled = [(len(t), -n, e.sentence) for n, e in enumerate(official.evidence) for t in official.titles
              if fold(t) in fold(e.sentence)]
    if titled:
        return max(titled)[2]
    return official.evidence[0].sentence if official.evidence else None
