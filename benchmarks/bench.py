"""Benchmark govdeadline against holidays, chinese-calendar, workalendar and NumPy.

One run measures four things and prints PASS or MISS for each target:

1. Scalar calls. The same ``--n`` random dates (fixed seed, uniform over
   2004-01-01..2026-09-30, so that five working days later is still inside chinese-calendar's
   2004-2026 data) go, one by one, through

   * ``govdeadline.WorkingDays(5).due(d, cal)`` with ``cal = govdeadline.Calendar.national()``:
     the 5th working day strictly after ``d`` (``d`` itself is never counted); and
     ``cal.add_working_days(d, 5)``, the same answer, for reference;
   * ``holidays.China(years=range(2004, 2027)).get_nth_working_day(d, 5)``, which also counts
     strictly after ``d``;
   * ``chinese_calendar.find_workday(5, d)``, which first rolls a rest day ``d`` forward to the
     next working day, so on rest days it gives ``add_working_days(d, 6)``. It takes over
     100 µs per call, so it is timed on the first ``--cc-n`` dates only;
   * ``workalendar.asia.China().add_working_days(d, 5)``, on the dates whose counted days
     (``d + 1`` up to the answer) all lie in 2018-01-01..2023-12-31, the only years workalendar
     has data for (outside them it raises ``CalendarError``; its warnings are silenced).
     govdeadline is timed on that same subset, so the ratio compares like with like.

   The answers are checked first: govdeadline and chinese-calendar must differ exactly on the
   rest-day starts, where ``find_workday(5, d) == add_working_days(d, 6)``; every date on which
   govdeadline and holidays disagree must come from a day the two data sets classify
   differently (those days are printed); for workalendar the number of agreeing dates and the
   days behind any disagreement are printed. Each library is then timed over its dates, best of
   ``--repeat`` loops with garbage collection off. Targets: ``WorkingDays(5).due`` at least 20x
   faster than holidays and at least 300x faster than chinese-calendar.

2. Many dates at once. ``WorkingDays(5).due_many`` over ``--n-many`` random ``datetime64[D]``
   dates against ``numpy.busday_offset(starts, 5, roll="backward", busdaycal=bc)``, where ``bc``
   has ``weekmask="1111111"`` and every rest day of 2004-2026 (from
   ``chinese_calendar.is_workday``, independently of govdeadline) as a holiday; that is the
   only way NumPy can know the weekend makeup working days (调休), and ``roll="backward"`` makes
   it count strictly after a rest-day start too. The results must be equal element by element,
   and a sample of them must equal the scalar ``due``. The first call of each is timed on its
   own, then the best of ``--repeat`` further calls. Target: ``due_many`` takes at most 0.5x
   the time of ``busday_offset`` (best call; the first-call ratio is printed without a target).
   The same dates as a pandas Series are timed too, for information.

3. Import time. Fresh processes run ``import govdeadline`` and ``import holidays`` and time the
   import statement with ``time.perf_counter``, alternately, ``--import-runs`` times each; the
   best of each counts. Target: govdeadline at most 0.6x holidays. Another fresh process checks
   that ``import govdeadline`` leaves ``numpy`` and ``yaml`` out of ``sys.modules``. For
   reference, it also times ``import govdeadline`` followed by ``Calendar.national()``.

4. Catalogue load. Fresh processes import govdeadline, then time ``govdeadline.load_catalogue()``
   (the first call, which loads whatever modules it needs) and a second call in the same
   process; best of ``--import-runs``. This runs twice: first on govdeadline's wheel, built
   and installed (without dependencies) into a temporary directory that goes first on
   ``PYTHONPATH``, where the catalogue is read from the JSON image the wheel carries; then, for
   information, on this checkout, which has no image and parses the YAML. Target: the first
   call from the installed wheel takes at most 30 ms. Whether PyYAML was imported, and
   whether it has libyaml's ``CSafeLoader``, is printed too.

   The fresh processes of 3 and 4 read and write bytecode in a private temporary cache
   (``PYTHONPYCACHEPREFIX``, with ``PYTHONDONTWRITEBYTECODE`` unset), warmed by one untimed run
   of each snippet, so every library is timed as an installed package with compiled bytecode,
   and nothing is written next to the sources.

A missed target is reported, not an error, and the exit status stays 0. The script exits
non-zero only when an agreement check fails (it raises ``AgreementError``). Timings depend on
the machine, so the Python version, platform, CPU, library versions and options are printed.

Run it from the repository root, after ``pip install -e ".[test,bench]"`` (test provides NumPy
and pandas, bench provides holidays and workalendar)::

    python benchmarks/bench.py
    python benchmarks/bench.py --quick          # small sizes, a smoke run
    python benchmarks/bench.py --n 20000 --n-many 200000 --seed 7 --repeat 9
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows
    resource = None  # type: ignore[assignment]

import chinese_calendar

import govdeadline

from _machine import print_machine, version_of

try:
    import holidays
    import numpy as np
    import pandas as pd
    import workalendar.asia
    from workalendar.exceptions import CalendarError
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f'{exc.name} is not installed; run: pip install -e ".[test,bench]"')

STEP = 5
FIRST = datetime.date(2004, 1, 1)
LAST = datetime.date(2026, 9, 30)
CC_FIRST = datetime.date(2004, 1, 1)
CC_LAST = datetime.date(2026, 12, 31)
HOLIDAYS_YEARS = range(2004, 2027)
WA_FIRST = datetime.date(2018, 1, 1)
WA_LAST = datetime.date(2023, 12, 31)

TARGET_VS_HOLIDAYS = 20.0
TARGET_VS_CHINESE_CALENDAR = 300.0
TARGET_MANY = 0.5
TARGET_IMPORT = 0.6
TARGET_CATALOGUE_MS = 30.0

DEFAULTS = {"n": 100_000, "n_many": 1_000_000, "repeat": 5, "cc_n": 10_000, "import_runs": 15}
QUICK = {"n": 2_000, "n_many": 20_000, "repeat": 2, "cc_n": 1_000, "import_runs": 3}
SEED = 20250604
SPOT_CHECKS = 1_000
EXAMPLES = 5

# Days on which the data sets are known to differ, with what the official notice says.
KNOWN_DAYS = {
    datetime.date(2005, 12, 31): (
        "the 2006 notice (国办发明电〔2005〕35号) says “12月31日(星期六)上班”, so holidays has it "
        "right; chinese-calendar 1.11, and so govdeadline's national layer, has a plain weekend "
        "(chinese-calendar issue #125)"
    ),
    datetime.date(2020, 1, 31): (
        "国办发明电〔2020〕1号 extended the 2020 Spring Festival holiday to 2 February, so this "
        "Friday became a rest day; workalendar 17.0 keeps the schedule announced before"
    ),
    datetime.date(2020, 2, 1): (
        "国办发明电〔2020〕1号 extended the 2020 Spring Festival holiday to 2 February, so this "
        "makeup working Saturday became a rest day; workalendar 17.0 keeps the schedule "
        "announced before"
    ),
}

# Run in fresh processes; each prints one line.
IMPORT_CODE = "import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
NATIONAL_CODE = (
    "import time; t=time.perf_counter(); import govdeadline; "
    "govdeadline.Calendar.national(); print(time.perf_counter()-t)"
)
MODULES_CODE = (
    "import sys; import govdeadline; "
    "print(' '.join(m for m in ('numpy', 'yaml') if m in sys.modules))"
)
CATALOGUE_CODE = """\
import sys
import time
import govdeadline
t0 = time.perf_counter()
govdeadline.load_catalogue()
t1 = time.perf_counter()
govdeadline.load_catalogue()
t2 = time.perf_counter()
parsed_yaml = int("yaml" in sys.modules)
import yaml
print(t1 - t0, t2 - t1, parsed_yaml, int(hasattr(yaml, "CSafeLoader")),
      int(yaml.__with_libyaml__), govdeadline.__file__)
