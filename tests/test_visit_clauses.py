"""Visits read from clause structure (bot/facts/visit_clauses.py) on invented sentences about the fictional
countries of tests/fixtures/gazetteer_fictional.toml: each test is a general pattern, not a real article."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from bot.facts.catalog import ExtractionCatalog
from bot.facts.model import ArticleFacts, Visit
from bot.facts.visit_clauses import ClauseVisitFinder, PersonMention, one_word_title_heads
from bot.knowledge.gazetteer import Gazetteer
from tests.conftest import FICTIONAL_REPORT_DAY
from tests.conftest import fictional_facts as _facts

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = FICTIONAL_REPORT_DAY


@pytest.fixture
def gazetteer(fictional_gazetteer: Gazetteer) -> Gazetteer:
    return fictional_gazetteer




def _visit_of(facts: ArticleFacts, surname: str) -> Visit:
    found = [v for v in facts.visits if v.visitor.endswith(surname)]
    assert len(found) == 1, facts.visits
    return found[0]


def test_a_travel_verb_places_its_subject_in_a_city_of_another_country(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Velorian Trade Minister Orla Fenwick arrived in Sarrowmere on Monday for talks on grain exports.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Fenwick")
    assert (visit.destination_country, visit.destination_city) == ("Quintara", "Sarrowmere")
    assert visit.start == date(2031, 3, 3)
    assert visit.status == "completed"


def test_a_trip_told_in_the_present_with_a_weekday_is_still_to_come(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """News tells the coming days in the present; the dateline's own date is when it was filed, not the trip's."""
    facts = _facts(
        "SARROWMERE, March 5 (Fictional Wire) - Velorian Fisheries Minister Brann Ostley begins a three-day "
        "visit to Quintara on Friday to inspect the new fish markets.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Ostley")
    assert visit.destination_country == "Quintara"
    assert visit.start == date(2031, 3, 7), visit
    assert visit.status == "planned"


@pytest.mark.parametrize("caption", [
    "Photo caption: Velorian Fisheries Minister Brann Ostley arrives in Sarrowmere on Friday.",
    "Velorian Fisheries Minister Brann Ostley arrives in Sarrowmere on Friday. — Picture: Staff",
    "Velorian Fisheries Minister Brann Ostley arrives in Sarrowmere on Friday (Photo: Staff)",
])
def test_a_photo_caption_tells_in_the_present_what_is_past(
    gazetteer: Gazetteer, catalog: ExtractionCatalog, caption: str
) -> None:
    """A caption describes its picture in the present: the Friday it names is the one before the report."""
    visit = _visit_of(_facts(caption, gazetteer, catalog), "Ostley")
    assert visit.destination_country == "Quintara"
    assert visit.start is not None and visit.start < PUBLISHED and visit.start.weekday() == 4, visit
    assert visit.status == "completed"


@pytest.mark.parametrize(("sentence", "visits"), [
    ("Velorian Fisheries Minister Brann Ostley leaves for Sarrowmere on Friday to inspect the fish markets.", True),
    ("Velorian Fisheries Minister Brann Ostley departed for Quintara on Saturday.", True),
    # what a departure verb takes as its object is where the traveller left
    ("Velorian Fisheries Minister Brann Ostley left Sarrowmere on Saturday after the talks.", False),
    ("Velorian Fisheries Minister Brann Ostley left the door open for Quintara.", False),
    ("Velorian Fisheries Minister Brann Ostley left a message for Quintaran President Ada Moss on Monday.", False),
])
def test_setting_off_for_a_place_is_a_visit_there(gazetteer: Gazetteer, catalog: ExtractionCatalog, sentence: str,
                                                   visits: bool) -> None:
    facts = _facts(sentence, gazetteer, catalog)
    assert [v.destination_country for v in facts.visits if v.visitor.endswith("Ostley")] == (
        ["Quintara"] if visits else [])


def test_a_country_named_right_after_a_person_is_theirs(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "The talks were chaired by Chancellor Idris Vantorre of Quintara and drew envoys from many ports.",
        gazetteer,
        catalog,
    )
    official = next(o for o in facts.officials if o.name.endswith("Vantorre"))
    assert official.country == "Quintara", official


@pytest.mark.parametrize(("sentence", "destination"), [
    ("Velorian King Aldric Fenwove held talks on Tuesday with Quintaran Prime Minister Teodor Marrick, on what is "
     "his first visit to the Gulf state in years.", "Quintara"),
    ("Velorian President Aldric Fenwove arrived on Monday for his first visit to the Himalayan kingdom.", "Quintara"),
    # a word naming a third place makes it somewhere else
    ("Velorian King Aldric Fenwove spoke on Tuesday of his first visit to the Norrvaldic kingdom.", "Norrvald"),
])
def test_a_country_called_by_another_word_is_the_report_s_other_country(
        gazetteer: Gazetteer, catalog: ExtractionCatalog, sentence: str, destination: str) -> None:
    assert [v.destination_country for v in _facts(sentence, gazetteer, catalog).visits
            if v.visitor.endswith("Fenwove")] == [destination]


def test_a_state_of_the_visitor_s_own_country_is_no_trip_abroad(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts("Velorian President Aldric Fenwove arrived in Cassivar on Monday, his first visit to the northern "
                   "state in years.", gazetteer, catalog)
    assert not [v for v in facts.visits if v.visitor.endswith("Fenwove")]


def test_a_tour_of_a_country_is_a_visit_there(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Velorian Culture Minister Aldo Brenn ended a week-long tour of Quintara on Tuesday.", gazetteer, catalog
    )
    assert _visit_of(facts, "Brenn").destination_country == "Quintara"


def test_the_doer_of_a_passive_clause_is_the_visitor(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "The handover ceremony in Dunmarrow on 2 March was attended by Velorian Defence Minister Pell Haskard "
        "and his Quintaran counterpart.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Haskard")
    assert visit.destination_country == "Quintara"
    assert visit.start == date(2031, 3, 2)


def test_the_object_of_a_host_verb_is_the_guest(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Quintaran President Ilse Varro received Velorian Foreign Minister Tam Brightwater in Dunmarrow on "
        "4 March.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Brightwater")
    assert visit.destination_country == "Quintara"
    assert "Ilse Varro" in visit.met
    assert not [v for v in facts.visits if v.visitor.endswith("Varro")]


def test_a_visit_noun_with_its_agent_after_by(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Grain and shipping deals were sealed on Tuesday during a visit to Lumenhal by Quintaran Premier "
        "Dace Morrow.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Morrow")
    assert (visit.destination_country, visit.start) == ("Veloria", date(2031, 3, 4))


def test_meeting_people_at_home_is_not_a_visit(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Velorian Prime Minister Anya Coll met a delegation of Quintaran bankers in Lumenhal on Monday.",
        gazetteer,
        catalog,
    )
    assert not [v for v in facts.visits if v.visitor.endswith("Coll")]


def test_a_date_inside_a_nested_clause_does_not_date_the_trip(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Quintaran Premier Dace Morrow landed in Cassivar on 1 March. The stop in Cassivar was Morrow's "
        "first trip to Veloria since she took office in 2027.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Morrow")
    assert visit.start == date(2031, 3, 1)


def test_a_trip_announced_for_later_is_planned(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Velorian Defence Minister Pell Haskard will travel to Kelvasport later this month, his office said.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Haskard").status == "planned"


def test_a_trip_being_arranged_for_some_later_time_is_planned_and_undated(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    # an outcome of talks held on the report's day: the trip itself has no day yet
    facts = _facts(
        "The two foreign ministers met in Kelvasport on 3 March.\n\nThey agreed on these steps:\n\n"
        "- closer contacts, notably arranging a trip to Quintara by Velorian President Arlo Venn at a mutually "
        "convenient time;\n- more ferry routes.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Venn")
    assert (visit.status, visit.start) == ("planned", None)


def test_a_visit_arranged_by_someone_happened(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Velorian President Arlo Venn paid a visit to Quintara on Monday, arranged by the embassy.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Venn")
    assert (visit.status, visit.start) == ("completed", date(2031, 3, 3))


def test_a_visit_at_a_time_still_to_be_fixed_is_planned(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    # no verb of planning: only the phrase says the trip has no time yet
    facts = _facts(
        "The ministers agreed on a visit to Quintara by Velorian President Arlo Venn at a mutually convenient time.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Venn").status == "planned"


@pytest.mark.parametrize(("second", "day"), [
    ("The official visit on Friday follows two days of ministerial talks.", date(2031, 3, 7)),
    # another country named: the sentence may be of another trip
    ("The official visit on Friday comes after a stop in Norrvald.", None),
    # someone's visit named with the day: maybe another's
    ("The visit of Premier Dace Morrow on Friday was planned long ago.", None),
])
def test_a_trip_told_again_is_dated_only_when_the_sentence_is_surely_of_it(
        gazetteer: Gazetteer, catalog: ExtractionCatalog, second: str, day: date | None) -> None:
    facts = _facts(f"Velorian President Arlo Venn will pay an official visit to Quintara this week.\n\n{second}",
                   gazetteer, catalog)
    assert _visit_of(facts, "Venn").start == day


def test_two_planned_trips_leave_the_visit_told_again_undated(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Velorian President Arlo Venn will pay an official visit to Quintara this week. Velorian Trade Minister "
        "Orla Fenwick will also travel to Quintara soon.\n\nThe official visit on Friday follows ministerial talks.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Venn").start is None


def test_a_past_trip_told_again_with_the_reports_own_day_takes_it(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    # the report is of Wednesday 5 March: "on Wednesday" is that day, which a past trip may have (the visit noun
    # dates it here; the told-again rule would too, as it takes the report's own day for a past trip)
    facts = _facts(
        "Velorian President Arlo Venn paid an official visit to Quintara, the presidency said.\n\n"
        "The visit on Wednesday ended with a state banquet.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Venn").start == FICTIONAL_REPORT_DAY


@pytest.mark.parametrize("text", [
    "A visit to Quintara hosted by President Ilse Marrow drew crowds.",
    "Velorian President Arlo Venn will pay a visit to Quintara this week, a trip long sought by President Ilse Marrow.",
])
def test_a_by_outside_the_visits_own_phrase_names_no_visitor(
        gazetteer: Gazetteer, catalog: ExtractionCatalog, text: str) -> None:
    facts = _facts(text, gazetteer, catalog)
    assert not [v for v in facts.visits if v.visitor.endswith("Marrow")]


def test_a_trip_told_again_with_its_day_takes_that_day_and_its_inviter_stays_home(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Velorian President Arlo Venn will pay an official visit to Quintara this week, having been invited by "
        "President Ilse Marrow.\n\nThe official visit on Friday follows two days of ministerial talks.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Venn")
    # the coming Friday: the report is of Wednesday 5 March, and the trip is still to come
    assert (visit.status, visit.start) == ("planned", date(2031, 3, 7))
    assert not [v for v in facts.visits if v.visitor.endswith("Marrow")]


def test_a_country_a_leader_backs_is_no_place_he_is_in(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    # "in turn" is a preposition of the verb, but it puts nobody anywhere; Quintara is what he backs
    facts = _facts(
        "Velorian President Arlo Venn in turn promised that Lumenhal would firmly support Quintara as it works "
        "towards joining the customs union.",
        gazetteer,
        catalog,
    )
    assert not [v for v in facts.visits if v.visitor.endswith("Venn")]


def test_name_particles_and_hyphenated_given_names_stay_in_the_name(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Quintaran President Ramiro da Costelo met Velorian Trade Minister Min-jae Oh-seong and Foreign "
        "Minister Karim al-Fassar in Lumenhal.",
        gazetteer,
        catalog,
    )
    names = {o.name for o in facts.officials}
    assert {"Ramiro da Costelo", "Karim al-Fassar"} <= names, names


def test_a_title_word_read_into_a_name_goes_back_to_the_title(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Velorian Chief Cabinet Secretary Tomas Orlen told reporters on Monday that the talks would go on.",
        gazetteer,
        catalog,
    )
    official = next(o for o in facts.officials if o.name.endswith("Orlen"))
    assert official.name == "Tomas Orlen"
    assert any("Cabinet Secretary" in title for title in official.titles), official.titles


# -- timeline events from clauses (bot/facts/event_clauses.py) ------------------------------------------


def test_a_dateline_and_an_update_stamp_are_never_events(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "SARROWMERE, Mar 4 - Quintaran port officials opened a new grain terminal on Tuesday. "
        "This page was last updated at 17:03 on March 5.",
        gazetteer,
        catalog,
    )
    labels = [(e.date, e.label) for e in facts.events]
    assert labels and all("SARROWMERE" not in label and "updated" not in label for _, label in labels), labels
    assert any(
        day == date(2031, 3, 4) and label.startswith("Quintaran port officials opened a new grain terminal")
        for day, label in labels
    ), labels


def test_the_edge_of_a_span_is_not_an_event(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """"the first crossing since 2027" tells of now, not of something in 2027."""
    facts = _facts(
        "Quintaran trawlers entered Velorian waters on Tuesday, the first such crossing since 2027.",
        gazetteer,
        catalog,
    )
    assert facts.events and all(e.date.year != 2027 for e in facts.events), facts.events


def test_an_event_in_a_relative_clause_is_told_with_its_noun(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Lorries crossed the new causeway that Velorian engineers completed in 2029.", gazetteer, catalog
    )
    event = next(e for e in facts.events if e.date.year == 2029)
    assert event.label.startswith("Velorian engineers completed"), event.label
    assert "causeway" in event.label
    assert len(event.label) <= 101


def test_an_event_under_a_governing_verb_keeps_that_verb(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """ "The delegation is expected to sail to Lumenhal on March 9": the line reads as a sentence, with "is
    expected", not "The delegation to sail to Lumenhal"."""
    facts = _facts("The Quintaran delegation is expected to sail to Lumenhal on March 9.", gazetteer, catalog)
    event = next(e for e in facts.events if e.date == date(2031, 3, 9))
    assert event.label.startswith("The Quintaran delegation is expected to sail to Lumenhal"), event.label


