"""Answers that must agree with each other, whatever the data.

- ``occurrences(a, b)`` lists exactly the dates ``due`` reaches when stepped from the day
  before *a*, on calendars whose layers close whole months, and what it answers near the
  end of the data holds for every way the data could continue.
- An explanation relies on assumed days exactly when one of its steps does, exactly when
  ``due`` warns, and never when the published data alone settle the answer.
- Long explanations give each month grid only that month's counted days.
"""

from __future__ import annotations

import datetime
import warnings

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    CalendarDays,
    Case,
    Immediate,
    MonthlyOn,
    OutsideCalendarError,
    Weekday,
    WeeklyOn,
    WorkingDays,
)

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
NATIONAL = Calendar.national()
ADJUSTS = ("unadjusted", "following", "preceding", "modified_following", "modified_preceding")

recurrences = st.builds(
    lambda days, adjust: WeeklyOn(*days, adjust=adjust),
    st.lists(st.sampled_from(list(Weekday)), min_size=1, max_size=2),
    st.sampled_from(ADJUSTS),
) | st.builds(
    lambda days, adjust: MonthlyOn(*days, adjust=adjust),
    st.lists(st.integers(1, 31) | st.integers(-31, -1), min_size=1, max_size=2),
    st.sampled_from(ADJUSTS),
)
rules = recurrences | st.sampled_from(
    [Immediate(), WorkingDays(3), WorkingDays(3, include_start=True), CalendarDays(10)]
)


def _layer_2027(closed_months, rest_days, work_days):
    """A national layer covering 2027: whole months closed, some days off, some worked."""
    days = []
    for month in sorted(closed_months):
        last = D(2027, month % 12 + 1, 1) - ONE_DAY if month < 12 else D(2027, 12, 31)
        days.append({"from": D(2027, month, 1), "to": last, "status": "holiday", "name": "Closed"})
    taken = {d for m in closed_months for d in _month_days(2027, m)}
    for day in sorted(set(rest_days) - taken):
        days.append({"date": day, "status": "holiday", "name": "Day off"})
    for day in sorted(set(work_days) - taken - set(rest_days)):
        days.append({"date": day, "status": "workday", "name": "Worked"})
    return {"name": "2027", "years": {2027: {"complete": True, "days": days}}}


def _month_days(year, month):
    day = D(year, month, 1)
    while day.month == month:
        yield day
        day += ONE_DAY


days_2027 = st.dates(D(2027, 1, 1), D(2027, 12, 31))
layers_2027 = st.builds(
    _layer_2027,
    st.sets(st.sampled_from([1, 1, 1, 2, 3, 6, 12]), max_size=3),
    st.lists(days_2027, max_size=8),
    st.lists(days_2027, max_size=8),
)


def _stepped(rule, first, last, calendar):
    """The processing dates in [first, last] found by stepping due() one date at a time."""
    found, x = [], first - ONE_DAY
    while True:
        d = rule.due(x, calendar)
        if d > last:
            return found
        found.append(d)
        x = d


near_month_ends = st.builds(
    lambda month, offset: (
        D(2027, month, 1) + datetime.timedelta(days=offset)
        if month
        else D(2026, 12, 1) + datetime.timedelta(days=offset)
    ),
    st.sampled_from([0, 1, 2, 4, 7, 12]),
    st.integers(-20, 10),
)


@given(
    recurrences,
    layers_2027,
    near_month_ends | st.dates(D(2026, 10, 1), D(2027, 9, 30)),
    st.integers(0, 70),
)
def test_occurrences_are_due_stepped(rule, layer, first, length):
    """On national data extended by a 2027 layer that may close whole months,
    occurrences(a, b) equals the dates due() reaches stepping from the day before a."""
    calendar = NATIONAL.with_layer(layer)
    last = first + datetime.timedelta(days=length)
    try:
        expected = _stepped(rule, first, last, calendar)
    except OutsideCalendarError:  # the stepping itself ran past 2027
        assume(False)
    assert rule.occurrences(first, last, calendar) == expected


@given(recurrences, st.lists(layers_2027, min_size=2, max_size=2), st.data())
def test_occurrences_near_the_end_of_the_data_hold_for_any_next_year(rule, layers, data):
    """Where occurrences() answers on data that end on 2026-12-31, the answer is the one
    every continuation of the data gives (here, two random 2027 layers)."""
    first = data.draw(st.dates(D(2026, 11, 1), D(2026, 12, 31)))
    last = data.draw(st.dates(first, D(2026, 12, 31)))
    try:
        answer = rule.occurrences(first, last, NATIONAL)
    except OutsideCalendarError:
        answer = None
    for layer in layers:
        full = rule.occurrences(first, last, NATIONAL.with_layer(layer))
        if answer is not None:
            assert answer == full


class TestEndOfData:
    def test_a_month_with_no_working_day_moves_its_date_back(self):
        """MonthlyOn(-12, modified_following) from December 2026, with January 2027
        closed: the 20 January occurrence has no working day left in its month, so it moves
        back to Thursday 31 December, after 21 December's (the 20th, a Sunday, moved on)."""
        closed = NATIONAL.with_layer(_layer_2027({1}, [], []))
        rule = MonthlyOn(-12, adjust="modified_following")
        assert rule.occurrences("2026-12-01", "2026-12-31", closed) == [
            D(2026, 12, 21),
            D(2026, 12, 31),
        ]

    def test_no_needless_raise_before_the_next_occurrence(self):
        """MonthlyOn(15, following) between 16 and 20 December 2026: the next occurrence is
        15 January 2027 or later, so the range has none, whatever 2027 holds."""
        rule = MonthlyOn(15, adjust="following")
        assert rule.occurrences("2026-12-16", "2026-12-20", NATIONAL) == []
        assert rule.occurrences("2026-12-01", "2026-12-31", NATIONAL) == [D(2026, 12, 15)]

    def test_an_earlier_occurrence_may_move_into_the_range(self):
        """An occurrence before the range moved forward into it is found: WeeklyOn(Sunday,
        following) from Monday 28 December 2026 is that Monday (Sunday the 27th moved)."""
        rule = WeeklyOn(Weekday.SUNDAY, adjust="following")
        assert rule.occurrences("2026-12-28", "2026-12-28", NATIONAL) == [D(2026, 12, 28)]


