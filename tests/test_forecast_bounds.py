"""The bounds of a forecast, break by break: sound against every published year, and
narrower than resting every uncertain day at once."""

from __future__ import annotations

import datetime
import warnings

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdeadline import (
    Calendar,
    CalendarDays,
    ForecastWarning,
    OutsideCalendarError,
    Weekday,
    WeeklyOn,
    WorkingDays,
)
from govdeadline.forecast import _forecast, layers_beyond, published_through_layers

D = datetime.date
ONE = datetime.timedelta(days=1)
NATIONAL = Calendar.national()
# Days supplementary notices changed after the year's notice (2015's 抗战 day, 2019's Labour
# Day, 2020's Spring Festival extension): no forecast from the principles can know them.
SUPPLEMENTS = [
    (D(2015, 9, 3), D(2015, 9, 6)),
    (D(2019, 4, 28), D(2019, 5, 5)),
    (D(2020, 1, 24), D(2020, 2, 2)),
]

rules = st.one_of(
    st.builds(WorkingDays, st.integers(1, 30)),
    st.builds(CalendarDays, st.integers(1, 40)),
    st.builds(
        lambda n, day: WorkingDays(n) >> WeeklyOn(day, adjust="following"),
        st.integers(1, 10),
        st.sampled_from(list(Weekday)),
    ),
)


def _calendars(year, ex_ante):
    base = Calendar(published_through_layers(NATIONAL.layers, year - 1), name="published")
    layers, forecast = layers_beyond(base, {"national": year - 1}, 2, ex_ante=ex_ante)
    return Calendar((*layers, *base.layers)), forecast


def _touches_supplement(a, b):
    return any(a <= hi and lo <= b for lo, hi in SUPPLEMENTS)


@settings(max_examples=300, deadline=None)
@given(st.integers(2010, 2026), st.integers(-60, 330), rules, st.booleans())
def test_the_published_answer_lies_within_the_bounds(year, offset, rule, ex_ante):
    """Forecasting year Y from the data through Y-1 (with the principles as the notices
    gave them, or strictly ex ante): the due date on chinese-calendar's data lies between
    the earliest and the latest, for any start date and any rule, outside the days that
    supplementary notices changed."""
    start = D(year, 1, 1) + datetime.timedelta(days=offset)
    try:
        truth = rule.due(start, NATIONAL)
    except OutsideCalendarError:
        return
    if truth.year != year or _touches_supplement(start, truth):
        return
    calendar, forecast = _calendars(year, ex_ante)
    lo, hi, _ = forecast.bounds(lambda c: rule.due(start, c).toordinal(), start.toordinal())
    assert lo <= truth.toordinal() <= hi
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ForecastWarning)
        due = rule.due(start, calendar)
    assert lo <= due.toordinal() <= hi


def _rest_run(day):
    """The published run of rest days around *day* (chinese-calendar's data)."""
    first = last = day
    while not chinese_calendar.is_workday(first - ONE):
        first -= ONE
    while not chinese_calendar.is_workday(last + ONE):
        last += ONE
    return first, last


@pytest.mark.parametrize("year", range(2010, 2027))
def test_every_published_break_is_a_run_the_bounds_allow(year):
    """Each break of each published year (chinese-calendar's data): its weekdays off lie in
    the longest run the bounds allow from some first day, and the shortest run from that
    day lies inside it; its weekend working days lie within 6 days of it (Art. 7 of
    国务院令第795号: no more than 6 working days in a row)."""
    _, breaks = _forecast(year, False)
    for brk in breaks:
        first, last = _rest_run(min(brk.statutory))
        if _touches_supplement(first, last):
            continue
        weekdays_off = {
            first + k * ONE
            for k in range((last - first).days + 1)
            if (first + k * ONE).weekday() < 5
        }
        fits = [
            (start, length)
            for start, length in brk.runs()
            if all(start <= d <= start + (brk.longest - 1) * ONE for d in weekdays_off)
            and first <= start
            and start + (brk.shortest - 1) * ONE <= last
        ]
        assert fits, (brk.name, first, last)
        for k in range(1, 15):
            for day in (first - k * ONE, last + k * ONE):
                if day.weekday() >= 5 and chinese_calendar.is_workday(day) and day in brk.weekends:
                    assert k <= 6, (brk.name, day)


def test_a_break_counts_only_the_days_it_can_gain():
    """30 working days from 2 December 2026 run past the 2027 New Year's Day break (1 January
    a Friday, so the law's day and the weekend after it) and reach late January, where no
    break is near: the latest bound counts at most the two weekdays a three-day break
    could still add around the Friday, not every uncertain day at once."""
    forecast_cal = Calendar.national(beyond="forecast")
    result = WorkingDays(30).explain("2026-12-02", forecast_cal)
    on_union = WorkingDays(30).due("2026-12-02", forecast_cal._forecast.latest)
    assert result.latest < on_union
    # 2 Dec 2026 + 30 working days with only 1 January off is 14 January; two weekdays
    # more at most, and never fewer than the law's day.
    assert D(2027, 1, 14) <= result.latest <= D(2027, 1, 18)
    assert result.earliest <= D(2027, 1, 14) <= result.latest
