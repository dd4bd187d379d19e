"""The extraction vocabulary (titles, ranks, cue words, cooperation areas) loaded once from config files, with
its regular expressions compiled up front so extracting an article stays fast."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from bot.knowledge.text_terms import fold

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_EXTRACTION_FILE = PROJECT_ROOT / "config" / "extraction.toml"
DEFAULT_AREAS_FILE = PROJECT_ROOT / "config" / "cooperation_areas.toml"


def phrase_pattern(phrase: str) -> str:
    """Regex for a phrase: space and hyphen interchangeable, "defence" also "defense", optional plural."""
    words = [w for w in re.split(r"[\s-]+", phrase.strip()) if w]
    parts = [re.escape(w).replace("defence", "defen[cs]e").replace("Defence", "Defen[cs]e") for w in words]
    body = r"[\s-]*".join(parts)
    return rf"(?<![\w-]){body}(?:s|es)?(?![\w-])" if phrase[-1:].isalnum() else rf"(?<![\w-]){body}"


def alternation(phrases: Iterable[str], *, plural: bool = False) -> str:
    """Longest-first alternation of literal phrases (so "Vice President" wins over "President")."""
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    if plural:
        return "|".join(phrase_pattern(p) for p in ordered)
    return "|".join(re.escape(p) for p in ordered)


def _prefix(phrase: str) -> str:
    """The start of a phrase that every spelling of it shares ("defen" for defence/defense)."""
    first = re.split(r"[\s-]+", phrase.strip())[0]
    return first[:5] if first.casefold().startswith("defen") else first


# An office whose name carries a field word: "Minister of Finance", "the Ministry of Economy and " before it ...
_OFFICE_BEFORE = re.compile(r"\b(?:ministr(?:y|ies)|ministers?|secretar(?:y|ies)|departments?|offices?|heads?|chiefs?"
                            r"|directors?(?:[- ]general)?|general)"
                            r"\s+(?:of|for)\s+(?:(?:the|and|(?-i:[A-Z][\w'’-]*),?)\s+){0,4}$", re.IGNORECASE)
# A capitalised word right before a field word, not opening the sentence ("the Joint Security …"), or right after
# it ("Security Council"): the field word is inside a name.
_IN_A_NAME = re.compile(r"\S\s+[A-Z][\w'’-]*\s$")
_NAME_GOES_ON = re.compile(r" [A-Z]")
# ... or "Defence Minister", "security forces", "defence firms" after it.
_OFFICE_AFTER = re.compile(r"(?:['’]s)?\s+(?:minist\w*|secretar\w*|departments?|council|committee|forces?|officials?"
                           r"|chiefs?|advis[eo]rs?|attach[ée]s?|correspondents?|analysts?|sources?|spokes\w*"
                           r"|agenc\w*|office|personnel|staff|guards?|services?|establishment"
                           r"|compan(?:y|ies)|firms?|contractors?|manufacturers?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CooperationArea:
    """A canonical area and every phrase that names it."""

    name: str
    aliases: tuple[str, ...]
    exact: tuple[str, ...] = ()
    # Bare words of the field that offices carry too ("defence", "finance"): an area only outside an office's name.
    fields: tuple[str, ...] = ()
    pattern: re.Pattern[str] = field(default=re.compile(r"(?!)"), repr=False, compare=False)
    # Cheap substring checks that rule a sentence out before the regex runs (extraction must stay fast).
    folded_prefixes: tuple[str, ...] = field(default=(), repr=False, compare=False)
    exact_prefixes: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def build(cls, name: str, aliases: Iterable[str], exact: Iterable[str] = (),
              fields: Iterable[str] = ()) -> CooperationArea:
        aliases, exact, fields = tuple(aliases), tuple(exact), tuple(f.casefold() for f in fields)
        named = (*aliases, *fields)
        parts = [f"(?i:{alternation(named, plural=True)})"] if named else []
        if exact:
            parts.append(rf"(?<![\w-])(?:{alternation(exact)})(?![\w-])")
        folded = tuple({_prefix(a).casefold() for a in named})
        return cls(
            name,
            aliases,
            exact,
            fields,
            re.compile("|".join(parts) or r"(?!)"),
            folded,
            tuple({_prefix(e) for e in exact}),
        )

    def first_mention(self, text: str, matches: Sequence[re.Match[str]],
                      others: Sequence[tuple[int, int]] = ()) -> re.Match[str] | None:
        """The first of the area's `matches` in `text` that names it, unless a longer phrase of another area holds
        it (`others`: their spans; "investment cooperation" is not trade's "investment"), or an office's name
        does ("the Minister of Trade"). A field word counts only where no name carries it ("the Security
        Council") and it does not finish another area's phrase ("food security")."""
        for match in matches:
            if any(start <= match.start() and match.end() <= end and end - start > len(match.group(0))
                   for start, end in others):
                continue  # "computer emergency response": a longer phrase of another area holds it
            if _OFFICE_BEFORE.search(text, 0, match.start()) or _OFFICE_AFTER.match(text, match.end()):
                continue  # "the Minister of Trade", "Energy Minister": an office's name, no area of cooperation
            if not self.is_field_word(match.group(0)):
                return match
            if any(end in (match.start(), match.start() - 1) for _, end in others):
                continue  # "energy security": the field word finishes another area's phrase
            if match.group(0)[:1].isupper() and (_IN_A_NAME.search(text[:match.start()])
                                                  or _NAME_GOES_ON.match(text, match.end())):
                continue  # "the Strategic Security Dialogue": beside another capitalised word, it is in a name
            return match
        return None

    def is_field_word(self, phrase: str) -> bool:
        """Whether a matched phrase is one of the area's bare field words (or its plural)."""
        word = phrase.casefold()
        return word in self.fields or word.removesuffix("s") in self.fields

    def named_by(self, text: str) -> bool:
        """Whether a user-typed area ("co-production", "R&D") means this area."""
        wanted = " ".join(re.split(r"[\s-]+", text.strip().casefold()))
        forms = {self.name, *self.aliases, *self.exact, *self.fields}
        return any(" ".join(re.split(r"[\s-]+", f.casefold())) == wanted for f in forms) or bool(
            self.pattern.fullmatch(text.strip())
        )


@dataclass(frozen=True)
class ExtractionCatalog:
    """Every word list the extractor uses, plus compiled patterns built from them."""

    ranks: tuple[str, ...]
    reserve_markers: tuple[str, ...]
    post_nominals: tuple[str, ...]
    kept_honorifics: tuple[str, ...]
    skipped_honorifics: tuple[str, ...]
    title_heads: tuple[str, ...]
    title_words: frozenset[str]
    organisation_heads: frozenset[str]
    organisation_nouns: tuple[str, ...]
    not_names: frozenset[str]
    name_particles: frozenset[str]
    visit_cues: tuple[str, ...]
    transitive_cues: frozenset[str]
    meeting_cues: tuple[str, ...]
    visit_planned_cues: tuple[str, ...]
    cancelled_cues: tuple[str, ...]
    end_cues: tuple[str, ...]
    leader_cues: tuple[str, ...]
    companion_cues: tuple[str, ...]
    list_companion_cues: tuple[str, ...]
    party_openings: tuple[str, ...]
    group_words: tuple[str, ...]
    travel_lemmas: frozenset[str]
    departure_lemmas: frozenset[str]
    arrival_verbs: frozenset[tuple[str, str]]  # (lemma, particle or ""): "arrive", "fly in"
    visit_start_verbs: frozenset[str]  # "the visit began on Monday": lemmas
    visit_nouns: frozenset[str]
    meeting_lemmas: frozenset[str]
    counterpart_lemmas: frozenset[str]
    side_nouns: frozenset[str]  # "Vanuatu's leaders": one side's people as a group
    place_nouns: frozenset[str]
    state_nouns: frozenset[str]
    host_lemmas: frozenset[str]
    guest_nouns: frozenset[str]
    hosted_nouns: frozenset[str]
    venue_nouns: frozenset[str]
    venue_fields: frozenset[str]
    participant_fields: frozenset[str]
    date_fields: frozenset[str]
    taking_part_lemmas: frozenset[str]
    remote_words: frozenset[str]
    returning_words: frozenset[str]
    object_control_lemmas: frozenset[str]
    request_lemmas: frozenset[str]
    resident_titles: tuple[str, ...]
    plan_lemmas: frozenset[str]
    plan_lemmas_while_ongoing: frozenset[str]
    cancel_lemmas: frozenset[str]
    cancel_with_off_lemmas: frozenset[str]
    stamp_lemmas: frozenset[str]
    reporting_lemmas: frozenset[str]
    agreement_kinds: dict[str, tuple[str, ...]]
    agreement_kinds_exact: dict[str, tuple[str, ...]]
    sign_verbs: tuple[str, ...]
    agreement_blockers: tuple[str, ...]
    subject_starts: tuple[str, ...]
    # Kind forms that name a document only when its subject follows ("a protocol on …").
    agreement_needs_subject: frozenset[str]
    agreement_planned_cues: tuple[str, ...]
    areas: tuple[CooperationArea, ...]
    reporting_verbs: frozenset[str] = frozenset()

    @classmethod
    def load(
        cls, extraction_file: Path = DEFAULT_EXTRACTION_FILE, areas_file: Path = DEFAULT_AREAS_FILE
    ) -> ExtractionCatalog:
        with open(extraction_file, "rb") as handle:
            raw = tomllib.load(handle)
        with open(areas_file, "rb") as handle:
            raw_areas = tomllib.load(handle).get("areas", {})
        return cls.from_dicts(raw, raw_areas)

    @classmethod
    def from_dicts(cls, raw: dict[str, Any], raw_areas: dict[str, Any]) -> ExtractionCatalog:
        officials, visits, agreements = (
            raw.get("officials", {}),
            raw.get("visits", {}),
            raw.get("agreements", {}),
        )
        return cls(
            ranks=tuple(officials.get("ranks", ())),
            reserve_markers=tuple(officials.get("reserve_markers", ())),
            post_nominals=tuple(officials.get("post_nominals", ())),
            kept_honorifics=tuple(officials.get("kept_honorifics", ())),
            skipped_honorifics=tuple(officials.get("skipped_honorifics", ())),
            title_heads=tuple(officials.get("title_heads", ())),
            title_words=frozenset(w.casefold() for w in officials.get("title_words", ())),
            organisation_heads=frozenset(w.casefold() for w in officials.get("organisation_heads", ())),
            organisation_nouns=tuple(officials.get("organisation_nouns", ())),
            not_names=frozenset(officials.get("not_names", ())),
            name_particles=frozenset(officials.get("name_particles", ())),
            visit_cues=tuple(visits.get("cues", ())),
            transitive_cues=frozenset(w.casefold() for w in visits.get("transitive_cues", ())),
            meeting_cues=tuple(visits.get("meeting_cues", ())),
            visit_planned_cues=tuple(visits.get("planned_cues", ())),
            cancelled_cues=tuple(visits.get("cancelled_cues", ())),
            end_cues=tuple(visits.get("end_cues", ())),
            leader_cues=tuple(visits.get("leader_cues", ())),
            companion_cues=tuple(visits.get("companion_cues", ())),
            list_companion_cues=tuple(visits.get("list_companion_cues", ())),
            party_openings=tuple(visits.get("party_openings", ())),
            group_words=tuple(visits.get("group_words", ())),
            travel_lemmas=frozenset(visits.get("travel_lemmas", ())),
            departure_lemmas=frozenset(visits.get("departure_lemmas", ())),
            arrival_verbs=frozenset(_verb_and_particle(v) for v in visits.get("arrival_verbs", ())),
            visit_start_verbs=frozenset(visits.get("visit_start_verbs", ())),
            visit_nouns=frozenset(visits.get("visit_nouns", ())),
            meeting_lemmas=frozenset(visits.get("meeting_lemmas", ())),
            counterpart_lemmas=frozenset(visits.get("counterpart_lemmas", ())),
            side_nouns=frozenset(visits.get("side_nouns", ())),
            place_nouns=frozenset(visits.get("place_nouns", ())),
            state_nouns=frozenset(visits.get("state_nouns", ())),
            host_lemmas=frozenset(visits.get("host_lemmas", ())),
            guest_nouns=frozenset(visits.get("guest_nouns", ())),
            hosted_nouns=frozenset(visits.get("hosted_nouns", ())),
            venue_nouns=frozenset(visits.get("venue_nouns", ())),
            venue_fields=frozenset(visits.get("venue_fields", ())),
            participant_fields=frozenset(visits.get("participant_fields", ())),
            date_fields=frozenset(visits.get("date_fields", ())),
            taking_part_lemmas=frozenset(visits.get("taking_part_lemmas", ())),
            remote_words=frozenset(visits.get("remote_words", ())),
            returning_words=frozenset(visits.get("returning_words", ())),
            object_control_lemmas=frozenset(visits.get("object_control_lemmas", ())),
            request_lemmas=frozenset(visits.get("request_lemmas", ())),
            resident_titles=tuple(visits.get("resident_titles", ())),
            plan_lemmas=frozenset(visits.get("plan_lemmas", ())),
            plan_lemmas_while_ongoing=frozenset(visits.get("plan_lemmas_while_ongoing", ())),
            cancel_lemmas=frozenset(visits.get("cancel_lemmas", ())),
            cancel_with_off_lemmas=frozenset(visits.get("cancel_with_off_lemmas", ())),
            stamp_lemmas=frozenset(raw.get("events", {}).get("stamp_lemmas", ())),
            reporting_lemmas=frozenset(raw.get("events", {}).get("reporting_lemmas", ())),
            agreement_kinds={k: tuple(v) for k, v in agreements.get("kinds", {}).items()},
            agreement_kinds_exact={k: tuple(v) for k, v in agreements.get("kinds_exact", {}).items()},
            sign_verbs=tuple(agreements.get("sign_verbs", ())),
            agreement_blockers=tuple(agreements.get("blockers", ())),
            subject_starts=tuple(agreements.get("subject_starts", ())),
            agreement_needs_subject=frozenset(f.casefold() for f in agreements.get("needs_subject", ())),
            agreement_planned_cues=tuple(agreements.get("planned_cues", ())),
            areas=tuple(
                CooperationArea.build(name, entry.get("aliases", ()), entry.get("exact", ()), entry.get("fields", ()))
                for name, entry in raw_areas.items()
            ),
            reporting_verbs=frozenset(w.casefold() for w in officials.get("reporting_verbs", ())),
        )

    @cached_property
    def patterns(self) -> CatalogPatterns:
        return CatalogPatterns.build(self)

    @cached_property
    def honorific_words(self) -> frozenset[str]:
        """Every style written before a name, one word, casefolded and without its full stop ("sheikh", "mr")."""
        return frozenset(h.casefold().rstrip(".") for h in (*self.kept_honorifics, *self.skipped_honorifics))

    @cached_property
    def honorific_parts(self) -> frozenset[str]:
        """Each word of every style, casefolded and without its full stop ("datuk", "seri", "dr"): the words that
        may stand between a title and the name it belongs to."""
        return frozenset(w.rstrip(".") for h in self.honorific_words for w in h.split())

    @cached_property
    def not_offices(self) -> frozenset[str]:
        """Ranks and honorifics, folded and without a full stop ("lt gen", "dr"): titles that hold no office."""
        return frozenset(fold(t).rstrip(".") for t in (*self.ranks, *self.honorific_words))

    @cached_property
    def area_prefixes(self) -> tuple[tuple[str, bool, int], ...]:
        """(prefix, whether it is casefolded, index of its area): every area's cheap pre-check in one flat list."""
        return tuple(
            [(p, True, i) for i, a in enumerate(self.areas) for p in a.folded_prefixes]
            + [(p, False, i) for i, a in enumerate(self.areas) for p in a.exact_prefixes]
        )

    def areas_in(self, text: str) -> list[tuple[CooperationArea, re.Match[str]]]:
        """Each area `text` names, with its first mention, in catalog order.

        The substring pre-check runs over one flat list rather than area by area: an article's
        sentences times the areas made this the costliest step of fact extraction."""
        folded = text.casefold()
        candidates = sorted({i for prefix, on_folded, i in self.area_prefixes
                             if prefix in (folded if on_folded else text)})
        found = []
        # each area's pattern runs once; its phrases (not its bare field words) are where the others may not be
        matches = {i: list(self.areas[i].pattern.finditer(text)) for i in candidates}
        spans = {i: [m.span() for m in found_here if not self.areas[i].is_field_word(m.group(0))]
                 for i, found_here in matches.items()}
        for i in candidates:
            others = [span for j, their_spans in spans.items() if j != i for span in their_spans]
            match = self.areas[i].first_mention(text, matches[i], others)
            if match:
                found.append((self.areas[i], match))
        return found

    def area(self, text: str) -> CooperationArea | None:
        """The canonical area a user-typed name or alias means, ignoring case."""
        return next((a for a in self.areas if a.named_by(text)), None)


# A signing told as putting one's name or signature to (or on) a document: "put their names to a treaty",
# "put his signature on the accord". One pattern for the idiom, whoever's name and whichever preposition.
_PUT_NAME_TO = r"put\s+(?:his|her|their|its|our)\s+(?:names?|signatures?)\s+(?:to|on)"


def _words_re(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", flags)


# What may stand inside a passive cue, between its verb and "by": "joined for the talks by", "led on this
# occasion by", "accompanied during the visit by".
_CUE_OCCASION = (r"(?:\s+(?:for|on|at|during|in|throughout)(?:\s+(?!by\b)(?![a-z]+ed\b)[\w'’-]+){1,4}?)?"
                 r"\s+by")  # no other verb's "by" ("joined at a dinner hosted by X": X is the host)


def _cues_re(cues: Iterable[str]) -> re.Pattern[str]:
    """Cues as written, a passive one ("joined by") also with a short phrase of the occasion before its "by"; one
    that opens with a possessive's apostrophe ("'s party included") follows its owner's name straight on."""
    phrases = sorted({c for c in cues if c}, key=len, reverse=True)
    parts = [re.escape(c.removesuffix(" by")) + _CUE_OCCASION if c.endswith(" by") else re.escape(c)
             for c in phrases if not c.startswith(("'", "’"))]
    owned = [re.escape(c) for c in phrases if c.startswith(("'", "’"))]
    alternatives = [rf"(?<![\w-])(?:{'|'.join(parts)})"] + ([rf"(?<=\w)(?:{'|'.join(owned)})"] if owned else [])
    return re.compile(rf"(?:{'|'.join(alternatives)})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class CatalogPatterns:
    """Regular expressions compiled once per catalog."""

    rank: re.Pattern[str]
    marker: re.Pattern[str]
    # ", M.P.", ", ON, PC, MP": letters after a name that are no part of it and no title
    post_nominal: re.Pattern[str]
    head: re.Pattern[str]
    visit_cue: re.Pattern[str]
    meeting_cue: re.Pattern[str]
    visit_planned: re.Pattern[str]
    cancelled: re.Pattern[str]
    end_cue: re.Pattern[str]
    leader_cue: re.Pattern[str]
    companion_cue: re.Pattern[str]
    list_companion_cue: re.Pattern[str]
    party_opening: re.Pattern[str]
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    sign_verb: re.Pattern[str]
    blocker: re.Pattern[str]
    agreement_planned: re.Pattern[str]
    # "Prime ministers", "defence secretaries": modifier words, then a head in the plural (bot/facts/shared_titles.py).
    plural_title: re.Pattern[str]

    @classmethod
    def build(cls, catalog: ExtractionCatalog) -> CatalogPatterns:
        kinds = []
        for kind, forms in catalog.agreement_kinds.items():
            parts = [f"(?i:{alternation(forms)})"] if forms else []
            exact = catalog.agreement_kinds_exact.get(kind, ())
            if exact:
                parts.append(alternation(exact))
            kinds.append((kind, re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")))
        return cls(
            rank=re.compile(rf"(?:{alternation(catalog.ranks)})(?![\w-])"),
            marker=re.compile(rf"\s*\(\s*(?:{alternation(catalog.reserve_markers)})\s*\)"),
            post_nominal=re.compile(rf"(?:,?\s+(?:{alternation(catalog.post_nominals)})(?![\w.]))+"
                                    if catalog.post_nominals else r"(?!)"),
            # "President-elect", "Prime Minister-designate": the office its holder is about to take up
            head=re.compile(rf"(?i:{alternation(catalog.title_heads)})(?:-(?:elect|designate))?(?![\w-])"),
            visit_cue=re.compile(
                rf"(?<![\w-])(?:{'|'.join(sorted(catalog.visit_cues, key=len, reverse=True))})"
                r"(?![\w-])",
                re.IGNORECASE,
            ),
            meeting_cue=_words_re(catalog.meeting_cues),
            visit_planned=_words_re(catalog.visit_planned_cues),
            cancelled=_words_re(catalog.cancelled_cues),
            end_cue=_words_re(catalog.end_cues),
            leader_cue=_cues_re(catalog.leader_cues),
            companion_cue=_cues_re(catalog.companion_cues),
            list_companion_cue=_words_re(catalog.list_companion_cues),
            party_opening=_words_re(catalog.party_openings),
            kinds=tuple(kinds),
            sign_verb=re.compile(rf"(?<![\w-])(?:{alternation(catalog.sign_verbs)}|{_PUT_NAME_TO})(?![\w-])",
                                 re.IGNORECASE),
            blocker=_words_re(catalog.agreement_blockers),
            agreement_planned=_words_re(catalog.agreement_planned_cues),
            plural_title=_plural_title(catalog),
        )


# Title heads that name an office only through someone else's ("his Israeli counterpart"): no plural title of
# a group is made of them.
RELATIVE_TITLE_HEADS = frozenset({"counterpart", "colleague"})


def own_title_heads(catalog: ExtractionCatalog) -> list[str]:
    """The title heads that name an office of one's own ("Minister", "Sultan"), not one relative to another
    person ("counterpart")."""
    return [h for h in catalog.title_heads if h.casefold() not in RELATIVE_TITLE_HEADS]


def _plural_title(catalog: ExtractionCatalog) -> re.Pattern[str]:
    heads = sorted({_plural(h) for h in own_title_heads(catalog)}, key=len, reverse=True)
    modifiers = "|".join(re.escape(w) for w in sorted(catalog.title_words, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?:(?:{modifiers})\s+){{0,3}}(?:{'|'.join(re.escape(h) for h in heads)})(?![\w-])",
        re.IGNORECASE,
    )


def _plural(head: str) -> str:
    """ "Secretary" → "Secretaries", "Minister" → "Ministers", "Chief of Staff" → "Chiefs of Staff" is not
    attempted: only the last word is made plural."""
    if head.endswith("y") and head[-2:-1] not in "aeiou":
        return head[:-1] + "ies"
    return head + ("es" if head.endswith(("s", "sh", "ch")) else "s")


def load_catalog(config_dir: Path | None = None) -> ExtractionCatalog:
    """The catalog from `config_dir` (default: the project's config folder)."""
    base = config_dir or PROJECT_ROOT / "config"
    return ExtractionCatalog.load(base / "extraction.toml", base / "cooperation_areas.toml")


def _verb_and_particle(entry: str) -> tuple[str, str]:
    """"fly in" → ("fly", "in"); "arrive" → ("arrive", "")."""
    verb, _, particle = entry.partition(" ")
    return verb, particle.strip()


def posted_in(official_titles: Sequence[str], country_names: Sequence[str], catalog: ExtractionCatalog) -> bool:
    """Whether a title posts its holder in the country ("Malaysia's ambassador to Vietnam", "High Commissioner
    in Fiji"): being there is where they work, no visit. An envoy's title that names no post ("Ambassador
    Eynat Shlein, head of MASHAV") says nothing of where they live."""
    envoys = _envoy_titles(official_titles, catalog)
    if not envoys:
        return False  # most travellers: no pattern is built
    posts = [re.compile(rf"\b(?:to|in|at)\s+(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?{re.escape(n)}(?![\w-])", re.IGNORECASE)
             for n in country_names]
    return any(post.search(t) for t in envoys for post in posts)


def posted_to_a_state(official_titles: Sequence[str], catalog: ExtractionCatalog) -> bool:
    """Whether an envoy's title names the post only by its form of state ("Ambassador to the Sultanate"): in a
    report on two countries, that is the other one."""
    return any(re.search(rf"\bto\s+the\s+(?:{alternation(catalog.state_nouns)})$", t, re.IGNORECASE)
               for t in _envoy_titles(official_titles, catalog))


def is_resident(official_titles: tuple[str, ...], catalog: ExtractionCatalog) -> bool:
    """Whether a title says its holder lives abroad at a post ("Israeli Ambassador", "High Commissioner"): being
    seen in the country of the post is no visit."""
    return bool(_envoy_titles(official_titles, catalog))


def _envoy_titles(official_titles: Sequence[str], catalog: ExtractionCatalog) -> list[str]:
    """The titles of a post abroad ("Ambassador to …", "High Commissioner"), of all a person holds."""
    return [t for t in official_titles if any(r in t.casefold() for r in catalog.resident_titles)]