"""

T = TypeVar("T")
Dates = Sequence[datetime.date]
DayArray = np.ndarray[Any, np.dtype[np.datetime64]]


class AgreementError(Exception):
    """Two libraries disagree in a way the checks do not expect."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise AgreementError(message)


@dataclass
class Target:
    name: str
    measured: str
    passed: bool
    shortfall: str = ""

    def line(self) -> str:
        text = f"  {'PASS' if self.passed else 'MISS'}  {self.name}: {self.measured}"
        return text + (f" ({self.shortfall})" if self.shortfall and not self.passed else "")


def at_least(name: str, ratio: float, target: float) -> Target:
    """A target met when *ratio* (how many times faster) is at least *target*."""
    return Target(name, f"{ratio:.1f}x", ratio >= target, f"needs {target / ratio:.2f}x more speed")


def at_most(name: str, value: float, target: float, unit: str = "x") -> Target:
    """A target met when *value* (a time ratio or a time) is at most *target*."""
    shown = f"{value:.3f}x" if unit == "x" else f"{value:.1f} {unit}"
    return Target(name, shown, value <= target, f"needs {value / target:.2f}x more speed")


# -- timing ------------------------------------------------------------------------------


def page_faults() -> int:
    """Minor page faults of this process so far (-1 where the platform does not say)."""
    if resource is None:
        return -1
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def timed(run: Callable[[], T]) -> tuple[float, T, int]:
    """Run *run* once with the collector off: its seconds, result and minor page faults."""
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
    """The fastest of *repeat* runs of *run*, in seconds, with the collector off."""
    return min(timed(run)[0] for _ in range(repeat))


