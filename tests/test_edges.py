"""Edges of the calendar index and of coverage, found by mutation testing.

Expected values were counted by hand and, for 2004, checked with chinese_calendar.is_workday.
"""

import datetime
import warnings

import pytest

from govdeadline import (
    AssumedCalendarWarning,
    Calendar,
    CalendarDays,
    DayInfo,
    DayKind,
    Immediate,
    InvalidRuleError,
    MonthlyOn,
    OutsideCalendarError,
    Then,
    Weekday,
    WeeklyOn,
    WorkingDays,
    from_rrule,
)

D = datetime.date

DEC31_HOLIDAY = {
    "name": "dec31",
    "scope": "national",
    "title": "made up: 31 December 2027 a holiday",
    "years": {
        2027: {
            "complete": True,
            "confidence": "low",
            "sources": ["test"],
            "days": [
                {"date": "2027-12-31", "status": "holiday", "name": "Test", "name_zh": "测试"}
            ],
        }
    },
}


def test_last_listed_day_keeps_its_kind():
    """The last day of the index (31 Dec of the last listed year) is read from the layers."""
    cal = Calendar.national().with_layer(DEC31_HOLIDAY)
    assert cal.day_kind("2027-12-31") is DayKind.HOLIDAY  # a Friday, listed as a holiday
    assert cal.is_working_day("2027-12-31") is False
    # the last working day of the index is Thursday 30 December
    assert cal.next_working_day("2027-12-29") == D(2027, 12, 30)


def test_assumed_weekdays_outside_the_index():
    """Outside the listed years, Sunday is a rest day and Friday a working day."""
    cal = Calendar.national(beyond="assume")
    with pytest.warns(AssumedCalendarWarning):
        assert cal.day_kind("2003-01-05") is DayKind.WEEKEND  # Sunday
    with pytest.warns(AssumedCalendarWarning):
        assert cal.day_kind("2003-01-03") is DayKind.WORKDAY  # Friday


def test_counting_across_the_first_listed_day():
    """(2003-12-29, 2004-01-05]: Tue 30, Wed 31 assumed; Fri 2 Jan and Mon 5 Jan 2004 worked."""
    cal = Calendar.national(beyond="assume")
    with pytest.warns(AssumedCalendarWarning):
        assert cal.working_days_between("2003-12-29", "2004-01-05") == 4
    with pytest.warns(AssumedCalendarWarning):
        assert cal.add_working_days("2003-12-30", 1) == D(2003, 12, 31)
    with pytest.warns(AssumedCalendarWarning):
        assert cal.next_working_day("2003-12-30") == D(2003, 12, 31)


def test_counting_across_the_last_listed_day():
    """(2026-12-31, 2027-01-08]: Mon 4 to Fri 8 Jan 2027, assumed (Fri 1 Jan is 元旦 by
    law): 5 days."""
    cal = Calendar.national(beyond="assume")
    with pytest.warns(AssumedCalendarWarning):
        assert cal.working_days_between("2026-12-31", "2027-01-08") == 5
    with pytest.warns(AssumedCalendarWarning):
        assert cal.working_days_between("2027-01-08", "2026-12-31") == -5


def test_fast_path_checks_coverage_before_a_regional_calendar():
    """Xinjiang covers 2022 on; a count starting on 30 December 2021 needs 31 December 2021."""
    cal = Calendar.for_region("xinjiang")
    with pytest.raises(OutsideCalendarError):
        cal.add_working_days("2021-12-30", 1)
    with pytest.raises(OutsideCalendarError):
        cal.add_working_days("2021-06-01", 200)
    with pytest.raises(OutsideCalendarError):
        WorkingDays(1).due(D(2021, 12, 30), cal)


def test_day_after_the_index_is_counted():
    """1 January 2027 is just past the national index; assumed Mon-Fri, Fri 1 -> Mon 4 Jan."""
    cal = Calendar.national(beyond="assume")
    with pytest.warns(AssumedCalendarWarning):
        assert cal.add_working_days(D(2027, 1, 1), 1) == D(2027, 1, 4)
    with pytest.raises(OutsideCalendarError):
        Calendar.national().add_working_days(D(2027, 1, 1), 1)


def test_shared_calendars_are_cached():
    """Calendar.national() and Calendar.for_region() return one shared object per key."""
    assert Calendar.national() is Calendar.national()
    assert Calendar.national(beyond="assume") is Calendar.national(beyond="assume")
    assert Calendar.for_region("xinjiang") is Calendar.for_region("xinjiang")
    assert Calendar.national().name == "national"
    assert Calendar.for_region("xinjiang").name == "xinjiang"


