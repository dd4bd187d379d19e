"""Agreements the article reports as signed or due to be signed: MoUs, contracts, joint ventures and other
agreements, with subject, parties (countries), value and date. Mere references ("under the MoU") merge."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from bot.facts.agreement_parties import takes_part
from bot.facts.article_text import ArticleSentence, ArticleText, normalise_quotes
from bot.facts.catalog import ExtractionCatalog
from bot.facts.dates import DateMention
from bot.facts.model import Agreement, AgreementKind, AgreementStatus, DatePrecision, Evidence
from bot.knowledge.numbers import is_year, numbers_stated

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MONEY = re.compile(
    r"(?P<cur>USD|US\$|\$|€|£|EUR|GBP|INR|Rs\.?)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>million|billion|crore|lakh|"
    r"bn|mn)?\b"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s*(?P<scale2>million|billion|crore|lakh)\s+(?P<cur2>dollars|euros|pounds|rupees|"
    r"shekels|yen|[a-z]+s)\b",
    re.IGNORECASE,
)
_CURRENCY_CODES = {
    "$": "USD",
    "us$": "USD",
    "dollars": "USD",
    "euros": "EUR",
    "€": "EUR",
    "£": "GBP",
    "pounds": "GBP",
    "rs": "INR",
    "rs.": "INR",
    "rupees": "INR",
    "shekels": "ILS",
    "yen": "JPY",
}
_DETERMINER = re.compile(
    r"\b(the|that|this|these|those|its|their|such|a|an)\s+((?:[\w’'-]+\s+){0,3})$", re.IGNORECASE
)
_PASSIVE = re.compile(
    r"^[^.;]{0,140}?\b(?:was|were|is|are|been|be)\s+(?:\w+\s+)?(?:signed|inked|concluded|sealed|"
    r"awarded|finalised|finalized|exchanged|agreed)\b",
    re.IGNORECASE,
)
# "An MoU on tourism, signed by X and Y": a participle of signing after the agreement's own phrase.
_SIGNED_BY = re.compile(r"^[^.;]{0,140}?,\s+(?:signed|inked|concluded|sealed)\s+(?:by|between)\b", re.IGNORECASE)
_SUBJECT_END = re.compile(
    r",(?!\d)|;|:|\.(?:\s|$)|\s(?:was|were|is|are|will|would|has|had|and\s+(?:a|an|to)|along\s+with|between|which|"
    r"that|during|worth|valued)\s"
    r"|\s\(|\s—",
)
_VALUE_WORDS = re.compile(
    r"\b(?:worth|valued\s+at|value\s+of|capital\s+of|cost\s+of|priced\s+at)\b", re.IGNORECASE
)


@dataclass
class _Draft:
    kind: AgreementKind
    subject: str | None
    parties: tuple[str, ...]
    value: str | None
    date: date | None
    precision: DatePrecision
    status: AgreementStatus
    evidence: list[Evidence] = field(default_factory=list)
    collective: bool = False  # "signed three MoUs": several agreements told at once
    count: int | None = None  # how many a collective mention counts ("ten deals"), when it says


@dataclass(frozen=True)
class AgreementFindings:
    """The agreements, and which date mentions they used."""

    agreements: tuple[Agreement, ...]
    used_dates: frozenset[tuple[int, int]]


def find_agreements(
    article: ArticleText, docs: Sequence[Doc], catalog: ExtractionCatalog, organisation_countries: dict[str, str]
) -> AgreementFindings:
    """Agreements in the order the article reports them; `docs` are the sentences' parses."""
    drafts: list[_Draft] = []
    used: set[tuple[int, int]] = set()
    last_touched: _Draft | None = None
    listed: _ListOpened | None = None  # the kind a list of subjects is of, its template, and its items so far
    counted: tuple[AgreementKind, int, int] | None = None  # the last count of agreements ("seven agreements")
    for sentence in article.sentences:
        if listed is not None and sentence.list_item:
            listed.item_paragraph = sentence.paragraph
            if not _kind_in(sentence.text, catalog):
                listed.items.append(sentence)
                continue
        elif listed is not None and sentence.paragraph == listed.item_paragraph:
            # "- **Political consultations.** This memorandum sets up …": the item's own description, which
            # tells no agreement of its own ("Separately, the two sides signed a treaty" still does)
            known = len(drafts)
            _agreements_in(sentence, docs[sentence.index], article, catalog, organisation_countries, drafts, used)
            if _describes_the_item(sentence.text, catalog):
                del drafts[known:]
            continue
        elif listed is not None:
            _take_items(listed, drafts, catalog)
            listed = None
        known = len(drafts)
        touched = _agreements_in(sentence, docs[sentence.index], article, catalog, organisation_countries, drafts,
                                 used)
        if listed is not None:
            # "2. A memorandum of understanding on health": told by itself, one of those counted; "- an extradition
            # treaty;", which tells nothing more, is an item like the others
            listed.named += len(drafts) - known
            if len(drafts) == known and sentence.list_item:
                listed.items.append(sentence)
            last_touched = touched or last_touched
            continue
        if touched is not None and touched.collective and (number := _count_stated(sentence.text, catalog)):
            counted = (touched.kind, number, sentence.index)
        opened = _kind_in(sentence.text, catalog, several=True) if sentence.text.rstrip().endswith(":") else None
        template = touched or last_touched or (drafts[-1] if drafts else None)
        if opened is not None and template is not None:
            listed = _ListOpened(opened, template, _count_stated(sentence.text, catalog), opened_at=len(drafts))
        elif (counted is not None and template is not None and sentence.index - counted[2] <= HEADING_AFTER_COUNT
              and _heading_of_signing(sentence, article, catalog)):
            # "Seven agreements were signed …" then a heading, "What was signed", over seven items: one each.
            listed = _ListOpened(counted[0], template, counted[1], opened_at=len(drafts))
            counted = None
        if touched is None and last_touched and re.match(r"(?:It|They)\s", sentence.text):
            # "It will have an initial capital of USD 85 million": the agreement just described.
            _take_value(last_touched, sentence)
            touched = last_touched
        last_touched = touched
    if listed is not None:
        _take_items(listed, drafts, catalog)
    drafts = _unnamed_ones_merged(drafts)
    agreements = tuple(
        Agreement(d.kind, d.subject, d.parties, d.value, d.date, tuple(d.evidence), d.status, d.precision)
        for d in drafts
    )
    return AgreementFindings(agreements, frozenset(used))


