"""Every error and warning of the calendar and the rules, word for word.

A message is what a developer reads when a call goes wrong: it names the value, where it came
from and the fix. These tests pin each one exactly, so that a change to what a message says is a
decision, made here, and not an accident.
"""

from __future__ import annotations

import datetime
import re

import pytest

from govdeadline import (
    Calendar,
    CalendarDays,
    CalendarLayer,
    CalendarLayerError,
    InvalidArgumentError,
    InvalidDateError,
    InvalidRuleError,
    MonthlyOn,
    OutsideCalendarError,
    Then,
    UnknownRegionError,
    Weekday,
    WeeklyOn,
    WorkingDays,
    from_rrule,
)
from govdeadline.errors import AssumedCalendarWarning

NATIONAL = Calendar.national()
ASSUMING = Calendar.national(beyond="assume")
XINJIANG = Calendar.for_region("xinjiang")
PYTHON_DATES = "the answer would fall outside the dates Python can represent " + (
    "(0001-01-01 to 9999-12-31)"
)
ADD_A_NATIONAL_LAYER = (
    "Add a national layer (the holiday-cn JSON of the State Council's notice, or YAML)"
)
HOW_TO_FIX = (
    "with calendar.with_layer(path) (see 'Calendar layers' in the docs), or opt in to "
    "assuming Monday-to-Friday weeks with beyond='assume'"
)
ASSUMED = (
    " relied on days outside the 'national' calendar's coverage (2004-01-01 to 2026-12-31), "
    "taken as Monday-to-Friday weeks except for days its layers list"
)


def layer(scope, *years):
    """A layer of *scope* listing no days: complete for *years*, or for none (2030, incomplete)."""
    listed = {year: {"complete": True, "days": []} for year in years} or {
        2030: {"complete": False, "days": []}
    }
    return CalendarLayer.from_mapping({"name": "extra", "scope": scope, "years": listed})


def raises_exactly(error, message, call):
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


# -- the calendar ------------------------------------------------------------------------

