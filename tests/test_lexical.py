"""The lexical index's reading of which words name things (what a quote must then mention)."""

from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.text_terms import stem, terms


def test_a_word_written_as_often_in_lower_case_as_inside_a_name_names_nothing() -> None:
    index = LexicalIndex([
        "Ferries stopped after the Harbour Bridge Authority closed the crossing for a week.",
        "Engineers said the old bridge over the estuary needs new cables.",
    ])
    assert stem("bridge") not in index.named_terms
    assert stem("authority") in index.named_terms  # only ever written with a capital
    assert stem("harbour") in index.named_terms


def test_a_word_after_an_initial_is_written_inside_a_name() -> None:
    """ "Orvin K Dallowmere", as South Asian and Philippine copy writes names, capitalises the surname
    inside the sentence: it names someone a question may ask about."""
    index = LexicalIndex(["The talks were held with the visiting President, Orvin K Dallowmere, in the capital."])
    assert stem("dallowmere") in index.named_terms
    assert stem("talks") not in index.named_terms


def test_a_word_is_a_name_by_its_own_spelling_not_by_its_synonyms() -> None:
    """"pact" stands for "Accord" in chat, and this corpus writes "Accord" as a name; "pact" itself it writes
    small, so a question about a pact does not demand a name. A chat word no article has ("tlk") is read
    by what it stands for."""
    from bot.knowledge.gazetteer import Gazetteer
    from bot.knowledge.question import Vocabulary, profile_question

    index = LexicalIndex(["They signed the Harbour Accord last spring, after the Tidewater Link was opened.",
                          "The pact was signed in the port after long talks on the pact, the ferry and the bridge."])
    vocabulary = Vocabulary({"pact": ("accord",), "tlk": ("tidewater link",)})
    concepts = {c.word: c for c in profile_question("why does the pact matter, and what about the tlk", index,
                                                    Gazetteer.from_maps({}, {}), vocabulary).concepts}
    assert not concepts["pact"].named
    assert concepts["tlk"].named


def test_an_abbreviation_typed_in_the_plural_reads_as_the_word_it_begins() -> None:
    """"regs" is no word of the corpus and no typo of one: its singular "reg" begins "regulations"."""
    index = LexicalIndex(["The ministers agreed new harbour regulations and signed two protocols."])
    assert index.query_terms("which regs did they agree") == [stem("regulations"), stem("agree")]


def test_a_contraction_typed_in_chat_reads_as_the_word_it_shortens() -> None:
    """"mgmt" and "hrs" drop letters inside a word; "zorvek" and "kim", names no article has, stand for nothing
    ("kim" is no "kingdom")."""
    index = LexicalIndex(["The harbour management met for six hours on the ferry timetable of the kingdom."])
    assert index.query_terms("mgmt timetable") == [stem("management"), stem("timetable")]
    assert index.query_terms("how many hrs") == [stem("hours")]
    assert index.query_terms("did zorvek sail") == []
    assert index.query_terms("did kim sail") == []


def test_a_count_typed_as_a_contraction_counts_what_the_articles_call_it() -> None:
    from bot.knowledge.gazetteer import Gazetteer
    from bot.knowledge.question import Vocabulary, profile_question

    index = LexicalIndex(["The ferry crossing took six hours in the storm."])
    profile = profile_question("how many hrs did the crossing take", index, Gazetteer.from_maps({}, {}),
                               Vocabulary({}))
    assert profile.counted == stem("hours")


def test_a_question_offering_two_alternatives_needs_the_names_of_only_one() -> None:
    """"did orvask sail to tellam or did brine sail to kessel": an article about Orvask's trip to Tellam answers
    it; one that names neither alternative whole does not."""
    from bot.knowledge.answering import mentions_named_things
    from bot.knowledge.gazetteer import Gazetteer
    from bot.knowledge.question import Vocabulary, profile_question

    texts = ["Captain Orvask sailed to Tellam on Monday.", "Brine Hollow is a quiet port.",
             "Kessel Docks reopened.", "Orvask and Tellam and Brine and Kessel are named often: Orvask, Tellam."]
    index = LexicalIndex(texts)
    asked = profile_question("did orvask sail to tellam or did brine sail to kessel", index,
                             Gazetteer.from_maps({}, {}), Vocabulary({}))
    assert mentions_named_things(asked, frozenset(terms(texts[0])))
    assert not mentions_named_things(asked, frozenset(terms("Orvask met Brine in the port.")))
    both = profile_question("did orvask sail to tellam with brine", index, Gazetteer.from_maps({}, {}), Vocabulary({}))
    assert not mentions_named_things(both, frozenset(terms(texts[0])))
    # "or" that offers no second question keeps every name: "… or not", "… to tellam or kessel"
    for question in ("did orvask sail to tellam or not", "did orvask sail to tellam or kessel"):
        asked = profile_question(question, index, Gazetteer.from_maps({}, {}), Vocabulary({}))
        assert not mentions_named_things(asked, frozenset(terms("Kessel Docks reopened."))), question


def test_a_capital_inside_a_bracket_in_a_sentence_names_something() -> None:
    """ "… services (Ostrand, Marrowgate).": the first word in the bracket names a firm as the second does."""
    index = LexicalIndex(["The orders cover ports and weather services (Ostrand, Marrowgate)."])
    assert stem("ostrand") in index.named_terms
    assert stem("marrowgate") in index.named_terms


def test_a_chat_abbreviation_in_the_plural_means_what_its_singular_lists() -> None:
    """"the two velorian fms": the vocabulary's "fm" read in the plural, never repaired by spelling to an article
    word it resembles ("films")."""
    from bot.knowledge.gazetteer import Gazetteer
    from bot.knowledge.question import Vocabulary, profile_question

    index = LexicalIndex(["The films were shown after the foreign ministers met in the port."])
    vocabulary = Vocabulary({"fm": ("foreign minister",)})
    assert vocabulary.expansions("FMs") == ("foreign minister",)
    assert vocabulary.expansions("class") == ()
    assert Vocabulary({"min": ("minister",)}).expansions("mins") == ()  # a word cut short: "mins" are minutes
    (concept,) = [c for c in profile_question("which fms met", index, Gazetteer.from_maps({}, {}),
                                              vocabulary).concepts if c.word == "fms"]
    assert (stem("foreign"), stem("minister")) in concept.alternatives
    assert not any(stem("films") in phrase for phrase in concept.alternatives)
    assert not concept.repaired
