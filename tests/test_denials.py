"""A sentence that says what a question asks about did not happen is no answer to it (bot/answers/denials.py)."""

from __future__ import annotations

import pytest

from bot.answers.denials import Events, affirms, denies, is_negative


@pytest.mark.parametrize(("sentence", "asked"), [
    ("The two delegations signed no new protocols on Friday.", {"protocol"}),
    ("No accord was formally initialled at the talks.", {"initial"}),
    ("The ministers have not yet settled a date for the next round.", {"date"}),
    ("A visit to the port city never took place.", {"place"}),
    ("The envoys didn't meet the governor.", {"meet"}),
    ("Neither side announced a loan.", {"announc"}),
    ("Nothing was signed on the second day.", {"sign"}),
    ("No one signed the ferry accord.", {"sign"}),
    ("The envoys had not met since the spring.", {"meet"}),
    # a negated object after the action, a negation five words back, a sentence opening with "That"
    ("The two leaders signed no agreements.", {"sign"}),
    # a negated verb of telling reaches what it does not tell
    ("The communique does not mention any ferry accord being signed.", {"sign"}),
    ("Officials have not told reporters whether any grain memorandum was initialled.", {"memorandum"}),
    ("Marrow, who has never signed a treaty, signed nothing.", {"sign"}),
    ("Not a single agreement was signed.", {"sign"}),
    ("That no agreement was signed surprised observers.", {"sign"}),
    ("No agreements or documents were reported as signed.", {"sign"}),   # over "or"
])
def test_a_negation_reaching_what_is_asked_denies_it(sentence: str, asked: set[str]) -> None:
    assert denies(sentence, asked)


@pytest.mark.parametrize(("sentence", "asked"), [
    # the negation denies something else: a date for the visit, not the visit
    ("The communique gives no date for the return visit.", {"visit"}),
    # not a denial at all
    ("The ministers signed not only a grain protocol but also a rail memorandum.", {"sign"}),
    ("No fewer than nine memoranda were signed.", {"sign"}),
    # the negation sits in another clause than what is asked
    ("The talks were not public, and the two sides signed a grain protocol.", {"sign"}),
    # a number, and negations that deny no event
    ("Quintara's No. 2 diplomat visited Lumenhal.", {"visit"}),
    ("It was not his first visit to Lumenhal.", {"visit"}),
    ("There was no question the summit would go ahead.", {"summit"}),
    # a clause describing someone tells of another time
    ("Marrow, who had not visited Veloria since 2029, landed in Lumenhal on Monday.", {"visit"}),
])
def test_a_negation_elsewhere_denies_nothing_asked(sentence: str, asked: set[str]) -> None:
    assert not denies(sentence, asked)


@pytest.mark.parametrize(("question", "negative"), [
    ("why was there no rail pact", True),
    ("which deals weren't signed", True),
    ("why couldnt the envoy meet the governor", True),
    ("why was nothing signed", True),
    ("who went to the president's dinner", False),
    ("what did the two presidents sign", False),
])
def test_a_question_about_what_did_not_happen_is_answered_by_a_denial(question: str, negative: bool) -> None:
    assert is_negative(question) is negative


@pytest.mark.parametrize(("sentence", "affirmed"), [
    ("The ministers signed a grain protocol, but no ferry pact.", True),
    ("They signed a grain protocol and a ferry memorandum.", True),
    ("A third pact, on river shipping, was not signed.", False),
    ("The ministers discussed river shipping.", False),
    ("They signed nothing.", False),
    ("Marrow, who has signed many treaties, was silent.", False),   # only the relative clause tells of a signing
    ("The signing was put off.", False),                            # a noun names the event, it does not tell it
])
def test_a_clause_telling_of_the_event_affirms_it(sentence: str, affirmed: bool) -> None:
    """A quote that tells of a signing keeps an answer whose other quote denies one."""
    assert affirms(sentence, {"sign"}, frozenset({"sign", "signs", "signed"})) is affirmed


def test_an_action_is_told_by_its_written_forms_and_a_thing_only_names_the_event() -> None:
    events = Events.of(["met", "meet", "signed"], ["meeting", "signing"])
    assert events.forms_of(frozenset({"meet"})) == {"met", "meet"}
    assert not affirms("The meeting was cancelled.", {"meet"}, events.forms_of(frozenset({"meet"})))
    assert affirms("The envoys met on Monday.", {"meet"}, events.forms_of(frozenset({"meet"})))


def test_words_that_only_look_like_a_negation_are_read_as_written() -> None:
    assert not denies("A piano one of the envoys played was signed by the maker.", {"sign"})
