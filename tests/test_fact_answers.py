"""Questions about a visit, or for a list of deals, answered from the extracted facts' own sentences.

Real pipeline throughout: the shipped article and the fictional fixtures ingested into embedded Chroma,
then `KnowledgeBase.ask`. Each case is one the sentence scorer alone got wrong.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

import pytest

from bot.facts.model import Evidence, Official
from bot.knowledge.model import CitedAnswer, covers_countries
from bot.knowledge.text_terms import stem
from bot.services import KnowledgeBase
from tests.conftest import ask_of_one_report, write_fictional_article


def _sources(answer: CitedAnswer) -> set[str]:
    return {PurePath(c.article.source).name for c in answer.citations}


@pytest.fixture(scope="module")
def shared_kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> KnowledgeBase:  # noqa: ANN001
    from bot.services import build_knowledge_base
    from tests.conftest import FICTIONAL_ARTICLES, SHIPPED_ARTICLES, settings_for_tests

    knowledge = build_knowledge_base(settings_for_tests(tmp_path_factory.mktemp("facts") / "data"), embedder=embedder)
    outcomes = knowledge.ingestor.ingest_paths([SHIPPED_ARTICLES, FICTIONAL_ARTICLES])
    assert all(o.status == "added" for o in outcomes), outcomes
    return knowledge


def test_whom_a_visitor_described_by_title_met_comes_from_that_visit(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("who did the kestovian fm meet in norrvald")
    assert not answer.refused
    assert "Liv Aasmark" in answer.text and "Edvin Halloran" in answer.text
    # The president's planned trip to the same city is another visit: its sentence must not be quoted.
    assert "Drevik" not in answer.text
    assert _sources(answer) == {"2026-02-13-kestovia-norrvald-vostrel-skarnholm.md"}
    for citation in answer.citations:
        assert citation.quote in answer.text


def test_when_quotes_the_sentence_with_the_visits_own_days(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("when did ilsa varn visit lumenhal")
    assert "April 16-17" in answer.text
    assert len(answer.citations) == 1


def test_why_quotes_the_reason(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("why was halvard's trip to drasnovar called off")
    assert "flooding" in answer.text


def test_a_planned_visit_is_told_with_its_status(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("is the velorian defence minister going to quintara")
    assert "accepted an invitation" in answer.text
    assert "Varn, the Quintaran defence minister, wrapped up" not in answer.text  # the other direction


def test_who_came_names_the_visitor(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("who came to aubrevale for the security dialogue")
    assert "Ondrej Kavalin" in answer.text


def test_a_visitor_no_article_names_is_refused(shared_kb: KnowledgeBase) -> None:
    # Kestovia's foreign minister and president visited Norrvald; no article names a Kestovian prime minister.
    answer = shared_kb.ask("when did the kestovian prime minister visit norrvald")
    assert answer.refused


def test_a_role_no_article_gives_that_country_is_refused(shared_kb: KnowledgeBase) -> None:
    # Found by trying it as a new user: Baram's visit is not an Indian prime minister's visit to Israel.
    answer = shared_kb.ask("when did the indian prime minister visit israel")
    assert answer.refused


def test_role_abbreviations_describe_the_visitor(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("who did the quintaran def min meet in lumenhal")
    assert "Mathis Orrelane" in answer.text and "Sabine Corlett" in answer.text


def test_a_list_of_trips_is_read_from_the_visits_whatever_else_the_words_suggest(shared_kb: KnowledgeBase) -> None:
    """"list all trips between X and Y": the answer-type model may take the words for fields, but a list question
    about trips is answered by the extracted trips, one cited line each, from every article that has one."""
    answer = shared_kb.ask("list all trips between kestovia and norrvald in 2026")
    assert not answer.refused
    assert "Vostrel" in answer.text and "Drevik" in answer.text, answer.text


def test_listing_visits_names_each_trip_once(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("all visits between kestovia and norrvald in 2026")
    assert "Vostrel" in answer.text and "Drevik" in answer.text and "Halvard" in answer.text
    vostrel_trip = [c for c in answer.citations if "Vostrel" in c.quote and "Skarnholm" in c.quote]
    assert len(vostrel_trip) == 1  # told by two articles, listed once, from the fuller report
    assert "arrived in Skarnholm on Monday" in vostrel_trip[0].quote


def test_listing_deals_takes_every_agreement_of_the_pair(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("list all the deals veloria and quintara have signed")
    assert "240 million" in answer.text
    assert "research and development" in answer.text  # the March MoU, from another article
    assert _sources(answer) == {"2026-03-12-veloria-quintara-jwg-sarrowmere.md",
                                "2026-04-20-quintara-radar-contract-lumenhal.md"}


def test_a_question_about_a_visits_content_is_left_to_the_sentence_scorer(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("did baram meet any indian defence firms")
    assert "defence companies" in answer.text


def test_three_countries_mean_any_two_of_them() -> None:
    assert covers_countries(("Elsmarra", "Galdrevia"), ("Elsmarra", "Galdrevia", "Oskerund"))
    assert not covers_countries(("Elsmarra", "Veloria"), ("Elsmarra", "Galdrevia", "Oskerund"))
    assert covers_countries(("India", "Israel"), ("Israel", "India"))
    assert not covers_countries(("India",), ("India", "Israel"))


def test_a_spelling_repair_does_not_make_a_role(make_kb) -> None:  # noqa: ANN001
    # The PTI article never says "minister", so the question's "minister" is repaired to "ministry"; Baram,
    # Director General of the Ministry of Defence, must still not pass for Israel's defence minister.
    from tests.conftest import SHIPPED_ARTICLES

    knowledge = make_kb()
    knowledge.ingestor.ingest_paths([SHIPPED_ARTICLES])
    assert knowledge.ask("when did israel's defence minister visit india").refused
    assert "July 22-23" in knowledge.ask("when did the israeli mod dg visit india").text


def test_what_an_agreement_covers_quotes_its_terms(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("whats in the veloria quintara research mou")
    assert "was signed by the two co-chairs" in answer.text
    assert "joint research fund" in answer.text  # the terms, not only the signing
    assert _sources(answer) == {"2026-03-12-veloria-quintara-jwg-sarrowmere.md"}


def test_a_chat_summary_gathers_several_sentences_on_the_pair(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("give me a quick overview of kestovia norrvald ties")
    assert not answer.refused
    assert len(answer.citations) >= 3
    assert len(_sources(answer)) >= 2  # the pair's story is told by more than one article
    assert all(covers_countries(c.article.countries, ("Kestovia", "Norrvald")) for c in answer.citations)
    assert not any(c.quote.rstrip().endswith("?") for c in answer.citations)


@pytest.mark.xfail(strict=True, reason="known regression of the learned answerer: the dateline month is context, "
                   "and a later recap that names the month outranks the dated report")
def test_a_month_is_read_from_the_articles_date(shared_kb: KnowledgeBase) -> None:
    # The February report says "on Wednesday"; the June article's recap names February but is not the source.
    answer = shared_kb.ask("what did kestovia and norrvald sign in february")
    assert "cross-border electricity trading" in answer.text
    assert _sources(answer) == {"2026-02-13-kestovia-norrvald-vostrel-skarnholm.md"}


@pytest.mark.xfail(strict=True, reason="known regression of the learned answerer: a second sentence within "
                   "half the best one's probability is added even when it names another ministry")
def test_a_sentence_about_another_ministry_is_not_added(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("who is the dg of the quintaran trade ministry")
    assert "Oskar Pellum" in answer.text
    assert "Straker" not in answer.text  # Director General of Defence Planning: the wrong ministry


def test_which_countries_lists_each_counterpart_once_and_only_past_meetings(shared_kb: KnowledgeBase) -> None:
    answer = shared_kb.ask("which countries has kestovia held talks with")
    assert "Norrvald" in answer.text and "Solmere" in answer.text
    assert "will pay a state visit" not in answer.text  # a planned trip is no talks held



def test_a_visit_whose_sentences_lack_what_is_asked_is_not_the_answer() -> None:
    """"who met aldous at the airport": the extracted visit's sentences never mention an airport, so the
    visit strategy leaves the question to the sentence scorer, which reads the whole article."""
    from bot.facts.described_officials import Sides
    from bot.facts.model import Evidence, Visit
    from bot.facts.visit_questions import evidence_cover
    from bot.knowledge.question import Concept, QuestionProfile

    def concept(word: str, **flags: bool) -> Concept:
        return Concept(word, ((word,),), 2.0, **flags)

    visit = Visit("Corin Aldous", "Veloria", "Quintara", met=("Mirela Ostrava",), evidence=(
        Evidence("Aldous held talks with President Mirela Ostrava in Sarrowmere.", 0, 60),))
    airport = QuestionProfile("who met aldous at the airport", "", (concept("aldous"), concept("airport")),
                              "person", ())
    talks = QuestionProfile("who did aldous hold talks with", "", (concept("aldous"), concept("talk")), "person", ())
    nobody = Sides(None, (), None)
    assert evidence_cover(airport, visit, nobody) == 0.5
    assert evidence_cover(talks, visit, nobody) == 1.0
    # words describing the visitor were matched on the visitor's title, not on the visit's sentences
    described = QuestionProfile("the velorian president's visit", "", (concept("president"),), "general", ())
    assert evidence_cover(described, visit, Sides("Veloria", ("president",), None)) == 1.0


def test_who_did_something_else_about_a_visit_is_not_whom_the_visitor_met(fictional_gazetteer) -> None:  # noqa: ANN001
    """"who announced widodos china trip" asks for the announcer, not for the people Widodo would meet: the visit
    strategy quotes the people met only when the question speaks of meeting."""
    from bot.facts.model import ArticleFacts, Evidence, Official, Visit
    from bot.facts.visit_questions import visit_quotes
    from bot.knowledge.question import Concept, QuestionProfile
    from bot.knowledge.text_terms import terms

    def concept(word: str) -> Concept:
        return Concept(word, ((word,),), 2.0)

    lead = "Spokeswoman Ida Vossberg said on Monday that Corin Aldous would travel to Quintara on March 9."
    talks = "Aldous will hold talks with President Mirela Ostrava."
    visit = Visit("Corin Aldous", "Veloria", "Quintara", met=("Mirela Ostrava",), status="planned",
                  evidence=(Evidence(lead, 0, len(lead)), Evidence(talks, len(lead) + 1, len(lead) + 1 + len(talks))))
    facts = {"a": ArticleFacts(officials=(Official("Corin Aldous", ("President",), country="Veloria"),),
                               visits=(visit,))}
    known = {"a": frozenset(terms(f"{lead} {talks}"))}

    def asked(text: str, *words: str) -> list[str]:
        profile = QuestionProfile(text, text, tuple(concept(w) for w in words), "person", ())
        found = visit_quotes(profile, facts, known, fictional_gazetteer, gives_reason=lambda _: False)
        assert isinstance(found, list)
        return [q.sentence for q in found]

    assert asked("who said aldous was going", "aldous") == []
    assert asked("who will aldous hold talks with", "aldous", "talk") == [talks]


def test_a_described_official_is_no_missing_visitor_when_the_question_names_someone(fictional_gazetteer) -> None:  # noqa: ANN001
    """"the quintaran trade minister aldous was to meet" describes whom a named traveller meets, not a visitor:
    that no Quintaran trade minister was extracted proves nothing (extraction misses some). Without a name, a
    visitor described by a role nobody holds is still refused."""
    from bot.facts.model import ArticleFacts, Visit
    from bot.facts.visit_questions import NoSuchOfficial, visit_quotes
    from bot.knowledge.question import Concept, QuestionProfile
    from bot.knowledge.text_terms import terms

    lead = "President Corin Aldous of Veloria will travel to Sarrowmere on March 9 for trade talks."
    visit = Visit("Corin Aldous", "Veloria", "Quintara", destination_city="Sarrowmere", status="planned",
                  evidence=(Evidence(lead, 0, len(lead)),))
    facts = {"a": ArticleFacts(officials=(Official("Corin Aldous", ("President",), country="Veloria"),
                                          Official("Mark Tessel", ("Envoy",), country="Veloria")),
                               visits=(visit,))}
    known = {"a": frozenset(terms(lead))}
    names = {"aldous"}  # the words the articles write as a name

    def found(text: str, *words: str) -> object:
        concepts = tuple(Concept(w, ((w,),), 2.0, named=w in names) for w in words)
        return visit_quotes(QuestionProfile(text, text, concepts, "person", ()), facts, known, fictional_gazetteer,
                            gives_reason=lambda _: False)

    assert not isinstance(found("the quintaran trade minister aldous was to meet - name?", "quintaran", "trade",
                                "minist", "aldous", "meet"), NoSuchOfficial)
    assert isinstance(found("when did the quintaran trade minister visit veloria", "quintaran", "trade", "minist",
                            "visit", "veloria"), NoSuchOfficial)
    # an everyday word that is also someone's first name names nobody
    assert isinstance(found("did the quintaran trade minister visit veloria to mark the day", "quintaran", "trade",
                            "minist", "visit", "veloria", "mark"), NoSuchOfficial)


def official(name: str, title: str, country: str, sentence: str) -> Official:
    """An extracted official with one title, seen in one sentence."""
    return Official(name, (title,), country=country, evidence=(Evidence(sentence, 0, len(sentence)),))


def test_holders_of_a_role_are_listed_from_each_article(fictional_gazetteer) -> None:  # noqa: ANN001
    """"who were the trade ministers at the two fairs": every official whose title fits, from each article,
    one sentence per person; a role one article lacks leaves a list read in parts to the sentence scorer."""
    from bot.facts.described_officials import plural_role
    from bot.facts.model import ArticleFacts
    from bot.facts.official_questions import role_holder_quotes
    from bot.knowledge.question import Concept, QuestionProfile

    def concept(word: str, **flags: bool) -> Concept:
        return Concept(word, ((stem(word),),), 2.0, **flags)

    fair = "Trade Minister Ilsa Marrow and her counterpart Trade Minister Oda Quill opened the fair."
    expo = "Commerce and Trade Minister Tavo Renn toured the expo with President Corin Aldous."
    facts = {"fair": ArticleFacts(officials=(official("Ilsa Marrow", "Trade Minister", "Veloria", fair),
                                             official("Oda Quill", "Trade Minister", "Quintara", fair))),
             "expo": ArticleFacts(officials=(official("Tavo Renn", "Commerce and Trade Minister", "Quintara", expo),
                                             official("Corin Aldous", "President", "Veloria", expo)))}
    profile = QuestionProfile("who were the trade ministers at the two fairs", "",
                              (concept("trade"), concept("ministers"), concept("fairs")), "person", ())
    assert plural_role(profile, fictional_gazetteer) == ("trade", "ministers")
    quotes = role_holder_quotes(profile, facts, fictional_gazetteer, every_article=True)
    assert [(q.article_id, q.sentence) for q in quotes] == [("fair", fair), ("expo", expo)]

    # a holder named in both articles is listed once, and still counts for the second
    both = {"fair": facts["fair"], "again": ArticleFacts(officials=(official("Oda Quill", "Trade Minister", "Quintara",
                                                                             "Trade Minister Oda Quill spoke."),))}
    assert [q.article_id for q in role_holder_quotes(profile, both, fictional_gazetteer, every_article=True)] == [
        "fair"]

    presidents = QuestionProfile("which presidents came", "", (concept("presidents"),), "person", ())
    assert role_holder_quotes(presidents, facts, fictional_gazetteer, every_article=True) == []
    assert [q.sentence for q in role_holder_quotes(presidents, facts, fictional_gazetteer, every_article=False)] \
        == [expo]
    # one side's ministers are the official questions' (bot/facts/official_questions.py official_quotes)
    velorian = QuestionProfile("the velorian trade ministers", "",
                               (concept("velorian", is_country=True), concept("trade"), concept("ministers")),
                               "person", ("Veloria",))
    assert plural_role(velorian, fictional_gazetteer) == ()


def test_a_countrys_officials_are_whoever_it_gives_a_title(fictional_gazetteer) -> None:  # noqa: ANN001
    """"list the quintaran officials in these stories": every titled Quintaran, from each article; "an official
    visit" describes no one."""
    from bot.facts.described_officials import described_roles
    from bot.facts.model import ArticleFacts
    from bot.facts.official_questions import official_quotes
    from bot.knowledge.question import Concept, QuestionProfile

    port = "Harbour Master Tavo Renn showed Velorian Trade Minister Ilsa Marrow the new quay."
    fair = "Quintaran envoy Oda Quill opened the fair."
    facts = {"port": ArticleFacts(officials=(official("Tavo Renn", "Harbour Master", "Quintara", port),
                                             official("Ilsa Marrow", "Trade Minister", "Veloria", port))),
             "fair": ArticleFacts(officials=(official("Oda Quill", "envoy", "Quintara", fair),))}
    profile = QuestionProfile("list the quintaran officials in these stories", "",
                              (Concept("quintaran", (("quintaran",),), 1.0, is_country=True),
                               Concept("officials", (("offici",),), 2.0)), "person", ("Quintara",), wants_many=True)
    assert [q.sentence for q in official_quotes(profile, facts, fictional_gazetteer, many=True)] == [port, fair]
    assert described_roles("when was the quintaran official visit", fictional_gazetteer) == ()


