"""Calendars with beyond="forecast": bounds that hold the published answer, the law's days
certain, warnings exactly when an answer is provisional."""

from __future__ import annotations

import datetime
import pathlib
import pickle
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import (
    Calendar,
    CalendarDays,
    Case,
    ForecastWarning,
    InvalidArgumentError,
    OutsideCalendarError,
    Weekday,
    WeeklyOn,
    WorkingDays,
    read_notice,
)

from oracles import law_days

D = datetime.date
NATIONAL = Calendar.national()
FORECAST = Calendar.national(beyond="forecast")
NOTICES = pathlib.Path(__file__).parent / "data" / "notices"
# Years a supplementary notice changed after the year's notice: no forecast can know them.
SUPPLEMENTED = {2015, 2019, 2020}

rules = st.one_of(
    st.builds(WorkingDays, st.integers(1, 30)),
    st.builds(CalendarDays, st.integers(1, 40)),
    st.builds(
        lambda n, day: WorkingDays(n) >> WeeklyOn(day, adjust="following"),
        st.integers(1, 10),
        st.sampled_from(list(Weekday)),
    ),
)


def _quietly(call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ForecastWarning)
        return call()


@given(
    st.sampled_from([y for y in range(2012, 2027) if y not in SUPPLEMENTED]),
    st.integers(-40, 330),
    rules,
)
def test_the_published_answer_falls_inside_the_bounds(year, offset, rule):
    """Forecasting year Y from the data through Y-1: the due date chinese-calendar's data
    give lies between earliest and latest, and the forecast itself between them too."""
    calendar = Calendar.national(beyond="forecast", published_through=year - 1)
    start = D(year, 1, 1) + datetime.timedelta(days=offset)
    try:
        truth = rule.due(start, NATIONAL)
    except OutsideCalendarError:
        return
    result = rule.explain(start, calendar)
    assert result.earliest <= truth <= result.latest
    assert result.earliest <= result.due <= result.latest


@given(st.dates(D(2004, 1, 1), D(2026, 11, 15)), rules)
def test_published_answers_are_exact_and_not_provisional(start, rule):
    """Where the published data settle the answer, the forecast calendar gives it exactly,
    with no bounds to speak of and no warning."""
    try:
        truth = rule.due(start, NATIONAL)
    except OutsideCalendarError:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = rule.explain(start, FORECAST)
        due = rule.due(start, FORECAST)
    if not result.provisional:
        assert result.earliest == result.due == result.latest == truth == due


@given(st.dates(D(2026, 10, 1), D(2035, 12, 1)), rules)
def test_the_warning_comes_exactly_with_a_provisional_answer(start, rule):
    """due() warns with ForecastWarning exactly when explain() says provisional, and both
    give the same date."""
    result = rule.explain(start, FORECAST)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        due = rule.due(start, FORECAST)
    assert due == result.due
    assert any(w.category is ForecastWarning for w in caught) == result.provisional


@pytest.mark.parametrize("year", range(2027, 2037))
def test_the_laws_days_are_certain_rest_days(year):
    """Each day the law gives in a forecast year (written out from the article in the
    tests' oracle) is a rest day, certain, from the statute."""
    for day in law_days(year):
        info = FORECAST.day_info(day)
        assert not info.is_working_day
        assert (info.source, info.certain) == ("statute", True)


def test_sources_and_certainty():
    """Published days stay published; a weekday far from any festival is a certain
    forecast; days near a festival are uncertain."""
    assert FORECAST.day_info("2026-06-02").source == "published"
    march = FORECAST.day_info("2027-03-10")
    assert (march.source, march.certain, march.is_working_day) == ("forecast", True, True)
    assert FORECAST.day_info("2027-10-05").certain is False
    assert FORECAST.coverage.last == D(2036, 12, 31)
    with pytest.raises(OutsideCalendarError):
        FORECAST.add_working_days("2036-12-30", 5)


def test_a_case_carries_the_bounds():
    """Item 85's 30 working days from 2 December 2026: the case's bounds are the
    explanation's, and on published data they are the deadline itself."""
    case = Case(WorkingDays(30), "2026-12-02", FORECAST)
    result = WorkingDays(30).explain("2026-12-02", FORECAST)
    assert case.bounds == (result.earliest, result.latest)
    assert Case(WorkingDays(5), "2025-06-03", FORECAST).bounds == (D(2025, 6, 10),) * 2
    assert Case(WorkingDays(5), "2025-06-03", FORECAST).suspend("2025-06-04").bounds is None


