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


def _lunar_table():
    """tests/data/lunar-festivals.csv: year -> (春节, 端午, 中秋), from lunar_python."""
    import pathlib

    path = pathlib.Path(__file__).parent / "data" / "lunar-festivals.csv"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "year")) or not line.strip():
            continue
        year, *days = line.split(",")
        table[int(year)] = tuple(datetime.date.fromisoformat(d) for d in days)
    return table


LUNAR = _lunar_table()


def law_days(year: int) -> set[datetime.date]:
    """The days off 全国年节及纪念日放假办法 Art. 2 gives in *year* (2008 on), written out
    from the article's text, with lunar dates from the lunar_python table and 清明 from
    chinese-calendar's solar terms."""
    spring, dragon, autumn = LUNAR[year]
    qingming = next(
        d
        for d, name in chinese_calendar.get_solar_terms(
            datetime.date(year, 4, 1), datetime.date(year, 4, 10)
        )
        if name == "清明"
    )
    if year <= 2013:  # 第513号: 除夕, 初一, 初二
        new_year = [spring - ONE_DAY, spring, spring + ONE_DAY]
    elif year <= 2024:  # 第644号: 初一 to 初三
        new_year = [spring, spring + ONE_DAY, spring + 2 * ONE_DAY]
    else:  # 第795号: 除夕 to 初三
        new_year = [spring - ONE_DAY + k * ONE_DAY for k in range(4)]
    may = [datetime.date(year, 5, 1)] + ([datetime.date(year, 5, 2)] if year >= 2025 else [])
    october = [datetime.date(year, 10, d) for d in (1, 2, 3)]
    return {datetime.date(year, 1, 1), *new_year, qingming, *may, dragon, autumn, *october}


def weekday_or_law_is_workday(d: datetime.date) -> bool:
    """Monday to Friday, except the days the law gives in 2008-2099 (assume mode past the
    data; the years the lunar table and statutory_holidays cover)."""
    return d.weekday() < 5 and (not 2008 <= d.year <= 2099 or d not in law_days(d.year))


def subtract_working_days(is_workday, d: datetime.date, n: int) -> datetime.date:
    """The n-th day before d for which is_workday is true, stepping back one day at a time."""
    found = 0
    while found < n:
        d -= ONE_DAY
        if is_workday(d):
            found += 1
    return d