CALENDAR_ERRORS = [
    (
        lambda: NATIONAL.with_layer(5),
        TypeError,
        "a layer must be a CalendarLayer, a mapping in the layer format, or the path of a YAML "
        "layer or holiday-cn JSON file, not int (5)",
    ),
    (
        lambda: Calendar(NATIONAL.layers, name="n", beyond="maybe"),
        InvalidArgumentError,
        "beyond='maybe' must be 'raise', 'assume' or 'forecast'",
    ),
    (
        lambda: NATIONAL.with_beyond("never"),
        InvalidArgumentError,
        "beyond='never' must be 'raise', 'assume' or 'forecast'",
    ),
    (
        lambda: Calendar((), name="empty"),
        CalendarLayerError,
        "calendar 'empty' needs at least one layer",
    ),
    (
        lambda: Calendar((5,), name="odd"),
        TypeError,
        "calendar layers must be CalendarLayer objects, not 5",
    ),
    (
        lambda: Calendar((*NATIONAL.layers, layer("tibet", 2030)), name="two"),
        CalendarLayerError,
        "calendar 'two' would cover no year (national covers 2004-2026; tibet covers 2030): a "
        "year is covered only when every scope among the layers covers it completely",
    ),
    (
        lambda: Calendar((*NATIONAL.layers, layer("tibet")), name="three"),
        CalendarLayerError,
        "calendar 'three' would cover no year (national covers 2004-2026; tibet covers no "
        "year): a year is covered only when every scope among the layers covers it completely",
    ),
    (
        lambda: NATIONAL.with_layer(layer("national", 2028, 2030)),
        CalendarLayerError,
        "calendar 'national+extra' would cover 2004-2026, 2028, 2030 with a gap at 2027, 2029; "
        "coverage must be one unbroken run of years. Add a layer that covers 2027, or mark the "
        "later years complete: false",
    ),
    (
        lambda: NATIONAL.is_working_day(datetime.date(1, 1, 1)),
        OutsideCalendarError,
        "0001-01-01 is outside the 'national' calendar, which covers 2004-01-01 to 2026-12-31 "
        f"(no 'national' layer covers 1). {ADD_A_NATIONAL_LAYER} covering 1 {HOW_TO_FIX}",
    ),
    (
        lambda: NATIONAL.working_days_between("2003-12-30", "2004-01-05"),
        OutsideCalendarError,
        "2003-12-31 is outside the 'national' calendar, which covers 2004-01-01 to 2026-12-31 "
        f"(no 'national' layer covers 2003). {ADD_A_NATIONAL_LAYER} covering 2003 {HOW_TO_FIX}",
    ),
    (
        lambda: Calendar.for_region(5),
        TypeError,
        "region must be a string such as 'xinjiang', not 5",
    ),
    (
        lambda: Calendar.for_region("tibet"),
        UnknownRegionError,
        "no regional data for 'tibet'; the regions are 'chuxiong', 'enshi', 'guangxi', "
        "'liangshan', 'ningxia', 'qiandongnan', 'qiannan', 'xiangxi', 'xinjiang', "
        "'xishuangbanna', 'yanbian' (or their Chinese names and codes). For another region, add "
        "your own layer with Calendar.national().with_layer(...)",
    ),
    (
        lambda: NATIONAL.is_working_day("2030-01-01"),
        OutsideCalendarError,
        "2030-01-01 is outside the 'national' calendar, which covers 2004-01-01 to 2026-12-31 "
        f"(no 'national' layer covers 2030). {ADD_A_NATIONAL_LAYER} covering 2030 {HOW_TO_FIX}",
    ),
    (
        lambda: XINJIANG.with_layer(layer("national", 2027)).day_kind("2027-03-01"),
        OutsideCalendarError,
        "2027-03-01 is outside the 'xinjiang+extra' calendar, which covers 2022-01-01 to "
        "2026-12-31 (no 'xinjiang' layer covers 2027). Add a YAML layer with scope 'xinjiang' "
        f"covering 2027 {HOW_TO_FIX}",
    ),
    (
        lambda: XINJIANG.day_info("2030-05-01"),
        OutsideCalendarError,
        "2030-05-01 is outside the 'xinjiang' calendar, which covers 2022-01-01 to 2026-12-31 "
        f"(no 'national' or 'xinjiang' layer covers 2030). {ADD_A_NATIONAL_LAYER} and a YAML "
        f"layer with scope 'xinjiang' covering 2030 {HOW_TO_FIX}",
    ),
    (
        lambda: XINJIANG.holiday_name("2021-12-31"),
        OutsideCalendarError,
        "2021-12-31 is outside the 'xinjiang' calendar, which covers 2022-01-01 to 2026-12-31 "
        "(no 'xinjiang' layer covers 2021). Add a YAML layer with scope 'xinjiang' covering "
        f"2021 {HOW_TO_FIX}",
    ),
    (
        lambda: ASSUMING.add_working_days(datetime.date(9999, 12, 30), 2),
        OutsideCalendarError,
        PYTHON_DATES,
    ),
    (
        lambda: NATIONAL.add_working_days(datetime.date(9999, 12, 30), 2),
        OutsideCalendarError,
        "9999-12-31 is outside the 'national' calendar, which covers 2004-01-01 to 2026-12-31 "
        f"(no 'national' layer covers 9999). {ADD_A_NATIONAL_LAYER} covering 9999 {HOW_TO_FIX}",
    ),
    (
        lambda: NATIONAL.holiday_name("2025-01-01", lang="fr"),
        InvalidArgumentError,
        "lang='fr' must be 'en' or 'zh'",
    ),
    (
        lambda: NATIONAL.add_working_days("2025-01-01", "5"),
        TypeError,
        "n must be an int, not str ('5')",
    ),
    (
        lambda: NATIONAL.add_working_days("2025-01-01", 0),
        InvalidArgumentError,
        "n=0: add_working_days counts n >= 1 working days",
    ),
    (
        lambda: NATIONAL.month(2025, 13),
        InvalidArgumentError,
        "month(2025, 13): give a year 1-9999 and a month 1-12",
    ),
    (
        lambda: NATIONAL.month(2025, 0),
        InvalidArgumentError,
        "month(2025, 0): give a year 1-9999 and a month 1-12",
    ),
    (
        lambda: NATIONAL.month("2025", 1),
        InvalidArgumentError,
        "month('2025', 1): give a year 1-9999 and a month 1-12",
    ),
    (
        lambda: NATIONAL.month(2025, 1.0),
        InvalidArgumentError,
        "month(2025, 1.0): give a year 1-9999 and a month 1-12",
    ),
    (
        lambda: ASSUMING.month(0, 1),
        InvalidArgumentError,
        "month(0, 1): give a year 1-9999 and a month 1-12",
    ),
    (
        lambda: ASSUMING.month(10000, 12),
        InvalidArgumentError,
        "month(10000, 12): give a year 1-9999 and a month 1-12",
    ),
    (
        lambda: NATIONAL.is_working_day("２０２５-06-04"),
        InvalidDateError,
        "d '２０２５-06-04' is not an ISO date; write it as YYYY-MM-DD, e.g. '2025-06-04'",
    ),
    (
        lambda: NATIONAL.is_working_day(
            datetime.datetime(9999, 12, 31, 23, tzinfo=datetime.timezone.utc)
        ),
        OutsideCalendarError,
        "d datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.timezone.utc) falls "
        "outside the dates Python can represent (0001-01-01 to 9999-12-31) in Beijing time",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), CALENDAR_ERRORS)
