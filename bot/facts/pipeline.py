"""Fact extraction wired for ingestion: the catalog is loaded once, and each article becomes facts JSON that
the store keeps beside its chunks."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from bot.config import Settings
from bot.facts.catalog import ExtractionCatalog, load_catalog
from bot.facts.extract import extract_article_facts
from bot.knowledge.gazetteer import Gazetteer
from bot.knowledge.model import Article

log = logging.getLogger(__name__)


def article_fact_extractor(
    settings: Settings, gazetteer: Gazetteer, catalog: ExtractionCatalog | None = None,
    known_people: Callable[[], Mapping[str, str]] | None = None,
) -> Callable[[Article], str]:
    """A function from an article to its facts as JSON (`ArticleFacts.to_json`), for the ingestor;
    `known_people` gives the countries the stored articles settled for people (bot/facts/known_people.py)."""
    vocabulary = catalog or load_catalog()
    log.debug(
        "fact extraction ready areas=%d gazetteers=%d",
        len(vocabulary.areas),
        len(settings.knowledge.gazetteers),
    )

    def extract(article: Article) -> str:
        known = known_people() if known_people is not None else None
        return extract_article_facts(article, gazetteer, vocabulary, known).to_json()

    return extract
