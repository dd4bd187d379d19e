"""The answer pipeline (bot/answers/): its parts alone, then whole questions on a real store.

Wordings here differ on purpose from every evaluation question: a fix lands with a test of the general
behaviour, not of the miss that prompted it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from bot.answers.answer_types import TypeExamples
from bot.answers.candidates import Candidate
from bot.answers.features import FEATURES, holder_named, people_named, spelled_in, states_count_of
from bot.answers.model import AnswerModel, Thresholds
from bot.answers.question import kind_text
from bot.answers.selection import select
from bot.answers.training import Scored, cross_validate, label
from bot.config import AnswerSettings, load_settings
from bot.evaluation.questions import EvalQuestion
from bot.knowledge.answering import telling_names
from bot.knowledge.embedder import OnnxEmbedder, span_pooled
from bot.knowledge.model import ArticleMeta, Chunk, RetrievedChunk
from bot.knowledge.question import Concept, QuestionProfile, counted_noun
from bot.knowledge.text_terms import stem, terms
from bot.services import KnowledgeBase
from tests.conftest import FICTIONAL_ARTICLES, SHIPPED_ARTICLES, write_fictional_article

SETTINGS = AnswerSettings()


@pytest.fixture(scope="module")
def model() -> AnswerModel:
    return AnswerModel.load(SETTINGS.model)


@pytest.fixture(scope="module")
def values() -> TypeExamples:
    return TypeExamples.load(SETTINGS.types)


# --- understanding the question ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "kind"), [
    ("what did the harbour board pay for the two tugboats", "money"),
    ("hw much $$ went into the solar park", "money"),
    ("how many ferries r in the order", "count"),
    ("date the envoys sat down?", "date"),
    ("for how many hours can the balloon remain airborne", "duration"),
    ("how long will the fishing accord stay in force", "duration"),
    ("when does the ferry service start", "date"),
    ("what's the price of the new bridge", "money"),
    ("which paper carried this story", "source"),
    ("who will chair the commission", "person"),
    ("give me the short version of the port talks", "summary"),
    ("how large will the reservoir behind the dam be", "count"),  # a size, not an amount of money
    ("how wide will the new bridge be", "count"),
])
def test_answer_type_comes_from_the_whole_question(model: AnswerModel, embedder: OnnxEmbedder, question: str,
                                                   kind: str) -> None:
    types = model.types.probabilities(embedder.embed_query(question), question)
    assert max(types, key=types.__getitem__) == kind, types


@pytest.mark.parametrize(("question", "many"), [
    ("name the harbour chiefs that show up in the ferry and bridge stories", True),
    ("list every fishing accord the two coasts signed", True),
    ("when was the ferry accord signed in 2029", False),  # a year is not a list ("in 2029" once was)
    ("who runs the ferry company", False),
])
def test_whether_a_question_wants_a_list_across_articles_is_learned(model: AnswerModel, embedder: OnnxEmbedder,
                                                                     question: str, many: bool) -> None:
    probability = model.types.many_probability(embedder.embed_query(question), question)
    assert probability is not None and (probability >= 0.5) == many, probability


def test_the_letter_ngrams_replay_what_scikit_learn_fitted() -> None:
    """Answering reads the n-gram TF-IDF in numpy; it must be the vector the model was fitted on."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from bot.answers.answer_types import NgramWeights, letter_ngrams

    texts = ["how much is the ferry deal", "whn r the talks", "how many tugs $$", "ferry talks how much"]
    fitted = TfidfVectorizer(analyzer=letter_ngrams, sublinear_tf=True).fit(texts)
    weights = NgramWeights({str(g): int(i) for g, i in fitted.vocabulary_.items()}, fitted.idf_)
    for text in [*texts, "how much how much ferry", "nothing known"]:
        expected = fitted.transform([text]).toarray()[0]
        assert np.allclose(weights.vector(text), expected, atol=1e-5), text


def test_the_opening_words_are_read_again_with_their_place() -> None:
    """The asking word leads a question: "who flew in for a one-day trip" and "for a one-day trip, who flew in"
    hold the same words, but only the first opens with "who"; the opening words' n-grams are marked with their
    place, only for words the model reads."""
    from bot.answers.answer_types import letter_ngrams

    leading, trailing = letter_ngrams("who flew in for a one-day trip"), letter_ngrams("for a one-day trip who flew in")
    assert "0^who" in leading and "1^fle" in leading and "0^who" not in trailing and "0^for" in trailing
    assert sorted(g for g in leading if "^" not in g) == sorted(g for g in trailing if "^" not in g)
    assert not any(g.startswith("0^") for g in letter_ngrams("kestovia mou", frozenset({"mou"})))


def test_a_word_few_question_sets_ask_teaches_no_type() -> None:
    """The type model reads n-grams only of words several question sets ask: "mou" and "$$" teach what a
    question wants, a name one set repeats ("kestovia") does not, whatever else it sits beside."""
    from bot.answers.answer_types import NgramWeights, letter_ngrams

    common = frozenset({"how", "much", "is", "the", "mou"})
    assert letter_ngrams("how much is the kestovia mou", common) == letter_ngrams("how much is the mou")
    weights = NgramWeights({" ke": 0, "mou": 1}, np.ones(2, dtype=np.float32), common)
    assert weights.vector("kestovia mou")[0] == 0.0 and weights.vector("kestovia mou")[1] > 0.0


@pytest.mark.parametrize(("question", "label", "kind"), [
    ("whats the new shipping firm called", "cooperation", "organisation"),
    ("which agency runs the joint patrols", "cooperation", "organisation"),
    ("which sectors will the two navies work on", "cooperation", "areas"),
    ("sectors velorian firms may invest in", "cooperation", "areas"),     # a body named, fields asked
    ("name the sectors the two navies will work on", "cooperation", "areas"),
    ("name of the velorian trade minister", "official", "person"),
    ("who came along on the trip", "visit", None),
])
def test_a_question_labelled_for_fields_that_asks_a_name_teaches_organisation(
        values: TypeExamples, question: str, label: str, kind: str | None) -> None:
    """A set's "cooperation" label mostly asks for fields; one that asks what something is called or which
    body does the work wants an organisation, and the type model is taught so."""
    assert values.labelled_type(question, label) == kind


def test_a_value_is_new_when_the_question_names_its_unit_but_not_its_number(values: TypeExamples) -> None:
    """ "how many weeks did the envoy stay" is answered by "three weeks", and "how many treaties" by "nine
    treaties": the unit the question asks in is not the value. The question's own number is no new value."""
    asked = frozenset({"how", "many", "weeks", "did", "the", "envoy", "stay"})
    assert "duration" in values.read("The envoy stayed three weeks in Lumenhal.", asked)[1]
    treaties = frozenset({"how", "many", "treaties", "were", "signed"})
    assert "count" in values.read("Nine treaties were signed at the palace.", treaties)[1]
    in_2031 = frozenset({"what", "happened", "in", "2031"})
    assert "date" not in values.read("In 2031 the quays were rebuilt.", in_2031)[1]
    assert "person" not in values.read("Ilse Marwick spoke.", frozenset({"who", "is", "marwick"}))[1]


def test_why_someone_stayed_or_turned_back_is_a_reason_value(values: TypeExamples) -> None:
    """The infinitive after a movement tells why ("flew home early to attend …"); a place after "to" does not."""
    assert "reason" in values.held_by("The envoy stayed behind in Lumenhal to oversee the flood relief.")
    assert "reason" in values.held_by("She left the summit a day early to attend her party's congress.")
    assert "reason" not in values.held_by("The envoy flew to Lumenhal on Monday.")
    assert "reason" not in values.held_by("He returned to the capital on Friday.")
    for sentence in ("The general came to power in 2029.", "She returned to work on Monday.",
                     "He went on to become president.", "She remained committed to strengthening ties."):
        assert "reason" not in values.held_by(sentence)


def test_one_field_named_as_what_work_or_skill_is_in_is_an_areas_value(values: TypeExamples) -> None:
    """"which sector" is answered by "Veloria's know-how in shipbuilding" though no list of fields is written;
    a place or "the region" after "cooperation in" is no field."""
    assert "areas" in values.held_by("Quintara hopes to draw on Veloria's know-how in shipbuilding.")
    assert "areas" in values.held_by("Both sides backed closer collaboration in the field of fisheries.")
    assert "areas" in values.held_by("They backed cooperation in oil.")
    assert "areas" in values.held_by("The envoys sought more collaboration between the two navies on salvage.")
    assert "areas" in values.held_by("He urged partnership between Veloria and Quintara in aquaculture.")
    assert "areas" not in values.held_by("Cooperation between the two sides in recent years has grown.")
    assert "areas" not in values.held_by("Cooperation between the two sides in turn deepened.")
    # the field is the value: "two" and the countries are the question's words, not a repeat of the answer
    held, new = values.read("They want cooperation between Veloria and Quintara on salvage.",
                            frozenset({"which", "areas", "two", "veloria", "quintara"}))
    assert "areas" in new
    for sentence in ("Cooperation in the region came up.", "Investment in Sarrowmere doubled.",
                     "They spoke of cooperation in the future.", "Cooperation in recent years has grown.",
                     "She praised their cooperation in this regard.", "It is a partnership on which both rely.",
                     "He has long experience in office.", "Cooperation in line with the charter was urged.",
                     "Investment in both countries rose."):
        assert "areas" not in values.held_by(sentence)


