"""The last year a forecast reaches: its days and its bounds are as sound as any other year's.

A forecast calendar covers ten years past its published data. The notice of the year
after the last one can still set days of that year's December (the 2019 notice made
29 December 2018 a working day and 31 December 2018 a day off), and a count that ends
in that December can have a latest bound in the year after. The oracles are
chinese-calendar's published data and the forecasts made from one more year of data.
"""

from __future__ import annotations

import datetime
import warnings

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdeadline import Calendar, ForecastWarning, OutsideCalendarError, WorkingDays

D = datetime.date
ONE = datetime.timedelta(days=1)
LAST_PUBLISHED = Calendar.national().coverage.last.year
# Days supplementary notices changed after the year's notice (2015's 抗战 day, 2019's Labour
# Day, 2020's Spring Festival extension): no forecast from the principles can know them.
SUPPLEMENTS = [
    (D(2015, 9, 3), D(2015, 9, 6)),
    (D(2019, 4, 28), D(2019, 5, 5)),
    (D(2020, 1, 24), D(2020, 2, 2)),
]
CUTS = range(2007, LAST_PUBLISHED)


def _forecast(cut: int) -> Calendar:
    return Calendar.national(published_through=cut, beyond="forecast")


def _days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + k * ONE for k in range((last - first).days + 1)]


@pytest.mark.parametrize("cut", CUTS)
def test_a_certain_forecast_day_is_the_published_day(cut):
    """Forecasting from the data through each year, every day of every forecast year up to
    the last published one that the forecast calls certain works or rests as
    chinese-calendar's published data say, the forecast's last December included."""
    calendar = _forecast(cut)
    last = min(calendar.coverage.last, D(LAST_PUBLISHED, 12, 31))
    wrong = [
        day
        for day in _days(D(cut, 12, 1), last)
        if calendar.day_info(day).certain
        and calendar.is_working_day(day) != chinese_calendar.is_workday(day)
        and not any(lo <= day <= hi for lo, hi in SUPPLEMENTS)
    ]
    assert wrong == []


@pytest.mark.parametrize("cut", CUTS)
def test_a_day_certain_on_one_horizon_is_certain_on_the_next(cut):
    """A day a forecast calls certain is one no later notice changes: the forecast made
    from one more year of data, which reaches a year further, agrees on it and calls it
    certain too (the years both forecast, so the same law and principles decide)."""
    calendar, later = _forecast(cut), _forecast(cut + 1)
    first = D(cut + 2, 1, 1)
    wrong = [
        (day, calendar.day_kind(day), later.day_kind(day))
        for day in _days(first, calendar.coverage.last)
        if calendar.day_info(day).certain
        and (not later.day_info(day).certain or calendar.day_kind(day) != later.day_kind(day))
    ]
    assert wrong == []


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([2008, 2016, 2026]),
    st.integers(0, 420),
    st.integers(1, 300),
)
def test_an_answer_near_the_horizon_has_bounds(cut, back, n):
    """Wherever the forecast calendar counts n working days from a start inside its
    coverage to an answer inside it, the rule gives the same due date with bounds around
    it, even when a bound lies past the forecast's last year: the bounds never fail on
    days the forecast itself did not need."""
    calendar = _forecast(cut)
    start = calendar.coverage.last - back * ONE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ForecastWarning)
        try:
            answer = calendar.add_working_days(start, n)
        except OutsideCalendarError:
            return
        explained = WorkingDays(n).explain(start, calendar)
        assert WorkingDays(n).due(start, calendar) == answer
    assert explained.due == answer
    assert explained.earliest <= answer <= explained.latest


def test_a_bound_past_the_reach_of_the_bounds_names_the_calendar_and_the_fix():
    """Counting nearly the whole ten forecast years, the latest bound rests every day a
    notice could still make a day off and runs past the year after the forecast: the
    error names the calendar the caller made (not one of its bounds), the last day its
    forecast covers, where the published data end, and what to do."""
    calendar = Calendar.national(beyond="forecast")
    start = D(LAST_PUBLISHED + 1, 1, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ForecastWarning)
        answer = calendar.add_working_days(start, 2400)
        assert answer <= calendar.coverage.last
        with pytest.raises(OutsideCalendarError) as caught:
            WorkingDays(2400).due(start, calendar)
    error = caught.value
    message = str(error)
    assert error.calendar == "national"
    assert error.last == calendar.coverage.last
    assert error.date is not None
    assert error.date > calendar.coverage.last
    assert "'national'" in message
    assert "(latest)" not in message
    assert f"through {calendar.coverage.last.year}" in message
    assert f"end on {LAST_PUBLISHED}-12-31" in message
    assert "with_layer" in message
    assert "fewer working days" in message


@pytest.mark.parametrize("region", [r.key for r in Calendar.regions()])
def test_a_published_national_day_past_a_regions_data_is_published(region):
    """On a region's forecast calendar, the years after the region's own data that the
    national data still cover: every day chinese-calendar lists (a day off or a makeup
    working day) and that the calendar takes from it is a published day, not a forecast
    one, and certain unless the region's forecast could still make it a day off."""
    calendar = Calendar.for_region(region, beyond="forecast")
    published_last = Calendar.for_region(region).coverage.last
    national_last = Calendar.national().coverage.last
    listed = {
        **chinese_calendar.constants.holidays,
        **chinese_calendar.constants.workdays,
    }
    checked = 0
    for day in _days(published_last + ONE, national_last):
        if day not in listed:
            continue
        info = calendar.day_info(day)
        if info.layer != "chinese-calendar":
            continue  # a regional forecast day laid over it
        checked += 1
        assert info.source == "published", day
        assert info.is_working_day == chinese_calendar.is_workday(day), day
    assert checked or published_last >= national_last


dates_2027_2030 = st.dates(D(2027, 1, 1), D(2030, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(dates_2027_2030, st.sampled_from(["holiday", "workday"])), max_size=6),
    st.sampled_from(["national", "xinjiang"]),
)
def test_a_day_of_the_callers_own_layer_past_the_data_is_published_and_certain(days, where):
    """A layer the caller lays over a forecast calendar, listing some days of the forecast
    years (a notice read in part): each of its days is as the layer says, a published and
    certain day, as the bounds of a count take it (they lie beneath the caller's layers)."""
    listed = dict(days)
    base = (
        Calendar.national(beyond="forecast")
        if where == "national"
        else Calendar.for_region(where, beyond="forecast")
    )
    years: dict[int, dict[str, list[dict[str, object]]]] = {}
    for day, status in sorted(listed.items()):
        entry = years.setdefault(day.year, {"days": []})  # complete: false, the default
        entry["days"].append({"date": day, "status": status, "name": "Own"})
    calendar = base.with_layer({"name": "own", "scope": where, "years": years})
    for day, status in listed.items():
        info = calendar.day_info(day)
        assert info.is_working_day == (status == "workday")
        assert info.layer == "own"
        assert info.source == "published"
        assert info.certain
