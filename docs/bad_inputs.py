"""The bad inputs that docs/robustness.rst lists; conf.py runs each to show what it gets."""

from __future__ import annotations

import datetime
import os
import tempfile
import warnings
from collections.abc import Callable

import govdeadline as g

NATIONAL = "Calendar.national()"


def _changji() -> g.Catalogue:
    return g.load_catalogue()


def _from_file(read: Callable[[str], object], text: str, suffix: str = ".yaml") -> object:
    """Write *text* to ``input.yaml`` (or *suffix*) in a temporary folder, and read it there.

    The file is read by its name from inside the folder, so messages name ``input.yaml``.
    """
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            with open("input" + suffix, "w", encoding="utf-8") as f:
                f.write(text)
            return read("input" + suffix)
        finally:
            os.chdir(here)


def _assuming(call: Callable[[g.Calendar], object]) -> object:
    """Run *call* on the national calendar in assume mode, without its warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", g.AssumedCalendarWarning)
        return call(g.Calendar.national(beyond="assume"))


def _days(*values: str, unit: str = "D") -> object:
    import numpy as np

    return np.array(values, dtype=f"datetime64[{unit}]")


def _series(*values: object) -> object:
    import pandas as pd

    return pd.Series(values)


def _nat() -> object:
    import pandas as pd

    return pd.NaT


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
        "rules",
        "a unit ``read_limit`` does not know: ``read_limit('5', unit='周')``",
        lambda: g.read_limit("5", unit="周"),
    ),
    (
        "Calendar",
        "a negative count: ``add_working_days(d, -3)``",
        lambda: g.Calendar.national().add_working_days("2025-06-04", -3),
    ),
    (
        "Calendar",
        "a day in a year a caller's layer lists in part (``complete: false``)",
        lambda: (
            g.Calendar.national()
            .with_layer(
                {
                    "name": "mine",
                    "years": {
                        2027: {
                            "complete": False,
                            "days": [{"date": "2027-01-01", "status": "holiday", "name": "元旦"}],
                        }
                    },
                }
            )
            .add_working_days("2026-12-31", 1)
        ),
    ),
    (
        "Calendar",
        "``9999-12-31`` plus one working day, assuming",
        lambda: g.Calendar.national(beyond="assume").add_working_days(datetime.date.max, 1),
    ),
    ("Calendar", "an unknown region: ``'tibet'``", lambda: g.Calendar.for_region("tibet")),
    (
        "Calendar",
        "full-width digits: ``'２０２５-06-04'``",
        lambda: g.Calendar.national().is_working_day("２０２５-06-04"),
    ),
    ("Calendar", "``month(0, 1)``", lambda: g.Calendar.national(beyond="assume").month(0, 1)),
    (
        "Calendar",
        "an int Python will not write: ``10**5000``",
        lambda: g.Calendar.national().add_working_days("2025-06-04", -(10**5000)),
    ),
    (
        "CalendarLayer",
        "an unquoted impossible date in YAML: ``date: 2025-02-30``",
        lambda: _from_file(
            g.CalendarLayer.load,
            "name: x\nyears:\n  2025:\n    days:\n    - {date: 2025-02-30, status: rest}\n",
        ),
    ),
    (
        "CalendarLayer",
        "JSON nested 100,000 deep",
        lambda: _from_file(g.CalendarLayer.load, "[" * 100_000 + "]" * 100_000, ".json"),
    ),
    (
        "CalendarLayer",
        "a year written ``'²'``",
        lambda: g.CalendarLayer.from_mapping({"name": "x", "years": {"²": {}}}),
    ),
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
        "a table with no header row",
        lambda: g.import_table("序号\t编码\n1\ta\n"),
    ),
    (
        "catalogue",
        "a file whose rows name no column a catalogue has, such as a calendar layer, given "
        "to ``import_table``",
        lambda: g.import_table("name,scope,years\nxinjiang,xinjiang,2025\n"),
    ),
    (
        "catalogue",
        "a licensing argument that is not True, False or None: ``licensing=1``",
        lambda: g.import_table("序号\t事项名称\t承诺时限\n1\ta\t二十日\n", licensing=1),  # type: ignore[arg-type]
    ),
    ("catalogue", "a file that does not exist", lambda: g.load_catalogue("nope.yaml")),
    ("catalogue", "a file name with a NUL byte", lambda: g.load_catalogue("a\x00b.yaml")),
    ("catalogue", "a device that never ends: ``/dev/zero``", lambda: g.load_catalogue("/dev/zero")),
    (
        "catalogue",
        "the due date of an imported item whose time limit could not be read",
        lambda: g.import_table(
            "序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注\n1\ta\tb\t尽快\t公共服务\t\n"
        )[1].due("2025-06-04"),
    ),
    (
        "catalogue",
        "a table file named ``.xlsx`` that is not an XLSX workbook (an old ``.xls``)",
        lambda: _from_file(g.import_table, "not a workbook", ".xlsx"),
    ),
    (
        "catalogue",
        "a table cell that cannot be read, with ``strict=True``",
        lambda: g.import_table(
            "序号\t实施部门\t事项名称\t承诺时限\t事项类型\t备注\n-3\ta\tb\t即办\tx\t\n",
            strict=True,
        ),
    ),
    (
        "catalogue",
        "a rule mapping with a number: ``time_limit: {rule: 5}``",
        lambda: _from_file(
            g.load_catalogue,
            "title: t\nitems:\n- number: 1\n  source: {序号: '1', 实施部门: a, 事项名称: b, "
            "承诺时限: 即办, 事项类型: 公共服务, 备注: ''}\n  time_limit: {rule: 5}\n"
            "  item_type: '20'\n",
        ),
    ),
    (
        "due_many",
        "dates in months: ``datetime64[M]``",
        lambda: g.WorkingDays(5).due_many(_days("2025-06", unit="M"), g.Calendar.national()),
    ),
    (
        "due_many",
        "a due date after 2262 in nanoseconds",
        lambda: _assuming(
            lambda cal: g.WorkingDays(5).due_many(_days("2262-04-09", unit="ns"), cal)
        ),
    ),
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
        "suspensions given as a string",
        lambda: g.Case(g.WorkingDays(5), "2025-06-04", g.Calendar.national(), suspensions="ab"),
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
    (
        "rules",
        "an approximate range: ``parse_rule('两三个工作日')``",
        lambda: g.parse_rule("两三个工作日"),
    ),
    (
        "rules",
        "a superscript digit: ``parse_rule('5²个工作日')``",
        lambda: g.parse_rule("5²个工作日"),
    ),
    (
        "rules",
        "a range: ``parse_rule('10-20个工作日')``",
        lambda: g.parse_rule("10-20个工作日"),
    ),
    (
        "rules",
        "spoken shorthand: ``parse_rule('一百五个工作日')``",
        lambda: g.parse_rule("一百五个工作日"),
    ),
    (
        "Calendar",
        "pandas' missing date: ``pd.NaT``",
        lambda: g.Calendar.national().is_working_day(_nat()),
    ),
    (
        "due_many",
        "a column of ints: ``pd.Series([20250604])``",
        lambda: g.WorkingDays(5).due_many(_series(20250604), g.Calendar.national()),
    ),
    (
        "due_many",
        "day-first text: ``pd.Series(['2025-06-04', '04/06/2025'])``",
        lambda: g.WorkingDays(5).due_many(
            _series("2025-06-04", "04/06/2025"), g.Calendar.national()
        ),
    ),
    (
        "Case",
        "a suspension through 9999-12-30 in assume mode",
        lambda: _assuming(
            lambda cal: (
                g.Case(g.WorkingDays(5), "2025-06-04", cal).suspend("2025-06-05", "9999-12-30").due
            )
        ),
    ),
    (
        "catalogue",
        "a bool or float item number: ``changji[True]``",
        lambda: _changji()[True],  # type: ignore[index]
    ),
    (
        "catalogue",
        "an empty table: ``import_table('')``",
        lambda: g.import_table(""),
    ),
    (
        "catalogue",
        "``processing`` and ``applicants`` on one item",
        lambda: __import__("attrs").evolve(
            _changji()[2], processing=(g.ProcessingStep("payment", g.MonthlyOn(18)),)
        ),
    ),
    (
        "catalogue",
        "``include_start`` on an RRULE",
        lambda: _from_file(
            g.load_catalogue,
            _changji()
            .to_yaml()
            .replace(
                "    备注: ''\n",
                "    备注: ''\n"
                "  time_limit: {rrule: 'FREQ=WEEKLY;BYDAY=TU', include_start: true}\n",
                1,
            ),
        ),
    ),
    (
        "CalendarLayer",
        "a holiday-cn JSON file that gives a name twice",
        lambda: _from_file(
            g.CalendarLayer.load,
            '{"year": 2027, "papers": [], "days": [{"name": "a", "name": "b"}]}',
            ".json",
        ),
    ),
    (
        "due_many",
        "``Catalogue.due_many`` with an unknown item: ``due_many([6, 999], ...)``",
        lambda: _changji().due_many([6, 999], ["2025-06-04", "2025-06-04"]),
    ),
    (
        "due_many",
        "``Catalogue.due_many`` with an item number beyond int64: ``due_many([6, 10**20], ...)``",
        lambda: _changji().due_many([6, 10**20], ["2025-06-04", "2025-06-04"]),
    ),
    (
        "due_many",
        "``Catalogue.due_many`` with a float item number: ``due_many([6.0], ...)``",
        lambda: _changji().due_many([6.0], ["2025-06-04"]),
    ),
    (
        "due_many",
        "``Catalogue.due_many`` with columns of different lengths",
        lambda: _changji().due_many([6, 7], ["2025-06-04"]),
    ),
    (
        "due_many",
        "``errors='ignore'``",
        lambda: g.WorkingDays(5).due_many(["2025-06-04"], g.Calendar.national(), errors="ignore"),  # type: ignore[arg-type]
    ),
    (
        "Calendar",
        "``subtract_working_days(d, 0)``",
        lambda: g.Calendar.national().subtract_working_days("2025-06-04", 0),
    ),
    (
        "Calendar",
        "``holidays('2025')``",
        lambda: g.Calendar.national().holidays("2025"),  # type: ignore[arg-type]
    ),
    (
        "ical",
        "``holidays_ical(calendar, [])``",
        lambda: g.holidays_ical(g.Calendar.national(), []),
    ),
    ("rules", "a limit under a day: ``parse_rule('2小时')``", lambda: g.parse_rule("2小时")),
    (
        "rules",
        "a clause with no limit of its own: ``parse_rule('可延长10个工作日')``",
        lambda: g.parse_rule("可延长10个工作日"),
    ),
    (
        "rules",
        "two committed limits: ``read_limit('承诺时限:1个工作日;集体件:15个工作日')``",
        lambda: g.read_limit("承诺时限:1个工作日;集体件:15个工作日"),
    ),
    (
        "rules",
        "a time a clause states in words not read: ``read_limit('5个工作日;公告送达60日')``",
        lambda: g.read_limit("5个工作日;公告送达60日"),
    ),
    (
        "rules",
        "stages that do not add up: ``read_limit('12个工作日:分局2个、市局3个')``",
        lambda: g.read_limit("12个工作日:分局2个、市局3个"),
    ),
    ("rules", "``Months(0)``", lambda: g.Months(0)),
    ("rules", "``MonthlyBy(32)``", lambda: g.MonthlyBy(32)),
    (
        "rules",
        "a number without a unit beside a limit: ``read_limit('5,10个工作日')``",
        lambda: g.read_limit("5,10个工作日"),
    ),
    (
        "Calendar",
        "counting back before 0001-01-01: ``subtract_working_days('0001-01-03', 5)``",
        lambda: _assuming(lambda cal: cal.subtract_working_days("0001-01-03", 5)),
    ),
]
"""(entry point, the bad input, a call that makes it)."""