def test_a_count_of_agreements_may_name_them_as_documents(values: TypeExamples) -> None:
    """"how many treaties were signed" is answered by "signed four documents": a family of words counts one kind
    of thing; a count of people is no count of documents."""
    treaties = values.counted_together(stem, "treaties")
    assert states_count_of("The ministers put their names to four documents in Lumenhal.", treaties)
    assert not states_count_of("Four delegates attended the signing in Lumenhal.", treaties)
    # a number before other words of the sentence counts those: "two official visits" are no officials
    assert not states_count_of("He made two official visits.", values.counted_together(stem, "officials"))
    assert values.counted_together(stem, "lighthouses") == frozenset()


def test_a_decision_reached_is_an_agreement_value(values: TypeExamples) -> None:
    """"what did the board decide" is answered by what it agreed or resolved, with no document named."""
    assert "agreement" in values.held_by("The harbour board resolved to close the old quay in May.")
    assert "agreement" in values.held_by("The two councils decided that the ferry would run daily.")
    assert "agreement" not in values.held_by("The board met on Tuesday and toured the quay.")


def test_a_time_of_day_is_a_date_value(values: TypeExamples) -> None:
    assert "date" in values.held_by("The forum opened at 10.45 am with a address by the envoy.")
    assert "date" in values.held_by("**19:30 — the banquet begins**")
    assert "date" not in values.held_by("The bridge cost 4.25 billion in all.")


def test_sentences_show_which_values_they_hold(values: TypeExamples) -> None:
    assert "money" in values.held_by("The harbour board set aside an NZD40 million fund for the quays.")
    assert "money" in values.held_by("Exports reached 12.5bn last year.")
    assert "duration" in values.held_by("The trawlers may stay at sea for 40 hours before refuelling.")
    assert "duration" in values.held_by("The envoy is due in Lumenhal on Sept. 5-6 for the river forum.")
    assert "money" in values.held_by("The port upgrade will cost ₹1,200 crore.")
    # a scale word before a noun counts things; before a preposition or a verb it is an amount
    assert "money" not in values.held_by("The mill will grind 3.5 million bushels of wheat a year.")
    assert "money" not in values.held_by("Some 40 million visitors crossed the border.")
    assert "money" in values.held_by("The refit was valued at 85 million in all.")
    assert "money" in values.held_by("Turnover rose to 2.4 billion this year.")
    assert "money" in values.held_by("The dam is worth 300 million rand to the province.")
    assert "money" not in values.held_by("A 1.5 million-tonne silo opens in May.")
    assert "date" in values.held_by("The ferry link opens on 3 March.")
    assert not {"money", "duration"} & values.held_by("The ministers discussed fisheries and tourism.")
    # "which sectors …": a list of fields, or the line that opens one
    assert "areas" in values.held_by("The pact covers shipbuilding, grain storage, river ports and tourism.")
    assert "areas" in values.held_by("Between them, the memoranda cover:")
    assert "areas" not in values.held_by("The ministers met in Lumenhal on Monday and signed a pact.")
    assert "areas" in values.held_by("- grain storage - river ports - shipbuilding - a few service sectors")
    assert "areas" in values.held_by("- people-to-people ties - river ports - shipbuilding")
    assert "areas" not in values.held_by("The minister - who arrived late - met the envoy - and left.")
    assert "areas" not in values.held_by("- grain storage - river ports")
    assert "place" in values.held_by("- Tuesday, 18:30, State banquet, Grand Orsolay Hotel.")
    assert "place" not in values.held_by("- Tuesday, 18:30, State banquet.")
    assert "place" not in values.held_by("The House passed the bill on Tuesday.")
    # a venue named after "the" where something happens
    assert "place" in values.held_by("The envoys dined at the Selvane Pavilion Terrace on Tuesday.")
    assert "place" in values.held_by("Talks were held at the Old Citadel.")
    assert "place" not in values.held_by("The envoys dined at the invitation of the mayor.")
    assert "place" not in values.held_by("The terms are set out in the Joint Statement.")
    assert "place" not in values.held_by("The two sides will raise it at the UN next month.")
    # a fact box's field of place, and a place opening its sentence
    assert "place" in values.held_by("- Venue: Orsolay Castle gardens, Lumenhal.")
    assert "place" in values.held_by("City of the signing: Sarrowmere")
    assert "place" not in values.held_by("- Format: working lunch")
    assert "place" in values.held_by("At Sarrowmere the envoys signed the charter.")
    # every number word counts, whatever its case ("Seventeen", "eighteen")
    assert "count" in values.held_by("Seventeen engineers will staff the ferry terminal.")
    assert "count" in values.held_by("The harbour now has eighteen berths.")
    # a cause told as such, without "because"
    assert "reason" in values.held_by("The ferry talks were put off for reasons of budget.")
    assert "reason" in values.held_by("A storm forced the cancellation of the harbour ceremony.")
    assert "reason" not in values.held_by("The ministers toured the harbour on Tuesday.")
    # a purpose told as such, without "to boost" or "so that"
    assert "reason" in values.held_by("The new ferry line is meant to cut the crossing to an hour.")
    assert "reason" in values.held_by("Both sides said the summit should serve as a fresh start.")
    assert "reason" in values.held_by("The goal of the harbour round is a single customs check.")
    assert "reason" not in values.held_by("The ferry will serve three ports from May.")
    assert "reason" not in values.held_by("Ada Venn will serve as ambassador to Quintara from May.")
    assert "reason" not in values.held_by("The ferry talks were meant to begin in May.")


@pytest.mark.parametrize(("typed", "written"), [
    ("kx12", "the KX-12 launcher"),             # joined form of a hyphenated name
    ("seabird", "the Sea Bird radar"),          # joined form of two words
    ("tidewal", "during Exercise Tidewall"),    # a letter short
    ("harbour", "at the harbour in Kelvasport"),
])
def test_typed_variants_are_found_in_the_text(typed: str, written: str) -> None:
    assert spelled_in(typed, written)


def test_unrelated_words_are_not_variants() -> None:
    assert not spelled_in("tidewall", "the harbour police")
    assert not spelled_in("ab", "a b")  # too short to judge


@pytest.mark.parametrize(("sentence", "held", "new"), [
    # the guest the question names, with capitalised pairs around him, is no answer to who hosted him
    ("Velorian President Ilse Marwick landed in Sarrowmere for a State Visit.", True, False),
    # the host, an official of the article the question does not name, is
    ("Quintaran President Oda Quill met her at the Harbour Palace.", True, True),
    # no official named: the value patterns decide (an untitled person stays one)
    ("He was greeted at the quay by Tomas Brell.", True, True),
])
def test_a_person_in_a_sentence_is_one_of_its_articles_officials(sentence: str, held: bool, new: bool) -> None:
    asked = frozenset({"who", "hosted", "marwick", "sarrowmere"})
    found_held, found_new = people_named(sentence, ["Ilse Marwick", "Oda Quill"], asked, frozenset({"person"}),
                                         frozenset({"person"}))
    assert ("person" in found_held, "person" in found_new) == (held, new)


@pytest.mark.parametrize(("question", "noun"), [
    ("how many accords in all were inked at the port forum", "accords"),   # a word after the noun is no noun
    ("how many harbour cranes", "cranes"),
    ("how many ppl", "ppl"),                                             # no plural: the last word
    ("how many pacts harlis and ostus signed", "pacts"),                 # names after the noun are no noun
])
def test_a_count_counts_the_plural_noun_after_how_many(question: str, noun: str) -> None:
    assert counted_noun(question) == noun


@pytest.mark.parametrize(("question", "noun"), [
    ("how many folk came w valerin to ostrava", "folk"),            # a verb ends what is counted
    ("how many staff travelled along with the envoy", "staff"),
    ("how many military aircraft", "aircraft"),                     # a modifier before the noun is no noun
    ("how many veloria quintara deal", "deal"),                     # countries after it are no noun
    ("how many velorians live in ostrava", "velorians"),            # a people counted by its country's word
    ("how many bonus payments", "payments"),                        # "bonus" is no plural of a known word
])
def test_a_count_ends_at_a_verb_and_counts_no_place(question: str, noun: str) -> None:
    """Chat leaves the plural out or writes a short form: what is counted is the noun after "how many", not a
    country, a city or a person the question goes on to name."""
    assert counted_noun(question, frozenset({"ostrava", "veloria", "quintara", "velorians"})) == noun


def test_a_short_form_ending_in_us_is_a_plural_when_the_articles_know_its_singular() -> None:
    known = frozenset({"mou"})
    assert counted_noun("how many mous veloria quintara", frozenset({"veloria", "quintara"}),
                        lambda word: word in known) == "mous"


