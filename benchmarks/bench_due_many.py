"""Benchmark: ``WorkingDays(5).due_many`` against ``numpy.busday_offset`` on a million dates.

It draws one NumPy ``datetime64[D]`` array of random start dates (fixed seed, uniform over
2004-01-01..2026-09-30, so that five working days later is still inside chinese-calendar's
2004-2026 data) and, in one process, computes the 5th working day strictly after every start
(the start day itself is never counted) in two ways:

* ``govdeadline.WorkingDays(5).due_many(starts, govdeadline.Calendar.national())``.
* ``numpy.busday_offset(starts, 5, roll="backward", busdaycal=bc)``, where ``bc`` is a
  ``numpy.busdaycalendar`` with ``weekmask="1111111"`` and every rest day as a holiday: that is
  the only way NumPy can know the weekend makeup working days (调休). The rest days come from
  ``chinese_calendar.is_workday`` over 2004-01-01..2026-12-31, independently of govdeadline.
  ``roll="backward"`` moves a rest-day start back to the previous working day before adding 5,
  so NumPy too counts strictly after every start. Building the rest-day list and the
  ``busdaycalendar`` is timed apart and not included in the per-date timings.

The first call of each is timed on its own ("first call"): for govdeadline it includes one-time
work such as importing its NumPy module and making NumPy copies of the calendar's index. Its
result is then checked against NumPy's element by element (asserted), and 1,000 of the answers
are checked against the scalar ``WorkingDays(5).due(d, cal)`` (asserted). Then each is timed as
the best of ``--repeat`` further calls, with garbage collection off as :mod:`timeit` does. The
same dates as a pandas Series (``pd.Series(starts)``) are also run through ``due_many``, checked
and timed.

It prints ms per call and ns per date, the ratio govdeadline / NumPy for the first call and for
the best call, and PASS/MISS against the target: ``due_many`` takes at most 0.5x the time of
``busday_offset``. A missed target is reported, not an error; the script fails only if the
answers disagree. Timings depend on the machine, so the versions, platform and CPU are printed.

Run it from the repository root, after ``pip install -e ".[test]"`` (which installs NumPy and
pandas)::

    python benchmarks/bench_due_many.py
    python benchmarks/bench_due_many.py --n 200000 --seed 7 --repeat 9
"""

from __future__ import annotations

import argparse
import datetime
import gc
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows
    resource = None  # type: ignore[assignment]

import chinese_calendar

import govdeadline

from _machine import print_machine, version_of

try:
    import numpy as np
    import pandas as pd
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit('NumPy and pandas are needed; run: pip install -e ".[test]"')

STEP = 5
FIRST = datetime.date(2004, 1, 1)
LAST = datetime.date(2026, 9, 30)
REST_FIRST = datetime.date(2004, 1, 1)
REST_LAST = datetime.date(2026, 12, 31)
TARGET = 0.5
SPOT_CHECKS = 1_000
EXAMPLES = 5

T = TypeVar("T")


def random_starts(n: int, seed: int) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    rng = np.random.default_rng(seed)
    lo = np.datetime64(FIRST, "D").astype(np.int64)
    hi = np.datetime64(LAST, "D").astype(np.int64)
    return rng.integers(lo, hi, size=n, endpoint=True).astype("datetime64[D]")


def rest_days() -> list[datetime.date]:
    """Every rest day in REST_FIRST..REST_LAST according to chinese-calendar."""
    days = (
        datetime.date.fromordinal(x)
        for x in range(REST_FIRST.toordinal(), REST_LAST.toordinal() + 1)
    )
    return [d for d in days if not chinese_calendar.is_workday(d)]


