"""The bad inputs that docs/robustness.rst lists; conf.py runs each to show what it gets."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import govdeadline as g

NATIONAL = "Calendar.national()"


def _changji() -> g.Catalogue:
    return g.load_catalogue()


CASES: list[tuple[str, str, Callable[[], object]]] = [
    (
        "Calendar",
        "a date as an int: ``20250604``",
        lambda: g.Calendar.national().is_working_day(20250604),
    ),
    (
        "Calendar",
        "a malformed ISO string: ``'2025-6-4'``",
        lambda: g.Calendar.national().is_working_day("2025-6-4"),
    ),
    (
        "Calendar",
        "an impossible date: ``'2025-02-30'``",
        lambda: g.Calendar.national().is_working_day("2025-02-30"),
    ),
    (
        "Calendar",
        "a date after the data: ``'2027-01-04'``",
        lambda: g.Calendar.national().day_kind("2027-01-04"),
    ),
    (
        "Calendar",
        "``add_working_days(d, 0)``",
        lambda: g.Calendar.national().add_working_days("2025-06-04", 0),
    ),
    (
        "Calendar",
        "``add_working_days(d, 1.5)``",
        lambda: g.Calendar.national().add_working_days("2025-06-04", 1.5),
    ),  # type: ignore[arg-type]
    (
        "Calendar",
        "``add_working_days(d, 10**9)``",
        lambda: g.Calendar.national().add_working_days("2025-06-04", 10**9),
    ),
    (
        "Calendar",
        "``9999-12-31`` plus one working day, assuming",
        lambda: g.Calendar.national(beyond="assume").add_working_days(datetime.date.max, 1),
    ),
    ("Calendar", "an unknown region: ``'tibet'``", lambda: g.Calendar.for_region("tibet")),
    (
        "CalendarLayer",
        "a weekday marked ``rest``",
        lambda: g.CalendarLayer.from_mapping(
            {"name": "x", "years": {2025: {"days": [{"date": "2025-06-04", "status": "rest"}]}}}
        ),
    ),
    (
        "CalendarLayer",
        "a layer covering 2028 on a calendar ending in 2026",
        lambda: g.Calendar.national().with_layer(
            {"name": "x", "years": {2028: {"complete": True}}}
        ),
    ),
    (
        "CalendarLayer",
        "a holiday-cn object without ``days``",
        lambda: g.CalendarLayer.from_holiday_cn({"year": 2027, "papers": []}),
    ),
    ("rules", "``WorkingDays(0)``", lambda: g.WorkingDays(0)),
    ("rules", "``WorkingDays(True)``", lambda: g.WorkingDays(True)),
    ("rules", "``MonthlyOn(32)``", lambda: g.MonthlyOn(32)),
    ("rules", "``WeeklyOn()``", lambda: g.WeeklyOn()),
    (
        "rules",
        "``MonthlyOn(1) | MonthlyOn(2, adjust='following')``",
        lambda: g.MonthlyOn(1) | g.MonthlyOn(2, adjust="following"),
    ),
    ("rules", "``parse_rule('尽快')``", lambda: g.parse_rule("尽快")),
    ("rules", "``parse_rule(5)``", lambda: g.parse_rule(5)),  # type: ignore[arg-type]
    ("rules", "``from_rrule('FREQ=DAILY')``", lambda: g.from_rrule("FREQ=DAILY")),
    (
        "rules",
        "a calendar given as a string",
        lambda: g.WorkingDays(5).due("2025-06-04", "xinjiang"),
    ),  # type: ignore[arg-type]
    ("catalogue", "``catalogue[999]``", lambda: _changji()[999]),
    (
        "catalogue",
        "item 2's timeline without an applicant",
        lambda: _changji()[2].timeline("2025-06-04"),
    ),
    (
        "catalogue",
        "a table row with three columns",
        lambda: g.import_table("序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注\n1\ta\tb\n"),
    ),
    ("catalogue", "a file that does not exist", lambda: g.load_catalogue("nope.yaml")),
    (
        "catalogue",
        "a bytes path: ``b'changji.yaml'``",
        lambda: g.load_catalogue(b"changji.yaml"),  # type: ignore[arg-type]
    ),
    (
        "Case",
        "a suspension that ends before it starts",
        lambda: g.Case(g.WorkingDays(5), "2025-06-04", g.Calendar.national()).suspend(
            "2025-06-10", "2025-06-09"
        ),
    ),
    (
        "Case",
        "completing twice",
        lambda: (
            g.Case(g.WorkingDays(5), "2025-06-04", g.Calendar.national())
            .complete("2025-06-05")
            .complete("2025-06-06")
        ),
    ),
    (
        "Case",
        "an extension of 0 days",
        lambda: g.Case(g.WorkingDays(5), "2025-06-04", g.Calendar.national()).extend(
            0, "2025-06-05"
        ),
    ),
]
"""(entry point, the bad input, a call that makes it)."""
