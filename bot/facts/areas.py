"""Cooperation areas named in the article ("co-production" → joint manufacturing), one mention per area per
sentence."""

from __future__ import annotations

from bot.facts.article_text import ArticleText
from bot.facts.catalog import ExtractionCatalog
from bot.facts.model import CooperationMention


def find_cooperation(article: ArticleText, catalog: ExtractionCatalog) -> list[CooperationMention]:
    """Every (area, sentence) pair, in reading order, with the words that named the area."""
    found: list[CooperationMention] = []
    for sentence in article.sentences:
        for area, match in catalog.areas_in(sentence.text):
            found.append(CooperationMention(area.name, match.group(0), sentence.evidence))
    return found