def test_a_notice_laid_over_moves_the_forecast_on():
    """Data published through 2025 and the 2026 notice read from its text give 2026 as
    published, and forecast from 2027."""
    before = Calendar.national(beyond="forecast", published_through=2025)
    assert before.day_info("2026-02-17").source == "statute"
    layer = read_notice((NOTICES / "2026.txt").read_text(encoding="utf-8"))
    after = before.with_layer(layer)
    assert after.day_info("2026-02-14").is_working_day  # a makeup Saturday, published
    assert after.day_info("2026-02-14").source == "published"
    assert after.day_info("2027-03-10").source == "forecast"
    assert _quietly(lambda: WorkingDays(5).due("2026-02-13", after)) == D(2026, 2, 27)


def test_published_through_is_checked():
    """published_through names a year the data cover."""
    with pytest.raises(InvalidArgumentError, match="published_through=2030"):
        Calendar.national(published_through=2030)
    with pytest.raises(InvalidArgumentError, match="published_through='2020'"):
        Calendar.national(published_through="2020")  # type: ignore[arg-type]
    cut = Calendar.national(published_through=2020)
    assert cut.coverage.last == D(2020, 12, 31)
    assert Calendar.for_region("xinjiang", published_through=2024).coverage.last == D(2024, 12, 31)


def test_forecast_calendars_pickle():
    """Forecast calendars come back equal from pickle, the shared one as itself."""
    assert pickle.loads(pickle.dumps(FORECAST)) is FORECAST
    cut = Calendar.national(beyond="forecast", published_through=2024)
    again = pickle.loads(pickle.dumps(cut))
    assert again == cut
    assert again.day_info("2025-01-28") == cut.day_info("2025-01-28")


XINJIANG = Calendar.for_region("xinjiang")


REGION_YEARS = [("xinjiang", y) for y in (2023, 2024, 2025, 2026)]
REGION_YEARS += [("guangxi", y) for y in (2016, 2017, 2021, 2023, 2024, 2025, 2026)]
REGION_YEARS += [("ningxia", y) for y in (2021, 2022, 2023, 2024, 2025, 2026)]
# The prefectures, forecast over the published national days: years with a complete year
# before them in the data.
REGION_YEARS += [("yanbian", 2024), ("qiannan", 2024), ("liangshan", 2024)]
REGION_YEARS += [("xishuangbanna", 2019)]


@pytest.mark.parametrize(("region", "year"), REGION_YEARS)
def test_regional_published_answers_fall_inside_the_bounds(region, year):
    """Forecasting a region's or a prefecture's year Y (national and regional days) from the
    data through Y-1: for every start in Y and 1, 3, 5 and 10 working days, the region's
    published due date lies between the earliest and the latest."""
    published = Calendar.for_region(region)
    calendar = Calendar.for_region(region, beyond="forecast", published_through=year - 1)
    start = D(year, 1, 1)
    while start.year == year:
        for n in (1, 3, 5, 10):
            try:
                truth = WorkingDays(n).due(start, published)
            except OutsideCalendarError:
                continue
            result = WorkingDays(n).explain(start, calendar)
            assert result.earliest <= truth <= result.latest, (start, n)
        start += datetime.timedelta(days=1)


def test_the_tabular_islamic_calendar_against_the_notices():
    """The festival days of the Xinjiang and Ningxia notices 2021-2025 (research notes,
    regions-and-forecasts.md §3), against the tabular calendar: equal, but for 2025's
    古尔邦节, one day later (6 June announced, 7 June tabular)."""
    from govdeadline.forecast import islamic_feasts

    announced = {
        2021: (D(2021, 5, 13), D(2021, 7, 20)),
        2022: (D(2022, 5, 3), D(2022, 7, 10)),
        2023: (D(2023, 4, 22), D(2023, 6, 29)),
        2024: (D(2024, 4, 10), D(2024, 6, 17)),
        2025: (D(2025, 3, 31), D(2025, 6, 6)),
    }
    for year, (fitr, adha) in announced.items():
        tabular = dict(islamic_feasts(year))
        assert tabular["Eid al-Fitr"] == fitr
        assert abs((tabular["Eid al-Adha"] - adha).days) == (1 if year == 2025 else 0)


