"""Views over stored facts: merging across articles, filters, ordering, and the citations on every row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.facts.catalog import ExtractionCatalog, load_catalog
from bot.facts.extract import extract_facts
from bot.facts.model import Agreement, ArticleFacts, CooperationMention, Event, Evidence, Official, Visit
from bot.facts.views import (
    FactItems,
    as_of,
    cooperation_view,
    countries_shown,
    officials_view,
    timeline_view,
    visits_view,
)
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.loaders import parse_article
from bot.knowledge.model import ArticleMeta

FIXTURES = Path(__file__).parent / "fixtures"


def _evidence(sentence: str, start: int = 0) -> Evidence:
    return Evidence(sentence, start, start + len(sentence))


ARTICLE_A = ArticleMeta(
    "a", "Baram visits Delhi", "PTI", published=date(2025, 7, 25), countries=("India", "Israel")
)
ARTICLE_B = ArticleMeta("b", "Baram again", "Wire", published=date(2025, 9, 2), countries=("India", "Israel"))
ARTICLE_C = ArticleMeta("c", "Paris talks", "Wire", published=date(2025, 8, 1), countries=("France", "India"))

FACTS_A = ArticleFacts(
    officials=(
        Official(
            "Amir Baram",
            ("Director General", "Maj Gen (Res)"),
            "Israel's Ministry of Defence",
            "Israel",
            (_evidence("Director General Amir Baram visited."),),
        ),
        Official(
            "Ajit Doval",
            ("National Security Advisor",),
            None,
            "India",
            (_evidence("He met NSA Ajit Doval."),),
        ),
    ),
    visits=(
        Visit(
            "Amir Baram",
            "Israel",
            "India",
            "New Delhi",
            date(2025, 7, 22),
            date(2025, 7, 23),
            met=("Ajit Doval",),
            evidence=(_evidence("Baram visited New Delhi on July 22-23."),),
        ),
    ),
    cooperation=(
        CooperationMention(
            "joint manufacturing", "co-production", _evidence("They discussed co-production.")
        ),
        CooperationMention("R&D", "R&D", _evidence("R&D was discussed.", 40)),
    ),
    events=(
        Event(
            date(2024, 7, 1), "month", "Joint Working Group session", _evidence("The JWG met in July 2024.")
        ),
    ),
)
FACTS_B = ArticleFacts(
    officials=(
        Official("Baram", ("Major General (Retd)",), None, "Israel", (_evidence("Baram said more."),)),
        Official("Rajesh Kumar Singh", ("Defence Secretary",), None, "India", (_evidence("Singh spoke."),)),
    ),
    visits=(
        # The same trip as in article A, told later with a coarser date; and a new, undated, planned one.
        Visit(
            "Amir Baram",
            "Israel",
            "India",
            None,
            date(2025, 7, 1),
            precision="month",
            evidence=(_evidence("Baram was in India in July."),),
        ),
        Visit(
            "Rajesh Kumar Singh",
            "India",
            "Israel",
            None,
            None,
            status="planned",
            evidence=(_evidence("Singh will visit Israel."),),
        ),
    ),
    cooperation=(
        CooperationMention("joint manufacturing", "joint production", _evidence("Joint production grew.")),
    ),
    agreements=(
        Agreement(
            "MoU",
            "defence research",
            ("India", "Israel"),
            None,
            date(2025, 8, 30),
            (_evidence("An MoU on defence research was signed on August 30."),),
        ),
        Agreement(
            "contract", "radars", ("India", "Israel"), "USD 10 million", None, (_evidence("A contract."),)
        ),
    ),
)
FACTS_C = ArticleFacts(
    visits=(
        Visit(
            "Jean Martin",
            "France",
            "India",
            "Mumbai",
            date(2025, 6, 10),
            status="completed",
            evidence=(_evidence("Martin toured Mumbai on June 10."),),
        ),
    ),
    cooperation=(
        CooperationMention(
            "space",
            "satellite",
            _evidence("A satellite deal."),
        ),
    ),
    events=(
        Event(date(2025, 5, 2), "day", "Talks in Paris", _evidence("Talks were held in Paris on May 2.")),
    ),
)
ITEMS: FactItems = ((ARTICLE_A, FACTS_A), (ARTICLE_B, FACTS_B), (ARTICLE_C, FACTS_C))


def test_officials_merge_across_articles_with_every_title_and_citation() -> None:
    rows = officials_view(ITEMS)
    baram = next(r for r in rows if r.name == "Amir Baram")
    assert baram.titles == ("Director General", "Maj Gen (Res)", "Major General (Retd)")
    assert baram.organisations == ("Israel's Ministry of Defence",)
    assert {c.article.article_id for c in baram.citations} == {"a", "b"}
    assert baram.article_count == 2
    assert rows[0] is baram, "the person most articles mention comes first"
    assert not [r for r in rows if r.name == "Baram"]
    meta, evidence = baram.citations[0]
    assert meta is ARTICLE_A and evidence.sentence == "Director General Amir Baram visited."


def test_a_person_an_article_gives_no_country_is_shown_with_the_one_the_others_give() -> None:
    untold = ArticleFacts(officials=(Official("Ajit Doval", ("NSA",), None, None, (_evidence("Doval spoke."),)),))
    elsewhere = ArticleFacts(officials=(Official("Doval", ("NSA",), None, "India", (_evidence("India's Doval."),)),))
    shown = countries_shown([(ARTICLE_A, untold), *ITEMS, (ARTICLE_B, elsewhere)])
    assert shown["ajit doval"] == "India"
    assert "jean martin" not in shown or shown["jean martin"] == "France"
    row = next(r for r in officials_view([(ARTICLE_A, untold), (ARTICLE_B, elsewhere)]) if r.name == "Ajit Doval")
    assert row.country == "India"


def test_officials_filters_are_case_insensitive_and_partial() -> None:
    assert [r.name for r in officials_view(ITEMS, name="BARAM")] == ["Amir Baram"]
    assert [r.name for r in officials_view(ITEMS, name="raj sin")] == ["Rajesh Kumar Singh"]
    assert {r.name for r in officials_view(ITEMS, country="india")} == {"Ajit Doval", "Rajesh Kumar Singh"}
    assert officials_view(ITEMS, country="India", name="baram") == ()


def test_visits_merge_the_same_trip_and_filter_by_either_country() -> None:
    rows = visits_view(ITEMS)
    assert [r.visit.visitor for r in rows] == ["Jean Martin", "Amir Baram", "Rajesh Kumar Singh"]
    baram = rows[1]
    assert (baram.visit.start, baram.visit.end, baram.visit.precision) == (
        date(2025, 7, 22),
        date(2025, 7, 23),
        "day",
    )
    assert baram.visit.destination_city == "New Delhi" and baram.visit.met == ("Ajit Doval",)
    assert {c.article.article_id for c in baram.citations} == {"a", "b"}
    assert [r.visit.visitor for r in visits_view(ITEMS, country="france")] == ["Jean Martin"]
    assert [r.visit.visitor for r in visits_view(ITEMS, country="Israel")] == [
        "Amir Baram",
        "Rajesh Kumar Singh",
    ]


def test_visits_date_window_drops_undated_ones() -> None:
    assert [r.visit.visitor for r in visits_view(ITEMS, since=date(2025, 7, 1))] == ["Amir Baram"]
    assert [r.visit.visitor for r in visits_view(ITEMS, until=date(2025, 6, 30))] == ["Jean Martin"]
    assert visits_view(ITEMS, since=date(2025, 8, 1)) == ()


def test_cooperation_counts_articles_and_accepts_aliases() -> None:
    catalog = load_catalog()
    overview = cooperation_view(ITEMS)
    assert [(r.area, r.article_count) for r in overview] == [
        ("joint manufacturing", 2),
        ("R&D", 1),
        ("space", 1),
    ]
    (row,) = cooperation_view(ITEMS, "Co-Production", catalog=catalog)
    assert row.area == "joint manufacturing"
    assert set(row.matched_texts) == {"co-production", "joint production"}
    assert {c.article.article_id for c in row.citations} == {"a", "b"}
    assert [r.area for r in cooperation_view(ITEMS, "r&d")] == ["R&D"]
    assert [r.area for r in cooperation_view(ITEMS, "joint production")] == ["joint manufacturing"]
    assert cooperation_view(ITEMS, "cyber", catalog=catalog) == ()


def test_timeline_is_chronological_without_undated_items() -> None:
    rows = timeline_view(ITEMS)
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    assert [(r.kind, r.date_text) for r in rows] == [
        ("event", "2024-07"),
        ("event", "2025-05-02"),
        ("visit", "2025-06-10"),
        ("visit", "2025-07-22"),
        ("agreement", "2025-08-30"),
    ]
    assert all(r.citations for r in rows)
    visit = next(r for r in rows if r.kind == "visit" and r.date == date(2025, 7, 22))
    assert visit.end == date(2025, 7, 23) and "New Delhi" in visit.label


def test_timeline_filters_by_countries_and_since() -> None:
    about_israel = timeline_view(ITEMS, countries=("israel", "India"))
    assert {c.article.article_id for r in about_israel for c in r.citations} == {"a", "b"}
    recent = timeline_view(ITEMS, since=date(2025, 7, 23))
    assert [r.date_text for r in recent] == ["2025-07-22", "2025-08-30"]  # the visit ends on the 23rd


def test_as_of_is_the_newest_publication_date() -> None:
    assert as_of(ITEMS) == date(2025, 9, 2)
    assert as_of(()) is None


@pytest.fixture(scope="module")
def fixture_items() -> FactItems:
    gazetteer = Gazetteer.load(
        [PROJECT_ROOT / "config" / "gazetteer.toml", FIXTURES / "gazetteer_fictional.toml"]
    )
    catalog: ExtractionCatalog = load_catalog()
    items = []
    for path in sorted((FIXTURES / "articles").glob("*.md")):
        article = parse_article(path.read_bytes(), path.name, gazetteer=gazetteer, max_bytes=2_000_000)
        items.append(
            (
                article.meta,
                extract_facts(
                    article.text,
                    published=article.meta.published,
                    countries=article.meta.countries,
                    gazetteer=gazetteer,
                    catalog=catalog,
                ),
            )
        )
    return tuple(items)


def test_views_over_extracted_fixture_articles(fixture_items: FactItems) -> None:
    # Vostrel's February trip is told by two articles (one giving the days, one only the month): one row.
    vostrel = [
        r for r in visits_view(fixture_items, country="Kestovia") if r.visit.visitor == "Irenka Vostrel"
    ]
    assert len(vostrel) == 1
    assert vostrel[0].visit.start == date(2026, 2, 9)
    assert len({c.article.article_id for c in vostrel[0].citations}) == 2
    halloran = officials_view(fixture_items, name="halloran")
    assert [(r.name, r.country, r.article_count) for r in halloran] == [("Edvin Halloran", "Norrvald", 2)]
    timeline = timeline_view(fixture_items, countries=("Kestovia", "Norrvald"))
    cancelled = [r for r in timeline if r.status == "cancelled"]
    assert [(r.kind, r.date) for r in cancelled] == [("visit", date(2026, 6, 4))]


def test_one_happening_told_twice_is_one_timeline_line_with_both_citations() -> None:
    first = ArticleMeta("p", "Port opens", "Wire", published=date(2031, 3, 5), countries=("Veloria", "Quintara"))
    second = ArticleMeta("q", "Port news", "Daily", published=date(2031, 3, 6), countries=("Veloria", "Quintara"))
    told = _evidence("Quintaran port officials opened a new grain terminal in Sarrowmere on Tuesday.")
    retold = _evidence("On Tuesday port officials in Sarrowmere opened the new grain terminal.")
    other = _evidence("Velorian farmers signed up for the first shipments on Tuesday.")
    items = [
        (first, ArticleFacts(events=(Event(date(2031, 3, 4), "day", "Quintaran port officials opened a new grain "
                                           "terminal in Sarrowmere", told),))),
        (second, ArticleFacts(events=(
            Event(date(2031, 3, 4), "day", "Port officials in Sarrowmere opened the new grain terminal", retold),
            Event(date(2031, 3, 4), "day", "Velorian farmers signed up for the first shipments", other),
        ))),
    ]
    rows = timeline_view(items)
    assert len(rows) == 2, rows
    merged = next(r for r in rows if "terminal" in r.label)
    assert {c.article.article_id for c in merged.citations} == {"p", "q"}


def test_a_party_trip_and_a_day_of_signings_are_one_timeline_line_each() -> None:
    meta = ArticleMeta("r", "Royal visit", "Wire", published=date(2031, 4, 2), countries=("Veloria", "Quintara"))
    trip = _evidence("Queen Ysolde will fly to Sarrowmere on Thursday with her chancellor and her envoy.")
    signing = _evidence("The two governments signed three memoranda in Sarrowmere on Friday.")
    travellers = ("Ysolde Marr", "Oswin Tell", "Brannoch Vey")
    visits = tuple(
        Visit(name, visitor_country="Veloria", destination_country="Quintara", destination_city="Sarrowmere",
              start=date(2031, 4, 3), status="planned", met=("Harl Quent",) if name == "Ysolde Marr" else (),
              evidence=(trip,))
        for name in travellers
    )
    memoranda = tuple(
        Agreement("MoU", subject=subject, parties=("Quintara", "Veloria"), date=date(2031, 4, 4),
                  evidence=(signing,))
        for subject in ("river ports", "grain storage", "weather data")
    )
    rows = timeline_view([(meta, ArticleFacts(visits=visits, agreements=memoranda))])
    assert [(r.kind, r.date_text) for r in rows] == [("visit", "2031-04-03"), ("agreement", "2031-04-04")]
    assert rows[0].label == "Ysolde Marr and 2 others (Veloria) to visit Sarrowmere, Quintara"
    assert rows[1].label == "3 MoUs signed (Quintara, Veloria): river ports; grain storage; weather data"
    assert all(len(r.label) <= 100 for r in rows)
    # Each traveller keeps their own row where people are listed.
    assert len(visits_view([(meta, ArticleFacts(visits=visits))])) == 3


def test_trips_to_different_places_or_days_stay_apart_on_the_timeline() -> None:
    meta = ArticleMeta("s", "Two trips", "Wire", published=date(2031, 5, 9), countries=("Veloria", "Quintara"))
    said = _evidence("Marr went to Sarrowmere on Monday; Tell went on Tuesday.")
    visits = (
        Visit("Ysolde Marr", destination_country="Quintara", start=date(2031, 5, 5), evidence=(said,)),
        Visit("Oswin Tell", destination_country="Quintara", start=date(2031, 5, 6), evidence=(said,)),
        Visit("Brannoch Vey", destination_country="Kestovia", start=date(2031, 5, 5), evidence=(said,)),
    )
    rows = timeline_view([(meta, ArticleFacts(visits=visits))])
    assert sorted(r.label for r in rows) == [
        "Brannoch Vey visits Kestovia", "Oswin Tell visits Quintara", "Ysolde Marr visits Quintara",
    ]


def test_a_traveller_written_two_ways_counts_once_in_the_party() -> None:
    meta = ArticleMeta("t", "Royal trip", "Wire", published=date(2031, 6, 1), countries=("Veloria", "Quintara"))
    said = _evidence("Queen Ysolde flies to Sarrowmere on Sunday; Ysolde Marr takes her chancellor Oswin Tell.")
    visits = tuple(
        Visit(name, visitor_country="Veloria", destination_country="Quintara", start=date(2031, 6, 3),
              status="planned", evidence=(said,))
        for name in ("Queen Ysolde", "Ysolde Marr", "Oswin Tell")
    )
    (row,) = timeline_view([(meta, ArticleFacts(visits=visits))])
    assert row.label == "Queen Ysolde and 1 other (Veloria) to visit Quintara"
