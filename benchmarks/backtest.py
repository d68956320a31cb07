"""Backtest the forecast of the national arrangement against the published years.

For each year Y from 2010 to 2026, the calendar is built from the published data of the
years before Y (chinese-calendar's, cut at 31 December of Y-1) and the forecast of Y, and
compared with the published Y:

* days right: the days of Y whose working status the forecast gives right;
* deadlines: for n in 1, 2, 3, 5, 7, 10, 15, 20, 30 working days and every start date from
  1 October of Y-1 to 30 November of Y whose published due date falls in Y, the share where
  the forecast equals the published date, the share inside [earliest, latest], and the mean
  and 95th percentile of latest - earliest in days.

The days that supplementary notices changed (2015-09-03 to 09-06, 2019-04-28 to 05-05,
2020-01-31 to 02-02) are reported separately: no forecast from the principles can know them.

The autonomous prefectures' own days are backtested apart, each complete year of their
data against the forecast of that year laid over the published national calendar.

Run:  python benchmarks/backtest.py            (about a minute)
"""

from __future__ import annotations

import datetime
import statistics
import sys
import warnings
from collections.abc import Callable

from govdeadline import Calendar, CalendarLayer, ForecastWarning, OutsideCalendarError, WorkingDays
from govdeadline.forecast import layers_beyond, published_through_layers, stack_beyond

ONE = datetime.timedelta(days=1)
COUNTS = (1, 2, 3, 5, 7, 10, 15, 20, 30)
SUPPLEMENTARY = [
    (datetime.date(2015, 9, 3), datetime.date(2015, 9, 6)),
    (datetime.date(2019, 4, 28), datetime.date(2019, 5, 5)),
    (datetime.date(2020, 1, 31), datetime.date(2020, 2, 2)),
]


def _published_through(last_year: int) -> CalendarLayer:
    """chinese-calendar's layer as published through *last_year* (see published_through)."""
    return published_through_layers(Calendar.national().layers, last_year)[0]


def _touches_supplement(a: datetime.date, b: datetime.date) -> bool:
    return any(a <= hi and lo <= b for lo, hi in SUPPLEMENTARY)


def _answer(rule: WorkingDays, start: datetime.date) -> Callable[[Calendar], int]:
    """The due date of *rule* from *start* on a calendar, as an ordinal."""
    return lambda calendar: rule.due(start, calendar).toordinal()


def _days_right(cal: Calendar, published: Calendar, year: int) -> tuple[int, int]:
    """How many days of *year* the forecast *cal* calls as *published* does, of how many."""
    day = datetime.date(year, 1, 1)
    right = total = 0
    while day.year == year:
        right += cal.is_working_day(day) == published.is_working_day(day)
        total += 1
        day += ONE
    return right, total


def backtest(year: int, region: str | None = None, *, ex_ante: bool = False) -> dict[str, float]:
    """The figures for *year*, nationally or for *region* (national and regional days);
    *ex_ante* uses only the principles known before the year's notice."""
    if region is None:
        published = Calendar.national()
        base = Calendar((_published_through(year - 1),), name="published")
        layers, forecast = layers_beyond(base, {"national": year - 1}, 2, ex_ante=ex_ante)
        cal = Calendar((*layers, *base.layers), name="forecast")
    else:
        published = Calendar.for_region(region)
        cal = Calendar.for_region(region, beyond="forecast", published_through=year - 1)
        forecast = cal._forecast
    right, total = _days_right(cal, published, year)
    exact = inside = cases = 0
    widths: list[int] = []
    special_cases = special_inside = 0
    start = datetime.date(year - 1, 10, 1)
    while start <= datetime.date(year, 11, 30):
        for n in COUNTS:
            rule = WorkingDays(n)
            try:
                truth = rule.due(start, published)
            except OutsideCalendarError:  # past the published data: no truth to compare
                continue
            if truth.year != year:
                continue
            guess = rule.due(start, cal)
            lo_x, hi_x, _ = forecast.bounds(_answer(rule, start), start.toordinal())
            lo = min(guess, datetime.date.fromordinal(lo_x))
            hi = max(guess, datetime.date.fromordinal(hi_x))
            if _touches_supplement(start, truth):
                special_cases += 1
                special_inside += lo <= truth <= hi
                continue
            cases += 1
            exact += guess == truth
            inside += lo <= truth <= hi
            widths.append((hi - lo).days)
        start += ONE
    widths.sort()
    return {
        "days right": right / total,
        "days wrong": total - right,
        "exact": exact / cases,
        "inside": inside / cases,
        "mean width": statistics.fmean(widths),
        "p95 width": widths[int(0.95 * (len(widths) - 1))],
        "cases": cases,
        "supplementary cases": special_cases,
        "supplementary inside": special_inside / special_cases if special_cases else float("nan"),
    }


PREFECTURES = (
    "yanbian",
    "xiangxi",
    "enshi",
    "qiandongnan",
    "qiannan",
    "chuxiong",
    "liangshan",
    "xishuangbanna",
)


