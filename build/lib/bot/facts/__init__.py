"""Structured facts extracted from articles at ingestion (officials, visits, cooperation areas, agreements,
dated events), the views the bot answers from, and the timeline chart. No language model, no discord."""

from bot.facts.catalog import ExtractionCatalog, load_catalog
from bot.facts.extract import extract_facts
from bot.facts.model import Agreement, ArticleFacts, CooperationMention, Event, Evidence, Official, Visit

__all__ = [
    "Agreement",
    "ArticleFacts",
    "CooperationMention",
    "Event",
    "Evidence",
    "ExtractionCatalog",
    "Official",
    "Visit",
    "extract_facts",
    "load_catalog",
]