def test_changji_item_85_in_december_2026():
    """30 working days from 2 December 2026 on the Xinjiang calendar: a forecast with bounds
    instead of an error, 1 January 2027 never counted."""
    from govdeadline import load_catalogue

    item = load_catalogue()[85]
    with pytest.raises(OutsideCalendarError):
        item.due("2026-12-02")
    calendar = Calendar.for_region("xinjiang", beyond="forecast")
    with pytest.warns(ForecastWarning, match="between|from 2027"):
        due = item.due("2026-12-02", calendar)
    result = item.time_limit.explain("2026-12-02", calendar)
    assert result.due == due
    assert result.provisional
    assert D(2027, 1, 1) not in result.counted
    assert result.earliest <= due <= result.latest


def test_due_many_is_due_on_a_forecast_calendar():
    """Element by element, due_many on a forecast calendar equals due, and it warns once
    when any answer is a forecast, not at all when none is."""
    import numpy as np

    starts = np.array(["2026-06-01", "2026-12-02", "2027-05-06", "NaT"], dtype="datetime64[D]")
    with pytest.warns(ForecastWarning, match="forecasts past the published data"):
        got = WorkingDays(30).due_many(starts, FORECAST)
    expected = [_quietly(lambda s=s: WorkingDays(30).due(str(s), FORECAST)) for s in starts[:3]]
    assert got[:3].astype(object).tolist() == expected
    assert np.isnat(got[3])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        early = WorkingDays(5).due_many(starts[:1], FORECAST)
    assert early[0] == np.datetime64("2026-06-08")


def test_a_national_notice_over_a_regional_forecast_calendar_wins():
    """Xinjiang with data through 2025 and the national 2026 notice laid over it: the
    national days of 2026 are the notice's (its only 劳动节 makeup day is Saturday 9 May,
    so Sunday 26 April rests and the next working day after Friday 24 April is Monday the
    27th), while Xinjiang's own 2026 days are still forecast."""
    notice = read_notice((NOTICES / "2026.txt").read_text(encoding="utf-8"))
    calendar = Calendar.for_region("xinjiang", beyond="forecast", published_through=2025)
    calendar = calendar.with_layer(notice)
    assert _quietly(lambda: WorkingDays(1).due("2026-04-24", calendar)) == D(2026, 4, 27)
    assert not calendar.is_working_day("2026-04-26")
    assert calendar.is_working_day("2026-05-09")
    national = Calendar.national(beyond="forecast", published_through=2025).with_layer(notice)
    assert national.day_info("2026-04-26").source == "published"


def test_counting_on_forecast_days_warns():
    """add_working_days, next_working_day and working_days_between warn with ForecastWarning
    when they count days the published data do not settle, and not otherwise; so does a
    case whose extension runs into them."""
    calls = [
        lambda: FORECAST.add_working_days("2026-12-30", 3),
        lambda: FORECAST.next_working_day("2026-12-31"),
        lambda: FORECAST.working_days_between("2026-12-20", "2027-01-10"),
        lambda: Case(WorkingDays(5), "2026-12-10", FORECAST).extend(10, "2026-12-11").due,
    ]
    for call in calls:
        with pytest.warns(ForecastWarning):
            call()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert FORECAST.add_working_days("2026-06-01", 3) == D(2026, 6, 4)
        assert FORECAST.is_working_day("2027-03-10")


def test_published_through_knows_only_what_was_published():
    """Cut at 2018, the data do not know the 2019 notice's December days: Saturday 29
    December 2018 (a makeup day under it) is an ordinary weekend, 30-31 December plain
    days; where the forecast decides such a day it says so, not published."""
    cut = Calendar.national(published_through=2018)
    assert not cut.is_working_day("2018-12-29")
    assert cut.is_working_day("2018-12-31")
    forecast = Calendar.national(beyond="forecast", published_through=2012)
    for day in ("2012-12-29", "2012-12-30", "2012-12-31"):  # 元旦 2013 is a Tuesday
        info = forecast.day_info(day)
        assert (info.layer, info.source, info.certain) == ("forecast", "forecast", False)


def test_a_forecast_needs_the_laws_years():
    """The forecast starts from the law's days, computed from 2008: data cut before 2007
    cannot be forecast from, and say so; 2007 can."""
    with pytest.raises(InvalidArgumentError, match="published_through=2005"):
        Calendar.national(beyond="forecast", published_through=2005)
    assert Calendar.national(beyond="forecast", published_through=2007).coverage.last.year == 2017
