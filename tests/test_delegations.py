"""People travelling in a leader's party make the leader's trip (bot/facts/delegations.py), on fictional text:
Kestovia and Norrvald are invented countries (tests/fixtures/gazetteer_fictional.toml)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts.catalog import ExtractionCatalog
from bot.facts.extract import extract_facts
from bot.facts.model import ArticleFacts
from bot.knowledge.gazetteer import Gazetteer

PUBLISHED = date(2026, 2, 11)
ARRIVAL = "Kestovian President Anselm Dray arrived in Skarnholm on Monday, February 9, for a three-day state visit."


def _facts(text: str, gazetteer: Gazetteer, catalog: ExtractionCatalog) -> ArticleFacts:
    return extract_facts(text, published=PUBLISHED, countries=("Kestovia", "Norrvald"), gazetteer=gazetteer,
                         catalog=catalog)


def _trips(facts: ArticleFacts) -> dict[str, tuple[str | None, date | None]]:
    return {v.visitor: (v.destination_country, v.start) for v in facts.visits}


@pytest.mark.parametrize("opening", ["The statement listed the delegation accompanying the President:",
                                     "The Kestovian leader's party included:",
                                     # a heading over the list (a table's title), with no colon
                                     "Kestovian delegation"])
def test_members_listed_in_a_travelling_party_make_the_leaders_trip(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, opening: str
) -> None:
    """Each member listed after the party's opening line visits where and when the leader does; one posted in the
    host country as ambassador is not travelling."""
    text = (f"{ARRIVAL}\n\n{opening}\n\n- Ilse Marrow, Minister for Trade and Industry\n"
            "- Oda Quill, Minister of Ports\n- Pell Arran, ambassador to Norrvald\n")
    facts = _facts(text, fictional_gazetteer, catalog)
    trips = _trips(facts)
    assert trips["Ilse Marrow"] == ("Norrvald", date(2026, 2, 9))
    assert trips["Oda Quill"] == ("Norrvald", date(2026, 2, 9))
    assert "Pell Arran" not in trips
    assert {o.name: o.country for o in facts.officials}["Oda Quill"] == "Kestovia"


def test_a_companion_named_in_the_sentence_makes_the_trip_too(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    text = f"{ARRIVAL} Dray was accompanied by Ports Minister Oda Quill and senior officials."
    assert _trips(_facts(text, fictional_gazetteer, catalog))["Oda Quill"] == ("Norrvald", date(2026, 2, 9))


def test_a_companion_cue_may_name_the_occasion_before_its_by(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "was joined at the talks by his Minister of Ports, X, and by Y": X and Y are of the leader's country."""
    text = (f"{ARRIVAL} Dray was joined at the talks by his Minister of Ports, Oda Quill, and by Ilse Marrow, "
            "Minister for Trade.")
    countries = {o.name: o.country for o in _facts(text, fictional_gazetteer, catalog).officials}
    assert (countries["Oda Quill"], countries["Ilse Marrow"]) == ("Kestovia", "Kestovia")


@pytest.mark.parametrize("first", [
    "The Kestovian cabinet met in Kestovia on Monday.",
    ARRIVAL + " Dray flew on to Lumenhal on Wednesday, February 11, to meet Velorian ministers.",
])
def test_a_party_with_no_single_trip_abroad_travels_nowhere(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, first: str
) -> None:
    """Without a trip, or with trips to two countries and no leader named, a party list says nothing of where its
    members went."""
    text = f"{first}\n\nThe Kestovian leader's party included:\n\n- Oda Quill, Minister of Ports\n"
    assert "Oda Quill" not in _trips(_facts(text, fictional_gazetteer, catalog))


@pytest.mark.parametrize("heading", ["Talks in brief", "The Kestovian delegation travelled on.",
                                     "Norrvaldic delegation", "Host delegation"])
def test_a_heading_without_party_words_or_a_sentence_opens_no_party(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, heading: str
) -> None:
    """A list under a heading that names no party, under a whole sentence (it ends with a stop), or under a
    heading naming the hosts or their country, is not the leader's party: its people make no trip."""
    text = f"{ARRIVAL}\n\n{heading}\n\n- Ilse Marrow, Minister for Trade and Industry\n- Oda Quill, Minister of Ports\n"
    assert "Oda Quill" not in _trips(_facts(text, fictional_gazetteer, catalog))


def test_an_academic_style_ends_no_sentence_and_is_no_part_of_the_name(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    from bot.knowledge.sentences import split_sentences

    text = "On Monday Kestovian Prime Minister Acad. Anselm Dray travelled to Skarnholm for talks."
    assert len(split_sentences(text)) == 1
    assert [o.name for o in _facts(text, fictional_gazetteer, catalog).officials] == ["Anselm Dray"]


@pytest.mark.parametrize("cue", ["Three ministers will travel with the president:", "Two aides travel with Dray:"])
def test_a_party_listed_after_a_colon_in_the_same_sentence_makes_the_trip(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, cue: str
) -> None:
    """"… will travel with the president: Minister X and Minister Y": the list is inline, after the colon."""
    text = f"{ARRIVAL} {cue} Ports Minister Oda Quill and Trade Minister Ilse Marrow."
    facts = _facts(text, fictional_gazetteer, catalog)
    assert _trips(facts)["Oda Quill"] == ("Norrvald", date(2026, 2, 9))
    assert _trips(facts)["Ilse Marrow"] == ("Norrvald", date(2026, 2, 9))
    assert {o.name: o.country for o in facts.officials}["Ilse Marrow"] == "Kestovia"


def test_travel_with_a_country_before_a_colon_is_no_party(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    text = f"{ARRIVAL} On visa-free travel with Norrvald: Ports Minister Oda Quill said talks continue."
    facts = _facts(text, fictional_gazetteer, catalog)
    assert "Oda Quill" not in _trips(facts)
    assert {o.name: o.country for o in facts.officials}["Oda Quill"] is None


def test_a_host_named_after_another_verbs_by_joins_no_party(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """ "joined at a dinner hosted by X": X hosted the dinner and is of the host country, not the visitor's."""
    text = (f"{ARRIVAL} He was joined at a dinner hosted by Norrvald's Foreign Minister Oda Quill on Monday "
            "evening.")
    assert {o.name: o.country for o in _facts(text, fictional_gazetteer, catalog).officials}["Oda Quill"] == "Norrvald"