def test_the_reports_own_weekday_is_the_filing_day_even_in_a_future_clause() -> None:
    from bot.facts.dates import find_dates

    (mention,) = find_dates("The ministry will open the new consulate on Wednesday.", PUBLISHED)
    assert mention.date == PUBLISHED
    (following,) = find_dates("The ministry will open the new consulate next Wednesday.", PUBLISHED)
    assert following.date == date(2031, 3, 12)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Memorandum of Understanding", "MoU"),
        ("MoU", "MoU"),
        ("joint venture agreement", "joint venture"),
        ("supply contract", "contract"),
        ("free trade agreement", "agreement"),
        ("joint declaration", "agreement"),
    ],
)
def test_labellers_free_text_kinds_are_scored_on_the_four_extracted_kinds(label: str, kind: str) -> None:
    from bot.facts.scoring import gold_agreement_kind

    assert gold_agreement_kind(label) == kind


def test_a_surname_that_is_also_a_country_stays_in_the_name(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "The Prime Minister of Quintara, Dorin Veloria, opened the harbour talks in Sarrowmere on Monday.",
        gazetteer,
        catalog,
    )
    assert "Dorin Veloria" in {o.name for o in facts.officials}, facts.officials


def test_an_undated_trip_reported_as_happening_is_dated_to_the_reports_month(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Velorian Fisheries Minister Tam Brightwater is in Quintara to talk about shared fishing grounds.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Brightwater")
    assert (visit.start, visit.precision) == (PUBLISHED, "month")


def test_two_trips_to_one_country_years_apart_stay_two(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Quintaran Premier Dace Morrow arrived in Lumenhal on 3 March. She had last visited Veloria in June 2027.",
        gazetteer,
        catalog,
    )
    starts = sorted((v.start, v.precision) for v in facts.visits if v.visitor.endswith("Morrow"))
    assert starts == [(date(2027, 6, 1), "month"), (date(2031, 3, 3), "day")], facts.visits


def test_labellers_own_words_for_an_area_are_scored_as_the_canonical_area(catalog: ExtractionCatalog) -> None:
    from bot.facts.scoring import gold_area

    assert gold_area("co-production of missiles", catalog) == "joint manufacturing"
    assert gold_area("remembrance of the war dead", catalog) == "remembrance of the war dead"  # no such area


def test_a_weekday_in_a_trip_still_to_come_is_the_next_one(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Quintaran President Ilse Varro will receive Velorian Foreign Minister Tam Brightwater and his deputy, "
        "Orla Fenwick, in Dunmarrow on Monday for the annual harbour talks.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Brightwater")
    assert visit.status == "planned"
    assert visit.start == date(2031, 3, 10), visit


# -- agreements ------------------------------------------------------------------------------------------


def test_a_named_agreement_and_a_joint_declaration_are_agreements(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "In Lumenhal the two premiers signed the Treaty on River Navigation between Veloria and Quintara. "
        "The foreign ministers then issued a joint declaration on fisheries.",
        gazetteer,
        catalog,
    )
    assert len(facts.agreements) == 2, facts.agreements
    assert all(set(a.parties) == {"Veloria", "Quintara"} for a in facts.agreements), facts.agreements


def test_a_reference_back_to_a_known_agreement_is_not_a_new_one(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Veloria and Quintara signed a ferry agreement on Monday. Officials said the agreement was signed after "
        "two years of talks.",
        gazetteer,
        catalog,
    )
    assert len(facts.agreements) == 1, facts.agreements


def test_his_refers_to_the_subject_earlier_in_the_same_sentence(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "The two governments announced a fisheries pact on Monday as Chancellor Ivo Marrant held talks with "
        "President Lenna Osk during his first state visit to Quintara.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Marrant")
    assert visit.destination_country == "Quintara"


def test_of_two_leaders_meeting_only_the_one_from_elsewhere_travelled(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Quintara's Premier Hale Dorrin and Veloria's Premier Tamsin Arkwright met in Sarrowmere on Monday to "
        "sign a rail accord.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Arkwright")
    assert (visit.destination_country, visit.destination_city) == ("Quintara", "Sarrowmere")
    assert "Hale Dorrin" in visit.met
    assert not [v for v in facts.visits if v.visitor.endswith("Dorrin")]


def test_a_nationality_word_before_a_place_noun_names_the_destination(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Velorian Foreign Minister Pell Varga travelled to the Quintaran capital on Tuesday for a round of talks.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Varga").destination_country == "Quintara"


def test_a_person_from_one_country_placed_in_another_by_any_verb_is_there(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Velorian Premier Ivo Marrant, talking to farmers at a market in the Quintaran port city on Friday, "
        "promised lower tariffs.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Marrant")
    assert visit.destination_country == "Quintara"
    assert visit.start == date(2031, 2, 28)


def test_a_person_placed_in_their_own_country_made_no_visit(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Speaking in Lumenhal on Monday, Velorian President Corin Ashdale said the border would reopen.",
        gazetteer,
        catalog,
    )
    assert not facts.visits


def test_a_when_clause_happens_at_its_main_clauses_time(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Velorian Premier Tamsin Arkwright last saw Hale Dorrin in May 2030, when she flew to Sarrowmere for a "
        "grain summit.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Arkwright")
    assert (visit.destination_country, visit.start, visit.precision) == ("Quintara", date(2030, 5, 1), "month")


@pytest.mark.parametrize(("sentence", "start"), [
    ("By coincidence, Velorian Trade Minister Orla Fenwick was also in Sarrowmere on Tuesday, the day the fair "
     "opened.", date(2031, 3, 4)),
    ("Orla Fenwick, Veloria's trade minister, is in Sarrowmere from March 9 to 12.", date(2031, 3, 9)),
])
def test_being_in_a_city_of_another_country_is_a_visit(
    gazetteer: Gazetteer, catalog: ExtractionCatalog, sentence: str, start: date
) -> None:
    """ "Be" as the main verb places its subject as any verb of presence does."""
    visit = _visit_of(_facts(sentence, gazetteer, catalog), "Fenwick")
    assert (visit.destination_country, visit.destination_city, visit.start) == ("Quintara", "Sarrowmere", start)


def test_be_as_an_auxiliary_places_no_one(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts("Velorian Trade Minister Orla Fenwick was interviewed about Sarrowmere's grain markets.",
                   gazetteer, catalog)
    assert not facts.visits, facts.visits


def test_a_wire_report_puts_its_foreign_subject_in_the_dateline_city(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "TOKYO, Sept 8 - India's Defence Minister ... and External Affairs Minister ... take part on Thursday":
    a report is filed where its news happens, so both people joined as the subject are in the dateline's city."""
    facts = _facts("LUMENHAL, March 4 (Wire) - Quintara's Trade Minister Oda Quill and Quintaran Ports Minister "
                   "Ilse Marrow held talks on Tuesday with Velorian officials on shipping fees.", gazetteer, catalog)
    visits = {v.visitor: (v.destination_country, v.destination_city, v.start) for v in facts.visits}
    assert visits == {"Oda Quill": ("Veloria", "Lumenhal", date(2031, 3, 4)),
                      "Ilse Marrow": ("Veloria", "Lumenhal", date(2031, 3, 4))}


@pytest.mark.parametrize("text", [
    # the clause names its own city: the dateline is only where the desk is
    "LUMENHAL, March 4 (Wire) - Quintara's Trade Minister Oda Quill held talks in Skarnholm on Tuesday.",
    # an ambassador is posted in the dateline's country, not visiting it
    "LUMENHAL, March 4 - Quintaran Ambassador Oda Quill said on Tuesday that port fees would fall.",
    # a citizen of the dateline's country is at home
    "LUMENHAL, March 4 - Velorian Trade Minister Oda Quill said on Tuesday that port fees would fall.",
])
def test_a_dateline_places_no_one_whose_clause_or_post_says_otherwise(
    gazetteer: Gazetteer, catalog: ExtractionCatalog, text: str
) -> None:
    assert not [v for v in _facts(text, gazetteer, catalog).visits if v.destination_country == "Veloria"]


def test_a_second_name_hanging_from_the_subject_noun_is_a_subject_too() -> None:
    """The parser often hangs the second of two titled names from the first one's title noun ("Defence Minister
    Rajnath Singh and External Affairs Minister S Jaishankar take part": "Jaishankar" is an apposition of
    "Minister"); both do the verb. The parse is given, so the test does not depend on the model's mood."""
    words = ["Velorian", "Trade", "Minister", "Ida", "Voss", "and", "Ports", "Minister", "Oda", "Quill", "held",
             "talks"]
    heads = [2, 2, 10, 4, 2, 4, 7, 9, 9, 2, 10, 10]
    deps = ["amod", "compound", "nsubj", "compound", "appos", "cc", "compound", "compound", "compound", "appos",
            "ROOT", "dobj"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    people = [PersonMention(3, 5, "Ida Voss", "Veloria"), PersonMention(8, 10, "Oda Quill", "Veloria")]
    other = [PersonMention(3, 5, "Ida Voss", "Veloria"), PersonMention(8, 10, "Oda Quill", "Quintara")]
    finder = ClauseVisitFinder.__new__(ClauseVisitFinder)
    finder.last_subject = None
    assert [p.name for p in finder._subjects(people, doc[10])] == ["Ida Voss", "Oda Quill"]
    # "Ida Voss and his Quintaran counterpart Oda Quill met": the one hanging there from another country was met
    assert [p.name for p in finder._subjects(other, doc[10])] == ["Ida Voss"]


def test_an_undated_headline_trip_happens_on_the_leads_day(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """A headline tells the lead's news: "Vučić heads cabinet team to Budapest" over a lead saying the council
    meets "today" is a trip on the day of the report, not some day in its month."""
    facts = _facts("Quintaran Trade Minister Oda Quill heads port team to Lumenhal\n\n*Posted 08:10*\n\n"
                   "Lumenhal hosts a round of port talks today, with Velorian officials taking part.", gazetteer,
                   catalog)
    visit = _visit_of(facts, "Quill")
    assert (visit.destination_country, visit.start, visit.precision) == ("Veloria", PUBLISHED, "day")


def test_a_date_stamp_under_the_headline_does_not_date_the_trip(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """A headline over a stamp line ("Wednesday, March 5, 2031") and a lead that dates the trip: the trip is the
    lead's, one visit, not a second one on the day of the stamp."""
    facts = _facts("Oda Quill's Veloria trip: port fees, a grant and a bigger pact on the table\n\n"
                   "Wednesday, March 5, 2031\n\n"
                   "Quintaran Trade Minister Oda Quill has wrapped up a visit to Veloria that ran from 24 to 27 "
                   "February 2031.", gazetteer, catalog)
    visits = [v for v in facts.visits if v.visitor.endswith("Quill")]
    assert [(v.destination_country, v.start) for v in visits] == [("Veloria", date(2031, 2, 24))]


def test_a_headline_infinitive_is_a_trip_to_come(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """ "Vietnam's PM Phuc to visit China" over a briefing that dates the trip: one planned trip, not a second
    one already made on the day of the briefing."""
    facts = _facts("Briefing: Quintara's Trade Minister Oda Quill to visit Lumenhal\n\n"
                   "The ministry said on Wednesday that Quill will visit Lumenhal from March 10 to 12.", gazetteer,
                   catalog)
    visit = _visit_of(facts, "Quill")
    assert (visit.status, visit.start) == ("planned", date(2031, 3, 10))


def test_coming_to_a_city_of_another_country_is_a_visit(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Quintaran Chancellor Ressa Doyle came to Cassivar with nine of her ministers on Monday.", gazetteer, catalog
    )
    visit = _visit_of(facts, "Doyle")
    assert (visit.destination_country, visit.start) == ("Veloria", date(2031, 3, 3))


def test_every_guest_a_host_welcomes_is_a_visitor(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts(
        "Velorian Premier Anya Coll will welcome Quintara's Minister of Ports, Dace Morrow, and Minister of Transport, "
        "Ilse Varro, to Cassivar on Friday.",
        gazetteer,
        catalog,
    )
    for surname in ("Morrow", "Varro"):
        assert _visit_of(facts, surname).destination_country == "Veloria"


def test_sitting_down_with_someone_in_their_city_is_a_visit(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """The parser hangs "in Sarrowmere" on the person met, not on the verb: the place still says where they met."""
    facts = _facts(
        "Velorian Premier Anya Coll sat down with Quintara's President Ilse Varro in Sarrowmere on Tuesday.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Coll")
    assert (visit.destination_country, visit.start) == ("Quintara", date(2031, 3, 4))
    assert "Ilse Varro" in visit.met


def test_the_visit_someone_made_is_their_visit(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """ "spoke about the visit that X made to Y": the relative clause names the visitor."""
    facts = _facts(
        "Velorian Trade Minister Odo Kell spoke to reporters about the visit that Premier Anya Coll has just paid "
        "to Quintara.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Coll").destination_country == "Quintara"


def test_a_meeting_verb_names_where_only_through_a_preposition(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "called Quintara a partner" is praise, not a call paid there; "met … in Sarrowmere" still places her."""
    facts = _facts(
        "Velorian Prime Minister Ilsa Varn thanked Quintaran officials for their help on Tuesday. She called "
        "Quintara a reliable partner of Veloria. Velorian Trade Minister Orla Fenwick met Quintaran ministers "
        "in Sarrowmere on Monday.",
        gazetteer,
        catalog,
    )
    assert not [v for v in facts.visits if v.visitor.endswith("Varn")], facts.visits
    assert _visit_of(facts, "Fenwick").destination_city == "Sarrowmere"


def test_a_host_receiving_a_call_from_someone_receives_them(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """A courtesy call or a delegation received stands for the guest who brought it; a call on the phone
    brings nobody."""
    facts = _facts(
        "Quintaran President Mirela Anscombe on Monday received a courtesy call in Sarrowmere from Veloria's "
        "Minister of Trade, Orla Fenwick. Quintaran Premier Dax Holm received a telephone call from Veloria's "
        "Minister of Finance, Brann Ostley, on Tuesday.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Fenwick").destination_country == "Quintara"
    assert not [v for v in facts.visits if v.visitor.endswith("Ostley")], facts.visits


def test_a_trip_someone_might_make_is_not_one_made(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts("Velorian President Ilsa Varn said she might visit Quintara before the winter.", gazetteer, catalog)
    assert all(v.status == "planned" for v in facts.visits if v.visitor.endswith("Varn")), facts.visits


def test_the_visiting_leader_of_one_side_is_a_guest_where_the_meeting_is(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "The plan was agreed on Monday at talks in Sarrowmere between Quintaran President Mirela Anscombe and "
        "the visiting Velorian Trade Minister, Orla Fenwick.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Fenwick")
    assert (visit.destination_country, visit.destination_city, visit.start) == ("Quintara", "Sarrowmere",
                                                                                 date(2031, 3, 3))


def test_coming_back_home_is_no_visit_there(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """ "arrived back in Sarrowmere": where the trip ended, not a place visited, whoever she is."""
    facts = _facts(
        "President Mirela Anscombe arrived back in Sarrowmere on Friday evening after three days of talks in "
        "Lumenhal.",
        gazetteer,
        catalog,
    )
    assert not [v for v in facts.visits if v.destination_country == "Quintara"], facts.visits


def test_a_second_doer_named_under_a_long_title_travels_too(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """The parser joins "General" to the first doer and hangs the second name under "of Police"."""
    facts = _facts(
        "Velorian Deputy Minister Brann Ostley, and Inspector General of Police Orla Fenwick visited Quintara on "
        "Monday for talks.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Fenwick").destination_country == "Quintara"


def test_a_trip_that_began_before_the_report_is_no_plan(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """Told on Wednesday: "arrived on Monday for a three-day visit, at the invitation of …" still goes on,
    but it is happening, not planned."""
    facts = _facts(
        "Velorian Trade Minister Orla Fenwick arrived in Sarrowmere on Monday for a three-day official visit, at "
        "the invitation of Quintaran President Mirela Anscombe.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Fenwick").status == "completed"


def test_people_a_trip_under_way_is_scheduled_to_meet_are_not_yet_met(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts(
        "Velorian Trade Minister Orla Fenwick arrived in Sarrowmere on Monday for a three-day official visit. "
        "She is scheduled to meet Quintaran President Mirela Anscombe on Thursday.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Fenwick")
    assert "Mirela Anscombe" not in visit.met, visit


def test_he_after_a_line_that_only_names_a_person_is_that_person(fictional_gazetteer: Gazetteer,
                                                                 catalog: ExtractionCatalog) -> None:
    """A briefing answers "who is visiting?" with a name alone; the next sentence's "he" is that visitor."""
    facts = _facts("Q: Who is visiting, and when?\n\nA: Velorian Prime Minister Arlo Venn. He arrives on Thursday for "
                   "his first official visit to Quintara.", fictional_gazetteer, catalog)
    assert [(v.visitor, v.destination_country, v.start) for v in facts.visits] == [
        ("Arlo Venn", "Quintara", FICTIONAL_REPORT_DAY + timedelta(days=1))]


def test_a_day_in_a_list_item_dates_no_later_sentence(fictional_gazetteer: Gazetteer,
                                                      catalog: ExtractionCatalog) -> None:
    """A bullet's day is its own matter (a toll that applies from July): the trip told after it, with no
    day of its own, is not dated by it."""
    facts = _facts("- Velorian trucks will pay 10 dollars per 100 kilometres, with effect from 1st July 2031.\n\n"
                   "President Serafa Olwen Darrick is in Quintara for a two-day state working visit at the invitation "
                   "of President Ilse Marwick.", fictional_gazetteer, catalog)
    assert facts.visits and all(v.start is None or v.start <= FICTIONAL_REPORT_DAY for v in facts.visits)


def test_a_style_and_one_word_of_an_officials_name_is_that_official(catalog: ExtractionCatalog) -> None:
    """"Sheikh Tamim" for Tamim bin Hamad Al Thani, "President Suluhu" for Samia Suluhu Hassan: a style before
    one word that begins or sits inside exactly one long name is that official; a bare word, or a word two
    officials share, is nobody in particular."""
    doc = Doc(Vocab(), words=["Sheikh", "Tarvin", "Sheikh", "Olwen", "Tarvin", "Al", "Varo", "Sultan", "Olwen"])
    finder = ClauseVisitFinder.__new__(ClauseVisitFinder)
    finder.catalog = catalog
    finder._title_heads = one_word_title_heads(catalog)
    finder.titles = {"Tarvin bin Dossan Al Varo": (), "Serafa Olwen Darrick": (), "Ilse Marwick": ()}
    assert finder._official_called([doc[0], doc[1]]) == "Tarvin bin Dossan Al Varo"
    assert finder._official_called([doc[2], doc[3]]) == "Serafa Olwen Darrick"
    assert finder._official_called([doc[7], doc[8]]) == "Serafa Olwen Darrick"  # a title as the style
    assert finder._official_called([doc[4]]) is None
    finder.titles["Tarvin Osk Belan"] = ()
    assert finder._official_called([doc[0], doc[1]]) is None


@pytest.mark.parametrize(("text", "status"), [
    # who asked says nothing of when: the trip made today has happened
    ("Velorian President Arlo Venn today paid an official visit to Quintara at the invitation of President Oda "
     "Quill.", "completed"),
    # an invitation to come points ahead
    ("Velorian President Arlo Venn has accepted an invitation to visit Quintara in May.", "planned"),
    ("Velorian President Arlo Venn has accepted an invitation from President Oda Quill to visit Quintara.",
     "planned"),
])
def test_an_invitation_plans_a_trip_only_when_it_is_an_invitation_to_come(fictional_gazetteer: Gazetteer,
                                                                         catalog: ExtractionCatalog, text: str,
                                                                         status: str) -> None:
    facts = _facts(text, fictional_gazetteer, catalog)
    assert [(v.visitor, v.status) for v in facts.visits] == [("Arlo Venn", status)]


def test_a_visiting_guest_named_with_a_nationality_is_the_visitor_not_the_host(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """ "X said at her meeting with visiting Quintaran President Y in Lumenhal": Y came to Veloria; X, the
    host, went nowhere (and not to Quintara)."""
    facts = _facts("Velorian Prime Minister Ilse Marwick said on Wednesday at her meeting with visiting Quintaran "
                   "President Oda Quill in Lumenhal that energy ties will matter more this winter.", gazetteer, catalog)
    assert [(v.visitor, v.destination_country) for v in facts.visits] == [("Oda Quill", "Veloria")]


def test_a_summit_about_a_country_is_not_a_trip_there(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts("Velorian President Ilse Marwick arrived in Sarrowmere on Monday. She attended the Extraordinary "
                   "Regional Summit on Norrvald, held on Thursday.", gazetteer, catalog)
    assert all(v.destination_country != "Norrvald" for v in facts.visits)


def test_a_country_named_before_a_weekday_is_still_where_the_trip_went(
        gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """Only a nationality word before a capitalised word is an adjective; "visited Quintara Tuesday" is a trip,
    and an island city "on" which a retreat is held is a place."""
    facts = _facts("Velorian President Ilse Marwick visited Quintara Tuesday for talks with Prime Minister Oda "
                   "Quill. Marwick later attended a leaders' retreat on Kelvasport.", gazetteer, catalog)
    [visit] = [v for v in facts.visits if v.visitor == "Ilse Marwick"]
    assert visit.destination_country == "Quintara" and "Oda Quill" in visit.met


def test_a_trip_told_through_its_owner_is_dated_by_its_own_words(gazetteer: Gazetteer,
                                                                 catalog: ExtractionCatalog) -> None:
    """ "This is X's third visit" makes X whom "his" means next; "al-Verran" is "Verran" once named; a date
    counted from ("since his re-election in May 2029") is not the trip's."""
    facts = _facts("Velorian President Tomas al-Verran arrived in Sarrowmere on Monday. This is Verran's third visit "
                   "to Quintara since his re-election in May 2029. His previous visit to Quintara was in October "
                   "2027, when he opened a port.", gazetteer, catalog)
    trips = sorted((v.start, v.precision) for v in facts.visits if v.visitor == "Tomas al-Verran")
    assert trips == [(date(2027, 10, 1), "month"), (date(2031, 3, 3), "day")]


def test_a_visit_to_the_country_goes_to_the_reports_other_country(gazetteer: Gazetteer,
                                                                    catalog: ExtractionCatalog) -> None:
    """Said of a Velorian, "the country" in a Veloria–Quintara report is Quintara; a visit home is not, nor is
    "the country" in a sentence that names a third one."""
    facts = _facts("Velorian President Ilse Marwick began her first state visit to the nation on Monday. Velorian "
                   "Trade Minister Orla Fenwick flew home to Veloria on Tuesday, and on to Norrvald, her first trip "
                   "to the country.", gazetteer, catalog)
    assert [(v.visitor, v.destination_country, v.start) for v in facts.visits] == [
        ("Ilse Marwick", "Quintara", date(2031, 3, 3)), ("Orla Fenwick", "Norrvald", date(2031, 3, 4))]


def test_a_transcripts_speaker_is_not_the_subject_of_what_they_say(gazetteer: Gazetteer,
                                                                    catalog: ExtractionCatalog) -> None:
    """ "Seán Kelleher (Premier, …): The Velorian Prime Minister, Ilse Marwick, came to Sarrowmere …": the prime
    minister came, and the speaker is a line of their own, not the subject of "came"."""
    facts = _facts("Question time\n\nSeán Kelleher (Premier, Sarrowmere North, Harbour Party): The Velorian Prime "
                   "Minister, Ilse Marwick, came to Sarrowmere to meet me on 3 March.", gazetteer, catalog)
    assert [(v.visitor, v.destination_city, v.start) for v in facts.visits] == [
        ("Ilse Marwick", "Sarrowmere", date(2031, 3, 3))]


@pytest.mark.parametrize(("text", "visitor", "start"), [
    # a trip for an occasion is when the occasion is
    ("Velorian President Ilse Marwick will travel to Sarrowmere for the Harbour Jubilee, which falls on 14 March.",
     "Ilse Marwick", date(2031, 3, 14)),
    # a trip told in a clause after its noun, however the parser hangs the clause
    ("The talks will build on the Official Visit that President Oda Quill of Quintara made to Veloria in October "
     "2030 and will widen the grain deal.", "Oda Quill", date(2030, 10, 1)),
])
def test_a_trip_is_dated_by_the_clause_that_tells_it(gazetteer: Gazetteer, catalog: ExtractionCatalog, text: str,
                                                     visitor: str, start: date) -> None:
    assert [(v.visitor, v.start) for v in facts_visits(text, gazetteer, catalog)] == [(visitor, start)]


def facts_visits(text: str, gazetteer: Gazetteer, catalog: ExtractionCatalog) -> tuple[Visit, ...]:
    return _facts(text, gazetteer, catalog).visits


def test_a_group_told_by_its_title_is_the_officials_last_named_with_it(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"The two Velorian ministers were in Sarrowmere": the two Velorian ministers the report just named, not
    a third named earlier, nor a group it cannot count out."""
    facts = _facts(
        "Velorian Prime Minister Aldo Pence opened parliament in January. The next week a ferry pact was signed "
        "after a call on President Tamsin Vey by Velorian Trade Minister Orla Fenwick and Fisheries Minister "
        "Brann Ostley. The two Velorian ministers were in Sarrowmere for the first ministerial meeting with "
        "their Quintaran counterparts.",
        gazetteer,
        catalog,
    )
    travellers = {v.visitor: (v.destination_country, v.destination_city) for v in facts.visits}
    assert travellers.get("Orla Fenwick") == ("Quintara", "Sarrowmere")
    assert travellers.get("Brann Ostley") == ("Quintara", "Sarrowmere")
    assert "Aldo Pence" not in travellers
    for unclear in ("Velorian Trade Minister Orla Fenwick spoke on Monday. The three Velorian ministers were in "
                    "Sarrowmere for talks.",
                    "Velorian Trade Minister Orla Fenwick and Fisheries Minister Brann Ostley spoke on Monday. "
                    "Velorian ministers have long visited Sarrowmere in the spring."):
        assert not _facts(unclear, gazetteer, catalog).visits, unclear


def test_an_envoy_seen_in_the_country_of_her_post_is_not_visiting_it(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """Veloria's ambassador to Quintara greeting a minister in Sarrowmere lives there: no trip of hers. An envoy
    whose title names no post may still travel."""
    facts = _facts(
        "Velorian Trade Minister Orla Fenwick was welcomed in Sarrowmere on Monday by Veloria's ambassador to "
        "Quintara, Mira Castell, and by Velorian embassy staff.",
        gazetteer,
        catalog,
    )
    visitors = {v.visitor for v in facts.visits}
    assert "Mira Castell" not in visitors
    roving = _facts("Velorian Ambassador Tomas Brell, who heads the aid agency, arrived in Sarrowmere on Monday.",
                    gazetteer, catalog)
    assert {v.visitor for v in roving.visits} == {"Tomas Brell"}


def test_a_host_told_as_a_noun_has_a_guest_who_came_and_the_thanked_one_came(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"X played host to Y" makes Y the visitor, to the report's other country when it names no place; in "X
    thanked his guest for coming to Y" the one thanked came, not X."""
    facts = _facts(
        "Acting Premier Tamsin Vey played host to Quintaran President Oda Quill at her official residence on "
        "Monday evening. Responding, Vey thanked her guest for coming to Veloria.",
        gazetteer,
        catalog,
    )
    travellers = {v.visitor: v.destination_country for v in facts.visits}
    assert travellers == {"Oda Quill": "Veloria"}
    at_home = _facts("Velorian President Tamsin Vey played host to former Velorian President Aldo Pence at her "
                     "official residence on Monday.", gazetteer, catalog)
    assert not at_home.visits


def test_a_first_name_alone_names_the_official_it_begins(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """Many leaders go by their first name after the first mention ("Sheikh Khaled", "Hailemariam"): where the
    entity model reads the word as a person and only one official's name begins with it, it is that official."""
    facts = _facts(
        "Quintaran Prime Minister Desmond Achterval landed on Monday. Desmond is in Veloria on a three-day "
        "working visit, his first since taking office.",
        gazetteer,
        catalog,
    )
    assert _visit_of(facts, "Achterval").destination_country == "Veloria"


def test_a_place_another_verb_tells_is_not_where_the_first_one_went(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "arrived on Sunday and left on Tuesday for Norrvald": the arrival names no place, so it is no trip to
    Norrvald on Sunday; and a clause describing another noun ("a pact that angered Kestovia") places nobody."""
    facts = _facts(
        "Velorian Trade Minister Orla Fenwick spoke to reporters. She arrived on Sunday and left on Tuesday for "
        "Norrvald, where a regional summit opens. It is her first trip abroad since the two countries signed a "
        "fishing pact, a pact that angered Kestovia.",
        gazetteer,
        catalog,
    )
    trips = [(v.destination_country, v.start) for v in facts.visits if v.visitor.endswith("Fenwick")]
    assert trips == [("Norrvald", date(2031, 3, 4))], facts.visits


@pytest.mark.parametrize("told", [
    "Quintaran President Maren Tolvy told Velorian President Ivo Brask he would be glad to host him in "
    "Sarrowmere in April.",
    "Velorian President Ivo Brask said he would ask Quintaran President Maren Tolvy to host him in Sarrowmere "
    "in April.",
])
def test_him_as_an_object_is_not_who_does_its_verb(gazetteer: Gazetteer, catalog: ExtractionCatalog, told: str) -> None:
    """ "Tolvy told Brask he would be glad to host him": "he" is Tolvy, so "him" is Brask, the guest; "Brask
    would ask Tolvy to host him": Tolvy hosts, so "him" is Brask again."""
    facts = _facts(told, gazetteer, catalog)
    visit = _visit_of(facts, "Brask")
    assert visit.destination_country == "Quintara"
    assert not [v for v in facts.visits if v.visitor.endswith("Tolvy")]


def test_days_told_apart_of_one_stay_are_one_trip(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """An arrival on one day and talks the next, in the same country, are one visit spanning both days."""
    facts = _facts(
        "Velorian Trade Minister Orla Fenwick arrived in Sarrowmere on Monday. On Tuesday, Quintaran President "
        "Maren Tolvy received her at the presidential palace.",
        gazetteer,
        catalog,
    )
    visit = _visit_of(facts, "Fenwick")
    assert (visit.start, visit.end) == (date(2031, 3, 3), date(2031, 3, 4))


def test_a_first_name_inside_someone_elses_name_is_not_the_official(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "Desmond Tutu" is not Desmond Achterval: a first name stands for the official only alone."""
    facts = _facts(
        "Quintaran Prime Minister Desmond Achterval landed on Monday. Desmond Tutu, the archbishop, travelled to "
        "Veloria last week.",
        gazetteer,
        catalog,
    )
    assert not [v for v in facts.visits if v.visitor.endswith("Achterval")], facts.visits


def test_two_single_days_further_apart_are_two_trips(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """A one-day visit on Sunday and a return on Tuesday are two trips, not one stay."""
    facts = _facts(
        "Velorian Trade Minister Orla Fenwick arrived in Quintara on Sunday for a one-day visit and flew home that "
        "night. Fenwick returned to Quintara on Tuesday for a second visit.",
        gazetteer,
        catalog,
    )
    starts = sorted(v.start for v in facts.visits if v.visitor.endswith("Fenwick"))
    assert starts == [date(2031, 3, 2), date(2031, 3, 4)], facts.visits


def test_a_day_told_as_closing_a_stay_of_some_days_is_its_last(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    # published Wednesday 5 March 2031: Tuesday is the 4th, the last of three days
    facts = _facts("Velorian Trade Minister Orla Fenwick held talks with Quintaran officials in Sarrowmere on "
                   "Tuesday, wrapping up a three-day working visit.", gazetteer, catalog)
    visit = _visit_of(facts, "Fenwick")
    assert (visit.start, visit.end) == (date(2031, 3, 2), date(2031, 3, 4))
    # without an end cue, the day named opens the stay
    facts = _facts("Velorian Trade Minister Orla Fenwick arrived in Sarrowmere on Monday for a two-day visit.",
                   gazetteer, catalog)
    assert (_visit_of(facts, "Fenwick").start, _visit_of(facts, "Fenwick").end) == (date(2031, 3, 3),
                                                                                     date(2031, 3, 4))
    # an end told of something else, or of a trip to another country, ends nothing of this one
    facts = _facts("Velorian Trade Minister Orla Fenwick, whose term ends in May, arrived in Sarrowmere on Monday "
                   "for a two-day visit.", gazetteer, catalog)
    assert _visit_of(facts, "Fenwick").start == date(2031, 3, 3)
    facts = _facts("Velorian Trade Minister Orla Fenwick arrived in Sarrowmere on Monday after concluding a "
                   "two-day visit to Norrvald.", gazetteer, catalog)
    assert [v.start for v in facts.visits if v.destination_country == "Quintara"] == [date(2031, 3, 3)]


def test_a_dateline_of_a_city_and_its_country_places_the_talks_there(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "SARROWMERE, Quintara (QNA) — X has held talks with his counterpart": a wire report filed where it met."""
    facts = _facts(
        "SARROWMERE, Quintara (QNA) — Veloria's President Anselm Dray has held bilateral talks with his Quintaran "
        "counterpart, Prime Minister Edvin Halloran, the government said.",
        gazetteer, catalog,
    )
    visit = _visit_of(facts, "Dray")
    assert (visit.destination_country, visit.destination_city, visit.met) == ("Quintara", "Sarrowmere",
                                                                              ("Edvin Halloran",))


@pytest.mark.parametrize("sentence", [
    "Velorian Trade Minister Orla Fenwick's intended trip to Sarrowmere is now in doubt.",
    "Velorian Trade Minister Orla Fenwick's trip to Sarrowmere, pencilled in for later this spring, is in doubt.",
    "Velorian Trade Minister Orla Fenwick's prospective visit to Sarrowmere was discussed.",
])
def test_a_trip_described_as_intended_or_pencilled_in_is_planned(
    gazetteer: Gazetteer, catalog: ExtractionCatalog, sentence: str
) -> None:
    assert _visit_of(_facts(sentence, gazetteer, catalog), "Fenwick").status == "planned"


@pytest.mark.parametrize("headline", ["Dray in Sarrowmere: three accords and a river pact, explained",
                                      "Velorian President Anselm Dray in Sarrowmere for grain talks"])
def test_a_headline_that_places_a_person_in_a_city_abroad_tells_a_trip(
    gazetteer: Gazetteer, catalog: ExtractionCatalog, headline: str
) -> None:
    text = f"{headline}\n\nVelorian President Anselm Dray and Quintaran officials signed three accords."
    assert _visit_of(_facts(text, gazetteer, catalog), "Dray").destination_city == "Sarrowmere"


@pytest.mark.parametrize("headline", ["Dray in Lumenhal: three accords with Quintara, explained",
                                      "Dray in talks with Quintara over grain"])
def test_a_headline_at_home_or_about_talks_tells_no_trip(
    gazetteer: Gazetteer, catalog: ExtractionCatalog, headline: str
) -> None:
    text = f"{headline}\n\nVelorian President Anselm Dray and Quintaran officials discussed three accords."
    assert not [v for v in _facts(text, gazetteer, catalog).visits if v.visitor.endswith("Dray")]


@pytest.mark.parametrize("sentence", ["President Anselm Dray's delegation went to Sarrowmere on Monday.",
                                      "Velorian President Anselm Dray said his team arrived in Sarrowmere on Monday."])
def test_a_leaders_delegation_travelling_takes_the_leader(
    gazetteer: Gazetteer, catalog: ExtractionCatalog, sentence: str
) -> None:
    text = f"Velorian President Anselm Dray is in his second year in office. {sentence}"
    assert _visit_of(_facts(text, gazetteer, catalog), "Dray").destination_city == "Sarrowmere"


def test_a_negotiating_team_travels_without_its_leader(gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    text = ("Velorian President Anselm Dray is in his second year in office. President Anselm Dray's negotiating "
            "team flew to Sarrowmere on Monday.")
    assert not [v for v in _facts(text, gazetteer, catalog).visits if v.visitor.endswith("Dray")]


def test_a_capitalised_word_after_a_dateline_comma_must_be_a_place(
    gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "VELORIA, Quintaran Envoys - talks resumed" opens with no dateline: nothing is blanked or placed."""
    from bot.facts.article_text import ArticleText

    article = ArticleText.read("VELORIA, Quintaran Envoys - talks resumed in Lumenhal on Monday.", PUBLISHED,
                               ("Veloria", "Quintara"), gazetteer)
    assert article.sentences[0].dateline_place is None
    placed = ArticleText.read("SARROWMERE, Quintara (QNA) - talks resumed on Monday.", PUBLISHED,
                              ("Veloria", "Quintara"), gazetteer)
    assert placed.sentences[0].dateline_place is not None
