"""People in someone's party belong to that person's country: "Sisi brought a senior delegation that
included: - Foreign Minister Sameh Shoukry", "The Ghanaian President was accompanied by …", "He travelled
with Foreign Minister Penny Wong", a list of people after a line that names one country ("Eleven members
of the Spanish Government took part:"), and a list under a heading ("**The Namibian delegation**", "**Who
travelled with the President**"). The country still comes from the text (the leader's own, or the
nationality written before the cue or in the list's opening line), never from the article's other country."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText
from bot.facts.catalog import ExtractionCatalog
from bot.facts.model import Official, with_countries
from bot.language.parser import verb_at

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A sentence that opens with a pronoun is about the person the sentence before it named.
_PRONOUN_SUBJECT = re.compile(r"(?:He|She)\b")
# A cue that points back with a pronoun ("With him were …", "accompanying her were …").
_PRONOUN_OBJECT = re.compile(r"(?:with|accompanying|alongside)\s+(?:him|her)\b", re.IGNORECASE)
# Clauses that hang off a noun ("X, who was accompanied by A, met B"): the party named in one ends with it.
_NOUN_CLAUSES = frozenset({"relcl", "acl"})
# A heading is a short line: longer ones without a stop are sentences the splitter left unpunctuated.
_HEADING_WORDS = 10


def countries_from_companions(officials: Sequence[Official], article: ArticleText,
                              catalog: ExtractionCatalog, docs: Sequence[Doc] | None = None) -> list[Official]:
    """Officials with no country, named after a companion cue (or in the list it introduces), take the country
    of whoever leads the party: an official with a country named before the cue, else the one nationality or
    country written there, else (for "He …") an official of the sentence before. With the parse, a cue inside
    a clause about a noun names its party only up to that clause's end."""
    sentences = article.sentences
    taken: dict[str, str] = {}
    for number, sentence in enumerate(sentences):
        heading = _is_heading(sentence, sentences[number + 1:number + 2])
        introduces_list = sentence.text.rstrip().endswith(":") or heading
        cue = catalog.patterns.companion_cue.search(sentence.text) or (
            catalog.patterns.list_companion_cue.search(sentence.text) if introduces_list else None)
        inline = inline_list(catalog, sentence.text) if cue is None else None
        if inline is not None:
            cue = inline.cue
        if cue is not None:
            # "four members of the cabinet would travel with Maliki:": before a list, who comes after "with"
            # leads the party the list names
            leader_end = inline.members_at if inline is not None else None
            if inline is not None:
                # the leader is named, or described by title, between the cue and the colon, or there is no party
                # ("visa-free travel with Norrvald: …" names none)
                country = (_one_official_country(named_in(officials, sentence, cue.end(), leader_end))
                           or _described_leader_country(officials, sentence.text[cue.end():leader_end]))
            else:
                country = ((introduces_list and cue.group(0).casefold().endswith(" with")
                            and _one_official_country(named_in(officials, sentence, cue.end())))
                           or _leader_country(officials, sentences, number, cue.start())
                           or _described_leader_country(officials, sentence.text)
                           or _heading_country(sentences, number))
            clause_end = noun_clause_end(docs[number], cue.start()) if docs is not None and inline is None else None
            party = [] if heading else [(sentence, leader_end or cue.end(), clause_end)]
        elif introduces_list:
            # "Eleven members of the Spanish Government took part:", "The Indonesian leader's party included:"
            country, party = _one_country(sentence), []
        else:
            continue
        if country is None:
            continue
        if introduces_list:  # the party is the list that follows, one person at the head of each item
            for item in sentences[number + 1:]:
                if not item.list_item:
                    break
                party.append((item, 0, None))
        for member_sentence, after, clause_end in party:
            head_end = clause_end if cue is not None else item_head_end(member_sentence.text)
            for official in named_in(officials, member_sentence, after, head_end):
                if official.country is None:
                    taken.setdefault(official.name, country)
    return with_countries(officials, taken)


def noun_clause_end(doc: Doc, cue_start: int) -> int | None:
    """Where the clause holding the cue ends, when that clause describes a noun ("Surayud, who was accompanied
    by his ministers, met Hu"): the people after it are the sentence's, not the party's."""
    token = verb_at(doc, cue_start)
    if token is None or token.dep_ not in _NOUN_CLAUSES:
        return None
    last = token.right_edge
    return last.idx + len(last.text)


@dataclass(frozen=True)
class InlineList:
    """A cue that needs a list ("travel with") with its list written after a colon in the same sentence: "Two
    cabinet colleagues will travel with the prime minister: Minister X and Minister Y"."""

    cue: re.Match[str]
    members_at: int  # where the list begins, after the colon


# From a cue to the colon that opens its list: a few words naming the leader, no stop in between.
_TO_COLON = re.compile(r"[^.:;!?]{0,80}?:\s+(?=\S)")


def inline_list(catalog: ExtractionCatalog, text: str) -> InlineList | None:
    """The cue and the list after its colon, when the sentence lists a party inline."""
    cue = catalog.patterns.list_companion_cue.search(text)
    if cue is None:
        return None
    colon = _TO_COLON.match(text, cue.end())
    return InlineList(cue, colon.end()) if colon is not None else None


