"""Benchmark govdeadline against the floor of each path, and against the other libraries.

Every path is timed beside the fastest plausible code for the same job (its *floor*), in the
same process, in interleaved rounds (A B A B ..., the order rotated each round; see
``_timing.py``), and reported as the median with its quartiles [q1-q3]. A ratio is taken
round by round and its median is what a target is checked against. Each target prints PASS or
MISS with the measured ratio; a miss is reported, not an error.

1. Scalar calls, on ``--n`` random dates (fixed seed, uniform over 2004-02-01..2026-09-30):
   ``WorkingDays(5).due(d, cal)`` and ``cal.add_working_days(d, 5)`` with
   ``cal = Calendar.national()``, against the pure-Python floor: a list of the working days'
   ordinals and a running count, built here from the calendar's public ``is_working_day``,
   then ``date.fromordinal(work[cum[d.toordinal() - lo] + 5 - 1])`` with the two range checks
   that keep it inside the data. ``cal.working_days_between(d, due)`` against ``due``.
   holidays' ``get_nth_working_day``, ``chinese_calendar.find_workday`` and workalendar's
   ``add_working_days`` (on 2018-2023, its only years) run in the same rounds. Answers are
   checked first: the floor must equal ``due`` on every date; chinese-calendar must differ
   exactly on rest-day starts (it rolls them forward first); every difference from holidays
   and workalendar must come from a day the data sets classify differently.
   Targets: ``due`` and ``add_working_days`` at most 1.2x the floor; ``working_days_between``
   at most 1.3x ``due``; and, as before, ``due`` at least 20x faster than holidays and 300x
   faster than chinese-calendar.

2. ``due_many`` on ``--n-many`` random ``datetime64[D]`` dates, against the NumPy floor:
   ``take(cum, days - lo)``, ``+ 5 - 1``, ``take(work, ...)``, with a minimum and a maximum
   checked before each gather. Page faults per call in steady state (``getrusage`` minor
   faults, after two warm-up calls) and peak memory of one call (tracemalloc, which sees
   NumPy's buffers). ``WeeklyOn(Weekday.TUESDAY, adjust="following")`` and ``MonthlyOn(18)``
   through ``due_many`` on the same dates, against ``WorkingDays(5).due_many`` and their own
   NumPy floors: the rule answered once for each day from the least start to the greatest
   (array arithmetic on about 8,400 days), then one gather. ``numpy.busday_offset`` with
   every rest day as a holiday is timed too. Every result is checked element by element.
   Targets: ``due_many`` at most 1.5x the floor, no page faults in steady state, peak memory
   at most 3x the input; each recurrence at most 3x ``WorkingDays(5).due_many``.

3. Time to first answer, in fresh processes: ``govdeadline due 6 --accepted 2025-06-04`` from
   an installed wheel (``pip wheel . --no-deps``, installed with holidays into a fresh venv
   under a temporary directory, so its bytecode is compiled at install), beside the same
   command from this environment (an editable install, its bytecode in a private warmed
   cache), against holidays' first ``China().get_nth_working_day`` in the wheel's venv and
   ``python -c pass``, ``--fresh-runs`` runs each, interleaved. A fresh process also checks
   that ``Calendar.for_region`` in the wheel does not import PyYAML, and ``-X importtime``
   shows where the command's import time goes. Targets: the command's time over
   ``python -c pass`` at most 0.5x holidays' time over it; no PyYAML for ``for_region``.

4. Scaling: a ``Case`` with k suspensions, each on the deadline the previous one made
   (k = 10, 100, 1000); the catalogue loaded from YAML at 105, 1,050 and 10,080 items (the
   shipped items repeated with new numbers) and looked up by number; ``explain`` and
   ``months()`` over spans of 1, 10 and 100 years (on ``beyond="assume"``: the data end in
   2026). The growth exponent is fitted by least squares on log time against log size.
   The collector stays on here, as in a user's program. Targets: every path at most
   size^1.15 (linear within noise); lookups constant (at most size^0.2); 10,080 items load
   in at most 110x the time of 105.

5. Dask, when it is installed: ``WorkingDays(5).due_many`` through ``map_partitions`` over a
   1,000,000-row frame on a LocalCluster of 2 worker processes, against plain ``due_many``
   on the same column; the calendar's pickled size. Targets: at most 5x plain; the
   calendar travels by name (a pickle under 1 kB).

Run it from the repository root, after ``pip install -e ".[test,bench]"``::

    python benchmarks/bench.py                  # a few minutes
    python benchmarks/bench.py --quick          # small sizes, a smoke run
    python benchmarks/bench.py --sections scalar,many --rounds 31

The machine, Python, library versions, core count and load average are printed, since every
timing depends on them. The script exits non-zero only when an answer check fails.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import gc
import os
import pickle
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chinese_calendar

import govdeadline
from _timing import (
    Contender,
    Row,
    Spread,
    at_most,
    calls_for,
    clock,
    fit_exponent,
    interleave,
    page_faults,
    paired,
    print_table,
    repeated,
    verdict,
)
from govdeadline import Calendar, MonthlyOn, Weekday, WeeklyOn, WorkingDays

from _machine import print_machine, version_of

try:
    import holidays
    import numpy as np
    import pandas as pd
    import workalendar.asia
    import yaml
    from workalendar.exceptions import CalendarError
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f'{exc.name} is not installed; run: pip install -e ".[test,bench]"')

ROOT = Path(__file__).resolve().parents[1]
STEP = 5
FIRST = datetime.date(2004, 2, 1)
LAST = datetime.date(2026, 9, 30)
HOLIDAYS_YEARS = range(2004, 2027)
WA_FIRST = datetime.date(2018, 1, 1)
WA_LAST = datetime.date(2023, 12, 31)
EPOCH = datetime.date(1970, 1, 1).toordinal()
ONE_DAY = datetime.timedelta(days=1)
SEED = 20250604
SPOT_CHECKS = 1_000
EXAMPLES = 5
MiB = 1024 * 1024

TARGET_DUE = 1.2
TARGET_BETWEEN = 1.3
TARGET_VS_HOLIDAYS = 20.0
TARGET_VS_CHINESE_CALENDAR = 300.0
TARGET_MANY = 1.5
TARGET_MEMORY = 3.0
TARGET_RECURRENCE = 3.0
TARGET_FIRST_ANSWER = 0.5
TARGET_IMPORT = 0.6
LINEAR = 1.15
CONSTANT = 0.2
TARGET_CATALOGUE = 110.0
TARGET_DASK = 5.0
TARGET_PICKLE = 1024

SECTIONS = ("scalar", "many", "fresh", "scaling", "dask")
DEFAULTS = {
    "n": 100_000,
    "n_many": 1_000_000,
    "rounds": 21,
    "many_rounds": 15,
    "fresh_runs": 15,
    "scale_rounds": 5,
    "cc_n": 10_000,
}
QUICK = {
    "n": 5_000,
    "n_many": 100_000,
    "rounds": 5,
    "many_rounds": 3,
    "fresh_runs": 3,
    "scale_rounds": 2,
    "cc_n": 500,
}
CASE_SIZES = (10, 100, 1000)
CATALOGUE_SIZES = (105, 1050, 10080)
CATALOGUE_SIZES_QUICK = (105, 525, 2100)
SPAN_YEARS = (1, 10, 100)

# Days on which the data sets are known to differ, with what the official notice says.
KNOWN_DAYS = {
    datetime.date(2005, 12, 31): (
        "the 2006 notice (国办发明电〔2005〕35号) says “12月31日(星期六)上班”, so holidays has it "
        "right; chinese-calendar 1.11, and so govdeadline's national layer, has a plain weekend "
        "(chinese-calendar issue #125)"
    ),
    datetime.date(2020, 1, 31): (
        "国办发明电〔2020〕1号 extended the 2020 Spring Festival holiday to 2 February; "
        "workalendar 17.0 keeps the schedule announced before"
    ),
    datetime.date(2020, 2, 1): (
        "国办发明电〔2020〕1号 extended the 2020 Spring Festival holiday to 2 February; "
        "workalendar 17.0 keeps the schedule announced before"
    ),
}

Dates = Sequence[datetime.date]
Pairs = Sequence[tuple[datetime.date, datetime.date]]


class AgreementError(Exception):
    """Two computations of the same answers disagree in a way the checks do not expect."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise AgreementError(message)