@given(rules, st.dates(D(2026, 12, 1), D(2027, 1, 20)) | st.dates(D(2026, 10, 1), D(2027, 2, 28)))
def test_assumed_agrees_everywhere(rule, start):
    """With beyond="assume": an explanation is assumed exactly when a step is, exactly
    when due() warns; and when it is not assumed the published data alone give the same
    date (the calendar that raises answers it)."""
    calendar = NATIONAL.with_beyond("assume")
    explanation = rule.explain(start, calendar)
    assert explanation.assumed == any(step.assumed for step in explanation.steps)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        due = rule.due(start, calendar)
    assert due == explanation.due
    warned = any(issubclass(w.category, AssumedCalendarWarning) for w in caught)
    assert warned == explanation.assumed
    if not explanation.assumed:
        assert rule.due(start, NATIONAL) == due


def test_long_explanations_give_each_month_its_own_days():
    """WorkingDays(2000).months() has one grid per month, each holding only the counted
    days of its own month, and together all of them."""
    explanation = WorkingDays(2000).explain("2005-01-04", NATIONAL)
    views = explanation.months()
    assert (views[0].year, views[0].month) == (2005, 1)
    assert (views[-1].year, views[-1].month) == (explanation.due.year, explanation.due.month)
    for view in views:
        assert all((d.year, d.month) == (view.year, view.month) for d in view.counted)
    assert sum(len(view.counted) for view in views) == 2000


def test_a_case_that_runs_past_python_dates_fails_at_once():
    """In assume mode, a suspension through 9999-12-30 leaves no date for the deadline:
    OutsideCalendarError, from a sweep of one suspension (not a search over the years)."""
    calendar = NATIONAL.with_beyond("assume")
    case = Case(WorkingDays(5), "2025-06-03", calendar).suspend("2025-06-05", "9999-12-30")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        with pytest.raises(OutsideCalendarError):
            _ = case.due


def _every_one_day_recurrence():
    for adjust in ADJUSTS:
        for day in (*range(1, 32), *range(-31, 0)):
            yield MonthlyOn(day, adjust=adjust)
        for weekday in Weekday:
            yield WeeklyOn(weekday, adjust=adjust)


@pytest.mark.parametrize("adjust", ADJUSTS)
def test_assumed_agrees_for_every_recurrence_at_the_end_of_the_data(adjust):
    """Every one-day recurrence with this adjustment, from every start between 20 November
    2026 and 10 January 2027: the explanation is assumed exactly when a step is and exactly
    when due() warns, and an answer not assumed is the published data's own."""
    calendar = NATIONAL.with_beyond("assume")
    starts = [D(2026, 11, 20) + datetime.timedelta(days=k) for k in range(52)]
    for rule in _every_one_day_recurrence():
        if rule.adjust != adjust:
            continue
        for start in starts:
            explanation = rule.explain(start, calendar)
            assert explanation.assumed == any(s.assumed for s in explanation.steps), (rule, start)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                rule.due(start, calendar)
            assert bool(caught) == explanation.assumed, (rule, start)
            if not explanation.assumed:
                assert rule.due(start, NATIONAL) == explanation.due, (rule, start)


@pytest.mark.parametrize("closed", [(1,), (1, 2), (12,)])
def test_occurrences_for_every_recurrence_around_closed_months(closed):
    """Every one-day recurrence, with these months of 2027 closed (December 2027 closed
    means the year ends without a working day in its last month): occurrences over each
    month from November 2026 to March 2027 and over the whole span equal due() stepped."""
    calendar = NATIONAL.with_layer(_layer_2027(set(closed), [], []))
    spans = [(D(2026, 11, 1), D(2027, 3, 31)), (D(2027, 11, 15), D(2027, 12, 20))]
    for month_start in (D(2026, 11, 1), D(2026, 12, 1), D(2027, 1, 1), D(2027, 2, 1)):
        next_month = (month_start + datetime.timedelta(days=31)).replace(day=1)
        spans.append((month_start, next_month - ONE_DAY))
    for rule in _every_one_day_recurrence():
        for first, last in spans:
            found, x = [], first - ONE_DAY
            try:
                while (x := rule.due(x, calendar)) <= last:
                    found.append(x)
            except OutsideCalendarError:
                # due() cannot see past the data: occurrences() may raise, or answer with
                # the dates found so far when the data show that no later one is in range.
                try:
                    answer = rule.occurrences(first, last, calendar)
                except OutsideCalendarError:
                    continue
            else:
                answer = rule.occurrences(first, last, calendar)
            assert answer == found, (rule, first, last)


def test_modified_preceding_answers_at_the_end_of_the_data():
    """MonthlyOn(18, modified_preceding) over December 2026: January's 18th can only move
    back within January or forward, so December's answer needs no 2027 data."""
    rule = MonthlyOn(18, adjust="modified_preceding")
    assert rule.occurrences("2026-12-01", "2026-12-31", NATIONAL) == [D(2026, 12, 18)]
