"""A question that names a year or month is not answered by a sentence about another time."""

from datetime import date

import pytest

from bot.answers.asked_dates import (
    Period,
    asked_after_report,
    asked_periods,
    asked_tense,
    asks_about_future,
    asks_about_past,
    dated_elsewhere,
    dated_only_before,
    tells_no_time,
    tells_of_a_decision,
    tells_of_future,
)


def test_years_and_months_typed_any_way_are_read() -> None:
    assert asked_periods("what did the two ports agree in Mar. 2031?") == (
        Period(date(2031, 3, 1), date(2031, 3, 31)),)
    assert asked_periods("talks in sept 2029 or 2030") == (
        Period(date(2029, 9, 1), date(2029, 9, 30)), Period(date(2030, 1, 1), date(2030, 12, 31)))
    # a word that only starts like a month is not one
    assert asked_periods("the mayor 2029 plan") == (Period(date(2029, 1, 1), date(2029, 12, 31)),)
    assert asked_periods("who chaired the summit") == ()


def test_a_sentence_writing_another_year_is_about_another_time() -> None:
    periods = asked_periods("when did the envoy tour the dams in 2031")
    assert dated_elsewhere(periods, "The envoy toured the dams from 3-5 May 2030.", "", date(2031, 6, 1))
    assert not dated_elsewhere(periods, "The envoy toured the dams in May 2031.", "", date(2030, 6, 1))


def test_an_undated_sentence_takes_the_last_date_before_it_then_the_publication() -> None:
    periods = asked_periods("what did the envoy sign in feb 2031")
    before = "The envoy arrived on February 9, 2031. Crowds lined the road."
    assert not dated_elsewhere(periods, "She signed the water accord.", before, date(2031, 4, 1))
    assert dated_elsewhere(periods, "She signed the water accord.", "", date(2031, 4, 1))
    assert not dated_elsewhere(periods, "She signed the water accord.", "", date(2031, 2, 20))
    # nothing to read a time from: nothing contradicts the question
    assert not dated_elsewhere(periods, "She signed the water accord.", "", None)


def test_a_question_without_a_date_is_never_contradicted() -> None:
    assert not dated_elsewhere((), "The envoy toured the dams from 3-5 May 2030.", "", date(2031, 6, 1))


def test_a_sentence_about_a_later_plan_is_also_about_when_it_was_said() -> None:
    periods = asked_periods("what did the envoy say in 2031 about the fair")
    assert not dated_elsewhere(periods, "She said the harbour would likely host the fair in 2033.", "",
                               date(2031, 5, 2))
    assert dated_elsewhere(periods, "She said the harbour had hosted the fair in 2029.", "", date(2030, 5, 2))


def test_spans_of_years_are_read_on_both_sides() -> None:
    assert asked_periods("exports in 2027-28?") == (Period(date(2027, 1, 1), date(2028, 12, 31)),)
    assert asked_periods("loans for 2026-2030") == (Period(date(2026, 1, 1), date(2030, 12, 31)),)
    periods = asked_periods("what were exports in 2028")
    assert not dated_elsewhere(periods, "Exports reached $4 billion in 2027-28.", "", date(2031, 1, 5))


def test_a_year_that_marks_a_point_of_reference_does_not_pin_the_answer() -> None:
    assert asked_periods("which summit came before the 2031 one") == ()
    assert asked_periods("what changed after the 2029 floods") == ()


def test_a_sentence_dated_to_the_day_is_not_read_as_its_whole_year() -> None:
    periods = asked_periods("who did the envoy meet in nov 2031")
    assert dated_elsewhere(periods, "The envoy's visit ran on July 22-23, 2031.", "", date(2031, 11, 30))


def test_a_question_about_what_is_to_come_is_told_apart_from_one_about_the_past() -> None:
    assert asks_about_future("when r the harbour talks gonna resume")
    assert asks_about_future("whens the 3rd round of the port forum")
    assert not asks_about_future("when did the envoy tour the dams")
    assert not asks_about_future("was the dam visit called off due to the floods")
    assert asks_about_past("what came out of the harbour forum") and asks_about_past("did the envoys sign a port deal")
    assert not asks_about_past("what will the envoys sign, and when was it agreed")
    assert not asks_about_past("which ports are in the pact") and not asks_about_past("who was the envoy")
    assert asks_about_past("what came of the port talks") and asks_about_past("what was finally signed at the forum")


