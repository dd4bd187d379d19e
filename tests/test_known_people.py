"""A person's country settled by other articles (bot/facts/known_people.py): as a rule over extracted facts, and
at ingestion into a real knowledge base, where an article that never says where someone is from still reads
their meeting abroad as a visit. All names and countries are fictional."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.facts.known_people import extract_twice, known_countries, with_known_countries
from bot.facts.model import ArticleFacts, Official
from tests.conftest import KnowledgeBaseFactory


def _facts(*officials: Official) -> ArticleFacts:
    return ArticleFacts(officials=officials)


def test_a_country_is_known_when_other_articles_agree_and_none_disagrees() -> None:
    sure = 0.9
    articles = [
        _facts(Official("Anya Coll", country="Veloria", confidence=sure),
               Official("Harl Quent", country="Quintara", confidence=sure),
               Official("Odo Kell", country="Veloria", confidence=0.05),  # too doubtful to spread
               Official("Vantreck", country="Veloria", confidence=sure)),  # one word: not a full name
        _facts(Official("Anya Coll", confidence=sure),
               Official("Harl Quent", country="Veloria", confidence=sure)),  # two articles disagree
    ]
    assert known_countries(articles, threshold=0.5) == {"anya coll": "Veloria"}


def test_only_officials_without_a_country_of_their_own_take_the_known_one() -> None:
    officials = [Official("Anya Coll"), Official("Harl Quent", country="Quintara"), Official("Ilse Varro")]
    known = {"anya coll": "Veloria", "harl quent": "Veloria"}
    assert [(o.name, o.country) for o in with_known_countries(officials, known)] == [
        ("Anya Coll", "Veloria"), ("Harl Quent", "Quintara"), ("Ilse Varro", None),
    ]


def test_reading_a_set_twice_uses_only_the_other_articles() -> None:
    """The second reading of an article gets what the *other* articles settled, never its own first reading."""
    seen: list[dict[str, str]] = []

    def extract(item: str, known: Mapping[str, str]) -> ArticleFacts:
        seen.append(dict(known))
        country = "Veloria" if item == "says" else known.get("anya coll")
        return _facts(Official("Anya Coll", country=country, confidence=1.0))

    facts = extract_twice(["says", "silent"], extract, threshold=0.5)
    assert [f.officials[0].country for f in facts] == ["Veloria", "Veloria"]
    # Both read once with nothing known; only "silent" is read again, with what "says" told. "says" has no
    # other article telling it anything, so its first reading stands.
    assert seen == [{}, {}, {"anya coll": "Veloria"}]


_FILLER = ("The two governments have traded grain and timber for decades, and officials on both sides described the "
           "mood of the week as constructive and businesslike. No new agreements were expected at this stage, "
           "and neither office gave details of the budget figures under discussion.")


def _article(folder: Path, name: str, day: str, body: str) -> Path:
    path = folder / name
    path.write_text(
        f'---\ntitle: "{name}"\noutlet: Fictional Test Wire\nurl: https://example.org/fictional/{name}\n'
        f"published: 2031-03-{day}\ncountries: [Veloria, Quintara]\nfictional: true\n---\n{body}\n\n{_FILLER}\n",
        encoding="utf-8",
    )
    return path


def test_a_meeting_abroad_is_a_visit_once_another_article_says_where_the_visitor_is_from(
    make_kb: KnowledgeBaseFactory, tmp_path: Path
) -> None:
    kb = make_kb(near_copies=False)  # the three short texts share a paragraph
    folder = tmp_path / "incoming"
    folder.mkdir()

    def visits_of(path: Path) -> list[tuple[str, str | None]]:
        (outcome,) = kb.ingestor.ingest_paths([path])
        assert outcome.status == "added", outcome
        stored = next(a for a in kb.retriever.snapshot().articles.values() if a.meta.title == path.name)
        return [(v.visitor, v.destination_country) for v in kb.articles.facts(stored).visits]

    talks = "Premier Anya Coll addressed a business forum in Sarrowmere on Tuesday."
    assert visits_of(_article(folder, "talks-one.md", "04", talks)) == []
    visits_of(_article(folder, "depot.md", "05", "Velorian Premier Anya Coll opened a rail depot in Cassivar on "
                                                 "Monday, her office said."))
    later = "Premier Anya Coll addressed the port authority in Dunmarrow on Friday."
    assert visits_of(_article(folder, "talks-two.md", "09", later)) == [("Anya Coll", "Quintara")]
