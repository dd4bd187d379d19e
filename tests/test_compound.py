"""Lines that join two questions are answered part by part (bot/answers/compound.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers.compound import combine, split_compound
from bot.knowledge.model import ArticleMeta, Citation, CitedAnswer


@pytest.mark.parametrize(("line", "parts"), [
    ("which envoys sailed with the queen of harl and with the duke of ost",
     ("which envoys sailed with the queen of harl", "which envoys sailed with the duke of ost")),
    ("who opened the ferry port and who cut the ribbon at the mill",
     ("who opened the ferry port", "who cut the ribbon at the mill")),
    ("name the bankers: the harl one at the bond sale and the ost one at the loan signing",
     ("name the bankers: the harl one at the bond sale", "name the bankers: the ost one at the loan signing")),
    ("which towns hosted the salt talks (the first round and the second round)",
     ("which towns hosted the salt talks: the first round", "which towns hosted the salt talks: the second round")),
    ("what tolls come up in the bridge story + the canal story",
     ("what tolls come up in the bridge story", "what tolls come up in the canal story")),
    ("tell me the harl banker who opened the bond sale and the ost envoy that closed it",
     ("tell me the harl banker who opened the bond sale", "tell me the ost envoy that closed it")),
    # items after words that ask for a list, each starting with an article
    ("list the harl envoy at the salt talks in the may story and the ost banker in the bond piece",
     ("list the harl envoy at the salt talks in the may story", "list the ost banker in the bond piece")),
    ("tell me ost mill output + the harl toll rate",
     ("tell me ost mill output", "tell me the harl toll rate")),
    # an item with no phrase of its own shares the first one's head
    ("name the envoys in the salt story and the bond one",
     ("name the envoys in the salt story", "name the envoys in the bond one")),
    # two objects of the question's own verb
    ("which ports welcomed the salt convoy and the harl flotilla",
     ("which ports welcomed the salt convoy", "which ports welcomed the harl flotilla")),
])
def test_a_line_joining_questions_splits_into_whole_questions(line: str, parts: tuple[str, ...]) -> None:
    assert split_compound(line) == parts


@pytest.mark.parametrize("line", [
    "what did harl and ost sign at the mill",        # two countries doing one thing
    "harl and ost ties in 2030 and 2031",            # items that are not questions
    "what is the harl ost 2+2 about",                # a name with a plus in it
    "how big is the bond and the loan",              # "the" after a verb is not a repeated part
    "who met the envoy and the banker who signed",   # one item described, the other not
    "who was the envoy who met the duke and the banker that signed",  # asks one person, not a list
    "which bankers from harl and ost signed the bond deals",          # items with a clause are no story names
    "what was agreed in the talks between harl and ost on salt deals",
    "harl and ost: what did they sign and when",     # a one-word tail is not a question of its own
    "what did the envoy and the banker sign",         # two subjects after an auxiliary
    "which town did the envoy and the banker visit",
    "who greeted the duke and the queen at the mill",  # "at the mill" may be both objects'
    "what happened when the envoy and the banker met",  # two subjects of a clause inside the question
    "who signed the bond and the loan last week",       # "last week" is both objects'
])
def test_a_line_that_asks_one_thing_stays_whole(line: str) -> None:
    assert split_compound(line) == (line,)


# Invented places, as the gazetteer would read them (countries, a people, cities).
_PLACES = frozenset({"harl", "ost", "veloria", "quintara", "veloran", "ostburg", "harlton", "veloria and quintara",
                     "san terce"})


def _a_place(text: str) -> bool:
    return text.lower() in _PLACES


@pytest.mark.parametrize(("line", "parts"), [
    # two pairs, each with its year in brackets
    ("give me the toll figures for harl-ost (2031) and veloria-quintara (2033)",
     ("give me the toll figures for harl-ost 2031", "give me the toll figures for veloria-quintara 2033")),
    # a person in a place, twice: the first item mirrors the second's "in"
    ("who were the hosts for king marl in harl and terce in ost",
     ("who were the hosts for king marl in harl", "who were the hosts for terce in ost")),
    # two pairs before the words they share
    ("which ports do the harl-ost and veloria-quintara ferry deals cover",
     ("which ports do the harl-ost ferry deals cover", "which ports do the veloria-quintara ferry deals cover")),
    # a name, a city and a year; the rest is both items'
    ("which envoys did marl (ostburg 2031) and terce (harlton 2033) meet? both pls",
     ("which envoys did marl ostburg 2031 meet? both pls", "which envoys did terce harlton 2033 meet? both pls")),
    # the second item takes its article; the first has none of its own
    ("when did the duke tour harl in 2031 and the ost in 2033",
     ("when did the duke tour harl in 2031", "when did the duke tour the ost in 2033")),
    # "w/" inside both items
    ("list the salt deals: harl w/ ost 2031 and veloria w/ quintara 2032",
     ("list the salt deals: harl w/ ost 2031", "list the salt deals: veloria w/ quintara 2032")),
    # the question's own verb stays the question's, not the first item's
    ("who hosted marl in harl and terce in ost", ("who hosted marl in harl", "who hosted terce in ost")),
    ("compare harl-ost 2031 and veloria-quintara 2033", ("compare harl-ost 2031", "compare veloria-quintara 2033")),
    # after "was" comes no subject: the item follows the verb
    ("deals: what was signed harl-ost 2031 and veloria-quintara 2033",
     ("deals: what was signed harl-ost 2031", "deals: what was signed veloria-quintara 2033")),
    # a city of several words closes an item, typed with "+"
    ("which envoys did brann meet: ysolde harl + dray san terce",
     ("which envoys did brann meet: ysolde harl", "which envoys did brann meet: dray san terce")),
    # a place of two words counts as one name when the first item mirrors the second
    ("who met dray harl and ysolde san terce", ("who met dray harl", "who met ysolde san terce")),
    ("the ports named in the brann harl and dray san terce pieces",
     ("the ports named in the brann harl piece", "the ports named in the dray san terce piece")),
])
def test_two_stories_named_alike_are_asked_one_by_one(line: str, parts: tuple[str, ...]) -> None:
    assert split_compound(line, _a_place) == parts


@pytest.mark.parametrize("line", [
    "tldr harl and quintara june 2031?",             # a time both countries share: one story of a pair
    "tldr harl and san terce june 2031?",            # the same with a place of two words
    "who did dray meet in harl + ysolde in san terce",  # the first item would be the question's verb
    "what did harl and ost sign in 2031",            # two countries doing one thing
    "how much salt went between harl and ost in 2031",  # the first country has no "in" of its own
    "who did the envoy of veloria and quintara meet",   # one name with "and" in it
    "harl and ost ties in 2030 and 2031",            # two years alone name no stories
    "what was said about marl's harl trip and terce's ost trip",  # the first item does not end at its place
    "who signed the harl-veloria and quintara-ost 2031 deals",    # "veloria and quintara" is one name here
    # three items: left whole rather than asked twice about one of them
    "the toll figures for harl-ost 2031, veloria-quintara 2032 and harl-veloria 2033",
    "the toll figures for harl-ost 2031 and veloria-quintara 2032 and harl-veloria 2033",
])
def test_items_that_are_not_two_stories_stay_whole(line: str) -> None:
    assert split_compound(line, _a_place) == (line,)


@pytest.mark.parametrize("line", [
    "what did harl and ost sign at the mill", "which bankers from harl and ost signed the bond deals",
    "what was agreed in the talks between harl and ost on salt deals", "harl and ost: what did they sign and when",
    "who greeted the duke and the queen at the mill", "who signed the bond and the loan last week",
])
def test_lines_that_ask_one_thing_stay_whole_when_places_are_known(line: str) -> None:
    assert split_compound(line, _a_place) == (line,)


def _answer(quote: str, article: str) -> CitedAnswer:
    meta = ArticleMeta(article_id=article, title=article, published=date(2031, 1, 2))
    return CitedAnswer("q", f"{quote} [1]", False, (Citation(1, meta, quote, f"{article}-0"),),
                       as_of=meta.published)


def test_answers_to_the_parts_are_renumbered_into_one() -> None:
    combined = combine("both", [_answer("The queen sailed with Envoy Marl.", "a"),
                                _answer("The duke sailed with Envoy Terce.", "b"),
                                _answer("The queen sailed with Envoy Marl.", "a")])
    assert combined is not None
    assert combined.text == "The queen sailed with Envoy Marl. [1] The duke sailed with Envoy Terce. [2]"
    assert [c.n for c in combined.citations] == [1, 2]


def test_a_part_left_unanswered_leaves_nothing_to_combine() -> None:
    refused = CitedAnswer("q", "The articles I have don't cover that.", True)
    assert combine("both", [_answer("The queen sailed with Envoy Marl.", "a"), refused]) is None
