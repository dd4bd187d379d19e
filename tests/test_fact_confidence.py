"""Fact confidence (bot/facts/confidence.py): every official, visit, agreement and event carries a fitted
probability, the views keep only those above their kind's threshold, and `attache train-facts` reproduces the
committed model from the labelled articles."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from bot.config import PROJECT_ROOT
from bot.facts.catalog import load_catalog
from bot.facts.confidence import DEFAULT_CONFIDENCE_FILE, FactConfidence, KindModel
from bot.facts.confidence_training import train_fact_confidence
from bot.facts.model import Agreement, ArticleFacts, Event, Evidence, Official, Visit
from bot.knowledge.gazetteer import Gazetteer

EVIDENCE = Evidence("A made-up sentence.", 0, 19)


def _model_preferring_countries() -> FactConfidence:
    """Officials: only the second feature (a known country) counts; a probability of 0.5 is required."""
    coef = np.zeros(7)
    coef[1] = 4.0
    officials = KindModel(np.zeros(7), np.ones(7), coef, -2.0, 0.5)
    return FactConfidence({"officials": officials}, {})


def test_scores_are_set_and_the_views_keep_only_confident_facts() -> None:
    facts = ArticleFacts(
        officials=(
            Official("Orla Fenwick", ("Trade Minister",), None, "Veloria", (EVIDENCE,)),
            Official("Pell Haskard", ("Minister",), None, None, (EVIDENCE,)),
        ),
        visits=(Visit("Orla Fenwick", "Veloria", "Quintara"),),
        events=(Event(date(2031, 3, 4), "day", "Quintaran officials opened a terminal", EVIDENCE),),
    )
    model = _model_preferring_countries()
    scored = model.score(facts, date(2031, 3, 5))
    by_name = {o.name: o.confidence for o in scored.officials}
    assert by_name["Orla Fenwick"] > 0.5 > by_name["Pell Haskard"]
    shown = scored.confident(model.thresholds)
    assert [o.name for o in shown.officials] == ["Orla Fenwick"]
    assert shown.visits == scored.visits and shown.events == scored.events  # no model for them: all shown
    assert ArticleFacts.from_json(scored.to_json()) == scored


def test_a_bare_repeat_of_an_agreement_told_with_its_subject_is_the_doubtful_one() -> None:
    """The committed model, on an article that tells one ferry MoU with its subject and again as "an MoU":
    the repeat scores below the MoU with its subject, and the views keep the one with its subject."""
    told = Agreement("MoU", "ferry services between the two ports", ("Veloria", "Quintara"), None,
                     date(2031, 3, 4), (EVIDENCE,))
    again = Agreement("MoU", None, ("Veloria", "Quintara"), None, None, (EVIDENCE,))
    model = FactConfidence.load(DEFAULT_CONFIDENCE_FILE)
    scored = model.score(ArticleFacts(agreements=(told, again)), date(2031, 3, 5))
    assert scored.agreements[0].confidence > scored.agreements[1].confidence
    assert told.subject in [a.subject for a in scored.confident(model.thresholds).agreements]
    assert ArticleFacts.from_json(scored.to_json()) == scored


def test_a_trip_told_only_as_a_member_of_a_leaders_party_is_marked_as_such() -> None:
    """The leader meets the hosts; a minister listed in the party goes to the same place on the same day and
    meets no one: the visit features tell the two apart (the fit decides how much to trust a member's trip);
    a lone trip shares nothing."""
    from bot.facts.confidence import visit_features

    day = date(2031, 3, 4)
    leader = Visit("Orla Fenwick", "Veloria", "Quintara", start=day, met=("Sam Brisk",), evidence=(EVIDENCE,))
    member = Visit("Pell Haskard", "Veloria", "Quintara", start=day, evidence=(EVIDENCE,))
    alone = Visit("Ada Venn", "Veloria", "Kestovia", start=date(2031, 2, 1), evidence=(EVIDENCE,))
    facts = ArticleFacts(visits=(leader, member, alone))
    # trips with no day, or dated only to the month, share nothing
    undated = ArticleFacts(visits=(replace(leader, start=None), replace(member, start=None)))
    assert visit_features(undated.visits[1], day, undated)[:2] == [0.0, 0.0]
    monthly = ArticleFacts(visits=(replace(leader, precision="month"), replace(member, precision="month")))
    assert visit_features(monthly.visits[1], day, monthly)[:2] == [0.0, 0.0]
    assert [visit_features(v, day, facts)[:2] for v in (leader, member, alone)] == [
        [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]


def test_a_name_with_its_initial_joined_on_counts_as_a_full_name() -> None:
    """"T.Ganbold" is an initial and a surname, as Mongolian copy writes a full name: the official features read
    it as two words, like "T. Ganbold", not as a lone surname."""
    from bot.facts.confidence import official_features

    joined, spaced, alone = (Official(n, ("Trade Minister",), country="Veloria", evidence=(EVIDENCE,))
                             for n in ("T.Ganbold", "T. Ganbold", "Ganbold"))
    facts = ArticleFacts(officials=(joined,))
    assert official_features(joined, None, facts) == official_features(spaced, None, facts)
    assert official_features(joined, None, facts) != official_features(alone, None, facts)


def test_facts_stored_before_confidence_existed_still_show() -> None:
    stored = ArticleFacts(officials=(Official("Orla Fenwick", ("Minister",), None, "Veloria", (EVIDENCE,)),))
    raw = json.loads(stored.to_json())
    del raw["officials"][0]["confidence"]
    loaded = ArticleFacts.from_json(json.dumps(raw))
    assert loaded.officials[0].confidence == 1.0
    assert loaded.confident({"officials": 0.9}).officials == loaded.officials


def _close(found: object, committed: object) -> bool:
    """Equal, floats to 1e-9 relative, through nested dicts and lists."""
    if isinstance(found, dict) and isinstance(committed, dict):
        return found.keys() == committed.keys() and all(_close(found[k], committed[k]) for k in found)
    if isinstance(found, list) and isinstance(committed, list):
        return len(found) == len(committed) and all(_close(a, b) for a, b in zip(found, committed, strict=True))
    if isinstance(found, float) and isinstance(committed, float | int):
        return math.isclose(found, committed, rel_tol=1e-9, abs_tol=1e-12)
    return found == committed


def test_train_facts_reproduces_the_committed_model(tmp_path: Path) -> None:
    gazetteer = Gazetteer.load([PROJECT_ROOT / "config" / "gazetteer.toml"])
    target = tmp_path / "fact_confidence.json"
    train_fact_confidence(PROJECT_ROOT / "tests" / "fixtures" / "facts_training.toml", gazetteer,
                          load_catalog(), target)
    # Equal up to the last bits of a float: the fit's arithmetic may round differently on another machine.
    assert _close(json.loads(target.read_text()), json.loads(DEFAULT_CONFIDENCE_FILE.read_text()))
    report = json.loads(target.read_text())["report"]
    for kind in ("officials", "visits", "events"):
        # The threshold never costs recall it does not buy back in precision.
        assert report[kind]["precision"] >= report[kind]["all_facts_precision_recall"][0]
