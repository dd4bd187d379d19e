"""Names checked against the entity model: where the rules read a title word as part of a name
("Presidential Adviser Jared Kushner", "Cabinet Secretary Yoshihide Suga"), the person is what spaCy's
PERSON entity spans, and the words cut off join the title."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.facts.article_text import normalise_quotes
from bot.facts.officials import OfficialMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A person entity shorter than this (in words) is too weak to overrule the rules' reading.
MIN_PERSON_WORDS = 2


def trim_titles_from_names(mentions: Sequence[OfficialMention], docs: Sequence[Doc]) -> list[OfficialMention]:
    """The mentions, each name cut to the person entity that ends it when capitalised words precede it."""
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
        if not cut or not all(word[:1].isupper() for word in cut):
            continue
        before = text[mention.start : name_start].rstrip()
        joined = next((t for t in mention.titles if before.endswith(t)), None)
        if joined is not None:
            mention.titles[mention.titles.index(joined)] = f"{joined} {' '.join(cut)}"
        else:
            mention.titles.insert(0, " ".join(cut))
        mention.name = normalise_quotes(person.text)
    return list(mentions)
