"""The regional and prefecture layers shipped in govdeadline/data.

Each file loads, stacks on the national calendar, covers exactly the years whose notices were
found, and gives the days its notices give. The expected values below are read off the
notices (the sources named in each file), off the standing rules (two days of 壮族三月三
under 广西壮族自治区人民政府令第98号, three days each of 火把节 and 彝族年 under 凉山's
自治条例, ...) and off the Chinese lunar calendar; none is computed by govdeadline.
"""

from __future__ import annotations

import datetime
import pathlib

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import govdeadline
from govdeadline import Calendar, CalendarLayer, DayKind, OutsideCalendarError

import oracles
from strategies import counts

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
DATA = pathlib.Path(govdeadline.__file__).parent / "data"
NATIONAL = Calendar.national()

COVERED = {
    "guangxi": (2014, 2026),
    "ningxia": (2019, 2026),
    "yanbian": (2023, 2024),
    "xiangxi": (2024, 2024),
    "enshi": (2025, 2025),
    "liangshan": (2023, 2024),
    "xishuangbanna": (2018, 2019),
    "qiannan": (2023, 2024),
    "qiandongnan": (2018, 2018),
    "chuxiong": (2017, 2017),
}
"""The first and last year each layer covers: the unbroken run of years whose notices were
found (see each file's notes for the years left out)."""

PARENTS = {
    "yanbian": "吉林省",
    "xiangxi": "湖南省",
    "enshi": "湖北省",
    "liangshan": "四川省",
    "xishuangbanna": "云南省",
    "qiannan": "贵州省",
    "qiandongnan": "贵州省",
    "chuxiong": "云南省",
}
"""The province each prefecture lies in; none of them has a layer of its own."""

KEYS = sorted(COVERED)


def _path(key: str) -> pathlib.Path:
    return DATA / f"{key}.yaml"


CAL = {key: NATIONAL.with_layer(_path(key)) for key in KEYS}
GX, NX = CAL["guangxi"], CAL["ningxia"]


def _listed(key: str) -> dict[datetime.date, bool]:
    """The days a file lists, read with PyYAML alone: date -> True for a working day."""
    raw = yaml.safe_load(_path(key).read_text("utf-8"))
    table: dict[datetime.date, bool] = {}
    for body in raw["years"].values():
        for entry in body.get("days") or []:
            day = entry.get("date", entry.get("from"))
            last = entry.get("date", entry.get("to"))
            while day <= last:
                table[day] = entry["status"] == "workday"
                day += ONE_DAY
    return table


LISTED = {key: _listed(key) for key in KEYS}


def _covered(key: str, d: datetime.date) -> bool:
    first, last = COVERED[key]
    return first <= d.year <= last


def _lost(key: str, year: int, name_zh: str) -> int:
    """Working days the region loses to a festival in a year: its listed days off that are
    national working days, less its makeup days that are national rest days."""
    layer = CAL[key].layers[-1]
    days = [d for d in layer.days if d.date.year == year and d.name_zh == name_zh]
    return sum(NATIONAL.is_working_day(d.date) - CAL[key].is_working_day(d.date) for d in days)


