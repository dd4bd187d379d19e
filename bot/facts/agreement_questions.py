"""'List all the deals X and Y signed' answered from the extracted agreements, one quote per agreement.

Sentence scoring favours the article that matches the question best, so a second article's MoU went
missing from list answers. The extracted agreements already know their parties and dates; listing
them, then quoting the sentence each rests on, gives every deal in the retrieved articles once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from bot.facts.model import Agreement, ArticleFacts, FactQuote
from bot.facts.views import same_agreement
from bot.knowledge.answering import quotable
from bot.knowledge.model import covers_countries
from bot.knowledge.numbers import MONTH_NAMES
from bot.knowledge.question import QuestionProfile
from bot.knowledge.text_terms import fold, terms, words

_DEALS = re.compile(r"\b(deals?|agreements?|mous?|contracts?|signed|sign|pacts?|treat(y|ies)|accords?|agreed|agree)\b")
_PLURAL = re.compile(r"\b(deals|agreements|mous|contracts|pacts|treaties|accords|all of it|everything)\b")
_MONTHS = tuple(m.casefold() for m in MONTH_NAMES.split("|")[:12])  # "january" … "december", in order
_MAX_QUOTES = 5
# The words that ask what an agreement holds; with words that tell when or that it was signed, none says what the
# agreement is about.
_HOLDS = r"in|cover\w*|include\w*|say|says|provide\w*|involve\w*|entail\w*|mean|terms|details"
_CONTENT_WORDS = re.compile(_HOLDS)
# "what does the defence agreement cover", "whats in the health mou": the terms of one agreement.
_CONTENT = re.compile(rf"\b(what'?s|whats|what is|what does|what do|what did)\b.*\b({_HOLDS})\b")
_SIGNING_OR_TIME = re.compile(rf"sign\w*|ink\w*|seal\w*|conclude\w*|agreed|\d+|last|this|next|year|month|week|"
                              rf"today|yesterday|{MONTH_NAMES}", re.IGNORECASE)
_KIND_WORDS = re.compile(r"\b(deal|agreement|mou|memorandum|contract|pact|treaty|accord|jv|joint venture)\b")
_TERMS_CUES = re.compile(r"\b(provides?|under (the|this|it)|covers?|includes?|allows?|will|commits?|sets? up)\b", re.I)
_MAX_CONTENT_QUOTES = 3


def agreement_quotes(profile: QuestionProfile, facts: Mapping[str, ArticleFacts],
                     published: Mapping[str, date | None]) -> list[FactQuote]:
    """Every signed agreement between the question's countries in the given (retrieved) articles, or none
    when the question does not ask for a list of deals. An undated agreement counts as of its article's date."""
    lowered = profile.text.casefold()
    if not _DEALS.search(lowered) or not (profile.wants_many or _PLURAL.search(lowered)):
        return []
    if profile.kind in ("amount", "count", "date", "person", "place"):
        return []
    tokens = words(lowered)
    years = {int(t) for t in tokens if t.isdigit() and len(t) == 4}
    months = {_MONTHS.index(t) + 1 for t in tokens if t in _MONTHS}
    found: list[tuple[Agreement, str]] = []
    for article_id, article_facts in facts.items():
        # "what deals did halloran sign": not the deals whose sentences name only other officials (by name or,
        # for the one asked about, by one of their titles: "The Prime Minister and X signed")
        surnames = {fold(o.name).split()[-1] for o in article_facts.officials}
        named = surnames & set(tokens)
        their_titles = [fold(t) for o in article_facts.officials if fold(o.name).split()[-1] in named for t in o.titles]
        for agreement in article_facts.agreements:
            if agreement.status != "signed" or not agreement.evidence:
                continue
            said = {w for e in agreement.evidence for w in words(e.sentence)} & surnames
            titled = any(t in fold(e.sentence) for e in agreement.evidence for t in their_titles)
            if named and said and not said & named and not titled:
                continue
            if profile.countries and not _between(agreement.parties, profile.countries):
                continue
            when = agreement.date or published.get(article_id)
            if years and not (when and when.year in years):
                continue
            if months and not (when and when.month in months):
                continue
            if not any(same_agreement(agreement, kept) for kept, _ in found):
                found.append((agreement, article_id))
    found.sort(key=lambda item: item[0].date.isoformat() if item[0].date else "")
    told_by = Counter(s for f in facts.values() for agreement in f.agreements
                      for s in dict.fromkeys(e.sentence for e in agreement.evidence))
    return _one_quote_each(found[:_MAX_QUOTES], told_by)


