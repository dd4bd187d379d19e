"""The optional language-model answerer: real knowledge base, real extractive fallback, scripted fake chat models.

Only the paid API is replaced: langchain's own fake chat models return scripted replies, and a small
subclass records the messages it was sent.
"""

from __future__ import annotations

import logging
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import Field

from bot.config import LlmSettings
from bot.knowledge.embedder import OnnxEmbedder
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.llm_answering import (
    NOT_COVERED,
    Evidence,
    LlmAnswerer,
    gather_evidence,
    parse_reply,
    prompt_messages,
    reply_text,
)
from bot.knowledge.model import ArticleMeta, RetrievedChunk, SearchFilters
from bot.knowledge.question import QuestionProfile, profile_question
from bot.services import KnowledgeBase, build_knowledge_base, build_wording
from tests.conftest import FICTIONAL_ARTICLES, settings_for_tests

EXERCISE_QUESTION = "what exercise are veloria and quintara planning"
JWG_ARTICLE = "2026-03-12-veloria-quintara-jwg-sarrowmere.md"


class RecordingChatModel(FakeListChatModel):
    """A scripted fake that keeps every list of messages it was sent."""

    received: list[list[BaseMessage]] = Field(default_factory=list)

    def _call(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
              **kwargs: Any) -> str:
        self.received.append(list(messages))
        return super()._call(messages, stop, run_manager, **kwargs)


class FailingChatModel(FakeListChatModel):
    """Fails like a provider whose quota ran out; the message carries a (fake) key that must never be logged."""

    def _call(self, *args: Any, **kwargs: Any) -> str:
        raise ConnectionError("429 quota exceeded for key sk-fake-0123456789")


@dataclass(frozen=True)
class Retrieved:
    """What `KnowledgeBase.ask` hands its answerer for a question."""

    profile: QuestionProfile
    passages: list[RetrievedChunk]


@pytest.fixture(scope="module")
def fictional_kb(tmp_path_factory: pytest.TempPathFactory, embedder: OnnxEmbedder) -> KnowledgeBase:
    """One real knowledge base of the fictional articles, shared by this module's tests (read-only)."""
    knowledge = build_knowledge_base(settings_for_tests(tmp_path_factory.mktemp("llm") / "data"), embedder=embedder)
    outcomes = knowledge.ingestor.ingest_paths([FICTIONAL_ARTICLES])
    assert all(o.status == "added" for o in outcomes), outcomes
    return knowledge


