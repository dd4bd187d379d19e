"""The two sides of a meeting (bot/facts/counterparts.py): in a report on two countries, an official whose
country the text does not give, meeting one of known country, is of the other side. Invented sentences about
the fictional countries of tests/fixtures/gazetteer_fictional.toml."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts.catalog import ExtractionCatalog
from bot.facts.extract import extract_facts
from bot.knowledge.gazetteer import Gazetteer


def _countries(text: str, gazetteer: Gazetteer, catalog: ExtractionCatalog) -> dict[str, str | None]:
    facts = extract_facts(text, published=date(2031, 3, 14), countries=("Veloria", "Quintara"),
                          gazetteer=gazetteer, catalog=catalog)
    return {o.name: o.country for o in facts.officials}


def test_joint_chairs_are_the_two_sides(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    found = _countries(
        "Defence Secretary Anton Pellworth and the Director-General of Quintara's Defence Ministry, Mira "
        "Solberg, co-chaired the session.", fictional_gazetteer, catalog)
    assert found["Mira Solberg"] == "Quintara"
    assert found["Anton Pellworth"] == "Veloria"


def test_the_signatories_of_a_pact_are_the_two_sides(fictional_gazetteer: Gazetteer,
                                                     catalog: ExtractionCatalog) -> None:
    found = _countries(
        "The accord was signed at a short ceremony by Trade Minister Tomas Reylander and Ida Vossberg, "
        "Quintara's Minister for Trade.", fictional_gazetteer, catalog)
    assert found["Tomas Reylander"] == "Veloria"


def test_talks_between_two_officials_are_between_the_two_sides(fictional_gazetteer: Gazetteer,
                                                               catalog: ExtractionCatalog) -> None:
    found = _countries(
        "The day ended with talks between Prime Minister Aldo Brennick and Quintaran President Mirela Ostrava.",
        fictional_gazetteer, catalog)
    assert found["Aldo Brennick"] == "Veloria"


def test_two_officials_touring_together_are_not_made_two_sides(fictional_gazetteer: Gazetteer,
                                                               catalog: ExtractionCatalog) -> None:
    found = _countries(
        "Velorian Defence Minister Anton Pellworth and Army Chief Oskar Lundqvist toured the plant in Sarrowmere.",
        fictional_gazetteer, catalog)
    assert found["Anton Pellworth"] == "Veloria"
    assert found.get("Oskar Lundqvist") != "Quintara"


def test_a_counterpart_holds_the_office_of_the_official_before_them(fictional_gazetteer: Gazetteer,
                                                                    catalog: ExtractionCatalog) -> None:
    """"Defence Minister Rajnath Singh and his visiting Israeli counterpart, Benjamin Gantz": Gantz is a
    defence minister, so a question about "the israeli def min" finds him."""
    facts = extract_facts(
        "Quintaran Ports Minister Ida Vossberg welcomed Trade Minister Tomas Reylander and his Velorian counterpart, "
        "Anton Pellworth, to Sarrowmere on Monday.", published=date(2031, 3, 14), countries=("Veloria", "Quintara"),
        gazetteer=fictional_gazetteer, catalog=catalog)
    titles = {o.name: o.titles for o in facts.officials}
    assert titles["Anton Pellworth"][0] == "Trade Minister"
    assert titles["Ida Vossberg"] == ("Ports Minister",)


def test_whoever_meets_a_counterpart_of_one_side_is_of_the_other(fictional_gazetteer: Gazetteer,
                                                                  catalog: ExtractionCatalog) -> None:
    """Named or not, a Quintaran counterpart makes the people meeting them Velorian."""
    assert _countries("Trade Minister Corin Aldous held a video call with his Quintaran counterpart on Monday.",
                      fictional_gazetteer, catalog) == {"Corin Aldous": "Veloria"}
    assert _countries("The Minister of Ports, Corin Aldous, and the Acting Trade Minister, Mara Tesk, will join the "
                      "talks today for a meeting with their Quintaran counterparts.", fictional_gazetteer,
                      catalog) == {"Corin Aldous": "Veloria", "Mara Tesk": "Veloria"}


@pytest.mark.parametrize("text", [
    "Ilse Marwick's guest, Serafa Olwen Darrick, spent two days in Lumenhal at the invitation of President Ilse "
    "Marwick, and the two presidents then sat down for talks.",
    "The Quintaran leader is in Veloria this week on an invitation from President Ilse Marwick.",
    "On Thursday the trade envoy moves on to Veloria, where he has been invited by President Ilse Marwick.",
    "President Ilse Marwick has invited the Quintaran leader to Veloria for talks in May.",
])
def test_whoever_invites_a_guest_to_a_country_is_of_it(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog,
                                                        text: str) -> None:
    assert _countries(text, fictional_gazetteer, catalog)["Ilse Marwick"] == "Veloria"


def test_an_inviter_named_without_a_place_hosts_the_trip_the_report_tells(fictional_gazetteer: Gazetteer,
                                                                         catalog: ExtractionCatalog) -> None:
    """"Q: Who invited her? A: Prime Minister Oda Quill did": the invitation names no place, but the only trip
    the report tells goes to Quintara, so the inviter is Quintaran; the guest herself stays Velorian."""
    countries = _countries("Velorian President Ilse Marwick arrives in Quintara on Monday for a state visit.\n\n"
                           "She comes at the invitation of Prime Minister Oda Quill, her office said.",
                           fictional_gazetteer, catalog)
    assert countries.get("Oda Quill") == "Quintara" and countries.get("Ilse Marwick") == "Veloria"
    # An invitation that names someone who is not travelling says nothing of where the inviter is from.
    conveyed = _countries("Velorian President Ilse Marwick arrives in Quintara on Monday for a state visit.\n\n"
                          "She conveyed an invitation from Prime Minister Ada Brenn for President Oda Quill to come in May.",
                          fictional_gazetteer, catalog)
    assert conveyed.get("Ada Brenn") != "Quintara"


def test_the_counterparts_own_leader_is_not_who_meets_them(fictional_gazetteer: Gazetteer,
                                                           catalog: ExtractionCatalog) -> None:
    assert _countries("The Quintaran counterparts, led by Minister Doran Velsk, arrived on Monday.",
                      fictional_gazetteer, catalog).get("Doran Velsk") != "Veloria"


def test_an_invitation_accepted_elsewhere_says_nothing_of_where_the_inviter_is_from(
        fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    assert _countries("Speaking in Lumenhal, Marwick said she had accepted an invitation from President Oda Quill "
                      "to visit Quintara.", fictional_gazetteer, catalog).get("Oda Quill") != "Veloria"


@pytest.mark.parametrize(("text", "name", "country"), [
    # "he" is whom the last sentence with a named subject was about, across sentences that only tell what he
    # did, and past an official of the other side named on the way
    ("Velorian President Aldric Fenwove addressed the regional summit on Tuesday. At the opening he was thanked "
     "by Quintaran Foreign Minister Oda Ralstein. Afterwards he toured the exhibition. Later he held talks with "
     "Prime Minister Teodor Marrick.", "Teodor Marrick", "Quintara"),
    # an official described by country and title stands for that side
    ("The Velorian prime minister was welcomed at the palace by the Speaker of Parliament, Ines Korrow.",
     "Ines Korrow", "Quintara"),
    # "the Trade Secretary" is the one official of the report with that title, and "is due to be received by"
    # makes him the subject of the receiving
    ("Velorian Trade Secretary Bastian Oller leaves for Quintara today. The Trade Secretary is due to be "
     "received by President Hanna Delvaux on Friday.", "Hanna Delvaux", "Quintara"),
    # a title two officials hold describes neither
    ("Velorian Trade Minister Bastian Oller and Quintaran Trade Minister Rune Haldt opened the fair. The Trade "
     "Minister later met Governor Lisbet Aro.", "Lisbet Aro", None),
    # "he" after a named person in the same sentence is that person
    ("Velorian President Aldric Fenwove arrived on Tuesday. Quintaran Prime Minister Teodor Marrick said he had "
     "met Ambassador Lisbet Aro on Monday.", "Lisbet Aro", None),
    # after "X received Y", "he" may be either
    ("Quintaran Foreign Minister Oda Ralstein received Velorian President Aldric Fenwove in Sarrowmere. He later "
     "held talks with Prime Minister Teodor Marrick.", "Teodor Marrick", None),
    # the envoy urged to meet is the one who meets, not the president who urged
    ("Quintaran President Mirela Ostrava urged Velorian Ambassador Tam Brightwater to meet Governor Lisbet Aro.",
     "Lisbet Aro", None),
    # the country written after the title describes it
    ("Velorian President Aldric Fenwove spoke first. The President of Quintara met Ambassador Lisbet Aro on "
     "Thursday.", "Lisbet Aro", "Veloria"),
    # the people met together are one side, whoever met them
    ("On Monday, Ostler held talks with Quintaran Speaker Ines Korrow and later with Prime Minister Teodor "
     "Marrick.", "Teodor Marrick", "Quintara"),
    # whoever meets one side's people as a group is of the other side
    ("Trade Minister Bastian Oller bargained for two days with Quintara's officials over grain quotas.",
     "Bastian Oller", "Veloria"),
    ("Trade Minister Bastian Oller met Quintaran ministers in Sarrowmere.", "Bastian Oller", "Veloria"),
    # a headline describes the one official the story then names with that office
    ("Quintara's King heads into Lumenhal visit\n\nVeloria and Quintara plan to sign four pacts during the visit of "
     "King Tomas Varn, which begins Monday.", "Tomas Varn", "Quintara"),
    # but not while the story names one of that country's people with such an office in other words
    ("Quintara's foreign minister to visit Veloria\n\nForeign Minister Ilse Marwick spoke to reporters on Monday. "
     "Quintaran Minister of Foreign Affairs Oda Ralstein is due next week.", "Ilse Marwick", None),
    # a fact box glosses each person's country in brackets; a longer gloss says more than whose they are
    ("Leaders: Prime Minister Oda Quill (Quintara) and President Ilse Marwick (Veloria).", "Ilse Marwick", "Veloria"),
    ("Leaders: Prime Minister Oda Quill (Quintara) and President Ilse Marwick (Veloria).", "Oda Quill", "Quintara"),
    ("Prime Minister Oda Quill (Quintara's envoy to the talks) spoke first.", "Oda Quill", None),
    # an official described later by country and office, the only one who holds it without a country
    ("President Ilse Marwick spoke at the forum on Monday. Critics said the Velorian leader's remarks were harsh.",
     "Ilse Marwick", "Veloria"),
    ("President Ilse Marwick and Prime Minister Oda Quill spoke at the forum. Critics said the Velorian leader's "
     "remarks were harsh.", "Ilse Marwick", None),                    # two leaders: either may be meant
    # a leader the sentence acts on is someone else; a deputy's office is not the leader's
    ("President Ilan Kaya opened the fair on Monday. He later phoned the Quintaran leader.", "Ilan Kaya", None),
    ("Vice President Ilan Kaya opened the fair on Monday. The Quintaran leader's speech was short.", "Ilan Kaya",
     None),
    # a colleague with no nationality holds no office
    ("Velorian President Aldric Fenwove arrived with his old university colleague, Tomas Brell, a chemist.",
     "Tomas Brell", "absent"),
    # a group that is only talked about says nothing
    ("Trade Minister Bastian Oller said Quintaran officials were slow.", "Bastian Oller", None),
])
def test_a_side_is_read_through_someone_else_where_it_is_clear(fictional_gazetteer: Gazetteer,
                                                               catalog: ExtractionCatalog, text: str, name: str,
                                                               country: str | None) -> None:
    assert _countries(text, fictional_gazetteer, catalog).get(name, "absent") == country


def test_the_people_listed_after_one_sides_counterparts_are_of_that_side(fictional_gazetteer: Gazetteer,
                                                                          catalog: ExtractionCatalog) -> None:
    found = _countries(
        "Trade Minister Oda Quill and Fisheries Minister Ansel Varro of Veloria opened the fair. The two "
        "Velorian ministers were in Quintara City for the third annual meeting with their Quintaran "
        "counterparts: Halvard, the fisheries chief, and Commerce Secretary Lene Ostberg.",
        fictional_gazetteer, catalog)
    assert found["Lene Ostberg"] == "Quintara"
    # a colon that opens a clause lists nobody: Fenwick speaks for her own side
    found = _countries(
        "Velorian Trade Minister Orla Fenwick arrived on Monday. The Velorian ministers then met their Quintaran "
        "counterparts: Fenwick told reporters the mood was warm.", fictional_gazetteer, catalog)
    assert found["Orla Fenwick"] == "Veloria"


def test_an_envoy_who_receives_someone_says_nothing_of_their_side(fictional_gazetteer: Gazetteer,
                                                                   catalog: ExtractionCatalog) -> None:
    """Veloria's ambassador to Quintara meets her own prime minister at the Quintaran airport: meeting an
    envoy is no sign of being of the other side."""
    found = _countries(
        "Prime Minister Aldo Pence was received on arrival at Sarrowmere airport by Veloria's ambassador to "
        "Quintara, Mira Castell. Pence, whose first trip abroad this is, then drove to the harbour.",
        fictional_gazetteer, catalog)
    assert found["Mira Castell"] == "Veloria"
    assert found.get("Aldo Pence") != "Quintara"
    # an envoy who meets someone, and welcomes the progress made, still meets the other side
    found = _countries(
        "Velorian Ambassador Mira Castell met Foreign Minister Ida Vossberg on Monday and welcomed the progress in "
        "ties.", fictional_gazetteer, catalog)
    assert found["Ida Vossberg"] == "Quintara"


@pytest.mark.parametrize("text", [
    "Leading the Quintaran side were Trade Minister Ida Vossberg and Admiral Tomas Reylander.",
    "Trade Minister Ida Vossberg led the Quintaran delegation at the talks.",
])
def test_whoever_leads_a_side_is_on_it(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, text: str) -> None:
    """Leading, heading or representing one side's people is no meeting with them: the leader is of that side."""
    assert _countries(text, fictional_gazetteer, catalog)["Ida Vossberg"] == "Quintara"


def test_whoever_leads_talks_with_a_side_is_across_from_it(fictional_gazetteer: Gazetteer,
                                                           catalog: ExtractionCatalog) -> None:
    """"led talks with the Quintaran side": the side is whom the talks were with, not the one led."""
    found = _countries("Trade Minister Ida Vossberg led talks with the Quintaran side on Monday.", fictional_gazetteer,
                       catalog)
    assert found["Ida Vossberg"] == "Veloria"
