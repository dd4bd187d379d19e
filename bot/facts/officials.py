"""Named officials: a title or rank followed by a name ("Defence Secretary Rajesh Kumar Singh"), or a name
followed by an appositive title ("Ilsa Varn, the Quintaran defence minister"); short mentions merge later."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.facts.article_text import ArticleSentence, ArticleText, PlaceMention, normalise_quotes
from bot.facts.catalog import RELATIVE_TITLE_HEADS, ExtractionCatalog, alternation
from bot.facts.model import Evidence, Official
from bot.facts.shared_titles import shared_title_people
from bot.knowledge.numbers import ordinal_pattern
from bot.knowledge.sentences import VOWELLESS_WORD

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Letters of the whole Latin script, by case: names are written "Bùi Thanh Sơn", "Nguyễn Xuân Phúc", "Đặng",
# "Łukasz", not only in ASCII and Latin-1.
_LATIN = [chr(c) for c in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)) if chr(c).isalpha()]
_UP = "A-Z" + "".join(c for c in _LATIN if c.isupper())
_LOW = "a-z" + "".join(c for c in _LATIN if c.islower())
_WORD = re.compile(rf"[{_UP}{_LOW}][\w&'’.-]*")
# A lower-case name particle before a capitalised word: "da Silva", "bin Salman", "al-Sisi".
_PARTICLE = re.compile(rf"([a-z]+)(?:-|\s+)(?=[{_UP}])")
# A name word: a capitalised word (with an apostrophe inside, "O'Brien", "Al Ra'eesi", never a possessive "'s"),
# initials with their full stops ("R. Marcos", "K.P. Sharma Oli") or joined to the name ("N.Enkhtaivan"), or bare
# initials before the next capitalised word ("External Affairs Minister S Jaishankar", "Foreign Minister A K Abdul
# Momen", as Indian and much South Asian copy writes them).
# A Polynesian name may open with a glottal stop, the letter ʻ ("ʻAkilisi Pōhiva"). Written as an apostrophe
# ("'Aisake Valu Eke") it is not read: the parser splits it off as a quotation mark.
_NAME_TOKEN = re.compile(
    rf"(?:ʻ?"
    rf"[{_UP}][{_LOW}]*[{_UP}]?[{_LOW}]+(?:['’][{_UP}][{_LOW}]+|['’][{_LOW}]{{2,}}|-[{_UP}{_LOW}][{_LOW}]+"
    rf"|-[{_LOW}]{{1,2}}(?=-))*"  # "Chan-o-Cha": a short linking syllable between hyphens
    rf"|[{_UP}]\.[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)*"  # an initial joined on, as Mongolian copy writes it
    rf"|(?:[{_UP}]\.)+|[{_UP}](?= (?:[{_UP}] )*[{_UP}][{_LOW}])|O['’][A-Z][a-z]+)"
    r"(?![\w-])"
)
# A name written short inside a name, with no vowel and a full stop, before the rest of it: "Gudni Th.
# Johannesson" (never the name's first word: "Dr." and "Mr." are styles).
_ABBREVIATED_NAME = re.compile(rf"{VOWELLESS_WORD}\.(?= [{_UP}][{_LOW}])")
_SPACE = re.compile(r"\s+")
# Two initials or more, each with its full stop: "K.P.", "W.S.", or letters after a name ("M.P.").
_DOTTED_LETTERS = re.compile(rf"(?:[{_UP}]\.){{2,}}")
# After a one-letter word, more bare initials and a name: "A K Abdul Momen".
_MORE_INITIALS = re.compile(rf"(?: [{_UP}])+ [{_UP}][{_LOW}]")
# From a name to the next line of a signature block, past letters after the name ("X, SC, M.P").
_NEXT_LINE = re.compile(r"(?:,\s*[A-Z][A-Za-z.]{0,5})*[ \t]*\n[ \t]*")
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
# After a nickname, one or two name words and then the name's end: "Joko "Jokowi" Widodo met", not a
# headline in capitals ("Ruto 'Optimistic' Deal Will Be Signed").
_SURNAME_ENDS = re.compile(rf"[{_UP}][\w'’-]+(?:\s[{_UP}][\w'’-]+)?(?=[,.;:)]|\s+[^{_UP}\s]|\s*$)")
# "the first …" up to "the tenth …", or "the 12th …", before an appositive title.
_ORDINAL = re.compile(rf"(?:{ordinal_pattern(10)})\s+")
# A nickname in quotes between a given name and a surname: Joko "Jokowi" Widodo.
_NICKNAME = re.compile(rf"[\"“‘'][{_UP}][\w.-]*[\"”’']\s(?=[{_UP}])")
# An abbreviation of the title in brackets before the name: "Prime Minister (PM) Taur Matan Ruak".
_TITLE_ABBREVIATION = re.compile(r"\s+\([A-Z]{2,6}\)(?=\s)")
# ", Climate and Energy," after "Minister of the Environment": more portfolios of one office, the last after
# "and" or "&", up to the comma that ends the title.
_CAPITALISED = rf"[{_UP}][\w'’-]*"
# A list's start up to its "and": ", Climate and " (or ", Industry and " before a name with no comma).
_LIST_UP_TO_AND = rf",\s+(?:{_CAPITALISED},?\s+)*(?:and|&)\s+"
_MORE_PORTFOLIOS = re.compile(rf"({_LIST_UP_TO_AND}{_CAPITALISED}(?:\s+{_CAPITALISED})*),")
# What a title is also called, in brackets, before the title goes on with "of"/"for" (" (Prime Minister)").
_TITLE_ASIDE = re.compile(rf"[ \t]+\((?:[{_UP}][\w'’-]*[ \t]?){{1,4}}\)(?=[ \t]+(?:of|for)\b)")
# The start of such a list when no comma closes it: ", Industry and " before "Textiles Rajan Mehrotra".
_PORTFOLIOS_UP_TO_AND = re.compile(_LIST_UP_TO_AND)
_CAPITALISED_RUN = re.compile(_CAPITALISED)
# A preposition just before a place: it tells where, not whose ("in Tokyo Prime Minister X").
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|from|near|across|outside|inside|around|via|within|to|into|towards?|for|"
                                r"through|between|over|on|of)\s+$",
                                re.IGNORECASE)
# A title's last word and "of" just before a position ("Minister of ").
_HEAD_THEN_OF = re.compile(r"\b\w+\s+of\s+$")
# Endings of English nouns that no name has ("Promotion", "Development", "Security"): a portfolio word.
_NOUN_ENDINGS = ("tion", "sion", "ment", "ity", "ness", "ance", "ence", "ship", "ism", "ure", "ing", "ics")
# How many capitalised words the name after such a list may have.
_NAME_WORDS = (2, 4)
# The same list closing the clause of a title after its holder's name ("…, Minister of Agriculture, Animal
# Husbandry and Fisheries.").
_CLAUSE_END = re.compile(r"[.;]?\s*$")
_LAST_PORTFOLIOS = re.compile(_MORE_PORTFOLIOS.pattern.removesuffix(",") + rf"(?={_CLAUSE_END.pattern})")
_REGNAL_NUMBER = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})(?![\w-])")
_CONNECTORS = frozenset({"and", "of", "&", "for", "the"})
_NEARBY_COUNTRY_CHARS = 90
_GENERIC_HEADS = frozenset({"head", "chief", "chair", "director", "member"})
# The entity model's labels for an office's body: organisations and buildings ("the Lower House", "the Kremlin").
BODY_LABELS = frozenset({"ORG", "FAC"})


@dataclass
class OfficialMention:
    """One place in the text that names an official, with whatever it says about them."""

    name: str
    sentence: ArticleSentence
    start: int
    end: int
    titles: list[str] = field(default_factory=list)
    organisation: str | None = None
    country: str | None = None
    # Where the country word sits when the country was taken from the nearest one before the name, so the
    # parse can check it belongs to the name's own phrase (bot/facts/person_names.py).
    nearby_country_at: int | None = None
    # Where the title ends when a comma sets the name off after it ("the Thai prime minister, Hasina …"), so the
    # parse can check the name is the title's apposition, not the subject of the next clause.
    title_before_comma_at: int | None = None


# Longest a joint between two people in one list may be ("and with", "as well as").
_LIST_JOINT_WORDS = 3


@dataclass(frozen=True)
class _Title:
    end: int
    text: str
    organisation: str | None
    country: str | None
    excluded_country: str | None = None
    also: str | None = None  # a second office joined with "and" after an apposition ("…, Deputy PM and Foreign Minister")


class OfficialFinder:
    """Parses one sentence at a time; built once per article (it needs the article's organisations)."""

    def __init__(self, catalog: ExtractionCatalog, organisation_countries: dict[str, str]) -> None:
        self.catalog = catalog
        self.patterns = catalog.patterns
        self.organisation_countries = organisation_countries
        self.kept_honorifics = re.compile(rf"(?:{alternation(catalog.kept_honorifics)})(?!\w)")
        # Lower-case words that can begin a mention ("defence minister Rajnath Singh").
        self.lower_starts = catalog.title_words | {h.split()[0].casefold() for h in catalog.title_heads}
        self.skipped_honorifics = re.compile(rf"(?:{alternation(catalog.skipped_honorifics)})(?!\w)")
        self._people: Sequence[tuple[int, int]] = ()
        self._bodies: Sequence[tuple[int, int]] = ()

    def mentions(self, sentence: ArticleSentence, people: Sequence[tuple[int, int]] = (),
                 bodies: Sequence[tuple[int, int]] = ()) -> list[OfficialMention]:
        """Every official the sentence names; `people` are the entity model's PERSON spans (character offsets),
        so a surname that is also a place ("Luís Montenegro") stays in the name; `bodies` are its spans of
        organisations and buildings, so "the Lower House" is an office's body, never a person."""
        self._people = people
        self._bodies = bodies
        text = sentence.text
        found: list[OfficialMention] = []
        position = 0
        for word in _WORD.finditer(text):
            if word.start() < position:
                continue
            token = word.group(0)
            if not token[0].isupper() and token.rstrip(".").casefold() not in self.lower_starts:
                continue
            mention = self._mention_at(sentence, word.start())
            if mention:
                if mention.nearby_country_at is not None and _in_anothers_phrase(mention, found, text):
                    # "The Emir of Qatar, Sheikh Tamim, greets President Kagame": the country word is the other
                    # official's, written in their title ("Japanese Foreign Minister X and Defence Minister Y" share it)
                    mention.country = mention.nearby_country_at = None
                found.append(mention)
                position = mention.end
        for name, (start, end, title, country) in shared_title_people(sentence, self.catalog, self._honoured_name):
            same = [m for m in found if m.start < end and start < m.end]
            if not same:
                found.append(OfficialMention(name, sentence, start, end, [title], None, country))
            elif same[0].name == name and title.casefold() not in {t.casefold() for t in same[0].titles}:
                # "his two deputy prime ministers, Dame X and Y": X, read on her own for her style, holds the
                # shared title too
                same[0].titles.append(title)
                same[0].country = same[0].country or country
        return sorted(found, key=lambda m: m.start)

    # -- one mention ---------------------------------------------------------------------------------------

    def _mention_at(self, sentence: ArticleSentence, start: int) -> OfficialMention | None:
        text = sentence.text
        pre_country, cursor = self._country_before_title(sentence, start)
        titles: list[str] = []
        organisation: str | None = None
        country = pre_country
        excluded: set[str] = set()
        title_before_comma_at: int | None = None
        title = self._title(sentence, cursor)
        if title and _lacks_its_nationality(title, pre_country):
            return None
        if title:
            titles.append(title.text)
            organisation = title.organisation
            country = country or title.country
            if title.excluded_country:
                excluded.add(title.excluded_country)
            cursor = title.end
            abbreviation = _TITLE_ABBREVIATION.match(text, cursor)
            if abbreviation:
                cursor = abbreviation.end()
            comma = re.match(r",\s+", text[cursor:])
            if (named := self._named_after_comma(sentence, cursor)) is not None:
                title_before_comma_at = cursor
                cursor = named
            elif comma and (second := self._title(sentence, cursor + comma.end())):
                # "his counterpart, Prime Minister Navin Ramgoolam": both titles are the name's.
                titles.append(second.text)
                organisation = organisation or second.organisation
                country = country or second.country
                cursor = second.end
            elif (joined := re.match(r"\s+and\s+", text[cursor:])) and not re.search(
                    r"\b(?i:the)\s+(?:[A-Z][\w-]*\s+)*$", text[:start]) and (
                    second := self._title(sentence, cursor + joined.end())):
                # "Deputy Prime Minister and Commerce Minister Wechayachai": two offices held by the one name
                # after them (a name after the first title makes them two people, read one at a time), also
                # when a comma sets the name off ("Deputy Prime Minister and Foreign Minister, Sheikh X").
                titles.append(second.text)
                organisation = organisation or second.organisation
                country = country or second.country
                cursor = self._named_after_comma(sentence, second.end) or second.end
        elif pre_country and not self._person_begins(cursor):
            return None  # "India's Tata Sons": a country's, but no one named
        rank_index = len(titles)
        while True:
            rank = self._rank(text, self._skip_space(text, cursor))
            if not rank:
                break
            titles.append(rank[1])
            cursor = rank[0]
        while honorific := self._honorific(text, self._skip_space(text, cursor)):
            if honorific[1]:
                titles.append(honorific[1])
            cursor = honorific[0]
        name_at = self._skip_space(text, cursor)
        name = self._name(sentence, name_at)
        if (name and titles and len(titles) == rank_index and " " not in name[1] and not self._person_begins(name_at)
                and self._names_an_office_part(name[1], name_at)):
            comma = re.match(r",\s+", text[name[0]:])
            holder_at = self._skip_space(text, name[0] + comma.end()) if comma else None
            holder = self._name(sentence, holder_at) if holder_at is not None else None
            if holder is not None and holder_at is not None and " " in holder[1] and (
                    any(begin < holder[0] and holder_at < end for begin, end in self._people)
                    # a full name set off by commas, which the entity model may not have read as a person
                    or (len(holder[1].split()) >= 3 and text[holder[0]:holder[0] + 1] == ",")):
                # "Chief of the Presidency's Civil House, Adão Correia de Almeida": a word of an office or a body
                # that no person begins at closes the title; the person named after the comma holds it (not
                # "Chancellor Tarrant, Pell Hargrove and …", a list)
                titles[-1] = f"{titles[-1]} {name[1]}"
                name = holder
        if not name:
            return None
        name_end, name_text = name
        marker = self.patterns.marker.match(text, name_end)
        if marker:
            if len(titles) > rank_index:
                titles[-1] = f"{titles[-1]} ({marker.group(0).strip().strip('()').strip()})"
            name_end = marker.end()
        letters = self.patterns.post_nominal.match(text, name_end)
        if letters:
            name_end = letters.end()
        appositive = self._appositive(sentence, name_end) or self._signed_as(sentence, name_end)
        if not titles and not appositive and not pre_country:
            # A bare name counts only with a title after it ("Oskar Pellum, Director General ...") or a country's
            # possessive before it that the entity model reads as a person ("Jamaica's Andrew Holness").
            return None
        end = name_end
        if appositive:
            titles.append(appositive.text)
            if appositive.also:
                titles.append(appositive.also)
            organisation = organisation or appositive.organisation
            country = country or appositive.country
            if appositive.excluded_country:
                excluded.add(appositive.excluded_country)
            end = appositive.end
        after = self._organisation_after(sentence, end)
        if after:
            organisation = organisation or after[1]
            country = country or after[2]
            end = after[0]
        if organisation and not country:
            country = self._organisation_country(organisation)
        if not country:
            country = _country_after_name(sentence, end)
        nearby_at = None
        # A counterpart belongs to the other side: the country word nearest them is usually the other person's.
        if not country and not any(is_relative_title(t) for t in titles):
            nearby = self._country_nearby(sentence, start, excluded)
            if nearby is not None:
                country, nearby_at = nearby.country, nearby.start
        return OfficialMention(name_text, sentence, start, end, titles, organisation, country, nearby_at,
                               title_before_comma_at)

    # -- pieces ------------------------------------------------------------------------------------------

    @staticmethod
    def _skip_space(text: str, position: int) -> int:
        match = _SPACE.match(text, position)
        return match.end() if match else position

    def _country_before_title(self, sentence: ArticleSentence, start: int) -> tuple[str | None, int]:
        place = sentence.place_at(start)
        if place is None or (place.is_city and (place.possessive or _PLACE_PREPOSITION.search(
                sentence.text, 0, place.start) is not None)):
            # a city names its country's office ("Abu Dhabi Crown Prince X"), but not where something happens
            # ("in Tokyo Prime Minister X said") nor the city's own office ("Beijing's mayor")
            return None, start
        after = self._skip_space(sentence.text, place.end_with_possessive)
        return (place.country, after) if after > place.end_with_possessive else (None, start)

    def _title(self, sentence: ArticleSentence, start: int, *, closing: bool = False) -> _Title | None:
        """Modifier words, a head ("Minister"), then an optional "of/for/to ..." part; a title `closing` its
        clause after the holder's name keeps capitalised words up to the clause's end ("X, Minister of Public
        Works.")."""
        text = sentence.text
        cursor = start
        for _ in range(6):
            head = self.patterns.head.match(text, cursor)
            if head:
                return self._title_tail(sentence, start, head.end(), closing)
            word = _WORD.match(text, cursor)
            # "Trade and Industry Minister": two portfolios joined before the head
            if not word:
                return None
            joins = cursor > start and word.group(0).casefold() == "and"
            if not joins and word.group(0).rstrip(".").casefold() not in self.catalog.title_words:
                return None
            cursor = self._skip_space(text, word.end())
            if cursor == word.end():
                return None
        return None

    def _title_tail(self, sentence: ArticleSentence, start: int, head_end: int, closing: bool = False) -> _Title:
        text = sentence.text
        core = normalise_quotes(text[start:head_end])
        # "Foreign Minister (canciller) of Ecuador": a gloss in brackets does not part the title from its "of"
        link = re.match(r"(?:\s*\([^()]{1,40}\))?\s+(of|for|to)\s+(?:the\s+)?", text[head_end:], re.IGNORECASE)
        if not link:
            return _Title(head_end, core, None, None)
        phrase = self._qualifier(sentence, head_end + link.end(), link.group(1).lower() == "to", closing)
        if phrase is None:
            state = _WORD.match(text, head_end + link.end()) if link.group(1).lower() == "to" else None
            if state and state.group(0)[:1].isupper() and state.group(0).casefold() in self.catalog.state_nouns:
                of = re.match(r"\s+of\s+", text[state.end():])
                place = sentence.place_at(state.end() + of.end()) if of else None
                if place is not None:  # "Ambassador to the Sultanate of Oman": posted there
                    return _Title(place.end, normalise_quotes(text[start:place.end]), None, None,
                                  excluded_country=place.country)
                if re.match(r"\s*(?:,|$)", text[state.end():]):
                    # "Ambassador to the Sultanate, X": a post called by its form of state
                    return _Title(state.end(), normalise_quotes(text[start:state.end()]), None, None)
            return _Title(head_end, core, None, None)
        end, countries, is_organisation = phrase
        qualifier = normalise_quotes(text[head_end + link.end() : end])
        if link.group(1).lower() == "to":
            return _Title(
                end,
                normalise_quotes(text[start:end]),
                None,
                None,
                excluded_country=countries[0] if countries else None,
            )
        country = countries[0] if countries else None
        posting = self._posting(sentence, end)
        if posting is not None:
            # "the Ambassador of Morocco to the Kingdom of Bahrain, Mustapha Benkhiyi": the posting is part of
            # the title, and its country is where the official serves, not theirs.
            return _Title(posting[0], normalise_quotes(text[start:posting[0]]), None, country, posting[1])
        if is_organisation:
            # "head" alone says little; "head of Solmere's Cyber and Border Command" keeps its organisation.
            generic = core.casefold() in _GENERIC_HEADS
            return _Title(end, normalise_quotes(text[start:end]) if generic else core, qualifier, country)
        return _Title(end, normalise_quotes(text[start:end]), None, country)

    def _posting(self, sentence: ArticleSentence, start: int) -> tuple[int, str | None] | None:
        """ " to Bahrain" after "Ambassador of Morocco": (its end, the country posted to), if places follow."""
        link = re.match(r"\s+to\s+(?:the\s+)?", sentence.text[start:], re.IGNORECASE)
        if not link:
            return None
        phrase = self._qualifier(sentence, start + link.end(), True)
        if phrase is None:
            return None
        return phrase[0], phrase[1][0] if phrase[1] else None

    def _qualifier(
        self, sentence: ArticleSentence, start: int, places_only: bool, closing: bool = False
    ) -> tuple[int, list[str], bool] | None:
        """The words after "of"/"for" that belong to the title; unknown capitalised words are kept only
        when a known word follows them, so a name right after the title is not swallowed."""
        text = sentence.text
        cursor = start
        known_end = -1
        run_end = -1  # the end of the last capitalised word read
        countries: list[str] = []
        organisation = False
        while cursor < len(text):
            place = sentence.place_at(cursor)
            if place and place.end_with_possessive > place.end and cursor > start:
                break  # "… Cooperation Hugh Todd and Trinidad and Tobago's Minister …": another's title begins
            if place:
                countries.append(place.country)
                cursor = place.end_with_possessive
                known_end = cursor
            else:
                word = _WORD.match(text, cursor)
                if not word or (not places_only and self._person_begins(word.start())):
                    break  # "President of the Republic of Uzbekistan Shavkat Mirziyoyev and …": his name ends it
                token = word.group(0).rstrip(".")
                folded = normalise_quotes(token).removesuffix("'s").casefold()
                if places_only:
                    break
                if run_end > known_end >= 0 and self.patterns.head.match(text, word.start()):
                    # "Minister of Ports Oda Quill and Minister for Trade Ilse Marrow": unknown capitalised words
                    # between a title and another title's head are the first holder's name
                    break
                if folded in self.catalog.organisation_heads:
                    organisation = True
                    cursor = word.start() + len(token)
                    known_end = cursor
                elif folded in self.catalog.title_words:
                    cursor = word.start() + len(token)
                    known_end = cursor
                elif folded in _CONNECTORS or token[:1].isupper():
                    cursor = word.start() + len(token)
                    if token[:1].isupper():
                        run_end = cursor
                else:
                    break
            aside = _TITLE_ASIDE.match(text, cursor) if not places_only else None
            if aside:
                # "Chairman of the Council of Ministers (Prime Minister) of Bosnia and Herzegovina": the title
                # goes on past what it is also called
                cursor = aside.end()
            following = re.match(r"[ \t]+", text[cursor:])
            if not following and closing and not places_only:
                last = _LAST_PORTFOLIOS.match(text, cursor)
                ands = list(re.finditer(r"\b(?:and|&)\s+", text[last.start():last.end(1)])) if last else []
                if (last and ands and known_end == cursor
                        and not self.patterns.head.search(text, last.start(), last.end(1))
                        and not any(last.start() + ands[-1].end() <= begin < last.end(1) for begin, _ in self._people)):
                    # "…, Minister of Agriculture, Animal Husbandry and Fisheries.", but not "…, Minister of
                    # Defence, and President X." (a title) or "…, and Jon Brask." (a person)
                    known_end = last.end(1)
                elif run_end == cursor and _CLAUSE_END.match(text, cursor):
                    known_end = cursor  # "…, Minister of Public Works."
                break
            if not following:
                portfolios = _MORE_PORTFOLIOS.match(text, cursor) if not places_only else None
                if (portfolios and known_end == cursor and self._person_after(text, portfolios.end())
                        and not any(portfolios.start() < begin < portfolios.end(1) for begin, _ in self._people)):
                    # "the Minister of the Environment, Climate and Energy, Bojan Kumer": a list of portfolios
                    # runs on to the comma before the entity model's person.
                    known_end = portfolios.end(1)
                elif (known_end == cursor and not places_only
                        and (listed := self._portfolios_before_name(text, cursor)) is not None):
                    # "Minister of Commerce, Industry and Textiles Rajan Mehrotra": with no comma before the name,
                    # the list runs on to its last portfolio word the catalog knows.
                    known_end = listed
                elif (text.startswith(",", cursor) and run_end == cursor and not places_only
                        and self._person_after(text, cursor + 1)):
                    # "the Minister of Jal Shakti, Gajendra Singh Shekhawat": the words up to the comma are the
                    # title's when the entity model's person begins after it.
                    known_end = cursor
                break
            cursor += following.end()
        if not places_only:
            # "Speaker of the Lower House, Atef Tarawneh", "Speaker of Israel's Knesset": capitalised words the
            # catalog does not know, after its last known word, that the entity model reads as an organisation
            # beginning there belong to the title, up to where that organisation ends.
            after_known = self._skip_space(text, known_end if known_end >= 0 else start)
            body = self._body_from(sentence, after_known, start if known_end < 0 else known_end)
            if body is not None:
                countries += [p.country for p in sentence.places if after_known <= p.start < body]
                return body, countries, True
        if known_end < 0:
            return None
        # An organisation ends at its last head word; "Ministry of Defence Planning" keeps what follows it.
        return known_end, countries, organisation

    def _rank(self, text: str, position: int) -> tuple[int, str] | None:
        rank = self.patterns.rank.match(text, position)
        if not rank:
            return None
        end = rank.end()
        marker = self.patterns.marker.match(text, end)
        label = rank.group(0)
        if marker:
            label = f"{label} ({marker.group(0).strip().strip('()').strip()})"
            end = marker.end()
        if not re.match(r"\s+[A-Z]", text[end:]):
            return None
        return end, label

    def _honorific(self, text: str, position: int) -> tuple[int, str | None] | None:
        kept = self.kept_honorifics.match(text, position)
        if kept and re.match(r"\s+ʻ?[A-Z]", text[kept.end() :]):
            return kept.end(), kept.group(0).rstrip(".")
        skipped = self.skipped_honorifics.match(text, position)
        if skipped and re.match(r"\s+ʻ?[A-Z]", text[skipped.end() :]):
            return skipped.end(), None
        return None

    def _honoured_name(self, sentence: ArticleSentence, start: int) -> tuple[int, str] | None:
        """A name, past any honorifics before it ("Professor Judy Wakhungu")."""
        while (honorific := self._honorific(sentence.text, start)) is not None:
            start = self._skip_space(sentence.text, honorific[0])
        return self._name(sentence, start)

    def _name(self, sentence: ArticleSentence, start: int) -> tuple[int, str] | None:
        """Up to four capitalised words besides particles, written small or capitalised ("Mishal Al Ahmad Al
        Jaber Al Sabah"), none of them a place or a known non-name."""
        text = sentence.text
        cursor = start
        tokens: list[str] = []
        skipped: list[tuple[int, int]] = []  # a nickname inside the name, left out of it
        end = start
        particles = self.catalog.name_particles
        while sum(t.casefold() not in particles for t in tokens) < 4:
            place = sentence.place_at(cursor)
            if place and not (self._inside_person(start, cursor) if tokens else self._person_past(start, place.end)):
                # A place word is part of a name only inside a person the entity model found: "Luís
                # Montenegro", "Israel Katz" (a name that begins with a place must go on past it).
                break
            token = (tokens and _ABBREVIATED_NAME.match(text, cursor)) or _NAME_TOKEN.match(text, cursor)
            numeral = _REGNAL_NUMBER.match(text, cursor) if tokens else None
            if numeral:
                # "King Mohammed VI", "Abdullah II": the regnal number ends the name.
                tokens.append(numeral.group(0))
                end = numeral.end()
                break
            if not token:
                particle = _PARTICLE.match(text, cursor)
                if tokens and particle and {particle.group(1), particle.group(1) + "-"} & particles:
                    cursor = particle.end()
                    continue
                break
            word = token.group(0)
            if tokens and _DOTTED_LETTERS.fullmatch(word):
                break  # "Tavo Renn M.P.", "A.M.": letters after a name, not initials of it
            bare = normalise_quotes(word).removesuffix("'s")
            if ((bare in self.catalog.not_names and not (len(bare) == 1 and _MORE_INITIALS.match(text, token.end())))
                    or bare.casefold() in self.catalog.organisation_heads):
                break  # "A Kestovian delegation" is no name, "A K Abdul Momen" is
            if not tokens and (self.patterns.head.fullmatch(bare) or self._title(sentence, cursor)
                               or any(self.patterns.head.fullmatch(part) for part in bare.split("-")[:1])):
                break  # "Prime Minister Modi": a title, then the name; "Minister-Counsellor" is a title too
            if not tokens and bare.endswith("s") and self.patterns.head.fullmatch(bare[:-1]):
                # "Presidents Serzh Sargsyan and Michel Suleiman": a title of several people, then the first
                start = cursor = self._skip_space(text, token.end())
                continue
            tokens.append(bare)
            end = token.end() if not word.endswith(("’s", "'s")) else token.end() - 2
            if word.endswith(("’s", "'s")):
                break
            gap = re.match(r"\s(?=\S)", text[token.end() :])  # a line wrapped inside a paragraph is a space
            if not gap:
                break
            cursor = token.end() + 1
            nickname = _NICKNAME.match(text, cursor)
            if nickname and (self._inside_person(start, nickname.end()) or _SURNAME_ENDS.match(text, nickname.end())):
                # President Joko "Jokowi" Widodo (one person to the entity model, or a name that ends soon after):
                # the quoted nickname is not part of the full name; a quoted word in a headline ("Ruto
                # 'Optimistic' Deal Will Be Signed") is no nickname.
                skipped.append((cursor - 1, nickname.end() - 1))
                cursor = nickname.end()
        if (not tokens or tokens[-1].endswith(".") or self._a_body(sentence, start, end)
                or (self._portfolio(tokens) and not self._person_begins(start))):
            return None
        written = "".join(text[a:b] for a, b in zip([start, *(e for _, e in skipped)],
                                                     [*(b for b, _ in skipped), end], strict=True))
        # The name as written, so particles stay in it ("Lula da Silva", "al-Sisi").
        return end, normalise_quotes(" ".join(written.split()))

    def _names_an_office_part(self, word: str, position: int) -> bool:
        """Whether a capitalised word read as a name is rather part of an office: a title's or a body's word in
        the catalog, or inside a body the entity model found ("the Presidency's Civil House")."""
        return (word.casefold() in self.catalog.title_words or word.casefold() in self.catalog.organisation_heads
                or any(begin <= position < end for begin, end in self._bodies))

    def _portfolio(self, tokens: Sequence[str]) -> bool:
        """Capitalised words that are mostly a title's or a body's, ending in one ("External Communications",
        "Sports", "National Development Unit", cut from "Minister of Home Affairs, External Communications and …"), name a
        portfolio, not a person; no labelled official's name is. A person the entity model found is kept
        ("Tendai Justice Power")."""
        catalog = [t.casefold() in self.catalog.title_words or t.casefold() in self.catalog.organisation_heads
                   for t in tokens]
        return catalog[-1] and sum(catalog) * 2 > len(tokens)

    def _person_begins(self, position: int) -> bool:
        return any(begin == position for begin, _ in self._people)

    def _person_after(self, text: str, position: int) -> bool:
        """Whether the entity model's person begins at `position`, past spaces and honorifics (", Sheikh X")."""
        position = self._skip_space(text, position)
        while (honorific := self._honorific(text, position)) is not None:
            position = self._skip_space(text, honorific[0])
        return self._person_begins(position)

    def _portfolios_before_name(self, text: str, position: int) -> int | None:
        """Where a list of more portfolios at `position` (", Local Government and Regional Planning") ends when
        its holder's name follows with no comma between: at the last portfolio word the catalog knows, with a
        name of two to four capitalised words after it ("… Regional Planning Salah Eddine Dahmoune"). The entity
        model reads such a run as one organisation, so the catalog's words tell where the title stops."""
        listed = _PORTFOLIOS_UP_TO_AND.match(text, position)
        if listed is None:
            return None
        line = text[listed.end():].split("\n")[0]
        words: list[re.Match[str]] = []
        for word in _CAPITALISED_RUN.finditer(line):  # the capitalised words right after "and", one space apart
            if word.start() != (words[-1].end() + 1 if words else 0):
                break
            words.append(word)
        known = [n for n, w in enumerate(words) if w.group(0).casefold() in self.catalog.title_words]
        if not known or self.patterns.head.search(text, listed.end(), listed.end() + words[-1].end()):
            return None
        name_words = len(words) - known[-1] - 1
        if not _NAME_WORDS[0] <= name_words <= _NAME_WORDS[1] or any(
                w.group(0).casefold().endswith(_NOUN_ENDINGS) for w in words[known[-1] + 1:]):
            return None  # "… and Investment Promotion Doran Velsk": "Promotion" is a portfolio the catalog lacks
        return listed.end() + words[known[-1]].end()

    def _body_from(self, sentence: ArticleSentence, position: int, not_before: int) -> int | None:
        """Where an organisation the entity model found at `position` ends, if it begins there (or with "the "
        just before it) and not before `not_before`: one that began earlier holds words already read."""
        return next((end for begin, end in self._bodies
                     if begin <= position < end and (begin >= not_before or
                                                     sentence.text[begin:position].casefold() == "the ")), None)

    def _a_body(self, sentence: ArticleSentence, start: int, end: int) -> bool:
        """Words the entity model read as part of an organisation or building opened by "the" ("the Lower
        House", "the National Assembly"), and not as anyone's name. The small model also reads some names
        alone as organisations ("Gustavo Petro"), or a title with them ("National Security Adviser Ajit
        Doval"), but not after "the"."""
        return (any(begin <= start and end <= stop and self._body_opening(sentence.text[begin:start])
                    and not self._portfolio_of_a_head(sentence.text, begin)
                    for begin, stop in self._bodies)
                and not any(begin < end and start < stop for begin, stop in self._people))

    def _portfolio_of_a_head(self, text: str, begin: int) -> bool:
        """Whether a body the entity model found opens a title's "of …" part with a list of portfolios ("Minister of
        | the Interior, Local Government and Regional Planning Salah Eddine Dahmoune"): it ran on over the holder's
        name. Not any body after a head's "of" ("Director of the Lumenhal Grand Mosque …" is a place's name)."""
        head = _HEAD_THEN_OF.search(text, 0, begin)
        return (head is not None and self.patterns.head.match(text, head.start()) is not None
                and _PORTFOLIOS_UP_TO_AND.search(text, begin) is not None)

    def _body_opening(self, before: str) -> bool:
        """ "the", "the National": words that open an organisation's name. One that already holds its head word
        ("the Presidential Staff Office") has ended, and a name after it is someone's ("… Office Moeldoko")."""
        words = before.casefold().split()
        return bool(words) and words[0] == "the" and not any(w in self.catalog.organisation_heads for w in words)

    def _person_past(self, start: int, position: int) -> bool:
        """A person entity that begins exactly at `start` and goes on past `position`."""
        return any(begin == start and position < end for begin, end in self._people)

    def _inside_person(self, start: int, position: int) -> bool:
        """A person entity that began with the name at `start` and goes on past `position`."""
        return any(begin <= start and position < end for begin, end in self._people)

    def _signed_as(self, sentence: ArticleSentence, position: int) -> _Title | None:
        """A signature block: the name on one line, the title filling the next ("Hon. X, SC, M.P" /
        "ACTING MINISTER OF FOREIGN AFFAIRS")."""
        below = _NEXT_LINE.match(sentence.text, position)
        if below is None:
            return None
        title = self._title(sentence, below.end(), closing=True)
        if title is None or not _LINE_END.match(sentence.text, title.end):
            return None
        return title

    def _appositive(self, sentence: ArticleSentence, position: int) -> _Title | None:
        """ ", the Quintaran defence minister" / ", Veloria's minister of defence" / ", its minister" / " was
        accredited as High Commissioner of Veloria to Quintara" after a name."""
        text = sentence.text
        lead = re.match(
            r"(?:(?:,|\s+[—–])\s+(?:who\s+(?:is|was|holds|held|serves\s+as|served\s+as)\s+(?:the\s+posts?\s+of\s+)?)?"
            r"|\s+(?:is|was|has\s+been|had\s+been)\s+(?:accredited|appointed|named|sworn\s+in)\s+as\s+)"
            r"(?:then\s+)?(?:(?:the|a|an|its)\s+)?(?:(?:former|then|current|new|acting|non-resident)\s+)?",
            text[position:],
        )
        if not lead:
            return None
        cursor = position + lead.end()
        ordinal = _ORDINAL.match(text, cursor)
        if ordinal and (place := sentence.place_at(ordinal.end())) is not None and not place.is_city:
            # "Rajnath Singh, the first Indian Defence Minister ever to visit": the ordinal tells of the person;
            # in "the first deputy prime minister" it is part of the title, and no apposition is read.
            cursor = ordinal.end()
        pre_country, cursor = self._country_before_title(sentence, cursor)
        title = self._title(sentence, cursor, closing=True)
        if not title or _lacks_its_nationality(title, pre_country):
            return None
        after = self._organisation_after(sentence, title.end)
        organisation = title.organisation or (after[1] if after else None)
        country = pre_country or title.country or (after[2] if after else None)
        end = after[0] if after else title.end
        said = re.match(r"\s+([a-z]+)", text[end:])
        if said and said.group(1) in self.catalog.reporting_verbs:
            return None  # "… 8 MoUs, the Foreign Secretary said": the title is the speaker, no apposition
        if self._name(sentence, self._skip_space(text, end)):
            # "David Francis, President Julius Maada Bio, Kenya's President Uhuru Kenyatta": in a list of
            # people, a title followed by a name is that name's, not an apposition to the one before.
            return None
        also = None
        joined = re.match(r"\s+and\s+(?:(?:the|a|an)\s+)?", text[end:])
        if joined and (second := self._title(sentence, end + joined.end(), closing=True)) is not None and not self._name(
                sentence, self._skip_space(text, second.end)):
            # "Ayman Safadi, Deputy Prime Minister and Minister of Foreign Affairs": both offices are his
            also, end = second.text, second.end
            country = country or second.country
        if (also is not None and lead.group(0).rstrip().casefold().endswith(("the", "its"))
                and self._named_after_comma(sentence, end) is not None):
            # "at the invitation of Bui Thanh Son, the Deputy Prime Minister and Foreign Minister of Qatar, Sheikh
            # Mohammed": "the" two offices joined, then a name, introduce that name. In a list of people ("X,
            # Deputy Prime Minister and Foreign Minister, Y, Minister of Interior") they stay X's.
            return None
        return _Title(end, title.text, organisation, country, title.excluded_country, also)

    def _named_after_comma(self, sentence: ArticleSentence, position: int) -> int | None:
        """Where the person begins, when a comma, then a style, rank or name follows `position`: what came before
        the comma is that person's title. None otherwise."""
        text = sentence.text
        comma = re.match(r",\s+", text[position:])
        if comma is None:
            return None
        after = position + comma.end()
        return after if self._rank(text, after) or self._honorific(text, after) or self._name(sentence, after) else None

    def _organisation_after(
        self, sentence: ArticleSentence, position: int
    ) -> tuple[int, str, str | None] | None:
        """ " at the Quintaran Foreign Ministry" after a name or title."""
        text = sentence.text
        link = re.match(r",?\s+(?:at|of|in|with|from)\s+(?:the\s+)?", text[position:])
        if not link:
            return None
        start = position + link.end()
        phrase = self._qualifier(sentence, start, places_only=False)
        if phrase is None or not phrase[2]:
            return None
        end, countries, _ = phrase
        organisation = normalise_quotes(text[start:end])
        return end, organisation, countries[0] if countries else self._organisation_country(organisation)

    def _organisation_country(self, organisation: str) -> str | None:
        return self.organisation_countries.get(organisation)

    @staticmethod
    def _country_nearby(sentence: ArticleSentence, start: int, excluded: set[str]) -> PlaceMention | None:
        """The nearest country word before the name in the same sentence ("key Indian officials such as ..."),
        ignoring destinations ("to India") and origins ("from India")."""
        text = sentence.text
        for place in sorted(sentence.places, key=lambda p: p.start, reverse=True):
            if place.start >= start or start - place.end > _NEARBY_COUNTRY_CHARS or place.country in excluded:
                continue
            before = text[max(0, place.start - 12) : place.start].casefold()
            if re.search(r"\b(?:to|into|from|visit|visited|visiting)\s+(?:the\s+)?$", before):
                continue
            if place.is_city and not re.search(r"\bin\s+$", before):
                continue
            if _ANCESTRY.match(text, place.end):
                continue  # "ministers of Indian origin", "of Velorian descent": ancestry, not whom they serve
            return place
        return None


# After a people's word, words that make it someone's ancestry rather than the country they serve ("Indian-born"
# is no place mention at all).
_ANCESTRY = re.compile(r"\s+(?:origin|descent|ancestry|extraction)\b", re.IGNORECASE)


def _in_anothers_phrase(mention: OfficialMention, before: Sequence[OfficialMention], text: str) -> bool:
    """Whether the country word taken for a mention stands inside an earlier official's phrase that is not
    listed together with it: walking back over the people listed right before it ("X; Y and Z"), the one
    whose phrase holds the word is reached only through list joints, or it is not."""
    at = mention.nearby_country_at
    holder = next((m for m in before if at is not None and m.start <= at < m.end), None)
    if holder is None:
        return False
    following = mention
    for earlier in sorted(before, key=lambda m: m.start, reverse=True):
        if earlier.end > following.start:
            continue
        if not _listed_together(text[earlier.end:following.start]):
            return True
        if earlier is holder:
            return False
        following = earlier
    return True


def _listed_together(between: str) -> bool:
    """Whether the words between two people list them ("X and Y", "X; Y", "X and with Y"), so that a nationality
    written before the first is shared, rather than telling what one did to the other ("X greets Y")."""
    if ";" in between:
        return True  # items of a list set apart by semicolons
    words = between.replace(",", " ").split()
    return len(words) <= _LIST_JOINT_WORDS and (not words or "and" in words or "&" in words)


def is_relative_title(title: str) -> bool:
    """ "counterpart", "his Israeli colleague": a title that names an office only through someone else's."""
    return title.casefold().split()[-1:] in ([head] for head in RELATIVE_TITLE_HEADS)


# Heads that are a title only with a nationality right before them: "his Uruguayan colleague", "the new
# Barbadian leader" name an official; "his university colleague", "opposition leader", "team leader" do not.
_NEEDS_A_NATIONALITY = frozenset({"colleague", "leader"})


def _lacks_its_nationality(title: _Title, country: str | None) -> bool:
    """Whether the title is a head that needs a nationality before it (`_NEEDS_A_NATIONALITY`) and has none:
    then it holds no office."""
    return title.text.casefold().split()[-1:] in ([h] for h in _NEEDS_A_NATIONALITY) and country is None


def organisation_countries(article: ArticleText, catalog: ExtractionCatalog) -> dict[str, str]:
    """Organisations the article ties to a country: "Kessring Dynamics, a Velorian defence manufacturer" and
    "the Tavrennese firm Ilvareth Hydro Systems"."""
    nouns = "|".join(re.escape(n) for n in catalog.organisation_nouns)
    found: dict[str, str] = {}
    for sentence in article.sentences:
        text = sentence.text
        for place in sentence.places:
            if place.is_city or place.possessive:
                continue
            ahead = text[place.end : place.end + 60]
            before = re.search(
                r"([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,4}),\s+(?:a|an|the)\s+$",
                text[max(0, place.start - 80) : place.start],
            )
            if before and re.match(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b", ahead):
                found.setdefault(normalise_quotes(before.group(1)), place.country)
            after = re.match(
                rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\s+([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){{0,4}})",
                ahead + text[place.end + 60 : place.end + 120],
            )
            if after:
                found.setdefault(normalise_quotes(after.group(1)), place.country)
    return found


@dataclass(frozen=True)
class NameIndex:
    """Every way the article names each official (full name, surname, a middle name) mapped to the full name;
    and first names, which stand for their owner only in `spans_in`, where the parse reads a person."""

    canonical: dict[str, str]
    pattern: re.Pattern[str] | None
    given: dict[str, str] = field(default_factory=dict)
    styles: frozenset[str] = frozenset()  # honorifics, folded: "Sheikh Khaled" is a first name alone

    @classmethod
    def build(cls, officials: Iterable[Official], particles: frozenset[str],
              styles: frozenset[str] = frozenset()) -> NameIndex:
        canonical: dict[str, str] = {}
        surnames: dict[str, set[str]] = {}
        middle: dict[str, set[str]] = {}
        for official in officials:
            canonical[official.name] = official.name
            parts = official.name.split()
            if len(parts) > 1 and _surname(official.name) is not None:
                surnames.setdefault(parts[-1], set()).add(official.name)
                particle, _, bare = parts[-1].partition("-")
                if bare[:1].isupper() and particle.casefold() in particles:
                    # "al-Sisi" is "Sisi" in the next line, "El-Bashir" "Bashir"
                    surnames.setdefault(bare, set()).add(official.name)
            for word in _inner_words(official.name, particles):
                middle.setdefault(word, set()).add(official.name)
        # A middle name stands for its owner only where no one's surname is that word ("Singh" stays Rajnath
        # Singh's beside Gajendra Singh Shekhawat).
        surnames |= {word: owners for word, owners in middle.items() if word not in surnames}
        for surname, owners in surnames.items():
            if len(owners) == 1 and surname not in canonical:
                canonical[surname] = next(iter(owners))
        if not canonical:
            return cls(canonical, None)
        forms = sorted(canonical, key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?=['’]s\b|(?![\w-]))"
        )
        return cls(canonical, pattern, _given_names(canonical, surnames, particles), styles)

    def people_in(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, full name) of every official named in the text, in order."""
        if self.pattern is None:
            return []
        return [
            (m.start(), m.end(), self.canonical[m.group(1)])
            for m in self.pattern.finditer(normalise_quotes(text))
        ]

    def spans_in(self, text: str, doc: Doc) -> list[tuple[str, Span]]:
        """(full name, its tokens in the parse of `text`) of every official named in it, in order. Only here,
        with the parse, does a first name alone count ("Hailemariam is in Rwanda", "Sheikh Khaled arrives"):
        where the entity model reads a person named by that word alone, styles aside ("Desmond Tutu" is
        someone else)."""
        found = []
        for start, end, name in self.people_in(text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                found.append((name, span))
        taken = {i for _, span in found for i in range(span.start, span.end)}
        for entity in doc.ents:
            words = [t for t in entity if t.is_alpha and t.text.casefold().rstrip(".") not in self.styles]
            if entity.label_ != "PERSON" or len(words) != 1 or words[0].i in taken:
                continue
            owner = self.given.get(words[0].text)
            if owner is not None:
                found.append((owner, doc[words[0].i : words[0].i + 1]))
        return sorted(found, key=lambda item: item[1].start)


def named_at(people: Sequence[tuple[str, Span]], tokens: Iterable[Token]) -> set[str]:
    """The full names, of `people` as `NameIndex.spans_in` finds them, whose words hold one of the tokens."""
    places = [t.i for t in tokens]
    return {name for name, span in people if any(span.start <= i < span.end for i in places)}


def _given_names(canonical: dict[str, str], surnames: dict[str, set[str]],
                 particles: frozenset[str]) -> dict[str, str]:
    """First names that stand for one official: the first word of exactly one official's name, which is no
    one's surname or middle name and no other way the article names someone ("Paul" stays nobody's beside
    Paul Kagame and Paul Biya)."""
    owners: dict[str, set[str]] = {}
    for name in set(canonical.values()):
        parts = name.split()
        if len(parts) > 1 and parts[0][:1].isupper() and parts[0].isalpha() and parts[0].casefold() not in particles:
            owners.setdefault(parts[0], set()).add(name)
    return {word: next(iter(names)) for word, names in owners.items()
            if len(names) == 1 and word not in surnames and word not in canonical}


# Words that make the next one a father's name: "Salman" in "Mohammed bin Salman" is his father, King Salman.
_PATRONYMIC = frozenset({"bin", "bint", "binti", "ibn"})


def _patronymic(name: str) -> bool:
    """Whether the name says whose son or daughter its holder is ("Haitham bin Tariq")."""
    return any(w.casefold() in _PATRONYMIC for w in name.split()[1:-1])


def _surname(name: str) -> str | None:
    """The last word of a name, which a later mention may stand for, unless it is only a father's name."""
    parts = name.split()
    if len(parts) > 1 and parts[-2].casefold() in _PATRONYMIC:
        return None
    return parts[-1]


def _inner_words(name: str, particles: frozenset[str]) -> list[str]:
    """The words between the first and the last of a name of three words or more, particles aside ("Suluhu"
    in Samia Suluhu Hassan, not "Al" in Tamim bin Hamad Al Thani): a leader may go by one of them alone."""
    return [w for w in name.split()[1:-1] if w[:1].isupper() and w.casefold() not in particles]


def _fuller_names(names: Sequence[str]) -> dict[str, str]:
    """Two writings of one name, with and without middle names ("Bola Tinubu", "Bola Ahmed Tinubu"; "Mohammed
    bin Salman", "Mohammed bin Salman bin Abdulaziz Al Saud") or in another case, as the one the article wrote
    first. The shorter is the longer's first word, then some of its words in order, ending on its last word
    or leaving only later words out, or the longer's last words without its given names ("Correia de Almeida"
    for "Adão Francisco Correia de Almeida"; then the longer is kept); it joins only a longer name it alone
    fits."""
    order = list(dict.fromkeys(names))
    kept_as: dict[str, str] = {}
    first_written: dict[str, str] = {}
    for name in order:  # "Chan-o-Cha" and "Chan-o-cha", "Al Thani" and "Al-Thani": one name written two ways
        written = name.casefold().replace("-", " ")
        if first_written.setdefault(written, name) != name:
            kept_as[name] = first_written[written]

    def kept(name: str) -> str:
        while name in kept_as:
            name = kept_as[name]
        return name

    for short in order:
        owners = [long for long in order if long != short and _shortens(short.split(), long.split())]
        if len(owners) == 1 and (one := kept(short)) != (other := kept(owners[0])):
            if short.split()[0] != owners[0].split()[0]:
                kept_as[one] = other  # "Irfaan Ali" is kept as "Mohamed Irfaan Ali": the first name is his too
                continue
            first, second = sorted((one, other), key=order.index)
            kept_as[second] = first
    return {name: kept(name) for name in kept_as}


_GENERATIONS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _shortens(short: list[str], long: list[str]) -> bool:
    if len(short) < 2 or len(short) >= len(long):
        return False
    extra = [w for w in long if w not in short]
    if any(w.casefold() in _GENERATIONS or re.fullmatch(r"[A-Z]\.?", w) for w in extra):
        return False  # "Ferdinand Marcos Jr." is not his father; "George H. W. Bush" not "George W. Bush"
    if short[0] != long[0]:
        # "Irfaan Ali" for "Mohamed Irfaan Ali", "Correia de Almeida" for "Adão Francisco Correia de Almeida":
        # given names left out before a surname of two words or more, never a father's ("Salman bin Abdulaziz"
        # ends "Mohammed bin Salman bin Abdulaziz", who is his son)
        return (long[-len(short):] == short and short[0][:1].isupper()
                and long[-len(short) - 1].casefold() not in _PATRONYMIC)
    if long[: len(short)] == short:
        return True
    if short[-1] != long[-1]:
        return False
    rest = iter(long[1:-1])
    return all(word in rest for word in short[1:-1])


def merge_mentions(mentions: Sequence[OfficialMention], particles: frozenset[str]) -> list[Official]:
    """One Official per person: a one-word mention joins the one full name it ends ("Baram"), failing that the
    one it begins ("Sultan Haitham" for Haitham bin Tarik), failing that the one it is a middle name of
    ("President Suluhu" for Samia Suluhu Hassan); never one it ends as a father's name ("King Salman" is not
    Mohammed bin Salman)."""
    full_names = [m.name for m in mentions if len(m.name.split()) > 1]
    fuller = _fuller_names(full_names)
    fathers = {n.split()[-1] for n in full_names if _surname(n) is None}
    groups: dict[str, list[OfficialMention]] = {}
    for mention in mentions:
        target = fuller.get(mention.name, mention.name)
        if len(mention.name.split()) == 1:
            # the surname ("Baram"), else the given name a ruler is called by ("Sultan Haitham"), else the middle
            # name a leader goes by ("President Suluhu" for Samia Suluhu Hassan, "Lula"); a word the article
            # gives as someone's father's name ("Hamdan bin Mohamed") alone is likely that father ("Sheikh
            # Mohamed"), so it joins only a name that is itself a son's ("Salman bin Abdulaziz")
            owners = ({fuller.get(n, n) for n in full_names if _surname(n) == mention.name}
                      or {fuller.get(n, n) for n in full_names if n.split()[0] == mention.name
                          and (mention.name not in fathers or _patronymic(n))}
                      or {fuller.get(n, n) for n in full_names if mention.name in _inner_words(n, particles)
                          and mention.name not in fathers})
            if len(owners) == 1:
                target = owners.pop()
        groups.setdefault(target, []).append(mention)
    officials: list[Official] = []
    for name, group in groups.items():
        titles: list[str] = []
        for mention in group:
            for title in mention.titles:
                title = " ".join(title.split())  # a line wrapped inside a title ("State\nMinister") is a space
                if title.casefold() not in {t.casefold() for t in titles}:
                    titles.append(title)
        evidence: list[Evidence] = []
        for mention in group:
            if mention.sentence.evidence not in evidence:
                evidence.append(mention.sentence.evidence)
        officials.append(
            Official(
                name=name,
                titles=tuple(titles),
                organisation=next((m.organisation for m in group if m.organisation), None),
                country=next((m.country for m in group if m.country), None),
                evidence=tuple(evidence),
            )
        )
    return officials


def _country_after_name(sentence: ArticleSentence, end: int) -> str | None:
    """ "President Abdel Fattah El-Sisi of Egypt", "King Abdullah II of Jordan": the country named right after;
    or glossed in brackets, as fact boxes and captions do ("Prime Minister Lee Hsien Loong (Singapore)"); or
    closing the line after a comma, as a list of a delegation writes it ("X — Minister of Finance, Senegal")."""
    text = sentence.text
    link = re.match(r"\s+of\s+(?:the\s+)?|\s*\(\s*(?:the\s+)?|\s*,\s*(?:the\s+)?", text[end:])
    if not link:
        return None
    place = sentence.place_at(end + link.end())
    if place is None or place.is_city:
        return None
    if link.group(0).strip().startswith(",") and not re.fullmatch(r"[\s.;]*", text[place.end:]):
        return None  # ", Senegal and Gambia agreed …": the country opens the next clause
    if link.group(0).strip().startswith("(") and not re.match(r"\s*\)", text[place.end:]):
        return None  # "(Singapore's envoy …)" says more than whose the name is
    return place.country
