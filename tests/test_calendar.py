"""The national calendar, its arithmetic and its coverage."""

from __future__ import annotations

import datetime
import pathlib
import warnings

import chinese_calendar
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    DayKind,
    GovDeadlineError,
    OutsideCalendarError,
)

import oracles
from strategies import CC_FIRST, CC_LAST, counts, national_dates

D = datetime.date
NATIONAL = Calendar.national()
ASSUMING = Calendar.national(beyond="assume")


def cc_add(d: datetime.date, n: int) -> datetime.date | None:
    """The oracle's answer, or None when it runs past chinese-calendar's data."""
    try:
        return oracles.add_working_days(oracles.cc_is_workday, d, n)
    except oracles.BeyondError:
        return None


class TestAgreesWithChineseCalendar:
    def test_every_day_of_its_range(self):
        """Kind, working status and name agree with chinese-calendar on each of its days,
        but for the three days of a break it leaves unnamed, which the notices name
        (TestDaysNamedByTheNotices)."""
        named_by_notices = {D(2011, 6, 5), D(2012, 6, 23), D(2015, 9, 5)}
        d = CC_FIRST
        checked = 0
        while d <= CC_LAST:
            working = chinese_calendar.is_workday(d)
            _, name = chinese_calendar.get_holiday_detail(d)
            kind = NATIONAL.day_kind(d)
            assert NATIONAL.is_working_day(d) is working, d
            if d in chinese_calendar.constants.workdays:
                assert kind is DayKind.MAKEUP_WORKDAY, d
            elif d in chinese_calendar.constants.holidays or d in named_by_notices:
                assert kind is DayKind.HOLIDAY, d
            elif d.weekday() >= 5:
                assert kind is DayKind.WEEKEND, d
            else:
                assert kind is DayKind.WORKDAY, d
            if d not in named_by_notices:
                assert NATIONAL.holiday_name(d) == name, d
            d += datetime.timedelta(days=1)
            checked += 1
        assert checked == (CC_LAST - CC_FIRST).days + 1

    def test_coverage_is_chinese_calendars_years(self):
        """Coverage runs from 1 January of its first year to 31 December of its last."""
        assert NATIONAL.coverage == (D(2004, 1, 1), D(2026, 12, 31))
        assert NATIONAL.covered_years == range(2004, 2027)

    def test_chinese_names(self):
        """lang='zh' gives chinese-calendar's Chinese names."""
        assert NATIONAL.holiday_name("2024-10-01", lang="zh") == "国庆节"
        assert NATIONAL.holiday_name("2025-01-26", lang="zh") == "春节"
        with pytest.raises(ValueError, match="'fr'"):
            NATIONAL.holiday_name("2024-10-01", lang="fr")  # type: ignore[arg-type]


class TestProperties:
    @given(national_dates, counts)
    def test_add_matches_oracle(self, d, n):
        """add_working_days equals stepping one day at a time with chinese_calendar.is_workday,
        and raises exactly when the answer runs past the data."""
        expected = cc_add(d, n)
        if expected is None:
            with pytest.raises(OutsideCalendarError):
                NATIONAL.add_working_days(d, n)
        else:
            assert NATIONAL.add_working_days(d, n) == expected

    @given(national_dates, counts)
    def test_result_is_a_working_day_and_counts_back(self, d, n):
        """The result works, and exactly n working days lie in (d, result]."""
        assume(d <= D(2026, 9, 1))
        r = NATIONAL.add_working_days(d, n)
        assert r > d
        assert chinese_calendar.is_workday(r)
        assert NATIONAL.working_days_between(d, r) == n
        assert NATIONAL.working_days_between(r, d) == -n

    @given(national_dates, national_dates, counts)
    def test_monotonic_in_start(self, a, b, n):
        """A later start never gives an earlier result."""
        a, b = min(a, b), max(a, b)
        assume(b <= D(2026, 9, 1))
        assert NATIONAL.add_working_days(a, n) <= NATIONAL.add_working_days(b, n)

    @given(national_dates, counts, counts)
    def test_adding_a_then_b_is_adding_a_plus_b(self, d, a, b):
        """add(add(d, a), b) == add(d, a + b)."""
        assume(d <= D(2026, 6, 1))
        assert NATIONAL.add_working_days(
            NATIONAL.add_working_days(d, a), b
        ) == NATIONAL.add_working_days(d, a + b)

    @given(national_dates, st.integers(min_value=-400, max_value=400))
    def test_between_matches_oracle(self, a, days):
        """working_days_between equals counting day by day."""
        b = a + datetime.timedelta(days=days)
        assume(CC_FIRST <= b <= CC_LAST)
        assert NATIONAL.working_days_between(a, b) == oracles.count_working_days(
            oracles.cc_is_workday, a, b
        )

    @given(national_dates)
    def test_next_working_day_is_add_one(self, d):
        """next_working_day(d) is add_working_days(d, 1)."""
        assume(d <= D(2026, 12, 1))
        assert NATIONAL.next_working_day(d) == NATIONAL.add_working_days(d, 1)