def prefecture_backtest(region: str, year: int) -> dict[str, float]:
    """The figures for a prefecture's own days in *year*, the national days as published.

    The truth is the national calendar with the prefecture's shipped days of *year* (a
    year its data cover completely); the forecast lays the prefecture's forecast of
    *year* over the same national calendar, so only the prefecture's own days are
    forecast. Deadlines start from 1 January to 30 November of *year* and end in it.
    """
    national = Calendar.national().layers[0]
    shipped = Calendar.for_region(region).layers[-1]
    listed = next(y for y in shipped.years if y.year == year)
    truth = CalendarLayer(name=region, years=[listed], scope=region, sources=shipped.sources)
    base = Calendar((national,), name="national")
    layers, forecast = layers_beyond(base, {"national": 2026, region: year - 1}, 1)
    published = Calendar((national, truth))
    cal = Calendar(stack_beyond(layers, (national,)), name="forecast")
    right, total = _days_right(cal, published, year)
    exact = inside = 0
    widths: list[int] = []
    start = datetime.date(year, 1, 1)
    while start <= datetime.date(year, 11, 30):
        for n in COUNTS:
            rule = WorkingDays(n)
            try:
                truth_due = rule.due(start, published)
                guess = rule.due(start, cal)
                lo_x, hi_x, _ = forecast.bounds(_answer(rule, start), start.toordinal())
            except OutsideCalendarError:
                continue
            lo = min(guess, datetime.date.fromordinal(lo_x))
            hi = max(guess, datetime.date.fromordinal(hi_x))
            exact += guess == truth_due
            inside += lo <= truth_due <= hi
            widths.append((hi - lo).days)
        start += ONE
    widths.sort()
    return {
        "days wrong": total - right,
        "exact": exact / len(widths),
        "inside": inside / len(widths),
        "mean width": statistics.fmean(widths),
        "p95 width": widths[int(0.95 * (len(widths) - 1))],
        "cases": len(widths),
    }


def main() -> int:
    warnings.simplefilter("ignore", ForecastWarning)  # every answer here is a forecast
    print(
        f"{'year':>4}  {'days wrong':>10}  {'exact':>7}  {'inside':>7}  {'mean w':>6}  "
        f"{'p95 w':>5}  {'cases':>6}  {'suppl. inside':>13}"
    )
    rows = {}
    for year in range(2010, 2027):
        r = rows[year] = backtest(year)
        supplement = (
            f"{r['supplementary inside']:.1%} of {r['supplementary cases']}"
            if r["supplementary cases"]
            else "-"
        )
        print(
            f"{year:>4}  {r['days wrong']:>10}  {r['exact']:>7.1%}  {r['inside']:>7.1%}  "
            f"{r['mean width']:>6.2f}  {r['p95 width']:>5}  {r['cases']:>6}  {supplement:>13}"
        )
    recent = [rows[y] for y in range(2016, 2027)]
    weights = [r["cases"] for r in recent]
    exact = sum(r["exact"] * w for r, w in zip(recent, weights, strict=True)) / sum(weights)
    print(f"2016-2026: forecast exact on {exact:.1%} of deadlines (target 95%)")
    print()
    print("strictly ex ante (each year with only the principles known before its notice)")
    ex = {}
    for year in range(2010, 2027):
        r = ex[year] = backtest(year, ex_ante=True)
        if r["exact"] != rows[year]["exact"] or r["inside"] != rows[year]["inside"]:
            print(
                f"{year:>4}  {r['days wrong']:>10}  {r['exact']:>7.1%}  {r['inside']:>7.1%}  "
                f"{r['mean width']:>6.2f}  {r['p95 width']:>5}  {r['cases']:>6}"
            )
    weights = [ex[y]["cases"] for y in range(2016, 2027)]
    exact_ex = sum(ex[y]["exact"] * w for y, w in zip(range(2016, 2027), weights, strict=True))
    inside_ex = sum(r["inside"] * r["cases"] for r in ex.values()) / sum(
        r["cases"] for r in ex.values()
    )
    print(
        f"(other years as above) 2016-2026 exact {exact_ex / sum(weights):.1%}; "
        f"2010-2026 inside the bounds {inside_ex:.2%}"
    )
    every = list(rows.values())
    inside = sum(r["inside"] * r["cases"] for r in every) / sum(r["cases"] for r in every)
    width = sum(r["mean width"] * r["cases"] for r in every) / sum(r["cases"] for r in every)
    print(
        f"2010-2026: inside the bounds {inside:.2%}; mean width {width:.2f} days (targets 100%, 3)"
    )
    print(f"worst p95 width: {max(r['p95 width'] for r in every)} days (target 14)")
    for region, years in (
        ("xinjiang", range(2023, 2027)),
        ("guangxi", range(2015, 2027)),
        ("ningxia", range(2020, 2027)),
    ):
        print()
        print(f"{region} (national and regional days, the region's published years)")
        for year in years:
            r = backtest(year, region)
            print(
                f"{year:>4}  {r['days wrong']:>10}  {r['exact']:>7.1%}  {r['inside']:>7.1%}  "
                f"{r['mean width']:>6.2f}  {r['p95 width']:>5}  {r['cases']:>6}"
            )
    print()
    print("prefectures (their own days only, the national days as published; complete years)")
    print(
        f"{'region':>13} {'year':>4}  {'days wrong':>4}  {'exact':>7}  {'inside':>7}  "
        f"{'mean w':>6}  {'p95 w':>5}  {'cases':>6}"
    )
    for region in PREFECTURES:
        shipped = Calendar.for_region(region).layers[-1]
        for year in (y.year for y in shipped.years if y.complete):
            r = prefecture_backtest(region, year)
            print(
                f"{region:>13} {year:>4}  {r['days wrong']:>4}  {r['exact']:>7.1%}  "
                f"{r['inside']:>7.1%}  {r['mean width']:>6.2f}  {r['p95 width']:>5}  "
                f"{r['cases']:>6}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