def _unnamed_ones_merged(drafts: list[_Draft]) -> list[_Draft]:
    """"The two ministers put their signatures to a treaty" and, further on, "the Treaty on Extradition …": one
    agreement of a kind told without its subject is the article's one of that kind, parties and status told
    with one, when there is just one such; it adds its sentences, value and date to it. A trade, measured over
    the 408 labelled articles: 18 agreements told twice become one, and 5 told apart are wrongly joined."""
    kept: list[_Draft] = []
    for draft in drafts:
        if draft.subject is None and not draft.collective:
            twins = [d for d in drafts if d.subject and not d.collective and d.kind == draft.kind
                     and set(d.parties) == set(draft.parties) and d.status == draft.status]
            if len(twins) == 1:
                twin = twins[0]
                twin.evidence[:] = sorted({*twin.evidence, *draft.evidence}, key=lambda e: e.start)
                twin.value = twin.value or draft.value
                if twin.date is None:
                    twin.date, twin.precision = draft.date, draft.precision
                continue
        kept.append(draft)
    return kept


# A count names what it counts within this many words before it ("21 bilateral trade agreements").
COUNT_WORDS_BEFORE = 3
# "one of the agreements", "two of these deals": a share of them, not how many there are.
_PARTITIVE = re.compile(r"\b\S+\s+of\s+(?:the|these|those|its|their)\b", re.IGNORECASE)


@dataclass
class _ListOpened:
    """A line that opens a list of agreements' subjects ("six memoranda, covering:"), and the items under it."""

    kind: AgreementKind
    opener: _Draft
    count: int | None  # how many agreements the line says there are, when it says one number
    items: list[ArticleSentence] = field(default_factory=list)
    named: int = 0  # items that name their own kind ("A memorandum of understanding on …"), read on their own
    opened_at: int = 0  # how many agreements were known when the list opened: only those may be its mentions
    item_paragraph: int | None = None  # the paragraph of the latest item: its further sentences describe it


