"""Questions asked in parts: "which capitals did scholz and lula go to" or "the trade deals goyal signed with
the uae and with australia" ask several articles one thing each. No article names both parts, so a list
question whose names and countries are spread over articles is read part by part: an article may answer
when it covers one part, and it is scored against its own part, not blamed for the other's names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.knowledge.answering import telling_names
from bot.knowledge.question import Concept, QuestionProfile


def covers_a_part(profile: QuestionProfile, countries_covered: Sequence[str], article_terms: frozenset[str]) -> bool:
    """An article takes part when it covers one of the question's countries (if it names any;
    `countries_covered` are the ones it covers) and one of its names (if it names any)."""
    if profile.countries and not countries_covered:
        return False
    names = telling_names(profile)
    return not names or any(c.covered_by(article_terms) for c in names)


def parts_taken(profile: QuestionProfile, articles: Mapping[str, tuple[frozenset[str], Sequence[str]]]) -> set[str]:
    """The articles (id → its terms and the question's countries it covers) that each cover a part. Beside
    those with a name of their own, a question about two pairs ("the jordan-lebanon committee and the
    nigeria-niger talks") lets an article of the other pair take part without the names: they belong to
    the articles of the first pair, whose countries it does not share. Both must be pairs the question names:
    an article about one of its countries alone is no part of a question about two pairs."""
    named = {a for a, (terms, covered) in articles.items() if covers_a_part(profile, covered, terms)}
    pairs_named = [set(articles[a][1]) for a in named if len(articles[a][1]) >= 2]
    other_pair = {a for a, (_, covered) in articles.items() if a not in named and len(covered) >= 2
                  and pairs_named and not any(set(covered) & pair for pair in pairs_named)}
    return named | other_pair


def whole_question_covered(profile: QuestionProfile, parts: Mapping[str, frozenset[str]],
                           countries: Mapping[str, Sequence[str]]) -> bool:
    """At least two articles take part and every name and country the question asks about is covered by
    one of them: a question naming something no article has is not a list of parts but a near miss."""
    every_name = all(any(c.covered_by(t) for t in parts.values()) for c in telling_names(profile))
    every_country = set(profile.countries) <= {c for a in parts for c in countries[a]}
    return every_name and every_country and len(parts) >= 2


def other_parts(profile: QuestionProfile, article_terms: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """For each article, the words of the names it lacks that another article has: the other parts, which
    its sentences are not scored against. A name no article has stays in every article's part."""
    names: list[Concept] = telling_names(profile)
    return {article: frozenset(c.word for c in names if not c.covered_by(terms)
                               and any(c.covered_by(t) for a, t in article_terms.items() if a != article))
            for article, terms in article_terms.items()}
