"""Names and titles checked against the parse (bot/facts/person_names.py), on invented sentences about the
fictional countries of tests/fixtures/gazetteer_fictional.toml."""

from __future__ import annotations

from datetime import date

from bot.facts.catalog import ExtractionCatalog
from bot.facts.extract import extract_facts
from bot.knowledge.gazetteer import Gazetteer

PUBLISHED = date(2031, 3, 5)


def test_a_given_name_the_entity_model_leaves_out_stays_in_the_name(
    fictional_gazetteer: Gazetteer, catalog: ExtractionCatalog
) -> None:
    """The entity model tags only "Kim Vanh" here; "Ha" is no title word, so it is not moved into the title."""
    facts = extract_facts("Quintaran Deputy Minister of Foreign Affairs Ha Kim Vanh met Velorian envoys in Sarrowmere.",
                          published=PUBLISHED, countries=("Veloria", "Quintara"), gazetteer=fictional_gazetteer,
                          catalog=catalog)
    [official] = [o for o in facts.officials if o.name.endswith("Vanh")]
    assert official.name == "Ha Kim Vanh"
    assert official.titles == ("Deputy Minister of Foreign Affairs",)
