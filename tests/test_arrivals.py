"""When a visit began (bot/facts/arrivals.py), and dates a dateline gives the report rather than the trip,
on invented articles about the fictional countries of tests/fixtures/gazetteer_fictional.toml."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.facts.catalog import ExtractionCatalog
from bot.facts.extract import extract_facts
from bot.facts.model import ArticleFacts, Visit
from bot.knowledge.gazetteer import Gazetteer
from tests.conftest import FICTIONAL_REPORT_DAY, fictional_facts

PUBLISHED = date(2031, 3, 14)  # a Friday


def _facts(text: str, gazetteer: Gazetteer, catalog: ExtractionCatalog) -> ArticleFacts:
    return extract_facts(text, published=PUBLISHED, countries=("Veloria", "Quintara"), gazetteer=gazetteer,
                         catalog=catalog)


def _visits_of(facts: ArticleFacts, surname: str) -> list[Visit]:
    return [v for v in facts.visits if v.visitor.endswith(surname)]


def test_an_arrival_told_after_the_lead_starts_the_visit(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "SARROWMERE, 14 March 2031 - Velorian Energy Minister Tobin Harrowgate is halfway through a week-long "
        "visit to Quintara that has taken him to three ministries.\n\n"
        "Harrowgate landed on 10 March and went straight into talks on the power link.",
        fictional_gazetteer, catalog)
    [visit] = _visits_of(facts, "Harrowgate")
    assert visit.destination_country == "Quintara"
    assert (visit.start, visit.precision) == (date(2031, 3, 10), "day")


def test_an_arrival_told_of_the_visitor_by_description_starts_the_visit(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Quintaran President Mirela Ostrava on Thursday received Velorian Prime Minister Anselm Voss at the "
        "presidential palace in Sarrowmere.\n\n"
        "The Velorian leader had flown in on Wednesday evening and was met at the airport by the foreign minister.",
        fictional_gazetteer, catalog)
    [visit] = _visits_of(facts, "Voss")
    assert visit.start == date(2031, 3, 12)


def test_an_arrival_told_in_a_clause_about_the_visitor_starts_the_visit(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Velorian Prime Minister Anselm Voss is on a state visit to Quintara.\n\n"
        "The speaker held talks in Sarrowmere on Friday with Voss, who touched down on Tuesday for a five-day stay.",
        fictional_gazetteer, catalog)
    [visit] = _visits_of(facts, "Voss")
    assert visit.start == date(2031, 3, 11)


def test_an_earlier_arrival_does_not_pull_back_a_later_leg_still_to_come(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Velorian Foreign Minister Idris Calloway arrived in Quintara on Friday and opened an embassy.\n\n"
        "On Saturday Calloway is due in Kelvasport, where he will open a consulate.",
        fictional_gazetteer, catalog)
    starts = sorted(v.start for v in _visits_of(facts, "Calloway") if v.start)
    assert starts[-1] == date(2031, 3, 15)


def test_a_bracketed_date_opening_the_text_dates_the_report_not_the_trip(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "(March 14, 2031) - Velorian President Corin Aldous will lead a delegation to Quintara for a state "
        "visit set for April 2-3, 2031.",
        fictional_gazetteer, catalog)
    [visit] = _visits_of(facts, "Aldous")
    assert (visit.start, visit.status) == (date(2031, 4, 2), "planned")


def test_a_day_named_as_the_visits_nth_counts_back_to_its_first(fictional_gazetteer: Gazetteer,
                                                                 catalog: ExtractionCatalog) -> None:
    """"On Tuesday, the second day of her visit": the visit began on the Monday (the report is a Wednesday's)."""
    facts = fictional_facts("Velorian Foreign Minister Ilse Marwick is on a four-day visit to Quintara. On Tuesday, "
                            "the second day of her visit, she toured the Sarrowmere docks.", fictional_gazetteer, catalog)
    assert [(v.visitor, v.start) for v in facts.visits] == [("Ilse Marwick", FICTIONAL_REPORT_DAY - timedelta(days=2))]


def test_a_days_outing_counted_back_to_the_arrival_is_the_same_trip(fictional_gazetteer: Gazetteer,
                                                                    catalog: ExtractionCatalog) -> None:
    facts = fictional_facts("Quintaran Foreign Minister Sheikh Tarvin Al Dossan Al Varo arrived in Lumenhal on Monday "
                            "for talks. On Tuesday, the second day of his visit, Sheikh Tarvin went to the Lumenhal "
                            "opera house.", fictional_gazetteer, catalog)
    assert [(v.visitor, v.start) for v in facts.visits] == [
        ("Tarvin Al Dossan Al Varo", FICTIONAL_REPORT_DAY - timedelta(days=2))]


def test_only_the_day_named_as_the_visits_nth_counts_back(fictional_gazetteer: Gazetteer,
                                                          catalog: ExtractionCatalog) -> None:
    """"On the second day of his visit, which began on Monday": Monday is the first day, not the second."""
    facts = fictional_facts("On the second day of his three-day state visit to Quintara, which began on Monday, "
                            "Velorian President Arlo Venn toured the Sarrowmere docks.", fictional_gazetteer, catalog)
    assert [v.start for v in facts.visits if v.visitor == "Arlo Venn"] == [FICTIONAL_REPORT_DAY - timedelta(days=2)]


@pytest.mark.parametrize(("text", "surname", "start"), [
    # the lead dates what the visitor did on Thursday; "a trip that started on Tuesday" dates the trip
    ("Velorian Trade Minister Oskar Brennholt opened a business forum in Sarrowmere on Thursday.\n\n"
     "Brennholt is on a four-day trip to Quintara that started on Tuesday.", "Brennholt", date(2031, 3, 11)),
    # a stay over several days starts on the first
    ("Velorian Health Minister Petra Lindqvar toured a hospital in Sarrowmere on Thursday.\n\n"
     "Her stay in Quintara runs from March 12 to 15.", "Lindqvar", date(2031, 3, 12)),
    # the delegation's landing starts its head's visit
    ("Velorian Interior Minister Arvid Kessling called on the Quintaran president in Sarrowmere on Friday.\n\n"
     "The delegation had landed on Wednesday night.", "Kessling", date(2031, 3, 12)),
])
def test_the_day_a_visit_began_starts_it(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, text: str,
                                         surname: str, start: date) -> None:
    [visit] = _visits_of(_facts(text, fictional_gazetteer, catalog), surname)
    assert (visit.destination_country, visit.start) == ("Quintara", start)


def test_a_visit_that_began_is_not_given_to_one_of_two_visitors_told_together(
        fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """Two visitors in the sentence before: whose visit "the visit" is cannot be told, so neither moves."""
    facts = _facts(
        "Velorian Finance Minister Lena Sorvik and Defence Minister Bram Holtz held talks in Sarrowmere on "
        "Thursday, during separate visits to Quintara.\n\n"
        "The visit began on Monday.",
        fictional_gazetteer, catalog)
    assert sorted((v.visitor, v.start) for v in facts.visits) == [("Bram Holtz", date(2031, 3, 13)),
                                                                  ("Lena Sorvik", date(2031, 3, 13))]


@pytest.mark.parametrize("dateline", ["Port Edrin: ", "Port Edrin, 14 March: ", "Port Edrin (Ledger) – ",
                                      "Port Edrin (Ledger): "])
def test_a_dateline_written_as_the_city_is_written_places_the_report(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, dateline: str
) -> None:
    """Many outlets write the dateline as the city is spelt ("New Delhi:", "Lima, Jan. 13 —"): the visitor
    of another country is there, as with "PORT EDRIN -". A line opened by another word and a colon
    ("Background:") is no dateline, and the words after a city's colon are no speaker's."""
    text = f"{dateline}Quintaran Trade Minister Ilse Marrow began a three-day visit on Friday.\n\nTalks went well."
    facts = _facts(text, fictional_gazetteer, catalog)
    [visit] = _visits_of(facts, "Marrow")
    assert not any("Port Edrin" in event.label for event in facts.events)  # the dateline is no event's words
    assert (visit.destination_country, visit.destination_city) == ("Veloria", "Port Edrin")
    assert visit.start == PUBLISHED
    labelled = _facts("Background: Quintaran Trade Minister Ilse Marrow began a three-day visit on Friday.",
                      fictional_gazetteer, catalog)
    assert not _visits_of(labelled, "Marrow")


def test_a_city_written_as_spelt_opens_only_the_report_as_a_dateline(fictional_gazetteer: Gazetteer) -> None:
    """Further on, "Port Edrin – which had pressed for the deal – agreed" has the city as its subject and
    "Lumenhal: Good morning" is a speaker's line; neither places the report, and the speaker keeps the line."""
    from bot.facts.article_text import ArticleText

    text = ("Port Edrin: The talks opened on Friday.\n\nPort Edrin – which had pressed for the deal – agreed on "
            "Friday.\n\nLumenhal: Good morning, Minister.")
    sentences = ArticleText.read(text, PUBLISHED, ("Veloria", "Quintara"), fictional_gazetteer).sentences
    assert [s.dateline_place is not None for s in sentences] == [True, False, False, False]
    assert sentences[2].text == "Lumenhal:"  # the speaker's label, a line of its own