def test_a_portfolio_after_of_or_for_is_part_of_the_role(fictional_gazetteer) -> None:  # noqa: ANN001
    """"quintara's minister for fisheries and ports (lumenhal talks)": the portfolio's first word narrows the
    role ("fisheries"), within its phrase."""
    from bot.facts.described_officials import described_roles

    (sides,) = described_roles("quintara's minister for fisheries and ports (lumenhal talks)", fictional_gazetteer)
    assert sides.role_words == ("minister", "fisheries")
    # the words after the portfolio's first may be the rest of the question
    (sides,) = described_roles("when did the veloria minister of defence go to quintara", fictional_gazetteer)
    assert sides.role_words == ("minister", "defence")
    (sides,) = described_roles("who is veloria's minister of foreign affairs", fictional_gazetteer)
    assert sides.role_words == ("minister", "foreign")
    (sides,) = described_roles("veloria fm of the day", fictional_gazetteer)
    assert sides.role_words == ("fm",)
    # a country of several words, typed with a possessive
    (sides,) = described_roles("who's trinidad and tobago's minister of energy", fictional_gazetteer)
    assert (sides.visitor, sides.role_words) == ("Trinidad and Tobago", ("minister", "energy"))


def test_a_visits_sentences_that_state_no_value_of_the_kind_asked_are_no_answer(shared_kb: KnowledgeBase) -> None:
    """"what agreements came out of halloran's kestovia visit": his planned trip's sentence states no agreement,
    so the visit strategy leaves the question to the sentence scorer; "when" about a trip is still the visit's."""
    _, explanation = shared_kb.ask_explained("what agreements came out of halloran's kestovia visit")
    assert explanation.strategy != "visit facts"
    _, explanation = shared_kb.ask_explained("when does brennick travel to drasnovar")
    assert explanation.strategy == "visit facts"