def fresh_env(cache: Path) -> dict[str, str]:
    """The environment for fresh processes: bytecode written to and read from *cache*.

    Installed packages come with compiled bytecode; a source checkout in an environment with
    PYTHONDONTWRITEBYTECODE set has none, and every fresh process would compile govdeadline
    from source. A private cache, warmed by one untimed run, puts every library on the
    footing of an installed package and writes nothing next to the sources.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def fresh_python(code: str, env: dict[str, str]) -> str:
    """Run *code* in a fresh interpreter (this one's executable) and return its output."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent,
        env=env,
    )
    return done.stdout.strip()


# -- 1. scalar calls ---------------------------------------------------------------------


def random_dates(n: int, seed: int) -> list[datetime.date]:
    rng = random.Random(seed)
    lo, hi = FIRST.toordinal(), LAST.toordinal()
    return [datetime.date.fromordinal(rng.randint(lo, hi)) for _ in range(n)]


def days_between(a: datetime.date, b: datetime.date) -> list[datetime.date]:
    """Every day from *a* to *b*, both included."""
    return [datetime.date.fromordinal(x) for x in range(a.toordinal(), b.toordinal() + 1)]


def run_due(rule: govdeadline.WorkingDays, cal: govdeadline.Calendar, dates: Dates) -> None:
    due = rule.due
    for d in dates:
        due(d, cal)


def run_add(cal: govdeadline.Calendar, dates: Dates) -> None:
    add = cal.add_working_days
    for d in dates:
        add(d, STEP)


def run_holidays(china: holidays.HolidayBase, dates: Dates) -> None:
    nth = china.get_nth_working_day
    for d in dates:
        nth(d, STEP)


def run_chinese_calendar(dates: Dates) -> None:
    find = chinese_calendar.find_workday
    for d in dates:
        find(STEP, d)


def run_workalendar(wa: Any, dates: Dates) -> None:
    add = wa.add_working_days
    for d in dates:
        add(d, STEP)


def ours_view(cal: govdeadline.Calendar, day: datetime.date) -> str:
    what = "working day" if cal.is_working_day(day) else "rest day"
    return f"govdeadline {what} ({cal.day_kind(day).name})"


def holidays_view(china: holidays.HolidayBase, day: datetime.date) -> str:
    what = "working day" if china.is_working_day(day) else "rest day"
    label = china.get(day)
    return f"holidays {what}" + (f" ({label})" if label else "")


def workalendar_view(wa: Any, day: datetime.date) -> str:
    what = "working day" if wa.is_working_day(day) else "rest day"
    label = wa.get_holiday_label(day)
    return f"workalendar {what}" + (f" ({label})" if label else "")


def split_days(
    dates: Dates,
    ours: Dates,
    theirs: Dates,
    ours_working: Callable[[datetime.date], bool],
    theirs_working: Callable[[datetime.date], bool],
) -> tuple[list[tuple[datetime.date, datetime.date, datetime.date]], dict[datetime.date, int]]:
    """The dates whose answers differ, and the days behind them.

    Both libraries count working days strictly after the start, so a different answer must
    come from a day in (start, later answer] that the two classify differently. Return the
    differing (start, ours, theirs) and, for every such day, how many starts it affects.
    Raise AgreementError for a difference with no such day.
    """
    differ = [(d, a, b) for d, a, b in zip(dates, ours, theirs, strict=True) if a != b]
    causes: dict[datetime.date, int] = {}
    for d, a, b in differ:
        split = [
            x
            for x in days_between(d + datetime.timedelta(days=1), max(a, b))
            if ours_working(x) != theirs_working(x)
        ]
        require(bool(split), f"{d}: answers differ ({a} vs {b}) with no day classified apart")
        for x in split:
            causes[x] = causes.get(x, 0) + 1
    return differ, causes


