"""The autonomous prefectures' forecasts: the shipped notices as worked examples, the
national calendar everywhere else."""

from __future__ import annotations

import datetime
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdeadline import Calendar, ForecastWarning, WorkingDays
from govdeadline.forecast import _REGIONS

D = datetime.date
ONE = datetime.timedelta(days=1)
PREFECTURES = [
    "yanbian",
    "xiangxi",
    "enshi",
    "qiandongnan",
    "qiannan",
    "chuxiong",
    "liangshan",
    "xishuangbanna",
]


def _shipped(key):
    """The prefecture's shipped layer (the last layer of its calendar)."""
    return Calendar.for_region(key).layers[-1]


def _weekdays_off(days):
    return {d.date for d in days if d.status == "holiday" and d.date.weekday() < 5}


def _weekends_worked(days):
    return {d.date for d in days if d.status == "workday"}


# Years whose notice the standing rules reproduce exactly (weekdays off and weekend days
# worked), from the shipped data, not from the forecast.
EXACT = [
    ("yanbian", 2023),
    ("enshi", 2023),
    ("enshi", 2025),
    ("qiandongnan", 2018),
    ("qiannan", 2015),
    ("qiannan", 2016),
    ("qiannan", 2023),
    ("qiannan", 2024),
    ("liangshan", 2017),
    ("liangshan", 2023),
    ("liangshan", 2024),
]


@pytest.mark.parametrize(("key", "year"), EXACT)
def test_the_rules_give_the_notices_days(key, year):
    """The forecast of a year with a notice, made from the standing rules alone, gives the
    notice's weekdays off and weekend days worked (liangshan's 州庆 day is checked in
    test_liangshan_founding_day)."""
    listed = next(y for y in _shipped(key).years if y.year == year).days
    days, _ = _REGIONS[key](year)
    if key == "liangshan":  # 州庆 rides on the national break; its own test below
        days = [d for d in days if d.name != "Prefecture Founding Day"]
        listed = [d for d in listed if d.name != "Prefecture Founding Day"]
    assert _weekdays_off(days) == _weekdays_off(listed)
    assert _weekends_worked(days) == _weekends_worked(listed)


@pytest.mark.parametrize("key", PREFECTURES)
def test_the_notices_differ_from_the_forecast_only_on_uncertain_days(key):
    """In every year the shipped data list, each day whose status the notice set otherwise
    than the forecast (a weekday off, a weekend day worked) is a day the forecast calls
    uncertain, so the bounds can hold the notice's answer."""
    for year in _shipped(key).years:
        days, uncertain = _REGIONS[key](year.year)
        off, worked = _weekdays_off(days), _weekends_worked(days)
        listed_off, listed_worked = _weekdays_off(year.days), _weekends_worked(year.days)
        differing = (off ^ listed_off) | (worked ^ listed_worked)
        if not year.complete:  # a partly known year: only the listed days are facts
            differing &= {d.date for d in year.days}
        assert differing <= uncertain, (key, year.year, sorted(differing - uncertain))


def test_liangshan_founding_day():
    """凉山's 州庆 is one day after the national 国庆 break: 2017, 9 October; 2018, 2021 and
    2024, 8 October; 2023, 7 October (a national makeup Saturday), as the notices gave."""
    listed = {
        y.year: {d.date for d in y.days if d.name == "Prefecture Founding Day"}
        for y in _shipped("liangshan").years
        if y.year in (2017, 2018, 2021, 2023, 2024)
    }
    for year, expected in listed.items():
        days, _ = _REGIONS["liangshan"](year)
        assert {d.date for d in days if d.name == "Prefecture Founding Day"} == expected


def _quietly(call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ForecastWarning)
        return call()


NATIONAL_FORECAST = Calendar.national(beyond="forecast")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PREFECTURES), st.dates(D(2025, 1, 1), D(2027, 12, 31)))
def test_a_prefecture_is_the_national_forecast_outside_its_own_days(key, day):
    """A prefecture's forecast calendar is the national forecast calendar on every day its
    own forecast does not list or call uncertain: its days stack on its parent's."""
    calendar = Calendar.for_region(key, beyond="forecast")
    if day > calendar.coverage.last:
        return
    own: set[datetime.date] = set()
    for year in (day.year - 1, day.year, day.year + 1):
        days, uncertain = _REGIONS[key](year)
        own |= {d.date for d in days} | uncertain
    published = {d.date for y in _shipped(key).years for d in y.days}
    if day in own or day in published:
        return
    assert calendar.is_working_day(day) == NATIONAL_FORECAST.is_working_day(day)


