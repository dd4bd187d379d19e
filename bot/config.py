"""One typed settings tree: committed defaults from config/settings.toml, secrets from the environment or .env."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETTINGS_FILE = PROJECT_ROOT / "config" / "settings.toml"


class SettingsError(ValueError):
    """A setting that cannot work, said in one line."""


@dataclass(frozen=True)
class KnowledgeSettings:
    data_dir: Path = PROJECT_ROOT / "data"
    shipped_dir: Path = PROJECT_ROOT / "knowledge"
    collection_prefix: str = "attache"
    gazetteers: tuple[Path, ...] = (PROJECT_ROOT / "config" / "gazetteer.toml",)
    vocabulary: Path = PROJECT_ROOT / "config" / "vocabulary.toml"
    max_file_bytes: int = 2_000_000
    chunk_tokens: int = 230
    chunk_overlap_tokens: int = 40


@dataclass(frozen=True)
class ChromaSettings:
    host: str = ""
    port: int = 8000
    # Every call to a Chroma server gives up after this long, so a server that stops answering is an
    # error to report, not a hang.
    timeout_seconds: float = 10.0


@dataclass(frozen=True)
class FetchSettings:
    """How links are fetched (/knowledge add, `attache ingest URL`); the body limit is knowledge.max_file_bytes."""

    # Loopback (127.0.0.0/8, ::1) is refused like every other address of the bot's own network unless
    # this is on: tests and a developer's local pages need it, a deployed bot never does.
    allow_loopback: bool = False
    # Host names fetched whatever private address they resolve to (an intranet mirror you trust).
    # Only these exact names: a redirect anywhere else is checked as usual. Cloud metadata stays refused.
    allowed_hosts: tuple[str, ...] = ()
    connect_timeout_seconds: float = 5.0
    read_timeout_seconds: float = 10.0
    # The whole fetch, redirects and body included: a server that trickles bytes cannot hold a fetch open.
    total_timeout_seconds: float = 30.0
    max_redirects: int = 5
    user_agent: str = "Attache/0.1 (news article fetcher)"


@dataclass(frozen=True)
class SyndicationSettings:
    """Near-copies of a stored article (the same wire story on another outlet) become extra sources of it."""

    # Containment of word shingles at or above which two texts are one story; fitted on real pairs by
    # benchmarks/syndication/fit_threshold.py (precision and recall there, and in the README).
    threshold: float = 0.594


@dataclass(frozen=True)
class FeedSettings:
    """Followed RSS and Atom feeds (/knowledge follow, `attache feeds`); fetched under the `[fetch]` rules."""

    # Feeds one server (or the shipped knowledge) may follow: each poll fetches every new item's page.
    max_feeds_per_server: int = 20
    # No feed is polled more often than this, whatever interval its follower asks for.
    min_interval_minutes: int = 15
    default_interval_minutes: int = 60
    # The newest items read from one poll of one feed; older ones are left for the articles already there.
    max_items_per_poll: int = 20
    # How often the bot looks for feeds that are due.
    check_seconds: float = 60.0
    # Later polls that try again an item whose page failed; after these it is given up and shown as such.
    max_item_retries: int = 3
    # How long a poll's lease on a feed (shared by every process on one store) lasts if its process dies.
    poll_lease_seconds: float = 900.0


@dataclass(frozen=True)
class WatchSettings:
    """Watched country pairs (/watch), their cited alerts, and digests (/digest, `attache digest`)."""

    # Pairs one server (or the shipped knowledge) may watch: every ingestion checks each of them.
    max_watches_per_server: int = 25
    # How often the bot looks for unsent alerts (e.g. from `attache ingest` in another process) and due digests.
    check_seconds: float = 300.0
    # A digest's lines per section (visits, agreements, officials); more are counted, not listed.
    digest_max_lines_per_section: int = 10
    # The most central new sentences a digest quotes after its facts.
    digest_central_sentences: int = 5
    # Shorter sentences (datelines, captions, "(This is a fictional test article.)") are never quoted as central.
    digest_min_sentence_words: int = 8
    # /digest now without `since` covers this many days.
    digest_default_days: int = 7


@dataclass(frozen=True)
class EmbeddingSettings:
    mode: str = "onnx"
    batch_size: int = 16
    threads: int = 0


@dataclass(frozen=True)
class RetrievalSettings:
    dense_candidates: int = 20
    lexical_candidates: int = 20
    rrf_k: int = 60
    top_k: int = 5


@dataclass(frozen=True)
class AnswerSettings:
    mode: str = "extractive"
    max_sentences: int = 3
    max_list_items: int = 6
    min_similarity: float = 0.30
    fact_strategies: bool = True
    model: Path = PROJECT_ROOT / "config" / "answer_model.json"
    types: Path = PROJECT_ROOT / "config" / "answer_types.toml"


@dataclass(frozen=True)
class LlmSettings:
    provider: str = ""
    model: str = ""
    temperature: float = 0.0
    timeout_seconds: float = 20.0


@dataclass(frozen=True)
class DiscordSettings:
    token: str = field(default="", repr=False)
    guild_id: int | None = None
    answer_channels: tuple[int, ...] = ()
    admin_role: str = "Knowledge Admin"
    question_cooldown_seconds: float = 3.0
    question_cooldown_rate: int = 2
    embed_description_limit: int = 4096


@dataclass(frozen=True)
class Settings:
    knowledge: KnowledgeSettings = field(default_factory=KnowledgeSettings)
    chroma: ChromaSettings = field(default_factory=ChromaSettings)
    embedding: EmbeddingSettings = field(default_factory=EmbeddingSettings)
    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    answer: AnswerSettings = field(default_factory=AnswerSettings)
    llm: LlmSettings = field(default_factory=LlmSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    watch: WatchSettings = field(default_factory=WatchSettings)
    syndication: SyndicationSettings = field(default_factory=SyndicationSettings)

    @property
    def models_dir(self) -> Path:
        return self.knowledge.data_dir / "models"


def load_settings(
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    dotenv: bool = True,
) -> Settings:
    """Build the settings once at start-up; `environ` defaults to os.environ (plus .env when `dotenv`)."""
    if environ is None:
        if dotenv:
            from dotenv import load_dotenv

            # .env never overrides what the environment already says.
            load_dotenv(PROJECT_ROOT / ".env", override=False)
            load_dotenv(Path.cwd() / ".env", override=False)
        environ = os.environ
    settings_path = path or Path(environ.get("ATTACHE_CONFIG", DEFAULT_SETTINGS_FILE))
    raw: dict[str, Any] = {}
    if settings_path.exists():
        with open(settings_path, "rb") as handle:
            raw = tomllib.load(handle)
    # config/settings.toml resolves paths against the project folder; any other file against its own folder.
    folder = settings_path.resolve().parent
    base = folder.parent if folder.name == "config" else folder
    return _apply_environment(_from_toml(raw, base), environ)


def _path(value: str | Path, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path).resolve()


def _section(raw: dict[str, Any], name: str) -> dict[str, Any]:
    section = raw.get(name, {})
    if not isinstance(section, dict):
        raise ValueError(f"[{name}] in settings.toml must be a table")
    return section


def _from_toml(raw: dict[str, Any], base: Path) -> Settings:
    knowledge = dict(_section(raw, "knowledge"))
    for key in ("data_dir", "shipped_dir", "vocabulary"):
        if key in knowledge:
            knowledge[key] = _path(knowledge[key], base)
    if "gazetteers" in knowledge:
        knowledge["gazetteers"] = tuple(_path(p, base) for p in knowledge["gazetteers"])
    answer = dict(_section(raw, "answer"))
    for key in ("model", "types"):
        if key in answer:
            answer[key] = _path(answer[key], base)
    discord = dict(_section(raw, "discord"))
    if "answer_channels" in discord:
        discord["answer_channels"] = tuple(int(c) for c in discord["answer_channels"])
    fetch = dict(_section(raw, "fetch"))
    if "allowed_hosts" in fetch:
        fetch["allowed_hosts"] = tuple(str(h).strip().lower().rstrip(".") for h in fetch["allowed_hosts"])
    return Settings(
        knowledge=KnowledgeSettings(**knowledge),
        chroma=ChromaSettings(**_section(raw, "chroma")),
        embedding=EmbeddingSettings(**_section(raw, "embedding")),
        retrieval=RetrievalSettings(**_section(raw, "retrieval")),
        answer=AnswerSettings(**answer),
        llm=LlmSettings(**_section(raw, "llm")),
        discord=DiscordSettings(**discord),
        fetch=FetchSettings(**fetch),
        feeds=FeedSettings(**_section(raw, "feeds")),
        watch=WatchSettings(**_section(raw, "watch")),
        syndication=SyndicationSettings(**_section(raw, "syndication")),
    )


def _apply_environment(settings: Settings, environ: Mapping[str, str]) -> Settings:
    knowledge = settings.knowledge
    if environ.get("ATTACHE_DATA_DIR"):
        knowledge = replace(knowledge, data_dir=Path(environ["ATTACHE_DATA_DIR"]).expanduser().resolve())
    chroma = settings.chroma
    if environ.get("CHROMA_HOST"):
        chroma = replace(chroma, host=environ["CHROMA_HOST"])
    if environ.get("CHROMA_PORT"):
        port = environ["CHROMA_PORT"].strip()
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise SettingsError(f"CHROMA_PORT must be a port number (1-65535), not {port[:20]!r}.")
        chroma = replace(chroma, port=int(port))
    discord = settings.discord
    if environ.get("DISCORD_TOKEN"):
        discord = replace(discord, token=environ["DISCORD_TOKEN"].strip())
    if environ.get("DISCORD_GUILD_ID"):
        discord = replace(discord, guild_id=int(environ["DISCORD_GUILD_ID"]))
    return replace(settings, knowledge=knowledge, chroma=chroma, discord=discord)