class TestFiles:
    @pytest.mark.parametrize("key", KEYS)
    def test_loads_and_stacks_on_the_national_calendar(self, key):
        """The file loads on its own, is named and scoped by its key, and laid over the
        national calendar covers exactly its unbroken run of complete years."""
        layer = CalendarLayer.load(_path(key))
        assert (layer.name, layer.scope) == (key, key)
        cal = NATIONAL.with_layer(_path(key))
        first, last = COVERED[key]
        assert cal.coverage == (D(first, 1, 1), D(last, 12, 31))
        assert cal.layers[-1] == layer
        assert cal.layers[:-1] == NATIONAL.layers

    @pytest.mark.parametrize("key", KEYS)
    def test_every_year_names_sources_confidence_and_a_note(self, key):
        """Each year has at least one source with an address, a confidence and a note."""
        layer = CalendarLayer.load(_path(key))
        assert layer.title
        assert layer.sources
        for year in layer.years:
            assert any("http" in source for source in year.sources), (key, year.year)
            assert year.confidence in ("high", "medium", "low"), (key, year.year)
            assert year.note, (key, year.year)
            assert year.note.strip(), (key, year.year)

    @pytest.mark.parametrize("key", KEYS)
    def test_listed_days_are_named_and_makeup_days_are_weekends(self, key):
        """Every listed day names its festival in Chinese, and every working day a region adds
        is a Saturday or Sunday (its own 调休上班), as in every notice read."""
        for day in CalendarLayer.load(_path(key)).days:
            assert day.name, (key, day.date)
            assert day.name_zh, (key, day.date)
            if day.status == "workday":
                assert day.date.weekday() >= 5, (key, day.date)
            assert day.status != "rest", (key, day.date)

    @pytest.mark.parametrize("key", sorted(PARENTS))
    def test_prefectures_name_their_province(self, key):
        """A prefecture file says in its title and sources which province it lies in and that
        it stacks on the national calendar, the province having no layer."""
        layer = CalendarLayer.load(_path(key))
        assert PARENTS[key] in layer.title
        assert any(PARENTS[key] in s and "national calendar" in s for s in layer.sources)

    def test_confidence_per_year(self):
        """The completeness and confidence recorded for each year of each file."""
        table = {
            key: {y.year: (y.complete, y.confidence) for y in CalendarLayer.load(_path(key)).years}
            for key in KEYS
        }
        high, medium, low = "high", "medium", "low"
        assert table["guangxi"] == {
            2014: (True, medium),
            2015: (True, medium),
            2016: (True, medium),
            2017: (True, high),
            2018: (True, medium),
            2019: (True, medium),
            2020: (True, high),
            2021: (True, medium),
            2022: (True, medium),
            2023: (True, high),
            2024: (True, high),
            2025: (True, medium),
            2026: (True, medium),
        }
        assert table["ningxia"] == {
            2019: (True, medium),
            2020: (True, high),
            **dict.fromkeys(range(2021, 2027), (True, medium)),
        }
        assert table["yanbian"] == {2023: (True, medium), 2024: (True, medium), 2025: (False, low)}
        assert table["xiangxi"] == {2018: (False, medium), 2024: (True, low), 2025: (False, low)}
        assert table["enshi"] == {2023: (False, medium), 2025: (True, medium)}
        assert table["liangshan"] == {
            2017: (False, high),
            2018: (False, high),
            2021: (False, high),
            2022: (False, medium),
            2023: (True, high),
            2024: (True, medium),
        }
        assert table["xishuangbanna"] == {
            2018: (True, high),
            2019: (True, medium),
            2023: (False, medium),
            2025: (False, medium),
        }
        assert table["qiannan"] == {
            2015: (False, medium),
            2016: (False, medium),
            2023: (True, high),
            2024: (True, high),
        }
        assert table["qiandongnan"] == {2018: (True, medium)}
        assert table["chuxiong"] == {
            2017: (True, high),
            2018: (False, medium),
            2024: (False, low),
            2025: (False, medium),
        }


