"""Benchmark: the 5th working day after a date, in govdeadline, holidays and chinese-calendar.

It draws the same random dates (fixed seed, uniform over 2004-01-01..2026-09-30, so that five
working days later is still inside chinese-calendar's 2004-2026 data) and, in one process, asks
each library for the 5th working day after every date:

* ``govdeadline.Calendar.national().add_working_days(d, 5)``: the 5th working day strictly
  after ``d``; ``d`` itself is never counted.
* ``holidays.China(years=range(2004, 2027)).get_nth_working_day(d, 5)``: also counts strictly
  after ``d``; its makeup working days (调休) come from ``weekend_workdays``. The ``China``
  object is built once, and the time that takes is reported apart from the per-date timing.
* ``chinese_calendar.find_workday(5, d)``: first rolls a rest day ``d`` forward to the next
  working day and counts from there, so on rest days it gives
  ``add_working_days(d, 6)``.

Before timing, it checks the answers against each other: govdeadline and chinese-calendar must
agree on every working day and differ only on rest days (asserted); govdeadline and holidays
count the same way, so every date on which they disagree must come from a day the two data sets
classify differently (asserted), and those days are printed.

Then it times each library over the whole list with ``time.perf_counter`` (best of
``--repeat`` runs, garbage collection off, as :mod:`timeit` does). chinese-calendar takes
100 µs or more per call, so it is timed on the first ``--cc-n`` dates only. It prints µs per
date, the speed ratios and whether govdeadline meets its targets: at least 20x faster than
holidays and at least 300x faster than chinese-calendar. A missed target is reported, not an
error. Timings depend on the machine, so the Python version, platform and CPU are printed too.

Run it from the repository root, after ``pip install -e ".[bench]"`` (which installs
holidays)::

    python benchmarks/bench_calendar.py
    python benchmarks/bench_calendar.py --n 20000 --seed 7
"""

from __future__ import annotations

import argparse
import datetime
import gc
import random
import sys
import time
from collections.abc import Callable, Sequence

import chinese_calendar

import govdeadline

from _machine import print_machine, version_of

try:
    import holidays
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit('holidays is not installed; run: pip install -e ".[bench]"')

STEP = 5
FIRST = datetime.date(2004, 1, 1)
LAST = datetime.date(2026, 9, 30)
HOLIDAYS_YEARS = range(2004, 2027)
TARGET_VS_HOLIDAYS = 20.0
TARGET_VS_CHINESE_CALENDAR = 300.0
EXAMPLES = 5

# Days on which the data sets are known to differ, with what the official notice says.
KNOWN_DAYS = {
    datetime.date(2005, 12, 31): (
        "the 2006 notice (国办发明电〔2005〕35号) says “12月31日(星期六)上班”, so holidays has it "
        "right; chinese-calendar 1.11, and so govdeadline's national layer, has a plain weekend "
        "(chinese-calendar issue #125)"
    ),
}


def random_dates(n: int, seed: int) -> list[datetime.date]:
    rng = random.Random(seed)
    lo, hi = FIRST.toordinal(), LAST.toordinal()
    return [datetime.date.fromordinal(rng.randint(lo, hi)) for _ in range(n)]


def best_of(run: Callable[[], None], repeat: int) -> float:
    """Return the fastest of *repeat* runs of *run*, in seconds, with the collector off."""
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        return best
    finally:
        if gc_was_enabled:
            gc.enable()


def run_govdeadline(cal: govdeadline.Calendar, dates: Sequence[datetime.date]) -> None:
    add = cal.add_working_days
    for d in dates:
        add(d, STEP)


def run_holidays(china: holidays.HolidayBase, dates: Sequence[datetime.date]) -> None:
    nth = china.get_nth_working_day
    for d in dates:
        nth(d, STEP)


def run_chinese_calendar(dates: Sequence[datetime.date]) -> None:
    find = chinese_calendar.find_workday
    for d in dates:
        find(STEP, d)


