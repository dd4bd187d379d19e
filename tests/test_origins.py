"""A traveller's country from where the text says they came from (bot/facts/origins.py), on invented sentences
about the fictional countries of tests/fixtures/gazetteer_fictional.toml."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts.catalog import ExtractionCatalog
from bot.facts.extract import extract_facts
from bot.knowledge.gazetteer import Gazetteer


def _countries(text: str, gazetteer: Gazetteer, catalog: ExtractionCatalog) -> dict[str, str | None]:
    facts = extract_facts(text, published=date(2031, 3, 5), countries=("Veloria", "Quintara"),
                          gazetteer=gazetteer, catalog=catalog)
    return {o.name: o.country for o in facts.officials}


@pytest.mark.parametrize("text", [
    "Prime Minister Orla Fenwick flew in from Lumenhal on Monday afternoon for talks in Sarrowmere.",
    "Trade Minister Orla Fenwick, who arrived from Cassivar on Sunday, met the port authority in Dunmarrow.",
])
def test_a_traveller_from_a_city_of_one_side_is_of_that_side(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog, text: str
) -> None:
    assert _countries(text, fictional_gazetteer, catalog)["Orla Fenwick"] == "Veloria"


def test_a_trip_from_a_third_country_gives_no_country(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """Coming from somewhere else on the way tells nothing of whose minister she is."""
    found = _countries("Trade Minister Orla Fenwick flew in from Paris on Monday for talks in Sarrowmere.",
                       fictional_gazetteer, catalog)
    assert found["Orla Fenwick"] is None


def test_the_place_a_traveller_goes_is_not_where_they_come_from(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    found = _countries("Trade Minister Orla Fenwick flew to Sarrowmere on Monday.", fictional_gazetteer, catalog)
    assert found["Orla Fenwick"] != "Quintara"


def test_a_trip_to_one_side_of_the_report_comes_from_the_other(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """In a report on Veloria and Quintara, someone with no stated country who travels to Quintara is Velorian:
    nobody pays a visit to their own country."""
    found = _countries("SARROWMERE, March 5 - Prime Minister Orla Fenwick flew to Quintara on Thursday for a "
                       "two-day official visit, during which she will open a trade fair.", fictional_gazetteer, catalog)
    assert found["Orla Fenwick"] == "Veloria"


def test_of_two_holders_of_one_office_in_a_sentence_each_is_of_one_side(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """Two prime ministers in a report on Veloria and Quintara: the one with no stated country is the other
    side's."""
    found = _countries("Prime Minister Ilsa Varn and Quintaran Prime Minister Dax Holm watched the first "
                       "ferry leave the harbour.", fictional_gazetteer, catalog)
    assert found["Ilsa Varn"] == "Veloria" and found["Dax Holm"] == "Quintara"