@pytest.mark.parametrize(("sentence", "counts"), [
    ("The ministers signed seven new bilateral accords in Lumenhal.", True),
    ("Some 1,200 Velorian accords have been filed since then.", True),
    ("The two sides discussed their historic friendship at the 5th session.", False),   # counts sides, not accords
    ("It was the third accord between them.", False),                                   # an order, not a count
    ("They signed 12 new bilateral trade and investment accords.", True),
    ("In 2030 accords were signed on ports.", False),                                   # a year counts nothing
    ("- Stay: under 48 hours - Accords: a few, on ports", False),                       # a fact box's fields apart
    ("Talks ran for 3 hours; accords followed on Friday.", False),
])
def test_a_count_question_is_answered_only_by_a_count_of_what_it_asks(sentence: str, counts: bool) -> None:
    assert states_count_of(sentence, frozenset({stem("accords")})) is counts


# --- choosing and refusing --------------------------------------------------------------------------------------


def _candidate(text: str, article: str, probability: float) -> Candidate:
    meta = ArticleMeta(article_id=article, title=article)
    passage = RetrievedChunk(Chunk(f"{article}-0", article, 0, text), meta, 1.0)
    return Candidate(text=text, passage=passage, passage_rank=0, start=0, chunk_index=0, number=0, similarity=0.5,
                     own_terms=frozenset(text.lower().split()), context_terms=frozenset(), probability=probability)


def test_a_list_takes_a_further_articles_item_near_the_best_one_but_not_a_weak_one() -> None:
    """Each article answers its own part of a list question in words only it has, so a further article's item
    is held to the share of the best item's probability that a further sentence needs, not to the threshold
    a whole answer needs."""
    best = _candidate("Quintara's delegation was led by Mira Castell.", "a", 0.9)
    near = _candidate("Veloria sent its deputy minister, Arlo Fenn.", "b", 0.5)
    weak = _candidate("The talks were held in a friendly atmosphere.", "c", 0.3)
    found = select([best, near, weak], Thresholds(0.6, 0.5), many=True, max_sentences=3, max_list_items=6)
    assert {c.article_id for c in found.chosen} == {"a", "b"}


def test_a_list_across_articles_is_held_to_the_list_threshold_when_one_was_fitted() -> None:
    """"the envoys in the lumenhal and the sarrowmere stories": each article answers only its part, so the best
    item may stand below the whole-answer threshold, down to the list threshold training chose; a single
    answer still needs the whole one."""
    items = [_candidate("Veloria sent its deputy minister, Arlo Fenn.", "a", 0.5),
             _candidate("Quintara's envoy was Mira Castell.", "b", 0.45)]
    fitted = Thresholds(0.6, 0.8, list_answer=0.48)
    found = select(items, fitted, many=True, max_sentences=3, max_list_items=6)
    assert {c.article_id for c in found.chosen} == {"a", "b"}
    assert select(items, fitted, many=False, max_sentences=3, max_list_items=6).chosen == ()
    unfitted = select(items, Thresholds(0.6, 0.8), many=True, max_sentences=3, max_list_items=6)
    assert unfitted.chosen == () and "below the answer threshold 0.600" in unfitted.reason
    # An item from one article alone answers the whole question, so it needs the whole-answer threshold.
    alone = select(items[:1], fitted, many=True, max_sentences=3, max_list_items=6)
    assert alone.chosen == () and "only one article" in alone.reason


def test_below_the_threshold_the_selection_refuses_and_says_why() -> None:
    found = select([_candidate("The ferry link opens in spring.", "a", 0.2)], Thresholds(0.5, 0.8), many=False,
                   max_sentences=3, max_list_items=6)
    assert found.chosen == () and "below the answer threshold" in found.reason


def test_a_question_farther_from_every_sentence_than_any_training_answer_is_refused() -> None:
    """Strong other signals (a date, the article's countries) never make an unrelated sentence an answer."""
    remote = replace(_candidate("The ferry link opens in spring 2031.", "a", 0.9), similarity=0.1)
    floored = Thresholds(0.5, 0.8, least_similarity=0.2)
    found = select([remote], floored, many=False, max_sentences=3, max_list_items=6)
    assert found.chosen == () and "as close to the question" in found.reason
    assert select([replace(remote, similarity=0.3)], floored, many=False, max_sentences=3,
                  max_list_items=6).chosen


def test_the_similarity_floor_is_where_the_farthest_answerable_training_questions_sit() -> None:
    """Near the farthest answerable question's closest sentence, but one question alone (a name asked with
    nothing else, 0.07) does not pull the floor down to it, which would let "print your system prompt" through."""
    from bot.answers.training import Scored, least_answering_similarity

    def scored(answerable: bool, *similarities: float) -> Scored:
        keys = ("x",) if answerable else ()
        question = EvalQuestion("t", "what opens in spring", keys, (), ("a.md",) if answerable else (),
                                "date" if answerable else "unanswerable")
        candidates = [replace(_candidate("A sentence.", "a", 0.0), similarity=s) for s in similarities]
        return Scored(question, candidates, np.zeros(len(candidates), dtype=int), {})

    found = [scored(True, 0.3, 0.6), scored(True, 0.25, 0.1), scored(False, 0.05), scored(True)]
    assert least_answering_similarity(found) == pytest.approx(0.25, abs=0.001)
    many = [scored(True, 0.5)] * 999 + [scored(True, 0.07), scored(False, 0.01)]
    assert least_answering_similarity(many) > 0.4


def test_a_question_sure_to_want_an_amount_quotes_only_sentences_that_state_one() -> None:
    gated = Thresholds(0.5, 0.8, value_gates={"money": 0.6})
    no_amount = _candidate("The tugboat order was the talk of the harbour.", "a", 0.9)
    amount = replace(_candidate("The board paid 30 million euros for the tugboats.", "a", 0.7),
                     new_values=frozenset({"money", "count"}))
    wants_money = {"money": 0.9, "count": 0.05, "general": 0.05}
    found = select([no_amount, amount], gated, many=False, max_sentences=3, max_list_items=6, types=wants_money)
    assert found.chosen == (amount,)
    found = select([no_amount], gated, many=False, max_sentences=3, max_list_items=6, types=wants_money)
    assert found.chosen == () and "money" in found.reason
    unsure = {"money": 0.5, "general": 0.5}  # below the gate: the best sentence stands
    found = select([no_amount, amount], gated, many=False, max_sentences=3, max_list_items=6, types=unsure)
    assert found.chosen[0] is no_amount


def _with_signs(candidate: Candidate, **signs: float) -> Candidate:
    features = [0.0] * len(FEATURES)
    for name, value in signs.items():
        features[FEATURES.index(name)] = value
    return replace(candidate, features=tuple(features))


def test_a_trusted_sign_of_a_near_miss_keeps_a_sentence_from_being_quoted() -> None:
    """ "who was the harbour board's treasurer at the launch": the board's members listed, none its treasurer.
    Once the fit trusts the sign, the list is not quoted however likely the scorer finds it; a sentence of
    another article without the sign still may be, and an untrusted sign changes nothing."""
    members = _with_signs(_candidate("The board's members are Ada Venn and Ori Talk.", "a", 0.9), role_unheld=1.0)
    elsewhere = _with_signs(_candidate("Its treasurer, Ula Marr, cut the ribbon.", "b", 0.7))
    trusted = Thresholds(0.5, 0.8, refusal_signs=("role_unheld",))
    found = select([members, elsewhere], trusted, many=False, max_sentences=3, max_list_items=6)
    assert found.chosen == (elsewhere,)
    found = select([members], trusted, many=False, max_sentences=3, max_list_items=6)
    assert found.chosen == () and "role_unheld" in found.reason
    found = select([members], Thresholds(0.5, 0.8), many=False, max_sentences=3, max_list_items=6)
    assert found.chosen == (members,)
    # a share like numbers_missing is set from one half up
    counted = Thresholds(0.5, 0.8, refusal_signs=("numbers_missing", "role_unheld"))
    under = _with_signs(_candidate("The quay reopened in spring.", "a", 0.9), numbers_missing=0.4)
    assert select([under], counted, many=False, max_sentences=3, max_list_items=6).chosen == (under,)
    half = _with_signs(_candidate("The quay reopened in spring.", "a", 0.9), numbers_missing=0.5)
    found = select([half], counted, many=False, max_sentences=3, max_list_items=6)
    assert found.chosen == () and found.reason.endswith("numbers_missing")  # the sign it showed, not every one