class TestWorkedCases:
    """Dates read from the State Council's notices, counted by hand."""

    def test_2024_national_day(self):
        """2024: 1-7 October off; Sunday 29 September and Saturday 12 October worked."""
        assert NATIONAL.day_kind("2024-09-28") is DayKind.WEEKEND
        assert NATIONAL.day_kind("2024-09-29") is DayKind.MAKEUP_WORKDAY
        assert NATIONAL.holiday_name("2024-09-29") == "National Day"
        assert NATIONAL.day_kind("2024-10-05") is DayKind.HOLIDAY
        assert NATIONAL.holiday_name("2024-10-05") == "National Day"
        assert NATIONAL.day_kind("2024-10-12") is DayKind.MAKEUP_WORKDAY
        assert NATIONAL.day_kind("2024-10-13") is DayKind.WEEKEND
        assert NATIONAL.add_working_days("2024-09-27", 1) == D(2024, 9, 29)
        assert NATIONAL.add_working_days("2024-09-27", 2) == D(2024, 9, 30)
        assert NATIONAL.add_working_days("2024-09-30", 1) == D(2024, 10, 8)
        assert NATIONAL.add_working_days("2024-10-08", 4) == D(2024, 10, 12)
        assert NATIONAL.working_days_between("2024-09-27", "2024-10-12") == 7

    def test_strictly_after_differs_from_find_workday(self):
        """From a holiday, the first working day after it; find_workday counts one more."""
        assert NATIONAL.add_working_days("2024-10-01", 1) == D(2024, 10, 8)
        assert chinese_calendar.find_workday(1, D(2024, 10, 1)) == D(2024, 10, 9)

    def test_2025_spring_festival(self):
        """2025: 28 January to 4 February off; Sunday 26 January and Saturday 8 February worked."""
        assert NATIONAL.add_working_days("2025-01-24", 1) == D(2025, 1, 26)
        assert NATIONAL.add_working_days("2025-01-24", 2) == D(2025, 1, 27)
        assert NATIONAL.add_working_days("2025-01-24", 3) == D(2025, 2, 5)
        assert NATIONAL.add_working_days("2025-02-07", 1) == D(2025, 2, 8)
        assert NATIONAL.day_kind("2025-02-01") is DayKind.HOLIDAY
        assert NATIONAL.holiday_name("2025-02-08") == "Spring Festival"

    def test_2026_spring_festival(self):
        """2026 (国办发明电〔2025〕7号): 15-23 February off; Saturdays 14 and 28 February worked."""
        assert NATIONAL.add_working_days("2026-02-13", 1) == D(2026, 2, 14)
        assert NATIONAL.add_working_days("2026-02-13", 2) == D(2026, 2, 24)
        assert NATIONAL.add_working_days("2026-02-14", 1) == D(2026, 2, 24)
        assert NATIONAL.add_working_days("2026-02-27", 1) == D(2026, 2, 28)
        assert NATIONAL.working_days_between("2026-02-13", "2026-02-28") == 6
        assert NATIONAL.next_working_day("2026-02-14") == D(2026, 2, 24)