def test_deals_still_to_be_signed_are_not_the_ones_signed(shared_kb: KnowledgeBase) -> None:
    """"what deals will halloran sign in kestovia": the agreements Vostrel signed in Skarnholm are no list of
    what is still to come, so the agreement strategy leaves it to the sentence scorer."""
    _, explanation = shared_kb.ask_explained("what deals will halloran sign in kestovia")
    assert explanation.strategy != "agreement facts"
    _, explanation = shared_kb.ask_explained("list the deals kestovia and norrvald signed")
    assert explanation.strategy == "agreement facts"


def test_a_question_about_who_signed_the_deals_is_not_answered_with_the_deals(shared_kb: KnowledgeBase) -> None:
    """"which kestovian officials signed the deals": a question about the people, described by their country,
    is no list of the agreements themselves."""
    _, explanation = shared_kb.ask_explained("which kestovian officials signed the deals with norrvald")
    assert explanation.strategy != "agreement facts"
    _, explanation = shared_kb.ask_explained("list the deals kestovia and norrvald signed")
    assert explanation.strategy == "agreement facts"


@pytest.mark.parametrize("question", ["whats the euro value of the electricity agreement signed in skarnholm",
                                      "for how many years does the electricity agreement in skarnholm run"])
def test_an_amount_asked_of_one_deal_is_not_answered_with_its_terms(shared_kb: KnowledgeBase, question: str) -> None:
    """A sum or a span asked of a deal is a value the sentence scorer looks for (with its value gates); the
    deal's own sentences, which state none, are no answer."""
    _, explanation = shared_kb.ask_explained(question)
    assert explanation.strategy != "agreement facts"