class TestGuangxi:
    """壮族三月三: two days for everyone in the region (令第98号), as each notice set them."""

    def test_2024_thursday_and_friday(self):
        """2024: 11-12 April off, joined to the weekend (与周末连休)."""
        assert GX.holiday_name("2024-04-11", lang="zh") == "壮族三月三"
        assert GX.day_kind("2024-04-12") is DayKind.HOLIDAY
        assert NATIONAL.add_working_days("2024-04-10", 1) == D(2024, 4, 11)
        assert GX.add_working_days("2024-04-10", 1) == D(2024, 4, 15)
        assert GX.working_days_between("2024-04-10", "2024-04-15") == 1

    def test_2023_friday_to_sunday_over_a_national_makeup_day(self):
        """2023: 21 (Friday) to 23 April off; the Sunday was a national makeup working day."""
        assert NATIONAL.day_kind("2023-04-23") is DayKind.MAKEUP_WORKDAY
        assert [GX.day_kind(D(2023, 4, d)) for d in (21, 22, 23)] == [DayKind.HOLIDAY] * 3
        assert NATIONAL.add_working_days("2023-04-20", 1) == D(2023, 4, 21)
        assert GX.add_working_days("2023-04-20", 1) == D(2023, 4, 24)

    def test_2017_own_makeup_day(self):
        """2017: 30-31 March off, Saturday 1 April (a national makeup day) off too, and
        Saturday 8 April worked instead: off from 30 March to 4 April."""
        assert GX.day_kind("2017-04-01") is DayKind.HOLIDAY
        assert NATIONAL.day_kind("2017-04-01") is DayKind.MAKEUP_WORKDAY
        assert GX.day_kind("2017-04-08") is DayKind.MAKEUP_WORKDAY
        assert NATIONAL.day_kind("2017-04-08") is DayKind.WEEKEND
        assert GX.add_working_days("2017-03-29", 1) == D(2017, 4, 5)
        assert GX.working_days_between("2017-03-29", "2017-04-08") == 4

    def test_2018_and_2021_exchange_a_sunday_for_a_friday(self):
        """2018: Friday 20 April off, Sunday 15 April worked. 2021: Friday 16 April off, Sunday
        18 April worked."""
        assert GX.day_kind("2018-04-15") is DayKind.MAKEUP_WORKDAY
        assert GX.add_working_days("2018-04-17", 1) == D(2018, 4, 23)
        assert GX.day_kind("2021-04-18") is DayKind.MAKEUP_WORKDAY
        assert GX.add_working_days("2021-04-13", 1) == D(2021, 4, 18)

    def test_weekend_festivals_and_the_qingming_break(self):
        """2016: 初三、初四 on the weekend, 8 and 11 April 补休. 2019 and 2022: 初三 inside the
        national 清明 break, the days added beside it (4 and 8 April 2019; 2 and 6 April
        2022). 2026: 17-20 April."""
        assert GX.add_working_days("2016-04-07", 1) == D(2016, 4, 12)
        assert GX.add_working_days("2019-04-03", 1) == D(2019, 4, 9)
        assert NATIONAL.add_working_days("2022-04-01", 1) == D(2022, 4, 2)
        assert GX.add_working_days("2022-04-01", 1) == D(2022, 4, 7)
        assert GX.add_working_days("2026-04-16", 1) == D(2026, 4, 21)
        assert GX.holiday_name("2026-04-18", lang="zh") == "广西三月三"

    def test_2015_second_and_third_day(self):
        """2015: the notice gave 初二、初三 (20-21 April); 初四 (22 April) was worked."""
        assert not GX.is_working_day("2015-04-20")
        assert not GX.is_working_day("2015-04-21")
        assert GX.is_working_day("2015-04-22")

    def test_2020_cancelled(self):
        """2020: the days were cancelled for the epidemic; 26-27 March were working days."""
        assert GX.is_working_day("2020-03-26")
        assert GX.is_working_day("2020-03-27")
        assert GX.holiday_name("2020-03-26") is None
        assert GX.add_working_days("2020-03-25", 2) == D(2020, 3, 27)


