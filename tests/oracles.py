"""Slow, obviously correct implementations that the calendar is checked against.

None of them uses govdeadline's index: they step one day at a time.
"""

from __future__ import annotations

import datetime

import chinese_calendar

ONE_DAY = datetime.timedelta(days=1)
CC_FIRST = datetime.date(2004, 1, 1)
CC_LAST = datetime.date(2026, 12, 31)


class BeyondError(Exception):
    """The oracle needed a day it has no data for."""


def cc_is_workday(d: datetime.date) -> bool:
    if not CC_FIRST <= d <= CC_LAST:
        raise BeyondError(d)
    return bool(chinese_calendar.is_workday(d))


def add_working_days(is_workday, d: datetime.date, n: int) -> datetime.date:
    """The n-th day after d for which is_workday is true, stepping one day at a time."""
    found = 0
    while found < n:
        d += ONE_DAY
        if is_workday(d):
            found += 1
    return d


def count_working_days(is_workday, a: datetime.date, b: datetime.date) -> int:
    """Working days in (a, b], stepping one day at a time; negative when b < a."""
    if b < a:
        return -count_working_days(is_workday, b, a)
    total = 0
    while a < b:
        a += ONE_DAY
        total += is_workday(a)
    return total


def weekday_is_workday(d: datetime.date) -> bool:
    return d.weekday() < 5


def layered_is_workday(tables, d: datetime.date) -> bool:
    """tables: dicts date -> bool (True = working day), lowest first; a later one wins."""
    result = d.weekday() < 5
    for table in tables:
        if d in table:
            result = table[d]
    return result