def test_yanbian_2027_founding_day_and_a_deadline():
    """延边 2027: 3 September is a Friday; the charter's three days from the 3rd are
    Friday to Sunday, the weekend not made up (2023's notice), so one working day from
    Thursday 2 September is Monday 6 September, and the bounds hold it."""
    calendar = Calendar.for_region("yanbian", beyond="forecast")
    info = calendar.day_info("2027-09-03")
    assert (info.is_working_day, info.source, info.certain) == (False, "forecast", False)
    result = _quietly(lambda: WorkingDays(1).explain("2027-09-02", calendar))
    assert result.due == D(2027, 9, 6)
    assert result.earliest <= D(2027, 9, 3)
    assert result.latest >= D(2027, 9, 6)
    assert result.provisional


def test_qiannan_2027_lunar_days():
    """黔南 2027: 四月初八 is Thursday 13 May and 六月初六 Friday 9 July (the lunar calendar),
    one day off each; 州庆, Sunday 8 August, moves to Monday 9 and Tuesday 10."""
    calendar = Calendar.for_region("qiannan", beyond="forecast")
    for day in ("2027-05-13", "2027-07-09", "2027-08-09", "2027-08-10"):
        assert not calendar.is_working_day(day), day
    for day in ("2027-05-14", "2027-07-08", "2027-08-11"):
        assert calendar.is_working_day(day), day


def test_a_prefecture_day_on_a_national_makeup_day_is_off():
    """凉山 2023 forecast from its rules over the published national calendar: 州庆 is the
    day after the national 国庆 break, Saturday 7 October, which the national notice made a
    makeup working day; the prefecture's day wins, as 凉山's 2023 notice has it."""
    from govdeadline.forecast import layers_beyond, stack_beyond

    national = Calendar.national().layers[0]
    base = Calendar((national,), name="national")
    layers, _ = layers_beyond(base, {"national": 2026, "liangshan": 2022}, 1)
    calendar = Calendar(stack_beyond(layers, (national,)))
    assert Calendar.national().is_working_day("2023-10-07")
    assert not calendar.is_working_day("2023-10-07")
    assert calendar.is_working_day("2023-10-08") == Calendar.national().is_working_day("2023-10-08")


def test_liangshan_torch_festival_bounds_count_one_break():
    """凉山 2027: 农历六月二十三 is Monday 26 July, so 民族团结进步节 and 火把节 run 26 July to
    2 August (8 days, 6 weekdays, 4 of them the festival days: two makeup days, Sunday 25
    July and Saturday 7 August, the nearest weekend days). Five working days from Thursday
    22 July: 23 July, 25 July, then 3, 4 and 5 August. However the notice places the run's
    first day and its makeup days, the answer lies from 4 August (every weekend day near it
    worked) to 6 August (no makeup day): the bounds hold one break's days, not every
    uncertain day around it."""
    calendar = Calendar.for_region("liangshan", beyond="forecast")
    result = _quietly(lambda: WorkingDays(5).explain("2027-07-22", calendar))
    assert result.due == D(2027, 8, 5)
    assert D(2027, 8, 4) <= result.earliest
    assert result.latest <= D(2027, 8, 6)


@pytest.mark.parametrize("year", [2018, 2023, 2025])
def test_xishuangbanna_water_splashing_days(year):
    """西双版纳's 泼水节: three weekdays from 13 to 15 April, a weekend day among them made
    up beside the run, as the notices of 2018 (12-16 April), 2023 (12-14) and 2025 (14-16)
    gave them (the shipped data)."""
    listed = next(y for y in _shipped("xishuangbanna").years if y.year == year).days
    days, _ = _REGIONS["xishuangbanna"](year)
    water = "Water-Splashing Festival"
    assert _weekdays_off([d for d in days if d.name == water]) == _weekdays_off(
        [d for d in listed if d.name == water]
    )