class PipelineAnswerer:
    """The extractive answer of the real pipeline, as the `Answerer` the language model starts from."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self._knowledge = knowledge

    def answer(self, profile: QuestionProfile, passages: Any, fact_sentences: Any = (), article_terms: Any = None) -> Any:
        return replace(self._knowledge.ask(profile.text), elapsed_ms=0.0)  # the same answer each time it is asked


@pytest.fixture
def extractive(fictional_kb: KnowledgeBase) -> PipelineAnswerer:
    return PipelineAnswerer(fictional_kb)


@pytest.fixture
def retrieve(fictional_kb: KnowledgeBase) -> Callable[[str], Retrieved]:
    """Profile and retrieve as `KnowledgeBase.ask` does (a question about a pair stays inside the pair)."""

    def run(question: str) -> Retrieved:
        snapshot = fictional_kb.retriever.snapshot()
        profile = profile_question(question, snapshot.lexical, fictional_kb.gazetteer, fictional_kb.pipeline.vocabulary)
        filters = SearchFilters(countries=profile.countries) if len(profile.countries) >= 2 else SearchFilters()
        return Retrieved(profile, fictional_kb.retriever.search(profile.search_text, filters))

    return run


def evidence_for(extractive: PipelineAnswerer, found: Retrieved) -> tuple[Evidence, ...]:
    """The evidence the answerer will number, so a scripted reply can cite it by label."""
    answer = extractive.answer(found.profile, found.passages)
    assert not answer.refused, answer.text
    return gather_evidence(answer, found.profile, found.passages)


def human_text(messages: list[BaseMessage]) -> str:
    return next(str(m.content) for m in messages if isinstance(m, HumanMessage))


# --- answers from the model's sentences ------------------------------------------------------------------------


def test_cited_sentences_get_article_numbers_and_verbatim_quotes(
    extractive: PipelineAnswerer, retrieve: Callable[[str], Retrieved]
) -> None:
    found = retrieve(EXERCISE_QUESTION)
    evidence = evidence_for(extractive, found)
    first, second = evidence[0], evidence[1]
    assert "Exercise Tidewall" in first.text and first.article.source.endswith(JWG_ARTICLE)
    other = next(e for e in evidence if e.article.article_id != first.article.article_id)
    model = RecordingChatModel(responses=[
        f"Veloria and Quintara plan their first naval exercise, Exercise Tidewall, off Kelvasport in September 2026 "
        f"[E{first.label}][E{second.label}]. A separate article covers further defence ties [E{other.label}]."
    ])

    answer = LlmAnswerer(model, extractive).answer(found.profile, found.passages)

    assert not answer.refused
    assert answer.text == ("Veloria and Quintara plan their first naval exercise, Exercise Tidewall, off Kelvasport "
                           "in September 2026. [1] A separate article covers further defence ties. [2]")
    assert [(c.n, c.quote, c.article.article_id) for c in answer.citations] == [
        (1, first.text, first.article.article_id),
        (1, second.text, second.article.article_id),
        (2, other.text, other.article.article_id),
    ]
    chunks = {p.chunk.chunk_id: p.chunk.text for p in found.passages}
    assert all(c.quote in chunks[c.chunk_id] for c in answer.citations)  # verbatim in the passage it cites
    published = [first.article.published, other.article.published]
    assert answer.as_of == max(d for d in published if d)


def test_sentences_with_unknown_missing_or_unsupported_markers_are_dropped(
    extractive: PipelineAnswerer, retrieve: Callable[[str], Retrieved]
) -> None:
    found = retrieve(EXERCISE_QUESTION)
    first = evidence_for(extractive, found)[0]
    model = RecordingChatModel(responses=[
        f"Exercise Tidewall will be held off Kelvasport [E{first.label}].\n"
        "It will be the largest exercise in the region [E99].\n"
        "Both navies are said to be thrilled.\n"
        f"It will run in September 2031 [E{first.label}]."  # a year the evidence does not state
    ])

    answer = LlmAnswerer(model, extractive).answer(found.profile, found.passages)

    assert answer.text == "Exercise Tidewall will be held off Kelvasport. [1]"
    assert [c.quote for c in answer.citations] == [first.text]


def test_prompt_holds_the_question_rules_and_numbered_evidence(
    extractive: PipelineAnswerer, retrieve: Callable[[str], Retrieved]
) -> None:
    found = retrieve(EXERCISE_QUESTION)
    evidence = evidence_for(extractive, found)
    model = RecordingChatModel(responses=[NOT_COVERED])

    LlmAnswerer(model, extractive, max_evidence=5).answer(found.profile, found.passages)

    assert len(model.received) == 1
    system, human = model.received[0]
    assert isinstance(system, SystemMessage) and isinstance(human, HumanMessage)
    assert NOT_COVERED in str(system.content) and "[E2][E5]" in str(system.content)
    assert EXERCISE_QUESTION in str(human.content)
    for item in evidence[:5]:
        assert f"[E{item.label}] {item.text}" in str(human.content)
    assert "[E6]" not in str(human.content)
    # The extractive answer's quotes come first; no evidence sentence is shorter than six words.
    quotes = [c.quote for c in extractive.answer(found.profile, found.passages).citations]
    assert [e.text for e in evidence[: len(quotes)]] == quotes
    assert all(len(e.text.split()) >= 6 for e in evidence)


def test_ask_through_the_knowledge_base_uses_the_model(
    fictional_kb: KnowledgeBase, extractive: PipelineAnswerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = RecordingChatModel(responses=["Quintara's radar contract is worth 240 million dollars [E1]."])
    llm = LlmAnswerer(model, extractive)
    monkeypatch.setattr(fictional_kb.pipeline, "_wording", lambda q, passages, answer: llm.reword(q.profile, passages, answer))

    answer = fictional_kb.ask("how much is the quintara radar contract worth")

    assert answer.text == "Quintara's radar contract is worth 240 million dollars. [1]"
    assert "240 million dollars" in answer.citations[0].quote
    assert answer.citations[0].article.source.endswith("2026-04-20-quintara-radar-contract-lumenhal.md")
    assert answer.as_of == date(2026, 4, 20)


# --- falling back to the articles' own sentences -----------------------------------------------------------------


@pytest.mark.parametrize("reply", [NOT_COVERED, f"{NOT_COVERED}.", "The exercise is soon.", "Tidewall [E99]."])
def test_unusable_replies_give_the_extractive_answer(
    extractive: PipelineAnswerer, retrieve: Callable[[str], Retrieved], caplog: pytest.LogCaptureFixture,
    reply: str,
) -> None:
    found = retrieve(EXERCISE_QUESTION)
    with caplog.at_level(logging.WARNING, logger="bot.knowledge.llm_answering"):
        answer = LlmAnswerer(RecordingChatModel(responses=[reply]), extractive).answer(found.profile, found.passages)
    assert answer == extractive.answer(found.profile, found.passages)
    assert "articles' own sentences" in caplog.text


def test_a_failing_model_gives_the_extractive_answer_and_logs_no_secret(
    extractive: PipelineAnswerer, retrieve: Callable[[str], Retrieved], caplog: pytest.LogCaptureFixture
) -> None:
    found = retrieve(EXERCISE_QUESTION)
    with caplog.at_level(logging.DEBUG, logger="bot.knowledge.llm_answering"):
        answer = LlmAnswerer(FailingChatModel(responses=[""]), extractive).answer(found.profile, found.passages)
    assert answer == extractive.answer(found.profile, found.passages)
    assert "ConnectionError" in caplog.text
    assert "sk-fake" not in caplog.text


def test_a_refusal_is_returned_without_asking_the_model(
    extractive: PipelineAnswerer, retrieve: Callable[[str], Retrieved]
) -> None:
    found = retrieve("what is the capital of peru")
    model = RecordingChatModel(responses=["Peru's capital is Lima [E1]."])

    answer = LlmAnswerer(model, extractive).answer(found.profile, found.passages)

    assert answer.refused and answer.citations == ()
    assert answer == extractive.answer(found.profile, found.passages)
    assert model.received == []


# --- parsing replies -------------------------------------------------------------------------------------------

VELORIA = ArticleMeta("a1", "Veloria and Quintara sign MoU", "Fictional Test Wire", published=date(2026, 3, 12),
                      countries=("Veloria", "Quintara"))
EVIDENCE = (
    Evidence(1, "The MoU was signed by the two co-chairs on March 4.", VELORIA, "a1:0"),
    Evidence(2, "A joint research fund of 1,200 million crowns is to be set up.", VELORIA, "a1:0"),
)


@pytest.mark.parametrize(("reply", "expected"), [
    ("The MoU was signed on March 4 [E1, E2].", [("The MoU was signed on March 4.", (1, 2))]),
    ("The MoU was signed on March 4. [E1] It set up a fund. [e2]",
     [("The MoU was signed on March 4.", (1,)), ("It set up a fund.", (2,))]),
    ("- The MoU was signed in 2026 [E1]\n- The fund holds 1200 million crowns [E2]",
     [("The MoU was signed in 2026", (1,)), ("The fund holds 1200 million crowns", (2,))]),
    ("The fund holds 1,500 million crowns [E2].", []),
    ("[E1][E2]", []),
])
def test_parse_reply_keeps_only_sentences_grounded_in_evidence(reply: str, expected: list[tuple[str, tuple[int, ...]]]
                                                              ) -> None:
    assert [(d.text, d.labels) for d in parse_reply(reply, EVIDENCE)] == expected


def test_reply_text_reads_content_blocks_and_skips_reasoning() -> None:
    message = AIMessage(content=[{"type": "reasoning", "reasoning": "hmm"}, {"type": "text", "text": "Signed [E1]."}])
    assert reply_text(message) == "Signed [E1]."
    assert prompt_messages("q", EVIDENCE)[1].content.count("[E") == 2


# --- building from settings ------------------------------------------------------------------------------------


@pytest.fixture
def settings_with_llm(tmp_path: Path) -> Callable[..., Any]:
    def make(**llm: Any) -> Any:
        base = settings_for_tests(tmp_path / "data")
        return replace(base, llm=LlmSettings(**llm), answer=replace(base.answer, mode="llm"))

    return make


@dataclass
class FakeLangchain:
    """What the stand-in `init_chat_model` was called with, and what it should raise instead of building a model."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    error: BaseException | None = None