def print_examples(
    differ: Sequence[tuple[datetime.date, datetime.date, datetime.date]], other: str
) -> None:
    examples = sorted(set(differ))
    print(
        f"    {len(examples):,} distinct start dates differ; for example (govdeadline vs {other}):"
    )
    for d, a, b in examples[:EXAMPLES]:
        print(f"      {d} {d:%a}: {a} {a:%a} vs {b} {b:%a}")


def check_add(cal: govdeadline.Calendar, dates: Dates, ours: Dates) -> None:
    differ = [d for d, r in zip(dates, ours, strict=True) if cal.add_working_days(d, STEP) != r]
    print(
        f"  WorkingDays({STEP}).due vs cal.add_working_days(d, {STEP}): "
        f"{len(dates) - len(differ):,} of {len(dates):,} equal"
    )
    require(not differ, f"due and add_working_days differ on {len(differ):,} dates: {differ[:5]}")


def check_chinese_calendar(cal: govdeadline.Calendar, dates: Dates, ours: Dates) -> None:
    find = chinese_calendar.find_workday
    differ = [d for d, r in zip(dates, ours, strict=True) if find(STEP, d) != r]
    rest = {d for d in dates if not cal.is_working_day(d)}
    on_working = [d for d in differ if d not in rest]
    print(
        f"  vs chinese_calendar.find_workday: {len(differ):,} of {len(dates):,} differ; "
        f"{len(differ) - len(on_working):,} of them start on a rest day "
        f"({sum(d in rest for d in dates):,} rest-day starts drawn)"
    )
    require(not on_working, f"govdeadline and chinese-calendar differ on {on_working[:5]}")
    require(
        len(differ) == sum(d in rest for d in dates),
        "govdeadline and chinese-calendar agree on a rest-day start",
    )
    wrong = [d for d in differ if find(STEP, d) != cal.add_working_days(d, STEP + 1)]
    require(not wrong, f"find_workday({STEP}, d) != add_working_days(d, {STEP + 1}) on {wrong[:5]}")
    print(
        "    they differ exactly on the rest-day starts, where find_workday rolls forward first "
        f"and returns add_working_days(d, {STEP + 1}): OK"
    )


def check_holidays(
    cal: govdeadline.Calendar, china: holidays.HolidayBase, dates: Dates, ours: Dates
) -> None:
    theirs = [china.get_nth_working_day(d, STEP) for d in dates]
    differ, causes = split_days(dates, ours, theirs, cal.is_working_day, china.is_working_day)
    print(
        f"  vs holidays get_nth_working_day: {len(dates) - len(differ):,} of {len(dates):,} "
        f"agree, {len(differ):,} differ"
    )
    if not differ:
        return
    print("    every difference comes from a day the two data sets classify differently: OK")
    for day, count in sorted(causes.items()):
        print(f"    {day} {day:%a} ({count:,} start dates affected): ", end="")
        print(f"{ours_view(cal, day)}, {holidays_view(china, day)}")
        if day in KNOWN_DAYS:
            print(f"      {KNOWN_DAYS[day]}")
    print_examples(differ, "holidays")


def workalendar_subset(
    dates: Dates, ours: Dates
) -> tuple[list[datetime.date], list[datetime.date]]:
    """The starts whose counted days all lie in WA_FIRST..WA_LAST, and their answers."""
    pairs = [
        (d, r)
        for d, r in zip(dates, ours, strict=True)
        if d + datetime.timedelta(days=1) >= WA_FIRST and r <= WA_LAST
    ]
    return [d for d, _ in pairs], [r for _, r in pairs]


def check_workalendar(
    cal: govdeadline.Calendar, wa: Any, dates: Dates, ours: Dates
) -> list[datetime.date]:
    """Compare workalendar with govdeadline on *dates*; return the dates it answers."""
    theirs: list[datetime.date] = []
    kept: list[datetime.date] = []
    kept_ours: list[datetime.date] = []
    raised: list[datetime.date] = []
    for d, r in zip(dates, ours, strict=True):
        try:
            theirs.append(wa.add_working_days(d, STEP))
        except CalendarError:
            raised.append(d)
            continue
        kept.append(d)
        kept_ours.append(r)
    if raised:
        print(
            f"  workalendar raised CalendarError on {len(raised):,} dates, left out: {raised[:5]}"
        )
    differ = [(d, a, b) for d, a, b in zip(kept, kept_ours, theirs, strict=True) if a != b]
    print(
        f"  vs workalendar add_working_days: {len(kept) - len(differ):,} of {len(kept):,} "
        f"agree, {len(differ):,} differ"
    )
    if differ:
        causes: dict[datetime.date, int] = {}
        unexplained = 0
        for d, a, b in differ:
            split = [
                x
                for x in days_between(d + datetime.timedelta(days=1), max(a, b))
                if cal.is_working_day(x) != wa.is_working_day(x)
            ]
            unexplained += not split
            for x in split:
                causes[x] = causes.get(x, 0) + 1
        for day, count in sorted(causes.items()):
            print(f"    {day} {day:%a} ({count:,} start dates affected): ", end="")
            print(f"{ours_view(cal, day)}, {workalendar_view(wa, day)}")
        if unexplained:
            print(f"    {unexplained:,} differences with no day classified differently")
        print_examples(differ, "workalendar")
    return kept


