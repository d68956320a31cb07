"""The law's days off: 《全国年节及纪念日放假办法》 Art. 2 in each version since 2008."""

from __future__ import annotations

import csv
import datetime
import pathlib
import re
import subprocess
import sys

import chinese_calendar
import pytest

from govdeadline import Calendar, InvalidArgumentError, _lunar, statute
from govdeadline.statute import festival_days, statutory_holidays, version_in_force

DATA = pathlib.Path(__file__).parent / "data"
D = datetime.date
ONE = datetime.timedelta(days=1)
YEARS = range(2008, 2100)


def _lunar_table() -> dict[int, dict[str, datetime.date]]:
    """tests/data/lunar-festivals.csv: 春节, 端午, 中秋 from a second lunar calendar."""
    lines = [
        line
        for line in (DATA / "lunar-festivals.csv").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    return {
        int(row["year"]): {k: D.fromisoformat(v) for k, v in row.items() if k != "year"}
        for row in csv.DictReader(lines)
    }


LUNAR = _lunar_table()

# Which days of 春节 each version gives, as offsets from 正月初一 (-1 is 除夕): Art. 2(二).
SPRING_OFFSETS = {
    "国务院令第513号": (-1, 0, 1),  # 农历除夕、正月初一、初二
    "国务院令第644号": (0, 1, 2),  # 农历正月初一、初二、初三
    "国务院令第795号": (-1, 0, 1, 2),  # 农历除夕、正月初一至初三
}


def _names(year: int) -> dict[str, tuple[datetime.date, ...]]:
    return {name: days for name, _, days in festival_days(year)}


def test_statutory_days_2008_2026_are_rest_days_named_by_the_calendar():
    """Each day the law gives in 2008-2026 is a rest day in the national calendar, under
    the same festival as chinese-calendar names it; the only differences are the two
    days that two festivals share (listed here)."""
    cal = Calendar.national()
    differences = {}
    for year in range(2008, 2027):
        for day, name in statutory_holidays(year).items():
            assert not cal.is_working_day(day), day
            assert not chinese_calendar.is_workday(day), day
            by_calendar = cal.holiday_name(day)
            if day != D(2012, 6, 23):  # named by the calendar from the notice, not by cc
                assert by_calendar == chinese_calendar.get_holiday_detail(day)[1], day
            if by_calendar != name:
                differences[day] = (name, by_calendar)
    assert differences == {
        # 中秋 on a day of 国庆: the law names both, the calendar one of them.
        D(2009, 10, 3): ("Mid-autumn Festival, National Day", "Mid-autumn Festival"),
        D(2020, 10, 1): ("Mid-autumn Festival, National Day", "National Day"),
    }
    # chinese-calendar lists the 2012 端午 break without its Saturday, 端午 itself; the
    # calendar names it from the 2012 notice, as the law does.
    assert chinese_calendar.get_holiday_detail(D(2012, 6, 23))[1] is None


@pytest.mark.parametrize("year", YEARS)
def test_days_per_year(year):
    """11 days a year until 2024 and 13 from 2025 (Art. 2: 1+3+1+1+1+1+3, then 1+4+1+2+1+1+3);
    one date fewer when 中秋 falls on 1-3 October."""
    expected = 11 if year <= 2024 else 13
    assert sum(len(days) for days in _names(year).values()) == expected
    mid_autumn = LUNAR[year]["mid_autumn"]
    shared = D(year, 10, 1) <= mid_autumn <= D(year, 10, 3)
    assert len(statutory_holidays(year)) == expected - shared


@pytest.mark.parametrize("year", YEARS)
def test_each_festival_falls_where_the_law_puts_it(year):
    """New Year on 1 January, Labour Day on 1 May (and 2 May from 2025), National Day on
    1-3 October; 清明 on 4-6 April; 春节 in January or February, 端午 in May or June, 中秋 in
    September or October."""
    names = _names(year)
    assert names["New Year's Day"] == (D(year, 1, 1),)
    labour = (D(year, 5, 1),) if year <= 2024 else (D(year, 5, 1), D(year, 5, 2))
    assert names["Labour Day"] == labour
    assert names["National Day"] == (D(year, 10, 1), D(year, 10, 2), D(year, 10, 3))
    (qingming,) = names["Tomb-sweeping Day"]
    assert D(year, 4, 4) <= qingming <= D(year, 4, 6)
    assert {d.month for d in names["Spring Festival"]} <= {1, 2}
    (dragon_boat,) = names["Dragon Boat Festival"]
    assert dragon_boat.month in (5, 6)
    (mid_autumn,) = names["Mid-autumn Festival"]
    assert mid_autumn.month in (9, 10)
    assert list(statutory_holidays(year)) == sorted(statutory_holidays(year))


@pytest.mark.parametrize("year", YEARS)
def test_lunar_festivals_agree_with_a_second_lunar_calendar(year):
    """春节 (with 除夕 the day before 初一), 端午 and 中秋 match lunar-python's dates, written
    out in tests/data, in every year but one: for 2089 the two calendars disagree on 中秋
    (the new moon falls minutes before midnight) and the docstring says so."""
    table = LUNAR[year]
    names = _names(year)
    offsets = SPRING_OFFSETS[version_in_force(year).decree]
    spring = table["spring_festival"]
    assert names["Spring Festival"] == tuple(spring + k * ONE for k in offsets)
    assert names["Dragon Boat Festival"] == (table["dragon_boat"],)
    if year == 2089:
        assert names["Mid-autumn Festival"] == (D(2089, 9, 19),)
        assert table["mid_autumn"] == D(2089, 9, 18)
    else:
        assert names["Mid-autumn Festival"] == (table["mid_autumn"],)


def test_qingming_agrees_with_chinese_calendars_solar_terms():
    """清明 is the day chinese-calendar's solar-term table gives, every year 2008-2099."""
    for year in YEARS:
        terms = chinese_calendar.get_solar_terms(D(year, 4, 1), D(year, 4, 10))
        assert [d for d, name in terms if name == "清明"] == list(_names(year)["Tomb-sweeping Day"])


def test_eve_is_the_last_day_of_the_twelfth_lunar_month():
    """除夕 is the day before 正月初一 and is the 29th or 30th of the twelfth month."""
    lunar = _lunar.lunar_calendar()
    for year in (*range(2008, 2014), *range(2025, 2100)):
        eve = _names(year)["Spring Festival"][0]
        month, day, leap = lunar.lunar(eve)
        assert (month, leap) == (12, False), year
        assert day in (29, 30), year
        assert lunar.lunar(eve + ONE) == (1, 1, False), year


def test_the_versions_change_on_their_in_force_dates():
    """2013 still has 除夕 (第513号), 2014 drops it for 初三 (第644号), 2025 has both and 2 May
    (第795号). The dates are the notices' own: 2013-02-09 除夕 (its 春节 break began on it),
    2014-01-31 初一, 2025-01-28 农历除夕."""
    assert _names(2013)["Spring Festival"] == (D(2013, 2, 9), D(2013, 2, 10), D(2013, 2, 11))
    assert _names(2014)["Spring Festival"] == (D(2014, 1, 31), D(2014, 2, 1), D(2014, 2, 2))
    assert _names(2025)["Spring Festival"] == (
        D(2025, 1, 28),
        D(2025, 1, 29),
        D(2025, 1, 30),
        D(2025, 1, 31),
    )
    assert [v.decree for v in statute.VERSIONS] == list(SPRING_OFFSETS)
    assert [version_in_force(y).decree for y in (2008, 2013, 2014, 2024, 2025, 2099)] == [
        "国务院令第513号",
        "国务院令第513号",
        "国务院令第644号",
        "国务院令第644号",
        "国务院令第795号",
        "国务院令第795号",
    ]


@pytest.mark.parametrize("version", statute.VERSIONS, ids=lambda v: v.decree)
def test_the_table_says_what_the_quoted_article_says(version):
    """Each festival has as many days as the quoted Art. 2 gives it (放假N天), in the
    article's order, and each version cites its decree, dates and a public URL."""
    counts = re.findall(r"（[一二三四五六七]）([^，]+)，放假(\d)天", version.article)
    assert [(zh, len(days)) for _, zh, days in version.festivals] == [
        (zh, int(n)) for zh, n in counts
    ]
    assert version.signed < version.in_force
    assert version.sources
    assert all(url.startswith(("http://", "https://")) for url in version.sources)
    assert version.decree in version.citation()


def test_a_fresh_dict_each_call():
    """Changing the answer does not change the next one."""
    days = statutory_holidays(2026)
    days.clear()
    assert len(statutory_holidays(2026)) == 13


@pytest.mark.parametrize("year", [2007, 2100, 1900, -1, "2025", 2025.0, True, None])
def test_other_years_are_refused(year):
    """A year outside 2008-2099, or not a whole number, is an InvalidArgumentError that
    names the value and the range."""
    with pytest.raises(InvalidArgumentError) as info:
        statutory_holidays(year)
    message = str(info.value)
    assert repr(year) in message
    assert "from 2008" in message
    assert "to 2099" in message


def test_without_borax_the_error_names_the_extra(monkeypatch):
    """When borax is not installed, the error is a ModuleNotFoundError that says which
    extra to install."""
    _lunar.lunar_calendar.cache_clear()
    festival_days.cache_clear()
    monkeypatch.setitem(sys.modules, "borax", None)
    monkeypatch.setitem(sys.modules, "borax.calendars", None)
    monkeypatch.setitem(sys.modules, "borax.calendars.lunardate", None)
    try:
        with pytest.raises(ModuleNotFoundError, match=r'pip install "govdeadline\[forecast\]"'):
            statutory_holidays(2030)
    finally:
        _lunar.lunar_calendar.cache_clear()
        festival_days.cache_clear()


def test_importing_the_package_does_not_import_borax():
    """borax loads only when the law's days are computed."""
    code = (
        "import sys, govdeadline, govdeadline.statute\n"
        "govdeadline.Calendar.national()\n"
        "print('borax' in sys.modules)\n"
        "govdeadline.statute.statutory_holidays(2030)\n"
        "print('borax' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]