def _take_items(listed: _ListOpened, drafts: list[_Draft], catalog: ExtractionCatalog) -> None:
    """"The remaining six are memoranda of understanding, covering: 1. trade and investment; 2. …": one agreement
    per item, and the mentions of them together ("signed six MoUs") are these. When the line counts otherwise
    ("the 21 agreements span:" over seven lines), the items are the fields the agreements cover, not agreements."""
    if not listed.items or (listed.count is not None and listed.count != len(listed.items) + listed.named):
        return
    kind, opener = listed.kind, listed.opener
    drafts[:] = [d for n, d in enumerate(drafts) if n >= listed.opened_at or not (
        d.kind == kind and (d.collective or d.subject is None) and set(d.parties) <= set(opener.parties))]
    for item in listed.items:
        own = _kind_in(item.text, catalog)
        drafts.append(replace(opener, kind=own or kind, subject=_item_subject(item.text), collective=False,
                              evidence=[*opener.evidence[:1], item.evidence]))


# A heading over a list of what was signed comes within this many sentences of the count it lists: the count
# is told in the opening paragraphs, the list under its heading after them; a count further back is stale.
HEADING_AFTER_COUNT = 10
# The words of a heading over what was signed: not every verb of concluding ("Key issue raised" is no list).
_SIGNED = re.compile(r"\b(?:sign(?:ed|ing|s)?|ink(?:ed)?|conclud(?:ed|ing)|seal(?:ed)?|documents|agreements)\b",
                     re.IGNORECASE)


# A line opening a list says what was signed with a participle of concluding ("the documents signed … cover:").
_SIGNED_DONE = re.compile(r"\b(?:signed|inked|concluded|sealed)\b", re.IGNORECASE)
# A sentence after a list item's topic that opens on the item ("This memorandum sets up …", "It opens …").
_BACK_REFERENCE = re.compile(r"(?:This|That|These|Those|It|They|Such)\b")


def _describes_the_item(text: str, catalog: ExtractionCatalog) -> bool:
    """Whether a sentence after a list item's topic is about the item itself: it opens on a pronoun or
    demonstrative, or on "The" and a kind of agreement ("The accord will …")."""
    if _BACK_REFERENCE.match(text):
        return True
    kinds = _kind_matches(text, catalog)
    return bool(kinds) and re.fullmatch(r"The\s+", text[: kinds[0][0].start()]) is not None


def _heading_of_signing(sentence: ArticleSentence, article: ArticleText, catalog: ExtractionCatalog) -> bool:
    """A heading that tells of signing ("What was signed") or names what was counted ("The two MoUs"), or a line
    opening a list that says what was signed ("The texts signed by the two governments cover:"), right above
    a list: the list's items are what was signed. Not where the line tells of talks or plans ("Agreements
    under negotiation", "Speaking after the signing, he named his priorities:")."""
    following = sentence.index + 1
    text = sentence.text
    if sentence.heading:
        told = _SIGNED.search(text) is not None or _kind_in(text, catalog, several=True) is not None
    else:
        told = text.rstrip().endswith(":") and _SIGNED_DONE.search(text) is not None
    return (told and not catalog.patterns.blocker.search(text) and not catalog.patterns.agreement_planned.search(text)
            and following < len(article.sentences) and article.sentences[following].list_item)


def _count_stated(text: str, catalog: ExtractionCatalog) -> int | None:
    """How many agreements a line counts, read just before the word for them ("the 21 agreements span:",
    "twenty-one memoranda", "signed six MoUs", "1,200 contracts"); None unless it counts them once."""
    counts = {count for match, _ in _kind_matches(text, catalog) if (count := _count_at(text, match)) is not None}
    return counts.pop() if len(counts) == 1 else None