def page_faults() -> int:
    """Minor page faults of this process so far (-1 where the platform does not say)."""
    if resource is None:
        return -1
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def timed(run: Callable[[], T]) -> tuple[float, T, int]:
    """Run *run* once with the collector off.

    Return the seconds it took, its result and the minor page faults it caused (memory the
    process touched for the first time), or -1 for those where the platform does not say.
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        faults = page_faults()
        start = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - start
        return seconds, result, -1 if faults < 0 else page_faults() - faults
    finally:
        if gc_was_enabled:
            gc.enable()


def best_of(run: Callable[[], object], repeat: int) -> float:
    """Return the fastest of *repeat* runs of *run*, in seconds."""
    return min(timed(run)[0] for _ in range(repeat))


def check_equal(
    name: str,
    starts: np.ndarray[Any, np.dtype[np.datetime64]],
    ours: np.ndarray[Any, np.dtype[np.datetime64]],
    theirs: np.ndarray[Any, np.dtype[np.datetime64]],
) -> None:
    """Assert that *ours* and *theirs* agree element by element; show a few differences."""
    assert ours.shape == theirs.shape, f"{name}: shapes {ours.shape} vs {theirs.shape}"
    differ = np.flatnonzero(ours != theirs)
    print(f"  {name}: {starts.size - differ.size:,} of {starts.size:,} equal")
    for i in differ[:EXAMPLES]:
        print(f"    start {starts[i]}: govdeadline {ours[i]}, numpy {theirs[i]}")
    assert differ.size == 0, f"{name}: {differ.size:,} dates differ"


def line(label: str, seconds: float, n: int, faults: int = -1) -> str:
    text = f"  {label:<34} {seconds * 1e3:10.2f} ms {seconds / n * 1e9:8.2f} ns per date"
    return text + (f", {faults:,} page faults" if faults >= 0 else "")


def verdict(ratio: float) -> str:
    if ratio <= TARGET:
        return "PASS"
    return f"MISS (needs {ratio / TARGET:.2f}x more speed)"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of dates (1000000)")
    parser.add_argument("--seed", type=int, default=20250604, help="random seed (20250604)")
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed calls after the first; the best counts (5)"
    )
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be at least 1")

    print_machine()
    print(
        f"numpy {np.__version__}, pandas {pd.__version__}, govdeadline {govdeadline.__version__}, "
        f"chinesecalendar {version_of('chinesecalendar')}"
    )

    starts = random_starts(args.n, args.seed)
    print(f"{starts.size:,} dates, seed {args.seed}, uniform over {FIRST}..{LAST}; n = {STEP}")
    print()

    start = time.perf_counter()
    cal = govdeadline.Calendar.national()
    cal_build = time.perf_counter() - start
    start = time.perf_counter()
    rest = rest_days()
    rest_build = time.perf_counter() - start
    start = time.perf_counter()
    bc = np.busdaycalendar(weekmask="1111111", holidays=np.array(rest, dtype="datetime64[D]"))
    bc_build = time.perf_counter() - start
    rule = govdeadline.WorkingDays(STEP)
    series = pd.Series(starts)
    print("build (not in the timings)")
    print(f"  govdeadline Calendar.national()            {cal_build * 1e3:8.1f} ms")
    print(
        f"  rest days from chinese_calendar.is_workday {rest_build * 1e3:8.1f} ms "
        f"({len(rest):,} rest days, {REST_FIRST}..{REST_LAST})"
    )
    print(f"  numpy.busdaycalendar(weekmask='1111111')   {bc_build * 1e3:8.1f} ms")
    print()

    def run_ours() -> Any:
        return rule.due_many(starts, cal)

    def run_numpy() -> Any:
        return np.busday_offset(starts, STEP, roll="backward", busdaycal=bc)

    def run_series() -> Any:
        return rule.due_many(series, cal)

    # The first calls, timed on their own; their results are the ones checked.
    first_ours, ours, faults_ours = timed(run_ours)
    first_numpy, theirs, faults_numpy = timed(run_numpy)
    first_series, ours_series, faults_series = timed(run_series)

    print("agreement")
    assert ours.dtype == np.dtype("datetime64[D]"), f"due_many returned {ours.dtype}"
    check_equal("due_many(array) vs busday_offset", starts, ours, theirs)
    assert isinstance(ours_series, pd.Series), f"due_many returned {type(ours_series).__name__}"
    assert ours_series.index.equals(series.index), "due_many(Series) changed the index"
    series_days = ours_series.to_numpy().astype("datetime64[D]")
    check_equal("due_many(Series) vs busday_offset", starts, series_days, theirs)
    picks = np.random.default_rng(args.seed + 1).choice(
        starts.size, size=min(SPOT_CHECKS, starts.size), replace=False
    )
    scalar_differ = [
        i for i in picks if np.datetime64(rule.due(starts[i].item(), cal), "D") != ours[i]
    ]
    print(
        f"  due_many(array) vs WorkingDays({STEP}).due(d, cal): "
        f"{picks.size - len(scalar_differ):,} of {picks.size:,} sampled dates equal"
    )
    for i in scalar_differ[:EXAMPLES]:
        print(f"    start {starts[i]}: due_many {ours[i]}, due {rule.due(starts[i].item(), cal)}")
    assert not scalar_differ, f"{len(scalar_differ):,} sampled dates differ from due()"
    on_rest = np.isin(starts, np.array(rest, dtype="datetime64[D]"))
    print(f"  {int(on_rest.sum()):,} of the starts are rest days")
    print()

    best_ours = best_of(run_ours, args.repeat)
    best_numpy = best_of(run_numpy, args.repeat)
    best_series = best_of(run_series, args.repeat)
    n = starts.size
    print("timing, first call (cold: includes one-time work)")
    print(line("govdeadline due_many(array)", first_ours, n, faults_ours))
    print(line("numpy busday_offset", first_numpy, n, faults_numpy))
    print(line("govdeadline due_many(pd.Series)", first_series, n, faults_series))
    print(f"timing, best of {args.repeat} further calls")
    print(line("govdeadline due_many(array)", best_ours, n))
    print(line("numpy busday_offset", best_numpy, n))
    print(line("govdeadline due_many(pd.Series)", best_series, n))
    print()

    ratio_first = first_ours / first_numpy
    ratio_best = best_ours / best_numpy
    print("ratios, govdeadline / numpy (lower is faster)")
    print(f"  first call: array {ratio_first:.3f}x, Series {first_series / first_numpy:.3f}x")
    print(f"  best call:  array {ratio_best:.3f}x, Series {best_series / best_numpy:.3f}x")
    print()
    print(f"target: due_many(array) takes at most {TARGET}x the time of busday_offset")
    print(f"  best call:  {ratio_best:.3f}x {verdict(ratio_best)}")
    print(f"  first call: {ratio_first:.3f}x {verdict(ratio_first)}")


if __name__ == "__main__":
    main()