def test_the_deals_of_an_official_asked_about_are_not_those_only_others_signed() -> None:
    """"what deals did marrow sign": an agreement whose sentence names only Quill is his, not hers; one whose
    sentence names nobody ("the two ministers signed") may still be."""
    from bot.facts.agreement_questions import agreement_quotes
    from bot.facts.model import Agreement, ArticleFacts, Evidence, Official
    from bot.knowledge.question import QuestionProfile

    hers = "Marrow signed a grain agreement with Quintara."
    his = "Quill signed a fisheries agreement in Sarrowmere."
    nobody = "The two ministers also signed a ports agreement."
    facts = {"a": ArticleFacts(
        officials=(Official("Ilsa Marrow", ("Trade Minister",), country="Veloria"),
                   Official("Oda Quill", ("Fisheries Minister",), country="Quintara")),
        agreements=tuple(Agreement("agreement", subject, ("Veloria", "Quintara"), evidence=(Evidence(s, 0, len(s)),))
                         for subject, s in (("grain", hers), ("fisheries", his), ("ports", nobody))))}
    profile = QuestionProfile("what deals did marrow sign", "", (), "general", ())
    assert {q.sentence for q in agreement_quotes(profile, facts, {"a": None})} == {hers, nobody}


def test_a_deal_whose_sentence_names_the_asked_official_by_title_is_still_theirs() -> None:
    """"what deals did marrow sign" and "The Trade Minister and Quintara's Oda Quill signed …": Marrow is the
    Trade Minister, so the deal is hers too."""
    from bot.facts.agreement_questions import agreement_quotes
    from bot.facts.model import Agreement, ArticleFacts, Evidence, Official
    from bot.knowledge.question import QuestionProfile

    told = "The Trade Minister and Quintaran Fisheries Minister Oda Quill signed a grain agreement."
    facts = {"a": ArticleFacts(
        officials=(Official("Ilsa Marrow", ("Trade Minister",), country="Veloria"),
                   Official("Oda Quill", ("Fisheries Minister",), country="Quintara")),
        agreements=(Agreement("agreement", "grain", ("Veloria", "Quintara"), evidence=(Evidence(told, 0, len(told)),)),))}
    profile = QuestionProfile("what deals did marrow sign", "", (), "general", ())
    assert [q.sentence for q in agreement_quotes(profile, facts, {"a": None})] == [told]


@pytest.mark.parametrize("question", ["where did ilsa varn go in may 2025",
                                      "when is ilsa varn going to visit lumenhal"])
def test_a_visit_of_another_time_than_asked_is_no_answer(shared_kb: KnowledgeBase, question: str) -> None:
    """Varn's visit to Lumenhal was in April 2026 and is over: a question pinned to another year, or asking when
    it is to come, is not answered as that trip (the sentence scorer reads the articles instead)."""
    answer, explanation = shared_kb.ask_explained(question)
    assert explanation.strategy != "visit facts", answer.text
    _, explanation = shared_kb.ask_explained("where did ilsa varn go in april 2026")
    assert explanation.strategy == "visit facts"
    _, explanation = shared_kb.ask_explained("when did ilsa varn visit lumenhal ahead of the upcoming contract")
    assert explanation.strategy == "visit facts"


def test_deals_listed_under_a_count_are_each_quoted_by_their_own_line(make_kb, tmp_path) -> None:  # noqa: ANN001
    # The count's sentence backs every item; quoted for the first item, it left that item's own line unsaid.
    answer = ask_of_one_report(
        make_kb, tmp_path, "which 3 accords did veloria sign with quintara",
        "2031-05-02", "three-accords", "Veloria and Quintara sign three accords",
        "Veloria and Quintara signed three accords in Lumenhal on Friday.\n\n"
        "**The three accords**\n\n"
        "- **Fisheries management.** The first accord sets shared catch limits for the Verrin shelf.\n"
        "- **Customs data exchange.** The second lets the two customs services share cargo manifests.\n"
        "- **Seismic monitoring.** The third links the two countries' earthquake observatories.\n",
    )
    assert not answer.refused
    for item in ("Fisheries management", "Customs data exchange", "Seismic monitoring"):
        assert item in answer.text
    assert answer.text.count("signed three accords") == 1


def test_a_person_described_by_two_offices_is_whoever_holds_both(make_kb, tmp_path) -> None:  # noqa: ANN001
    # "dpm/fm" names one person with two titles, which no single title of theirs covers.
    answer = ask_of_one_report(
        make_kb, tmp_path, "quintara dpm/foreign min at the reception for venn",
        "2031-07-01", "reception", "Velorian president received in Lumenhal",
        "Velorian President Arlo Venn arrived in Lumenhal on Monday for a state visit to Quintara.\n\n"
        "A reception was held for the guest. Attending on the Quintaran side were Dr Ilse Marrow, Prime Minister "
        "of Quintara; Oskar Pell, Deputy Prime Minister and Minister of Foreign Affairs; and other officials.\n",
    )
    assert not answer.refused
    assert "Oskar Pell" in answer.text


def test_an_office_asked_of_a_year_is_answered_by_the_holder_of_that_years_report(make_kb, tmp_path) -> None:  # noqa: ANN001
    # Two reports, years apart, name two Velorian foreign ministers meeting the same premier; the question's year
    # picks the report.
    for day, minister, topic in (("2029-05-14", "Orla Fenwick", "ferry tariffs on the Verrin crossing"),
                                 ("2032-09-02", "Tomas Brell", "a shared seismic observatory in the north")):
        write_fictional_article(
            tmp_path, day, f"talks-{day[:4]}", "Veloria and Quintara hold talks",
            f"Velorian Foreign Minister {minister} held talks in Lumenhal with Quintaran Premier Ilse Marrow.\n\n"
            f"The two sides discussed {topic} and agreed to meet again.\n",
        )
    knowledge = make_kb(near_copies=False)
    knowledge.ingestor.ingest_paths([tmp_path])
    answer = knowledge.ask("who was veloria's fm when marrow hosted the 2029 talks")
    assert "Orla Fenwick" in answer.text and "Tomas Brell" not in answer.text


def test_offices_are_read_together_only_when_the_question_joins_them() -> None:
    from bot.facts.described_officials import offices

    official = Official("Oskar Pell", ("Minister of State", "Defence Adviser"), country="Norrvald")
    assert offices(official, "who is norrvald's defence minister") == ("Minister of State", "Defence Adviser")
    assert "Minister of State Defence Adviser" in offices(official, "norrvald minister of state/defence adviser")


def test_a_year_that_only_marks_a_point_keeps_every_report(make_kb, tmp_path) -> None:  # noqa: ANN001
    # "since 2029" is no year the answer must come from: a later report that never writes it still answers.
    answer = ask_of_one_report(
        make_kb, tmp_path, "who has been veloria's foreign minister since 2029",
        "2032-09-02", "talks-2032", "Veloria and Quintara hold talks",
        "Velorian Foreign Minister Tomas Brell held talks in Lumenhal with Quintaran Premier Ilse Marrow.\n\n"
        "The two sides discussed a shared seismic observatory and agreed to meet again.\n",
    )
    assert "Tomas Brell" in answer.text


def test_a_country_asked_by_a_name_two_share_is_the_one_the_article_is_about(make_kb, tmp_path) -> None:  # noqa: ANN001
    # "Congo" is the Democratic Republic's name and the Republic's: a report on the Republic answers "congo"
    path = tmp_path / "2031-04-07-republic-of-the-congo-quintara-ferry.md"
    path.write_text(
        '---\ntitle: "Congo and Quintara open a ferry terminal (fictional)"\noutlet: Fictional Test Wire\n'
        "url: https://example.org/fictional/congo-ferry\npublished: 2031-04-07\n"
        "countries: [Republic of the Congo, Quintara]\nfictional: true\n---\n"
        "Congo's President Ama Lusolo opened the Verrin ferry terminal at Oyo on Monday, with Quintaran "
        "envoys looking on.\n\nThe terminal was built with a Quintaran loan of $40 million.\n",
        encoding="utf-8",
    )
    knowledge = make_kb()
    knowledge.ingestor.ingest_paths([path])
    answer = knowledge.ask("which congo president opened the ferry terminal at oyo")
    assert not answer.refused
    assert "Ama Lusolo" in answer.text