def _agreements_in(
    sentence: ArticleSentence,
    doc: Doc,
    article: ArticleText,
    catalog: ExtractionCatalog,
    organisation_countries: dict[str, str],
    drafts: list[_Draft],
    used: set[tuple[int, int]],
) -> _Draft | None:
    text = sentence.text
    touched: _Draft | None = None
    matches = _kind_matches(text, catalog)
    previous_end = -1
    for match, kind in matches:
        if previous_end >= 0 and re.fullmatch(r"\s*\(\s*", text[previous_end : match.start()]):
            previous_end = match.end()
            continue  # "Memorandum of Understanding (MoU)": one agreement, not two
        previous_end = match.end()
        if _refers_back(text[max(0, match.start() - 50) : match.start()], catalog.patterns.sign_verb):
            referred = next((d for d in reversed(drafts) if d.kind == kind), None)
            if referred:
                _take_value(referred, sentence)
                touched = referred
                continue
            if not match.group(0)[:1].isupper() and not _SPELLED_OUT.match(text, match.end()):
                # "the agreement" with none known yet refers to something this article never told; "the
                # memorandum of understanding (MoU) on ICT" is told here, its short name after it
                continue
            # else "signed the Agreement between Japan and …": a named agreement, read as a new one below
        if match.group(0).casefold() in catalog.agreement_needs_subject and not _subject_follows(
                text[match.end():], catalog):
            continue  # "a break with protocol", "the Kyoto Protocol was signed in 1997"
        status = _reported(sentence, match, catalog)
        if status is None:
            continue
        subject = _subject(sentence, match, catalog)
        mention = _date(sentence, match)
        draft = _Draft(
            kind=kind,  # type: ignore[arg-type]
            subject=subject,
            parties=_parties(sentence, doc, match, article, organisation_countries),
            value=_value(text[max(0, match.start() - 10) :]),
            date=mention.date if mention else None,
            precision=mention.precision if mention else "day",
            status=status,
            evidence=[sentence.evidence],
            collective=_plural(match.group(0)),
            count=_count_at(text, match),
        )
        if mention:
            used.add((sentence.index, mention.start))
        # The same agreement again; or, for "… produced nine agreements" after agreements of that kind were
        # told one by one (each with its subject), those again, not new ones.
        same = next(
            (d for d in drafts if d.kind == draft.kind and d.subject and d.subject == draft.subject), None
        ) or (_told_again(draft, drafts, sentence, match, catalog) if draft.collective and draft.subject is None
              else None) or _batch_told_again(draft, drafts, sentence)
        if same:
            same.evidence.append(sentence.evidence)
            same.value = same.value or draft.value
            if same.date is None and draft.date is not None:
                same.date, same.precision = draft.date, draft.precision
            touched = same
        elif (draft.collective and len(each := _one_each(text[match.end():])) > 1
              and _count_stated(text, catalog) in (None, len(each))):
            # "two memoranda, one on healthcare and one on internet connectivity": one agreement per subject
            drafts.extend(replace(draft, subject=piece, collective=False, evidence=list(draft.evidence))
                          for piece in each)
            touched = drafts[-1]
        else:
            drafts.append(draft)
            touched = draft
    return touched


_MORE = re.compile(r"\b(?:other|more|further|additional|new)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _told_again(draft: _Draft, drafts: list[_Draft], sentence: ArticleSentence, match: re.Match[str],
                catalog: ExtractionCatalog) -> _Draft | None:
    """The last of the agreements of this kind told one by one, when a plural mention counts exactly them
    again ("… produced nine agreements" after nine were listed); not "three other MoUs"."""
    told = [d for d in drafts if d.kind == draft.kind and d.subject and not d.collective]
    count = _count_stated(sentence.text, catalog)
    if not told or _MORE.search(sentence.text[max(0, match.start() - 40):match.start()]):
        return None
    return told[-1] if count in (None, len(told)) else None


def _batch_told_again(draft: _Draft, drafts: list[_Draft], sentence: ArticleSentence) -> _Draft | None:
    """ "Iran and Turkey sign ten deals" (the headline), then "… put their names to ten cooperation agreements" and
    a fact box's "Number of agreements: 10": one batch of that many told again, whatever word names it; not two
    batches counted in one sentence ("five MoUs and five agreements")."""
    if not draft.collective or draft.subject is not None or draft.count is None:
        return None
    return next((d for d in drafts if d.collective and d.subject is None and d.count == draft.count
                 and set(d.parties) == set(draft.parties) and d.status == draft.status
                 and all(e.start != sentence.evidence.start for e in d.evidence)), None)


def _count_at(text: str, match: re.Match[str]) -> int | None:
    """How many agreements this mention counts, read just before it ("ten cooperation deals"); None without one."""
    before = _PARTITIVE.sub(" ", " ".join(text[:match.start()].split()[-COUNT_WORDS_BEFORE:]))
    counts = {int(n.replace(",", "")) for n in numbers_stated(before)
              if n.replace(",", "").isdigit() and not is_year(n)}
    return counts.pop() if len(counts) == 1 else None


_ONE_EACH = re.compile(r"(?:,\s*|\s+)(?:and\s+)?(?:one|another|the\s+other|a\s+second|a\s+third)\s+"
                       r"(?:on|for|covering|about|to)\s+", re.IGNORECASE)