def compare_days(cal: govdeadline.Calendar, china: holidays.HolidayBase, wa: Any) -> None:
    """Compare the calendars day by day over the years each one covers."""
    days = days_between(CC_FIRST, CC_LAST)
    vs_cc = [d for d in days if cal.is_working_day(d) != chinese_calendar.is_workday(d)]
    vs_holidays = [d for d in days if cal.is_working_day(d) != china.is_working_day(d)]
    print(
        f"  day by day, {CC_FIRST}..{CC_LAST} ({len(days):,} days): chinese-calendar differs on "
        f"{len(vs_cc)} days, holidays on {len(vs_holidays)}"
        + (f" ({', '.join(map(str, vs_holidays[:EXAMPLES]))})" if vs_holidays else "")
    )
    wa_days = days_between(WA_FIRST, WA_LAST)
    vs_wa = [d for d in wa_days if cal.is_working_day(d) != wa.is_working_day(d)]
    print(
        f"  day by day, {WA_FIRST}..{WA_LAST} ({len(wa_days):,} days): workalendar differs on "
        f"{len(vs_wa)} days"
    )
    for d in vs_wa[: EXAMPLES * 4]:
        print(f"    {d} {d:%a}: {ours_view(cal, d)}, {workalendar_view(wa, d)}")
    if len(vs_wa) > EXAMPLES * 4:
        print(f"    ... and {len(vs_wa) - EXAMPLES * 4} more")


def timing_row(label: str, seconds: float, n: int, note: str) -> str:
    return f"    {label:<22} {seconds / n * 1e6:10.3f} µs per date  ({note})"