class TestInputs:
    def test_datetime_aware_goes_to_beijing(self):
        """17:00 UTC on 3 June 2025 is 01:00 on 4 June in Beijing."""
        utc = datetime.datetime(2025, 6, 3, 17, 0, tzinfo=datetime.timezone.utc)
        assert NATIONAL.day_info(utc).date == D(2025, 6, 4)
        assert NATIONAL.add_working_days(utc, 1) == D(2025, 6, 5)

    def test_naive_datetime_is_beijing_time(self):
        """A naive datetime keeps its date."""
        assert NATIONAL.add_working_days(datetime.datetime(2025, 6, 3, 23, 59), 1) == D(2025, 6, 4)

    def test_iso_string(self):
        """YYYY-MM-DD strings are read."""
        assert NATIONAL.is_working_day("2025-06-04") is True

    @pytest.mark.parametrize("bad", [20250604, 2025.6, None, b"2025-06-04", (2025, 6, 4)])
    def test_other_types_are_type_errors(self, bad):
        """Anything but a date, datetime or str is a TypeError that lists what is accepted."""
        with pytest.raises(TypeError, match=r"datetime\.date, a datetime\.datetime or an ISO"):
            NATIONAL.is_working_day(bad)

    @pytest.mark.parametrize("bad", ["2025-6-4", "20250604", "2025-02-30", "2025-06-04T00:00"])
    def test_malformed_strings_are_value_errors(self, bad):
        """A string that is not a real YYYY-MM-DD date names the value."""
        with pytest.raises(ValueError, match=repr(bad).replace("(", r"\(")):
            NATIONAL.add_working_days(bad, 1)

    @pytest.mark.parametrize("n", [1.0, True, "1", None])
    def test_n_must_be_int(self, n):
        """n is an int, not a float, bool or string."""
        with pytest.raises(TypeError, match="n must be an int"):
            NATIONAL.add_working_days("2025-06-04", n)

    @pytest.mark.parametrize("n", [0, -1])
    def test_n_must_be_positive(self, n):
        """n >= 1."""
        with pytest.raises(ValueError, match=f"n={n}"):
            NATIONAL.add_working_days("2025-06-04", n)

    def test_unknown_beyond(self):
        """beyond is 'raise' or 'assume'."""
        with pytest.raises(ValueError, match="'maybe'"):
            Calendar.national(beyond="maybe")  # type: ignore[arg-type]