def test_calendar_errors(call, error, message):
    raises_exactly(error, message, call)


def test_an_error_at_the_last_representable_date_names_it():
    with pytest.raises(OutsideCalendarError) as info:
        NATIONAL.is_working_day(datetime.date(9999, 12, 31))
    assert info.value.date == datetime.date(9999, 12, 31)


def test_a_calendar_shows_its_layers_coverage_and_mode():
    assert repr(XINJIANG) == (
        "<Calendar 'xinjiang' layers=['chinese-calendar', 'xinjiang'] "
        "covers=2022-01-01..2026-12-31 beyond='raise'>"
    )


NOT_A_DATE = (
    " must be a datetime.date, a datetime.datetime or an ISO string 'YYYY-MM-DD', not int (5)"
)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: NATIONAL.day_info(5), "d"),
        (lambda: NATIONAL.day_kind(5), "d"),
        (lambda: NATIONAL.is_working_day(5), "d"),
        (lambda: NATIONAL.holiday_name(5), "d"),
        (lambda: NATIONAL.add_working_days(5, 1), "d"),
        (lambda: NATIONAL.next_working_day(5), "d"),
        (lambda: NATIONAL.working_days_between(5, "2025-01-01"), "a"),
        (lambda: NATIONAL.working_days_between("2025-01-01", 5), "b"),
    ],
)
def test_a_wrong_date_type_names_the_argument(call, name):
    raises_exactly(TypeError, name + NOT_A_DATE, call)


@pytest.mark.parametrize(
    ("call", "described"),
    [
        (lambda: ASSUMING.day_info("2030-01-01"), "day_info(2030-01-01)"),
        (lambda: ASSUMING.day_kind("2030-01-01"), "day_kind(2030-01-01)"),
        (lambda: ASSUMING.is_working_day("2030-01-01"), "is_working_day(2030-01-01)"),
        (lambda: ASSUMING.holiday_name("2030-01-01"), "holiday_name(2030-01-01)"),
        (lambda: ASSUMING.add_working_days("2030-01-01", 5), "add_working_days(2030-01-01, 5)"),
        (lambda: ASSUMING.next_working_day("2030-01-01"), "next_working_day(2030-01-01)"),
        (
            lambda: ASSUMING.working_days_between("2030-01-01", "2030-02-01"),
            "working_days_between(2030-01-01, 2030-02-01)",
        ),
        (
            lambda: WorkingDays(5).due("2026-12-30", ASSUMING),
            "WorkingDays(5).due(2026-12-30)",
        ),
        (
            lambda: WeeklyOn(Weekday.FRIDAY, adjust="following").occurrences(
                "2026-12-20", "2027-01-10", calendar=ASSUMING
            ),
            "WeeklyOn(Weekday.FRIDAY, adjust='following').occurrences(2026-12-20, 2027-01-10)",
        ),
    ],
)
def test_assumed_answers_warn_naming_the_call(call, described):
    with pytest.warns(AssumedCalendarWarning) as record:
        call()
    assert [str(w.message) for w in record] == [described + ASSUMED]


