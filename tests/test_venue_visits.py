"""Visits told as taking part in a meeting held abroad (bot/facts/venues.py), and the parse fixes they need
(bot/language/parser.py), on invented sentences about the fictional countries of
tests/fixtures/gazetteer_fictional.toml: each test is a general pattern, not a real article."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts.article_text import ArticleText
from bot.facts.catalog import ExtractionCatalog
from bot.facts.extract import extract_facts
from bot.facts.model import ArticleFacts, Visit
from bot.knowledge.gazetteer import Gazetteer
from bot.language.parser import parse_where
from tests.conftest import FICTIONAL_REPORT_DAY
from tests.conftest import fictional_facts as _facts

PUBLISHED = FICTIONAL_REPORT_DAY


@pytest.fixture
def gazetteer(fictional_gazetteer: Gazetteer) -> Gazetteer:
    return fictional_gazetteer




def _visits_of(facts: ArticleFacts, surname: str) -> list[Visit]:
    return [v for v in facts.visits if v.visitor.endswith(surname)]


def test_a_title_abbreviation_keeps_its_full_stop_and_a_prefixed_verb_stays_one_word() -> None:
    doc = parse_where(["The pact was initialled by Hon. Ilse Brandor, who co-hosted and re-opened the talks."],
                      [True])[0]
    words = [t.text for t in doc]
    assert "Hon." in words and "co-hosted" in words and "re-opened" in words
    assert {t.text: t.lemma_ for t in doc}["co-hosted"] == "co-host"
    # the name after the abbreviation is still in the clause, not a sentence of its own
    assert sum(t.dep_ == "ROOT" for t in doc) == 1


def test_whoever_of_another_country_chairs_a_session_held_in_a_city_visited_it(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Quintaran Foreign Minister Tamsin Orrel and Velorian Trade Minister Pell Varenne co-chaired the third "
        "session of the Veloria-Quintara Joint Commission in Sarrowmere on Monday.",
        gazetteer, catalog,
    )
    [visit] = _visits_of(facts, "Varenne")
    assert (visit.destination_country, visit.destination_city, visit.start) == ("Quintara", "Sarrowmere",
                                                                               date(2031, 3, 3))
    assert not _visits_of(facts, "Orrel")  # at home


def test_a_session_named_in_one_sentence_is_where_its_chairs_of_another_sentence_were(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "SARROWMERE - Veloria and Quintara closed the ninth session of their Joint Committee on Tuesday.\n\n"
        "The session was co-chaired by Velorian Deputy Minister Arlo Fenn and his Quintaran counterpart, "
        "Mira Castell.",
        gazetteer, catalog,
    )
    [visit] = _visits_of(facts, "Fenn")
    assert (visit.destination_country, visit.start, visit.status) == ("Quintara", date(2031, 3, 4), "completed")
    assert not _visits_of(facts, "Castell")


def test_a_meeting_held_on_a_screen_is_no_visit(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "The Veloria-Quintara dialogue met in Sarrowmere last year.\n\n"
        "This time Velorian Minister Arlo Fenn attended the dialogue by video link.",
        gazetteer, catalog,
    )
    assert not _visits_of(facts, "Fenn")


def test_the_places_a_clause_is_about_are_not_where_it_happened(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """The subject "an accord binding Veloria and Quintara" names countries, not the venue."""
    facts = _facts(
        "A fisheries accord binding Veloria, Quintara and Norrvald was signed in Lumenhal yesterday by "
        "Velorian Minister Ottar Grell and the Quintaran Minister for Fisheries, Hon. Sela Drummond.",
        gazetteer, catalog,
    )
    assert not _visits_of(facts, "Grell")
    [visit] = _visits_of(facts, "Drummond")
    assert (visit.destination_country, visit.destination_city) == ("Veloria", "Lumenhal")


def test_an_agency_dateline_is_its_desk_when_the_clause_names_the_destination(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = extract_facts(
        "SKARNHOLM (Fictional Wire) - Velorian President Ida Marsh travelled to Quintara on Tuesday for talks.",
        published=PUBLISHED, countries=("Veloria", "Quintara"), gazetteer=gazetteer, catalog=catalog,
    )
    assert {v.destination_country for v in _visits_of(facts, "Marsh")} == {"Quintara"}



def test_every_country_listed_as_a_stop_of_one_tour_is_a_visit(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts("Velorian President Ida Marsh will travel to Quintara, Norrvald and Kestovia next week.",
                   gazetteer, catalog)
    assert {v.destination_country for v in _visits_of(facts, "Marsh")} == {"Quintara", "Norrvald", "Kestovia"}
    facts = _facts("Velorian President Ida Marsh travelled to Quintara in May and met Norrvald's envoy in June.",
                   gazetteer, catalog)
    assert {v.destination_country for v in _visits_of(facts, "Marsh")} == {"Quintara"}


def test_a_dateline_with_the_country_in_brackets_and_a_colon_is_not_the_subject(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "DRASNOVAR [Kestovia], March 4:" is a dateline (blanked before parsing), so the ministers are the clause's
    subjects and the Velorian one, at a session in Drasnovar, visited Kestovia."""
    facts = extract_facts(
        "DRASNOVAR [Kestovia], March 4: Kestovia's Foreign Minister Irenka Vostrel and Veloria's Minister of State "
        "for External Affairs Tomas Brandt Orlen co-chaired the 4th Session of the Kestovia-Veloria Joint Commission "
        "in Drasnovar on March 3.",
        published=PUBLISHED, countries=("Veloria", "Kestovia"), gazetteer=gazetteer, catalog=catalog,
    )
    [visit] = _visits_of(facts, "Orlen")
    assert (visit.destination_country, visit.start) == ("Kestovia", date(2031, 3, 3))
    assert not _visits_of(facts, "Vostrel")
    lead = ArticleText.read("DRASNOVAR [Kestovia], March 4: The ministers met.", PUBLISHED, ("Kestovia",),
                            gazetteer).sentences[0]
    assert lead.text[lead.dateline_end:] == "The ministers met."