class TestCoverage:
    def test_before_the_first_day(self):
        """A day before 2004 raises, naming the date, the range and the fix."""
        with pytest.raises(OutsideCalendarError) as info:
            NATIONAL.day_kind("2003-12-31")
        message = str(info.value)
        assert "2003-12-31" in message
        assert "2004-01-01 to 2026-12-31" in message
        assert "with_layer" in message
        assert "beyond='assume'" in message
        assert info.value.date == D(2003, 12, 31)
        assert info.value.first == D(2004, 1, 1)
        assert info.value.calendar == "national"
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, GovDeadlineError)

    def test_after_the_last_day(self):
        """Counting past 2026-12-31 raises at the first day beyond."""
        with pytest.raises(OutsideCalendarError, match="2027-01-01 is outside") as info:
            NATIONAL.add_working_days("2026-12-30", 2)
        assert info.value.date == D(2027, 1, 1)
        assert NATIONAL.add_working_days("2026-12-30", 1) == D(2026, 12, 31)

    def test_the_start_day_is_not_needed(self):
        """Only the days counted are needed: the start itself may lie before the range."""
        assert NATIONAL.add_working_days("2003-12-31", 1) == D(2004, 1, 2)
        assert NATIONAL.working_days_between("2030-01-01", "2030-01-01") == 0

    @pytest.mark.parametrize(
        "call",
        [
            lambda c: c.is_working_day("2027-01-04"),
            lambda c: c.holiday_name("2027-01-04"),
            lambda c: c.day_info("2027-01-04"),
            lambda c: c.next_working_day("2026-12-31"),
            lambda c: c.working_days_between("2026-12-01", "2027-01-04"),
            lambda c: c.working_days_between("2027-01-04", "2026-12-01"),
        ],
    )
    def test_every_method_checks(self, call):
        """Each method refuses days outside the data."""
        with pytest.raises(OutsideCalendarError):
            call(NATIONAL)

    def test_huge_counts_fail_at_once(self):
        """No loop: 10**9 working days fails immediately, in both modes."""
        with pytest.raises(OutsideCalendarError, match="2027-01-01"):
            NATIONAL.add_working_days("2025-01-01", 10**9)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AssumedCalendarWarning)
            with pytest.raises(OutsideCalendarError, match="Python can represent"):
                ASSUMING.add_working_days("2025-01-01", 10**9)
            with pytest.raises(OutsideCalendarError, match="Python can represent"):
                ASSUMING.add_working_days("9999-12-31", 1)

    def test_assume_mode_warns(self):
        """beyond='assume' answers with Monday-to-Friday weeks less the law's days off, and
        warns: 1 January 2027 is 元旦, a Friday, so the next working day is Monday the 4th."""
        with pytest.warns(AssumedCalendarWarning, match=r"add_working_days\(2026-12-31, 1\)"):
            assert ASSUMING.add_working_days("2026-12-31", 1) == D(2027, 1, 4)
        with pytest.warns(AssumedCalendarWarning):
            assert ASSUMING.day_kind("2003-01-04") is DayKind.WEEKEND
        with pytest.warns(AssumedCalendarWarning):
            assert ASSUMING.day_info("2027-01-01").assumed is True

    def test_warnings_point_at_the_caller(self):
        """The warning names the caller's line, not govdeadline's."""
        for call in (
            lambda: ASSUMING.day_kind("2027-01-04"),
            lambda: ASSUMING.add_working_days("2027-01-04", 3),
            lambda: ASSUMING.working_days_between("2027-01-04", "2027-01-05"),
        ):
            with pytest.warns(AssumedCalendarWarning) as record:
                call()
            assert record[0].filename == __file__

    def test_assume_mode_is_silent_inside_coverage(self):
        """Inside coverage the assume mode answers as the strict one, with no warning."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert ASSUMING.add_working_days("2024-10-01", 1) == D(2024, 10, 8)
            assert ASSUMING.day_info("2024-10-01").assumed is False

    @given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)), counts)
    def test_assume_mode_outside_is_plain_weeks(self, d, n):
        """Outside the data the assumed answer equals stepping through Monday-to-Friday
        weeks, less the days the law gives every year from 2008 (written out from the
        article, with a second lunar calendar's dates)."""
        assume(
            d > D(2027, 1, 1)
            or oracles.add_working_days(oracles.weekday_is_workday, d, n) < D(2004, 1, 1)
        )
        # 2089's 中秋: the two lunar calendars differ by a day (docs/law.rst says why).
        assume(not D(2089, 8, 1) <= d <= D(2089, 10, 31))
        with pytest.warns(AssumedCalendarWarning):
            got = ASSUMING.add_working_days(d, n)
        assert got == oracles.add_working_days(oracles.weekday_or_law_is_workday, d, n)

    def test_with_beyond(self):
        """with_beyond switches the mode and keeps the layers."""
        cal = NATIONAL.with_beyond("assume")
        assert cal.beyond == "assume"
        assert cal.layers == NATIONAL.layers
        assert cal == ASSUMING


class TestSharing:
    def test_one_instance_per_process(self):
        """The constructors return the same object each time."""
        assert Calendar.national() is Calendar.national()
        assert Calendar.national(beyond="assume") is not Calendar.national()

    def test_repr(self):
        """The repr names the calendar, its layers, its coverage and its mode."""
        assert repr(NATIONAL) == (
            "<Calendar 'national' layers=['chinese-calendar'] covers=2004-01-01..2026-12-31 "
            "beyond='raise'>"
        )

    def test_daykind_values(self):
        """DayKind values are stable strings, for JSON."""
        assert [k.value for k in DayKind] == ["workday", "makeup_workday", "weekend", "holiday"]
        assert [k.is_working_day for k in DayKind] == [True, True, False, False]


class TestMore:
    def test_date_subclasses_become_plain_dates(self):
        """A date subclass is accepted and returned as a plain date."""

        class MyDate(datetime.date):
            pass

        info = NATIONAL.day_info(MyDate(2025, 6, 4))
        assert type(info.date) is datetime.date
        assert info.is_working_day is True

    def test_assume_mode_warns_from_every_method(self):
        """Each method warns when its answer relied on assumed days."""
        calls = [
            lambda: ASSUMING.is_working_day("2027-01-04"),
            lambda: ASSUMING.holiday_name("2027-01-04"),
            lambda: ASSUMING.next_working_day("2026-12-31"),
            lambda: ASSUMING.working_days_between("2026-12-31", "2027-01-08"),
        ]
        results = []
        for call in calls:
            with pytest.warns(AssumedCalendarWarning):
                results.append(call())
        assert results == [True, None, D(2027, 1, 4), 5]  # 1 January is 元旦


class TestDaysNamedByTheNotices:
    NOTICES = pathlib.Path(__file__).parent / "data" / "notices"

    @pytest.mark.parametrize(
        ("day", "name", "notice", "line"),
        [
            (
                "2011-06-05",
                "Dragon Boat Festival",
                "2011.txt",
                "五、端午节：6月4日至6日放假公休，共3天。",
            ),
            (
                "2012-06-23",
                "Dragon Boat Festival",
                "2012.txt",
                "五、端午节：6月22日至24日放假公休，共3天。",
            ),
            (
                "2015-09-05",
                "Anti-Fascist 70th Day",
                "2015-supplement.txt",
                "9月3日至5日调休放假，共3天。",
            ),
        ],
    )
    def test_a_day_inside_a_published_break_is_named(self, day, name, notice, line):
        """chinese-calendar leaves these days of a break unnamed; the notice's line puts them
        inside the break, so the national calendar names them, citing that line."""
        assert line in (self.NOTICES / notice).read_text(encoding="utf-8")
        info = Calendar.national().day_info(day)
        assert (info.kind, info.name) == (DayKind.HOLIDAY, name)
        year = Calendar.national().layers[0].year(int(day[:4]))
        assert any(line in source for source in year.sources)

    def test_no_other_weekend_day_between_two_named_days_of_a_break_is_unnamed(self):
        """Inside every run of rest days, every day between the first and the last named day
        has a name, except Sunday 21 June 2015: the 2015 notice gives 端午 as "6月20日放假，
        6月22日（星期一）补休", so that Sunday is an ordinary weekend."""
        cal = Calendar.national()
        unnamed, run = [], []
        day = datetime.date(2004, 1, 1)
        while day <= datetime.date(2026, 12, 31):
            info = cal.day_info(day)
            if info.is_working_day:
                named = [d.date for d in run if d.name]
                unnamed += [
                    d.date for d in run if named and named[0] < d.date < named[-1] and not d.name
                ]
                run = []
            else:
                run.append(info)
            day += datetime.timedelta(days=1)
        assert unnamed == [datetime.date(2015, 6, 21)]
        assert "6月20日放假，6月22日（星期一）补休" in (self.NOTICES / "2015.txt").read_text(
            encoding="utf-8"
        )