class TestNingxia:
    """开斋节 and 古尔邦节 as each year's regional notice gives them; a weekend festival is not
    made up."""

    def test_2024(self):
        """2024: 开斋节 10-11 April, 古尔邦节 17-18 June."""
        assert NX.holiday_name("2024-04-10", lang="zh") == "开斋节"
        assert NX.holiday_name("2024-06-18", lang="zh") == "古尔邦节"
        assert NX.add_working_days("2024-04-09", 1) == D(2024, 4, 12)
        assert NX.add_working_days("2024-06-14", 1) == D(2024, 6, 19)
        assert NATIONAL.add_working_days("2024-06-14", 1) == D(2024, 6, 17)

    def test_2023_saturday_festival_not_made_up(self):
        """2023: 开斋节 on Saturday 22 April, 正常休息; Friday 21 April worked and Sunday 23 April
        worked for Labour Day. 古尔邦节 29-30 June."""
        assert NX.is_working_day("2023-04-21")
        assert NX.day_kind("2023-04-23") is DayKind.MAKEUP_WORKDAY
        assert NX.add_working_days("2023-06-28", 1) == D(2023, 7, 3)

    def test_2025_and_2026_one_day_or_none(self):
        """2025: 古尔邦节 Friday 6 June only. 2026: 开斋节 on Saturday 21 March gives no day,
        where Xinjiang gave Friday 20 March off."""
        assert NX.add_working_days("2025-06-05", 1) == D(2025, 6, 9)
        assert NX.add_working_days("2025-03-28", 1) == D(2025, 4, 2)
        assert NX.day_kind("2026-03-20") is DayKind.WORKDAY
        assert Calendar.for_region("xinjiang").day_kind("2026-03-20") is DayKind.HOLIDAY
        assert NX.add_working_days("2026-05-26", 1) == D(2026, 5, 29)

    def test_2022_festival_inside_the_labour_day_break(self):
        """2022: 开斋节 (3 May) fell in the national break, which stayed as it was; 古尔邦节
        Monday 11 and Tuesday 12 July."""
        day = D(2022, 4, 20)
        while day <= D(2022, 5, 15):
            assert NX.day_kind(day) is NATIONAL.day_kind(day), day
            day += ONE_DAY
        assert NX.add_working_days("2022-07-08", 1) == D(2022, 7, 13)

    def test_2019_to_2021(self):
        """2019: 5-6 June and 12-13 August. 2020: 25-26 May and 30-31 July. 2021: 13-14 May
        and 19-20 July."""
        assert NX.add_working_days("2019-06-04", 1) == D(2019, 6, 10)
        assert NX.add_working_days("2019-08-09", 1) == D(2019, 8, 14)
        assert NX.add_working_days("2020-05-22", 1) == D(2020, 5, 27)
        assert NX.add_working_days("2020-07-29", 1) == D(2020, 8, 3)
        assert NX.add_working_days("2021-05-12", 1) == D(2021, 5, 17)
        assert NX.add_working_days("2021-07-16", 1) == D(2021, 7, 21)

    def test_no_festival_costs_more_than_two_days(self):
        """Each festival is two days at most, and Ningxia never adds a working day."""
        for year in range(2019, 2027):
            for name in ("开斋节", "古尔邦节"):
                assert 0 <= _lost("ningxia", year, name) <= 2, (year, name)
        assert not any(LISTED["ningxia"].values())