def test_where_the_next_meeting_will_be_held_is_no_venue_yet(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "The working group was co-chaired by Velorian Minister Arlo Fenn and Quintaran General Mira Castell.\n\n"
        "The next meeting of the working group is expected to be held in Lumenhal in 2032.",
        gazetteer, catalog,
    )
    assert not _visits_of(facts, "Castell")


def test_attending_a_ceremony_held_abroad_is_a_visit(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "The ceremony took place at the shipyard in Sarrowmere on Monday and was attended by Velorian Defence "
        "Minister Orla Fenwick and her Quintaran counterpart, Dax Holm.",
        gazetteer,
        catalog,
    )
    assert [(v.visitor, v.destination_city) for v in facts.visits] == [("Orla Fenwick", "Sarrowmere")]


def test_whoever_a_signing_or_a_meeting_is_held_with_took_part_in_it_too(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """The visitor is the one the host signed "with", or the one a meeting in the host's country was "between";
    the host, placed at home, travelled nowhere."""
    signed = _facts(
        "Quintaran Defence Minister Hollis Trage signed the accord with Velorian Defence Minister Odile Marchetti "
        "at the military academy in Dunmarrow on Monday.",
        gazetteer, catalog,
    )
    [visit] = _visits_of(signed, "Marchetti")
    assert (visit.destination_country, visit.destination_city) == ("Quintara", "Dunmarrow")
    assert not _visits_of(signed, "Trage")
    met = _facts(
        "Velorian Prime Minister Anselm Cray announced new grants on Monday. The grants followed a meeting in "
        "Norrvald between Cray and Norrvald's Prime Minister, Sigrun Hallvard.",
        gazetteer, catalog,
    )
    [trip] = _visits_of(met, "Cray")
    assert trip.destination_country == "Norrvald"
    assert not _visits_of(met, "Hallvard")


@pytest.mark.parametrize(("text", "surname"), [
    # at home by the clause, though the article's one venue is abroad
    ("The summit in Lumenhal ended on Sunday. Quintaran President Tamsin Orrel co-chaired talks in the "
     "Quintaran capital on Monday.", "Orrel"),
    # a partner of a later call is placed by no clause of its own, so not at the article's venue
    ("Velorian President Corin Dast held talks with Quintaran President Tamsin Orrel in Sarrowmere on Monday. "
     "Later, Orrel held a call with Norrvaldic Prime Minister Sigrun Hallvard.", "Hallvard"),
    # a partner placed in their own country stays there, whatever other venue the article names
    ("Velorian President Corin Dast held talks in the Quintaran capital with Lise Harrow, Quintara's most "
     "powerful leader. Dast had flown in after attending a summit in Norrvald that ended on Sunday.", "Harrow"),
    # a partner of the visitor's own side, with nobody of the place's country in the clause, went nowhere by it
    ("The Velorian President, Mara Velt, signed the charter in Sarrowmere with Velorian Trade Minister "
     "Pell Varenne.", "Varenne"),
], ids=["at-home-doer", "partner-of-a-call", "partner-at-home", "partner-without-a-host"])
def test_nobody_a_meeting_is_held_with_is_sent_where_the_clause_does_not_put_them(
    text: str, surname: str, gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """Taking part in a meeting makes a trip only to where its own clause puts it, with a host there."""
    assert not _visits_of(_facts(text, gazetteer, catalog), surname)


def test_a_plan_that_is_the_clauses_subject_does_not_make_the_talks_planned(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "The schedule was settled on Monday during talks in Sarrowmere with X": the talks were held, on Monday;
    "schedule" names what was settled, it does not put the meeting ahead."""
    facts = _facts(
        "The schedule was settled on Monday during talks in Sarrowmere between Quintaran President Mirela "
        "Anscombe and Velorian Trade Minister Orla Fenwick.",
        gazetteer, catalog,
    )
    [visit] = _visits_of(facts, "Fenwick")
    assert (visit.destination_country, visit.status, visit.start) == ("Quintara", "completed", date(2031, 3, 3))
    # a meeting that is what the plan holds is still ahead
    plans = _facts(
        "Plans include talks in Sarrowmere between Quintaran President Mirela Anscombe and Velorian Trade "
        "Minister Orla Fenwick.",
        gazetteer, catalog,
    )
    trips = _visits_of(plans, "Fenwick")
    assert trips and all(v.status == "planned" for v in trips), trips


def test_whoever_a_host_met_at_home_travelled_to_meet_them(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """ "X met Y in C": the one met is a partner as much as one met "with"; of another country than the host's
    at home, they travelled there, and met the host. Met in a third country by no one of it, nobody is sent."""
    facts = _facts(
        "Quintaran President Tamsin Orrel met the Velorian prime minister-designate, Anselm Cray, in Sarrowmere "
        "on Monday.",
        gazetteer, catalog,
    )
    [visit] = _visits_of(facts, "Cray")
    assert (visit.destination_country, visit.destination_city, visit.met) == (
        "Quintara", "Sarrowmere", ("Tamsin Orrel",))
    assert not _visits_of(facts, "Orrel")
    elsewhere = _facts("Quintaran President Tamsin Orrel met Velorian Trade Minister Pell Varenne in Skarnholm on "
                       "Monday.", gazetteer, catalog)
    assert not _visits_of(elsewhere, "Varenne")


@pytest.mark.parametrize("bullet", ["", "- "])
def test_a_fact_boxs_venue_and_participants_fields_tell_a_trip(gazetteer: Gazetteer, catalog: ExtractionCatalog,
                                                               bullet: str) -> None:
    """"Place: Sarrowmere, Quintara" over "Leaders: President X (Veloria) and Prime Minister Y (Quintara)": the
    leader of the other country travelled to the venue and met the host; the host travelled nowhere."""
    text = ("Fact sheet: what the two leaders agreed\n\n"
            f"{bullet}Event: Veloria-Quintara leaders' retreat\n"
            f"{bullet}Place: Sarrowmere, Quintara\n"
            f"{bullet}Leaders: President Anselm Dray (Veloria) and Prime Minister Edvin Halloran (Quintara)\n")
    facts = _facts(text, gazetteer, catalog)
    (trip,) = _visits_of(facts, "Dray")
    assert (trip.destination_country, trip.met) == ("Quintara", ("Edvin Halloran",))
    assert _visits_of(facts, "Halloran") == []


def test_a_fact_box_of_a_call_tells_no_trip(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """A box whose format is a telephone call places the call, not a visit."""
    text = ("Readout of the call\n\nFormat: telephone call\nPlace: Sarrowmere, Quintara\n"
            "Participants: President Anselm Dray (Veloria) and Prime Minister Edvin Halloran (Quintara)\n")
    assert _visits_of(_facts(text, gazetteer, catalog), "Dray") == []


def test_a_box_written_as_a_table_of_where_host_and_guest_tells_the_guests_trip(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """A quick-facts table ("| Where | Dunmarrow |", "| Host | … |", "| Guest | … |") is a fact box: the guest
    of the other country travelled to the place and met the host, though host and guest stand in two rows."""
    from bot.knowledge.loaders import parse_article

    article = parse_article(
        b"---\ntitle: Quick facts on the Dunmarrow talks\npublished: 2031-03-05\ncountries: [Veloria, Quintara]\n"
        b"---\n\nThe leaders spent the day on river freight.\n\n"
        b"| Item | Detail |\n|---|---|\n| Where | Dunmarrow, Quintara |\n"
        b"| Host | Prime Minister Edvin Halloran (Quintara) |\n| Guest | President Anselm Dray (Veloria) |\n",
        "talks.md", gazetteer=gazetteer, max_bytes=100_000)
    assert "- Where: Dunmarrow, Quintara." in article.text
    facts = _facts(article.text, gazetteer, catalog)
    (trip,) = _visits_of(facts, "Dray")
    assert (trip.destination_country, trip.destination_city, trip.met) == ("Quintara", "Dunmarrow",
                                                                          ("Edvin Halloran",))
    assert any("Dunmarrow" in e.sentence for e in trip.evidence)  # the trip cites where it went
    assert _visits_of(facts, "Halloran") == []


def test_meeting_the_leaders_of_a_country_does_not_take_anyone_there(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """ "held talks with the ministers of Norrvald and Kestovia" names whom, not where."""
    facts = _facts("Velorian President Anselm Dray is also holding separate talks with the ministers of Norrvald "
                   "and Kestovia this week.", gazetteer, catalog)
    assert not [v for v in _visits_of(facts, "Dray") if v.destination_country in {"Norrvald", "Kestovia"}]


def test_a_table_row_led_by_a_one_word_name_is_no_field(gazetteer: Gazetteer) -> None:
    """ "| Sugarno | Foreign Minister |": a delegation table whose people go by one name keeps them as people."""
    from bot.knowledge.loaders import parse_article

    article = parse_article(
        b"---\ntitle: The delegation\npublished: 2031-03-05\ncountries: [Veloria, Quintara]\n---\n\n"
        b"The Velorian delegation that travelled to Quintara for the river talks this week:\n\n"
        b"| Name | Office |\n|---|---|\n| Sugarno | Foreign Minister |\n| Host city | Dunmarrow |\n",
        "table.md", gazetteer=gazetteer, max_bytes=100_000)
    assert "- Sugarno, Foreign Minister." in article.text and "- Host city: Dunmarrow." in article.text


def test_a_boxs_undated_venue_does_not_hide_the_day_the_prose_gives(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    text = ("River commission meets\n\n- What: third session of the river commission\n- Where: Sarrowmere, Quintara\n\n"
            "The session was chaired jointly by Velorian Trade Minister Pell Varenne and Quintaran Foreign Minister "
            "Tamsin Orrel.\n\nThe commission's third session, held in Sarrowmere on Monday, agreed a dredging plan.")
    (trip,) = _visits_of(_facts(text, gazetteer, catalog), "Varenne")
    assert (trip.destination_city, trip.start) == ("Sarrowmere", date(2031, 3, 3))


def test_a_box_trip_takes_the_boxs_own_date_not_the_proses_last_day(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """The prose above the box names another event's day (a party congress on 8 January); the box's trip is on the
    day its "Date:" field gives."""
    text = ("Dray ends state visit\n\nDray was invited to attend a party congress in Lumenhal on 8 January 2032.\n\n"
            "- Date: 2 March 2031\n- Guest: President Anselm Dray (Veloria)\n- Host: Prime Minister Edvin Halloran "
            "(Quintara)\n- Venue: Parliament buildings, Sarrowmere\n")
    (trip,) = _visits_of(_facts(text, gazetteer, catalog), "Dray")
    assert (trip.destination_city, trip.start) == ("Sarrowmere", date(2031, 3, 2))


def test_a_venue_field_names_the_place_of_the_reports_countries(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """ "Venue: Skarnholm Palace, Sarrowmere" in a Veloria–Quintara report: the palace is named after a city of
    Norrvald; the venue is Sarrowmere."""
    text = ("Leaders meet\n\n- Venue: Skarnholm Palace, Sarrowmere\n"
            "- Leaders: President Anselm Dray (Veloria) and Prime Minister Edvin Halloran (Quintara)\n")
    (trip,) = _visits_of(_facts(text, gazetteer, catalog), "Dray")
    assert (trip.destination_country, trip.destination_city) == ("Quintara", "Sarrowmere")