def _one_each(after_kind: str) -> list[str]:
    """The subjects of agreements told one by one after their number ("two memoranda, one on healthcare
    services and one on internet connectivity"); none unless the words after the kind start such a list."""
    first = _ONE_EACH.search(after_kind)
    if first is None or not re.match(r"[^.;:]*$", after_kind[:first.start()]):
        return []
    told = re.split(r"[.;:]", after_kind[first.end():], maxsplit=1)[0]
    return [piece.strip(" ,") for piece in _ONE_EACH.split(told) if piece.strip(" ,")]


def _subject_follows(after: str, catalog: ExtractionCatalog) -> bool:
    """Whether what a document is about comes straight after its kind ("… on veterinary checks")."""
    return re.match(rf"\s+(?:{_subject_starts(catalog)})\s", after, re.IGNORECASE) is not None


def _subject_starts(catalog: ExtractionCatalog) -> str:
    """The words that open what an agreement is about ("on", "covering"), as one alternation."""
    return "|".join(re.escape(w) for w in catalog.subject_starts)


def _kind_matches(text: str, catalog: ExtractionCatalog) -> list[tuple[re.Match[str], str]]:
    """Every naming of a kind of agreement in the text, in reading order ("deals" as a verb is none)."""
    return sorted(((m, kind) for kind, pattern in catalog.patterns.kinds for m in pattern.finditer(text)
                   if not (m.group(0).casefold() == "deals" and _DOER_BEFORE.search(text, 0, m.start()))),
                  key=lambda pair: pair[0].start())


# A doer right before "deals" makes it a verb: "an MoU, which deals with customs", "the ministry that deals with".
_DOER_BEFORE = re.compile(r"\b(?:which|that|who|it|he|she|this|also|and|one|ministry|office|department)\s+$",
                          re.IGNORECASE)


def _kind_in(text: str, catalog: ExtractionCatalog, *, several: bool = False) -> AgreementKind | None:
    """The first kind of agreement the text names, if any; with `several`, only a kind named in the plural
    ("six memoranda", "MoUs", "agreements"): a list after those is one agreement each, while after "the
    agreement covers:" it is one agreement's content."""
    return next((kind for match, kind in _kind_matches(text, catalog)  # type: ignore[misc]
                 if not several or _plural(match.group(0))), None)


def _plural(phrase: str) -> bool:
    """ "MoUs", "agreements", "Memoranda of Understanding": several agreements, not one."""
    words = phrase.casefold().split()
    return words[0] in {"memoranda", "memorandums"} or (words[-1].endswith("s") and not words[-1].endswith("ss"))


def _item_subject(text: str) -> str:
    """A list item's words as an agreement's subject: "cooperation in wildlife tourism;" → without the stop."""
    return normalise_quotes(text.strip().rstrip(";.,").strip())


# A kind followed by its short name in brackets: "the memorandum of understanding (MoU)".
_SPELLED_OUT = re.compile(r"\s*\(\s*[A-Z][A-Za-z]{1,5}s?\s*\)")


def _refers_back(before: str, sign_verb: re.Pattern[str]) -> bool:
    """ "the research MoU", "under the electricity agreement": an agreement already known, not a new one; not
    "the visit produced two MoUs", where a verb of concluding makes the determiner another noun's."""
    match = None
    for candidate in re.finditer(
        r"\b(?:the|that|this|these|those|its|their|such|a|an)\s", before, re.IGNORECASE
    ):
        match = candidate
    if match is None:
        return False
    determiner = _DETERMINER.match(before, match.start())
    return (determiner is not None and determiner.group(1).lower() not in ("a", "an")
            and not _concluded_here(determiner.group(2), sign_verb))


# After a verb of concluding, a count or an article opens the agreements it tells ("produced two MoUs",
# "inked a deal"); "the prisoner exchange agreement" only describes one.
_TOLD_AFTER_VERB = re.compile(
    r"\s+(?:a|an|the|some|several|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|twenty|thirty|forty|fifty|dozens?)\b", re.IGNORECASE)


def _concluded_here(words: str, sign_verb: re.Pattern[str]) -> bool:
    """ "The visit produced two": the words before the kind are a clause that concludes it."""
    return any(_TOLD_AFTER_VERB.match(words, verb.end()) for verb in sign_verb.finditer(words))


