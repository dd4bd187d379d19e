"""Names and titles checked against the parse (bot/facts/person_names.py), on invented sentences about the
fictional countries of tests/fixtures/gazetteer_fictional.toml."""

from __future__ import annotations

import pytest

from bot.facts.catalog import ExtractionCatalog
from bot.knowledge.gazetteer import Gazetteer
from tests.conftest import fictional_facts as _facts


def test_a_given_name_the_entity_model_leaves_out_stays_in_the_name(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """The entity model tags only "Kim Vanh" here; "Ha" is no title word, so it is not moved into the title."""
    facts = _facts("Quintaran Deputy Minister of Foreign Affairs Ha Kim Vanh met Velorian envoys in Sarrowmere.",
                   fictional_gazetteer, catalog)
    [official] = [o for o in facts.officials if o.name.endswith("Vanh")]
    assert official.name == "Ha Kim Vanh"
    assert official.titles == ("Deputy Minister of Foreign Affairs",)


def test_a_title_of_a_body_the_catalog_does_not_know_ends_where_the_entity_model_ends_it(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "the Upper Chamber" is no catalog word, but the entity model reads it as an organisation: the speaker
    of it is the person named after the comma, and the chamber is nobody's name."""
    facts = _facts("A Velorian delegation headed by the Speaker of the Upper Chamber, Doran Velsk, arrived in "
                   "Sarrowmere on Monday.", fictional_gazetteer, catalog)
    [official] = facts.officials
    assert official.name == "Doran Velsk"
    assert " ".join((*official.titles, official.organisation or "")).count("Upper Chamber") == 1, official


def test_a_name_listed_with_its_title_after_a_dash_is_an_official(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts("Who took part:\n\n- Mirela Anscombe — Foreign Minister of Quintara, the host",
                   fictional_gazetteer, catalog)
    assert [(o.name, o.country) for o in facts.officials] == [("Mirela Anscombe", "Quintara")]


def test_a_word_of_a_body_opened_by_the_is_not_a_name(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """The entity model reads "the National Assembly" as an organisation: "Assembly" after the title is not a
    person, while the named minister beside it still is."""
    facts = _facts("Velorian Trade Minister Orla Fenwick called on the Chairman of the National Assembly in "
                   "Sarrowmere.", fictional_gazetteer, catalog)
    assert [o.name for o in facts.officials] == ["Orla Fenwick"]


def test_a_portfolio_the_catalog_does_not_know_ends_at_the_comma_before_a_person(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "the Minister of Tidewater Estates, Doran Velsk": "Tidewater Estates" is the portfolio, and the person
    the entity model reads after the comma holds it."""
    facts = _facts("Talks in Sarrowmere were joined by the Velorian Minister of Tidewater Estates, Doran "
                   "Velsk, on Monday.", fictional_gazetteer, catalog)
    assert [(o.name, o.titles) for o in facts.officials] == [("Doran Velsk", ("Minister of Tidewater Estates",))]


def test_a_regnal_number_is_part_of_the_name(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts("The talks were held in the presence of King Oskar III of Quintara in Sarrowmere.",
                   fictional_gazetteer, catalog)
    assert [o.name for o in facts.officials] == ["Oskar III"]


@pytest.mark.parametrize("text", [
    "Velorian FM Orla Fenwick cut her Sarrowmere trip short on Monday.",
    "The delegation included Orla Fenwick, Attorney-General of Veloria.",
])
def test_titles_news_copy_abbreviates_or_hyphenates_make_an_official(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, text: str
) -> None:
    facts = _facts(text, fictional_gazetteer, catalog)
    assert [(o.name, o.country) for o in facts.officials] == [("Orla Fenwick", "Veloria")]


def test_capitalised_particles_do_not_count_against_a_long_name(fictional_gazetteer: Gazetteer,
                                                                catalog: ExtractionCatalog) -> None:
    facts = _facts("Sheikh Tarvin Al Dossan Al Merek Al Varo landed in Lumenhal on Tuesday and was met by "
                   "President Ilse Marwick.", fictional_gazetteer, catalog)
    assert "Tarvin Al Dossan Al Merek Al Varo" in {o.name for o in facts.officials}


def test_a_leader_called_by_a_middle_name_is_the_same_person(fictional_gazetteer: Gazetteer,
                                                             catalog: ExtractionCatalog) -> None:
    facts = _facts("The two presidents, Serafa Olwen Darrick of Quintara and Ilse Marwick, held talks in Lumenhal. "
                   "President Olwen is in Veloria for a two-day state visit at the invitation of President Marwick.",
                   fictional_gazetteer, catalog)
    assert sorted(o.name for o in facts.officials) == ["Ilse Marwick", "Serafa Olwen Darrick"]
    assert {v.visitor for v in facts.visits} == {"Serafa Olwen Darrick"}


@pytest.mark.parametrize("text", [
    "Quintaran exporters have waited years for the deal, which President Hollis Brand signed on Monday.",
    "The statement was issued by Veloria's Minister of Trade, Corin Aldous, and his Quintaran counterpart, Mara "
    "Tesk, after a meeting between President Hollis Brand and President Serafa Olwen Darrick.",
])
def test_a_country_word_across_a_verb_belongs_to_someone_else(fictional_gazetteer: Gazetteer,
                                                              catalog: ExtractionCatalog, text: str) -> None:
    countries = {o.name: o.country for o in _facts(text, fictional_gazetteer, catalog).officials}
    assert countries["Hollis Brand"] is None


def test_a_list_of_portfolios_is_one_title(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts("She was joined by the Minister of Ports, Rivers and Coastal Works, Doran Velsk, on Monday.",
                   fictional_gazetteer, catalog)
    assert [(o.name, o.titles) for o in facts.officials] == [("Doran Velsk", ("Minister of Ports, Rivers and Coastal Works",))]


def test_an_honorific_before_the_name_still_ends_a_portfolio_list(fictional_gazetteer: Gazetteer,
                                                                  catalog: ExtractionCatalog) -> None:
    facts = _facts("He was joined by Quintara's Minister of Ports, Rivers and Coastal Works, Sheikh Tarvin Al Dossan.",
                   fictional_gazetteer, catalog)
    assert [(o.name, o.titles[0]) for o in facts.officials] == [
        ("Tarvin Al Dossan", "Minister of Ports, Rivers and Coastal Works")]


def test_a_name_wrapped_onto_the_next_line_is_whole(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts("The talks in Lumenhal were opened by Quintaran Trade Minister Serafa Olwen\nDarrick on Monday.",
                   fictional_gazetteer, catalog)
    assert [o.name for o in facts.officials] == ["Serafa Olwen Darrick"]


def test_a_portfolio_list_never_swallows_the_people_after_it(fictional_gazetteer: Gazetteer,
                                                             catalog: ExtractionCatalog) -> None:
    facts = _facts("Also present were the Minister of Ports, Doran Velsk and Trade Secretary Ilse Marrow, the "
                   "statement said.", fictional_gazetteer, catalog)
    assert {"Doran Velsk", "Ilse Marrow"} <= {o.name for o in facts.officials}


def test_a_country_that_sends_someone_is_theirs(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts("Quintara sent Justice Minister Doran Velsk to the talks in Lumenhal.", fictional_gazetteer, catalog)
    assert {o.name: o.country for o in facts.officials}["Doran Velsk"] == "Quintara"


def test_an_envoys_posting_is_part_of_the_title_and_not_their_country(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "Ambassador of Veloria to the Kingdom of Norrvald, Name": the title runs through the posting, the name
    after the comma is the envoy's, and the country is the one they represent."""
    facts = _facts("Also present was the Ambassador of Veloria to the Kingdom of Norrvald, Petra Ollis, who "
                   "welcomed the guests.", fictional_gazetteer, catalog)
    [official] = [o for o in facts.officials if o.name == "Petra Ollis"]
    assert official.country == "Veloria"
    assert official.titles == ("Ambassador of Veloria to the Kingdom of Norrvald",)


def test_an_envoy_posted_to_a_country_called_by_its_form_of_state_is_named_after_the_comma(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "Veloria's High Commissioner to the Republic, Name": the posting names no country, only its form of
    state, and still ends the title before the envoy's name; seen abroad, the envoy is at the post, not on a
    visit."""
    facts = _facts("The figures were given by Veloria's High Commissioner to the Republic, Petra Ollis, at a "
                   "briefing in Sarrowmere on Monday.", fictional_gazetteer, catalog)
    [official] = [o for o in facts.officials if o.name == "Petra Ollis"]
    assert official.country == "Veloria"
    assert official.titles == ("High Commissioner to the Republic",)
    assert not facts.visits


@pytest.mark.parametrize(("titles", "posted", "to_a_state"), [
    (("Ambassador to the Sultanate",), False, True),   # a state named by its form: the report's other country
    (("High Commissioner to Norrvald",), True, False),
    (("High Commissioner to Quintara",), False, False),  # posted elsewhere: in Norrvald, a visitor
    (("Ambassador",), False, False),                    # no post named: says nothing of where they live
    (("Adviser to the State",), False, False),          # no envoy
])
def test_an_envoy_is_posted_where_the_title_sends_them(
    titles: tuple[str, ...], posted: bool, to_a_state: bool, catalog: ExtractionCatalog
) -> None:
    from bot.facts.catalog import posted_in, posted_to_a_state

    assert posted_in(titles, ("Norrvald", "Norrvald"), catalog) is posted
    assert posted_to_a_state(titles, catalog) is to_a_state


def test_a_state_noun_ends_a_title_only_before_the_name_or_its_country(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "Adviser to the State Counsellor": "State" begins another office, not a post; "Special Envoy to the
    Kingdom, X" still names X; "Ambassador to the Kingdom of Norrvald" posts the envoy in Norrvald."""
    adviser = _facts("Arlo Penrith, Adviser to the State Counsellor of Veloria, arrived in Sarrowmere on Monday.",
                     fictional_gazetteer, catalog)
    assert {o.name: o.titles for o in adviser.officials}["Arlo Penrith"] == ("Adviser",)
    envoy = _facts("Veloria's Special Envoy to the Kingdom, Petra Ollis, visited Skarnholm on Monday.",
                   fictional_gazetteer, catalog)
    assert {o.name: o.titles for o in envoy.officials}["Petra Ollis"] == ("Special Envoy to the Kingdom",)
    posted = _facts("Petra Ollis, Veloria's Ambassador to the Kingdom of Norrvald, met Norrvald's President Mira "
                    "Coldwell in Skarnholm on Monday.", fictional_gazetteer, catalog)
    assert {o.name: o.titles for o in posted.officials}["Petra Ollis"] == ("Ambassador to the Kingdom of Norrvald",)
    assert not [v for v in posted.visits if v.visitor == "Petra Ollis"]


@pytest.mark.parametrize("ordinal", ["first", "third", "12th"])
def test_an_ordinal_before_a_title_after_a_name_keeps_the_title(
    ordinal: str, fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "X, the first Quintaran Trade Minister to …": the ordinal describes the office holder, the title and
    its country still apply."""
    facts = _facts(f"Orrin Dask, the {ordinal} Quintaran Trade Minister to tour the region, opened a fair in "
                   "Lumenhal on Monday.", fictional_gazetteer, catalog)
    [official] = [o for o in facts.officials if o.name == "Orrin Dask"]
    assert official.country == "Quintara"
    assert official.titles == ("Trade Minister",)


def test_a_nickname_in_quotes_is_left_out_of_the_full_name(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """President Tarek “Tako” Lunden is Tarek Lunden, and the country beside the other person stays theirs."""
    facts = _facts("Quintara's Prime Minister Ossel Varn met President Tarek “Tako” Lunden in Lumenhal on Monday.",
                   fictional_gazetteer, catalog)
    names = {o.name: o.country for o in facts.officials}
    assert "Tarek Lunden" in names
    assert names["Tarek Lunden"] != "Quintara"
    assert names["Ossel Varn"] == "Quintara"


def test_a_bracketed_abbreviation_of_the_title_does_not_hide_the_name(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    facts = _facts("Talks were held with Veloria's Prime Minister (PM) Ilse Marwick in Sarrowmere on Monday.",
                   fictional_gazetteer, catalog)
    [official] = [o for o in facts.officials if o.name == "Ilse Marwick"]
    assert (official.country, official.titles) == ("Veloria", ("Prime Minister",))


def test_a_country_receiving_a_visit_from_someone_is_not_their_country(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "Veloria received a visit from President X": X came to Veloria, so Veloria is not X's country; but
    "Veloria, under President Y, …" and "Veloria was represented by Y" still are Y's."""
    facts = _facts("Last year Veloria also received a visit from President Haskel Dorn, the minister recalled. "
                   "Veloria, under President Amsel Tirr, has grown fast. Veloria was represented by Trade "
                   "Minister Jonna Pell.", fictional_gazetteer, catalog)
    names = {o.name: o.country for o in facts.officials}
    assert names["Haskel Dorn"] != "Veloria"
    assert names["Amsel Tirr"] == "Veloria"
    assert names["Jonna Pell"] == "Veloria"


def test_each_person_listed_under_a_plural_title_keeps_their_bracketed_portfolio(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "Velorian ministers: A (Energy), Professor B (Water) and C (Transport)": three ministers, each with
    their own portfolio, past an honorific."""
    facts = _facts("The talks in Sarrowmere were attended by three Velorian Cabinet Secretaries: Arlo Menz "
                   "(Energy), Professor Dima Sorrel (Water and Forests) and Kell Averin (Transport).",
                   fictional_gazetteer, catalog)
    titles = {o.name: o.titles for o in facts.officials}
    assert titles["Arlo Menz"] == ("Cabinet Secretary (Energy)",)
    assert titles["Kell Averin"] == ("Cabinet Secretary (Transport)",)
    assert "Dima Sorrel" in titles


def test_a_quoted_word_in_a_headline_is_no_nickname(fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog) -> None:
    facts = _facts("President Haskel Dorn 'Optimistic' Port Deal Will Be Signed Soon, Says Aide", fictional_gazetteer,
                   catalog)
    assert all("Deal" not in o.name and "Will" not in o.name for o in facts.officials)


@pytest.mark.parametrize(("sentence", "title"), [
    # an office about to be taken up
    ("Quintara's president-elect, Orrin Dask, thanked the crowd in Sarrowmere on Monday.", "president-elect"),
    ("Quintara's Prime Minister-designate, Orrin Dask, thanked the crowd in Sarrowmere.", "Prime Minister-designate"),
    # an office held for now, like an acting one
    ("Orrin Dask, Quintara's caretaker Prime Minister, received him in Sarrowmere.", "caretaker Prime Minister"),
    ("Quintara's outgoing Foreign Minister Orrin Dask received him in Sarrowmere.", "outgoing Foreign Minister"),
    # two portfolios joined before the head: one minister of both
    ("Quintara's Labour and Transport Minister Orrin Dask opened the rail link in Lumenhal.",
     "Labour and Transport Minister"),
    # a gloss in brackets does not cut the title from its "of"
    ("The talks in Lumenhal were led by Orrin Dask, Trade Minister (ad interim) of Quintara, on Monday.",
     "Trade Minister (ad interim) of Quintara"),
], ids=["elect", "designate", "caretaker", "outgoing", "two-portfolios", "gloss"])
def test_forms_of_a_title_name_the_office_and_its_country(
    sentence: str, title: str, fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    [official] = [o for o in _facts(sentence, fictional_gazetteer, catalog).officials if o.name == "Orrin Dask"]
    assert (official.country, official.titles[0]) == ("Quintara", title)


def test_a_body_whose_name_begins_with_a_rank_word_is_nobody(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "the U.N. General Assembly", "the Party's General Council": a rank word before a body's name makes no
    general."""
    facts = _facts("Last week the U.N. General Assembly backed Quintara, and the Party's General Council in "
                   "Sarrowmere thanked Velorian President Tamsin Orrel.", fictional_gazetteer, catalog)
    assert [o.name for o in facts.officials] == ["Tamsin Orrel"]


def test_a_title_of_several_people_is_no_part_of_the_first_name(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """After "the President of Veloria," the plural title opens a list of people; it is no first name."""
    facts = _facts("After a welcome at the residence of the President of Veloria, Presidents Doran Velsk and "
                   "Ilse Marwick held talks in private.", fictional_gazetteer, catalog)
    assert "Doran Velsk" in {o.name for o in facts.officials}
    assert not [o for o in facts.officials if o.name.startswith("Presidents")]


def test_portfolios_listed_after_a_title_are_no_people(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """A title that lists its portfolios after commas ("…, External Communications and Sports") names no one
    in them: only the person it belongs to is an official."""
    facts = _facts("The accord was signed by Doran Velsk, Prime Minister, Minister of Home Affairs, External "
                   "Communications and Sports, Minister of Finance.", fictional_gazetteer, catalog)
    assert {o.name for o in facts.officials} == {"Doran Velsk"}


def test_a_national_name_for_a_head_of_government_is_a_title(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """Some governments name their head or deputy head in their own language ("Taoiseach", "Tánaiste"): the name
    after it is an official's, and the trip is theirs."""
    facts = _facts("Velorian Taoiseach Maren Ostrova is in Sarrowmere today for talks on the ferry line.",
                   fictional_gazetteer, catalog)
    assert [(o.name, o.titles) for o in facts.officials] == [("Maren Ostrova", ("Taoiseach",))]
    assert [(v.visitor, v.destination_country) for v in facts.visits] == [("Maren Ostrova", "Quintara")]


@pytest.mark.parametrize(("text", "name", "title"), [
    ("The talks were also attended by Minister of Ports, Rivers and Coastal Planning Doran Velsk on Monday.",
     "Doran Velsk", "Minister of Ports, Rivers and Coastal Planning"),
    ("Quintara sent Minister of Agriculture, Livestock and Fisheries Serafa Olwen Darrick to the fair.",
     "Serafa Olwen Darrick", "Minister of Agriculture, Livestock and Fisheries"),
])
def test_a_list_of_portfolios_with_no_comma_before_the_name_stops_at_the_last_portfolio_word(
        fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, text: str, name: str, title: str) -> None:
    """The entity model reads "Minister of the Interior, Local Government and Regional Planning Salah Eddine
    Dahmoune" as one organisation: the catalog's portfolio words say where the title stops and the name begins."""
    facts = _facts(text, fictional_gazetteer, catalog)
    assert [(o.name, o.titles[0]) for o in facts.officials] == [(name, title)]


def test_a_title_goes_on_past_what_it_is_also_called_in_brackets(fictional_gazetteer: Gazetteer,
                                                                catalog: ExtractionCatalog) -> None:
    facts = _facts("The visitors were received by Dr Tarvin Osk, Chairman of the Council of Ministers (Prime "
                   "Minister) of Quintara, at whose invitation they came.", fictional_gazetteer, catalog)
    assert [(o.name, o.country) for o in facts.officials] == [("Tarvin Osk", "Quintara")]


def test_a_city_before_a_title_names_its_country_s_office(fictional_gazetteer: Gazetteer,
                                                         catalog: ExtractionCatalog) -> None:
    """"Abu Dhabi Crown Prince X": the city stands for its country, as a nationality would."""
    facts = _facts("The minister has long been friends with Sarrowmere Crown Prince Tarvin Osk, the statement said.",
                   fictional_gazetteer, catalog)
    assert [(o.name, o.country) for o in facts.officials] == [("Tarvin Osk", "Quintara")]
    # a city that says where someone goes is no qualifier of the title after it
    facts = _facts("On his visit to Sarrowmere Prime Minister Arlo Venn signed the ferry accord.", fictional_gazetteer,
                   catalog)
    assert {o.name: o.country for o in facts.officials}.get("Arlo Venn") != "Quintara"


def test_a_portfolio_the_catalog_lacks_is_never_taken_for_a_first_name(fictional_gazetteer: Gazetteer,
                                                                      catalog: ExtractionCatalog) -> None:
    facts = _facts("The talks were attended by Minister of Trade, Industry and Investment Promotion Doran Velsk.",
                   fictional_gazetteer, catalog)
    assert not any("Promotion" in o.name for o in facts.officials)