def test_day_info_of_listed_days_names_the_festival():
    """A listed holiday and a listed makeup working day carry the festival's names."""
    info = Calendar.for_region("xinjiang").day_info("2025-03-31")
    assert (info.kind, info.name, info.name_zh, info.layer, info.assumed) == (
        DayKind.HOLIDAY,
        "Eid al-Fitr",
        "肉孜节",
        "xinjiang",
        False,
    )
    info = Calendar.national().day_info("2024-09-29")  # Sunday worked for National Day
    assert (info.kind, info.name, info.assumed) == (DayKind.MAKEUP_WORKDAY, "National Day", False)


def test_explanation_stays_assumed_after_a_covered_step():
    """Step 1 (2003-12-30 -> 12-31) is assumed; step 2 (-> Fri 2004-01-02) is covered."""
    cal = Calendar.national(beyond="assume")
    ex = WorkingDays(1).then(WorkingDays(1)).explain("2003-12-30", cal)
    assert ex.due == D(2004, 1, 2)
    assert ex.assumed is True


ASSUMING = Calendar.national(beyond="assume")
CALLS = [
    lambda: ASSUMING.day_kind("2027-01-04"),
    lambda: ASSUMING.is_working_day("2027-01-04"),
    lambda: ASSUMING.holiday_name("2027-01-04"),
    lambda: ASSUMING.day_info("2027-01-04"),
    lambda: ASSUMING.add_working_days("2027-01-04", 3),
    lambda: ASSUMING.next_working_day("2027-01-04"),
    lambda: ASSUMING.working_days_between("2027-01-04", "2027-01-08"),
    lambda: WorkingDays(3).due("2027-01-04", ASSUMING),
    lambda: WorkingDays(3, include_start=True).due("2027-01-04", ASSUMING),
    lambda: MonthlyOn(1, adjust="following").occurrences("2027-01-01", "2027-02-28", ASSUMING),
]