# A list item that is a document's name: the kind opens it ("MoU between …"), or an article or a count does,
# with up to three capitalised words after it ("A Cooperation Agreement on emergencies;", "two MoUs on
# ports;"); not a clause ("Ministers welcomed an agreement", "Kestovia Welcomes Agreement on ferries").
_ITEM_HEAD = re.compile(
    r"\W{0,4}(?:(?i:a|an|the|\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[A-Z][\w-]*\s+){0,3})?")


# An agreement denied: "produced no agreement", "did not sign any agreement", "had never finalised an
# agreement", "does not say whether any agreements …" before it (not "no fewer than five", "not only an
# agreement"); "Agreements: none", "… agreement was not signed" right after it, in its own clause.
_DENIED_BEFORE = re.compile(r"(?:\bno\s+(?!fewer\b|less\b|more\b)(?:\w+\s+){0,2}|\b(?:did|do|does|has|have|had|was|"
                            r"were|could|would|will)(?:\s+not(?!\s+only\b)|n['’]t)\s+(?:\w+\s+){0,3}|"
                            r"\bnever\s+(?:\w+\s+){0,3}|\b(?:neither|nor)\s+(?:\w+\s+)?|"
                            r"\bwhether\s+(?:any\s+|the\s+|an?\s+)?(?:\w+\s+)?)$", re.IGNORECASE)
_DENIED_AFTER = re.compile(r"\s*[:–—-]?\s*(?:none|nil)\b|[^.;:,]{0,25}?\b(?:was|were|has|have|had)\s+not\s+"
                           r"(?:yet\s+)?(?:been\s+)?(?:signed|concluded)\b(?!\s+off\b)", re.IGNORECASE)


def _reported(
    sentence: ArticleSentence, match: re.Match[str], catalog: ExtractionCatalog
) -> AgreementStatus | None:
    """ "signed"/"planned" when an action concludes the agreement (or a list of outcomes names it)."""
    text = sentence.text
    patterns = catalog.patterns
    before = text[max(0, match.start() - 120) : match.start()]
    verbs = list(patterns.sign_verb.finditer(before))
    concluded = False
    if verbs:
        between = before[verbs[-1].end() :]
        concluded = not patterns.blocker.search(between)
    if not concluded and (_PASSIVE.match(text[match.end() :]) or _SIGNED_BY.match(text[match.end() :])):
        concluded = True
    if not concluded and _VALUE_WORDS.search(text[match.end() : match.end() + 40]):
        concluded = True
    if not concluded and sentence.list_item and (match.start() <= 4 or _ITEM_HEAD.fullmatch(text[: match.start()])):
        concluded = True
    if not concluded or _DENIED_BEFORE.search(before) or _DENIED_AFTER.match(text, match.end()):
        return None  # "the talks produced no agreement on fisheries", "Agreements: none reported"
    return "planned" if patterns.agreement_planned.search(text) else "signed"


def _subject(sentence: ArticleSentence, match: re.Match[str], catalog: ExtractionCatalog) -> str | None:
    """What the agreement is about: the phrase after "on/for/covering ...", else the words before the kind
    ("an electricity trading agreement")."""
    text = sentence.text
    premodifier = _premodifier(text[max(0, match.start() - 60) : match.start()], catalog.patterns.sign_verb)
    # The subject lies before the next agreement named in the sentence ("an agreement and an MoU on ...").
    region_end = min(
        [match.end() + 220]
        + [
            m.start()
            for _, pattern in catalog.patterns.kinds
            for m in pattern.finditer(text, match.end())
            if not re.fullmatch(r"\s*\(\s*", text[match.end() : m.start()])
        ]
    )
    starts = _subject_starts(catalog)
    after = re.search(rf"\b(?:{starts})\s+", text[match.end() : region_end])
    if after and _date_at(sentence, match.end() + after.end()) is None and (
            _date_at(sentence, match.end() + after.start()) is None):  # "… MoUs on Monday": when, not what
        begin = match.end() + after.end()
        stop = _SUBJECT_END.search(text, begin)
        end = stop.start() if stop else len(text)
        for mention in sentence.dates:
            if begin < mention.start < end:
                end = mention.start
        phrase = re.sub(r"\s+(?:on|in|by|at)\s*$", "", text[begin:end]).strip()
        phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase)
        if phrase:
            if premodifier and after.start() == 1:
                phrase = f"{premodifier} {match.group(0)} {after.group(0).strip()} {phrase}"
            elif premodifier:
                phrase = f"{premodifier} {match.group(0)}: {phrase}"
            return normalise_quotes(phrase)
    return normalise_quotes(premodifier) if premodifier else None


