"""Names and countries checked against the parse: where the rules read a title word as part of a name
("Presidential Adviser Jared Kushner", "Cabinet Secretary Yoshihide Suga"), the person is what spaCy's
PERSON entity spans, and the words cut off join the title; a country taken from the nearest country word
must belong to the name's own phrase, not to another clause ("India and the US unveiled deals as Prime
Minister Modi held talks")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import normalise_quotes
from bot.facts.catalog import ExtractionCatalog
from bot.facts.officials import OfficialMention
from bot.language.parser import SUBJECT_DEPS, VERB_POS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A person entity shorter than this (in words) is too weak to overrule the rules' reading.
MIN_PERSON_WORDS = 2


def trim_titles_from_names(mentions: Sequence[OfficialMention], docs: Sequence[Doc],
                           catalog: ExtractionCatalog) -> list[OfficialMention]:
    """The mentions, each name cut to the person entity that ends it when the capitalised words before it end
    in a title word ("Cabinet Secretary"). A given name the entity model left out stays in the name: "Minister
    of State Kirti Vardhan Singh" is not "Vardhan Singh", titled "... Kirti"."""
    vocabulary = title_vocabulary(catalog)
    for mention in mentions:
        text = normalise_quotes(mention.sentence.text)
        name_start = text.find(mention.name, mention.start, mention.end)
        if name_start < 0:
            continue
        name_end = name_start + len(mention.name)
        doc = docs[mention.sentence.index]
        person = next(
            (
                e for e in doc.ents
                if e.label_ == "PERSON" and name_start < e.start_char and e.end_char == name_end
                and len(e.text.split()) >= MIN_PERSON_WORDS
            ),
            None,
        )
        if person is None:
            continue
        cut = text[name_start : person.start_char].split()
        if not cut or not all(word[:1].isupper() for word in cut) or cut[-1].casefold() not in vocabulary:
            continue
        before = text[mention.start : name_start].rstrip()
        joined = next((t for t in mention.titles if before.endswith(t)), None)
        if joined is not None:
            mention.titles[mention.titles.index(joined)] = f"{joined} {' '.join(cut)}"
        else:
            mention.titles.insert(0, " ".join(cut))
        mention.name = normalise_quotes(person.text)
    return list(mentions)


def title_vocabulary(catalog: ExtractionCatalog) -> frozenset[str]:
    """Every word of a title, a title's modifier or a rank, lower case ("secretary", "deputy", "gen.")."""
    heads = {word.casefold() for phrase in (*catalog.title_heads, *catalog.ranks) for word in phrase.split()}
    return frozenset(heads | catalog.title_words)


def drop_countries_from_other_clauses(
    mentions: Sequence[OfficialMention], docs: Sequence[Doc]
) -> list[OfficialMention]:
    """The mentions, without a nearby country that the parse reaches only across a verb: the word then belongs
    to another clause ("India and the US unveiled deals as Modi held talks"), or to another person's ("his
    Tanzanian counterpart, Liberata Mulamula, after a meeting between President Museveni and …"; "Tanzanian
    President Hassan, who came at the invitation of President Kagame"). "Indian officials such as X" keeps
    India, and so does "Japanese ministers X and Y" (a country shared over "and"), and "Zimbabwe sent Justice
    Minister X" (the country does the one verb through them)."""
    for mention in mentions:
        if mention.nearby_country_at is None:
            continue
        doc = docs[mention.sentence.index]
        place = doc.char_span(mention.nearby_country_at, mention.nearby_country_at + 1, alignment_mode="expand")
        name = _surname_span(mention, doc)
        if place is None or name is None or not len(place):
            continue
        path = _path_between(place[0], name.root)
        verbs = [t for t in path if t.pos_ in VERB_POS]
        if verbs and not _sends(place.root, verbs, path):
            mention.country = None
            mention.nearby_country_at = None
    return list(mentions)


def drop_titles_of_other_clauses(mentions: Sequence[OfficialMention], docs: Sequence[Doc]) -> list[OfficialMention]:
    """The mentions, without a title (and its country) that stands in a phrase of another clause before a comma
    ("At the lunch given by the Thai prime minister, Hasina called the trip a turning point": Hasina is the next
    clause's subject, not the Thai prime minister); a mention left with no title is dropped. The name is then a
    subject, and the parse reaches it from the title's head only up through a preposition and across a verb; an
    apposition ("Thailand's Prime Minister, Srettha Thavisin, said", "the President of the Republic of Suriname,
    His Excellency X") needs neither."""
    kept = []
    for mention in mentions:
        at = mention.title_before_comma_at
        if not at:
            kept.append(mention)
            continue
        doc = docs[mention.sentence.index]
        title = doc.char_span(mention.start, at, alignment_mode="expand")
        name = _surname_span(mention, doc)
        if title is None or name is None or not len(title) or name.root.dep_ not in SUBJECT_DEPS:
            kept.append(mention)
            continue
        path = _path_between(title.root, name.root)
        if not (any(t.pos_ in VERB_POS for t in path) and any(t.dep_ == "prep" for t in path)):
            kept.append(mention)
        elif len(mention.titles) > 1:
            # "… of the President of Veloria, Presidents X and Y held talks": the title after the comma stays theirs
            mention.titles, mention.country, mention.nearby_country_at = mention.titles[1:], None, None
            kept.append(mention)
    return kept


def _surname_span(mention: OfficialMention, doc: Doc) -> Span | None:
    """The parse's tokens of the name's last word, which stands for it (a nickname inside the name is not part
    of mention.name); None where the parse has none there."""
    surname = mention.name.split()[-1]
    name_start = normalise_quotes(mention.sentence.text).rfind(surname, mention.start, mention.end)
    if name_start < 0:
        return None
    span = doc.char_span(name_start, name_start + len(surname), alignment_mode="expand")
    return span if span is not None and len(span) else None


# Prepositions through which a country still acts by its person: "represented by X", "under the leadership of X".
_ACTING_THROUGH = frozenset({"by", "under", "of"})


def _sends(country: Token, verbs: Sequence[Token], path: Sequence[Token]) -> bool:
    """"Zimbabwe sent Justice Minister X", "Zimbabwe was represented by X": a country that is the subject of
    the one verb between it and the person acts through them; not when the person is reached through another
    preposition than "by", "under" or "of" ("Indonesia received a visit from President X": X came from elsewhere).
    """
    return (len(verbs) == 1 and country.dep_ in SUBJECT_DEPS and country.head.i == verbs[0].i
            and not any(t.dep_ == "prep" and t.lower_ not in _ACTING_THROUGH for t in path))


def _path_between(a: Token, b: Token) -> list[Token]:
    """The tokens on the dependency path from one token up to the pair's common head and down to the other."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    in_b = {t.i: n for n, t in enumerate(up_b)}
    meet = next((n for n, t in enumerate(up_a) if t.i in in_b), None)
    if meet is None:
        return [*up_a, *up_b]
    return [*up_a[: meet + 1], *up_b[: in_b[up_a[meet].i]]]
