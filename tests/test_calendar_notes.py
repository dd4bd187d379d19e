"""A "when" answer that quotes "on Sunday" notes the calendar date after its marker."""

from datetime import date

from bot.answers.calendar_notes import with_calendar_dates
from bot.knowledge.model import ArticleMeta, Citation, CitedAnswer


def _answer(quote: str, published: date) -> CitedAnswer:
    meta = ArticleMeta(article_id="a", title="a", published=published)
    return CitedAnswer("when", f"{quote} [1]", False, (Citation(1, meta, quote, "a-0"),))


def test_a_weekday_or_a_date_without_its_year_gets_its_calendar_date() -> None:
    noted = with_calendar_dates(_answer("The envoy reached Lumenhal on Tuesday.", date(2031, 3, 6)))
    assert noted.text == "The envoy reached Lumenhal on Tuesday. [1] (Tuesday: March 4, 2031)"
    noted = with_calendar_dates(_answer("The pact was signed on Friday, February 28.", date(2031, 3, 6)))
    assert noted.text == "The pact was signed on Friday, February 28. [1] (February 28, 2031)"


def test_a_quote_that_writes_its_full_date_is_left_as_it_is() -> None:
    answer = _answer("The pact was signed on February 28, 2031.", date(2031, 3, 6))
    assert with_calendar_dates(answer).text == answer.text
    undated = _answer("The envoy reached Lumenhal on Tuesday.", date(2031, 3, 6))
    undated = CitedAnswer("when", undated.text, False, (Citation(1, ArticleMeta(article_id="a", title="a"),
                                                                 "The envoy reached Lumenhal on Tuesday.", "a-0"),))
    assert with_calendar_dates(undated).text == undated.text


def test_a_headline_that_announces_a_trip_dates_its_weekday_ahead() -> None:
    """"Envoy Kessel to open ferry terminal on Tuesday": a headline's bare infinitive is what is coming, so its
    Tuesday is the next one; a headline that tells what happened keeps the last one."""
    coming = with_calendar_dates(_answer("Envoy Kessel to open ferry terminal on Tuesday", date(2031, 3, 6)))
    assert coming.text.endswith("(Tuesday: March 11, 2031)")
    done = with_calendar_dates(_answer("Envoy Kessel opened ferry terminal on Tuesday", date(2031, 3, 6)))
    assert done.text.endswith("(Tuesday: March 4, 2031)")
    # a sentence is no headline, and a participle or "Due to" opens no subject
    for said in ("Speaking to reporters on Tuesday, Kessel said the terminal was open.",
                 "Due to the storm on Tuesday the terminal stayed shut"):
        assert with_calendar_dates(_answer(said, date(2031, 3, 6))).text.endswith("(Tuesday: March 4, 2031)"), said
