"""The shipped gazetteer knows every country, once, under the names people type."""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter

import pytest

from bot.config import PROJECT_ROOT
from bot.knowledge.gazetteer import Gazetteer

GAZETTEER_FILE = PROJECT_ROOT / "config" / "gazetteer.toml"


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return Gazetteer.load([GAZETTEER_FILE])


def test_every_un_member_and_observer_is_known(world: Gazetteer) -> None:
    # 193 members, 2 observers, and Taiwan and Kosovo, which news covers as countries.
    assert len(world.countries) >= 197
    for name in ["Fiji", "Mongolia", "Tanzania", "Holy See", "Taiwan", "Kosovo", "Tuvalu", "Eswatini",
                 "Timor-Leste", "Cabo Verde", "North Macedonia", "Palestine", "Chad", "Niger", "Dominica"]:
        assert world.canonical(name), name


def test_no_name_belongs_to_two_countries_but_the_congos_shared_ones() -> None:
    countries = tomllib.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))["countries"]
    forms = Counter(form for key, entry in countries.items()
                    for form in [key, *entry.get("aliases", []), *entry.get("cities", [])])
    assert sorted(form for form, seen in forms.items() if seen > 1) == ["Congo", "Congolese"]


def test_a_name_two_countries_share_reads_as_the_one_the_text_is_about(world: Gazetteer) -> None:
    text = "The Congolese foreign minister flew to Luanda."
    assert world.mentions(text)[0][3] == "Democratic Republic of the Congo"  # the first listed, by default
    assert world.mentions(text, ("Republic of the Congo", "Angola"))[0][3] == "Republic of the Congo"
    assert world.mentions(text, ("Angola", "Zambia"))[0][3] == "Democratic Republic of the Congo"


def test_the_generated_cities_come_with_the_gazetteer_and_name_nothing_it_already_names(world: Gazetteer) -> None:
    """config/gazetteer.toml includes the city list tools/city_gazetteer.py wrote from GeoNames: a large city
    it does not list is placed in its country, and no generated name repeats a country, alias or city."""
    assert world.city_country("Surabaya") == "Indonesia"
    assert world.city_country("surabaya") == "Indonesia"  # as typed in chat
    def fold(name: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()

    ours = tomllib.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))["countries"]
    named = {fold(form) for key, entry in ours.items()
             for form in [key, *entry.get("aliases", []), *entry.get("cities", [])]}
    generated = tomllib.loads((GAZETTEER_FILE.parent / "gazetteer_cities.toml").read_text(encoding="utf-8"))["countries"]
    cities = [fold(city) for entry in generated.values() for city in entry["cities"]]
    assert set(generated) <= set(ours) and not named & set(cities) and len(cities) == len(set(cities))


def test_typed_names_ignore_case_accents_and_hyphens(world: Gazetteer) -> None:
    assert world.canonical("cote d'ivoire") == world.canonical("Côte d’Ivoire") is not None
    assert world.canonical("guinea bissau") == world.canonical("Guinea-Bissau") is not None
    assert world.canonical("fijian") == "Fiji"
    assert world.city_country("ulaanbaatar") == "Mongolia"
    assert world.canonical("lao") == "Laos"  # "Lao Prime Minister Sonexay Siphandone"


def test_longest_name_wins_in_article_text(world: Gazetteer) -> None:
    text = "Papua New Guinea's delegation met officials of Guinea-Bissau and Equatorial Guinea in Port Moresby."
    assert set(world.countries_in(text)) == {"Papua New Guinea", "Guinea-Bissau", "Equatorial Guinea"}


def test_a_country_name_joined_to_a_currency_sign_is_the_currency(world: Gazetteer) -> None:
    text = "Three loans worth 61 billion yen (US$400 million) and a NZ$5 million grant; the US will add A$2 million."
    assert [form for _, _, form, _ in world.mentions(text)] == ["US"]


def test_a_region_holding_a_countrys_name_names_no_country(world: Gazetteer) -> None:
    text = "Her tour of South America and the Korean Peninsula ended in the Gulf of Guinea; the US sent envoys."
    assert world.countries_in(text) == ["United States"]
    assert world.countries_in("Latin American leaders met in Lima.") == ["Peru"]


def test_a_question_about_a_region_names_no_country_in_it(world: Gazetteer) -> None:
    from bot.knowledge.lexical import LexicalIndex
    from bot.knowledge.question import Vocabulary, profile_question

    profile = profile_question("which central american countries did the korean fm visit", LexicalIndex(
        ["A fictional passage about talks."]), world, Vocabulary())
    assert "United States" not in profile.countries


@pytest.mark.parametrize(("question", "countries"), [
    ("what did papua new guinea and india agree", ("Papua New Guinea", "India")),
    ("any news on south sudan sudan border talks", ("South Sudan", "Sudan")),
    ("did the guinea bissau minister visit new delhi", ("Guinea-Bissau",)),  # a city is a place, not a country
])
def test_a_question_names_each_country_once_by_its_longest_name(
    world: Gazetteer, question: str, countries: tuple[str, ...],
) -> None:
    from bot.knowledge.lexical import LexicalIndex
    from bot.knowledge.question import Vocabulary, profile_question

    profile = profile_question(question, LexicalIndex(["A fictional passage about talks."]), world, Vocabulary())
    assert profile.countries == countries


