"""Cited answers and refusals on the shipped PTI article and the fictional test articles."""

from __future__ import annotations

import pytest

from bot.knowledge.model import CitedAnswer
from bot.services import KnowledgeBase
from tests.conftest import SHIPPED_ARTICLES, KnowledgeBaseFactory

PTI_FILE = "2025-07-25-baram-visit-pti.md"


def assert_cited(answer: CitedAnswer, *expected: str, source: str | None = None) -> None:
    assert not answer.refused, answer.text
    for fact in expected:
        assert fact.casefold() in answer.text.casefold(), (fact, answer.text)
    # Every sentence of the answer ends in a marker, and every marker's quote is verbatim in its passage.
    assert answer.citations
    for citation in answer.citations:
        assert f"{citation.quote} [{citation.n}]" in answer.text
    if source:
        assert any(c.article.source.endswith(source) for c in answer.citations), [c.article.source for c in answer.citations]


def test_who_did_baram_meet_names_doval_and_singh(kb: KnowledgeBase) -> None:
    answer = kb.ask("who did baram meet in delhi?")
    assert_cited(answer, "Ajit Doval", "Rajesh Kumar Singh", source=PTI_FILE)
    assert answer.citations[0].article.outlet == "PTI"


def test_when_was_the_visit_gives_july_22_23_2025(kb: KnowledgeBase) -> None:
    assert_cited(kb.ask("when was the visit of baram to india"), "July 22-23, 2025", source=PTI_FILE)


def test_cooperation_areas_include_rnd_and_joint_manufacturing(kb: KnowledgeBase) -> None:
    assert_cited(kb.ask("what areas of cooperation came up in the india israel talks"),
                 "research and development", "joint manufacturing", source=PTI_FILE)


@pytest.mark.parametrize("question", [
    "what is the capital of peru",
    "what did the japanese prime minister say about cricket",
    "how many tanks did brazil sell to kenya",
])
def test_unsupported_questions_are_refused_without_citations(kb: KnowledgeBase, question: str) -> None:
    answer = kb.ask(question)
    assert answer.refused, answer.text
    assert answer.citations == ()
    assert "don't cover" in answer.text


@pytest.mark.parametrize(("question", "fact", "source"), [
    ("how much is the quintara radar contract worth", "240 million", "2026-04-20-quintara-radar-contract-lumenhal.md"),
    ("who is the velorian national security adviser", "Sabine Corlett", "2026-04-20-quintara-radar-contract-lumenhal.md"),
    ("whats the name of the water joint venture between quintara and tavrenne", "QT Aquatech",
     "2026-03-27-quintara-tavrenne-water-jv.md"),
    ("when did the veloria quintara joint working group meet in sarrowmere", "March 3-4",
     "2026-03-12-veloria-quintara-jwg-sarrowmere.md"),
    ("what exercise are veloria and quintara planning", "Tidewall", "2026-03-12-veloria-quintara-jwg-sarrowmere.md"),
])
def test_fictional_articles_answered_with_their_own_sentences(
    kb: KnowledgeBase, question: str, fact: str, source: str
) -> None:
    assert_cited(kb.ask(question), fact, source=source)


def test_typos_and_chat_phrasing_still_answer(kb: KnowledgeBase) -> None:
    assert_cited(kb.ask("baram meet whom in delhi"), "Ajit Doval", source=PTI_FILE)


def test_follow_up_uses_the_previous_question(kb: KnowledgeBase) -> None:
    answer = kb.ask("and when was that?", previous="who did baram meet in delhi?")
    assert_cited(answer, "July 22-23", source=PTI_FILE)


def test_country_filter_keeps_answers_inside_the_pair(kb: KnowledgeBase) -> None:
    answer = kb.ask("what contract was signed", countries=["Quintara", "Veloria"])
    assert not answer.refused
    assert all({"Quintara", "Veloria"} <= set(c.article.countries) for c in answer.citations)


def test_date_filter_excludes_older_articles(kb: KnowledgeBase) -> None:
    from datetime import date

    answer = kb.ask("who did baram meet in delhi?", since=date(2026, 1, 1))
    assert all(c.article.published and c.article.published >= date(2026, 1, 1) for c in answer.citations)


def test_answer_reports_as_of_the_newest_cited_article(kb: KnowledgeBase) -> None:
    answer = kb.ask("who did baram meet in delhi?")
    assert answer.as_of is not None
    assert answer.as_of == max(c.article.published for c in answer.citations if c.article.published)


@pytest.mark.parametrize("question", [
    "did baram hold talks with the indian prime minister",   # a named thing his article never mentions
    "who is the israeli ambassador in new delhi",  # a role nobody the article names may hold (a trusted sign)
    "what was the value of the contract baram signed",        # an amount the article does not state
    "what did tavrenne and solmere agree",                   # a pair no article covers
])
def test_near_miss_questions_are_refused(kb: KnowledgeBase, question: str) -> None:
    answer = kb.ask(question)
    assert answer.refused, answer.text
    assert answer.citations == ()