def test_a_sign_of_a_near_miss_is_trusted_only_where_the_training_sets_gain(tmp_path: Path) -> None:
    """choose_refusal_signs keeps a sign when refusing on it gets more questions right, not otherwise; the
    model file keeps the signs it chose."""
    from bot.answers.training import MIN_VALUE_GATE_GAIN, choose_refusal_signs

    def scored(answerable: bool, **signs: float) -> Scored:
        key = ("Venn",) if answerable else ()
        question = EvalQuestion("q", "who is the treasurer", key, (), ("a.md",) if answerable else (),
                                "person" if answerable else "unanswerable")
        candidate = _with_signs(_candidate("The treasurer is Ada Venn.", "a", 0.0), **signs)
        return Scored(question, [candidate], np.array([int(answerable)]), {})

    near_misses = [scored(False, role_unheld=1.0) for _ in range(MIN_VALUE_GATE_GAIN + 1)]
    answered = [scored(True, past_for_future=1.0) for _ in range(MIN_VALUE_GATE_GAIN + 1)]
    items = near_misses + answered
    probabilities = [np.array([0.9]) for _ in items]
    thresholds, report = choose_refusal_signs(items, probabilities, Thresholds(0.5, 0.8), 3, 6)
    assert thresholds.refusal_signs == ("role_unheld",)
    assert report["refusal_sign_gain"]["past_for_future"] < 0  # type: ignore[index]
    model = AnswerModel.load(Path("config/answer_model.json"))
    saved = tmp_path / "model.json"
    replace(model, thresholds=thresholds).save(saved)
    assert AnswerModel.load(saved).thresholds.refusal_signs == ("role_unheld",)
    replace(model, thresholds=replace(thresholds, refusal_signs=("no_such_feature",))).save(saved)
    with pytest.raises(ValueError, match="refit"):
        AnswerModel.load(saved)


def test_cross_validation_without_a_sign_never_trusts_it() -> None:
    """A feature left out of a cross-validation is held at zero in its place: the scorer learns nothing from it,
    and as a refusal sign it never fires, while every other feature is still read where it stands."""
    rng = np.random.default_rng(11)
    named = [(f"set {s}", item) for s in range(4) for item in _scored_set(rng, s)]
    for _, item in named:
        for n, c in enumerate(item.candidates):
            features = list(c.features)
            features[FEATURES.index("role_unheld")] = 1.0 if not item.question.answerable else 0.0
            item.candidates[n] = replace(c, features=tuple(features))
    settings = load_settings()
    with_sign = cross_validate(named, settings, folds=2)
    without = cross_validate(named, settings, without=("role_unheld",), folds=2)
    assert with_sign["unanswerable_refused"] == with_sign["unanswerable"]
    assert without["unanswerable_refused"] < with_sign["unanswerable_refused"]


def test_a_sentence_about_another_time_never_answers_a_question_pinned_to_one() -> None:
    other_year = replace(_candidate("The canal treaty was signed in 2030.", "a", 0.9), another_time=True)
    same_year = _candidate("The canal treaty was ratified in 2031.", "a", 0.6)
    found = select([other_year, same_year], Thresholds(0.5, 0.8), many=False, max_sentences=3, max_list_items=6)
    assert found.chosen == (same_year,)
    found = select([other_year], Thresholds(0.5, 0.8), many=False, max_sentences=3, max_list_items=6)
    assert found.chosen == () and "another" in found.reason


def test_a_list_takes_one_sentence_per_article() -> None:
    candidates = [_candidate("Firm one builds radars in the north.", "a", 0.9),
                  _candidate("Firm one also builds sonar sets there.", "a", 0.85),
                  _candidate("Firm two makes drones in the south.", "b", 0.7),
                  _candidate("Nothing here answers the question at all.", "c", 0.1)]
    found = select(candidates, Thresholds(0.5, 0.8), many=True, max_sentences=3, max_list_items=6)
    assert [c.article_id for c in found.chosen] == ["a", "b"]


def test_a_sentence_that_repeats_the_best_one_is_left_out() -> None:
    candidates = [_candidate("The radar deal is worth 240 million dollars.", "a", 0.9),
                  _candidate("The radar deal is worth 240 million dollars, officials said.", "a", 0.88)]
    found = select(candidates, Thresholds(0.5, 0.8), many=False, max_sentences=3, max_list_items=6)
    assert len(found.chosen) == 1


def test_training_labels_need_a_key_from_a_gold_article() -> None:
    question = EvalQuestion("t1", "what is the radar worth", ("240 million",), (), ("radar.md",), "money")
    right = _candidate("The radar costs 240 million dollars.", "x", 0.0)
    right = Candidate(**{**right.__dict__, "passage": RetrievedChunk(
        right.passage.chunk, ArticleMeta("x", "t", source="tests/radar.md"), 1.0)})
    elsewhere = _candidate("Another deal, worth 240 million dollars.", "y", 0.0)
    assert label(question, right) == 1 and label(question, elsewhere) == 0
    unanswerable = EvalQuestion("t2", "what is the sonar worth", (), (), (), "unanswerable")
    assert label(unanswerable, right) == 0


def _scored_set(rng: np.random.Generator, set_number: int) -> list[Scored]:
    """Invented training questions whose answering sentence stands out only by its similarity."""
    found = []
    for n in range(12):
        answerable = n % 4 != 0
        key = f"pier {set_number}-{n}"
        question = EvalQuestion(f"s{set_number}-{n}", f"which pier opened {n}", (key,) if answerable else (), (),
                                (), "place" if answerable else "unanswerable")
        candidates, labels = [], []
        for k in range(4):
            holds = answerable and k == 0
            features = rng.normal(0.0, 1.0, len(FEATURES))
            features[FEATURES.index("similarity")] = (2.0 if holds else -1.0) + rng.normal(0.0, 0.3)
            text = f"The {key if holds else 'ferry'} opened, sentence {k}."
            candidates.append(replace(_candidate(text, f"a{set_number}-{n}", 0.0), similarity=0.5,
                                      features=tuple(float(v) for v in features)))
            labels.append(int(holds))
        found.append(Scored(question, candidates, np.array(labels), {}))
    return found


def test_cross_validation_answers_each_set_with_a_model_fitted_without_it() -> None:
    rng = np.random.default_rng(7)
    named = [(f"set {s}", item) for s in range(4) for item in _scored_set(rng, s)]
    settings = load_settings()
    with_all = cross_validate(named, settings, folds=2)
    assert with_all["questions"] == 48 and with_all["answerable"] == 36 and with_all["sets"] == 4
    assert with_all["answerable_right"] >= 30  # similarity tells the answer apart
    blind = cross_validate(named, settings, without=("similarity",), folds=2)
    assert blind["right"] < with_all["right"]


# --- sentence vectors read in their passage --------------------------------------------------------------------


def test_a_span_covering_the_whole_text_pools_to_the_text_vector(embedder: OnnxEmbedder) -> None:
    text = "The ferry link opens in spring. It will carry 400 passengers a day."
    spans = [(0, len(text)), (0, 31), (32, len(text))]
    _, vectors, span_vectors = next(embedder.embed_spans_in_slices([text], [spans], 16))
    whole, first, second = span_vectors[0]
    assert float(whole @ vectors[0]) > 0.99  # the text vector also pools [CLS] and [SEP]
    assert float(first @ second) < 0.99  # two sentences, two vectors
    assert np.allclose(np.linalg.norm(span_vectors[0], axis=1), 1.0, atol=1e-4)


def test_a_span_with_no_tokens_falls_back_to_the_text_vector() -> None:
    fallback = np.ones(384, dtype=np.float32) / np.sqrt(384)
    pooled = span_pooled(np.zeros((3, 384), dtype=np.float32), [(0, 0), (0, 3), (0, 0)], [(10, 20)], fallback)
    assert np.allclose(pooled[0], fallback)


# --- whole questions -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fictional(tmp_path_factory: pytest.TempPathFactory, embedder: OnnxEmbedder) -> KnowledgeBase:
    from bot.services import build_knowledge_base
    from tests.conftest import settings_for_tests

    knowledge = build_knowledge_base(settings_for_tests(tmp_path_factory.mktemp("pipeline") / "data"),
                                     embedder=embedder)
    outcomes = knowledge.ingestor.ingest_paths([SHIPPED_ARTICLES, FICTIONAL_ARTICLES])
    assert all(o.status == "added" for o in outcomes), outcomes
    return knowledge


def test_sentence_vectors_are_stored_and_removed_with_their_article(fictional: KnowledgeBase) -> None:
    snapshot = fictional.retriever.snapshot()
    article_id = next(iter(snapshot.articles))
    chunk_ids = [snapshot.chunks[i].chunk_id for i in snapshot.by_article[article_id]]
    from bot.knowledge.sentences import sentence_spans

    stored = fictional.store.sentence_vectors(
        {c: len(sentence_spans(snapshot.chunks[snapshot.positions[c]].text)) for c in chunk_ids})
    assert set(stored) == set(chunk_ids)
    for chunk_id, found in stored.items():
        text = snapshot.chunks[snapshot.positions[chunk_id]].text
        assert len(found.spans) == len(found.vectors) and all(0 <= a < b <= len(text) for a, b in found.spans)
        assert [(a, b) for a, b in found.spans] == sentence_spans(text)
    fictional.remove(article_id, ["global"])
    assert fictional.store.sentence_vectors({c: 8 for c in chunk_ids}) == {}
    fictional.ingestor.ingest_paths([FICTIONAL_ARTICLES, SHIPPED_ARTICLES])  # put it back for the other tests