def test_a_role_the_report_writes_without_a_name_is_there_unless_its_holder_is_asked(
        fictional_gazetteer) -> None:  # noqa: ANN001
    """"why did the quintaran trade minister walk out": a report that only says "the Quintaran trade minister"
    answers it; "who was the quintaran trade minister" it does not. A second role, not the one asked ("name
    the velorian envoy the quintaran trade minister met"), needs no name either. The country has to be the
    role's own, not another person's in the same sentence."""
    from bot.facts.described_officials import described_roles
    from bot.facts.model import ArticleFacts
    from bot.facts.official_questions import roles_possibly_held
    from bot.knowledge.question import Concept, QuestionProfile

    def concept(word: str, **flags: bool) -> Concept:
        return Concept(word, ((stem(word),),), 2.0, **flags)

    text = ("Velorian envoy Oda Quill hosted the fair in Lumenhal. The Quintaran trade minister, whom the "
            "organisers did not name, walked out before the closing speeches.")
    facts = {"fair": ArticleFacts(officials=(official("Oda Quill", "envoy", "Veloria", text),))}
    quintaran = concept("quintaran", is_country=True)
    why = QuestionProfile("why did the quintaran trade minister walk out", "",
                          (quintaran, concept("trade"), concept("minister"), concept("walk")), "general",
                          ("Quintara",))
    assert described_roles(why.text, fictional_gazetteer)
    assert roles_possibly_held(why, facts, fictional_gazetteer, {"fair": text}.__getitem__,
                               asks_who=False) == {"fair": True}
    # without the text, or asked whom it was, nobody named may hold it
    assert roles_possibly_held(why, facts, fictional_gazetteer, asks_who=False) == {"fair": False}
    who = replace(why, text="who was the quintaran trade minister at the fair")
    assert roles_possibly_held(who, facts, fictional_gazetteer, {"fair": text}.__getitem__,
                               asks_who=True) == {"fair": False}
    # a report that never writes the role for that country proves the near miss, though it names both
    for elsewhere in ("Velorian envoy Oda Quill hosted the fair in Lumenhal.",
                      "Velorian Trade Minister Ilsa Marrow visited Quintara and walked out of the talks.",
                      "Quintara welcomed Velorian Trade Minister Ilsa Marrow on Tuesday."):
        assert roles_possibly_held(why, facts, fictional_gazetteer, {"fair": elsewhere}.__getitem__,
                                   asks_who=False) == {"fair": False}
    # the country after the role ("… of the Quintaran Federation") is its own too
    for written in ("The Minister of Trade of the Quintaran Federation walked out early.",
                    "The Quintaran trade minister walked out on Velorian Trade Minister Ilsa Marrow."):
        assert roles_possibly_held(why, facts, fictional_gazetteer, {"fair": written}.__getitem__,
                                   asks_who=False) == {"fair": True}, written
    met = QuestionProfile("name the velorian envoy the quintaran trade minister met", "",
                          (concept("velorian", is_country=True), concept("envoy"), quintaran, concept("trade"),
                           concept("minister"), concept("met")), "person", ("Veloria", "Quintara"))
    assert len(described_roles(met.text, fictional_gazetteer)) == 2
    assert roles_possibly_held(met, facts, fictional_gazetteer, {"fair": text}.__getitem__,
                               asks_who=True) == {"fair": True}


def test_an_agreement_on_another_subject_is_not_what_a_subject_s_agreement_covers(shared_kb: KnowledgeBase) -> None:
    # The only Veloria–Quintara MoU is on defence research: it says nothing of what a tourism MoU covers.
    answer, explanation = shared_kb.ask_explained("what does the veloria quintara tourism mou cover")
    assert explanation.strategy != "agreement facts"
    assert "joint research fund" not in answer.text


def test_a_role_typed_short_or_in_the_plural_still_describes_its_holders(fictional_gazetteer) -> None:  # noqa: ANN001
    """"the velorian fish minister" and "list the velorian pms": a portfolio word cut short and an abbreviation in the
    plural fit the titles they shorten; the official the question already names is not the one it asks for."""
    from bot.facts.described_officials import described_roles
    from bot.facts.model import ArticleFacts
    from bot.facts.official_questions import official_quotes
    from bot.knowledge.question import Concept, QuestionProfile

    talks = "Minister of Fisheries and Oceans Ilsa Marrow met the delegation."
    summit = "Prime Minister Tavo Renn and Prime Minister Oda Quill spoke at the summit."
    facts = {"talks": ArticleFacts(officials=(official("Ilsa Marrow", "Minister of Fisheries and Oceans", "Veloria",
                                                        talks),)),
             "summit": ArticleFacts(officials=(official("Tavo Renn", "Prime Minister", "Veloria", summit),
                                               official("Oda Quill", "Prime Minister", "Veloria", summit)))}
    velorian = Concept("velorian", (("velorian",), ("veloria",)), 1.0, is_country=True)
    short = QuestionProfile("who is the velorian fish minister", "",
                            (velorian, Concept("fish", (("fish",),), 2.0), Concept("minister", (("minist",),), 2.0)),
                            "person", ("Veloria",))
    assert [q.sentence for q in official_quotes(short, {"talks": facts["talks"]}, fictional_gazetteer)] == [talks]
    assert described_roles("name the velorian pms", fictional_gazetteer)[0].role_words == ("pms",)
    pms = QuestionProfile("name the velorian pms", "", (velorian, Concept("pms", (("pms",), ("prime", "minist")),
                                                                          2.0)), "person", ("Veloria",))
    assert [q.sentence for q in official_quotes(pms, facts, fictional_gazetteer, many=True)] == [summit]
    named = QuestionProfile("who met velorian pm quill at the summit", "",
                            (velorian, Concept("pm", (("pm",), ("prime", "minist")), 2.0),
                             Concept("quill", (("quill",),), 3.0), Concept("summit", (("summit",),), 2.0)),
                            "person", ("Veloria",))
    assert official_quotes(named, {"summit": ArticleFacts(officials=facts["summit"].officials[1:])},
                           fictional_gazetteer) == []
    # a surname that is an everyday word elsewhere in the question ("in quill") is no naming of the official
    elsewhere = replace(named, text="who was velorian pm at the summit in quill")
    assert official_quotes(elsewhere, {"summit": ArticleFacts(officials=facts["summit"].officials[1:])},
                           fictional_gazetteer) != []
    # "press" and "pres" are no plural of a role, nor the beginning of one
    assert described_roles("what did the velorian press say", fictional_gazetteer) == ()


@pytest.mark.parametrize("question", ["kestovian fm - her norrvald hosts",
                                      "the person kestovian fm vostrel met first in norrvald"])