@pytest.mark.parametrize("question", [
    "what did fiji and india sign",
    "who from mongolia met ajit doval",
    "when did the tanzanian president visit israel",
    "did baram go to ulaanbaatar",
    "what did india and cote d'ivoire agree on defence",
])
def test_any_real_country_no_article_covers_is_refused(kb: KnowledgeBase, question: str) -> None:
    """Every country is known, not only those of the shipped articles: otherwise the question's
    country is just an unknown word and the India-Israel article gets quoted for it."""
    answer = kb.ask(question)
    assert answer.refused, answer.text
    assert answer.citations == ()


@pytest.fixture(scope="module")
def shipped_only(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> KnowledgeBase:
    """What a new user has after `make run`: the one shipped article, three passages."""
    from bot.services import build_knowledge_base
    from tests.conftest import settings_for_tests

    knowledge = build_knowledge_base(settings_for_tests(tmp_path_factory.mktemp("shipped") / "data"),
                                     embedder=embedder)  # type: ignore[arg-type]
    knowledge.ingestor.ingest_paths([SHIPPED_ARTICLES])
    return knowledge


@pytest.mark.parametrize("question", [
    "did baram meet rajnath singh",       # a first name no article has, before a surname it has
    "did the israeli dg visit mumbai",    # a city his visit never reached
    "what did fiji and india sign",       # a country no article covers
])
def test_a_small_store_still_refuses_what_it_does_not_say(shipped_only: KnowledgeBase, question: str) -> None:
    """In three passages no word is rare enough for the usual bar; the bar follows the store's size."""
    answer = shipped_only.ask(question)
    assert answer.refused, answer.text


def test_how_long_is_answered_with_the_dates(shipped_only: KnowledgeBase) -> None:
    assert_cited(shipped_only.ask("how long was baram's visit"), "July 22-23, 2025", source=PTI_FILE)
    assert_cited(shipped_only.ask("did baram meet doval"), "Ajit Doval", source=PTI_FILE)


def test_which_city_is_answered_with_a_city(kb: KnowledgeBase) -> None:
    assert_cited(kb.ask("what city did amir baram travel to"), "New Delhi", source=PTI_FILE)


def test_quotes_come_only_from_articles_naming_what_is_asked(kb: KnowledgeBase) -> None:
    answer = kb.ask("who attended the strategic security dialogue in aubrevale")
    assert not answer.refused
    assert all("Dialogue" in c.article.title or "dialogue" in c.quote.lower() or
               c.article.source.endswith("security-dialogue-qa.md") for c in answer.citations)


def test_a_question_about_a_country_a_report_names_in_passing_is_answered_from_it(
        make_kb: KnowledgeBaseFactory) -> None:
    """A report on Veloria and Quintara that says Veloria buys its salt from Tavrenne answers "why does veloria
    buy salt from tavrenne", though no article is about Veloria and Tavrenne; a country it never names is not
    answered from it."""
    from bot.knowledge.model import GLOBAL_SCOPE

    knowledge = make_kb()
    report = (
        b"---\ntitle: Veloria and Quintara open a salt works at Lumenhal\npublished: 2031-04-02\n"
        b"countries: [Veloria, Quintara]\n---\n\n"
        b"Veloria and Quintara opened a joint salt works at Lumenhal on Tuesday, the first of its kind in the region.\n\n"
        b"Velorian Trade Minister Orla Fenwick said the works would end the dependence that has left Veloria buying "
        b"its salt from Tavrenne, because the old coastal pans silted up a decade ago.\n\n"
        b"Quintaran officials said the works would employ four hundred people from next spring.\n"
    )
    assert knowledge.ingestor.ingest_upload(report, "salt.md", scope=GLOBAL_SCOPE).status == "added"
    answer = knowledge.ask("why does veloria buy salt from tavrenne")
    assert not answer.refused and "silted up" in answer.text
    assert knowledge.ask("why does veloria buy salt from kestovia").refused


def test_a_fact_box_written_as_plain_lines_answers_from_its_fields(make_kb: KnowledgeBaseFactory) -> None:
    """A readout's box of "Label: value" lines (no bullets, no blank lines between) is stored with each field on
    its own line, and a field answers with the box's other fields as its context: the "Format" line never names
    who met, the "Participants" line two lines below does."""
    from bot.knowledge.model import GLOBAL_SCOPE

    knowledge = make_kb()
    readout = (
        b"---\ntitle: Veloria's President receives Quintara's Prime Minister\npublished: 2031-06-11\n"
        b"countries: [Veloria, Quintara]\n---\n\n"
        b"A fictional readout for a test; none of these people exist.\n\n"
        b"Format: working lunch, about forty minutes\n"
        b"Venue: the Glass Hall, Lumenhal\n"
        b"Participants: President Ansel Drau (Veloria) and Prime Minister Teodor Vask (Quintara)\n\n"
        b"The two leaders spoke about river freight and a shared weather service.\n"
    )
    assert knowledge.ingestor.ingest_upload(readout, "lunch.md", scope=GLOBAL_SCOPE).status == "added"
    assert any("forty minutes\nVenue:" in chunk.text for chunk in knowledge.store.all_chunks())
    answer = knowledge.ask("how long did drau and vask talk for")
    assert not answer.refused and "forty minutes" in answer.text