def _is_heading(sentence: ArticleSentence, following: Sequence[ArticleSentence]) -> bool:
    """A line of its own that ends in no stop and opens a list ("Who travelled with the President"): it
    introduces the list as a colon would."""
    return bool(following) and following[0].list_item and _heading_shaped(sentence)


def _heading_country(sentences: Sequence[ArticleSentence], number: int) -> str | None:
    """The one country a heading just above the cue names ("The Namibian delegation" over "The head of state
    will be accompanied by:")."""
    if not number or not _heading_shaped(sentences[number - 1]):
        return None
    return _one_country(sentences[number - 1])


def _heading_shaped(sentence: ArticleSentence) -> bool:
    """Short, no list item, and no stop at its end."""
    return (not sentence.list_item and not sentence.text.rstrip().endswith((".", "!", "?", ":"))
            and len(sentence.text.split()) <= _HEADING_WORDS)


def _one_official_country(named: Sequence[Official]) -> str | None:
    """The country of the officials named, when they have one and the same."""
    countries = {o.country for o in named}
    return countries.pop() if len(countries) == 1 and None not in countries else None


def _described_leader_country(officials: Sequence[Official], text: str) -> str | None:
    """The leader written as a title ("Who travelled with the President", "the Amir was accompanied by"):
    the country of the officials holding that title, when they all have one."""
    holders = {o.country for o in officials for title in o.titles
               if len(title) > 2 and re.search(rf"\bthe {re.escape(title)}\b", text, re.IGNORECASE)}
    return holders.pop() if len(holders) == 1 and None not in holders else None


def _one_country(sentence: ArticleSentence) -> str | None:
    """The one country a sentence names (by name or nationality word); none when it names two or none."""
    countries = {p.country for p in sentence.places if not p.is_city}
    return countries.pop() if len(countries) == 1 else None


def item_head_end(text: str) -> int:
    """Where a list item's head ends: "Luis Planas, Minister for Agriculture" is about Planas, while "MoU between
    X and Y on fisheries" names people who are no member of anyone's party."""
    stop = min((i for i in (text.find(","), text.find(";"), text.find(" - "), text.find(" – ")) if i >= 0),
               default=len(text))
    return stop


def _leader_country(officials: Sequence[Official], sentences: Sequence[ArticleSentence], number: int,
                    cue_start: int) -> str | None:
    sentence = sentences[number]
    leaders = {o.country for o in named_in(officials, sentence, 0, cue_start) if o.country}
    if len(leaders) == 1:
        return leaders.pop()
    written = {p.country for p in sentence.places if p.end <= cue_start and not p.is_city}
    if len(written) == 1:
        return written.pop()
    if not leaders and not written and number and (_PRONOUN_SUBJECT.match(sentence.text)
                                                   or _PRONOUN_OBJECT.match(sentence.text, cue_start)):
        return _first_leader_country(officials, sentences[number - 1].text)
    return None


def _first_leader_country(officials: Sequence[Official], text: str) -> str | None:
    """Whom "he" or "with him" points back to: the person the sentence before names first, by name or as
    "the <title>" ("The prime minister went to greet the Azerbaijani leader. With him were …"). A sentence
    tells its subject first; when both sides are named, the first is the one the pronoun continues."""
    mentions: list[tuple[int, str | None]] = []
    for official in officials:
        spots = [m.start() for s in (official.name, *_surnames(official.name))
                 for m in re.finditer(rf"\b{re.escape(s)}\b", text)]
        spots += [m.start() for title in official.titles if len(title) > 2
                  for m in re.finditer(rf"\bthe {re.escape(title)}\b", text, re.IGNORECASE)]
        mentions.extend((spot, official.country) for spot in spots)
    if not mentions:
        return None
    first = min(spot for spot, _ in mentions)
    countries = {country for spot, country in mentions if spot == first}
    return countries.pop() if len(countries) == 1 else None


def named_in(officials: Sequence[Official], sentence: ArticleSentence, begin: int,
              end: int | None = None) -> list[Official]:
    """Officials whose name, or surname, stands in the sentence between the two offsets."""
    window = sentence.text[begin:end]
    return [o for o in officials if o.name in window or any(re.search(rf"\b{re.escape(s)}\b", window)
                                                             for s in _surnames(o.name))]


def named_last(officials: Sequence[Official], sentence: ArticleSentence, end: int) -> list[Official]:
    """The official named last before `end` (by name or surname), if any."""
    window = sentence.text[:end]
    spots = [(max(m.end() for m in found), o) for o in officials
             if (found := [m for s in (o.name, *_surnames(o.name)) for m in re.finditer(rf"\b{re.escape(s)}\b", window)])]
    return [max(spots, key=lambda spot: spot[0])[1]] if spots else []


def _surnames(name: str) -> tuple[str, ...]:
    """How a later mention shortens a name: its last word, and that word without a short particle
    ("al-Sisi" → "Sisi")."""
    last = name.split()[-1]
    particle, _, rest = last.rpartition("-")
    return (last, rest) if particle and len(particle) <= 3 and rest else (last,)