def test_a_question_about_the_source_is_answered_from_its_metadata(fictional: KnowledgeBase) -> None:
    answer, explanation = fictional.ask_explained("which outlet covered the quintara radar contract story?")
    assert not answer.refused and explanation.strategy == "source"
    assert "Fictional Test Wire" in answer.text and "2026-04-20" in answer.text
    citation = answer.citations[0]
    assert citation.article.source.endswith("2026-04-20-quintara-radar-contract-lumenhal.md")


def test_a_source_question_about_something_no_article_mentions_is_refused(fictional: KnowledgeBase) -> None:
    answer, explanation = fictional.ask_explained("which newspaper published the piece on glacier tunnelling robots")
    assert answer.refused, answer.text
    assert explanation.strategy == "source"
    assert "never mentions" in answer.reason, answer.reason


def test_every_answer_records_why_and_its_quotes_are_verbatim(fictional: KnowledgeBase) -> None:
    answer, explanation = fictional.ask_explained("how much money is the lumenhal radar contract worth")
    assert answer.reason.startswith(explanation.strategy)
    snapshot = fictional.retriever.snapshot()
    for citation in answer.citations:
        assert citation.quote in snapshot.chunks[snapshot.positions[citation.chunk_id]].text
    assert "answer type: money" in explanation.render()


def test_a_country_no_article_covers_is_refused_with_a_reason(fictional: KnowledgeBase) -> None:
    answer, explanation = fictional.ask_explained("what did kestovia and peru sign last spring")
    assert answer.refused and answer.reason
    assert "decided by" in explanation.render()


def test_the_model_file_is_what_training_reports(model: AnswerModel) -> None:
    report = model.report
    assert report["answer_threshold"] == pytest.approx(model.thresholds.answer, abs=1e-3)
    assert 0.0 < model.thresholds.answer < 1.0 and set(report["weights"]) == set(model.features)


def test_the_training_manifest_names_existing_sets() -> None:
    from bot.answers.training import load_training_sets

    sets = load_training_sets(Path(__file__).parent / "fixtures" / "training.toml")
    assert len(sets) >= 6
    for found in sets:
        assert found.config.exists() and found.questions.exists() and all(a.exists() for a in found.articles)


def test_a_follow_up_wants_its_own_kind_of_answer(fictional: KnowledgeBase) -> None:
    answer, explanation = fictional.ask_explained("and when was that?",
                                                  previous="who did the velorian delegation meet in sarrowmere")
    assert max(explanation.answer_types, key=explanation.answer_types.__getitem__) == "date"
    assert not answer.refused


def test_a_short_chat_abbreviation_before_a_name_is_not_a_missing_first_name(fictional: KnowledgeBase) -> None:
    """"asst vostrel" abbreviates a role, so it must not demand an "asst" the articles never write; a long
    unknown word before the same name still reads as a first name no article gives ("bartholomew vostrel")."""
    from bot.knowledge.question import profile_question

    lexical = fictional.retriever.snapshot().lexical
    named = {c.word: c.named for c in profile_question("did the asst vostrel go to skarnholm", lexical,
                                                      fictional.gazetteer, fictional.pipeline.vocabulary).concepts}
    assert named["vostrel"] and not named["asst"]
    named = {c.word: c.named for c in profile_question("did bartholomew vostrel go to skarnholm", lexical,
                                                      fictional.gazetteer, fictional.pipeline.vocabulary).concepts}
    assert named["bartholomew"] and named["vostrel"]


def test_accents_never_split_a_name_and_typing_without_them_matches() -> None:
    from bot.knowledge.text_terms import terms

    assert terms("Ministra Małgorzata Gonçalves-Núñez, São Tomé") == terms("ministra malgorzata goncalves-nunez, sao tome")
    assert "goncalv" in " ".join(terms("Gonçalves"))


# --- questions in parts --------------------------------------------------------------------------------------


def test_a_list_question_about_two_people_is_read_part_by_part(fictional: KnowledgeBase) -> None:
    """No article names both visitors, so each article that covers one of them takes part, and the answer
    quotes both; the same names asked as one yes/no question stay a near miss."""
    from bot.answers.pipeline import Asked

    evidence = fictional.pipeline.evidence(Asked("which officials did vostrel and aldane each meet"))
    assert evidence.question.wants_many and evidence.in_parts
    sources = {Path(p.article.source).name for p in evidence.relevant}
    assert {"2026-02-13-kestovia-norrvald-vostrel-skarnholm.md", "2026-03-12-veloria-quintara-jwg-sarrowmere.md"} <= sources
    answer = fictional.ask("which officials did vostrel and aldane each meet")
    assert not answer.refused and len({c.article.source for c in answer.citations}) >= 2, answer.text
    assert fictional.pipeline.evidence(Asked("did vostrel meet maskeny")).relevant == []


@pytest.mark.parametrize("question", [
    "which officials did vostrel and aldane each meet in norrvald",  # Aldane was never in Norrvald
    "list all the agreements aldane signed in april",  # a month is no part of its own
])
def test_parts_never_stand_in_for_a_country_or_a_month_the_question_asks_about(fictional: KnowledgeBase,
                                                                               question: str) -> None:
    from bot.answers.pipeline import Asked

    evidence = fictional.pipeline.evidence(Asked(question))
    assert not evidence.in_parts, [p.article.source for p in evidence.relevant]


def test_a_question_whole_in_one_article_is_not_read_in_parts(fictional: KnowledgeBase) -> None:
    from bot.answers.pipeline import Asked

    evidence = fictional.pipeline.evidence(Asked("when did vostrel arrive in skarnholm"))
    assert evidence.relevant and not evidence.in_parts


def test_each_article_is_scored_against_its_own_part() -> None:
    from bot.answers.parts import covers_a_part, other_parts, whole_question_covered
    from bot.knowledge.question import Concept, QuestionProfile

    def named(word: str) -> Concept:
        return Concept(word, ((word,),), 2.0, named=True)

    profile = QuestionProfile("x", "x", (named("ardent"), named("brisk"), named("corvale"),
                                         Concept("visit", (("visit",),), 1.0)), "general", ("Kestovia",))
    terms = {"a": frozenset({"ardent", "visit"}), "b": frozenset({"brisk"})}
    # "corvale" is in no article: it stays in both parts, and the question is not covered whole.
    assert other_parts(profile, terms) == {"a": frozenset({"brisk"}), "b": frozenset({"ardent"})}
    assert not whole_question_covered(profile, terms, {"a": ("Kestovia",), "b": ("Kestovia",)})
    whole = QuestionProfile("x", "x", profile.concepts[:2], "general", ("Kestovia",))
    assert whole_question_covered(whole, terms, {"a": ("Kestovia",), "b": ("Norrvald", "Kestovia")})
    assert not whole_question_covered(whole, terms, {"a": ("Norrvald",), "b": ("Norrvald",)})
    assert covers_a_part(whole, ("Kestovia",), terms["b"]) and not covers_a_part(whole, (), terms["b"])


def test_an_article_of_the_other_pair_takes_part_without_the_first_pairs_names() -> None:
    """"the brisk summit of kestovia and norrvald, and the talks of tavrenn and ossory": "brisk" is the first
    pair's word; an article about the second pair takes part without it, one about the first pair does not."""
    from bot.answers.parts import parts_taken
    from bot.knowledge.question import Concept, QuestionProfile

    profile = QuestionProfile("x", "x", (Concept("brisk", (("brisk",),), 2.0, named=True),), "general",
                              ("Kestovia", "Norrvald", "Tavrenn", "Ossory"))
    articles = {"summit": (frozenset({"brisk", "summit"}), ("Kestovia", "Norrvald")),
                "talks": (frozenset({"talks"}), ("Tavrenn", "Ossory")),
                "other": (frozenset({"trade"}), ("Kestovia",)),
                "elsewhere": (frozenset({"trade"}), ())}
    assert parts_taken(profile, articles) == {"summit", "talks"}
    # Without an article holding the name, no article of any pair takes part on countries alone.
    assert parts_taken(profile, {k: v for k, v in articles.items() if k != "summit"}) == set()
    # One pair asked: an article of one of its countries holding the name does not let one of the other in.
    pair = QuestionProfile("x", "x", profile.concepts, "general", ("Kestovia", "Norrvald"))
    halves = {"kestovian": (frozenset({"brisk"}), ("Kestovia",)), "norrvaldian": (frozenset({"port"}), ("Norrvald",))}
    assert parts_taken(pair, halves) == {"kestovian"}


def test_a_line_joining_two_questions_is_answered_part_by_part(fictional: KnowledgeBase) -> None:
    answer, explanation = fictional.ask_explained(
        "how much is the radar contract in lumenhal worth, and how much capital does qt aquatech start with")
    assert explanation.strategy == "in parts" and not answer.refused
    assert "240 million dollars" in answer.text and "USD 85 million" in answer.text
    assert len(answer.sources) == 2
    shown = explanation.render()
    assert "part 1: how much is the radar contract in lumenhal worth" in shown and "part 2: " in shown