def check_chinese_calendar(
    cal: govdeadline.Calendar,
    dates: Sequence[datetime.date],
    ours: Sequence[datetime.date],
) -> None:
    differ = [
        (d, r)
        for d, r in zip(dates, ours, strict=True)
        if chinese_calendar.find_workday(STEP, d) != r
    ]
    rest_days = sum(not cal.is_working_day(d) for d in dates)
    on_rest = [d for d, _ in differ if not cal.is_working_day(d)]
    print(
        f"govdeadline vs chinese_calendar.find_workday: {len(differ):,} of {len(dates):,} "
        f"differ; {len(on_rest):,} of them on rest days ({rest_days:,} rest days drawn)"
    )
    assert len(on_rest) == len(differ), "govdeadline and chinese-calendar differ on a working day"
    assert len(differ) == rest_days, "govdeadline and chinese-calendar agree on a rest day"
    for d, _ in differ:
        assert chinese_calendar.find_workday(STEP, d) == cal.add_working_days(d, STEP + 1), d
    print(
        "  all differences are on rest days, where find_workday rolls forward first and "
        f"returns add_working_days(d, {STEP + 1}): OK"
    )


def day_view(cal: govdeadline.Calendar, china: holidays.HolidayBase, day: datetime.date) -> str:
    ours = "working day" if cal.is_working_day(day) else "rest day"
    theirs = "working day" if china.is_working_day(day) else "rest day"
    label = china.get(day)
    theirs += f" ({label})" if label else ""
    kind = cal.day_kind(day).name
    return f"{day} {day:%a}: govdeadline {ours} ({kind}), holidays {theirs}"


def check_holidays(
    cal: govdeadline.Calendar,
    china: holidays.HolidayBase,
    dates: Sequence[datetime.date],
    ours: Sequence[datetime.date],
) -> None:
    theirs = [china.get_nth_working_day(d, STEP) for d in dates]
    differ = [(d, a, b) for d, a, b in zip(dates, ours, theirs, strict=True) if a != b]
    print(
        f"govdeadline vs holidays.China().get_nth_working_day: {len(dates) - len(differ):,} of "
        f"{len(dates):,} agree, {len(differ):,} differ"
    )
    if not differ:
        return
    # Both count working days strictly after d, so a different answer must come from a day
    # inside (d, later answer] that the two data sets classify differently.
    causes: dict[datetime.date, int] = {}
    for d, a, b in differ:
        days = (
            datetime.date.fromordinal(x)
            for x in range(d.toordinal() + 1, max(a, b).toordinal() + 1)
        )
        split = [x for x in days if cal.is_working_day(x) != china.is_working_day(x)]
        assert split, f"{d}: answers differ ({a} vs {b}) with no day classified differently"
        for x in split:
            causes[x] = causes.get(x, 0) + 1
    print("  every difference comes from a day the two data sets classify differently: OK")
    for day, count in sorted(causes.items()):
        print(f"  {count:,} dates are affected by {day_view(cal, china, day)}")
        if day in KNOWN_DAYS:
            print(f"    {KNOWN_DAYS[day]}")
    examples = sorted(set(differ))
    print(f"  {len(examples)} distinct dates differ; for example (date: govdeadline vs holidays):")
    for d, a, b in examples[:EXAMPLES]:
        print(f"    {d} {d:%a}: {a} {a:%a} vs {b} {b:%a}")


def compare_days(cal: govdeadline.Calendar, china: holidays.HolidayBase) -> None:
    """Compare the three calendars day by day over chinese-calendar's whole coverage."""
    first, last = datetime.date(2004, 1, 1), datetime.date(2026, 12, 31)
    days = [datetime.date.fromordinal(x) for x in range(first.toordinal(), last.toordinal() + 1)]
    vs_cc = [d for d in days if cal.is_working_day(d) != chinese_calendar.is_workday(d)]
    vs_holidays = [d for d in days if cal.is_working_day(d) != china.is_working_day(d)]
    print(
        f"day by day, {first}..{last} ({len(days):,} days): govdeadline and chinese-calendar "
        f"differ on {len(vs_cc)} days, govdeadline and holidays on {len(vs_holidays)}"
        + (f" ({', '.join(map(str, vs_holidays[:EXAMPLES]))})" if vs_holidays else "")
    )


