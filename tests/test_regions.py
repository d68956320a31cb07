"""Regional calendars: Xinjiang's 肉孜节 and 古尔邦节 over the national arrangement."""

from __future__ import annotations

import datetime
import warnings

import chinese_calendar
import pytest
import yaml
from hypothesis import given

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    DayKind,
    OutsideCalendarError,
    UnknownRegionError,
)

import oracles
from strategies import counts, xinjiang_dates

D = datetime.date
XJ = Calendar.for_region("xinjiang")
NATIONAL = Calendar.national()


class TestXinjiang2023:
    """2023 notice (dated 2022-12-25): 肉孜节 off 21 April, 古尔邦节 off 28-30 June."""

    def test_eid_al_fitr_moved_to_friday(self):
        """The festival (22 April) fell on a Saturday; Friday 21 April was given off. Sunday
        23 April was a national makeup working day, so it is the first working day after."""
        assert XJ.day_kind("2023-04-21") is DayKind.HOLIDAY
        assert XJ.holiday_name("2023-04-21", lang="zh") == "肉孜节"
        assert NATIONAL.day_kind("2023-04-21") is DayKind.WORKDAY
        assert XJ.add_working_days("2023-04-20", 1) == D(2023, 4, 23)
        assert NATIONAL.add_working_days("2023-04-20", 1) == D(2023, 4, 21)

    def test_eid_al_adha(self):
        """Wednesday to Friday 28-30 June off, after the national Dragon Boat break."""
        assert XJ.add_working_days("2023-06-27", 1) == D(2023, 7, 3)
        assert XJ.add_working_days("2023-06-21", 1) == D(2023, 6, 25)  # national makeup Sunday
        assert XJ.add_working_days("2023-06-21", 4) == D(2023, 7, 3)
        assert XJ.working_days_between("2023-06-27", "2023-07-03") == 1


class TestXinjiang2025:
    """2025 notice: 肉孜节 off 29-31 March, 古尔邦节 off 6-10 June."""

    def test_eid_al_fitr(self):
        """The notice: Monday 31 March is 肉孜节; 29-31 March off."""
        assert XJ.add_working_days("2025-03-28", 1) == D(2025, 4, 1)
        assert NATIONAL.add_working_days("2025-03-28", 1) == D(2025, 3, 31)
        assert XJ.day_kind("2025-03-29") is DayKind.HOLIDAY

    def test_eid_al_adha(self):
        """Friday 6 to Tuesday 10 June: three working days off and the weekend between."""
        assert XJ.add_working_days("2025-06-04", 5) == D(2025, 6, 16)
        assert NATIONAL.add_working_days("2025-06-04", 5) == D(2025, 6, 11)
        assert XJ.working_days_between("2025-06-05", "2025-06-11") == 1
        assert [XJ.holiday_name(f"2025-06-{d:02d}") for d in range(5, 12)] == [
            None,
            "Eid al-Adha",
            "Eid al-Adha",
            "Eid al-Adha",
            "Eid al-Adha",
            "Eid al-Adha",
            None,
        ]

    def test_national_days_stay(self):
        """National holidays and makeup days are unchanged in Xinjiang."""
        assert XJ.day_kind("2025-01-26") is DayKind.MAKEUP_WORKDAY
        assert XJ.day_info("2025-01-26").layer == "chinese-calendar"
        assert XJ.add_working_days("2025-09-30", 1) == D(2025, 10, 9)


class TestCoverage:
    def test_covers_the_complete_years_only(self):
        """2022-2026: 2021's exact days are unknown and 2014 is only partly known."""
        assert XJ.coverage == (D(2022, 1, 1), D(2026, 12, 31))
        with pytest.raises(OutsideCalendarError, match="no 'xinjiang' layer covers 2021"):
            XJ.day_kind("2021-12-31")
        with pytest.raises(OutsideCalendarError, match="no 'national' or 'xinjiang' layer"):
            XJ.day_kind("2027-01-01")

    def test_2014_cancelled_makeup_days(self):
        """In 2014 Xinjiang kept Sunday 28 September and Saturday 11 October as rest days,
        and added 8 October for 古尔邦节; with beyond='assume' the partial data is used."""
        xj = Calendar.for_region("xinjiang", beyond="assume")
        with pytest.warns(AssumedCalendarWarning):
            assert xj.day_kind("2014-09-28") is DayKind.WEEKEND
        with pytest.warns(AssumedCalendarWarning):
            assert xj.day_kind("2014-10-11") is DayKind.WEEKEND
        with pytest.warns(AssumedCalendarWarning):
            assert xj.holiday_name("2014-10-08") == "Eid al-Adha"
        assert NATIONAL.day_kind("2014-09-28") is DayKind.MAKEUP_WORKDAY
        assert NATIONAL.day_kind("2014-10-08") is DayKind.WORKDAY

    @given(xinjiang_dates, counts)
    def test_matches_a_layered_oracle(self, d, n):
        """Xinjiang's arithmetic equals stepping day by day through national data overlaid
        with the days read straight from the shipped YAML file."""
        expected = None
        try:
            expected = oracles.add_working_days(_xinjiang_is_workday, d, n)
        except oracles.BeyondError:
            with pytest.raises(OutsideCalendarError):
                XJ.add_working_days(d, n)
        if expected is not None:
            assert XJ.add_working_days(d, n) == expected