class TestPrefectures:
    def test_yanbian(self):
        """2023: 3 (Sunday) to 5 September; 2024: 2-4 September; weekends not made up."""
        cal = CAL["yanbian"]
        assert cal.add_working_days("2023-09-01", 1) == D(2023, 9, 6)
        assert cal.add_working_days("2024-08-30", 1) == D(2024, 9, 5)
        assert cal.holiday_name("2024-09-03", lang="zh") == "州庆"

    def test_xiangxi(self):
        """2024: 15-20 September off with the Mid-Autumn break; Sunday 22 September worked."""
        cal = CAL["xiangxi"]
        assert cal.add_working_days("2024-09-13", 1) == D(2024, 9, 14)
        assert cal.add_working_days("2024-09-14", 1) == D(2024, 9, 22)
        assert cal.day_kind("2024-09-22") is DayKind.MAKEUP_WORKDAY

    def test_enshi(self):
        """2025: Monday 18 and Tuesday 19 August."""
        assert CAL["enshi"].add_working_days("2025-08-15", 1) == D(2025, 8, 20)

    def test_liangshan(self):
        """2023: 火把节 10-16 August with 6 and 19 August worked; 7 October added to the national
        break; 彝历新年 20-26 November with 18-19 November worked. 2024: 民族团结进步节 on Sunday
        28 July."""
        cal = CAL["liangshan"]
        assert cal.add_working_days("2023-08-08", 1) == D(2023, 8, 17)
        assert cal.day_kind("2023-08-19") is DayKind.MAKEUP_WORKDAY
        assert cal.day_kind("2023-10-07") is DayKind.HOLIDAY
        assert NATIONAL.day_kind("2023-10-07") is DayKind.MAKEUP_WORKDAY
        assert cal.add_working_days("2023-09-28", 1) == D(2023, 10, 8)
        assert cal.add_working_days("2023-11-17", 2) == D(2023, 11, 19)
        assert cal.add_working_days("2023-11-19", 1) == D(2023, 11, 27)
        assert cal.holiday_name("2024-07-28", lang="zh") == "民族团结进步节"
        assert cal.add_working_days("2024-07-26", 2) == D(2024, 8, 5)

    def test_xishuangbanna(self):
        """2018: 州庆 22-28 January with 20-21 January worked; 泼水节 12-16 April. 2019: 泼水节
        13-19 April with 20-21 April worked."""
        cal = CAL["xishuangbanna"]
        assert cal.add_working_days("2018-01-19", 2) == D(2018, 1, 21)
        assert cal.add_working_days("2018-01-21", 1) == D(2018, 1, 29)
        assert cal.add_working_days("2018-04-11", 1) == D(2018, 4, 17)
        assert cal.add_working_days("2019-04-12", 1) == D(2019, 4, 20)

    def test_qiannan(self):
        """2024: 15 May, 11 July, 8-9 August. 2023: 布依族 festival 22-24 July."""
        cal = CAL["qiannan"]
        assert not cal.is_working_day("2024-05-15")
        assert not cal.is_working_day("2024-07-11")
        assert cal.add_working_days("2024-08-07", 1) == D(2024, 8, 12)
        assert cal.add_working_days("2023-07-21", 1) == D(2023, 7, 25)

    def test_qiandongnan_and_chuxiong(self):
        """黔东南 2018: 23-24 July. 楚雄 2017: 15-19 April (17 April the third holiday, 18-19
        补休), 火把节 14-16 August."""
        assert CAL["qiandongnan"].add_working_days("2018-07-20", 1) == D(2018, 7, 25)
        assert CAL["chuxiong"].add_working_days("2017-04-14", 1) == D(2017, 4, 20)
        assert CAL["chuxiong"].add_working_days("2017-08-11", 1) == D(2017, 8, 17)

    @pytest.mark.parametrize(
        ("key", "name_zh", "year", "days"),
        [
            ("liangshan", "火把节", 2023, 3),
            ("liangshan", "火把节", 2024, 3),
            ("liangshan", "彝历新年", 2023, 3),
            ("liangshan", "彝历新年", 2024, 3),
            ("xiangxi", "州庆", 2024, 2),
            ("enshi", "州庆", 2025, 2),
            ("qiandongnan", "州庆", 2018, 2),
            ("qiannan", "州庆", 2023, 2),
            ("qiannan", "州庆", 2024, 2),
            ("qiannan", "苗族传统节日（四月八）", 2023, 1),
            ("qiannan", "苗族传统节日（四月八）", 2024, 1),
            ("qiannan", "布依族传统节日（六月六）", 2023, 1),
            ("qiannan", "布依族传统节日（六月六）", 2024, 1),
        ],
    )
    def test_days_the_standing_rules_give(self, key, name_zh, year, days):
        """Each festival costs the working days its standing rule gives: 凉山's 火把节 and 彝族年
        three (自治条例), 湘西's 州庆 two (州常发〔2014〕11号), 恩施's two (自治条例), 黔东南's two
        (自治条例 Art. 61), 黔南's 州庆 two and each traditional festival one
        (黔南府办函〔2011〕25号)."""
        assert _lost(key, year, name_zh) == days


# Lunar dates (公历) of the festivals, from borax 4.1.3 (LunarDate(y, m, d).to_solar_date());
# every lunar library measured agrees on 2008-2056. The notices print the same dates where
# they give them (凉山 "8月10日（农历六月二十四）", 黔南 "农历四月初八，公历5月15日").
LUNAR_3_3 = {
    2014: D(2014, 4, 2),
    2015: D(2015, 4, 21),
    2016: D(2016, 4, 9),
    2017: D(2017, 3, 30),
    2018: D(2018, 4, 18),
    2019: D(2019, 4, 7),
    2020: D(2020, 3, 26),
    2021: D(2021, 4, 14),
    2022: D(2022, 4, 3),
    2023: D(2023, 4, 22),
    2024: D(2024, 4, 11),
    2025: D(2025, 3, 31),
    2026: D(2026, 4, 19),
}
"""农历三月初三; 初四 is the day after."""
LUNAR_6_24 = {2023: D(2023, 8, 10), 2024: D(2024, 7, 29)}
"""农历六月二十四, the first day of 凉山's 火把节."""
LUNAR_4_8_AND_6_6 = {2023: (D(2023, 5, 26), D(2023, 7, 23)), 2024: (D(2024, 5, 15), D(2024, 7, 11))}
"""农历四月初八 and 六月初六, 黔南's 苗族 and 布依族 festivals."""


