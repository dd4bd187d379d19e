"""Questions asked in parts: "which capitals did scholz and lula go to" or "the trade deals goyal signed with
the uae and with australia" ask several articles one thing each. No article names both parts, so a list
question whose named things and countries are spread over articles is read part by part: an article may
answer when it covers one part, and it is scored against its own part, not blamed for the other's names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.knowledge.question import Concept, QuestionProfile


def named_things(profile: QuestionProfile) -> list[Concept]:
    """The question's names that can split it into parts: named, telling, not a country or everyday word."""
    return [c for c in profile.concepts if c.named and not c.is_country and not c.generic
            and c.weight >= profile.specific_weight]


def covers_a_part(profile: QuestionProfile, covered_countries: Sequence[str], article_terms: frozenset[str]) -> bool:
    """An article takes part in a question in parts when it covers one of its countries (if it names any)
    and one of its names (if it names any)."""
    names = named_things(profile)
    if profile.countries and not set(profile.countries) & set(covered_countries):
        return False
    return not names or any(c.covered_by(article_terms) for c in names)


def whole_question_covered(profile: QuestionProfile, parts: Mapping[str, frozenset[str]],
                           countries: Mapping[str, Sequence[str]]) -> bool:
    """Every name and country the question asks about is covered by some article taking part: a question
    naming something no article has is not a list of parts but a near miss."""
    names = named_things(profile)
    every_name = all(any(c.covered_by(t) for t in parts.values()) for c in names)
    every_country = set(profile.countries) <= {c for a in parts for c in countries[a]}
    return every_name and every_country and len(parts) >= 2


def other_parts(concepts: Sequence[Concept], article_terms: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """For each article, the words of the names it lacks that another article has: the other parts, which
    its sentences are not scored against."""
    named = [c for c in concepts if c.named and not c.is_country and not c.generic]
    return {article: frozenset(c.word for c in named if not c.covered_by(terms)
                               and any(c.covered_by(t) for a, t in article_terms.items() if a != article))
            for article, terms in article_terms.items()}