def _raw_file():
    import importlib.resources

    text = (importlib.resources.files("govdeadline") / "data" / "xinjiang.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _regional_days():
    table = {}
    for body in _raw_file()["years"].values():
        for entry in body.get("days", []):
            first = entry.get("date", entry.get("from"))
            last = entry.get("date", entry.get("to"))
            day = first
            while day <= last:
                table[day] = entry["status"] == "workday"
                day += datetime.timedelta(days=1)
    return table


_REGIONAL = _regional_days()


def _xinjiang_is_workday(d):
    if not D(2022, 1, 1) <= d <= D(2026, 12, 31):
        raise oracles.BeyondError(d)
    return d not in _REGIONAL and chinese_calendar.is_workday(d)


class TestDataFile:
    def test_every_year_names_its_sources_and_confidence(self):
        """Each year in the shipped layer has sources and a confidence; complete years have
        days for both festivals."""
        for year in XJ.layers[1].years:
            assert year.sources, year.year
            assert year.confidence in ("high", "medium", "low"), year.year
            if year.complete:
                names = {day.name_zh for day in year.days}
                assert names == {"肉孜节", "古尔邦节"}, year.year
        assert XJ.layers[1].sources

    def test_confidence_per_year(self):
        """The confidence recorded for each year."""
        layer = XJ.layers[1]
        confidence = {y.year: (y.complete, y.confidence) for y in layer.years}
        assert confidence == {
            2014: (False, "medium"),
            2021: (False, "low"),
            2022: (True, "medium"),
            2023: (True, "high"),
            2024: (True, "medium"),
            2025: (True, "high"),
            2026: (True, "medium"),
        }

    def test_festival_day_counts(self):
        """肉孜节 gives one working day off and 古尔邦节 three (自治区人民政府令第174号)."""
        for year in range(2022, 2027):
            off = {"肉孜节": 0, "古尔邦节": 0}
            d = D(year, 1, 1)
            while d.year == year:
                name = XJ.holiday_name(d, lang="zh")
                if name in off and NATIONAL.is_working_day(d):
                    off[name] += 1
                d += datetime.timedelta(days=1)
            assert off == {"肉孜节": 1, "古尔邦节": 3}, year


class TestRegionNames:
    @pytest.mark.parametrize("name", ["xinjiang", "Xinjiang", "新疆", "CN-XJ", " xj "])
    def test_aliases(self, name):
        """The region may be named in English, Chinese or by its ISO 3166-2 code."""
        assert Calendar.for_region(name) is XJ

    def test_unknown_region(self):
        """An unknown region names the value and the regions there are."""
        with pytest.raises(UnknownRegionError, match=r"'tibet'.*'xinjiang'"):
            Calendar.for_region("tibet")
        with pytest.raises(TypeError, match="region must be a string"):
            Calendar.for_region(65)  # type: ignore[arg-type]

    def test_regions(self):
        """regions() lists each shipped region, and for_region accepts every name of each."""
        regions = Calendar.regions()
        assert [r.key for r in regions] == [
            "xinjiang",
            "guangxi",
            "ningxia",
            "yanbian",
            "xiangxi",
            "enshi",
            "liangshan",
            "xishuangbanna",
            "chuxiong",
            "qiandongnan",
            "qiannan",
        ]
        for region in regions:
            calendar = Calendar.for_region(region.key)
            for name in region.names:
                assert Calendar.for_region(name) is calendar, name
            assert calendar.covered_years == range(region.covered[0], region.covered[-1] + 1)
            assert region.parent == "national"

    @pytest.mark.parametrize(
        ("name", "code"),
        [("广西壮族自治区", "CN-GX"), ("宁夏", "CN-NX"), ("新疆", "CN-XJ"), ("cn-65", "CN-XJ")],
    )
    def test_iso_codes(self, name, code):
        """Autonomous regions by their Chinese names and ISO 3166-2 codes (and CN-65)."""
        assert {r.key: r.code for r in Calendar.regions()}[Calendar.for_region(name).name] == code

    @pytest.mark.parametrize(
        ("year", "day", "works"),
        [
            (2024, "2024-04-11", False),  # 广西 三月三, 11-12 April 2024
            (2024, "2024-04-12", False),
            (2023, "2023-04-21", False),  # 21-23 April 2023
        ],
    )
    def test_guangxi_worked_days(self, year, day, works):
        """Guangxi's 三月三 days off from its notices."""
        assert Calendar.for_region("广西").is_working_day(day) is works
        assert Calendar.national().is_working_day(day) is True

    def test_ningxia_worked_days(self):
        """Ningxia 2024: 开斋节 10-11 April, 古尔邦节 17-18 June off."""
        ningxia = Calendar.for_region("CN-NX")
        for day in ("2024-04-10", "2024-04-11", "2024-06-17", "2024-06-18"):
            assert not ningxia.is_working_day(day), day
            assert Calendar.national().is_working_day(day), day

    def test_assume_instances_are_separate(self):
        """Each mode has its own shared instance."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert Calendar.for_region("xinjiang", beyond="assume").beyond == "assume"