def scalar(args: argparse.Namespace, cal: govdeadline.Calendar) -> list[Target]:
    print(f"1. scalar calls, n = {STEP}")
    dates = random_dates(args.n, args.seed)
    cc_dates = dates[: min(args.cc_n, len(dates))]
    rule = govdeadline.WorkingDays(STEP)
    start = time.perf_counter()
    china = holidays.China(years=HOLIDAYS_YEARS)
    china_build = time.perf_counter() - start
    start = time.perf_counter()
    wa = workalendar.asia.China()
    wa_build = time.perf_counter() - start
    print(
        f"  {len(dates):,} dates, seed {args.seed}, uniform over {FIRST}..{LAST}; built once, "
        f"not timed below: holidays.China(years=range({HOLIDAYS_YEARS.start}, "
        f"{HOLIDAYS_YEARS.stop})) {china_build * 1e3:.1f} ms, workalendar China() "
        f"{wa_build * 1e3:.1f} ms"
    )

    print("  agreement")
    ours = [rule.due(d, cal) for d in dates]
    check_add(cal, dates, ours)
    check_chinese_calendar(cal, dates, ours)
    check_holidays(cal, china, dates, ours)
    wa_dates, wa_ours = workalendar_subset(dates, ours)
    print(
        f"  workalendar subset: {len(wa_dates):,} of the dates count only days inside "
        f"{WA_FIRST}..{WA_LAST}"
    )
    wa_dates = check_workalendar(cal, wa, wa_dates, wa_ours)
    compare_days(cal, china, wa)

    repeat = args.repeat
    print(f"  timing, best of {repeat} loops")
    t_due = best_of(lambda: run_due(rule, cal, dates), repeat)
    t_add = best_of(lambda: run_add(cal, dates), repeat)
    t_holidays = best_of(lambda: run_holidays(china, dates), repeat)
    t_cc = best_of(lambda: run_chinese_calendar(cc_dates), repeat)
    t_due_cc = best_of(lambda: run_due(rule, cal, cc_dates), repeat)
    t_due_wa = t_wa = float("nan")
    if wa_dates:
        t_due_wa = best_of(lambda: run_due(rule, cal, wa_dates), repeat)
        t_wa = best_of(lambda: run_workalendar(wa, wa_dates), repeat)
    n, n_cc, n_wa = len(dates), len(cc_dates), max(len(wa_dates), 1)
    due = f"WorkingDays({STEP}).due"
    print(timing_row(due, t_due, n, f"all {n:,} dates"))
    print(timing_row("cal.add_working_days", t_add, n, f"all {n:,} dates"))
    print(timing_row("holidays", t_holidays, n, f"all {n:,} dates"))
    print(timing_row("chinese_calendar", t_cc, n_cc, f"first {n_cc:,} dates only: it is slow"))
    print(timing_row(due, t_due_cc, n_cc, f"the same {n_cc:,} dates"))
    print(timing_row("workalendar", t_wa, n_wa, f"{len(wa_dates):,} dates in its years"))
    print(timing_row(due, t_due_wa, n_wa, "the same subset"))
    vs_holidays = (t_holidays / n) / (t_due / n)
    vs_cc = (t_cc / n_cc) / (t_due / n)
    vs_cc_same = t_cc / t_due_cc
    vs_wa = t_wa / t_due_wa
    print("  ratios, how many times faster WorkingDays(5).due is")
    print(f"    than holidays                 {vs_holidays:8.1f}x")
    print(f"    than chinese_calendar         {vs_cc:8.1f}x (per date, all {n:,} dates for due)")
    print(f"    than chinese_calendar         {vs_cc_same:8.1f}x (both on the same {n_cc:,})")
    print(f"    than workalendar              {vs_wa:8.1f}x (both on the same subset)")
    print(f"    than cal.add_working_days     {t_add / t_due:8.2f}x")
    print()
    return [
        at_least(
            f"WorkingDays(5).due >= {TARGET_VS_HOLIDAYS:.0f}x faster than holidays",
            vs_holidays,
            TARGET_VS_HOLIDAYS,
        ),
        at_least(
            f"WorkingDays(5).due >= {TARGET_VS_CHINESE_CALENDAR:.0f}x faster than chinese_calendar",
            vs_cc,
            TARGET_VS_CHINESE_CALENDAR,
        ),
    ]


# -- 2. many dates at once ---------------------------------------------------------------


def random_starts(n: int, seed: int) -> DayArray:
    rng = np.random.default_rng(seed)
    lo = np.datetime64(FIRST, "D").astype(np.int64)
    hi = np.datetime64(LAST, "D").astype(np.int64)
    return rng.integers(lo, hi, size=n, endpoint=True).astype("datetime64[D]")


def check_equal(name: str, starts: DayArray, ours: DayArray, theirs: DayArray) -> None:
    require(ours.shape == theirs.shape, f"{name}: shapes {ours.shape} vs {theirs.shape}")
    differ = np.flatnonzero(ours != theirs)
    print(f"  {name}: {starts.size - differ.size:,} of {starts.size:,} equal")
    for i in differ[:EXAMPLES]:
        print(f"    start {starts[i]}: govdeadline {ours[i]}, numpy {theirs[i]}")
    require(differ.size == 0, f"{name}: {differ.size:,} dates differ")


def many_line(label: str, seconds: float, n: int, faults: int = -1) -> str:
    text = f"    {label:<32} {seconds * 1e3:10.2f} ms {seconds / n * 1e9:8.2f} ns per date"
    return text + (f", {faults:,} page faults" if faults >= 0 else "")