@pytest.mark.parametrize(("question", "countries"), [
    ("what did india and the democratic republic of the congo sign", ("India", "Democratic Republic of the Congo")),
    ("who met the mexican minister in mexico city", ("Mexico",)),
    ("how many male officers went to oman", ("Oman",)),
])
def test_long_names_cities_and_everyday_words(world: Gazetteer, question: str, countries: tuple[str, ...]) -> None:
    from bot.knowledge.lexical import LexicalIndex
    from bot.knowledge.question import Vocabulary, profile_question

    profile = profile_question(question, LexicalIndex(["A fictional passage about talks."]), world, Vocabulary())
    assert profile.countries == countries
    assert not any(c.is_place for c in profile.concepts if c.word == "male")


def test_a_possessive_typed_without_its_apostrophe_is_the_country_before_a_role(world: Gazetteer) -> None:
    assert world.canonical_before_role("kenyas") == "Kenya"   # "kenyas trade minister"
    assert world.canonical_before_role("laos") == "Laos"      # a name that ends in s is read as written first
    assert world.canonical_before_role("news") is None
    # elsewhere a plural is no country: "how many turkeys did they export"
    assert world.canonical("turkeys") is None and world.canonical("americas") is None


def test_short_forms_people_type_are_read_in_questions_not_in_articles(world: Gazetteer) -> None:
    assert world.canonical("nz") == "New Zealand" and world.canonical("ph") == "Philippines"
    assert world.countries_in("The water's PH level was tested near Lao Cai.") == ["Vietnam"]


@pytest.mark.parametrize(("question", "countries"), [
    ("whats the pe-cl trade goal", ("Peru", "Chile")),
    ("when did the gh/bf border talks start", ("Ghana", "Burkina Faso")),
    ("how much ag aid went to the farmers", ()),       # a code alone is a chat word ("ag" riculture)
    ("is the pa-system working", ()),                  # joined to a word that is no code
    ("whats on the to-do list for the summit", ()),     # everyday two-letter words
    ("which city did they meet in/at", ()),
    ("so-so talks in the end?", ()),
])
def test_two_country_codes_joined_name_a_pair(world: Gazetteer, question: str, countries: tuple[str, ...]) -> None:
    from bot.knowledge.lexical import LexicalIndex
    from bot.knowledge.question import Vocabulary, profile_question

    profile = profile_question(question, LexicalIndex(["A fictional passage about talks."]), world, Vocabulary())
    assert profile.countries == countries


def test_a_country_code_alone_is_no_country_name(world: Gazetteer) -> None:
    assert world.codes["kz"] == "Kazakhstan" and world.canonical("kz") is None


def test_a_nationality_the_articles_never_write_still_asks_of_its_country(world: Gazetteer) -> None:
    """ "the malian envoy", asked of reports that write only "the envoy of Mali": the word the articles'
    spelling repairs it to is still the country, so a passage naming Mali covers it."""
    from bot.knowledge.lexical import LexicalIndex
    from bot.knowledge.question import Vocabulary, profile_question

    index = LexicalIndex(["A fictional envoy of Mali flew to Dakar for talks on the border."])
    profile = profile_question("what did the malian envoy say in dakar", index, world, Vocabulary())
    malian = next(c for c in profile.concepts if c.word == "malian")
    assert profile.countries == ("Mali",)
    assert malian.is_country and ("mali",) in malian.alternatives


@pytest.mark.parametrize(("question", "kind"), [
    ("which malian ministers signed the pacts", "person"),
    ("what kenyan officials came along", "person"),
    ("which south african ministers attended", "person"),             # a country of two words
    ("which senior indian and pakistani diplomats met", "person"),
    ("what agreements kenyan ministers signed", "general"),           # the deals are asked, by whom they were signed
    ("what agreements ministers signed during the visit", "general"),   # the word between is no nationality
    ("which sectors ministers focused on", "area"),
])
def test_people_described_by_their_country_are_what_the_question_asks(
        world: Gazetteer, question: str, kind: str) -> None:
    from bot.knowledge.lexical import LexicalIndex
    from bot.knowledge.question import Vocabulary, profile_question

    profile = profile_question(question, LexicalIndex(["A fictional passage about talks."]), world, Vocabulary())
    assert profile.kind == kind


def test_article_text_matches_a_name_with_or_without_its_accents() -> None:
    """"Việt Nam" in a report is the listed "Viet Nam", "Sarrowmere" the listed "Sarrowmère"; offsets are the
    text's own, and the form returned is the listed one (invented names)."""
    gazetteer = Gazetteer.from_maps({"Quintara": "Quintara", "Quịntaran": "Quintara"}, {"Sarrowmère": "Quintara"})
    text = "The Quintaran envoy flew from Sarrowmere to Sarrowmère via Quịntara."
    found = gazetteer.mentions(text)
    assert [(text[start:end], form, country) for start, end, form, country in found] == [
        ("Quintaran", "Quịntaran", "Quintara"), ("Sarrowmere", "Sarrowmère", "Quintara"),
        ("Sarrowmère", "Sarrowmère", "Quintara"), ("Quịntara", "Quintara", "Quintara")]
