"""The forecast of a year's national arrangement, against the published years and the law."""

from __future__ import annotations

import datetime

import chinese_calendar
import pytest

from govdeadline import Calendar, OutsideCalendarError, WorkingDays
from govdeadline.forecast import forecast_layers, forecast_year, published_through_layers
from govdeadline.statute import statutory_holidays

D = datetime.date
ONE = datetime.timedelta(days=1)


def _published_through(last_year):
    """The national data as published through *last_year* (the forecast's starting point)."""
    return published_through_layers(Calendar.national().layers, last_year)[0]


class TestTheLaw:
    @pytest.mark.parametrize("year", range(2008, 2036))
    def test_statutory_days_are_certain_rest_days(self, year):
        """Every day the law gives is off in the forecast and in both bounds, and never
        uncertain."""
        forecast = forecast_year(year)
        best, early, _late = forecast_layers([year])
        holidays = {d.date for d in best.days if d.status == "holiday"}
        for day in statutory_holidays(year):
            assert day in holidays
            assert day not in forecast.uncertain
        early_work = {d.date for d in early.days if d.status == "workday"}
        assert not early_work & set(statutory_holidays(year))


class TestAgainstPublishedYears:
    @pytest.mark.parametrize("year", [2012, 2016, 2019, 2021, 2024, 2025, 2026])
    def test_published_deadlines_fall_inside_the_bounds(self, year):
        """Forecasting year Y from the data through Y-1: for every start in Y and 1, 5, 10
        and 20 working days, the published due date (chinese-calendar's) lies between the
        earliest and the latest, outside the days supplementary notices changed."""
        base = _published_through(year - 1)
        _best, early, late = forecast_layers(range(year, year + 2))
        cal_early = Calendar((base, early))
        cal_late = Calendar((base, late))
        published = Calendar.national()
        start = D(year, 1, 1)
        while start.year == year:
            for n in (1, 5, 10, 20):
                rule = WorkingDays(n)
                try:
                    truth = rule.due(start, published)
                except OutsideCalendarError:
                    continue
                if D(2019, 4, 28) <= truth <= D(2019, 5, 10) or D(2019, 4, 28) <= start <= D(
                    2019, 5, 5
                ):
                    continue
                assert rule.due(start, cal_early) <= truth <= rule.due(start, cal_late), (start, n)
            start += ONE

    @pytest.mark.parametrize("year", range(2016, 2027))
    def test_most_days_are_forecast_right(self, year):
        """From the principles alone, at most 4 days of a year (2016-2026) get the wrong
        working status against chinese-calendar."""
        best, _, _ = forecast_layers([year])
        cal = Calendar((_published_through(year - 1), best))
        wrong = [
            d
            for d in (D(year, 1, 1) + k * ONE for k in range(365))
            if d.year == year and cal.is_working_day(d) != chinese_calendar.is_workday(d)
        ]
        assert len(wrong) <= 4, wrong


class TestTwentyTwentySeven:
    """2027 as the research notes forecast it (2027 has 2021's weekday layout)."""

    def test_single_day_festivals(self):
        """元旦 1-3 Jan (Fri-Sun); 清明 3-5 Apr (Mon 5th); 端午 9 Jun and 中秋 15 Sep (Wednesdays)
        alone."""
        days = {d.date: d.status for d in forecast_year(2027).days}
        assert [days.get(D(2027, 1, k)) for k in (1, 2, 3, 4)] == ["holiday"] * 3 + [None]
        assert [days.get(D(2027, 4, k)) for k in (2, 3, 4, 5, 6)] == [None] + ["holiday"] * 3 + [
            None
        ]
        assert days.get(D(2027, 6, 9)) == "holiday"
        assert D(2027, 6, 8) not in days
        assert days.get(D(2027, 9, 15)) == "holiday"
        assert D(2027, 9, 16) not in days

    def test_national_day(self):
        """国庆 1-7 Oct (Fri-Thu), Sunday 26 Sep and Saturday 9 Oct worked, as in 2021."""
        days = {d.date: d.status for d in forecast_year(2027).days}
        assert all(days[D(2027, 10, k)] == "holiday" for k in range(1, 8))
        assert days[D(2027, 9, 26)] == days[D(2027, 10, 9)] == "workday"

    def test_the_first_days_of_2027_are_known_to_be_off(self):
        """30 working days from 2 December 2026 never count 1 January 2027, in the forecast
        or either bound."""
        best, early, late = forecast_layers([2027])
        for layer in (best, early, late):
            cal = Calendar.national().with_layer(layer)
            assert not cal.is_working_day("2027-01-01")


def test_ex_ante_waits_a_year_for_a_new_principle():
    """Ex ante, 春节 runs 7 days in 2025 (8 from 2026: the 2025 notice first gave 8) and 劳动节
    3 days in 2020 (5 from 2021); every other year is forecast the same either way."""

    def spring(year, ex_ante):
        days = forecast_year(year, ex_ante=ex_ante).days
        return sum(d.status == "holiday" and d.name == "Spring Festival" for d in days)

    assert (spring(2025, False), spring(2025, True), spring(2026, True)) == (8, 7, 8)
    may = [d.date for d in forecast_year(2020, ex_ante=True).days if d.name == "Labour Day"]
    assert [d for d in may if d.month == 5] == [D(2020, 5, 1), D(2020, 5, 2), D(2020, 5, 3)]
    for year in (2014, 2019, 2021, 2024, 2027):
        assert forecast_year(year, ex_ante=True) == forecast_year(year)


def test_from_starts_bounds_a_date_by_the_dates_before_it():
    """A payment on the first 18th after a due date the next notice could place anywhere
    from 16 to 19 February 2027: the 18th of February or of March. A start that cannot
    move leaves the explanation as it is."""
    from govdeadline import MonthlyOn

    calendar = Calendar.national(beyond="forecast")
    start = datetime.date(2027, 2, 16)
    result = MonthlyOn(18).explain(start, calendar)
    assert result.from_starts(start, start) is result
    widened = result.from_starts(start, datetime.date(2027, 2, 19))
    assert (widened.due, widened.earliest, widened.latest) == (
        datetime.date(2027, 2, 18),
        datetime.date(2027, 2, 18),
        datetime.date(2027, 3, 18),
    )
    assert widened.provisional
    early = result.from_starts(datetime.date(2027, 1, 20), start)
    assert (early.earliest, early.latest) == (
        datetime.date(2027, 2, 18),
        datetime.date(2027, 2, 18),
    )