def test_a_question_asking_for_a_person_without_who_gets_the_people_met(shared_kb: KnowledgeBase,
                                                                        question: str) -> None:
    """No "who" is typed, yet the question as a whole asks for people (the answer-type model reads it so): the
    visit's sentences naming whom the visitor met answer it, not the visitor's own arrival."""
    answer = shared_kb.ask(question)
    assert "Liv Aasmark" in answer.text
    assert answer.reason.startswith("visit facts")


def test_a_speaker_or_a_chairwoman_is_an_office_a_question_describes(fictional_gazetteer) -> None:  # noqa: ANN001
    """"the velorian parliament speaker", "the quintaran council chairwoman": offices beyond ministers describe
    someone; an article naming no such holder of that country has no one who fits (a near miss), while one that
    names her does."""
    from bot.facts.described_officials import described_roles
    from bot.facts.model import ArticleFacts
    from bot.facts.official_questions import role_holders
    from bot.knowledge.question import Concept, QuestionProfile

    assert described_roles("who's the velorian parliament speaker", fictional_gazetteer)[0].role_words == (
        "parliament", "speaker")
    assert described_roles("name the quintaran council chairwoman", fictional_gazetteer)[0].role_words == (
        "council", "chairwoman")
    talks = "Velorian Trade Minister Ilsa Marrow met Speaker of the Quintaran Parliament Oda Quill."
    facts = {"talks": ArticleFacts(officials=(official("Ilsa Marrow", "Trade Minister", "Veloria", talks),
                                              official("Oda Quill", "Speaker of the Quintaran Parliament",
                                                       "Quintara", talks)))}

    def asked(country: str, adjective: str) -> QuestionProfile:
        return QuestionProfile(f"who's the {adjective} parliament speaker", "",
                               (Concept(adjective, ((adjective,), (country.casefold(),)), 1.0, is_country=True),
                                Concept("parliament", (("parliament",),), 2.0), Concept("speaker", (("speaker",),),
                                                                                         2.0)), "person", (country,))
    assert role_holders(asked("Veloria", "velorian"), facts, fictional_gazetteer) == {"talks": ((),)}
    assert role_holders(asked("Quintara", "quintaran"), facts, fictional_gazetteer) == {"talks": (("Oda Quill",),)}


def test_a_role_is_written_by_its_own_words_never_by_a_spelling_repair(fictional_gazetteer) -> None:  # noqa: ANN001
    """On a corpus that never writes "minister", the question's "minister" is repaired to "ministry"; "the
    Velorian Defence Ministry" still does not write the role "velorian defence minister", while "the Velorian
    Defence Minister" does."""
    from bot.facts.described_officials import Sides
    from bot.facts.official_questions import role_written
    from bot.knowledge.question import Concept, QuestionProfile

    def profile(minister: Concept) -> QuestionProfile:
        return QuestionProfile("when did the velorian defence minister visit", "",
                               (Concept("velorian", (("velorian",), ("veloria",)), 1.0, is_country=True),
                                Concept("defence", (("defenc",),), 2.0), minister), "date", ("Veloria",))
    sides = Sides("Veloria", ("defence", "minister"))
    repaired = profile(Concept("minister", (("ministri",),), 2.0, repaired=True))
    assert not role_written(repaired, sides, "The statement came from the Velorian Defence Ministry.",
                            fictional_gazetteer)
    typed = profile(Concept("minister", (("minist",),), 2.0))
    assert role_written(typed, sides, "The Velorian Defence Minister spoke first.", fictional_gazetteer)


@pytest.mark.parametrize(("question", "asks_for_the_official"), [
    ("who's the velorian president meeting in sarrowmere", False),
    ("who was at the airport to greet the velorian president", False),
    ("who's the velorian president quill met", True),
    ("which velorian president met quill in sarrowmere", True),
    ("name the velorian president hosting the talks", True),
    ("who visited the velorian president", False),
])
def test_an_official_who_meets_or_is_met_is_not_the_one_asked_for(fictional_gazetteer, question: str,  # noqa: ANN001
                                                                  asks_for_the_official: bool) -> None:
    """A meeting verb right after the role ("the velorian president meeting") or just before it ("to greet the
    velorian president") makes the official a party to the meeting, and the question asks for the other one;
    with someone else's name between the role and the verb, the official is the one asked for."""
    from bot.facts.model import ArticleFacts
    from bot.facts.official_questions import official_quotes
    from bot.knowledge.question import Concept, QuestionProfile

    sentence = "Velorian President Tavo Renn flew to Sarrowmere for talks."
    facts = {"trip": ArticleFacts(officials=(official("Tavo Renn", "President", "Veloria", sentence),))}
    profile = QuestionProfile(question, "", (Concept("velorian", (("velorian",), ("veloria",)), 1.0, is_country=True),
                                             Concept("president", (("presid",),), 2.0)), "person", ("Veloria",))
    found = official_quotes(profile, facts, fictional_gazetteer)
    assert bool(found) is asks_for_the_official


def test_which_city_is_not_answered_by_the_country_alone(make_kb, tmp_path) -> None:  # noqa: ANN001
    # A visit's sentence that names only the country ("a visit to Quintara") tells no city.
    answer = ask_of_one_report(
        make_kb, tmp_path, "which city did marrow go to on her quintara visit",
        "2031-08-04", "coast-talks", "Velorian trade minister ends Quintara visit",
        "Velorian Trade Minister Ilse Marrow ended a three-day visit to Quintara on Friday.\n\n"
        "The minister spent most of it on the coast. In Dunmarrow she held talks with Quintaran Prime Minister "
        "Edvin Halloran on grain exports.\n",
    )
    assert not answer.refused
    assert "Dunmarrow" in answer.text


def test_how_long_they_met_is_not_answered_by_the_visits_day(make_kb, tmp_path) -> None:  # noqa: ANN001
    # A one-day visit's sentence tells when, not how long the talks lasted; the sentence that says so answers.
    answer = ask_of_one_report(
        make_kb, tmp_path, "how long did dray and halloran meet",
        "2031-08-05", "short-talks", "Velorian president in Sarrowmere",
        "Velorian President Anselm Dray held talks with Quintaran Prime Minister Edvin Halloran in Sarrowmere on "
        "Monday.\n\nThe talks went on for about ninety minutes before a lunch by the river.\n",
    )
    assert not answer.refused
    assert "ninety minutes" in answer.text


def test_a_visitor_called_by_the_given_name_is_still_the_visitor(make_kb, tmp_path) -> None:  # noqa: ANN001
    # Many leaders go by their given name ("abiy"): "corin's host" is whom Corin Aldous met, and only the sentence
    # naming the host answers it (not the one telling of his arrival).
    answer = ask_of_one_report(
        make_kb, tmp_path, "who was corin's host in quintara",
        "2031-09-02", "corin-arrives", "Velorian leader Corin Aldous on working visit to Quintara",
        "Velorian President Corin Aldous landed in Sarrowmere on Tuesday for a working visit to Quintara.\n\n"
        "He held talks with President Mirela Ostrava, who hosted him at her palace.\n",
    )
    assert not answer.refused
    assert [c.quote for c in answer.citations] == ["He held talks with President Mirela Ostrava, who hosted him at "
                                                   "her palace."]


