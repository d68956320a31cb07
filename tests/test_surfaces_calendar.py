"""A calendar's days off as a list, and counting working days back."""

from __future__ import annotations

import datetime
import warnings

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    DayInfo,
    DayKind,
    ForecastWarning,
    InvalidArgumentError,
    OutsideCalendarError,
)

import oracles

D = datetime.date
NATIONAL = Calendar.national()
XJ = Calendar.for_region("xinjiang")


# Weekend days inside a national break that chinese-calendar lists as rest days without a name;
# the notices name their break (quoted from the notices):
NAMED_IN_NOTICES = {
    # 国办发明电〔2010〕40号: 五、端午节：6月4日至6日放假公休，共3天。
    D(2011, 6, 5): "Dragon Boat Festival",
    # 国办发明电〔2011〕45号: 五、端午节：6月22日至24日放假公休，共3天。
    D(2012, 6, 23): "Dragon Boat Festival",
    # 国发明电〔2015〕1号: 9月3日至5日调休放假，共3天。
    D(2015, 9, 5): "Anti-Fascist 70th Day",
}


@pytest.mark.parametrize("year", range(2004, 2027))
def test_national_holidays_are_chinese_calendars_own(year):
    """Against chinese-calendar's own tables (its holidays and workdays dictionaries): the
    same days off with the same names, the same makeup working days, nothing else."""
    days_off = {d: name for d, name in chinese_calendar.holidays.items() if d.year == year}
    days_off.update({d: name for d, name in NAMED_IN_NOTICES.items() if d.year == year})
    makeup = {d: name for d, name in chinese_calendar.workdays.items() if d.year == year}
    got = NATIONAL.holidays(year)
    assert [day.date for day in got] == sorted(got_date.date for got_date in got)
    assert {day.date: day.name for day in got if day.kind is DayKind.HOLIDAY} == days_off
    assert {day.date: day.name for day in got if day.kind is DayKind.MAKEUP_WORKDAY} == makeup
    assert len(got) == len(days_off) + len(makeup)
    assert all(type(day) is DayInfo for day in got)
    assert {day.layer for day in got} == {"chinese-calendar"}
    assert {day.source for day in got} == {"published"}


def test_xinjiang_adds_its_festivals_from_its_layer():
    """The 2025 Xinjiang festivals: 肉孜节 29-31 March and 古尔邦节 6-10 June (新疆维吾尔自治区
    人民政府办公厅 notice for 2025, govdeadline/data/xinjiang.yaml)."""
    regional = [day for day in XJ.holidays(2025) if day.layer == "xinjiang"]
    assert [(day.date, day.name_zh) for day in regional] == [
        (D(2025, 3, 29), "肉孜节"),
        (D(2025, 3, 30), "肉孜节"),
        (D(2025, 3, 31), "肉孜节"),
        (D(2025, 6, 6), "古尔邦节"),
        (D(2025, 6, 7), "古尔邦节"),
        (D(2025, 6, 8), "古尔邦节"),
        (D(2025, 6, 9), "古尔邦节"),
        (D(2025, 6, 10), "古尔邦节"),
    ]
    national = {day.date for day in NATIONAL.holidays(2025)}
    assert {day.date for day in XJ.holidays(2025)} == national | {d.date for d in regional}


def test_holidays_outside_the_data():
    with pytest.raises(OutsideCalendarError, match="2027-01-01 is outside the 'national'"):
        NATIONAL.holidays(2027)
    with pytest.raises(OutsideCalendarError, match="2021-01-01 is outside the 'xinjiang'"):
        XJ.holidays(2021)
    for bad in (2025.0, "2025", True, 0, 10000):
        with pytest.raises(InvalidArgumentError, match=r"holidays\(.*\): give a year 1-9999"):
            NATIONAL.holidays(bad)  # type: ignore[arg-type]
    assuming = Calendar.national(beyond="assume")
    with pytest.warns(AssumedCalendarWarning, match=r"holidays\(2030\) relied on days"):
        assumed = assuming.holidays(2030)
    # The law's days off in 2030 (全国年节及纪念日放假办法 Art. 2), as the oracle writes them out.
    assert {day.date for day in assumed} == oracles.law_days(2030)
    assert {day.source for day in assumed} == {"assumed"}