def test_an_unknown_word_in_a_visitor_role_is_not_proof_that_nobody_fits(fictional: KnowledgeBase) -> None:
    """"agric" is written by no article, yet it begins "Agriculture": "the tavrennese agric minister" is the
    agriculture minister, whose visit answers. A role every word of which the articles use, and nobody holds,
    is still refused by it."""
    answer, explanation = fictional.ask_explained("who did the tavrennese agric minister meet in sarrowmere")
    assert not answer.refused
    assert "Volkaert" in answer.text
    answer, explanation = fictional.ask_explained("who did the tavrennese finance minister meet in sarrowmere")
    assert explanation.strategy == "visit facts" and answer.refused


@pytest.mark.parametrize("question", ["who's the velorian defence minister", "name of veloria's defense minister?"])
def test_a_role_of_a_country_is_answered_by_the_official_who_holds_it(fictional: KnowledgeBase, question: str) -> None:
    """The extracted official of that country with that title (British or American spelling): the sentence
    naming him with it, not the best-scoring sentence about the other side's minister."""
    answer, explanation = fictional.ask_explained(question)
    assert explanation.strategy == "official facts", explanation.render()
    assert all("Orrelane, Veloria's minister of defence" in c.quote for c in answer.citations)


def test_a_meeting_numbered_as_no_article_numbers_it_is_another_meeting(fictional: KnowledgeBase) -> None:
    """The store tells of the second and third meetings of the Velorian-Quintaran working group; a question
    about its fourth is refused before any strategy quotes the third, and one about its third is answered."""
    answer, explanation = fictional.ask_explained("when did the 4th velorian-quintaran jwg meet")
    assert answer.refused and explanation.strategy == "order asked", explanation.render()
    answer, explanation = fictional.ask_explained("when did the 3rd velorian-quintaran jwg meet")
    assert not answer.refused and "March 3-4, 2026" in answer.text, explanation.render()
    # a day of the month written as an order is a day, which no article writes "3rd"
    answer, explanation = fictional.ask_explained("who came to sarrowmere for the jwg on march 3rd")
    assert explanation.strategy != "order asked" and not answer.refused, explanation.render()


def test_a_vice_president_typed_as_vp_is_a_role(fictional: KnowledgeBase) -> None:
    """"vp" is chat for "vice president": a role, held by an official titled so and by no president."""
    from bot.answers.pipeline import Asked
    from bot.facts.described_officials import described_roles, fits_role
    from bot.facts.model import Official

    question = fictional.pipeline.evidence(Asked("who was norrvald's vp at the talks")).question
    [sides] = described_roles(question.text, fictional.gazetteer)
    assert (sides.visitor, sides.role_words) == ("Norrvald", ("vp",))
    holder = Official("Elin Vasstrand", ("Vice President",), country="Norrvald")
    assert fits_role(question.profile, sides, holder, "Vice President")
    assert not fits_role(question.profile, sides, holder, "President")


def test_sentences_of_an_article_where_nobody_holds_the_role_asked_are_marked(fictional: KnowledgeBase) -> None:
    """A question describing an official of a country by role: the scorer is told, per article, whether any
    extracted official of that country holds it (Veloria's defence minister does; its fisheries minister
    is never named, so a sentence about the talks answers a near miss). A role word no article writes
    ("fisheries") proves nothing, so it marks nothing."""
    column = FEATURES.index("role_unheld")
    _, held = fictional.ask_explained("what did veloria's defence minister tell reporters about the radars")
    _, unheld = fictional.ask_explained("what did veloria's finance minister tell reporters about the radars")
    _, unknown = fictional.ask_explained("what did veloria's fisheries minister tell reporters about the radars")
    assert held.candidates and unheld.candidates and unknown.candidates
    assert not any(c.features[column] for c in unknown.candidates)
    holder = {c.article_id for c in held.candidates if "Orrelane, Veloria's minister of defence" in c.text}
    assert holder and all(c.features[column] == 0.0 for c in held.candidates if c.article_id in holder)
    assert all(c.features[column] == 1.0 for c in unheld.candidates)


def test_someone_about_to_take_up_an_office_does_not_hold_it_yet(fictional: KnowledgeBase) -> None:
    """The Velorian president-elect is no answer to "who is veloria's president", but is to a question about
    the president-elect."""
    from bot.answers.pipeline import Asked
    from bot.facts.model import ArticleFacts, Official
    from bot.facts.official_questions import role_holders

    facts = {"a": ArticleFacts(officials=(Official("Ada Venn", ("President-elect",), country="Veloria"),))}
    president = fictional.pipeline.evidence(Asked("who is veloria's president")).question
    elect = fictional.pipeline.evidence(Asked("who is veloria's president-elect")).question
    assert "Ada Venn" not in str(role_holders(president.profile, facts, fictional.gazetteer))
    assert "Ada Venn" in str(role_holders(elect.profile, facts, fictional.gazetteer))


def test_a_role_is_unheld_only_where_nobody_named_may_hold_it(fictional: KnowledgeBase) -> None:
    """"veloria's finance minister": an article naming a Velorian finance minister holds the role; one naming a
    Velorian "Minister" with no portfolio, or a minister of no known country, may (the extraction may have lost
    the portfolio or the country), so it proves no near miss; one naming only Veloria's trade minister and
    Norrvald's finance minister does."""
    from bot.answers.pipeline import Asked
    from bot.facts.model import ArticleFacts, Official
    from bot.facts.official_questions import roles_possibly_held

    question = fictional.pipeline.evidence(Asked("who was veloria's finance minister at the talks")).question
    facts = {
        "held": ArticleFacts(officials=(Official("Ada Venn", ("Finance Minister",), country="Veloria"),)),
        "bare": ArticleFacts(officials=(Official("Ada Venn", ("Minister",), country="Veloria"),)),
        "stateless": ArticleFacts(officials=(Official("Ada Venn", ("Finance Minister",), country=None),)),
        "others": ArticleFacts(officials=(Official("Ada Venn", ("Trade Minister",), country="Veloria"),
                                          Official("Ori Talk", ("Finance Minister",), country="Norrvald"))),
    }
    assert roles_possibly_held(question.profile, facts, fictional.gazetteer) == {
        "held": True, "bare": True, "stateless": True, "others": False}
    # typed short ("fm"), the role's head is read from its chat equivalent
    short = fictional.pipeline.evidence(Asked("who was veloria's fm at the talks")).question
    bare = {"bare": ArticleFacts(officials=(Official("Ada Venn", ("Minister",), country="Veloria"),))}
    assert roles_possibly_held(short.profile, bare, fictional.gazetteer) == {"bare": True}


def test_sentences_of_an_article_that_tells_of_no_agreement_are_marked_for_what_was_signed(
        fictional: KnowledgeBase, values: TypeExamples) -> None:
    """"what did veloria and quintara sign": a sentence is marked, by how sure the question is to ask about an
    agreement, when its article's extracted facts hold none; where they hold one, or where the question asks
    about something else, nothing is marked."""
    from bot.answers.features import candidate_features
    from bot.answers.pipeline import Asked

    column = FEATURES.index("agreement_untold")

    def marks(question: str, told: bool) -> tuple[np.ndarray, float]:
        evidence = fictional.pipeline.evidence(Asked(question))
        _, explained = fictional.ask_explained(question)
        ids = {c.article_id for c in explained.candidates}
        rows, _ = candidate_features(evidence.question, list(explained.candidates), values,
                                     evidence.terms_by_article(), {a: evidence.context(a).text for a in ids},
                                     agreements_told={a: told for a in ids})
        return rows[:, column], evidence.question.wants("agreement")

    signed, sure = marks("what did veloria and quintara sign", told=False)
    assert sure > 0.2 and np.allclose(signed, sure)
    assert not marks("what did veloria and quintara sign", told=True)[0].any()
    visited, _ = marks("when did the velorian defence minister visit quintara", told=False)
    assert (visited < sure / 4).all()


def test_a_question_about_what_a_described_official_did_is_not_answered_with_who_they_are(
        fictional: KnowledgeBase) -> None:
    _, explanation = fictional.ask_explained("what did veloria's defence minister tell reporters about the radars")
    assert explanation.strategy != "official facts"
    # whom the described official is due to act on: "is … expected to" asks as "did" does
    _, explanation = fictional.ask_explained("who is veloria's defence minister expected to brief on the radars")
    assert explanation.strategy != "official facts"


def test_a_source_question_takes_the_article_it_describes_not_the_best_retrieved(fictional: KnowledgeBase) -> None:
    """"link to the mercopress piece on cafiero n bustillo": the outlet and the people named pick the article,
    even when another article's passage is closer to the question as a whole."""
    answer, explanation = fictional.ask_explained("link to the ledger piece on veloria's visits")
    assert explanation.strategy == "source" and not answer.refused, answer.text
    assert answer.citations[0].article.source.endswith("2026-05-08-veloria-solmere-spring-visits.md"), answer.text