def _premodifier(before: str, sign_verb: re.Pattern[str]) -> str:
    """Words between the last article and the agreement noun: "an electricity trading agreement"."""
    last = None
    for candidate in re.finditer(r"\b(?:a|an|the)\s+", before, re.IGNORECASE):
        last = candidate
    if last is None:
        return ""
    words = before[last.end() :].strip()
    if (not words or len(words.split()) > 4 or not re.fullmatch(r"[\w\s-]+", words)
            or _concluded_here(f" {words}", sign_verb)):
        return ""  # "the visit produced two memoranda": the words are a clause, not the agreement's kind
    return re.sub(r"^(?:signed|new|first|landmark|formal)\s*", "", words)


def _date_at(sentence: ArticleSentence, position: int) -> DateMention | None:
    return next((d for d in sentence.dates if d.start == position), None)


_DEADLINE_WORDS = frozenset({"by", "before"})


def _date(sentence: ArticleSentence, match: re.Match[str]) -> DateMention | None:
    usable = [
        d
        for d in sentence.dates
        # a deadline ("by the end of 2026", "before June") is not when the agreement was made
        if not d.framing and not d.bounds_a_span and d.introduced_by not in _DEADLINE_WORDS
    ]
    if not usable:
        return None
    return min(usable, key=lambda d: abs(d.start - match.end()))


def _parties(
    sentence: ArticleSentence,
    doc: Doc,
    match: re.Match[str],
    article: ArticleText,
    organisation_countries: dict[str, str],
) -> tuple[str, ...]:
    """Countries on each side: "between the Quintaran Ministry of Defence and Kessring Dynamics" names them
    through their organisations; otherwise the countries in the sentence that the parse makes sides of it
    (bot/facts/agreement_parties.py; the article's own pair always count), then the article's own pair."""
    text = sentence.text
    parties: list[str] = []
    between = re.search(r"\bbetween\s+(.+?)\s+and\s+(.+?)(?:,|\.|;|\sfor\s|\son\s|$)", text[match.end() :])
    if between:
        for side in (between.group(1), between.group(2)):
            country = _country_of_phrase(side, sentence, article, organisation_countries)
            if country and country not in parties:
                parties.append(country)
    if len(parties) < 2:
        for place in sentence.places:
            if place.country not in parties and not place.is_city and (
                    place.country in article.countries
                    or takes_part(doc, (place.start, place.end), (match.start(), match.end()))):
                parties.append(place.country)
    for country in article.countries:
        if len(parties) >= 2:
            break
        if country not in parties:
            parties.append(country)
    return tuple(sorted(parties))


def _country_of_phrase(
    phrase: str, sentence: ArticleSentence, article: ArticleText, organisation_countries: dict[str, str]
) -> str | None:
    phrase = normalise_quotes(re.sub(r"^(?:the|a|an)\s+", "", phrase.strip()))
    offset = normalise_quotes(sentence.text).find(phrase)
    for place in sentence.places:
        if offset <= place.start < offset + len(phrase):
            return place.country
    for organisation, country in organisation_countries.items():
        if organisation in phrase or phrase in organisation:
            return country
    return None


def _value(text: str) -> str | None:
    match = _MONEY.search(text[:260])
    return _money(match) if match else None


def _take_value(draft: _Draft, sentence: ArticleSentence) -> None:
    if sentence.evidence not in draft.evidence:
        draft.evidence.append(sentence.evidence)
    if draft.value is None:
        draft.value = _value(sentence.text)


def _money(match: re.Match[str]) -> str:
    """ "240 million dollars" → "USD 240 million"; figures keep the article's digits."""
    groups = match.groupdict()
    number = groups["num"] or groups["num2"]
    scale = (groups["scale"] or groups["scale2"] or "").lower()
    scale = {"bn": "billion", "mn": "million"}.get(scale, scale)
    currency = (groups["cur"] or groups["cur2"] or "").lower()
    code = _CURRENCY_CODES.get(currency, currency.upper() if len(currency) <= 4 else currency)
    return " ".join(part for part in (code, number, scale) if part)