# -- the rules ---------------------------------------------------------------------------

RULE_ERRORS = [
    (
        lambda: WorkingDays(10**9).due("2025-01-01", ASSUMING),
        OutsideCalendarError,
        PYTHON_DATES,
    ),
    (
        lambda: CalendarDays(10**7).due("2025-01-01", NATIONAL),
        OutsideCalendarError,
        PYTHON_DATES,
    ),
    (
        lambda: MonthlyOn(31).due("9999-12-31", NATIONAL),
        OutsideCalendarError,
        PYTHON_DATES,
    ),
    (
        lambda: WeeklyOn(Weekday.MONDAY).due("9999-12-31", NATIONAL),
        OutsideCalendarError,
        PYTHON_DATES,
    ),
    (
        lambda: WorkingDays(5).due("2025-01-01", "national"),
        TypeError,
        "calendar must be a govdeadline.Calendar, such as Calendar.for_region('xinjiang'), not "
        "str ('national')",
    ),
    (
        lambda: WorkingDays(5).due(datetime.date(2025, 1, 1), "national"),
        TypeError,
        "calendar must be a govdeadline.Calendar, such as Calendar.for_region('xinjiang'), not "
        "str ('national')",
    ),
    (
        lambda: WorkingDays(5).due(5, NATIONAL),
        TypeError,
        "start" + NOT_A_DATE,
    ),
    (
        lambda: WorkingDays(5).explain(5, NATIONAL),
        TypeError,
        "start" + NOT_A_DATE,
    ),
    (
        lambda: MonthlyOn(18).occurrences(5, "2025-01-01"),
        TypeError,
        "start" + NOT_A_DATE,
    ),
    (
        lambda: MonthlyOn(18).occurrences("2025-01-01", 5),
        TypeError,
        "end" + NOT_A_DATE,
    ),
    (
        lambda: WorkingDays(5).then(5),
        TypeError,
        "then() needs a Rule, not int (5)",
    ),
    (
        lambda: WorkingDays(0),
        InvalidRuleError,
        "WorkingDays(0): n must be a whole number of at least 1, not int 0",
    ),
    (
        lambda: CalendarDays("3"),
        InvalidRuleError,
        "CalendarDays('3'): n must be a whole number of at least 1, not str '3'",
    ),
    (
        lambda: WorkingDays(True),
        InvalidRuleError,
        "WorkingDays(True): n must be a whole number of at least 1, not bool True",
    ),
    (
        lambda: WorkingDays(5, include_start=1),
        InvalidRuleError,
        "WorkingDays(include_start=1): include_start must be True or False",
    ),
    (
        lambda: WeeklyOn(Weekday.TUESDAY, adjust="following").occurrences(
            "2025-01-01", "2025-02-01"
        ),
        TypeError,
        "WeeklyOn(Weekday.TUESDAY, adjust='following') moves dates off rest days, so "
        "occurrences() needs a calendar",
    ),
    (
        lambda: WeeklyOn(Weekday.TUESDAY) | WeeklyOn(Weekday.FRIDAY, adjust="following"),
        InvalidRuleError,
        "cannot merge WeeklyOn(Weekday.TUESDAY) and WeeklyOn(Weekday.FRIDAY, "
        "adjust='following'): their adjust differs",
    ),
    (
        lambda: MonthlyOn(18, adjust="sideways"),
        InvalidRuleError,
        "MonthlyOn(adjust='sideways'): adjust must be one of 'unadjusted', 'following', "
        "'preceding', 'modified_following', 'modified_preceding'",
    ),
    (
        lambda: WeeklyOn(),
        InvalidRuleError,
        "WeeklyOn() needs at least one weekday, e.g. Weekday.TUESDAY",
    ),
    (
        lambda: WeeklyOn(7),
        InvalidRuleError,
        "WeeklyOn(7): a weekday is Weekday.MONDAY ... Weekday.SUNDAY (0-6)",
    ),
    (
        lambda: MonthlyOn(),
        InvalidRuleError,
        "MonthlyOn() needs at least one day of the month, e.g. 18",
    ),
    (
        lambda: MonthlyOn(32),
        InvalidRuleError,
        "MonthlyOn(32): a day of the month is 1..31, or -1..-31 counted from the month's end",
    ),
    (
        lambda: Then((WorkingDays(1),)),
        InvalidRuleError,
        "Then needs two or more rules, none of them a Then; got (WorkingDays(1),)",
    ),
    (
        lambda: from_rrule(5),
        TypeError,
        "from_rrule() needs a string, not int (5)",
    ),
    (
        lambda: from_rrule("FREQ=WEEKLY;BYDAY"),
        InvalidRuleError,
        "cannot read RRULE 'FREQ=WEEKLY;BYDAY': bad or repeated part 'BYDAY'",
    ),
    (
        lambda: from_rrule("FREQ=WEEKLY;BYDAY=TU;BYDAY=FR"),
        InvalidRuleError,
        "cannot read RRULE 'FREQ=WEEKLY;BYDAY=TU;BYDAY=FR': bad or repeated part 'BYDAY=FR'",
    ),
    (
        lambda: from_rrule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        InvalidRuleError,
        "cannot read RRULE 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU': only INTERVAL=1 is supported",
    ),
    (
        lambda: from_rrule("FREQ=WEEKLY;BYDAY=TU,XX"),
        InvalidRuleError,
        "cannot read RRULE 'FREQ=WEEKLY;BYDAY=TU,XX': bad value 'XX'",
    ),
    (
        lambda: from_rrule("FREQ=MONTHLY;BYMONTHDAY=40"),
        InvalidRuleError,
        "cannot read RRULE 'FREQ=MONTHLY;BYMONTHDAY=40': MonthlyOn(40): a day of the month is "
        "1..31, or -1..-31 counted from the month's end",
    ),
    (
        lambda: from_rrule("FREQ=WEEKLY;BYDAY=TU", adjust="next"),
        InvalidRuleError,
        "from_rrule(adjust='next'): adjust must be one of 'unadjusted', 'following', "
        "'preceding', 'modified_following', 'modified_preceding'",
    ),
    (
        lambda: from_rrule("FREQ=MONTHLY;BYMONTHDAY=1=2"),
        InvalidRuleError,
        "cannot read RRULE 'FREQ=MONTHLY;BYMONTHDAY=1=2': bad value invalid literal for int() "
        "with base 10: '1=2'",
    ),
    (
        lambda: from_rrule("FREQ=YEARLY;BYMONTHDAY=1"),
        InvalidRuleError,
        "cannot read RRULE 'FREQ=YEARLY;BYMONTHDAY=1': only FREQ=WEEKLY;BYDAY=... and "
        "FREQ=MONTHLY;BYMONTHDAY=... are supported",
    ),
    (
        lambda: from_rrule("FREQ=DAILY"),
        InvalidRuleError,
        "cannot read RRULE 'FREQ=DAILY': only FREQ=WEEKLY;BYDAY=... and "
        "FREQ=MONTHLY;BYMONTHDAY=... are supported",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), RULE_ERRORS)
def test_rule_errors(call, error, message):
    raises_exactly(error, message, call)


def test_an_rrule_that_is_not_a_number_says_so():
    with pytest.raises(InvalidRuleError) as info:
        from_rrule("FREQ=MONTHLY;BYMONTHDAY=1X")
    assert re.fullmatch(
        r"cannot read RRULE 'FREQ=MONTHLY;BYMONTHDAY=1X': bad value invalid literal .*'1X'",
        str(info.value),
    )


def test_rules_write_themselves_back_exactly():
    assert WeeklyOn(Weekday.FRIDAY, Weekday.TUESDAY).to_rrule() == "FREQ=WEEKLY;BYDAY=TU,FR"
    assert MonthlyOn(-1, 18).to_rrule() == "FREQ=MONTHLY;BYMONTHDAY=-1,18"
    three = WorkingDays(5) >> WeeklyOn(Weekday.TUESDAY) >> CalendarDays(2)
    assert repr(three) == ("WorkingDays(5).then(WeeklyOn(Weekday.TUESDAY)).then(CalendarDays(2))")
