"""What every strategy may read about one question: the question understood, the retrieved passages,
and per article its terms, its title-and-lead context and its extracted facts (each computed once)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from bot.answers.candidates import ArticleContext
from bot.answers.parts import parts_taken, whole_question_covered
from bot.answers.question import Question
from bot.facts.model import ArticleFacts
from bot.knowledge.answering import mentions_named_things, quotable
from bot.knowledge.model import RetrievedChunk, covers_countries
from bot.knowledge.numbers import numbers_stated
from bot.knowledge.retrieval import CorpusSnapshot
from bot.knowledge.sentences import split_sentences
from bot.knowledge.text_terms import fold, terms


def article_ids(passages: Sequence[RetrievedChunk]) -> list[str]:
    """The articles the passages come from, each once, in the passages' order."""
    return list(dict.fromkeys(p.article.article_id for p in passages))


@dataclass
class Evidence:
    question: Question
    passages: list[RetrievedChunk]
    snapshot: CorpusSnapshot
    article_terms: Callable[[str], frozenset[str]]
    decoded_facts: Callable[[str], ArticleFacts]
    # The countries a text names by their own names ("South Africa", "South African"), as the gazetteer reads them.
    countries_named: Callable[[str], Sequence[str]] = lambda text: ()
    _contexts: dict[str, ArticleContext] = field(default_factory=dict)
    _texts: dict[str, str] = field(default_factory=dict)

    @property
    def article_ids(self) -> list[str]:
        return article_ids(self.passages)

    @cached_property
    def relevant(self) -> list[RetrievedChunk]:
        """Passages about the question's countries from articles that mention every name it asks about:
        the only ones any strategy may quote (computed once, whichever strategies ask). A list question no
        two articles answer whole may be answered in parts (see `in_parts`)."""
        return self._reading[0]

    @property
    def in_parts(self) -> bool:
        """The question is read part by part: its relevant articles each cover only some of it."""
        return self._reading[1]

    @cached_property
    def _reading(self) -> tuple[list[RetrievedChunk], bool]:
        profile = self.question.profile
        about = [p for p in self.passages if covers_countries(self._countries_told(p), self._countries_asked_of(p))]
        whole = [p for p in about if mentions_named_things(profile, self.named_by(p.article.article_id))]
        if self.question.wants_many and len(article_ids(whole)) < 2:
            parts = self._passages_in_parts()
            if parts:
                return parts, True
        return whole, False

    def _passages_in_parts(self) -> list[RetrievedChunk]:
        """A list question whose names or countries no one article covers together ("which capitals did
        scholz and lula go to"): the passages of articles that each cover a part, when together they cover
        the whole question (bot/answers/parts.py)."""
        profile = self.question.profile
        covered = {p.article.article_id: (self.article_terms(p.article.article_id),
                                          [c for c in self._countries_asked_of(p) if c in p.article.countries])
                   for p in self.passages}
        taken = parts_taken(profile, covered)
        taking_part = [p for p in self.passages if p.article.article_id in taken]
        articles = {a: covered[a][0] for a in taken}
        countries = {p.article.article_id: p.article.countries for p in taking_part}
        return taking_part if whole_question_covered(profile, articles, countries) else []

    def _countries_asked_of(self, passage: RetrievedChunk) -> tuple[str, ...]:
        """The question's countries, less any this article uses as a person's name ("Luís Montenegro",
        "Israel Katz"): there the word names the person, not a country the article must cover. A country asked
        by a name several share ("congo") is whichever of them the article is about."""
        asked = self.question.profile.countries
        if not asked:
            return asked
        # "congo", asked of a report on the Republic of the Congo, is that Congo
        told = passage.article.countries
        profile = self.question.profile
        asked = tuple(next((n for n in profile.may_mean(c) if n in told), c) for c in asked)
        people = [fold(o.name).split() for o in self.decoded_facts(passage.article.article_id).officials]
        return tuple(c for c in asked if not any(fold(c) in person for person in people))

    def _countries_told(self, passage: RetrievedChunk) -> tuple[str, ...]:
        """The countries a passage's article is about, and those the question asks of that the passage itself
        names ("Benin imports gas from Qatar" in a Nigeria–Benin report answers "why does benin buy gas from
        qatar"; a mention elsewhere in the article lets no other passage of it answer)."""
        others = [c for c in self.question.profile.countries if c not in passage.article.countries]
        if not others:
            return passage.article.countries  # the usual case: the passage's text need not be read
        told = frozenset(terms(passage.chunk.text))
        by_name = self.countries_named(passage.chunk.text)
        named = [c for c in others if c in by_name or any(
            k.is_country and tuple(terms(c)) in k.alternatives and k.covered_by(told)
            for k in self.question.profile.concepts)]
        return (*passage.article.countries, *named)

    def named_by(self, article_id: str) -> frozenset[str]:
        """What an article names: its text's terms and its outlet's words, since "the japan times piece on
        the yen loans" names the article by the outlet that ran it, a word its text may never use."""
        return self.article_terms(article_id) | frozenset(terms(self.snapshot.articles[article_id].meta.outlet or ""))

    def terms_by_article(self) -> dict[str, frozenset[str]]:
        return {a: self.article_terms(a) for a in self.article_ids}

    def article_text(self, article_id: str) -> str:
        """The article's stored passages joined, read once per question: all of its text (where passages overlap,
        twice), for what a question needs found anywhere in it."""
        found = self._texts.get(article_id)
        if found is None:
            found = self._texts[article_id] = " ".join(
                self.snapshot.chunks[i].text for i in self.snapshot.by_article.get(article_id, ()))
        return found

    def numbers_stated(self, article_id: str) -> set[str]:
        """Every number the whole article states, and the year it was published: a question about "17 may 2024"
        is about none of an article that never says 17 or 2024."""
        said = numbers_stated(self.article_text(article_id))
        published = self.snapshot.articles[article_id].meta.published
        return said | {str(published.year)} if published else said

    def context(self, article_id: str) -> ArticleContext:
        """The article's title and lead sentence, and their terms: what a sentence's "the facility" refers to."""
        found = self._contexts.get(article_id)
        if found is None:
            lead = self.lead(article_id)
            text = " ".join([self.snapshot.articles[article_id].meta.title, lead[0] if lead else ""])
            found = self._contexts[article_id] = ArticleContext(text, frozenset(terms(text)))
        return found

    def lead(self, article_id: str) -> tuple[str, RetrievedChunk] | None:
        """The article's first quotable sentence, in its opening passage."""
        positions = self.snapshot.by_article.get(article_id, ())
        if not positions:
            return None
        chunk = min((self.snapshot.chunks[i] for i in positions), key=lambda c: c.index)
        meta = self.snapshot.articles[article_id].meta
        for sentence in split_sentences(chunk.text):
            if quotable(sentence.text):
                return sentence.text, RetrievedChunk(chunk=chunk, article=meta, score=0.0)
        return None

    def passage_quoting(self, sentence: str, article_id: str) -> RetrievedChunk | None:
        """The passage of the article that holds `sentence`, carried as a retrieved chunk."""
        top = next((p for p in self.passages if p.article.article_id == article_id), None)
        meta = self.snapshot.articles[article_id].meta
        for position in self.snapshot.by_article.get(article_id, ()):
            chunk = self.snapshot.chunks[position]
            if sentence in chunk.text:
                return replace(top, chunk=chunk) if top else RetrievedChunk(chunk=chunk, article=meta, score=0.0)
        return None