@pytest.fixture
def fake_langchain(monkeypatch: pytest.MonkeyPatch) -> FakeLangchain:
    """A stand-in `langchain.chat_models` module (langchain itself is optional and may not be installed)."""
    fake = FakeLangchain()

    def init_chat_model(model: str, **kwargs: Any) -> FakeListChatModel:
        fake.calls.append({"model": model, **kwargs})
        if fake.error is not None:
            raise fake.error
        return FakeListChatModel(responses=[NOT_COVERED])

    module = types.ModuleType("langchain.chat_models")
    module.init_chat_model = init_chat_model  # type: ignore[attr-defined]
    package = types.ModuleType("langchain")
    package.chat_models = module  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "langchain", package)
    monkeypatch.setitem(sys.modules, "langchain.chat_models", module)
    return fake


@pytest.mark.parametrize("llm", [{}, {"provider": "openai"}, {"provider": "openai", "model": "  "}])
def test_from_settings_without_a_model_says_how_to_set_one_up(settings_with_llm: Callable[..., Any],
                                                             extractive: PipelineAnswerer, llm: dict[str, str]) -> None:
    with pytest.raises(KnowledgeError) as raised:
        LlmAnswerer.from_settings(settings_with_llm(**llm), fallback=extractive)
    message = raised.value.user_message
    assert "pip install langchain langchain-openai" in message and "[llm] provider/model" in message
    assert "config/settings.toml" in message


