"""Who did what, read from the clause it is told in: a party named inside a clause about someone, a people's
adjective on whom a person met, the one told to do something, a pronoun after a sentence, a title closed by a
capitalised word, a nationality written in another person's title, a member who travels with the leader, a
trip called off, and a stay closed days after it began. Every report here is invented (Veloria, Quintara)."""

from __future__ import annotations

from datetime import date

from bot.facts.catalog import ExtractionCatalog
from bot.facts.dates import find_dates
from bot.facts.model import ArticleFacts
from bot.knowledge.gazetteer import Gazetteer
from tests.conftest import FICTIONAL_REPORT_DAY, fictional_facts


def _countries(facts: ArticleFacts) -> dict[str, str | None]:
    return {o.name: o.country for o in facts.officials}


def _trips(facts: ArticleFacts) -> set[tuple[str, str | None]]:
    return {(v.visitor, v.destination_country) for v in facts.visits}


def test_a_party_told_inside_a_clause_about_someone_ends_with_that_clause(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"X, who was joined by her deputies, sat down with Y": Y is whom she met, not one of her party."""
    text = ("Velorian Trade Minister Ysolde Marchetti, who was joined by two of her deputies, sat down with "
            "Chancellor Oswin Tarrant and Governor Pell Hargrove in Sarrowmere on Tuesday.")
    countries = _countries(fictional_facts(text, fictional_gazetteer, catalog))
    assert countries["Ysolde Marchetti"] == "Veloria"
    assert "Oswin Tarrant" in countries and "Pell Hargrove" in countries
    assert countries["Oswin Tarrant"] != "Veloria" and countries["Pell Hargrove"] != "Veloria"


def test_a_peoples_adjective_on_whom_someone_met_is_no_place_they_went(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"met the Velorian visitors" says who the visitors were, not that the host went to Veloria."""
    text = ("Quintaran Premier Oswin Tarrant hosted talks in Sarrowmere on Tuesday. When Tarrant met the "
            "Norrvalder guests, he said a ferry link would follow.")
    trips = _trips(fictional_facts(text, fictional_gazetteer, catalog))
    assert ("Oswin Tarrant", "Norrvald") not in trips


def test_whoever_is_told_to_do_something_does_it_not_the_one_telling(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"He urged Velorian firms to open plants in Quintara": the firms would go, and nobody travelled; "asked X
    to visit Veloria" is a request, not a trip made."""
    text = ("Velorian President Ada Brenn met Premier Oswin Tarrant of Quintara in Lumenhal on Monday. Brenn "
            "also urged Velorian shipbuilders to set up yards in Quintara.\n\n"
            "Brenn asked Tarrant to visit Veloria before the summer.")
    facts = fictional_facts(text, fictional_gazetteer, catalog)
    assert ("Ada Brenn", "Quintara") not in _trips(facts)
    asked = [v for v in facts.visits if v.visitor == "Oswin Tarrant" and v.destination_country == "Veloria"
             and any("asked" in e.sentence for e in v.evidence)]
    assert asked and all(v.status == "planned" for v in asked)


def test_his_visit_after_a_sentence_about_him_is_read_whatever_words_stood_there(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """The person "his" points back to was named in an earlier sentence; the words at the same positions in
    that sentence hide nothing in this one."""
    text = ("The two governments signed a customs protocol on Monday.\n\n"
            "The signing took place as Velorian Premier Corin Vashti held talks with Chancellor Oswin Tarrant.\n\n"
            "He was paying his first official visit to Quintara since taking office.")
    trips = _trips(fictional_facts(text, fictional_gazetteer, catalog))
    assert ("Corin Vashti", "Quintara") in trips


def test_a_surname_of_several_words_joins_the_full_name_with_two_given_names(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"Ravel da Souza" later stands for "Ines Maria Ravel da Souza"; a father's name never joins a son's."""
    text = ("Velorian Interior Minister Ines Maria Ravel da Souza arrived in Sarrowmere on Monday. "
            "Minister Ravel da Souza met Chancellor Oswin Tarrant there.")
    names = {o.name for o in fictional_facts(text, fictional_gazetteer, catalog).officials}
    assert "Ravel da Souza" not in names and "Ines Maria Ravel da Souza" in names


def test_a_capitalised_word_closing_a_title_before_the_holders_name_is_the_titles(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"Chief of the Presidency's State Chancery, Inês Maria Ravel da Souza": "Chancery" is no person."""
    text = ("Veloria's Minister of State and Chief of the Presidency's State Chancery, Inês Maria Ravel da Souza, "
            "arrived in Sarrowmere on Monday.")
    facts = fictional_facts(text, fictional_gazetteer, catalog)
    names = {o.name for o in facts.officials}
    assert "Chancery" not in names and "Inês Maria Ravel da Souza" in names
    assert ("Inês Maria Ravel da Souza", "Quintara") in _trips(facts)


def test_a_nationality_in_another_persons_title_is_not_the_next_persons(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"The Governor of Quintara, Pell Hargrove, welcomes President Brenn": Quintara is Hargrove's, not Brenn's;
    "Quintaran Governor X and Mayor Y" share it."""
    caption = ("*[Photo] The Governor of Quintara, Pell Hargrove, right, greets President Ada Brenn at the harbour "
               "office in Sarrowmere on Tuesday.*\n\nPresident Ada Brenn began a state visit to Quintara on Tuesday.")
    listed = "Quintaran Governor Pell Hargrove and Mayor Lisette Drummond opened the harbour on Tuesday."
    assert _countries(fictional_facts(caption, fictional_gazetteer, catalog)).get("Ada Brenn") != "Quintara"
    assert _countries(fictional_facts(listed, fictional_gazetteer, catalog))["Lisette Drummond"] == "Quintara"


def test_one_name_written_with_a_hyphen_and_without_is_one_person(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    text = ("Velorian President Ada Brenn met Emir Fahd bin Saad Al-Varrani in Sarrowmere on Monday. "
            "Emir Fahd bin Saad Al Varrani of Quintara hosted a dinner.")
    names = [o.name for o in fictional_facts(text, fictional_gazetteer, catalog).officials]
    assert sum("Varrani" in n for n in names) == 1


def test_someone_who_travelled_with_the_leader_makes_the_leaders_trip(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"X, Veloria's fisheries minister, who travelled with the President, said …": X went where she went."""
    text = ("Velorian President Ada Brenn arrived in Sarrowmere on Tuesday for talks with Chancellor Oswin "
            "Tarrant.\n\nDorian Sallow, Veloria's Minister for Fisheries, who travelled with the President, "
            "said the talks went well.")
    trips = _trips(fictional_facts(text, fictional_gazetteer, catalog))
    assert ("Dorian Sallow", "Quintara") in trips


def test_a_trip_that_will_no_longer_happen_is_called_off(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    text = ("Officials said on Monday that Velorian President Ada Brenn will no longer fly to Quintara, "
            "giving up a stop that had been planned for April.")
    visits = [v for v in fictional_facts(text, fictional_gazetteer, catalog).visits if v.visitor == "Ada Brenn"]
    assert visits and all(v.status == "cancelled" for v in visits)


def test_a_day_told_before_that_opens_what_was_said_then_is_not_in_the_future() -> None:
    """"announced on Tuesday that it would build": Tuesday is past, whatever the building's tense; "will
    announce on Friday that" is still ahead."""
    said = find_dates("The ministry announced on Tuesday that it would build two ports.", FICTIONAL_REPORT_DAY)
    ahead = find_dates("The ministry will announce on Friday that the port is open.", FICTIONAL_REPORT_DAY)
    assert [d.date for d in said] == [date(2031, 3, 4)]
    assert [d.date for d in ahead] == [date(2031, 3, 7)]


def test_a_stay_closed_days_after_it_began_is_one_trip(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """An arrival on one day and "brought his visit to a close" on a later one are one stay."""
    text = ("Velorian Premier Corin Vashti brought his official visit to Quintara to a close on Tuesday.\n\n"
            "Vashti had arrived in Sarrowmere on 28 February and met Chancellor Oswin Tarrant.")
    visits = [v for v in fictional_facts(text, fictional_gazetteer, catalog).visits if v.visitor == "Corin Vashti"]
    assert len(visits) == 1 and visits[0].start == date(2031, 2, 28)


def test_words_near_a_visit_that_tell_nothing_of_it_leave_it_as_it_was(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """Being asked about a visit, or concluding an agreement during one, neither plans nor ends it; a list of
    people after a title is a list, not a title closed by a word; the country of the one greeting is not the
    country of everyone greeted."""
    asked = fictional_facts("Asked about his visit to Quintara on Monday, Velorian President Ada Brenn said the "
                            "talks had gone well.", fictional_gazetteer, catalog)
    assert [v.status for v in asked.visits if v.visitor == "Ada Brenn"] == ["completed"]
    two = fictional_facts("Velorian President Ada Brenn arrived in Sarrowmere on 3 March and concluded a fisheries "
                          "agreement there.\n\nBrenn had also visited Sarrowmere on 24 February.",
                          fictional_gazetteer, catalog)
    assert len([v for v in two.visits if v.visitor == "Ada Brenn"]) == 2
    listed = fictional_facts("Velorian President Ada Brenn held talks with Chancellor Tarrant, Pell Hargrove and "
                             "Lisette Drummond in Sarrowmere.", fictional_gazetteer, catalog)
    assert "Tarrant" in {o.name for o in listed.officials}
    greeted = fictional_facts("*The Emir of Quintara, Fahd Varrani, greets President Ada Brenn and Chancellor "
                              "Oswin Tarrant in Sarrowmere.*\n\nThe talks covered ports.", fictional_gazetteer, catalog)
    assert _countries(greeted).get("Oswin Tarrant") != "Quintara"


def test_a_delegation_headed_by_someone_takes_them_where_it_goes(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    text = ("A Velorian delegation headed by President Ada Brenn reached Quintara over the weekend for an official "
            "visit.\n\nThe talks covered ports and ferries.")
    assert ("Ada Brenn", "Quintara") in _trips(fictional_facts(text, fictional_gazetteer, catalog))


def test_a_peoples_word_of_ancestry_is_not_the_country_an_official_serves(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"a Quintaran minister of Velorian origin": the minister serves Quintara; the origin is family history."""
    text = ("On the quay stood a Quintaran minister of Velorian origin, Deputy Trade Minister Ilse Marrow, and "
            "beside her the harbour master.")
    assert _countries(fictional_facts(text, fictional_gazetteer, catalog))["Ilse Marrow"] == "Quintara"
    descent = ("On the quay stood a Quintaran minister of Velorian descent, Deputy Ports Minister Pell Hargrove, "
               "and beside her the harbour master.")
    assert _countries(fictional_facts(descent, fictional_gazetteer, catalog))["Pell Hargrove"] == "Quintara"


def test_commonwealth_styles_before_a_name_are_no_part_of_it(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"the Most Honourable Dr. X", "The Right Honourable Y": styles of address, skipped like "His Excellency"."""
    text = ("The trade ministers of Veloria and Quintara, Her Excellency Ilse Marrow and the Most Honourable "
            "Oswin Tarrant, put their names to the ferry accord in Sarrowmere on Tuesday.")
    countries = _countries(fictional_facts(text, fictional_gazetteer, catalog))
    assert countries.get("Ilse Marrow") == "Veloria" and countries.get("Oswin Tarrant") == "Quintara"
    for style in ("The Right Honourable", "The Right Honorable"):
        right = f"{style} Pell Hargrove, Quintara's Prime Minister, opened the ferry terminal."
        assert _countries(fictional_facts(right, fictional_gazetteer, catalog)).get("Pell Hargrove") == "Quintara"


def test_a_visit_told_as_under_way_is_dated_on_the_day_of_the_report(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"has landed in Sarrowmere" with no date: the report tells the arrival as it happens, so its day is the
    visit's first; a visit told in the past, or as being there, with no date keeps only the report's month."""
    now = "Velorian President Corin Aldous has landed in Sarrowmere for a working visit to Quintara."
    (visit,) = fictional_facts(now, fictional_gazetteer, catalog).visits
    assert (visit.start, visit.precision) == (FICTIONAL_REPORT_DAY, "day")
    for told in ("Velorian President Corin Aldous held talks in Sarrowmere during a working visit to Quintara.",
                 "Velorian President Corin Aldous, who is in charge of the ferry file, held talks in Sarrowmere "
                 "during a working visit to Quintara.",
                 "Velorian President Corin Aldous is on a three-day working visit to Quintara.",
                 "Velorian President Corin Aldous visited Quintara, where the two sides have reached an accord."):
        (visit,) = fictional_facts(told, fictional_gazetteer, catalog).visits
        assert visit.precision == "month", told


def test_a_stop_put_off_is_a_trip_called_off(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    """"put off a stop in Stockholm" calls that stop off, as "called off" does: "off" after the verb decides."""
    text = ("Velorian President Corin Aldous has landed in Sarrowmere for a two-day working visit to Quintara. "
            "Aldous put off a stop in Stockholm so that he could attend the signing.")
    statuses = {v.destination_country: v.status for v in fictional_facts(text, fictional_gazetteer, catalog).visits}
    assert statuses == {"Quintara": "completed", "Sweden": "cancelled"}


def test_who_hosts_the_guests_where_no_place_is_named_is_of_the_country_they_came_to(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"Deputy Premier Idris Calloway is to welcome the guests with a luncheon", no place named, in a report of
    one trip to Quintara: the host is Quintaran, not unplaced (and not the guests' country)."""
    text = ("Velorian President Ada Brenn flew into Quintara on Monday for a three-day state visit.\n\n"
            "Deputy Premier Idris Calloway is to welcome the guests with a luncheon on Tuesday.")
    countries = _countries(fictional_facts(text, fictional_gazetteer, catalog))
    assert countries["Ada Brenn"] == "Veloria"
    assert countries.get("Idris Calloway") == "Quintara"
    # welcoming an outcome, receiving a report or offering to host hosts nobody
    for other in ("Trade Secretary Idris Calloway welcomed the outcome of the talks.",
                  "Trade Secretary Idris Calloway received the report on Tuesday.",
                  "Trade Secretary Idris Calloway offered to host the next round."):
        text = f"Velorian President Ada Brenn flew into Quintara on Monday for a three-day state visit.\n\n{other}"
        assert _countries(fictional_facts(text, fictional_gazetteer, catalog)).get("Idris Calloway") is None


def test_whoever_flies_home_from_a_place_is_not_of_its_country(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"Premier Idris Calloway flew home from Lumenhal": the place left for home is not home; of the report's two
    countries, home is the other one. "flew in from X" still says where someone came from."""
    text = ("Premier Idris Calloway flew home from Lumenhal on Friday, closing a four-day visit that both sides "
            "called a success.")
    assert _countries(fictional_facts(text, fictional_gazetteer, catalog))["Idris Calloway"] == "Quintara"
    text = "Premier Idris Calloway flew in from Lumenhal on Friday for a four-day visit of talks on ferries."
    assert _countries(fictional_facts(text, fictional_gazetteer, catalog))["Idris Calloway"] == "Veloria"


def test_a_title_in_a_phrase_before_the_next_clause_is_not_its_subjects(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"At the dinner given by the Velorian president, Idris Calloway praised the ferry deal": Calloway is the
    next clause's subject, not the Velorian president; "Veloria's President, Ada Brenn, said" is an apposition."""
    text = ("Quintaran Premier Idris Calloway arrived in Lumenhal on Monday. At the dinner given by the Velorian "
            "president, Calloway praised the ferry deal. Veloria's President, Ada Brenn, said the deal was fair.")
    facts = fictional_facts(text, fictional_gazetteer, catalog)
    countries = _countries(facts)
    assert countries["Idris Calloway"] == "Quintara" and countries["Ada Brenn"] == "Veloria"
    titles = {o.name: o.titles for o in facts.officials}
    assert not any("president" in t.casefold() for t in titles["Idris Calloway"])


def test_whoever_receives_a_guest_where_a_place_stands_for_is_of_that_place(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"spent two days in Quintara, where Chancellor Oswin Tarrant welcomed him": "where" is Quintara."""
    text = ("Velorian Trade Minister Pell Hargrove spent two days in Quintara, where Chancellor Oswin Tarrant "
            "welcomed him with a state dinner.")
    countries = _countries(fictional_facts(text, fictional_gazetteer, catalog))
    assert countries["Oswin Tarrant"] == "Quintara" and countries["Pell Hargrove"] == "Veloria"


def test_a_name_shortened_inside_with_a_full_stop_and_no_vowel_is_whole(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """"Chancellor Oswin Th. Tarrant" is one name; "Dr." before a name is still a style, not part of it."""
    text = ("Velorian Trade Minister Pell Hargrove met Quintaran Chancellor Oswin Th. Tarrant and Quintaran "
            "Health Minister Dr. Ilse Marrow in Sarrowmere on Monday.")
    names = set(_countries(fictional_facts(text, fictional_gazetteer, catalog)))
    assert "Oswin Th. Tarrant" in names and "Ilse Marrow" in names