def many(args: argparse.Namespace, cal: govdeadline.Calendar) -> list[Target]:
    print(f"2. WorkingDays({STEP}).due_many vs numpy.busday_offset")
    starts = random_starts(args.n_many, args.seed)
    start = time.perf_counter()
    rest = [d for d in days_between(CC_FIRST, CC_LAST) if not chinese_calendar.is_workday(d)]
    bc = np.busdaycalendar(weekmask="1111111", holidays=np.array(rest, dtype="datetime64[D]"))
    bc_build = time.perf_counter() - start
    print(
        f"  {starts.size:,} datetime64[D] dates, seed {args.seed}, uniform over {FIRST}..{LAST}; "
        f"busdaycalendar with {len(rest):,} rest days from chinese_calendar.is_workday, "
        f"{CC_FIRST}..{CC_LAST}, built in {bc_build * 1e3:.1f} ms (not timed below)"
    )
    rule = govdeadline.WorkingDays(STEP)
    series = pd.Series(starts)

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

    print("  agreement")
    require(ours.dtype == np.dtype("datetime64[D]"), f"due_many returned {ours.dtype}")
    check_equal("due_many(array) vs busday_offset", starts, ours, theirs)
    require(isinstance(ours_series, pd.Series), f"due_many returned {type(ours_series)}")
    require(ours_series.index.equals(series.index), "due_many(Series) changed the index")
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
    require(not scalar_differ, f"{len(scalar_differ):,} sampled dates differ from due()")

    best_ours = best_of(run_ours, args.repeat)
    best_numpy = best_of(run_numpy, args.repeat)
    best_series = best_of(run_series, args.repeat)
    n = starts.size
    print("  timing, first call (includes one-time work)")
    print(many_line("due_many(array)", first_ours, n, faults_ours))
    print(many_line("numpy busday_offset", first_numpy, n, faults_numpy))
    print(many_line("due_many(pd.Series)", first_series, n, faults_series))
    print(f"  timing, best of {args.repeat} further calls")
    print(many_line("due_many(array)", best_ours, n))
    print(many_line("numpy busday_offset", best_numpy, n))
    print(many_line("due_many(pd.Series)", best_series, n))
    ratio_first = first_ours / first_numpy
    ratio_best = best_ours / best_numpy
    print("  ratios, govdeadline / numpy (lower is faster)")
    print(f"    first call: array {ratio_first:.3f}x, Series {first_series / first_numpy:.3f}x")
    print(f"    best call:  array {ratio_best:.3f}x, Series {best_series / best_numpy:.3f}x")
    print()
    return [
        at_most(
            f"due_many(array) best call <= {TARGET_MANY}x the time of busday_offset",
            ratio_best,
            TARGET_MANY,
        )
    ]


# -- 3. import time ----------------------------------------------------------------------


def timing_summary(found: Sequence[float]) -> str:
    return f"best {min(found) * 1e3:7.2f} ms, median {sorted(found)[len(found) // 2] * 1e3:7.2f} ms"


def imports(args: argparse.Namespace, env: dict[str, str]) -> list[Target]:
    print(f"3. import time, fresh processes, best of {args.import_runs} each, alternating")
    codes = {
        "import govdeadline": IMPORT_CODE.format(module="govdeadline"),
        "import holidays": IMPORT_CODE.format(module="holidays"),
        "import govdeadline + Calendar.national()": NATIONAL_CODE,
    }
    times: dict[str, list[float]] = {label: [] for label in codes}
    for _ in range(args.import_runs):
        for label, code in codes.items():
            times[label].append(float(fresh_python(code, env)))
    for label, found in times.items():
        note = " (for reference: first use)" if "national" in label else ""
        print(f"  {label:<40} {timing_summary(found)}{note}")
    ratio = min(times["import govdeadline"]) / min(times["import holidays"])
    print(f"  govdeadline / holidays: {ratio:.3f}x")
    loaded = fresh_python(MODULES_CODE, env).split()
    shown = ", ".join(loaded) if loaded else "neither"
    print(f"  after import govdeadline, of numpy and yaml, sys.modules holds: {shown}")
    print()
    return [
        at_most(
            f"import govdeadline <= {TARGET_IMPORT}x the time of import holidays",
            ratio,
            TARGET_IMPORT,
        ),
        Target(
            "import govdeadline leaves numpy and yaml out of sys.modules",
            f"loaded: {shown}",
            not loaded,
        ),
    ]


# -- 4. catalogue load -------------------------------------------------------------------


def build_wheel(into: Path) -> Path:
    """Build govdeadline's wheel and install it, without dependencies, into *into*."""
    root = Path(__file__).resolve().parents[1]
    dist = into / "dist"
    site = into / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--quiet", "--no-deps", "-w", str(dist), str(root)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("govdeadline-*.whl")
    subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    return site


def catalogue_runs(args: argparse.Namespace, label: str, env: dict[str, str]) -> list[float]:
    """Time load_catalogue() in fresh processes run with *env*; return the first-call times."""
    firsts: list[float] = []
    seconds: list[float] = []
    parsed = c_loader = libyaml = False
    where = ""
    fresh_python(CATALOGUE_CODE, env)  # warm this copy's bytecode cache
    for _ in range(args.import_runs):
        first, second, parsed_yaml, has_c, with_libyaml, where = fresh_python(
            CATALOGUE_CODE, env
        ).split()
        firsts.append(float(first))
        seconds.append(float(second))
        parsed, c_loader, libyaml = parsed_yaml == "1", has_c == "1", with_libyaml == "1"
    print(f"  {label}: govdeadline from {Path(where).parent}")
    print(f"    first call   {timing_summary(firsts)}")
    print(f"    second call  {timing_summary(seconds)} (same process)")
    if parsed:
        print(
            f"    read the YAML with PyYAML {version_of('PyYAML')}: CSafeLoader (libyaml) "
            f"{'available' if c_loader else 'not available'}, "
            f"yaml.__with_libyaml__ = {libyaml}"
        )
    else:
        print("    read the wheel's JSON image of the YAML; PyYAML was not imported")
    return firsts


