"""Interleaved timing, the statistics the benchmarks print, and growth fits.

Contenders are timed in rounds: each round runs every contender once, in an order rotated
from round to round (A B C, B C A, C A B, ...), so that a slow moment of the machine falls on
all of them alike instead of on whichever happened to run then. Each run is a block of
``calls`` calls, long enough for the clock; the time per call of each round is one sample.
Ratios between two contenders are taken round by round (both measured within moments of each
other) and summarised by their median and quartiles.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows
    resource = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Contender:
    """One thing to time: *run* makes *calls* calls of what is measured."""

    run: Callable[[], object]
    calls: int = 1


@dataclass(frozen=True)
class Spread:
    """The median of some samples with their quartiles and extremes."""

    median: float
    q1: float
    q3: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        ordered = sorted(values)
        if len(ordered) == 1:
            (only,) = ordered
            return cls(only, only, only, only, only)
        q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        return cls(median, q1, q3, ordered[0], ordered[-1])

    def show(self, scale: float = 1.0, digits: int = 3, unit: str = "") -> str:
        """'median [q1-q3]' in *unit*, each value multiplied by *scale*."""
        m, a, b = (v * scale for v in (self.median, self.q1, self.q3))
        return f"{m:.{digits}f}{unit} [{a:.{digits}f}-{b:.{digits}f}]"


def page_faults() -> int:
    """Minor page faults of this process so far (-1 where the platform does not say)."""
    if resource is None:
        return -1
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def clock(run: Callable[[], object], *, collect: bool = False) -> float:
    """Seconds one call of *run* takes.

    With *collect* false (micro-benchmarks, as timeit does) the cyclic garbage collector is
    off during the call; with *collect* true it stays on, as in a user's program, after a
    full collection beforehand so that every call starts from the same state.
    """
    if collect:
        gc.collect()
        start = time.perf_counter()
        run()
        return time.perf_counter() - start
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


def interleave(
    contenders: Mapping[str, Contender], rounds: int, *, collect: bool = False, warm: bool = True
) -> dict[str, list[float]]:
    """Seconds per call of each contender, one sample per round, in rotated order.

    One untimed round comes first when *warm* is true. See :func:`clock` for *collect*.
    """
    names = list(contenders)
    if warm:
        for name in names:
            contenders[name].run()
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            contender = contenders[name]
            samples[name].append(clock(contender.run, collect=collect) / contender.calls)
    return samples


def paired(samples: Mapping[str, Sequence[float]], a: str, b: str) -> Spread:
    """The ratio a / b, round by round."""
    return Spread.of([x / y for x, y in zip(samples[a], samples[b], strict=True)])


def calls_for(run: Callable[[], object], seconds: float) -> int:
    """How many calls of *run* take about *seconds* (at least one), from a timed call."""
    once = max(clock(run), 1e-7)
    return max(1, math.ceil(seconds / once))


def repeated(run: Callable[[], object], calls: int) -> Callable[[], object]:
    """A block of *calls* calls of *run*."""
    if calls == 1:
        return run

    def block() -> None:
        for _ in range(calls):
            run()

    return block


def fit_exponent(sizes: Sequence[float], seconds: Sequence[float]) -> float:
    """The least-squares slope of log(time) against log(size): 1 is linear, 2 quadratic."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


@dataclass
class Row:
    """One line of the results table.

    *status* is PASS or MISS for a target, "info" for a figure shown beside them, "skipped"
    when it could not be measured here.
    """

    path: str
    measured: str
    floor: str
    ratio: str
    target: str
    status: str
    note: str = ""


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


def at_most(
    path: str, measured: str, floor: str, ratio: float, limit: float, unit: str = "x"
) -> Row:
    """A row for a target met when *ratio* is at most *limit*; a MISS says by how much."""
    passed = ratio <= limit
    note = "" if passed else f"{ratio / limit:.2f}x over the target"
    return Row(
        path, measured, floor, f"{ratio:.2f}{unit}", f"<= {limit:g}{unit}", verdict(passed), note
    )


def print_table(rows: Sequence[Row]) -> None:
    """The rows as an aligned table, targets marked PASS or MISS."""
    head = ("path", "measured", "floor / reference", "ratio", "target", "result")
    cells = [head] + [
        (
            r.path,
            r.measured,
            r.floor,
            r.ratio,
            r.target,
            r.status + (f" ({r.note})" if r.note else ""),
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head) - 1)]
    for i, c in enumerate(cells):
        print(
            "  " + "  ".join(x.ljust(w) for x, w in zip(c[:-1], widths, strict=True)) + "  " + c[-1]
        )
        if i == 0:
            print("  " + "  ".join("-" * w for w in widths) + "  " + "-" * 6)