class TestLunarCalendar:
    def test_sanyuesan_days_lie_beside_the_lunar_days(self):
        """Every 三月三 day off lies within three days of 初三 or 初四 (the notices add 补休 on
        the Friday before or the Monday after, and in 2017, 2019 and 2022 days beside the
        清明 break); every makeup day is a weekend within ten days of 初三."""
        for day in CalendarLayer.load(_path("guangxi")).days:
            third = LUNAR_3_3[day.date.year]
            if day.status == "holiday":
                assert third - 3 * ONE_DAY <= day.date <= third + 4 * ONE_DAY, day
            else:
                assert abs((day.date - third).days) <= 10, day
                assert day.date.weekday() >= 5, day

    def test_sanyuesan_third_day_is_off_and_two_days_are_lost(self):
        """初三 is a day off in every year but 2020 (cancelled), and each year costs exactly
        two working days against the national calendar (令第98号), none in 2020."""
        for year, third in LUNAR_3_3.items():
            lost = sum(
                NATIONAL.is_working_day(d) - GX.is_working_day(d)
                for d in (D(year, 1, 1) + k * ONE_DAY for k in range(366))
                if d.year == year
            )
            if year == 2020:
                assert GX.is_working_day(third)
                assert lost == 0
            else:
                assert not GX.is_working_day(third), year
                assert lost == 2, year

    def test_sanyuesan_weekday_festivals_are_the_lunar_days(self):
        """When 初三 and 初四 are both national working days the notice gives those two days,
        except in 2015, when it gave 初二 and 初三 and 初四 was worked."""
        for year, third in LUNAR_3_3.items():
            fourth = third + ONE_DAY
            both = NATIONAL.is_working_day(third) and NATIONAL.is_working_day(fourth)
            if year == 2020 or not both:
                continue
            if year == 2015:
                assert not GX.is_working_day(third - ONE_DAY)
                assert GX.is_working_day(fourth)
            else:
                assert not GX.is_working_day(third), year
                assert not GX.is_working_day(fourth), year

    def test_liangshan_torch_festival_starts_on_the_twenty_fourth(self):
        """火把节 begins on 农历六月二十四; the day before is 民族团结进步节 and the day before
        that a working day."""
        cal = CAL["liangshan"]
        for first in LUNAR_6_24.values():
            assert cal.holiday_name(first, lang="zh") == "火把节"
            assert cal.holiday_name(first - ONE_DAY, lang="zh") == "民族团结进步节"
            assert cal.is_working_day(first - 2 * ONE_DAY)

    def test_qiannan_festivals_on_their_lunar_days(self):
        """黔南's 苗族 and 布依族 festivals are named on their lunar days, none a working day."""
        cal = CAL["qiannan"]
        for four_eight, six_six in LUNAR_4_8_AND_6_6.values():
            assert cal.holiday_name(four_eight, lang="zh") == "苗族传统节日（四月八）"
            assert cal.holiday_name(six_six, lang="zh") == "布依族传统节日（六月六）"
            for day in (four_eight, six_six):
                assert not cal.is_working_day(day)


region_dates = st.sampled_from(KEYS).flatmap(
    lambda key: st.tuples(
        st.just(key),
        st.dates(D(COVERED[key][0], 1, 1), D(COVERED[key][1], 12, 31)),
    )
)


@given(region_dates)
def test_equals_the_national_calendar_outside_its_listed_days(key_and_day):
    """A regional calendar gives the national answer on every day its file does not list, and
    the file's status on every day it does."""
    key, day = key_and_day
    listed = LISTED[key]
    if day in listed:
        assert CAL[key].is_working_day(day) is listed[day]
    else:
        assert CAL[key].is_working_day(day) is NATIONAL.is_working_day(day)


@given(region_dates, counts)
def test_counting_matches_a_day_by_day_oracle(key_and_day, n):
    """Adding working days steps through chinese-calendar's national data overlaid with the
    days read straight from the file, and stops at the region's covered years."""
    key, day = key_and_day

    def is_workday(d: datetime.date) -> bool:
        if not _covered(key, d):
            raise oracles.BeyondError(d)
        return LISTED[key].get(d, oracles.cc_is_workday(d))

    try:
        expected = oracles.add_working_days(is_workday, day, n)
    except oracles.BeyondError:
        with pytest.raises(OutsideCalendarError):
            CAL[key].add_working_days(day, n)
    else:
        assert CAL[key].add_working_days(day, n) == expected