def test_a_year_in_the_question_asks_for_no_list_of_trips(make_kb, tmp_path) -> None:  # noqa: ANN001
    # "… in 2031" names when, it does not ask for every trip: the visit's host is the answer, not its lead line.
    answer = ask_of_one_report(
        make_kb, tmp_path, "who welcomed aldous to quintara in 2031",
        "2031-09-03", "aldous-welcome", "Velorian president visits Quintara",
        "Velorian President Corin Aldous arrived in Sarrowmere on Wednesday for a two-day visit to Quintara.\n\n"
        "He was welcomed at the palace by Quintaran President Mirela Ostrava, who hosted a dinner in his honour.\n",
    )
    assert not answer.refused
    assert "Ostrava" in answer.text


def test_why_a_trip_changed_is_answered_by_the_sentence_giving_its_purpose(make_kb, tmp_path) -> None:  # noqa: ANN001
    # A reason is told by any of the ways the answer types know ("so that", "in order to", "because"), not one word.
    answer = ask_of_one_report(
        make_kb, tmp_path, "why did aldous put off his quintara trip",
        "2031-09-04", "aldous-delay", "Velorian foreign minister puts off Quintara trip",
        "Velorian Foreign Minister Corin Aldous has put off a planned visit to Quintara so that he can attend the "
        "harbour summit in Ostburg on May 4.\n\n"
        "The summit itself was moved to May 4 because the host city could not make the earlier dates, officials "
        "in Ostburg said of the visit.\n",
    )
    assert not answer.refused
    assert "so that he can attend" in answer.text


def test_where_two_leaders_held_talks_is_not_answered_by_the_arrival(make_kb, tmp_path) -> None:  # noqa: ANN001
    # The trip's arrival names the country; the talks' own sentence names where they sat down.
    answer = ask_of_one_report(
        make_kb, tmp_path, "where did brenn and tarrant sit down for talks",
        "2031-05-02", "brenn-visit", "Brenn in Quintara",
        "Velorian President Ada Brenn arrived in Quintara on Tuesday at Chancellor Oswin Tarrant's invitation.\n\n"
        "On Wednesday Brenn and Tarrant held talks at the Amber Hall of the chancellery in Sarrowmere, then "
        "watched their ministers sign a ferry accord.\n",
    )
    assert not answer.refused and "Amber Hall" in answer.text


def test_someone_known_only_as_a_counterpart_may_hold_the_office_of_the_one_they_meet(fictional_gazetteer) -> None:  # noqa: ANN001
    """"who was quintara's ports minister at the talks", where the report calls him only "her Quintaran counterpart":
    he may hold the office the Velorian he meets holds, so the question is no near miss; an office nobody on the
    other side holds ("quintara's health minister") he is not known to hold."""
    from bot.facts.model import ArticleFacts
    from bot.facts.official_questions import roles_possibly_held
    from bot.knowledge.question import Concept, QuestionProfile

    def concept(word: str, **flags: bool) -> Concept:
        return Concept(word, ((stem(word),),), 2.0, **flags)

    text = ("Velorian Ports Minister Ilsa Marrow met her Quintaran counterpart, Doran Velsk, in Sarrowmere on "
            "Tuesday.")
    facts = {"talks": ArticleFacts(officials=(official("Ilsa Marrow", "Ports Minister", "Veloria", text),
                                              official("Doran Velsk", "counterpart", "Quintara", text)))}
    quintaran = concept("quintaran", is_country=True)
    ports = QuestionProfile("who was the quintaran ports minister at the talks", "",
                            (quintaran, concept("ports"), concept("minister"), concept("talks")), "person",
                            ("Quintara",))
    assert roles_possibly_held(ports, facts, fictional_gazetteer) == {"talks": True}
    health = replace(ports, text="who was the quintaran health minister at the talks",
                     concepts=(quintaran, concept("health"), concept("minister"), concept("talks")))
    assert roles_possibly_held(health, facts, fictional_gazetteer) == {"talks": False}
    # a head of state, named only as such, may be the president the other side's president meets
    leader = official("Doran Velsk", "head of state", "Quintara", text)
    president = official("Ilsa Marrow", "President", "Veloria", text)
    asked = QuestionProfile("who is the quintaran president", "", (quintaran, concept("president")), "person",
                            ("Quintara",))
    assert roles_possibly_held(asked, {"talks": ArticleFacts(officials=(president, leader))},
                               fictional_gazetteer) == {"talks": True}
    assert roles_possibly_held(asked, {"talks": ArticleFacts(officials=(leader,))}, fictional_gazetteer) == {
        "talks": False}
    # but not a minister's office: a head of state is no foreign minister
    minister = official("Ilsa Marrow", "Foreign Minister", "Veloria", text)
    fm = QuestionProfile("name of the quintaran foreign minister", "",
                         (quintaran, concept("foreign"), concept("minister")), "person", ("Quintara",))
    assert roles_possibly_held(fm, {"talks": ArticleFacts(officials=(minister, leader))}, fictional_gazetteer) == {
        "talks": False}


_PORTS_REPORT = (
    "2031-09-10", "ports-talks", "Veloria and Quintara agree on port fees",
    "Velorian Prime Minister Arlo Venn arrived in Sarrowmere on Tuesday for two days of talks on port fees.\n\n"
    "The fee schedule was initialled by Oskar Pell, Quintara's Minister of Ports and Inland Waterways, and by "
    "the Velorian delegation's head of logistics.\n\n"
    "Veloria will put up 75 million dollars to dredge the Kelvasport channel, the two sides said.\n\n"
    "Pell later told reporters that the schedule would take effect in the spring and that the dredging would "
    "create 4,000 jobs.\n",
)


@pytest.mark.parametrize("question", ["whats oskar pell's title", "who's oskar pell?", "pell - whats his role"])
def test_a_question_that_names_someone_and_asks_what_they_are_gets_the_sentence_with_their_title(
        make_kb, tmp_path, question: str) -> None:  # noqa: ANN001
    """A name is too little for the sentence scorer to tell the titled sentence from the report's opening."""
    answer = ask_of_one_report(make_kb, tmp_path, question, *_PORTS_REPORT)
    assert "Minister of Ports and Inland Waterways" in answer.text
    assert "arrived in Sarrowmere" not in answer.text


@pytest.mark.parametrize("question", ["how many jobs will pell's dredging create", "what is pell's position on the fees",
                                      "what role did pell play in the talks", "who is pell meeting next"])
def test_a_question_that_names_someone_but_asks_something_else_is_not_asked_as_their_title(
        question: str) -> None:
    from bot.facts.model import ArticleFacts
    from bot.facts.named_titles import named_title_quotes

    sentence = ("The fee schedule was initialled by Oskar Pell, Quintara's Minister of Ports and Inland Waterways, "
                "on Tuesday.")
    facts = {"ports": ArticleFacts(officials=(official("Oskar Pell", "Minister of Ports and Inland Waterways",
                                                       "Quintara", sentence),))}
    assert named_title_quotes(question, facts) == []
    assert named_title_quotes("pell - role?", facts) != []