def catalogue(args: argparse.Namespace, env: dict[str, str]) -> list[Target]:
    print(
        f"4. load_catalogue() after import govdeadline, fresh processes, best of {args.import_runs}"
    )
    with tempfile.TemporaryDirectory(prefix="govdeadline-bench-wheel-") as tmp:
        site = build_wheel(Path(tmp))
        wheel_env = {**env, "PYTHONPATH": os.pathsep.join([str(site), env.get("PYTHONPATH", "")])}
        firsts = catalogue_runs(args, "installed wheel", wheel_env)
    catalogue_runs(args, "this checkout, for information (no JSON image)", env)
    print()
    return [
        at_most(
            f"load_catalogue() first call, installed wheel, <= {TARGET_CATALOGUE_MS:.0f} ms",
            min(firsts) * 1e3,
            TARGET_CATALOGUE_MS,
            "ms",
        )
    ]


def fresh_processes(args: argparse.Namespace) -> list[Target]:
    """Sections 3 and 4, with a private bytecode cache warmed by one untimed run of each."""
    with tempfile.TemporaryDirectory(prefix="govdeadline-bench-pycache-") as cache:
        env = fresh_env(Path(cache))
        for code in (
            IMPORT_CODE.format(module="govdeadline"),
            IMPORT_CODE.format(module="holidays"),
            NATIONAL_CODE,
            CATALOGUE_CODE,
        ):
            fresh_python(code, env)
        print(
            "fresh processes read bytecode from a private cache (PYTHONPYCACHEPREFIX), warmed "
            "by one untimed run of each snippet"
            + (
                "; PYTHONDONTWRITEBYTECODE is set here, so without it govdeadline would be "
                "compiled from source in every process"
                if os.environ.get("PYTHONDONTWRITEBYTECODE")
                else ""
            )
        )
        print()
        return imports(args, env) + catalogue(args, env)


# -- main --------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    sizes = [
        ("--n", "dates for the scalar calls"),
        ("--n-many", "dates for due_many and busday_offset"),
        ("--repeat", "timed loops or calls; the best counts"),
        ("--cc-n", "dates timed for chinese-calendar, the first of --n"),
        ("--import-runs", "fresh processes per import and per catalogue load; the best counts"),
    ]
    for flag, text in sizes:
        key = flag[2:].replace("-", "_")
        parser.add_argument(
            flag, type=int, help=f"{text} ({DEFAULTS[key]}; {QUICK[key]} with --quick)"
        )
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed ({SEED})")
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
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    # workalendar warns on every year it computes ("Support years 2018-2023 currently") and
    # about a deprecated lunardate call; neither says anything about the answers.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"workalendar(\.|$)")
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"workalendar(\.|$)")

    began = time.perf_counter()
    print_machine()
    print(
        "versions: "
        + ", ".join(
            f"{name} {version_of(name)}"
            for name in (
                "govdeadline",
                "holidays",
                "chinesecalendar",
                "workalendar",
                "numpy",
                "pandas",
                "PyYAML",
            )
        )
    )
    print(
        f"options: --n {args.n} --n-many {args.n_many} --seed {args.seed} --repeat {args.repeat} "
        f"--cc-n {args.cc_n} --import-runs {args.import_runs}"
        + (" (--quick)" if args.quick else "")
    )
    start = time.perf_counter()
    cal = govdeadline.Calendar.national()
    print(f"govdeadline Calendar.national() built in {(time.perf_counter() - start) * 1e3:.1f} ms")
    print()

    targets = scalar(args, cal) + many(args, cal) + fresh_processes(args)
    print("targets")
    for target in targets:
        print(target.line())
    missed = sum(not t.passed for t in targets)
    print(
        f"{len(targets) - missed} of {len(targets)} targets met; "
        f"ran in {time.perf_counter() - began:.1f} s"
    )


if __name__ == "__main__":
    main()