def verdict(ratio: float, target: float) -> str:
    if ratio >= target:
        return "PASS"
    return f"MISS (needs {target / ratio:.2f}x more speed)"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of dates (100000)")
    parser.add_argument("--seed", type=int, default=20250604, help="random seed (20250604)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per library; the best counts (3)"
    )
    parser.add_argument(
        "--cc-n",
        type=int,
        default=10_000,
        help="dates timed for chinese-calendar, the first of the n (10000)",
    )
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1 or args.cc_n < 1:
        parser.error("--n, --repeat and --cc-n must be at least 1")

    print_machine()
    print(
        f"govdeadline {version_of('govdeadline')}, holidays {version_of('holidays')}, "
        f"chinesecalendar {version_of('chinesecalendar')}"
    )

    dates = random_dates(args.n, args.seed)
    cc_dates = dates[: min(args.cc_n, args.n)]
    print(f"{len(dates):,} dates, seed {args.seed}, uniform over {FIRST}..{LAST}; n = {STEP}")
    print()

    start = time.perf_counter()
    cal = govdeadline.Calendar.national()
    cal_build = time.perf_counter() - start
    start = time.perf_counter()
    china = holidays.China(years=HOLIDAYS_YEARS)
    china_build = time.perf_counter() - start
    print(f"build (not in the timings): govdeadline Calendar.national() {cal_build * 1e3:.1f} ms")
    print(
        f"                            holidays.China(years=range({HOLIDAYS_YEARS.start}, "
        f"{HOLIDAYS_YEARS.stop})) {china_build * 1e3:.1f} ms"
    )
    print()

    print("agreement")
    ours = [cal.add_working_days(d, STEP) for d in dates]
    check_chinese_calendar(cal, dates, ours)
    check_holidays(cal, china, dates, ours)
    compare_days(cal, china)
    print()

    print(f"timing (best of {args.repeat})")
    t_ours = best_of(lambda: run_govdeadline(cal, dates), args.repeat) / len(dates)
    t_holidays = best_of(lambda: run_holidays(china, dates), args.repeat) / len(dates)
    t_cc = best_of(lambda: run_chinese_calendar(cc_dates), args.repeat) / len(cc_dates)
    print(f"  govdeadline       {t_ours * 1e6:10.3f} µs per date ({len(dates):,} dates)")
    print(f"  holidays          {t_holidays * 1e6:10.3f} µs per date ({len(dates):,} dates)")
    print(
        f"  chinese_calendar  {t_cc * 1e6:10.3f} µs per date "
        f"(first {len(cc_dates):,} of the dates only: it is slow)"
    )
    vs_holidays = t_holidays / t_ours
    vs_cc = t_cc / t_ours
    print(f"  holidays / govdeadline         {vs_holidays:8.1f}x")
    print(f"  chinese_calendar / govdeadline {vs_cc:8.1f}x")
    print()
    print("targets")
    print(
        f"  govdeadline >= {TARGET_VS_HOLIDAYS:.0f}x faster than holidays: "
        f"{vs_holidays:.1f}x {verdict(vs_holidays, TARGET_VS_HOLIDAYS)}"
    )
    print(
        f"  govdeadline >= {TARGET_VS_CHINESE_CALENDAR:.0f}x faster than chinese_calendar: "
        f"{vs_cc:.1f}x {verdict(vs_cc, TARGET_VS_CHINESE_CALENDAR)}"
    )


if __name__ == "__main__":
    main()