def test_from_settings_without_langchain_says_what_to_install(
    settings_with_llm: Callable[..., Any], extractive: PipelineAnswerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "langchain", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "langchain.chat_models", None)
    with pytest.raises(KnowledgeError, match="langchain package is not installed: pip install langchain"):
        LlmAnswerer.from_settings(settings_with_llm(provider="openai", model="gpt-4o-mini"), fallback=extractive)


def test_from_settings_passes_model_provider_and_temperature(
    settings_with_llm: Callable[..., Any], extractive: PipelineAnswerer, fake_langchain: FakeLangchain
) -> None:
    answerer = LlmAnswerer.from_settings(settings_with_llm(provider="ollama", model="llama3.1", temperature=0.2),
                                         fallback=extractive)
    LlmAnswerer.from_settings(settings_with_llm(model="openai:gpt-4o-mini"), fallback=extractive)
    assert isinstance(answerer, LlmAnswerer)
    assert fake_langchain.calls == [
        {"model": "llama3.1", "model_provider": "ollama", "temperature": 0.2, "timeout": 20.0, "max_retries": 1},
        {"model": "openai:gpt-4o-mini", "model_provider": None, "temperature": 0.0, "timeout": 20.0, "max_retries": 1},
    ]


@pytest.mark.parametrize(("error", "expected"), [
    (ImportError("Unable to import langchain_openai. Please install with `pip install -U langchain-openai`"),
     "needs langchain-openai, which is not installed: pip install langchain-openai"),
    (ValueError("Unsupported model_provider='nope'."), "langchain does not know [llm] provider 'nope'"),
    (RuntimeError("The api_key client option must be set, got sk-fake-0123"), "(RuntimeError): check its API key"),
])
def test_from_settings_turns_provider_failures_into_a_fix(
    settings_with_llm: Callable[..., Any], extractive: PipelineAnswerer, fake_langchain: FakeLangchain,
    error: BaseException, expected: str,
) -> None:
    fake_langchain.error = error
    with pytest.raises(KnowledgeError) as raised:
        LlmAnswerer.from_settings(settings_with_llm(provider="nope", model="some-model"), fallback=extractive)
    assert expected in raised.value.user_message
    assert "sk-fake" not in raised.value.user_message



def test_services_build_the_llm_answerer_when_answer_mode_is_llm(
    settings_with_llm: Callable[..., Any], fictional_kb: KnowledgeBase, fake_langchain: FakeLangchain
) -> None:
    wording = build_wording(settings_with_llm(provider="anthropic", model="claude-sonnet-4-5"))
    assert wording is not None
    assert fake_langchain.calls[0]["model_provider"] == "anthropic"