def test_whom_a_described_official_acts_on_is_not_who_they_are_even_typed_short() -> None:
    """"who'd the velorian pm talk to": whom the prime minister spoke with, not the prime minister."""
    from bot.facts.official_questions import _ACTS

    assert _ACTS.search("who'd the velorian pm talk to in sarrowmere")
    assert _ACTS.search("what’d the quintaran fm sign")
    assert _ACTS.search("whod the quintaran fm meet")
    assert not _ACTS.search("who is the velorian pm")
    assert not _ACTS.search("i'd like to know who quintara's ports minister is")


@pytest.mark.parametrize("question", ["how much is veloria giving quintara", "how much $$ is veloria providing"])
def test_an_amount_given_is_asked_as_an_amount_not_as_a_thing_priced(make_kb, tmp_path,
                                                                     question: str) -> None:  # noqa: ANN001
    """"giving" asks how much, as "paying" does; it is not a thing whose price the sentence must name."""
    answer = ask_of_one_report(make_kb, tmp_path, question, *_PORTS_REPORT)
    assert "75 million dollars" in answer.text


def test_a_verb_no_report_writes_right_after_who_is_not_taken_for_a_first_name(make_kb, tmp_path) -> None:  # noqa: ANN001
    """"who escorted venn at port edrin": a word no article has, before a name, may be a first name that a quote
    must carry ("rajnath singh"); right after "who" it is the question's verb."""
    answer = ask_of_one_report(
        make_kb, tmp_path, "who escorted venn at port edrin",
        "2031-10-06", "venn-arrives", "Velorian president lands in Port Edrin",
        "Quintaran President Arlo Venn landed at Port Edrin airport on Monday for a two-day state visit to Veloria.\n\n"
        "On the tarmac to meet him was Velorian Trade Minister Oskar Pell, who drove with him into the city.\n")
    assert not answer.refused
    assert "Oskar Pell" in answer.text


def test_a_region_asked_by_name_is_named_by_its_adjective() -> None:
    """"where did venn's europe trip begin": a report on "his European tour" names Europe; one that never writes
    it, in either form, does not."""
    from bot.knowledge.answering import mentions_named_things
    from bot.knowledge.question import Concept, QuestionProfile

    europe = Concept("europe", (("europ",),), 2.0, named=True)
    profile = QuestionProfile("where did venn's europe trip begin", "", (europe,), "place", ())
    assert mentions_named_things(profile, frozenset({"european", "tour", "lumenhal"}))
    assert not mentions_named_things(profile, frozenset({"tour", "lumenhal"}))
    assert not mentions_named_things(profile, frozenset({"europium", "tour"}))
    japan = QuestionProfile("venn's japan trip", "", (Concept("japan", (("japan",),), 2.0, named=True),), "place", ())
    assert mentions_named_things(japan, frozenset({"japanes", "tour"}))  # "Japanese", as a stem
    # a short name or a name's own ending is no adjective: Li is not Lin, Amin not Amini
    for name, written in (("li", "lin"), ("amin", "amini")):
        person = QuestionProfile(f"who is {name}", "", (Concept(name, ((name,),), 2.0, named=True),), "person", ())
        assert not mentions_named_things(person, frozenset({written})), name


def test_a_live_blog_entry_is_dated_by_its_time_stamp(make_kb, tmp_path) -> None:  # noqa: ANN001
    """"when did venn land": the entry that tells the landing writes no date; the time stamp above it does, and is
    quoted with it, first, before any older visit's dated sentence."""
    answer = ask_of_one_report(
        make_kb, tmp_path, "when did venn land in port edrin",
        "2031-03-04", "venn-live", "Live: Quintaran president in Veloria",
        "**3 Mar, morning — Arrival**\n"
        "Quintaran President Arlo Venn has landed at Port Edrin airport for a two-day state visit.\n\n"
        "**3 Mar, noon — Background**\n"
        "Venn last came to Veloria in May 2027, when the two sides opened the Verrin ferry line, and again in "
        "June 2029 for the fisheries summit.\n\n"
        "**3 Mar, evening — Dinner**\n"
        "President Ilse Marrow hosted a dinner for the guest at the Lumenhal palace.\n")
    assert not answer.refused
    assert answer.text.startswith("3 Mar, morning — Arrival [1]")
    assert answer.text.index("has landed at Port Edrin") < answer.text.find("May 2027") or "May 2027" not in answer.text


@pytest.mark.parametrize(("line", "stamp"), [
    ("14 Mar, evening — Dinner", True), ("Tuesday 09:30 - Talks begin", True), ("Sept 4 — Day two", True),
    ("Background", False), ("The talks began on 14 March and lasted two days.", False),
    ("Why Friday matters", False), ("Fees to fall by 2.50 dollars a ton", False), ("Date: 28 Feb", False),
    ("- 3 Mar: arrival in Lumenhal", False),
    ("Leaders of Veloria and Quintara agree on ferry fees in Lumenhal after many rounds of talks", False),
])
def test_a_time_stamp_is_a_short_dated_heading(line: str, stamp: bool) -> None:
    from bot.answers.candidates import is_time_stamp

    assert is_time_stamp(line) is stamp


_FERRY_DEALS = (
    "2031-11-12", "ferry-deals", "Veloria and Quintara sign four ferry deals",
    "Veloria and Quintara signed four agreements on ferry routes, port fees, crew training and safety drills in "
    "Lumenhal on Wednesday.\n\n"
    "The deals were presented at a joint briefing by Velorian Transport Minister Ilsa Marrow and her Quintaran "
    "counterpart, Ports Minister Oskar Pell.\n\n"
    "The first ferries under the new terms will sail in the spring.\n",
)


def test_an_official_described_in_a_question_that_names_deals_is_the_official(make_kb, tmp_path) -> None:  # noqa: ANN001
    """"quintara's ports minister in the ferry deals story - name?" asks for the minister, not the deals; "deals
    presented by quintara's ports minister?" asks for the deals."""
    knowledge = make_kb()
    knowledge.ingestor.ingest_paths([write_fictional_article(tmp_path, *_FERRY_DEALS)])
    answer = knowledge.ask("quintara's ports minister in the ferry deals story - name?")
    assert not answer.refused
    assert "Oskar Pell" in answer.text
    assert "crew training" not in answer.text
    assert "crew training" in knowledge.ask("which deals did quintara's ports minister present").text


def test_a_short_sentence_that_states_a_number_can_answer(make_kb, tmp_path) -> None:  # noqa: ANN001
    """"Twelve aides flew with him." is short, but its number is the answer to "how many aides went with venn"; a
    short line whose number is a date's or a page's ("Page 2 of 3.") stays unquotable."""
    from bot.knowledge.answering import quotable

    assert not quotable("Page 2 of 3.") and not quotable("Updated on 2 March 2031.")
    answer = ask_of_one_report(
        make_kb, tmp_path, "how many aides went with venn to veloria",
        "2031-12-01", "venn-aides", "Quintaran president visits Veloria",
        "Quintaran President Arlo Venn arrived in Lumenhal on Monday for his first official visit to Veloria, where "
        "he was received by President Ilse Marrow.\n\n"
        "Twelve aides flew with him. The programme included a tour of the Cassivar shipyards and a dinner.\n")
    assert "Twelve aides flew with him." in answer.text