def micro(seconds: float) -> str:
    return f"{seconds * 1e6:.3f} µs"


def milli(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def show(spread: Spread, unit: str = "µs") -> str:
    scale, digits = {"µs": (1e6, 3), "ms": (1e3, 1), "s": (1.0, 2)}[unit]
    return spread.show(scale, digits, f" {unit}")


def section(title: str) -> None:
    print()
    print(title)
    print("-" * len(title))


# -- the floors ----------------------------------------------------------------------------


class Index:
    """The floor's data: the working days' ordinals and a running count of them.

    Built from the calendar's public ``is_working_day``, day by day over its coverage, so
    it shares no code with the calendar's own index. ``cum[i]`` is the number of working
    days among ``lo .. lo + i``; ``work[j]`` is the ordinal of the (j+1)-th.
    """

    def __init__(self, cal: Calendar) -> None:
        first, last = cal.coverage
        self.lo = first.toordinal()
        self.work: list[int] = []
        self.cum: list[int] = []
        is_working = cal.is_working_day
        fromordinal = datetime.date.fromordinal
        for x in range(self.lo, last.toordinal() + 1):
            if is_working(fromordinal(x)):
                self.work.append(x)
            self.cum.append(len(self.work))

    def due(self) -> Callable[[datetime.date, int], datetime.date]:
        """The pure-Python floor of ``add_working_days``: two look-ups and two range checks."""
        cum, work, lo = self.cum, self.work, self.lo
        size, nwork = len(cum), len(work)
        fromordinal = datetime.date.fromordinal

        def due(d: datetime.date, n: int) -> datetime.date:
            i = d.toordinal() - lo
            if 0 <= i < size:
                t = cum[i] + n
                if t <= nwork:
                    return fromordinal(work[t - 1])
            raise ValueError(f"{d} + {n} working days leaves the index")

        return due

    def between(self) -> Callable[[datetime.date, datetime.date], int]:
        """The pure-Python floor of ``working_days_between``: a subtraction of two look-ups."""
        cum, lo = self.cum, self.lo
        size = len(cum)

        def between(a: datetime.date, b: datetime.date) -> int:
            i, j = a.toordinal() - lo, b.toordinal() - lo
            if 0 <= i < size and 0 <= j < size:
                return cum[j] - cum[i]
            raise ValueError(f"{a}..{b} leaves the index")

        return between


class ArrayFloor:
    """NumPy floors for ``due_many``, on the same index as days since 1970."""

    def __init__(self, index: Index) -> None:
        self.lo = index.lo - EPOCH
        self.cum = np.asarray(index.cum, dtype=np.int64)
        self.work = np.asarray(index.work, dtype=np.int64) - EPOCH
        self.size = self.cum.size
        self.nwork = self.work.size

    def _offsets(self, starts: Any, before: int, after: int) -> Any:
        """Days since ``lo`` of each start, checked to leave *before* and *after* days of room."""
        i = starts.view(np.int64) - self.lo
        if i.min() < before or i.max() >= self.size - after:
            raise ValueError("a start leaves the index")
        return i

    def working_days(self, starts: Any, n: int) -> Any:
        """``WorkingDays(n).due_many``: two gathers with range checks."""
        i = self._offsets(starts, 0, 0)
        t = np.take(self.cum, i, mode="clip")  # clip: the range is checked above
        del i
        t += n - 1
        if t.max() >= self.nwork:
            raise ValueError("an answer leaves the index")
        return np.take(self.work, t, mode="clip").view("datetime64[D]")

    def weekly_following(self, starts: Any, weekday: int) -> Any:
        """``WeeklyOn(weekday, adjust="following").due_many``: four gathers.

        r is the first *weekday* after x; the answer is the first working day on or after r,
        unless the occurrence before r (r - 7, on or before x) moves forward past x: it does
        when no day of [r - 7, x] is a working day, and then lands on the first working day
        after x.
        """
        days = starts.view(np.int64)
        i = self._offsets(starts, 7, 7)
        r = (weekday - 4 - days) % 7  # 1970-01-01 was a Thursday (weekday 3): 4 = 3 + 1
        r += i
        r += 1  # the first `weekday` strictly after x, as an offset: x + 1..7
        at_x = np.take(self.cum, i, mode="clip")
        r -= 1
        to_r = np.take(self.cum, r, mode="clip")  # working days up to r - 1
        r -= 7
        before = np.take(self.cum, r, mode="clip")  # working days up to r - 8
        idx = np.where(before == at_x, at_x, to_r)
        if idx.max() >= self.nwork:
            raise ValueError("an answer leaves the index")
        return np.take(self.work, idx, mode="clip").view("datetime64[D]")

    @staticmethod
    def by_range(starts: Any, answer: Callable[[Any], Any]) -> Any:
        """*answer* for every day from the least start to the greatest, then one gather.

        The starts of a table lie in a bounded range (here about 8,400 days for a million
        starts), so a rule needs answering once per day of the range, not once per start,
        and without sorting the starts to find the distinct ones.
        """
        days = starts.view(np.int64)
        first, last = int(days.min()), int(days.max())
        span = np.arange(first, last + 1, dtype=np.int64).view("datetime64[D]")
        table = answer(span).view(np.int64)
        return np.take(table, days - first, mode="clip").view("datetime64[D]")

    @staticmethod
    def monthly(starts: Any, day: int) -> Any:
        """``MonthlyOn(day).due_many`` (unadjusted, day <= 28): month arithmetic."""
        months = starts.astype("datetime64[M]")
        late = (starts - months.astype("datetime64[D]")).view(np.int64) >= day - 1
        months += late
        return months.astype("datetime64[D]") + (day - 1)


# -- 1. scalar calls -----------------------------------------------------------------------


def random_dates(n: int, seed: int) -> list[datetime.date]:
    rng = random.Random(seed)
    lo, hi = FIRST.toordinal(), LAST.toordinal()
    return [datetime.date.fromordinal(rng.randint(lo, hi)) for _ in range(n)]


def days_between(a: datetime.date, b: datetime.date) -> list[datetime.date]:
    """Every day from *a* to *b*, both included."""
    return [datetime.date.fromordinal(x) for x in range(a.toordinal(), b.toordinal() + 1)]


def split_days(
    pairs: Iterable[tuple[datetime.date, datetime.date, datetime.date]],
    ours_working: Callable[[datetime.date], bool],
    theirs_working: Callable[[datetime.date], bool],
) -> tuple[int, dict[datetime.date, int]]:
    """Check that every differing answer comes from a day the two data sets classify apart.

    Both count working days strictly after the start, so a different answer must come from
    a day in (start, later answer] classified differently. Return the number of differing
    starts and, for every such day, how many starts it affects.
    """
    differ = 0
    causes: dict[datetime.date, int] = {}
    for d, a, b in pairs:
        if a == b:
            continue
        differ += 1
        split = [
            x for x in days_between(d + ONE_DAY, max(a, b)) if ours_working(x) != theirs_working(x)
        ]
        require(bool(split), f"{d}: answers differ ({a} vs {b}) with no day classified apart")
        for x in split:
            causes[x] = causes.get(x, 0) + 1
    return differ, causes


def print_causes(causes: dict[datetime.date, int]) -> None:
    for day, count in sorted(causes.items()):
        print(f"      {day} {day:%a}: {count:,} starts affected")
        if day in KNOWN_DAYS:
            print(f"        {KNOWN_DAYS[day]}")


def scalar_checks(
    cal: Calendar,
    floor_due: Callable[[datetime.date, int], datetime.date],
    pairs: Pairs,
    china: Any,
    wa: Any,
    cc_pairs: Pairs,
    wa_pairs: Pairs,
) -> None:
    """The answers every contender of section 1 gives, checked before any timing."""
    differ = [d for d, due in pairs if floor_due(d, STEP) != due]
    require(not differ, f"the floor and due() differ on {differ[:5]}")
    differ = [d for d, due in pairs if cal.add_working_days(d, STEP) != due]
    require(not differ, f"add_working_days and due() differ on {differ[:5]}")
    differ = [d for d, due in pairs if cal.working_days_between(d, due) != STEP]
    require(not differ, f"working_days_between(d, due(d)) != {STEP} on {differ[:5]}")
    print(
        f"  the floor, due, add_working_days agree on all {len(pairs):,} dates, and "
        f"working_days_between(d, due(d)) == {STEP} on each"
    )

    find = chinese_calendar.find_workday
    rest = [d for d, _ in cc_pairs if not cal.is_working_day(d)]
    differ = [d for d, due in cc_pairs if find(STEP, d) != due]
    require(set(differ) == set(rest), "chinese-calendar differs on other than the rest-day starts")
    wrong = [d for d in differ if find(STEP, d) != cal.add_working_days(d, STEP + 1)]
    require(not wrong, f"find_workday({STEP}, d) != add_working_days(d, {STEP + 1}) on {wrong[:5]}")
    print(
        f"  chinese_calendar.find_workday differs on exactly the {len(rest):,} rest-day starts "
        f"of {len(cc_pairs):,} (it rolls them forward first; there it equals "
        f"add_working_days(d, {STEP + 1}))"
    )

    theirs = ((d, due, china.get_nth_working_day(d, STEP)) for d, due in pairs)
    count, causes = split_days(theirs, cal.is_working_day, china.is_working_day)
    print(
        f"  holidays get_nth_working_day differs on {count:,} of {len(pairs):,}, each through "
        "a day the data sets classify apart:"
    )
    print_causes(causes)

    theirs = []
    for d, due in wa_pairs:
        try:
            theirs.append((d, due, wa.add_working_days(d, STEP)))
        except CalendarError:  # pragma: no cover - the subset lies inside its years
            continue
    count, causes = split_days(theirs, cal.is_working_day, wa.is_working_day)
    print(
        f"  workalendar add_working_days differs on {count:,} of {len(theirs):,} starts in "
        f"{WA_FIRST.year}-{WA_LAST.year}, each through a day the data sets classify apart:"
    )
    print_causes(causes)


def scalar(args: argparse.Namespace, cal: Calendar, index: Index) -> list[Row]:
    section(f"1. scalar calls: the {STEP}th working day after a date")
    rule = WorkingDays(STEP)
    dates = random_dates(args.n, args.seed)
    pairs = [(d, rule.due(d, cal)) for d in dates]
    floor_due = index.due()
    floor_between = index.between()
    china = holidays.China(years=HOLIDAYS_YEARS)
    wa = workalendar.asia.China()
    cc_pairs = pairs[: min(args.cc_n, len(pairs))]
    wa_all = [(d, due) for d, due in pairs if d + ONE_DAY >= WA_FIRST and due <= WA_LAST]
    print(
        f"  {len(pairs):,} dates, seed {args.seed}, uniform over {FIRST}..{LAST}; "
        f"{len(cc_pairs):,} checked with chinese-calendar, {len(wa_all):,} with workalendar"
    )
    scalar_checks(cal, floor_due, pairs, china, wa, cc_pairs, wa_all)

    due = rule.due
    add = cal.add_working_days
    between = cal.working_days_between
    nth = china.get_nth_working_day
    find = chinese_calendar.find_workday
    wa_add = wa.add_working_days
    n = len(pairs)
    # The peers are slow: their blocks take about as long as one of the fast loops.
    h_pairs = pairs[: max(1, n // 20)]
    c_pairs = cc_pairs[: max(1, n // 400)]
    w_pairs = wa_all[: max(1, n // 100)]

    def loop_alone() -> None:
        for _d, _e in pairs:
            pass

    def loop_floor() -> None:
        for d, _e in pairs:
            floor_due(d, STEP)

    def loop_due() -> None:
        for d, _e in pairs:
            due(d, cal)

    def loop_add() -> None:
        for d, _e in pairs:
            add(d, STEP)

    def loop_between() -> None:
        for d, e in pairs:
            between(d, e)

    def loop_floor_between() -> None:
        for d, e in pairs:
            floor_between(d, e)

    def loop_holidays() -> None:
        for d, _e in h_pairs:
            nth(d, STEP)

    def loop_chinese_calendar() -> None:
        for d, _e in c_pairs:
            find(STEP, d)

    def loop_workalendar() -> None:
        for d, _e in w_pairs:
            wa_add(d, STEP)

    contenders = {
        "loop alone": Contender(loop_alone, n),
        "floor": Contender(loop_floor, n),
        "due": Contender(loop_due, n),
        "add_working_days": Contender(loop_add, n),
        "working_days_between": Contender(loop_between, n),
        "floor of working_days_between": Contender(loop_floor_between, n),
        "holidays get_nth_working_day": Contender(loop_holidays, len(h_pairs)),
        "chinese_calendar.find_workday": Contender(loop_chinese_calendar, len(c_pairs)),
        "workalendar add_working_days": Contender(loop_workalendar, len(w_pairs)),
    }
    print(f"  timing: {args.rounds} interleaved rounds, collector off; per call, median [q1-q3]")
    samples = interleave(contenders, args.rounds)
    spreads = {name: Spread.of(s) for name, s in samples.items()}
    for name, spread in spreads.items():
        calls = contenders[name].calls
        print(f"    {name:<32} {show(spread):>28}  ({calls:,} calls a block)")
    ratio = {
        "due": paired(samples, "due", "floor"),
        "add": paired(samples, "add_working_days", "floor"),
        "between": paired(samples, "working_days_between", "due"),
        "holidays": paired(samples, "holidays get_nth_working_day", "due"),
        "cc": paired(samples, "chinese_calendar.find_workday", "due"),
        "wa": paired(samples, "workalendar add_working_days", "due"),
    }
    print("  ratios, round by round, median [q1-q3]")
    print(f"    due / floor                          {ratio['due'].show(1, 2, 'x')}")
    print(f"    add_working_days / floor             {ratio['add'].show(1, 2, 'x')}")
    print(f"    working_days_between / due           {ratio['between'].show(1, 2, 'x')}")
    print(f"    holidays / due                       {ratio['holidays'].show(1, 1, 'x')}")
    print(f"    chinese_calendar / due               {ratio['cc'].show(1, 0, 'x')}")
    print(f"    workalendar / due                    {ratio['wa'].show(1, 1, 'x')}")
    loop = spreads["loop alone"].median
    net = (spreads["due"].median - loop) / (spreads["floor"].median - loop)
    print(f"    due / floor, the bare loop's {micro(loop)} taken off both: {net:.2f}x")

    floor_text = f"floor {micro(spreads['floor'].median)}"
    rows = [
        at_most(
            f"WorkingDays({STEP}).due",
            micro(spreads["due"].median),
            floor_text,
            ratio["due"].median,
            TARGET_DUE,
        ),
        at_most(
            f"add_working_days(d, {STEP})",
            micro(spreads["add_working_days"].median),
            floor_text,
            ratio["add"].median,
            TARGET_DUE,
        ),
        at_most(
            "working_days_between",
            micro(spreads["working_days_between"].median),
            f"due {micro(spreads['due'].median)} (its floor "
            f"{micro(spreads['floor of working_days_between'].median)})",
            ratio["between"].median,
            TARGET_BETWEEN,
        ),
    ]
    for key, name, target in (
        ("holidays", "holidays get_nth_working_day", TARGET_VS_HOLIDAYS),
        ("cc", "chinese_calendar.find_workday", TARGET_VS_CHINESE_CALENDAR),
    ):
        value = ratio[key].median
        rows.append(
            Row(
                f"due vs {name}",
                micro(spreads[name].median),
                f"due {micro(spreads['due'].median)}",
                f"{value:.1f}x slower",
                f">= {target:g}x",
                verdict(value >= target),
            )
        )
    rows.append(
        Row(
            "due vs workalendar add_working_days",
            micro(spreads["workalendar add_working_days"].median),
            f"due {micro(spreads['due'].median)}",
            f"{ratio['wa'].median:.1f}x slower",
            "",
            "info",
        )
    )
    return rows


# -- 2. many dates at once -----------------------------------------------------------------


def random_starts(n: int, seed: int) -> Any:
    rng = np.random.default_rng(seed)
    lo = np.datetime64(FIRST, "D").astype(np.int64)
    hi = np.datetime64(LAST, "D").astype(np.int64)
    return rng.integers(lo, hi, size=n, endpoint=True).astype("datetime64[D]")


def check_equal(name: str, starts: Any, ours: Any, theirs: Any) -> None:
    require(ours.shape == theirs.shape, f"{name}: shapes {ours.shape} vs {theirs.shape}")
    differ = np.flatnonzero(ours != theirs)
    for i in differ[:EXAMPLES]:
        print(f"    start {starts[i]}: {ours[i]} vs {theirs[i]}")
    require(differ.size == 0, f"{name}: {differ.size:,} of {starts.size:,} dates differ")
    print(f"  {name}: all {starts.size:,} equal")


def check_scalar(name: str, rule: Any, cal: Calendar, starts: Any, ours: Any, seed: int) -> None:
    picks = np.random.default_rng(seed).choice(
        starts.size, size=min(SPOT_CHECKS, starts.size), replace=False
    )
    differ = [i for i in picks if np.datetime64(rule.due(starts[i].item(), cal), "D") != ours[i]]
    require(not differ, f"{name}: {len(differ)} sampled dates differ from due()")
    print(f"  {name}: {picks.size:,} sampled dates equal {rule!r}.due(d, cal)")


def steady_faults(run: Callable[[], object], calls: int = 5) -> list[int]:
    """Minor page faults of each of *calls* calls of *run*, after two warm-up calls."""
    run()
    run()
    found = []
    for _ in range(calls):
        before = page_faults()
        run()
        found.append(page_faults() - before)
    return found


def peak_bytes(run: Callable[[], object]) -> int:
    """The most memory one call of *run* holds at once, its result included (tracemalloc)."""
    run()
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        result = run()
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    del result
    return peak


def many(args: argparse.Namespace, cal: Calendar, index: Index) -> tuple[list[Row], Any]:
    section("2. due_many on datetime64[D] arrays")
    starts = random_starts(args.n_many, args.seed)
    n = starts.size
    floor = ArrayFloor(index)
    rule = WorkingDays(STEP)
    weekly = WeeklyOn(Weekday.TUESDAY, adjust="following")
    monthly = MonthlyOn(18)
    series = pd.Series(starts)
    rest = [d for d in days_between(*cal.coverage) if not chinese_calendar.is_workday(d)]
    bc = np.busdaycalendar(weekmask="1111111", holidays=np.array(rest, dtype="datetime64[D]"))
    print(
        f"  {n:,} dates ({starts.nbytes / MiB:.1f} MiB), seed {args.seed}, uniform over "
        f"{FIRST}..{LAST}; numpy.busdaycalendar with the {len(rest):,} rest days of "
        "chinese_calendar.is_workday, all seven weekdays working otherwise"
    )

    runs: dict[str, Callable[[], Any]] = {
        "floor": lambda: floor.working_days(starts, STEP),
        "due_many": lambda: rule.due_many(starts, cal),
        "due_many(pd.Series)": lambda: rule.due_many(series, cal),
        "numpy.busday_offset": lambda: np.busday_offset(
            starts, STEP, roll="backward", busdaycal=bc
        ),
        "weekly floor": lambda: floor.by_range(
            starts, lambda span: floor.weekly_following(span, Weekday.TUESDAY)
        ),
        "weekly due_many": lambda: weekly.due_many(starts, cal),
        "monthly floor": lambda: floor.by_range(starts, lambda span: ArrayFloor.monthly(span, 18)),
        "monthly due_many": lambda: monthly.due_many(starts, cal),
    }
    first = {}
    results = {}
    for name in ("due_many", "weekly due_many", "monthly due_many"):
        first[name], results[name] = clock_result(runs[name])
    check_equal("due_many vs the floor", starts, results["due_many"], runs["floor"]())
    check_equal(
        "due_many vs busday_offset", starts, results["due_many"], runs["numpy.busday_offset"]()
    )
    from_series = runs["due_many(pd.Series)"]().to_numpy().astype("datetime64[D]")
    check_equal("due_many(pd.Series) vs due_many", starts, from_series, results["due_many"])
    check_scalar("due_many", rule, cal, starts, results["due_many"], args.seed + 1)
    check_equal(
        f"{weekly!r}.due_many vs its floor",
        starts,
        results["weekly due_many"],
        runs["weekly floor"](),
    )
    check_scalar(
        f"{weekly!r}.due_many", weekly, cal, starts, results["weekly due_many"], args.seed + 2
    )
    check_equal(
        f"{monthly!r}.due_many vs its floor",
        starts,
        results["monthly due_many"],
        runs["monthly floor"](),
    )
    check_scalar(
        f"{monthly!r}.due_many", monthly, cal, starts, results["monthly due_many"], args.seed + 3
    )
    print(
        "  first calls in this process: "
        + ", ".join(f"{name} {milli(t)}" for name, t in first.items())
    )

    group = ("floor", "due_many", "due_many(pd.Series)", "numpy.busday_offset")
    print(f"  timing: {args.many_rounds} interleaved rounds, collector off; per call")
    samples = interleave({k: Contender(runs[k]) for k in group}, args.many_rounds)
    recurrence_group = (
        "due_many",
        "weekly floor",
        "weekly due_many",
        "monthly floor",
        "monthly due_many",
    )
    rec_rounds = max(3, args.many_rounds // 2)
    rec_samples = interleave({k: Contender(runs[k]) for k in recurrence_group}, rec_rounds)
    spreads = {k: Spread.of(v) for k, v in samples.items()}
    rec = {k: Spread.of(v) for k, v in rec_samples.items()}
    for label, group_spreads, rounds in (
        ("WorkingDays", spreads, args.many_rounds),
        ("recurrences", rec, rec_rounds),
    ):
        print(f"    {label}, {rounds} rounds")
        for name, spread in group_spreads.items():
            print(
                f"      {name:<24} {show(spread, 'ms'):>26}  "
                f"({spread.median / n * 1e9:.2f} ns a date)"
            )
    ratio_many = paired(samples, "due_many", "floor")
    ratio_numpy = paired(samples, "due_many", "numpy.busday_offset")
    ratio_series = paired(samples, "due_many(pd.Series)", "due_many")
    ratio_weekly = paired(rec_samples, "weekly due_many", "due_many")
    ratio_monthly = paired(rec_samples, "monthly due_many", "due_many")
    print(
        f"  due_many / floor {ratio_many.show(1, 2, 'x')}; "
        f"/ busday_offset {ratio_numpy.show(1, 3, 'x')}"
    )
    print(f"  due_many(Series) / due_many(array) {ratio_series.show(1, 2, 'x')}")
    print(f"  {weekly!r} / WorkingDays({STEP}) {ratio_weekly.show(1, 2, 'x')}")
    print(f"  {monthly!r} / WorkingDays({STEP}) {ratio_monthly.show(1, 2, 'x')}")

    faults = {
        k: steady_faults(runs[k])
        for k in ("floor", "due_many", "weekly due_many", "monthly due_many")
    }
    peaks = {
        k: peak_bytes(runs[k]) for k in ("floor", "due_many", "weekly due_many", "monthly due_many")
    }
    print("  steady state: minor page faults per call (5 calls after 2), peak memory of one call")
    for k in faults:
        print(
            f"    {k:<24} faults {faults[k]}, peak {peaks[k] / MiB:6.1f} MiB "
            f"({peaks[k] / starts.nbytes:.2f}x the input)"
        )

    med_faults = statistics.median(faults["due_many"])
    memory = peaks["due_many"] / starts.nbytes
    per = f"{n:,} dates"
    rows = [
        at_most(
            f"due_many, {per}",
            milli(spreads["due_many"].median),
            f"NumPy floor {milli(spreads['floor'].median)}",
            ratio_many.median,
            TARGET_MANY,
        ),
        Row(
            "due_many page faults a call, steady",
            f"{med_faults:,.0f}",
            f"floor {statistics.median(faults['floor']):,.0f}",
            "",
            "0",
            verdict(med_faults == 0),
        ),
        at_most(
            "due_many peak memory / input",
            f"{peaks['due_many'] / MiB:.1f} MiB",
            f"floor {peaks['floor'] / MiB:.1f} MiB; input {starts.nbytes / MiB:.1f} MiB",
            memory,
            TARGET_MEMORY,
        ),
        at_most(
            f"{weekly!r}.due_many",
            milli(rec["weekly due_many"].median),
            f"WorkingDays {milli(rec['due_many'].median)}; its floor "
            f"{milli(rec['weekly floor'].median)}",
            ratio_weekly.median,
            TARGET_RECURRENCE,
        ),
        at_most(
            f"{monthly!r}.due_many",
            milli(rec["monthly due_many"].median),
            f"WorkingDays {milli(rec['due_many'].median)}; its floor "
            f"{milli(rec['monthly floor'].median)}",
            ratio_monthly.median,
            TARGET_RECURRENCE,
        ),
        Row(
            "due_many vs numpy.busday_offset",
            milli(spreads["due_many"].median),
            f"busday_offset {milli(spreads['numpy.busday_offset'].median)}",
            f"{ratio_numpy.median:.3f}x",
            "",
            "info",
        ),
        Row(
            "due_many(pd.Series)",
            milli(spreads["due_many(pd.Series)"].median),
            f"array {milli(spreads['due_many'].median)}",
            f"{ratio_series.median:.2f}x",
            "",
            "info",
        ),
    ]
    return rows, starts


def clock_result(run: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds of one call of *run*, collector off, and its result."""
    box: list[Any] = []
    seconds = clock(lambda: box.append(run()))
    return seconds, box[0]


# -- 3. time to first answer ---------------------------------------------------------------

FIRST_ANSWER = ["due", "6", "--accepted", "2025-06-04"]
HOLIDAYS_FIRST = (
    "import datetime, holidays; "
    "print(holidays.China().get_nth_working_day(datetime.date(2025, 6, 4), 5))"
)
FOR_REGION_YAML = (
    "import sys, govdeadline; govdeadline.Calendar.for_region('xinjiang'); "
    "print(int('yaml' in sys.modules))"
)
CLI_MODULES = (
    "import sys; from govdeadline.cli import main; "
    f"main({FIRST_ANSWER!r}); "
    "print(' '.join(m for m in ('yaml', 'attr', 'numpy', 'typing', 'inspect') if m in sys.modules))"
)
IMPORT_MODULES = (
    "import sys, govdeadline; "
    "print(' '.join(m for m in ('yaml', 'attr', 'numpy') if m in sys.modules))"
)


def scripts_dir(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def quiet_run(argv: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, check=True, **kwargs)


def wheel_venv(tmp: Path) -> Path | None:
    """Build the wheel, install it with holidays into a fresh venv; the venv, or None."""
    wheels = tmp / "wheels"
    venv = tmp / "venv"
    pip = ["-m", "pip", "--disable-pip-version-check", "--quiet"]
    wanted = version_of("holidays")
    try:
        quiet_run([sys.executable, *pip, "wheel", str(ROOT), "-w", str(wheels), "--no-deps"])
        (wheel,) = wheels.glob("govdeadline-*.whl")
        quiet_run([sys.executable, "-m", "venv", str(venv)])
        python = scripts_dir(venv) / "python"
        holidays_req = "holidays" if wanted == "unknown" else f"holidays=={wanted}"
        quiet_run([str(python), *pip, "install", str(wheel), holidays_req])
    except (subprocess.CalledProcessError, ValueError) as exc:
        text = getattr(exc, "stderr", "") or str(exc)
        print("  could not build and install the wheel; wheel timings skipped:")
        for line in text.strip().splitlines()[-5:]:
            print(f"    {line}")
        return None
    print(f"  built {wheel.name} and installed it with {holidays_req} into a fresh venv")
    return venv


def process_env(cache: Path | None) -> dict[str, str]:
    """The environment of the fresh processes.

    Without *cache* (the wheel's venv), bytecode comes from where pip compiled it at install.
    With it (this environment, an editable install), bytecode is read from and written to
    the private *cache*, warmed by an untimed run, so that nothing is compiled in a timed run
    and nothing is written next to the sources.
    """
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env.pop("PYTHONPYCACHEPREFIX", None)
    if cache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def import_breakdown(
    python: Path, env: dict[str, str], cwd: Path, runs: int = 3
) -> list[tuple[str, float]]:
    """Seconds of import time (self) of the CLI's first answer, by top-level package."""
    totals: dict[str, list[float]] = {}
    code = (  # as the console script runs it
        f"import sys; sys.argv = ['govdeadline', *{FIRST_ANSWER!r}]; "
        "from govdeadline.__main__ import run; run()"
    )
    for _ in range(runs):
        done = quiet_run([str(python), "-X", "importtime", "-c", code], env=env, cwd=cwd)
        found: dict[str, float] = {}
        for line in done.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|(\s*)(\S+)", line)
            if m:
                package = m[3].split(".")[0]
                found[package] = found.get(package, 0.0) + int(m[1]) / 1e6
        for package, seconds in found.items():
            totals.setdefault(package, []).append(seconds)
    return sorted(((k, statistics.median(v)) for k, v in totals.items()), key=lambda kv: -kv[1])


def fresh(args: argparse.Namespace) -> list[Row]:
    section("3. time to first answer, fresh processes")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="govdeadline-bench-") as name:
        tmp = Path(name)
        cwd = tmp / "cwd"  # a neutral directory: nothing importable from the checkout
        cwd.mkdir()
        venv = wheel_venv(tmp)
        here = Path(sys.executable).parent
        script = here / "govdeadline"
        editable_cli = [str(script)] if script.exists() else [sys.executable, "-m", "govdeadline"]
        editable_env = process_env(tmp / "pycache")
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "editable: python -c pass": ([sys.executable, "-c", "pass"], editable_env),
            "editable: govdeadline due 6": ([*editable_cli, *FIRST_ANSWER], editable_env),
        }
        if venv is not None:
            python = str(scripts_dir(venv) / "python")
            wheel_env = process_env(None)
            commands = {
                "wheel: python -c pass": ([python, "-c", "pass"], wheel_env),
                "wheel: govdeadline due 6": (
                    [str(scripts_dir(venv) / "govdeadline"), *FIRST_ANSWER],
                    wheel_env,
                ),
                "wheel venv: holidays first answer": ([python, "-c", HOLIDAYS_FIRST], wheel_env),
                "wheel: import govdeadline": ([python, "-c", "import govdeadline"], wheel_env),
                "wheel venv: import holidays": ([python, "-c", "import holidays"], wheel_env),
                **commands,
            }
        outputs = {
            k: quiet_run(argv, env=env, cwd=cwd).stdout for k, (argv, env) in commands.items()
        }
        for k, out in outputs.items():
            if "due 6" in k:
                require("2025-06-16" in out, f"{k} did not answer 2025-06-16:\n{out}")
            if "holidays first" in k:
                require(out.strip() == "2025-06-11", f"{k} answered {out.strip()!r}")
        print(
            "  answers checked: item 6 due 2025-06-16 on the xinjiang calendar; holidays' 5th "
            "working day after 2025-06-04, 2025-06-11 (national)"
        )

        def process(argv: list[str], env: dict[str, str]) -> Callable[[], object]:
            return lambda: subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=True)

        contenders = {k: Contender(process(argv, env)) for k, (argv, env) in commands.items()}
        print(f"  {args.fresh_runs} runs of each, interleaved; wall time of the process")
        samples = interleave(contenders, args.fresh_runs, warm=False)
        spreads = {k: Spread.of(v) for k, v in samples.items()}
        for k, spread in spreads.items():
            print(f"    {k:<36} {show(spread, 'ms'):>24}")
        base = {k.split(":")[0]: spreads[k].median for k in spreads if k.endswith("-c pass")}

        def net(k: str) -> float:
            return spreads[k].median - base["wheel" if k.startswith("wheel") else "editable"]

        editable = net("editable: govdeadline due 6")
        if venv is None:
            rows.append(Row("first answer, installed wheel", "not measured", "", "", "", "skipped"))
            rows.append(
                Row("first answer, editable install", f"+{milli(editable)}", "", "", "", "info")
            )
            return rows

        ours, theirs = net("wheel: govdeadline due 6"), net("wheel venv: holidays first answer")
        gross = (
            spreads["wheel: govdeadline due 6"].median
            / spreads["wheel venv: holidays first answer"].median
        )
        imp = net("wheel: import govdeadline") / net("wheel venv: import holidays")
        print(
            f"  over python -c pass: govdeadline due 6 +{milli(ours)} (wheel), +{milli(editable)} "
            f"(editable); holidays' first answer +{milli(theirs)}; ratio {ours / theirs:.2f}x "
            f"(whole processes {gross:.2f}x)"
        )
        python_path = scripts_dir(venv) / "python"
        breakdown = import_breakdown(python_path, wheel_env, cwd)
        print(
            "  where the wheel's import time goes (-X importtime, self time by package, "
            "median of 3):"
        )
        print("    " + ", ".join(f"{k} {v * 1e3:.1f}" for k, v in breakdown[:10]) + " (ms)")
        yaml_for_region = quiet_run(
            [str(python_path), "-c", FOR_REGION_YAML], env=wheel_env, cwd=cwd
        )
        yaml_used = yaml_for_region.stdout.strip() == "1"
        loaded = quiet_run([str(python_path), "-c", CLI_MODULES], env=wheel_env, cwd=cwd)
        after_cli = loaded.stdout.strip().splitlines()[-1]
        after_import = quiet_run([str(python_path), "-c", IMPORT_MODULES], env=wheel_env, cwd=cwd)
        print(
            "  wheel: Calendar.for_region('xinjiang') imports PyYAML: "
            + ("yes" if yaml_used else "no")
        )
        print(
            f"  wheel: loaded by 'due 6', of yaml attr numpy typing inspect: {after_cli or 'none'}"
        )
        print(
            "  wheel: loaded by import govdeadline, of yaml attr numpy: "
            + (after_import.stdout.strip() or "none")
        )

    rows += [
        at_most(
            "first answer (due 6), wheel, over python -c pass",
            f"+{milli(ours)}",
            f"holidays +{milli(theirs)}",
            ours / theirs,
            TARGET_FIRST_ANSWER,
        ),
        Row(
            "first answer (due 6), editable install",
            f"+{milli(editable)}",
            f"holidays +{milli(theirs)}",
            f"{editable / theirs:.2f}x",
            "",
            "info",
        ),
        Row(
            "Calendar.for_region in a wheel imports PyYAML",
            "yes" if yaml_used else "no",
            "",
            "",
            "no",
            verdict(not yaml_used),
        ),
        at_most(
            "import govdeadline, wheel, over python -c pass",
            f"+{milli(net('wheel: import govdeadline'))}",
            f"import holidays +{milli(net('wheel venv: import holidays'))}",
            imp,
            TARGET_IMPORT,
        ),
    ]
    return rows


# -- 4. scaling ----------------------------------------------------------------------------


@dataclass
class Growth:
    """Medians of one path at several sizes, and the fitted exponent."""

    path: str
    unit: str
    sizes: list[int]
    seconds: list[float]

    @property
    def exponent(self) -> float:
        return fit_exponent(self.sizes, self.seconds)

    def cells(self) -> str:
        return ", ".join(
            f"{s:,}: {fmt_time(t)}" for s, t in zip(self.sizes, self.seconds, strict=True)
        )


def fmt_time(seconds: float) -> str:
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def grow(
    path: str, unit: str, runs: dict[int, Callable[[], object]], rounds: int, block: float
) -> Growth:
    """Time *runs* (size to a call at that size) interleaved, collector on; median per call."""
    contenders = {}
    for size, run in runs.items():
        calls = calls_for(run, block)
        contenders[str(size)] = Contender(repeated(run, calls), calls)
    samples = interleave(contenders, rounds, collect=True, warm=False)
    sizes = list(runs)
    seconds = [statistics.median(samples[str(s)]) for s in sizes]
    growth = Growth(path, unit, sizes, seconds)
    print(f"    {path:<40} {growth.cells()}  ->  exponent {growth.exponent:.2f}")
    return growth


def case_paths(cal: Calendar, index: Index, rounds: int, block: float) -> list[Growth]:
    """A Case with k suspensions, each from the deadline the previous one made, for one day."""
    rule = WorkingDays(10)
    accepted = datetime.date(2005, 1, 4)
    floor_due = index.due()
    cases = {}
    for k in CASE_SIZES:
        deadline = floor_due(accepted, 10)
        suspensions = []
        for _ in range(k):
            suspensions.append(govdeadline.Suspension(deadline, deadline))
            # A one-day suspension on a working day moves the deadline one working day on.
            deadline = floor_due(deadline, 1)
        case = govdeadline.Case(rule, accepted, cal, suspensions=suspensions)
        require(case.due == deadline, f"Case with {k} suspensions: due {case.due}, not {deadline}")
        cases[k] = (case, tuple(suspensions), deadline)
    print(
        f"  Case(WorkingDays(10), {accepted}) with k one-day suspensions, each on the deadline "
        "the previous one made; each case's due date checked against the floor's index"
    )
    on = accepted + ONE_DAY
    paths = {
        "Case(...) with k suspensions": lambda k: (
            lambda: govdeadline.Case(rule, accepted, cal, suspensions=cases[k][1])
        ),
        "Case.due": lambda k: lambda: cases[k][0].due,
        "Case.status(on)": lambda k: lambda: cases[k][0].status(on),
        "Case.suspend() one more": lambda k: lambda: cases[k][0].suspend(cases[k][2], cases[k][2]),
    }
    return [
        grow(path, "suspensions", {k: make(k) for k in CASE_SIZES}, rounds, block)
        for path, make in paths.items()
    ]


def catalogue_files(tmp: Path, sizes: Sequence[int]) -> dict[int, Path]:
    """Catalogue YAML files of *sizes* items: the shipped items repeated, numbered anew."""
    shipped = ROOT / "catalogs" / "changji_batch1.yaml"
    document = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    items = document["items"]
    files = {}
    for size in sizes:
        made = []
        for i in range(size):
            item = copy.deepcopy(items[i % len(items)])
            item["number"] = i + 1
            item["source"]["序号"] = str(i + 1)
            made.append(item)
        path = tmp / f"catalogue-{size}.yaml"
        text = yaml.dump(
            {**document, "items": made},
            Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
            allow_unicode=True,
            sort_keys=False,
        )
        path.write_text(text, encoding="utf-8")
        files[size] = path
    return files


def catalogue_paths(
    tmp: Path, sizes: Sequence[int], rounds: int, block: float
) -> tuple[list[Growth], Growth]:
    files = catalogue_files(tmp, sizes)
    shipped = govdeadline.load_catalogue()
    loaded = {size: govdeadline.load_catalogue(path) for size, path in files.items()}
    for size, cat in loaded.items():
        require(len(cat) == size, f"{files[size]}: {len(cat)} items, not {size}")
        last = cat[size]
        original = shipped.items[(size - 1) % len(shipped)]
        require(
            (last.name, last.time_limit) == (original.name, original.time_limit),
            f"item {size} of {files[size]} is not a copy of item {original.number}",
        )
    print(
        f"  catalogues of {', '.join(f'{s:,}' for s in sizes)} items in {tmp}, written by "
        "PyYAML's safe dumper from the shipped items; each loaded and its last item checked"
    )
    rng = random.Random(SEED)
    lookups = 200
    numbers = {size: [rng.randint(1, size) for _ in range(lookups)] for size in sizes}
    tables = {size: {item.number: item for item in cat} for size, cat in loaded.items()}

    def load(size: int) -> Callable[[], object]:
        return lambda: govdeadline.load_catalogue(files[size])

    def lookup(size: int) -> Callable[[], object]:
        cat, wanted = loaded[size], numbers[size]

        def run() -> None:
            for number in wanted:
                cat[number]

        return run

    def floor(size: int) -> Callable[[], object]:
        table, wanted = tables[size], numbers[size]

        def run() -> None:
            for number in wanted:
                table[number]

        return run

    load_growth = grow("load_catalogue(path)", "items", {s: load(s) for s in sizes}, rounds, block)
    look = grow(
        f"catalogue[number], {lookups} lookups",
        "items",
        {s: lookup(s) for s in sizes},
        rounds,
        block,
    )
    dict_floor = grow(
        f"dict[number] (floor), {lookups} lookups",
        "items",
        {s: floor(s) for s in sizes},
        rounds,
        block,
    )
    for g in (look, dict_floor):
        g.seconds = [t / lookups for t in g.seconds]
        g.path = g.path.split(",")[0]
    return [load_growth, look], dict_floor


def span_paths(rounds: int, block: float) -> list[Growth]:
    """explain() and months() from 2004-01-01 over about 1, 10 and 100 years."""
    cal = Calendar.national(beyond="assume")
    start = datetime.date(2004, 1, 1)
    found = {}
    for years in SPAN_YEARS:
        rule = WorkingDays(round(years * 365.2425 * 5 / 7))
        explained = rule.explain(start, cal)
        found[(explained.due - start).days] = (rule, explained)
    print(
        f"  WorkingDays(n).explain({start}) on national(beyond='assume') (the data end in "
        f"{cal.coverage.last.year}; later days are Monday-to-Friday weeks), n for about "
        f"{', '.join(map(str, SPAN_YEARS))} years: the size is the days spanned"
    )

    def explain(days: int) -> Callable[[], object]:
        rule = found[days][0]
        return lambda: rule.explain(start, cal)

    def months(days: int) -> Callable[[], object]:
        return found[days][1].months

    def printed(days: int) -> Callable[[], object]:
        explained = found[days][1]
        return lambda: [str(view) for view in explained.months()]

    spans = list(found)
    return [
        grow("explain", "days", {s: explain(s) for s in spans}, rounds, block),
        grow("months()", "days", {s: months(s) for s in spans}, rounds, block),
        grow("months(), each printed", "days", {s: printed(s) for s in spans}, rounds, block),
    ]


def file_read_peak() -> list[Row]:
    """Peak memory of reading one small file: a layer, and the shipped catalogue's YAML."""
    layer = ROOT / "src" / "govdeadline" / "data" / "xinjiang.yaml"
    catalogue = ROOT / "catalogs" / "changji_batch1.yaml"
    rows = []
    for label, path, run in (
        ("CalendarLayer.load(xinjiang.yaml)", layer, lambda: govdeadline.CalendarLayer.load(layer)),
        (
            "load_catalogue(changji_batch1.yaml)",
            catalogue,
            lambda: govdeadline.load_catalogue(catalogue),
        ),
    ):
        if not path.exists():  # pragma: no cover - a checkout has both
            continue
        peak = peak_bytes(run)
        size = path.stat().st_size
        print(f"    {label:<40} peak {peak / MiB:6.2f} MiB for a file of {size / 1024:.0f} kB")
        rows.append(
            Row(
                f"peak memory of {label}",
                f"{peak / MiB:.2f} MiB",
                f"file {size / 1024:.0f} kB",
                f"{peak / size:.0f}x the file",
                "",
                "info",
            )
        )
    return rows


def scaling(args: argparse.Namespace, cal: Calendar, index: Index) -> list[Row]:
    section("4. scaling: time against size, fitted growth exponent")
    rounds = args.scale_rounds
    block = 0.005 if args.quick else 0.02
    print(
        f"  {rounds} interleaved rounds over the sizes, collector on; blocks of at least "
        f"{block * 1e3:.0f} ms; median per call"
    )
    growths = case_paths(cal, index, rounds, block)
    sizes = CATALOGUE_SIZES_QUICK if args.quick else CATALOGUE_SIZES
    with tempfile.TemporaryDirectory(prefix="govdeadline-bench-catalogues-") as name:
        catalogue_growths, dict_floor = catalogue_paths(Path(name), sizes, rounds, block)
    growths += catalogue_growths
    growths += span_paths(rounds, block)
    print("  peak memory of reading one small file (tracemalloc)")
    read_rows = file_read_peak()

    rows = []
    for g in growths:
        size_word = {"suspensions": "k", "items": "items", "days": "days"}[g.unit]
        if g.path.startswith("catalogue["):
            limit, floor = CONSTANT, f"dict {dict_floor.cells()}"
        else:
            limit, floor = LINEAR, "linear"
        rows.append(
            Row(
                g.path,
                g.cells(),
                floor,
                f"{size_word}^{g.exponent:.2f}",
                f"<= {size_word}^{limit:g}",
                verdict(g.exponent <= limit),
            )
        )
        if g.path.startswith("load_catalogue"):
            ratio = g.seconds[-1] / g.seconds[0]
            items = g.sizes[-1] / g.sizes[0]
            limit = TARGET_CATALOGUE * items / 96  # 110x for 96x the items
            rows.append(
                at_most(
                    f"load_catalogue, {g.sizes[-1]:,} vs {g.sizes[0]:,} items ({items:.0f}x)",
                    fmt_time(g.seconds[-1]),
                    f"{g.sizes[0]:,} items {fmt_time(g.seconds[0])}",
                    ratio,
                    round(limit, 1),
                )
            )
    return rows + read_rows


# -- 5. Dask -------------------------------------------------------------------------------


def dask_section(args: argparse.Namespace, cal: Calendar, starts: Any) -> list[Row]:
    section("5. Dask: due_many through map_partitions on a 2-worker LocalCluster")
    try:
        import logging

        import dask.dataframe as dd
        from distributed import Client, LocalCluster
    except ImportError:
        print("  dask or distributed is not installed: skipped (pip install -e '.[dask]')")
        return [Row("Dask, 1M rows, 2 workers", "not installed", "", "", "", "skipped")]
    rule = WorkingDays(STEP)
    cal_bytes = len(pickle.dumps(cal))
    rule_bytes = len(pickle.dumps(rule))
    print(f"  pickled: the calendar {cal_bytes:,} bytes, the rule {rule_bytes:,} bytes")
    frame = pd.DataFrame({"accepted": starts})
    column = frame["accepted"]
    meta = pd.Series(dtype="datetime64[ns]", name="accepted")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with (
            LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            big = dd.from_pandas(frame, npartitions=2)
            held = client.persist(big)
            held.compute()  # wait until the partitions are on the workers

            def run_dask() -> Any:
                return big["accepted"].map_partitions(rule.due_many, cal, meta=meta).compute()

            def run_held() -> Any:
                return held["accepted"].map_partitions(rule.due_many, cal, meta=meta).compute()

            def run_plain() -> Any:
                return rule.due_many(column, cal)

            def run_identity() -> Any:  # Dask's own cost: the same trip with no work done
                return held["accepted"].map_partitions(lambda part: part).compute()

            first, result = clock_result(run_dask)
            expected = run_plain()
            require(result.sort_index().equals(expected), "the Dask result differs from due_many")
            print(
                f"  the Dask result equals due_many's on all {len(frame):,} rows; "
                f"first run {milli(first)}"
            )
            rounds = max(2, args.many_rounds // 3)
            samples = interleave(
                {
                    "dask, frame from this process": Contender(run_dask),
                    "dask, partitions on the workers": Contender(run_held),
                    "dask identity, partitions on the workers": Contender(run_identity),
                    "plain due_many(Series)": Contender(run_plain),
                },
                rounds,
            )
    for text in dict.fromkeys(
        f"{w.category.__name__}: {w.message}".splitlines()[0] for w in caught
    ):
        print(f"  warned during the Dask runs: {text}")
    spreads = {k: Spread.of(v) for k, v in samples.items()}
    print(f"  {rounds} interleaved rounds")
    for k, spread in spreads.items():
        print(f"    {k:<42} {show(spread, 'ms'):>26}")
    ratio = paired(samples, "dask, frame from this process", "plain due_many(Series)")
    held_ratio = paired(samples, "dask, partitions on the workers", "plain due_many(Series)")
    print(
        f"  dask / plain {ratio.show(1, 2, 'x')}; with the partitions on the workers "
        f"{held_ratio.show(1, 2, 'x')}"
    )
    return [
        at_most(
            f"Dask, {len(frame):,} rows, 2 workers",
            milli(spreads["dask, frame from this process"].median),
            f"plain {milli(spreads['plain due_many(Series)'].median)}",
            ratio.median,
            TARGET_DASK,
        ),
        Row(
            "Dask, partitions already on the workers",
            milli(spreads["dask, partitions on the workers"].median),
            f"plain {milli(spreads['plain due_many(Series)'].median)}; Dask doing nothing "
            f"{milli(spreads['dask identity, partitions on the workers'].median)}",
            f"{held_ratio.median:.2f}x",
            "",
            "info",
        ),
        Row(
            "calendar pickled for the workers",
            f"{cal_bytes:,} bytes",
            "",
            "",
            f"<= {TARGET_PICKLE:,} bytes (by name)",
            verdict(cal_bytes <= TARGET_PICKLE),
        ),
    ]


# -- main ----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    sizes = [
        ("--n", "dates for the scalar calls"),
        ("--n-many", "dates for due_many"),
        ("--rounds", "interleaved rounds of the scalar calls"),
        ("--many-rounds", "interleaved rounds of due_many"),
        ("--fresh-runs", "fresh processes of each command"),
        ("--scale-rounds", "interleaved rounds of each scaling path"),
        ("--cc-n", "dates checked with chinese-calendar"),
    ]
    for flag, text in sizes:
        key = flag[2:].replace("-", "_")
        parser.add_argument(
            flag, type=int, help=f"{text} ({DEFAULTS[key]}; {QUICK[key]} with --quick)"
        )
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed ({SEED})")
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"which sections to run, comma-separated ({','.join(SECTIONS)})",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes for a smoke run; given sizes still win"
    )
    args = parser.parse_args(argv)
    chosen = QUICK if args.quick else DEFAULTS
    for key, value in chosen.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
        if getattr(args, key) < 1:
            parser.error(f"--{key.replace('_', '-')} must be at least 1")
    args.sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section {unknown[0]!r}; the sections are {', '.join(SECTIONS)}")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    # workalendar warns on every year it computes ("Support years 2018-2023 currently") and
    # about a deprecated lunardate call; neither says anything about the answers.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"workalendar(\.|$)")
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"workalendar(\.|$)")
    began = time.perf_counter()
    print_machine()
    names = (
        "govdeadline",
        "holidays",
        "chinesecalendar",
        "workalendar",
        "numpy",
        "pandas",
        "PyYAML",
        "attrs",
        "dask",
    )
    print("versions: " + ", ".join(f"{name} {version_of(name)}" for name in names))
    print(
        "options: "
        + " ".join(f"--{k.replace('_', '-')} {getattr(args, k)}" for k in DEFAULTS)
        + f" --seed {args.seed} --sections {','.join(args.sections)}"
        + (" (--quick)" if args.quick else "")
    )
    print(f"govdeadline from {Path(govdeadline.__file__).parent}")
    start = time.perf_counter()
    cal = Calendar.national()
    built = time.perf_counter() - start
    start = time.perf_counter()
    index = Index(cal)
    print(
        f"Calendar.national() built in {milli(built)}; the floor's index "
        f"({len(index.cum):,} days, {len(index.work):,} working) from is_working_day in "
        f"{milli(time.perf_counter() - start)}"
    )

    rows: list[Row] = []
    starts = None
    if "scalar" in args.sections:
        rows += scalar(args, cal, index)
    if "many" in args.sections:
        many_rows, starts = many(args, cal, index)
        rows += many_rows
    if "fresh" in args.sections:
        rows += fresh(args)
    if "scaling" in args.sections:
        rows += scaling(args, cal, index)
    if "dask" in args.sections:
        if starts is None:
            starts = random_starts(args.n_many, args.seed)
        rows += dask_section(args, cal, starts)

    section("results")
    print_table(rows)
    targets = [r for r in rows if r.status in ("PASS", "MISS")]
    met = sum(r.status == "PASS" for r in targets)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(
        f"{met} of {len(targets)} targets met; ran in {time.perf_counter() - began:.0f} s"
        + (f"; load average now {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}" if load else "")
    )


if __name__ == "__main__":
    main()