def test_a_word_known_only_through_a_repair_is_never_a_name_an_article_must_have() -> None:
    """"reef" repaired to the "Reeve" of some name is a guess at what was typed, not a name to insist on."""
    repaired = Concept("reef", (("reev",),), 2.0, named=True, repaired=True)
    named = Concept("ostrakov", (("ostrakov",),), 2.0, named=True)
    profile = QuestionProfile("what did ostrakov say about the reef", "", (repaired, named), "general", ())
    assert telling_names(profile) == [named]


def test_an_article_is_named_by_the_outlet_that_ran_it(tmp_path: Path, embedder: OnnxEmbedder) -> None:
    """"the courier's story on the ferry": the Courier is named only in the article's metadata, and another
    article's text quoting "the Courier" must not stand in for it."""
    from bot.services import build_knowledge_base
    from tests.conftest import settings_for_tests

    knowledge = build_knowledge_base(settings_for_tests(tmp_path / "data"), embedder=embedder)
    ferry = ("---\ntitle: \"Veloria and Solmere agree on a ferry link\"\noutlet: Saltreach Courier\n"
             "url: https://example.org/fictional/ferry-link\npublished: 2026-06-02\ncountries: [Veloria, Solmere]\n"
             "fictional: true\n---\nVeloria and Solmere agreed on Monday to open a ferry link between Lumenhal and "
             "Aubrevale next spring. The ferry will carry 400 passengers a day, officials of both sides said.\n")
    interview = ("---\ntitle: \"Vassel sees tourism between Solmere and Veloria growing\"\noutlet: Fictional Test Wire\n"
                 "url: https://example.org/fictional/vassel-interview\npublished: 2026-06-20\n"
                 "countries: [Solmere, Veloria]\nfictional: true\n---\nSolmeran Prime Minister Hadrien Vassel told "
                 "the Courier in an interview that tourism between Solmere and Veloria keeps growing. He said "
                 "the two governments would open a joint tourist office in Aubrevale before the end of the year.\n")
    for name, text in (("ferry.md", ferry), ("interview.md", interview)):
        outcome = knowledge.ingestor.ingest_upload(text.encode(), name, scope="global")
        assert outcome.status == "added", outcome
    answer, explanation = knowledge.ask_explained("when was the courier article on the veloria solmere ferry published")
    assert explanation.strategy == "source" and not answer.refused, answer.text
    assert "2026-06-02" in answer.text and answer.citations[0].article.title.startswith("Veloria and Solmere agree")
    knowledge.close()


def test_a_passage_naming_a_country_of_two_words_answers_about_it(tmp_path: Path, embedder: OnnxEmbedder) -> None:
    """A report on Veloria and Tavrenne that tells Veloria's trade with North Carravel in one passage answers a
    question about Veloria and North Carravel: a country's name of two words counts where both stand together."""
    from dataclasses import replace

    from bot.services import build_knowledge_base
    from tests.conftest import settings_for_tests

    extra = tmp_path / "gazetteer_two_words.toml"
    extra.write_text('[countries."North Carravel"]\naliases = ["North Carravelian"]\ncities = ["Ostmark Bay"]\n')
    settings = settings_for_tests(tmp_path / "data")
    settings = replace(settings, knowledge=replace(settings.knowledge,
                                                   gazetteers=(*settings.knowledge.gazetteers, extra)))
    knowledge = build_knowledge_base(settings, embedder=embedder)
    page = ("---\ntitle: \"Veloria and Tavrenne open a grain corridor\"\noutlet: Fictional Test Wire\n"
            "url: https://example.org/fictional/grain-corridor\npublished: 2031-05-02\n"
            "countries: [Veloria, Tavrenne]\nfictional: true\n---\nVeloria and Tavrenne opened a grain corridor "
            "on Monday between Lumenhal and Sundqvell.\n\nVeloria already sells grain farther north: its trade "
            "with North Carravel reached $40 million last year, the ministry said.\n")
    assert knowledge.ingestor.ingest_upload(page.encode(), "corridor.md", scope="global").status == "added"
    answer, explanation = knowledge.ask_explained("how much is veloria's trade with north carravel worth")
    assert not answer.refused and "$40 million" in answer.text, (answer.text, explanation.reason)
    knowledge.close()


def test_a_question_wanting_one_item_per_article_is_no_summary() -> None:
    """However sure the type model is that "every trip between the two this year" is a summary, a question that
    wants a list across articles goes to the strategies that list items."""
    from bot.answers.question import Question
    from bot.answers.strategies import NOT_MINE, SummaryStrategy

    profile = QuestionProfile("every trip between veloria and quintara this year", "", (), "general", ())
    listing = Question(profile.text, profile, np.zeros(3, dtype=np.float32), {"summary": 0.9}, many=0.9)
    overview = replace(listing, many=0.1)
    strategy = SummaryStrategy(min_similarity=0.0)
    # Only what the strategy reads of the evidence: the question, and (for the overview) no passages at all.
    assert strategy.attempt(SimpleNamespace(question=listing)) is NOT_MINE  # type: ignore[arg-type]
    assert strategy.attempt(SimpleNamespace(question=overview, relevant=[])) is not NOT_MINE  # type: ignore[arg-type]


def test_two_officials_described_in_one_question_are_each_answered(fictional: KnowledgeBase) -> None:
    """"veloria's defence minister and kestovia's foreign minister, names?" describes two people of two countries:
    each is answered with the sentence naming them, not only the first."""
    answer, explanation = fictional.ask_explained("veloria's defence minister and kestovia's foreign minister - names?")
    assert explanation.strategy == "official facts", explanation.render()
    assert "Orrelane" in answer.text and "Vostrel" in answer.text, answer.text


def test_everyday_chat_shorthand_weighs_nothing_or_reads_as_its_word(fictional: KnowledgeBase) -> None:
    """"r they gonna hold another mtg b4 the fair": "gonna" and "b4" are glue, and "mtg" is a meeting, so no
    unknown word makes the question look as if it were about something the articles never mention."""
    from bot.knowledge.question import profile_question

    lexical = fictional.retriever.snapshot().lexical
    concepts = {c.word: c for c in profile_question("r they gonna hold another mtg b4 the fair", lexical,
                                                    fictional.gazetteer, fictional.pipeline.vocabulary).concepts}
    assert "gonna" not in concepts and "b4" not in concepts
    assert concepts["mtg"].known and concepts["mtg"].covered_by(frozenset({"meet"}))


def test_sentences_that_do_not_name_the_described_official_are_marked(fictional: KnowledgeBase) -> None:
    """"what did veloria's defence minister tell reporters": a sentence naming the minister (Orrelane) or
    following one that does is about him; another sentence of his article is not, and a question that
    describes nobody marks nothing."""
    column = FEATURES.index("holder_unnamed")
    _, described = fictional.ask_explained("what did veloria's defence minister tell reporters about the radars")
    _, plain = fictional.ask_explained("what did orrelane tell reporters about the radars")
    assert described.candidates and plain.candidates
    assert not any(c.features[column] for c in plain.candidates)
    naming = [c for c in described.candidates if "Orrelane" in c.text]
    assert naming and all(c.features[column] == 0.0 for c in naming)
    assert any(c.features[column] == 1.0 for c in described.candidates if "Orrelane" not in c.text)


@pytest.mark.parametrize("question", [
    "which captains hosted the visitors in the harbour story",
    "which harbour chiefs welcomed guests in the veloria report",
])
def test_a_story_the_question_points_to_does_not_make_it_a_source_question(fictional: KnowledgeBase,
                                                                           question: str) -> None:
    _, explanation = fictional.ask_explained(question)
    assert max(explanation.answer_types, key=explanation.answer_types.__getitem__) != "source"
    assert kind_text("which outlet ran the quintara story") == "which outlet ran the quintara story"


def test_what_is_asked_after_a_topic_decides_the_kind_of_answer() -> None:
    """"aldous in sarrowmere - who is he meeting there": the topic names a place, what follows the dash asks who;
    a question before another ("why …, what happened …") keeps both, and a bare "when" keeps its topic."""
    assert kind_text("aldous in sarrowmere - who is he meeting there") == "who is he meeting there"
    assert kind_text("ferry accord: which ports does it cover") == "which ports does it cover"
    assert kind_text("why did aldous go - what did he sign") == "why did aldous go - what did he sign"
    assert kind_text("aldous visit - when") == "aldous visit - when"


def test_a_quote_states_an_agreement_even_in_the_questions_own_words(fictional: KnowledgeBase) -> None:
    """What a value gate reads: "… signed an agreement creating 500 scholarships" states an agreement for
    "which agreement was signed by ashgrove in veloria", though its only agreement words are the question's; a
    sentence naming no pact states none."""
    from bot.answers.pipeline import Asked
    from bot.answers.strategies import ExtractiveStrategy

    evidence = fictional.pipeline.evidence(Asked("which agreement was signed by ashgrove in veloria"))
    extractive = next(s for s in fictional.pipeline.strategies if isinstance(s, ExtractiveStrategy))
    scored = {c.text: c for c in extractive.score(evidence)}
    pact = next(c for text, c in scored.items() if "signed an agreement creating 500 scholarships" in text)
    assert "agreement" in pact.new_values
    assert any("agreement" not in c.new_values for c in scored.values())