@pytest.mark.parametrize("call", CALLS)
def test_assumption_warnings_name_the_calling_line(call):
    """An AssumedCalendarWarning points at the line that called govdeadline."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        call()
    assert [w.category for w in record] == [AssumedCalendarWarning]
    assert record[0].filename == __file__
    assert record[0].lineno == call.__code__.co_firstlineno


NATIONAL = Calendar.national()


def test_with_layer_keeps_the_mode():
    """A layer laid on an assuming calendar keeps it assuming."""
    cal = ASSUMING.with_layer({"name": "x", "years": {2025: {}}})
    assert cal.beyond == "assume"


def test_coverage_messages_name_what_is_missing():
    """The errors say which scope lacks which year, and how to add it."""
    with pytest.raises(Exception, match="national covers 2004-2026; somewhere covers 2030"):
        NATIONAL.with_layer(
            {"name": "x", "scope": "somewhere", "years": {2030: {"complete": True}}}
        )
    with pytest.raises(OutsideCalendarError, match=r"Add a national layer \(the holiday-cn"):
        NATIONAL.day_kind("2027-01-04")
    with pytest.raises(OutsideCalendarError, match="Add a YAML layer with scope 'xinjiang'"):
        Calendar.for_region("xinjiang").day_kind("2021-06-01")


def test_the_error_names_the_first_day_beyond_and_the_range():
    """A span that starts on the first covered day fails at the first day after the data."""
    with pytest.raises(OutsideCalendarError) as info:
        NATIONAL.working_days_between("2003-12-31", "2027-01-05")
    assert info.value.date == D(2027, 1, 1)
    assert (info.value.first, info.value.last) == (D(2004, 1, 1), D(2026, 12, 31))
    with pytest.raises(OutsideCalendarError) as info:
        MonthlyOn(31).due("9999-12-31", NATIONAL)
    assert (info.value.date, info.value.first, info.value.last) == (
        None,
        datetime.date.min,
        datetime.date.max,
    )
    assert info.value.calendar == ""


def test_day_info_of_a_listed_working_weekday():
    """A weekday a layer makes a working day names its layer and nothing else."""
    cal = NATIONAL.with_layer(
        {
            "name": "duty",
            "years": {
                2025: {
                    "days": [
                        {"date": "2025-10-08", "status": "workday", "name": "ignored on a weekday"}
                    ]
                }
            },
        }
    )
    assert cal.day_info("2025-10-08") == DayInfo(D(2025, 10, 8), DayKind.WORKDAY, layer="duty")


def test_an_occurrence_already_on_a_working_day_is_reported_as_itself():
    """Tuesday 8 October 2024 is both a raw occurrence and 1 October moved forward; the
    explanation reports the raw one, so no rest day is skipped."""
    result = WeeklyOn(Weekday.TUESDAY, adjust="following").explain("2024-10-03", NATIONAL)
    assert result.due == D(2024, 10, 8)
    assert result.skipped == ()


def test_monthly_dates_near_the_ends_of_the_calendar():
    """Monthly dates reach 9999 and year 1, and adjusted ones look back across a year."""
    assert MonthlyOn(1).due("9998-12-31", NATIONAL) == D(9999, 1, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AssumedCalendarWarning)
        rule = MonthlyOn(5, adjust="following")
        assert rule.due("0001-02-01", ASSUMING) == D(1, 2, 5)
        # 5 January of year 2 is a Saturday: moved to Monday the 7th.
        assert rule.due("0002-01-02", ASSUMING) == D(2, 1, 7)


def test_then_refuses_nested_compositions():
    """Then holds plain rules only; composing flattens instead."""
    with pytest.raises(InvalidRuleError, match="none of them a Then"):
        Then([WorkingDays(1), WorkingDays(1) >> WorkingDays(2)])


def test_from_rrule_refuses_parts_without_values_and_a_missing_freq():
    """A part without '=' and a rule without FREQ are InvalidRuleErrors."""
    with pytest.raises(InvalidRuleError, match="bad or repeated part 'BYDAY'"):
        from_rrule("FREQ=WEEKLY;BYDAY")
    with pytest.raises(InvalidRuleError, match="only FREQ=WEEKLY"):
        from_rrule("BYDAY=TU")


def test_steps_flag_assumed_days():
    """Each kind of step says when it relied on days outside the data."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for rule, start in (
            (Immediate(), "2027-01-02"),
            (CalendarDays(3), "2026-12-30"),
            (MonthlyOn(1, adjust="modified_following"), "2026-12-30"),
        ):
            (step,) = rule.explain(start, ASSUMING).steps
            assert step.assumed is True, rule
        (step,) = Immediate().explain("2026-12-01", ASSUMING).steps
        assert step.assumed is False


def test_merging_keeps_the_adjustment_and_errors_name_the_class():
    """| keeps adjust; a bad adjust names the class it was given to."""
    merged = WeeklyOn(1, adjust="following") | WeeklyOn(2, adjust="following")
    assert merged == WeeklyOn(1, 2, adjust="following")
    with pytest.raises(InvalidRuleError, match=r"WeeklyOn\(adjust='next'\)"):
        WeeklyOn(1, adjust="next")  # type: ignore[arg-type]
    with pytest.raises(InvalidRuleError, match=r"MonthlyOn\(adjust='next'\)"):
        MonthlyOn(1, adjust="next")  # type: ignore[arg-type]


def test_a_step_in_full():
    """Every field of an explained step: the days skipped, with kind, names and layer, and the
    days counted (Xinjiang, 4 June 2025 + 5 working days)."""
    from govdeadline import Step

    xinjiang = Calendar.for_region("xinjiang")
    (step,) = WorkingDays(5).explain("2025-06-04", xinjiang).steps

    def eid(day):
        return DayInfo(D(2025, 6, day), DayKind.HOLIDAY, "Eid al-Adha", "古尔邦节", "xinjiang")

    def weekend(day):
        return DayInfo(D(2025, 6, day), DayKind.WEEKEND)

    assert step == Step(
        WorkingDays(5),
        D(2025, 6, 4),
        D(2025, 6, 16),
        (eid(6), eid(7), eid(8), eid(9), eid(10), weekend(14), weekend(15)),
        False,
        (D(2025, 6, 5), D(2025, 6, 11), D(2025, 6, 12), D(2025, 6, 13), D(2025, 6, 16)),
    )
    (moved,) = MonthlyOn(18, adjust="preceding").explain("2025-10-01", NATIONAL).steps
    assert moved == Step(
        MonthlyOn(18, adjust="preceding"),
        D(2025, 10, 1),
        D(2025, 10, 17),
        (DayInfo(D(2025, 10, 18), DayKind.WEEKEND),),
        False,
        (),
    )