def test_only_a_sentence_about_what_is_to_come_answers_a_question_about_it() -> None:
    published = date(2031, 3, 5)
    # the last round, dated before the report, does not say when the next one is
    assert not tells_of_future("The previous round took place in Lumenhal in 2030.", published)
    assert not tells_of_future("Two days later the envoys signed an action plan in 2029.", published)
    # a later date, or a wording of plans, does
    assert tells_of_future("The third round is set for June 2031 in Sarrowmere.", published)
    assert tells_of_future("Both sides agreed the forum will meet again in Lumenhal.", published)
    # an arrangement ("are to") or an intention is a plan too; a past arrangement or a mere infinitive is not
    assert tells_of_future("The port envoys are to review tariffs every spring.", published)
    assert tells_of_future("Lumenhal intends to host the dam forum.", published)
    assert not tells_of_future("The port deal, signed in 2030, aims to double trade.", published)
    assert not tells_of_future("The envoys met to review tariffs in 2030.", published)
    assert not tells_of_future("The ferry pact, signed in 2030, is to date the largest.", published)
    # an invitation to come, or a trip intended or pencilled in, is still to be made; a visit made at an
    # invitation is not
    assert tells_of_future("President Dray invited Prime Minister Halloran to pay a state visit to Veloria.", published)
    assert tells_of_future("The minister's intended trip to Sarrowmere is in doubt.", published)
    assert tells_of_future("A trip to Lumenhal has been pencilled in for spring.", published)
    assert not tells_of_future("Halloran visited Lumenhal in 2030 at the invitation of President Dray.", published)


@pytest.mark.parametrize(("question", "tense"), [
    ("when did the velorian fm visit quintara ahead of the upcoming summit", "past"),
    ("when will tolvy go to lumenhal", "future"),
    ("is brask going to visit sarrowmere", "future"),
    ("when is brask's state visit", None),
    ("who hosted the trade minister", None),
])
def test_the_tense_a_question_asks_in(question: str, tense: str | None) -> None:
    """What was done wins over a future word in a phrase of its own; "when is …" may ask of a visit under way."""
    assert asked_tense(question) == tense


def test_reported_speech_tells_of_what_is_to_come() -> None:
    """ "said the fund would open in May" is a future told in the past; "would have opened" is not."""
    published = date(2031, 3, 5)
    assert tells_of_future("The governor said the fund would open its first office in Sarrowmere.", published)
    assert not tells_of_future("The fund would have opened earlier without the floods.", published)


def test_list_items_without_a_verb_tell_no_time() -> None:
    # the items a heading sets out ("Priorities for the coming year") are neither past nor future
    published = date(2031, 3, 5)
    assert tells_no_time("- fisheries - rail freight - seismic monitoring", published)
    assert tells_no_time("3. Opening of the Verrin ferry terminal.", published)
    # an item with a verb or a date of its own, or a plain sentence, is read as written
    assert not tells_no_time("- The envoys were briefed on the ferry tariffs.", published)
    assert not tells_no_time("- Signed a ferry protocol", published)
    assert not tells_no_time("2. The envoys opened the terminal.", published)
    assert tells_no_time("- Signing of a revised ferry protocol", published)
    assert not tells_no_time("- What: second ferry round - When: Tuesday", published)
    assert not tells_no_time("- March 2029: the ferry board is founded", published)
    assert not tells_no_time("Fisheries and rail freight head the list.", published)


def test_a_sentence_dated_only_on_or_before_its_report_dates_nothing_to_come() -> None:
    published = date(2031, 3, 5)  # a Wednesday
    # the day told is past, whatever "will" says about the body's work
    assert dated_only_before("On 2 March the envoys founded a ferry board that will set tariffs.", published)
    assert dated_only_before("The envoys on Wednesday founded a ferry board that will set tariffs.", published)
    assert dated_only_before("The board first met in 2029 and will meet again.", published)
    # a later date, no date at all, or a day counted from another day says nothing of the kind
    assert not dated_only_before("The board will meet on 12 May 2031 in Lumenhal.", published)
    assert not dated_only_before("The board will meet again in Lumenhal.", published)
    assert not dated_only_before("Two days later the board will meet again.", published)
    # a day told with words that point ahead of the report dates something to come
    assert not dated_only_before("The board will meet later this year, its chair said on Monday.", published)
    assert not dated_only_before("On Monday the chair said the board meets next month.", published)
    # the report's own day, told as still to come (a programme published that morning)
    assert not dated_only_before("The envoys are set to open the ferry board's office this evening, Wednesday.", published)
    assert not dated_only_before("The envoys are set to open the board's office this evening, Wednesday, aides confirmed.",
                                 published)
    assert dated_only_before("The envoys founded a ferry board this morning, Wednesday, that will set tariffs.", published)


