"""Builds the real Attaché bot on a real knowledge base, ready to run against the Discord emulator."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.client import AttacheBot
from bot.services import KnowledgeBase
from tests.emulator import MessageRecord

EVIDENCE = "attache:evidence"
EVIDENCE_WORDED = "attache:evidence:worded"  # views and model-worded answers


def make_bot(kb: KnowledgeBase, **discord_settings: Any) -> AttacheBot:
    settings = replace(kb.settings, discord=replace(kb.settings.discord, question_cooldown_rate=100,
                                                    **discord_settings))
    return AttacheBot(settings, knowledge=kb)


def embed_text(message: MessageRecord) -> str:
    """Everything a person reads in a message: content, titles, descriptions, fields, footers."""
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f.get('name')}\n{f.get('value')}" for f in embed.get("fields", [])]
        parts.append((embed.get("footer") or {}).get("text", ""))
    return "\n".join(p for p in parts if p)


def button_ids(message: MessageRecord) -> list[str]:
    return [c.get("custom_id", "") for row in message.components for c in row.get("components", [])]


def never_pings(message: MessageRecord) -> bool:
    mentions = message.allowed_mentions or {}
    return (mentions.get("parse") == [] and not mentions.get("users") and not mentions.get("roles")
            and not mentions.get("replied_user"))
