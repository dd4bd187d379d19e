"""A deterministic, plainly fictional corpus for the benchmark: invented countries, people and events.

Every article says it is synthetic, its outlet is "Synthetic Bench Wire (fictional)" and its link is
under example.org, so no generated text can be mistaken for news.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

_SYLLABLES = ("al", "bre", "cor", "dav", "el", "fen", "gar", "hol", "is", "jor", "kel", "lun", "mar", "nor",
              "ost", "pel", "quin", "ros", "sal", "tor", "ul", "vel", "wen", "xan", "yor", "zel")
_ENDINGS = ("ia", "ania", "onia", "stan", "mark", "land", "ora", "esia")
_FIRST = ("Ada", "Bram", "Cleo", "Dara", "Emil", "Fenna", "Goran", "Hild", "Ines", "Joss", "Kaia", "Lio", "Mira",
          "Nils", "Oona", "Pavo", "Rhea", "Soren", "Tove", "Una", "Vidar", "Wren", "Yara", "Zeno")
_LAST = ("Aster", "Brink", "Calder", "Dunmore", "Everly", "Falk", "Grell", "Harrow", "Isen", "Jarvik", "Kestrel",
         "Lorne", "Marsh", "Northey", "Orrin", "Penrose", "Quill", "Rookwood", "Stroud", "Thorne", "Umber")
_TITLES = ("Defence Minister", "Foreign Minister", "Trade Minister", "National Security Adviser",
           "Director General of the Ministry of Defence", "Agriculture Minister", "Energy Minister")
_AREAS = ("joint research and development", "co-production of patrol vessels", "transfer of technology",
          "air defence", "unmanned aerial vehicles", "cyber security", "intelligence sharing",
          "counter-terrorism", "space launch services", "agriculture", "water management", "trade",
          "renewable energy", "maritime security", "public health", "education exchanges")
_OUTCOMES = ("a memorandum of understanding on {area}", "a contract worth {amount} for {area}",
             "a joint venture for {area}", "a plan to expand {area}", "a working group on {area}")


@dataclass(frozen=True)
class SyntheticArticle:
    filename: str
    text: str


def _country_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add((rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) + rng.choice(_ENDINGS)).capitalize())
    return sorted(names)


def synthetic_articles(count: int, seed: int = 7) -> list[SyntheticArticle]:
    """`count` articles of about 330 words (two passages each), identical for the same seed."""
    rng = random.Random(seed)
    countries = _country_names(rng, 40)
    cities = {c: [f"{c[:4]}{s}" for s in ("haven", "ford", "grad", "mouth")] for c in countries}
    articles: list[SyntheticArticle] = []
    start = date(2020, 1, 1)
    for index in range(count):
        first, second = rng.sample(countries, 2)
        visitor = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        host = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        title_v, title_h = rng.choice(_TITLES), rng.choice(_TITLES)
        city = rng.choice(cities[second])
        day = start + timedelta(days=rng.randrange(0, 2000))
        day = day.replace(day=min(day.day, 27))
        areas = rng.sample(_AREAS, 3)
        amount = f"{rng.randrange(5, 900)} million dollars"
        outcome = rng.choice(_OUTCOMES).format(area=areas[0], amount=amount)
        month = day.strftime("%B")
        paragraphs = [
            f"(Synthetic benchmark article {index}; every country, person and event in it is invented.) "
            f"{first}'s {title_v} {visitor} visited {city}, {second}, on {month} {day.day}-{day.day + 1}, "
            f"{day.year}, for talks with {second}'s {title_h} {host}. The two sides discussed {areas[0]}, "
            f"{areas[1]} and {areas[2]}, officials from both governments said after the meeting.",
            f"The visit ended with {outcome}. {visitor} told reporters that the talks in {city} had been "
            f"\"frank and productive\" and that {first} wanted a long-term partnership with {second} in {areas[1]}. "
            f"{host} said the next round would be held in {rng.choice(cities[first])} in {day.year + 1}.",
            f"Analysts in {rng.choice(cities[second])} said the meeting reflected a steady expansion of ties "
            f"between {first} and {second} over the past {rng.randrange(2, 9)} years, especially in "
            f"{areas[2]}. Bilateral trade reached {rng.randrange(1, 40)} billion dollars last year, according to "
            f"figures released by the trade ministry of {second}, and both governments expect it to grow further "
            f"as new agreements take effect.",
            f"Both delegations also reviewed progress on earlier projects, including {rng.choice(_AREAS)} and "
            f"{rng.choice(_AREAS)}, and agreed to hold a joint working group session before the end of "
            f"{day.year}. Officials said {rng.randrange(3, 30)} further proposals were under study and that a "
            f"detailed roadmap would be published within {rng.randrange(2, 7)} months.",
        ]
        text = (
            f"---\ntitle: \"Synthetic: {visitor} of {first} visits {second}\"\noutlet: Synthetic Bench Wire (fictional)\n"
            f"url: https://example.org/bench/{index}\npublished: {(day + timedelta(days=2)).isoformat()}\n"
            f"countries: [{first}, {second}]\n---\n" + "\n\n".join(paragraphs) + "\n"
        )
        articles.append(SyntheticArticle(f"bench-{index:05d}.md", text))
    return articles


def visitor_of(article: SyntheticArticle) -> str:
    """The visiting official's name, as the article's title gives it."""
    return article.text.split("title: \"Synthetic: ", 1)[1].split(" of ", 1)[0]


def synthetic_questions(count: int, seed: int = 11) -> list[str]:
    """Questions in the style people type, about the synthetic corpus (some with no answer in it)."""
    rng = random.Random(seed)
    articles = synthetic_articles(200)
    questions: list[str] = []
    for index in range(count):
        name = visitor_of(articles[rng.randrange(len(articles))])
        templates = (f"who did {name} meet", f"when did {name} visit", f"what did {name} discuss",
                     f"what came out of {name}'s visit", "what is the capital of peru")
        questions.append(templates[index % len(templates)].lower())
    return questions