def _one_quote_each(found: Sequence[tuple[Agreement, str]], told_by: Counter[str]) -> list[FactQuote]:
    """Each deal by a sentence of its own where the article has one. "Jamaica has concluded two MoUs" backs
    both listed items; quoted for the first, it left that item's own line ("Political consultations.")
    unsaid, so a sentence that several of the article's deals share (`told_by` counts them, found or not)
    comes first, once, and each deal then adds its own."""
    quotes: list[FactQuote] = []
    for agreement, article_id in found:
        sentences = [e.sentence for e in agreement.evidence]
        shared = [s for s in sentences if told_by[s] > 1 and all(s != q.sentence for q in quotes)]
        own = next((s for s in sentences if told_by[s] == 1), None)
        if own is not None:
            quotes.extend(FactQuote(s, article_id) for s in shared[:1])
            quotes.append(FactQuote(own, article_id))
        elif shared:
            quotes.append(FactQuote(shared[0], article_id))
    return quotes


def _between(parties: Sequence[str], asked: Sequence[str]) -> bool:
    """The deal is between the countries asked about (with three or more named, any two of them)."""
    return covers_countries(parties, asked)


def agreement_content_quotes(profile: QuestionProfile, facts: Mapping[str, ArticleFacts]) -> list[FactQuote]:
    """What one agreement provides: the sentence that reports it, then those saying what it does.

    The signing sentence alone ("signed the Defence Cooperation Agreement") scores best but answers
    "what does it cover" with nothing; the agreement's own later sentences ("The agreement provides…",
    "Under the memorandum…") hold its terms."""
    lowered = profile.text.casefold()
    if not (_CONTENT.search(lowered) and _KIND_WORDS.search(lowered)) or _PLURAL.search(lowered):
        return []
    asked = [c for c in profile.concepts if not c.is_country and not c.generic]
    # What the agreement is about ("the health mou"): every agreement is of some kind, and "cover" or "terms"
    # ask what it holds, so only the other words tell one agreement from another.
    subject = [c for c in asked if not (_KIND_WORDS.fullmatch(c.word) or _CONTENT_WORDS.fullmatch(c.word)
                                        or _SIGNING_OR_TIME.fullmatch(c.word))]
    best: tuple[float, Agreement, str] | None = None
    for article_id, article_facts in facts.items():
        for agreement in article_facts.agreements:
            if agreement.status != "signed" or len(agreement.evidence) < 2:
                continue
            if profile.countries and not _between(agreement.parties, profile.countries):
                continue
            known = frozenset(terms(" ".join([agreement.kind, agreement.subject or "",
                                              *(e.sentence for e in agreement.evidence)])))
            if subject and not any(c.covered_by(known) for c in subject):
                continue  # "the health mou" is not one on hydropower
            score = sum(c.weight for c in asked if c.covered_by(known))
            if best is None or score > best[0]:
                best = (score, agreement, article_id)
    if best is None or best[0] == 0:
        return []
    _, agreement, article_id = best
    sentences = [e.sentence for e in agreement.evidence if quotable(e.sentence)]
    if not sentences:
        return []
    lead = sentences[0]
    rest = [s for s in sentences[1:] if not re.search(r"[\"“”]", s)]  # a speaker's praise is not its terms
    terms_first = sorted(rest, key=lambda s: not _TERMS_CUES.search(s))
    return [FactQuote(s, article_id) for s in [lead, *terms_first][:_MAX_CONTENT_QUOTES]]