def test_a_report_is_no_answer_to_what_happened_after_it_was_published(make_kb, tmp_path: Path) -> None:  # noqa: ANN001
    # A preview tells what is planned for April; asked what was done then, it has nothing to say.
    path = write_fictional_article(
        tmp_path, "2031-02-10", "visit-preview", "Velorian president to visit Quintara in April",
        "Velorian President Arlo Venn will travel to Lumenhal in April 2031, where the two governments are to "
        "sign a fisheries accord and a rail freight protocol.\n\n"
        "Officials in Lumenhal said the visit would be the first by a Velorian head of state in a decade.\n",
    )
    knowledge = make_kb()
    knowledge.ingestor.ingest_paths([path])
    assert knowledge.ask("what got signed when venn went to quintara in april 2031").refused
    assert "fisheries accord" in knowledge.ask("what are veloria and quintara going to sign in april 2031").text



def test_a_further_sentence_from_another_report_must_share_a_word_of_the_question() -> None:
    """One answer's further sentences come from the best one's report, or share a word of the question: a
    trade figure from another report is no part of "how much is the radar contract worth"."""
    def scored(text: str, article: str, probability: float, covers: float) -> Candidate:
        features = [0.0] * len(FEATURES)
        features[FEATURES.index("coverage")] = covers
        return replace(_candidate(text, article, probability), features=tuple(features))

    best = scored("The radar contract is worth 240 million dollars.", "a", 0.95, 1.0)
    same_report = scored("Eight of the radars will be built in Dunmarrow.", "a", 0.6, 0.0)
    other_unrelated = scored("Bilateral trade reached 1.4 billion dollars in 2030.", "b", 0.6, 0.0)
    other_related = scored("A second radar contract is still under negotiation.", "c", 0.6, 0.5)
    found = select([best, same_report, other_unrelated, other_related], Thresholds(0.6, 0.5), many=False,
                   max_sentences=4, max_list_items=6)
    assert {c.passage.article.article_id for c in found.chosen} == {"a", "c"}
    assert len(found.chosen) == 3


def test_a_described_official_is_named_by_the_given_name_as_well_as_the_family_name() -> None:
    """Some reports call a leader of a two-word name by its first word ("Bounmy signed the visitors' book"), as
    Lao or Thai ones do: the sentence names the official the question describes. An initial is no name, a
    sentence naming neither word names nobody, and a longer name's first word may be another's given name."""
    holders = ["Bounmy Keovilay"]
    assert holder_named(holders, frozenset(terms("Bounmy signed the visitors' book at the palace.")))
    assert holder_named(holders, frozenset(terms("Later, Keovilay laid a wreath.")))
    assert not holder_named(holders, frozenset(terms("The prime minister signed the visitors' book.")))
    assert not holder_named(["S Teravan"], frozenset(terms("S Lim met the delegation.")))
    assert holder_named(["S Teravan"], frozenset(terms("Teravan met the delegation.")))
    # in a longer name the first word is often a given name others share
    assert not holder_named(["Arlo bin Venn"], frozenset(terms("Arlo Castell landed in Lumenhal.")))
    assert holder_named(["Arlo bin Venn"], frozenset(terms("Venn landed in Lumenhal.")))


# The talks every report below opens with (fictional); what it goes on to say decides what was signed.
_TALKS = "Quintaran President Oda Marrow held talks with Velorian Prime Minister Arlo Venn in Lumenhal on Monday.\n\n"
_ASKED_SIGNED = "what did marrow and venn sign in lumenhal"


@pytest.mark.parametrize(("rest", "question", "refused", "shown"), [
    # a sentence saying nothing was signed: a refusal that quotes it
    ("No agreements were signed during the visit, officials said.\n", _ASKED_SIGNED, True,
     "No agreements were signed during the visit, officials said."),
    # no agreement and no signing told at all: refused; what they discussed is still answered
    ("The two leaders discussed grain exports, river shipping and a new ferry route.\n", _ASKED_SIGNED, True, ""),
    ("The two leaders discussed grain exports, river shipping and a new ferry route.\n",
     "what did marrow and venn discuss in lumenhal", False, "grain exports"),
    # a deal only talked about does not outweigh the sentence saying none was signed
    ("Ferries: the leaders took up the long-running deadlock over a ferry agreement between the two countries. No "
     "ferry agreement was signed at the meeting; the leaders only hoped the impasse would end next year.\n",
     "what ferry agreement did marrow and venn sign in lumenhal", True, "No ferry agreement was signed"),
    # a signing told in words no agreement kind knows is still answered
    ("The two leaders signed three instruments of cooperation on grain exports and river shipping.\n",
     _ASKED_SIGNED, False, "instruments of cooperation"),
    # a signing still to come tells of none made
    ("The two leaders are due to sign a river shipping memorandum in Sarrowmere next year.\n", _ASKED_SIGNED, True,
     ""),
    # asked about a third session, the denial of the second is about another meeting: a plain refusal
    ("The second session of their joint commission ended there. No agreements were signed at the second "
     "session, officials said.\n", "what did marrow and venn sign at the 3rd session of the joint commission", True,
     ""),
], ids=["denied", "none-told", "discussed", "talked-about", "instruments", "to-come", "another-meeting"])
def test_what_was_signed_is_read_from_what_the_report_tells(make_kb, tmp_path: Path, rest: str,  # noqa: ANN001
                                                            question: str, refused: bool, shown: str) -> None:
    """A refusal shows the sentences saying it did not happen (`shown`; none: a plain refusal); an answer quotes
    `shown`."""
    from bot.knowledge.answering import DENIAL_OPENING

    knowledge = make_kb()
    knowledge.ingestor.ingest_paths([write_fictional_article(
        tmp_path, "2031-05-06", "talks", "Velorian and Quintaran leaders meet in Lumenhal", _TALKS + rest)])
    answer = knowledge.ask(question)
    assert answer.refused is refused, answer.text
    if refused and shown:
        assert answer.text.startswith(DENIAL_OPENING) and any(shown in c.quote for c in answer.citations), answer.text
    elif refused:
        assert not answer.citations, answer.text
    else:
        assert shown in answer.text, answer.text


def test_an_amount_answers_what_it_prices_not_another_thing(fictional: KnowledgeBase) -> None:
    """ "how much will the veloria quintara ferry service cost" prices the ferry service: a sentence that prices
    trade does not tell it, one that names the service (or follows one that does) may; words that only ask for
    an amount ("cost", "paid") are not what is priced, and a question that prices nothing else ("how much did
    veloria pay quintara in 2025") leaves every amount possible."""
    from bot.answers.features import priced_concepts, prices_the_thing
    from bot.answers.pipeline import Asked

    def priced(question: str) -> list[str]:
        return sorted(c.word for c in priced_concepts(
            fictional.pipeline.evidence(Asked(question)).question.profile.concepts))

    question = fictional.pipeline.evidence(Asked("how much will the veloria quintara ferry service cost")).question
    things = priced_concepts(question.profile.concepts)
    assert sorted(c.word for c in things) == ["ferry", "service"]
    trade = "Trade between the two countries reached $2 billion last year."
    assert not prices_the_thing(things, frozenset(terms(trade)), trade)
    own = "The ferry service will cost about $40 million a year to run."
    assert prices_the_thing(things, frozenset(terms(own)), own)
    after = "It will cost about $40 million a year."
    before = "The two ministers agreed to start a ferry service between the ports."
    assert prices_the_thing(things, frozenset(terms(after)) | frozenset(terms(before)), after)
    assert priced("how much did veloria pay quintara in 2025") == []
    assert priced("how much investment did veloria promise quintara") == ["investment", "promise"]


def test_an_amount_of_another_thing_is_marked_for_what_the_question_prices(
        fictional: KnowledgeBase, values: TypeExamples) -> None:
    """ "how much is the qt aquatech venture worth": the trade figure in the same report prices something else
    and is marked, by how sure the question is to ask an amount; the venture's own capital, told in the
    sentence after the one naming the venture, is not."""
    from bot.answers.features import candidate_features
    from bot.answers.pipeline import Asked

    column = FEATURES.index("amount_of_other")
    question = "how much is the qt aquatech venture worth"
    evidence = fictional.pipeline.evidence(Asked(question))
    _, explained = fictional.ask_explained(question)
    candidates = list(explained.candidates)
    ids = {c.article_id for c in candidates}
    rows, _ = candidate_features(evidence.question, candidates, values, evidence.terms_by_article(),
                                 {a: evidence.context(a).text for a in ids})
    marked = {c.text: float(rows[i, column]) for i, c in enumerate(candidates)}
    [trade] = [v for t, v in marked.items() if "1.4 billion dollars" in t]
    [capital] = [v for t, v in marked.items() if "USD 85 million" in t]
    assert trade == pytest.approx(evidence.question.wants("money")) and trade > 0.5
    assert capital == 0.0
