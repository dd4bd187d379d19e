"""Questions that ask who holds a role: "japan def min at the raa signing - name?", "who's ghana's fm". The
extracted officials know each person's country and titles, so the answer is the sentence that names the
official of that country with that role, not whichever sentence about the event scores best (often the
other side's minister). A role nobody in the retrieved articles holds is left to the sentence scorer."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from bot.facts.described_officials import (
    ROLE_HEADS,
    Sides,
    described_roles,
    fits_an_office,
    fits_role,
    offices,
    plural_role,
    role_terms,
    role_tokens,
    role_understood,
)
from bot.facts.model import ArticleFacts, FactQuote, Official
from bot.facts.officials import is_relative_title
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.question import Concept, QuestionProfile
from bot.knowledge.sentences import sentence_spans
from bot.knowledge.text_terms import fold, stem

_MAX_OFFICIALS = 3
# A list of role holders across articles quotes at most this many people.
_MAX_ROLE_HOLDERS = 8
# "who did the pm meet", "what has the fm signed": the official described does something, and the answer is
# what they did, not who they are.
# "who did the kuwaiti pm meet", "who'd the saudi king sit down with", "who is the kuwaiti pm supposed to sit down
# with": the question asks whom or what the official described acts on, not who they are.
_ACTS = re.compile(r"\b(?:did|does|do|has|have|had|will|would|can|could)\b|\b(?:who|what|which|where|when|how)['’]?d\b"
                   r"|\b(?:supposed|due|set|expected|scheduled|slated|going|meant|about)\s+to\b")


def official_quotes(profile: QuestionProfile, facts: Mapping[str, ArticleFacts],
                    gazetteer: Gazetteer, *, many: bool = False) -> list[FactQuote]:
    """For each official (in the articles' retrieval order) of the country described, whose title fits every
    role word, the first sentence naming them with that title (up to three, or for a list (`many`) up to
    eight); none when the question describes no one, or asks what the official described did."""
    if _ACTS.search(profile.text.casefold()):
        return []
    described = described_roles(profile.text.casefold(), gazetteer)
    if not described or not all(role_understood(profile, sides) for sides in described):
        return []
    if _takes_part(profile.text.casefold(), described[0]):
        return []
    # "egypt's pm at the amman talks and bahrain's fm at the manama ones": each person described, once
    limit = (_MAX_ROLE_HOLDERS if many else _MAX_OFFICIALS) if len(described) == 1 else 1
    answers = [_holders(profile, sides, facts, limit) for sides in described]
    return [quote for found in answers for quote in found] if all(answers) else []


# Verbs of meeting someone, as typed: the official beside one meets or is met, and is not the one asked for.
_MEETING_VERB = re.compile(r"(?:meet\w*|met|greet\w*|welcom\w*|host\w*|receiv\w*)")
# Before a role, a verb of visiting too: "who visited the velorian president".
_VISITING_VERB = re.compile(r"visit\w*")
# Words that make the role the one asked for, whatever follows it: "which velorian minister met …".
_ASKING = frozenset(("which", "what", "name"))


def _words_beside(question: str, sides: Sides) -> frozenset[str]:
    """The words right before and right after the role's: where a question names the official it describes
    ("vietnam pm phuc", "phuc the vietnam pm"), not a word elsewhere that happens to be a surname ("in may")."""
    tokens = role_tokens(question)
    spots = [i for i, t in enumerate(tokens) if t in sides.role_words]
    if not spots:
        return frozenset()
    return frozenset(tokens[i] for i in (min(spots) - 2, min(spots) - 1, max(spots) + 1) if 0 <= i < len(tokens))


def _takes_part(question: str, sides: Sides) -> bool:
    """Whether the official described meets or is met in the question, so that it asks for the other party:
    "who's the oman sultan meeting in kuwait" (a verb of meeting right after the role) or "who was at the
    airport to greet the omani sultan" (one just before it). "which velorian minister met …" and "name the
    velorian pm hosting the talks" ask for the official; so does "who's the rwanda agri minister boucetta met",
    where someone else's name stands between the role and the verb."""
    tokens = role_tokens(question)
    if not sides.role_words or sides.role_words[0] not in tokens:
        return False
    start = tokens.index(sides.role_words[0])
    end = start
    for word in sides.role_words[1:]:  # "minister of trade": the role's words need not stand together
        end = next((i for i in range(end + 1, min(len(tokens), end + 3)) if tokens[i] == word), end)
    before = tokens[max(0, start - 3):start]
    if any(_MEETING_VERB.fullmatch(t) or _VISITING_VERB.fullmatch(t) for t in before):
        return True
    asked = any(t in _ASKING for t in tokens[max(0, start - 4):start])
    return not asked and any(_MEETING_VERB.fullmatch(t) for t in tokens[end + 1:end + 2])


def _holders(profile: QuestionProfile, sides: Sides, facts: Mapping[str, ArticleFacts],
             limit: int) -> list[FactQuote]:
    quotes: list[FactQuote] = []
    seen: set[str] = set()
    beside_role = _words_beside(profile.text.casefold(), sides)
    for article_id, article_facts in facts.items():
        for official in article_facts.officials:
            if official.country != sides.visitor or fold(official.name) in seen:
                continue
            if fold(official.name).split()[-1] in beside_role:
                continue  # "who welcomed vietnam pm phuc": the official the question names is not the one asked
            titles = [t for t in official.titles if fits_role(profile, sides, official, t)]
            if not titles:
                continue
            sentence = next((e.sentence for e in official.evidence
                             if any(fold(t) in fold(e.sentence) for t in titles)),
                            official.evidence[0].sentence if official.evidence else None)
            if sentence is None:
                continue
            seen.add(fold(official.name))
            if (quote := FactQuote(sentence, article_id)) in quotes:
                continue  # "Prime Minister X and Prime Minister Y spoke": one sentence names both
            quotes.append(quote)
            if len(quotes) >= limit:
                return quotes
    return quotes


def role_holders(profile: QuestionProfile, facts: Mapping[str, ArticleFacts], gazetteer: Gazetteer
                 ) -> dict[str, tuple[tuple[str, ...], ...]] | None:
    """For each article, and each official the question describes ("zimbabwe's defence minister": of that
    country, with a title that fits), the names of the extracted officials who can be them. An article with
    none for some description answers a near miss ("who was X's foreign minister at the talks", where the
    report names only the secretaries); a sentence naming none of them is about someone else. None when the
    question describes nobody, or in words the articles do not use (then not finding a holder proves
    nothing)."""
    described = _understood_roles(profile, gazetteer)
    if not described:
        return None
    return {article_id: tuple(tuple(o.name for o in article_facts.officials if o.country == sides.visitor
                                    and fits_an_office(profile, sides, o))
                              for sides in described)
            for article_id, article_facts in facts.items()}


def roles_possibly_held(profile: QuestionProfile, facts: Mapping[str, ArticleFacts], gazetteer: Gazetteer,
                        text_of: Callable[[str], str] | None = None, *, asks_who: bool = True
                        ) -> dict[str, bool] | None:
    """For each article, whether every official the question describes may be someone it names: a holder as
    `role_holders` finds them, or an official the extraction could not pin down, whose country is unknown
    or whose title is a bare head ("Minister", where the list wrote "Irrigation Minister"). Only an article
    with nobody who may hold a role proves the question a near miss. None as for `role_holders`.

    A role whose holder the question does not ask for is there too when the article's text (`text_of` its
    id) writes it for that country, named or not: "why was the cyprus fm keen to go", "name the lebanese fm
    the cyprus minister met" are answered by a report that calls him only "the Cypriot minister". The role
    asked (`asks_who`: the question wants a person, and the first role it describes is the one) needs
    someone named."""
    described = _understood_roles(profile, gazetteer)
    if not described:
        return None
    asked = described[0] if asks_who else None

    # each role's head: "minister" of "finance minister", or of "fm" by its chat equivalent ("foreign minister")
    heads_of = {sides: ({stem(word) for word in sides.role_words}
                        | {t for c in profile.concepts if c.word in sides.role_words for phrase in c.alternatives
                           for t in phrase}) & ROLE_HEADS
                for sides in described}

    def may_hold(sides: Sides, official: Official, others: Sequence[Official]) -> bool:
        # a country asked by a name several share ("congo") may be any of them
        if official.country is not None and official.country not in profile.may_mean(sides.visitor or ""):
            return False
        heads = heads_of[sides]
        return fits_an_office(profile, sides, official) or (bool(heads) and any(
            role_terms(official, t) <= heads for t in offices(official, profile.text))) or (
            any(o.country not in (None, official.country) and fits_an_office(profile, sides, o)
                and _office_told_by_another(official, sides, o) for o in others))

    def written(sides: Sides, article_id: str) -> bool:
        return sides != asked and text_of is not None and role_written(profile, sides, text_of(article_id),
                                                                        gazetteer)

    return {article_id: all(any(may_hold(sides, o, article_facts.officials) for o in article_facts.officials)
                            or written(sides, article_id)
                            for sides in described)
            for article_id, article_facts in facts.items()}


def _office_told_by_another(official: Official, sides: Sides, other: Official) -> bool:
    """Whether the official's titles name no office of their own, so that they may hold the office of `other`,
    of the other side, named with them in a sentence: "her South African counterpart" ("kenya's fm" is the
    Tanzanian foreign minister's Kenyan counterpart); "the head of state" only a head of state's office (a
    president, not a foreign minister), "the head of government" only a head of government's."""
    if not official.titles or not {e.sentence for e in official.evidence} & {e.sentence for e in other.evidence}:
        return False
    ranks = [_RANK_OFFICES[fold(t)] for t in official.titles if fold(t) in _RANK_OFFICES]
    if not all(is_relative_title(t) or fold(t) in _RANK_OFFICES for t in official.titles):
        return False
    asked = {stem(w) for w in sides.role_words}
    return all(asked & offices for offices in ranks)


_HEADS_OF_STATE = frozenset(stem(w) for w in ("president", "pres", "king", "queen", "emir", "sultan", "monarch"))
_HEADS_OF_GOVERNMENT = frozenset(stem(w) for w in ("prime", "pm", "premier", "chancellor"))
# Titles that tell a rank, not which office, and the offices of that rank (as role words' stems).
_RANK_OFFICES = {"head of state": _HEADS_OF_STATE, "head of government": _HEADS_OF_GOVERNMENT,
                 "leader": _HEADS_OF_STATE | _HEADS_OF_GOVERNMENT}


# How close the country's word stands to the role's words to be its country, in words: before them ("the
# Cypriot minister", "Cyprus's acting foreign minister"), or after them in a formal name ("Minister of Foreign
# Affairs of the Republic of Cyprus").
_COUNTRY_BEFORE_ROLE = 3
_COUNTRY_AFTER_ROLE = 6
# A role's words stand together, at most this many words apart ("Minister of Foreign Affairs").
_ROLE_SPAN = 4
# Lower-case words that may stand between a country and its official's role ("Cyprus's acting foreign minister").
_ROLE_MODIFIERS = frozenset({"the", "new", "former", "acting", "deputy", "interim", "then", "current"})
_TOKEN = re.compile(r"\w[\w'’-]*")


def role_written(profile: QuestionProfile, sides: Sides, text: str, gazetteer: Gazetteer) -> bool:
    """Whether the text writes the role for its country: the words of the role (as typed, or by their chat
    equivalent: "fm" as "Minister of Foreign Affairs") together, with the country's name or adjective nearest
    before them, past nothing but capitalised words and title modifiers ("the Cypriot minister"), or after them
    in a formal name ("… of the Republic of Cyprus"); not a sentence that names the country about someone else
    ("Velorian Trade Minister X visited Quintara", "Quintara welcomed Velorian Trade Minister X")."""
    if sides.visitor is None:
        return False
    countries = set(profile.may_mean(sides.visitor))
    concepts = {c.word: c for c in profile.concepts}
    for begin, end in sentence_spans(text):
        sentence = text[begin:end]
        mentions = gazetteer.mentions(sentence)
        if not any(country in countries for *_, country in mentions):
            continue
        found = list(_TOKEN.finditer(sentence))
        tokens = [t.group(0) for t in found]
        country_at = {i: country for i, t in enumerate(found) for start, stop, _, country in mentions
                      if start <= t.start() < stop}
        stems = [stem(t.casefold()) for t in tokens]
        for first, last in _role_spans([_role_at(concepts.get(word), stem(word), stems) for word in sides.role_words]):
            before = [i for i in country_at if first - _COUNTRY_BEFORE_ROLE <= i < first]
            if before and country_at[max(before)] in countries and all(
                    w[:1].isupper() or w.casefold() in _ROLE_MODIFIERS for w in tokens[max(before) + 1:first]):
                return True
            after = sorted(i for i in country_at if last < i <= last + _COUNTRY_AFTER_ROLE)
            if after and country_at[after[0]] in countries and _of_a_name(tokens[last + 1:after[0]]):
                return True
    return False


def _role_at(concept: Concept | None, typed: str, stems: list[str]) -> list[tuple[int, int]]:
    """Where in the sentence's stems one word of a role stands, as (first, last) word: its own stem, or one
    phrase of its chat equivalent, its words together ("fm": "Foreign Minister", "Minister of Foreign"); never
    the word's spelling repair (on a corpus that never writes "minister", "ministry")."""
    found = [(i, i) for i, s in enumerate(stems) if s == typed]
    for phrase in concept.alternatives[1:] if concept is not None else ():
        for i in (i for i, s in enumerate(stems) if s == phrase[0]):
            near = [min((j for j, s in enumerate(stems) if s == t), key=lambda j: abs(j - i), default=None)
                    for t in phrase[1:]]
            if all(j is not None for j in near):
                places = [i, *(j for j in near if j is not None)]
                if max(places) - min(places) <= _ROLE_SPAN:
                    found.append((min(places), max(places)))
    return found


def _role_spans(words_at: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Each place where all of a role's words stand together: each place of its first word with the nearest
    place of every other word, when they fit within `_ROLE_SPAN`."""
    if not words_at or not all(words_at):
        return []
    spans = []
    for first, last in words_at[0]:
        nearest = [min(places, key=lambda p: abs(p[0] - first)) for places in words_at[1:]]
        low = min([first, *(p[0] for p in nearest)])
        high = max([last, *(p[1] for p in nearest)])
        if high - low <= _ROLE_SPAN:
            spans.append((low, high))
    return spans


def _of_a_name(between: list[str]) -> bool:
    """Whether the words between a role and a country after it make the country the role's: "of", "the" and
    the capitalised words of a formal name ("… Affairs of the Republic of Cyprus"), not a clause ("… visited
    Cyprus")."""
    return "of" in between and all(w in ("of", "the") or w[:1].isupper() for w in between)


def _understood_roles(profile: QuestionProfile, gazetteer: Gazetteer) -> tuple[Sides, ...]:
    """The officials the question describes, or none when it describes none or in words no article uses."""
    described = described_roles(profile.text.casefold(), gazetteer)
    return described if all(role_understood(profile, sides) for sides in described) else ()


def role_holder_quotes(profile: QuestionProfile, facts: Mapping[str, ArticleFacts], gazetteer: Gazetteer,
                       *, every_article: bool) -> list[FactQuote]:
    """"name the defence ministers in the mongolia and the moz-malawi stories", "which presidents were at
    the two summits": the question asks for the holders of a role (plural, and of no country it names), so
    each article's extracted officials whose title fits it are the answer, one sentence per person. With
    `every_article` (a list read in parts), each article must have a holder, or the list is left to the
    sentence scorer. None when the question describes no such role, or asks what the holders did."""
    if _ACTS.search(profile.text.casefold()):
        return []
    role = plural_role(profile, gazetteer)
    if not role:
        return []
    sides = Sides(None, role)
    if not role_understood(profile, sides):
        return []
    quotes: list[FactQuote] = []
    seen: set[str] = set()
    for article_id, article_facts in facts.items():
        found = 0
        for official in article_facts.officials:
            titles = [t for t in official.titles if fits_role(profile, sides, official, t)]
            if not titles:
                continue
            found += 1  # a holder named in an earlier article still holds the role in this one
            sentence = next((e.sentence for e in official.evidence if any(fold(t) in fold(e.sentence) for t in titles)),
                            None)
            if sentence is None or fold(official.name) in seen:
                continue
            seen.add(fold(official.name))
            if (quote := FactQuote(sentence, article_id)) not in quotes:  # "chaired by X and his counterpart Y"
                quotes.append(quote)
        if every_article and not found:
            return []
    return quotes[:_MAX_ROLE_HOLDERS]
