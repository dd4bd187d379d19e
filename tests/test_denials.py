"""A sentence that says what a question asks about did not happen is no answer to it (bot/answers/denials.py)."""

from __future__ import annotations

import pytest

from bot.answers.denials import affirms, denies, is_negative


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
])
def test_a_clause_telling_of_the_event_affirms_it(sentence: str, affirmed: bool) -> None:
    """A quote that tells of a signing keeps an answer whose other quote denies one."""
    assert affirms(sentence, {"sign"}) is affirmed