def test_forecast_holidays_say_where_they_come_from():
    forecast = Calendar.national(beyond="forecast")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        days = forecast.holidays(2027)  # a one-day question per day: no count, no warning
    by_date = {day.date: day for day in days}
    assert by_date[D(2027, 1, 1)].source == "statute"  # 元旦, by the law
    assert by_date[D(2027, 1, 1)].kind is DayKind.HOLIDAY
    assert {day.source for day in days} <= {"statute", "forecast"}
    assert any(not day.certain for day in days)


def test_days_lists_every_day():
    days = XJ.days("2025-03-28", "2025-04-01")
    assert [(day.date, day.kind) for day in days] == [
        (D(2025, 3, 28), DayKind.WORKDAY),
        (D(2025, 3, 29), DayKind.HOLIDAY),
        (D(2025, 3, 30), DayKind.HOLIDAY),
        (D(2025, 3, 31), DayKind.HOLIDAY),
        (D(2025, 4, 1), DayKind.WORKDAY),
    ]
    assert days == tuple(XJ.day_info(day.date) for day in days)
    assert XJ.days("2025-04-01", "2025-03-31") == ()
    with pytest.raises(OutsideCalendarError):
        XJ.days("2021-12-30", "2022-01-02")


# -- counting back --------------------------------------------------------------------------

national_days = st.dates(min_value=D(2004, 3, 1), max_value=D(2026, 12, 31))


@given(national_days, st.integers(1, 40))
def test_subtract_is_the_day_by_day_oracle(d, n):
    assert NATIONAL.subtract_working_days(d, n) == oracles.subtract_working_days(
        oracles.cc_is_workday, d, n
    )


@given(national_days, st.integers(1, 40))
def test_subtract_undoes_add_from_a_working_day(d, n):
    if not NATIONAL.is_working_day(d):
        d = NATIONAL.next_working_day(d)
    back = NATIONAL.subtract_working_days(d, n)
    assert NATIONAL.working_days_between(back, d) == n
    assert NATIONAL.add_working_days(back, n) == d


def test_subtract_examples():
    """Checked by hand on the State Council's notices: 2024's National Day break runs 1-7
    October with Sunday 29 September and Saturday 12 October worked."""
    assert NATIONAL.subtract_working_days(D(2024, 10, 8), 1) == D(2024, 9, 30)
    assert NATIONAL.subtract_working_days("2024-10-08", 3) == D(2024, 9, 27)
    assert NATIONAL.subtract_working_days("2024-10-14", 1) == D(2024, 10, 12)
    # Xinjiang's 肉孜节 2025 (29-31 March) is skipped on the regional calendar only.
    assert XJ.subtract_working_days("2025-04-01", 1) == D(2025, 3, 28)
    assert NATIONAL.subtract_working_days("2025-04-01", 1) == D(2025, 3, 31)


def test_subtract_outside_the_data_and_bad_counts():
    with pytest.raises(OutsideCalendarError, match="2021-12-30 is outside the 'xinjiang'"):
        XJ.subtract_working_days("2022-01-04", 2)
    with pytest.raises(OutsideCalendarError, match="2027-01-04 is outside the 'national'"):
        NATIONAL.subtract_working_days("2027-01-05", 1)
    assuming = Calendar.national(beyond="assume")
    with pytest.warns(AssumedCalendarWarning, match=r"subtract_working_days\(2004-01-05, 3\)"):
        assert assuming.subtract_working_days("2004-01-05", 3) == D(2003, 12, 30)
    with warnings.catch_warnings():  # no answer, so no warning about one
        warnings.simplefilter("error")
        with pytest.raises(OutsideCalendarError, match="dates Python can represent"):
            assuming.subtract_working_days("0001-01-03", 5)
    with pytest.raises(InvalidArgumentError, match="n=0: subtract_working_days counts n >= 1"):
        NATIONAL.subtract_working_days("2025-06-04", 0)
    with pytest.raises(TypeError, match=r"n must be an int, not float \(1\.0\)"):
        NATIONAL.subtract_working_days("2025-06-04", 1.0)  # type: ignore[arg-type]


def test_subtract_over_forecast_days_warns():
    forecast = Calendar.national(beyond="forecast")
    with pytest.warns(ForecastWarning, match="counts forecast days"):
        forecast.subtract_working_days("2027-01-08", 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert forecast.subtract_working_days("2026-06-04", 1) == D(2026, 6, 3)


def test_published_days_on_a_forecast_calendar_stay_published():
    forecast = Calendar.national(beyond="forecast")
    assert forecast.holidays(2025) == NATIONAL.holidays(2025)
    assert {(day.source, day.certain) for day in forecast.holidays(2025)} == {("published", True)}