def test_a_question_about_what_was_done_after_the_report_is_about_a_time_it_cannot_tell() -> None:
    published = date(2031, 2, 10)
    assert asked_after_report("what was signed when the velorian fm went to quintara in april 2031", published)
    assert asked_after_report("what did the ministers agree in 2032", published)
    assert asked_after_report("what was signed during 2032", published)
    # before the report, a question about plans, or a year that is a target or a point of reference is fine
    assert not asked_after_report("what did the ministers agree in jan 2031", published)
    assert not asked_after_report("what will the ministers sign in april 2031", published)
    assert not asked_after_report("what did they agree for 2035", published)
    assert not asked_after_report("what did they do after april 2031", published)


def test_a_year_after_since_or_before_marks_a_point_even_typed_without_a_month() -> None:
    assert asked_periods("who has been the velorian fm since 2029") == ()
    assert asked_periods("what happened before 2031 in lumenhal") == ()
    assert asked_periods("what was signed during 2029") == (Period(date(2029, 1, 1), date(2029, 12, 31)),)


def test_a_plan_asked_in_the_past_tense_is_no_question_about_what_is_to_come() -> None:
    """"what day were the port talks scheduled for": the plan was made before, and its day may be long gone, so a
    sentence dated before the report answers it; the same plan asked in the present still looks ahead."""
    assert not asks_about_future("what day were the port talks scheduled for")
    assert not asks_about_future("when was the envoy supposed to fly out to lumenhal")
    assert not asks_about_future("when was the envoy's trip scheduled")  # a possessive, not "is"
    assert not asks_about_future("when had the port talks been expected to start")
    assert not asks_about_future("when was the envoy due to land in lumenhal")
    assert asked_tense("when was the envoy due to land in lumenhal") is None
    assert asks_about_future("when is the envoy due to land in lumenhal")
    assert asks_about_future("the port talks are scheduled for when")
    # a word that only looks ahead still does, whatever tense comes before it
    assert asks_about_future("when was the next round of port talks set")
    # the plan's own auxiliary decides, not an earlier one of another clause
    assert asks_about_future("who was the envoy that is scheduled to tour the port")
    assert not asks_about_future("what were the port talks that are now called off supposed to cover")
    assert not asks_about_future("what was the r&d centre supposed to cost")


@pytest.mark.parametrize(("sentence", "decided"), [
    ("The two sides have decided to set up a customs post at Kelvasport.", True),
    ("The ministers agreed to build a second ferry terminal.", True),
    ("Quintara pledged to double grain shipments.", True),
    # an agreement to a thing, or a thing done, is no decision to do something
    ("The ministers agreed to the ferry timetable.", False),
    ("The two sides set up a customs post at Kelvasport.", False),
    ("The ministers agreed to Quintara's request for more berths.", False),
    ("The ferry plan, agreed to last year, was completed in May.", False),
    ("The two sides, meeting in Lumenhal, agreed to build a ferry terminal.", True),
])
def test_a_decision_to_do_something_tells_of_what_is_to_come(sentence: str, decided: bool) -> None:
    assert tells_of_a_decision(sentence) is decided


def test_a_year_typed_after_a_storys_name_says_which_report_not_when() -> None:
    """"the toll take for harl-ost 2031" names the 2031 report; "the toll take in 2031" asks about 2031."""
    assert [p.names_story for p in asked_periods("the toll take for harl-ost 2031")] == [True]
    assert [p.names_story for p in asked_periods("what about dray (ostburg 2031)")] == [True]
    assert [p.names_story for p in asked_periods("the tolls for harl-port edrin 2031")] == [True]
    for question in ("the toll take in 2031", "the 2031 toll talks", "toll take in feb 2031", "tolls 2030-2031",
                     "who hosted dray during his 2031 visit", "harl ost toll take 2031", "tolls in q3 2031",
                     "the harl-ost tolls in 2031"):
        assert [p.names_story for p in asked_periods(question)] == [False]


def test_last_years_figure_in_the_report_a_storys_year_names_answers_it(make_kb, tmp_path) -> None:  # noqa: ANN001
    """Asked for "the ferry toll takings for veloria-quintara 2031", a 2031 fact sheet's "takings last year"
    is the answer, not a sentence about another time."""
    from tests.conftest import ask_of_one_report

    body = ("Veloria's ferry minister met her Quintaran counterpart in Lumenhal on Monday to review the ferry link.\n\n"
            "- Ferry toll takings last year: 41 million crowns, up a fifth.\n"
            "- Crossings a day: twelve.\n")
    answer = ask_of_one_report(make_kb, tmp_path, "the ferry toll takings for veloria-quintara 2031?",
                               "2031-05-02", "ferry-sheet", "Fact sheet: the Veloria-Quintara ferry link", body)
    assert not answer.refused and "41 million crowns" in answer.text
