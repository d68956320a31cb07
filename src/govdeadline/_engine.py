"""The counting engine: which kind each day is, and counting working days in O(1).

A calendar builds one :class:`Engine` from its layers and reaches it as
``calendar._engine``; no other module reads the index itself. The engine holds the
kind of every day its layers span, the ordinals of the working days and a running
count, with closed-form Monday-to-Friday arithmetic outside them, and it knows what
the calendar's data covers: :meth:`Engine.covered` either allows a span of days,
says it is assumed (``beyond="assume"``), or raises
:class:`~govdeadline.OutsideCalendarError` naming the first day outside.

Counting works on an ordinal (an ``int``, as :meth:`datetime.date.toordinal` gives)
or on a NumPy array of ordinals alike: :meth:`Engine.count`, :meth:`Engine.nth`,
:meth:`Engine.add` and :meth:`Engine.covered` take either, so a rule writes its
arithmetic once for :meth:`~govdeadline.Rule.due` and
:meth:`~govdeadline.Rule.due_many`. NumPy is imported only when an array arrives.
"""

from __future__ import annotations

import datetime
import itertools
import warnings
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, overload

from .days import Coverage, DayInfo, DayKind
from .errors import AssumedCalendarWarning, OutsideCalendarError, _r

if TYPE_CHECKING:
    from .layers import CalendarLayer, LayerDay

__all__ = [
    "EPOCH",
    "HOLIDAY",
    "KINDS",
    "MAKEUP",
    "MARGIN",
    "MAX_ORDINAL",
    "WEEKEND",
    "WORKDAY",
    "Engine",
    "Fast",
    "checked",
    "fromordinal",
]

WORKDAY, MAKEUP, WEEKEND, HOLIDAY = range(4)
"""The day-kind codes of the index; a code <= MAKEUP is a working day."""
KINDS = (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY, DayKind.WEEKEND, DayKind.HOLIDAY)
"""The :class:`DayKind` of each code."""
MAX_ORDINAL = datetime.date.max.toordinal()
_FROMORDINAL = datetime.date.fromordinal


def fromordinal(r: int) -> datetime.date:
    """The date of ordinal *r*, or OutsideCalendarError when Python has no such date."""
    if not 1 <= r <= MAX_ORDINAL:
        raise OutsideCalendarError(
            "the answer would fall outside the dates Python can represent "
            f"({datetime.date.min} to {datetime.date.max})",
            date=None,
            first=datetime.date.min,
            last=datetime.date.max,
            calendar="",
        )
    return _FROMORDINAL(r)


def checked(r: int) -> int:
    """Return ordinal r, or raise if it is not a date Python can represent."""
    fromordinal(r)
    return r


def _weekdays_through(x: int) -> int:
    """Monday-to-Friday days among ordinals 1..x (ordinal 1, 0001-01-01, is a Monday)."""
    q, r = divmod(x, 7)
    return 5 * q + min(r, 5)


def _nth_weekday(t: int) -> int:
    """Return the smallest ordinal x with ``_weekdays_through(x) >= t``."""
    q, r = divmod(t - 1, 5)
    return 7 * q + r + 1


Fast = tuple[int, list[int], list[int], int, int]
"""``(first, cum, work, size, nwork)``: the fast paths' tables, one tuple to unpack at once.

For a start x with ``0 <= x - first < size``, ``cum[x - first]`` counts the working days of
the index up to x, and while ``t = cum[x - first] + n <= nwork`` the n-th working day after x
is ``work[t - 1]``, every day from x + 1 to it covered and settled (not a forecast). Likewise
``cum[j] - cum[i]`` counts the working days between two such starts.
"""


_WEEK = bytes((WORKDAY,) * 5 + (WEEKEND,) * 2)
"""The codes of a plain week, Monday first."""
_WORKING = bytes(1 if code <= MAKEUP else 0 for code in range(256))
"""A translation of day-kind codes: 1 for a working day, 0 for a rest day."""


def _code(day: LayerDay) -> int:
    if day.status == "holiday":
        return HOLIDAY
    if day.status == "rest":
        return WEEKEND
    return MAKEUP if day.date.weekday() >= 5 else WORKDAY


EPOCH = datetime.date(1970, 1, 1).toordinal()
"""The ordinal of 1970-01-01: NumPy's ``datetime64[D]`` counts days from it."""
MARGIN = 128
"""Days from each end of the settled data within which :meth:`Engine.each` calls *f* per day.

An adjusted recurrence examines the days from about two months before a start (the
previous occurrence of a monthly date, and its month) to about two months after its answer."""


class _Arrays:
    """NumPy copies of the index and of the fast paths' tables, made on first use.

    ``first``, ``cum``, ``work``, ``size`` and ``nwork`` are :data:`Fast`'s, in days since
    1970 (``work``) and offsets from ``first`` (the days since 1970 of its first day).
    """

    __slots__ = ("cum", "fast_cum", "fast_work", "first", "nwork", "size", "work")

    def __init__(self, cum: list[int], work: list[int], fast: Fast) -> None:
        import numpy as np

        self.cum = np.asarray(cum, dtype=np.int64)
        self.work = np.asarray(work, dtype=np.int64)
        first, fast_cum, fast_work, self.size, self.nwork = fast
        self.first = first - EPOCH
        self.fast_cum = np.asarray(fast_cum, dtype=np.int64)
        self.fast_work = np.asarray(fast_work, dtype=np.int64) - EPOCH


class Engine:
    """Per-day kinds, working-day positions and coverage of one calendar.

    ``count(x)`` is the number of working days among ordinals 1..x, with plain
    Monday-to-Friday weeks outside [lo, hi]; ``nth(t)`` is its inverse, the t-th
    working day; ``add(x, n)`` is ``nth(count(x) + n)``. All are O(1).

    Args:
        layers: the calendar's layers, lowest first.
        first_year, last_year: the years the calendar covers.
        name: the calendar's name, for messages.
        beyond: ``"raise"`` or ``"assume"``.
        scopes: for each scope among the layers, the years it covers, for messages.
        partial: for each year some of the calendar's own layers list without covering
            it (``complete: false``), those layers' names, for messages.
    """

    __slots__ = (
        "_arrays",
        "base",
        "beyond",
        "cov_hi",
        "cov_lo",
        "coverage",
        "cum",
        "entries",
        "fast",
        "hi",
        "kinds",
        "lo",
        "name",
        "nwork",
        "partial",
        "scopes",
        "settled_hi",
        "work",
    )

    def __init__(
        self,
        layers: tuple[CalendarLayer, ...],
        first_year: int,
        last_year: int,
        *,
        name: str,
        beyond: str,
        scopes: Mapping[str, frozenset[int]],
        partial: Mapping[int, tuple[str, ...]] | None = None,
    ) -> None:
        years = {first_year, last_year}
        for layer in layers:
            for layer_year in layer.years:
                for day in layer_year.days:
                    years.add(day.date.year)
        self.lo = lo = datetime.date(min(years), 1, 1).toordinal()
        self.hi = hi = datetime.date(max(years), 12, 31).toordinal()
        self.cov_lo = datetime.date(first_year, 1, 1).toordinal()
        self.cov_hi = datetime.date(last_year, 12, 31).toordinal()
        self.settled_hi = self.cov_hi  # the last day the published data settle (forecasts)
        self.coverage = Coverage(_FROMORDINAL(self.cov_lo), _FROMORDINAL(self.cov_hi))
        self.name = name
        self.beyond = beyond
        self.scopes = scopes
        self.partial = partial or {}
        size = hi - lo + 1
        start = (lo + 6) % 7  # the weekday of lo, Monday = 0
        kinds = bytearray((_WEEK[start:] + _WEEK * (size // 7 + 1))[:size])
        entries: dict[int, tuple[LayerDay, str]] = {}
        for layer in layers:
            for layer_year in layer.years:
                for day in layer_year.days:
                    x = day.date.toordinal()
                    kinds[x - lo] = _code(day)
                    entries[x] = (day, layer.name)
        working = kinds.translate(_WORKING)  # 1 for each working day, 0 for each rest day
        work = list(itertools.compress(range(lo, hi + 1), working))
        cum = list(itertools.accumulate(working))
        self.kinds = bytes(kinds)
        self.entries = entries
        self.cum = cum
        self.work = work
        self.nwork = len(work)
        self.base = _weekdays_through(lo - 1)
        self._arrays: _Arrays | None = None
        self.fast: Fast = self._fast()

    def settle(self, last: int) -> None:
        """Take the published data to settle answers only through ordinal *last*.

        A forecast calendar's fast path stops there, so later answers are checked.
        """
        self.settled_hi = min(self.cov_hi, last)
        self.fast = self._fast()
        self._arrays = None

    def _fast(self) -> Fast:
        """The tables of the fast paths, over the days the data settle (see :data:`Fast`)."""
        first = self.cov_lo - 1  # a start the day before coverage counts only covered days
        cum = self.cum[max(first - self.lo, 0) : self.settled_hi - self.lo + 1]
        if first < self.lo:  # no working day of the index up to the day before it
            cum.insert(0, 0)
        work = self.work[: cum[-1]]
        return first, cum, work, len(cum), len(work)

    # -- one day ------------------------------------------------------------------------

    def code(self, x: int) -> int:
        """The day-kind code of ordinal x (WORKDAY, MAKEUP, WEEKEND or HOLIDAY)."""
        if self.lo <= x <= self.hi:
            return self.kinds[x - self.lo]
        return WEEKEND if (x + 6) % 7 >= 5 else WORKDAY

    def is_working(self, x: int) -> bool:
        """Whether ordinal x is a working day."""
        return self.code(x) <= MAKEUP

    def info(self, x: int) -> DayInfo:
        """What the data say about ordinal x (see :class:`~govdeadline.DayInfo`).

        A holiday or a makeup working day carries its festival's names; a day a layer
        lists carries the layer's name; a day outside coverage is ``assumed``.
        """
        code = self.code(x)
        kind = KINDS[code]
        assumed = not self.cov_lo <= x <= self.cov_hi
        entry = self.entries.get(x)
        if entry is None:
            return DayInfo(_FROMORDINAL(x), kind, assumed=assumed)
        day, layer = entry
        if code in (HOLIDAY, MAKEUP):
            return DayInfo(_FROMORDINAL(x), kind, day.name, day.name_zh, layer, assumed)
        return DayInfo(_FROMORDINAL(x), kind, layer=layer, assumed=assumed)

    # -- counting, on an ordinal or an array of them ------------------------------------

    @overload
    def count(self, x: int) -> int: ...
    @overload
    def count(self, x: Any) -> Any: ...
    def count(self, x: Any) -> Any:
        """Working days among ordinals 1..x."""
        if type(x) is not int:
            return self._count_many(x)
        if x < self.lo:
            return _weekdays_through(x)
        if x <= self.hi:
            return self.base + self.cum[x - self.lo]
        return self.base + self.nwork + _weekdays_through(x) - _weekdays_through(self.hi)

    @overload
    def nth(self, t: int) -> int: ...
    @overload
    def nth(self, t: Any) -> Any: ...
    def nth(self, t: Any) -> Any:
        """The t-th working day counted from ordinal 1: the inverse of :meth:`count`."""
        if type(t) is not int:
            return self._nth_many(t)
        if t <= self.base:
            return _nth_weekday(t)
        t -= self.base
        if t <= self.nwork:
            return self.work[t - 1]
        return _nth_weekday(t - self.nwork + _weekdays_through(self.hi))

    @overload
    def add(self, x: int, n: int) -> int: ...
    @overload
    def add(self, x: Any, n: int) -> Any: ...
    def add(self, x: Any, n: int) -> Any:
        """Return ``nth(count(x) + n)``.

        For n >= 1 that is the n-th working day after x; for n = 0, the last working
        day on or before x.
        """
        if type(x) is not int:
            return self._add_many(x, n)
        return self.nth(self.count(x) + n)

    def between(self, a: int, b: int) -> int:
        """Working days in (a, b]; negative when b < a."""
        return self.count(b) - self.count(a)

    def each(
        self,
        x: Any,
        f: Callable[[int], int],
        *,
        dates: Callable[[int, int], list[int]] | None = None,
        origin: int = 0,
        bounds: tuple[int, int] | None = None,
    ) -> Any:
        """Apply *f* to each distinct ordinal of the int64 array *x*, once each; spread back.

        With *origin*, *x* and the result count days from that ordinal instead (``EPOCH``:
        days since 1970); *f* still takes and gives ordinals. *bounds* are the least and
        the greatest element of *x*, when the caller has them.

        The answers go into a table over the range of *x*, read back with one gather,
        without sorting *x*; *f* is called on the days present in increasing order.

        *dates*, when given, says that *f* maps an ordinal to the first date of a fixed
        set of dates strictly after it (a recurrence's next processing date):
        ``dates(a, b)`` returns, in increasing order, the dates of the set that answer
        every ordinal of [a, b], the last one after b. The table's days inside the data
        that settle every answer, :data:`MARGIN` days from their ends, are then read
        from them at once, where no day outside the data is examined; the days present
        near the ends are each answered by *f*, so that errors and assumed days are what
        a call per day would give.
        """
        import numpy as np

        if x.size:
            lo, hi = (int(x.min()), int(x.max())) if bounds is None else bounds
            span = hi - lo + 1
        if not x.size or span > 4 * x.size + 1024:  # few days spread far apart
            unique, inverse = np.unique(x, return_inverse=True)
            answers = np.fromiter(
                (f(int(o) + origin) - origin for o in unique), dtype=np.int64, count=unique.size
            )
            return answers[inverse.reshape(x.shape)]
        offsets = np.subtract(x, lo, dtype=np.int64)
        present = np.zeros(span, dtype=bool)
        present[offsets] = True
        table = np.empty(span, dtype=np.int64)
        start = lo + origin  # the ordinal of offset 0
        a = max(self.cov_lo + MARGIN - start, 0)  # the inner offsets: [a, b]
        b = min(self.settled_hi - MARGIN - start, span - 1)
        if dates is not None and a <= b:
            found = np.asarray(dates(start + a, start + b), dtype=np.int64)
            inner = np.arange(start + a, start + b + 1, dtype=np.int64)
            table[a : b + 1] = found[np.searchsorted(found, inner, side="right")] - origin
            present[a : b + 1] = False
        for i in np.flatnonzero(
            present
        ).tolist():  # the days present that the dates did not answer, in increasing order
            table[i] = f(start + i) - origin
        np.take(table, offsets, out=offsets, mode="clip")  # clip: offsets lie in the table
        return offsets

    # -- coverage -----------------------------------------------------------------------

    def covered(self, a: Any, b: Any) -> bool:
        """Check that ordinals a..b are covered; return whether the answer is assumed.

        *a* and *b* are ordinals, or arrays of them: then each span a[i]..b[i] (none
        empty), nothing for empty arrays, and an error names what the first span outside
        the data (in C order) would name on its own, as a call per element would. Raises
        :class:`~govdeadline.OutsideCalendarError` when they are not covered and the
        calendar does not assume (or the answer leaves the dates Python can represent).
        """
        if type(a) is not int:
            if not a.size:
                return False
            lo, hi = int(a.min()), int(b.max())
            if self.cov_lo <= lo and hi <= self.cov_hi:
                return False  # the common case: one minimum and one maximum
            if self.beyond == "assume" and lo >= 1 and hi <= MAX_ORDINAL:
                return True  # some span leaves the data, and every one is assumed
            import numpy as np

            a, b = np.broadcast_arrays(a, b)
            # The union of the spans is not the span of any one element: the first
            # element outside the data speaks for itself.
            if self.beyond == "assume":  # an element whose span leaves Python's dates
                i = int(np.argmax((a < 1) | (b > MAX_ORDINAL)))
            else:
                i = int(np.argmax((a < self.cov_lo) | (b > self.cov_hi)))
            a, b = int(a.flat[i]), int(b.flat[i])
        if a > b or (self.cov_lo <= a and b <= self.cov_hi):
            return False
        if self.beyond == "assume" and a >= 1 and b <= MAX_ORDINAL:
            return True
        bad = a if a < self.cov_lo else max(a, self.cov_hi + 1)
        if self.beyond == "assume":
            bad = a if a < 1 else b
        first, last = self.coverage
        raise OutsideCalendarError(
            self.outside(bad),
            date=_FROMORDINAL(bad) if 1 <= bad <= MAX_ORDINAL else None,
            first=first,
            last=last,
            calendar=self.name,
        )

    def outside(self, x: int) -> str:
        """The message for ordinal x, outside the data: what covers what, and the fix."""
        first, last = self.coverage
        if x > MAX_ORDINAL or x < 1:
            return (
                f"the answer would fall outside the dates Python can represent "
                f"({datetime.date.min} to {datetime.date.max})"
            )
        day = _FROMORDINAL(x)
        missing = [s for s, years in self.scopes.items() if day.year not in years]
        which = " or ".join(f"{_r(s)}" for s in missing)
        how = " and ".join(
            "a national layer (the holiday-cn JSON of the State Council's notice, or YAML)"
            if s == "national"
            else f"a YAML layer with scope {_r(s)}"
            for s in missing
        )
        partial = self.partial.get(day.year, ())
        listed = ""
        if partial:
            names = " and ".join(map(_r, partial))
            listed = (
                f"; or, if layer {names} already {'lists' if len(partial) == 1 else 'list'} "
                f"every day of {day.year}'s arrangement, mark {day.year} complete: true there "
                "(the days of a year without complete: true do not extend coverage);"
            )
        return (
            f"{day.isoformat()} is outside the {_r(self.name)} calendar, which covers "
            f"{first.isoformat()} to {last.isoformat()} (no {which} layer covers {day.year}). "
            f"Add {how} covering {day.year} with calendar.with_layer(path) (see 'Calendar "
            f"layers' in the docs){listed or ','} or opt in to assuming Monday-to-Friday "
            "weeks with beyond='assume'"
        )

    def warn_assumed(self, call: str, stacklevel: int) -> None:
        """Emit the warning for an answer to *call* that relied on assumed days."""
        first, last = self.coverage
        warnings.warn(
            f"{call} relied on days outside the {_r(self.name)} calendar's coverage "
            f"({first.isoformat()} to {last.isoformat()}), taken as Monday-to-Friday weeks "
            "except for days its layers list",
            AssumedCalendarWarning,
            stacklevel=stacklevel + 1,
        )

    def settles(self, a: int, b: int) -> bool:
        """Whether ordinals a..b (both included) lie in the data that settle answers."""
        return self.cov_lo <= a and b <= self.settled_hi

    def knows(self, a: int, b: int) -> bool:
        """Whether the data cover ordinals a..b (both included)."""
        return self.cov_lo <= a and b <= self.cov_hi

    def known_rest(self, a: int, b: int) -> bool:
        """Whether the data cover ordinals a..b (both included), all rest days."""
        return self.knows(a, b) and self.count(b) == self.count(a - 1)

    def known_working_in(self, a: int, b: int) -> bool:
        """Whether the data show a working day among ordinals a..b (both included)."""
        lo = max(a, self.cov_lo)
        hi = min(b, self.cov_hi)
        return lo <= hi and self.count(hi) > self.count(lo - 1)

    # -- arrays -------------------------------------------------------------------------

    def _numpy(self) -> _Arrays:
        if self._arrays is None:
            self._arrays = _Arrays(self.cum, self.work, self.fast)
        return self._arrays

    def add_days(self, days: Any, n: int, shift: int = 0) -> Any:
        """``add(x + shift, n) - EPOCH`` for each x of *days* (days since 1970), or None.

        The fast path of ``due_many``: an int64 array of the answers, made in one new
        array by two gathers, when every start lies in the fast paths' tables and every
        answer in the data they settle (see :data:`Fast`), so that no answer needs a
        check, a warning or a forecast; otherwise None, and nothing has changed.
        """
        import numpy as np

        arr = self._numpy()
        if not days.size or not 1 <= n <= arr.nwork:
            return None
        first = arr.first - shift
        if days.min() < first or days.max() >= first + arr.size:
            return None
        out = np.subtract(days, first, dtype=np.int64)
        np.take(arr.fast_cum, out, out=out, mode="clip")  # clip: the range is checked above
        out += n - 1
        if out.max() >= arr.nwork:
            return None
        np.take(arr.fast_work, out, out=out, mode="clip")
        return out

    def _count_many(self, x: Any) -> Any:
        """:meth:`count` for each element of an int64 array."""
        import numpy as np

        arr = self._numpy()
        if x.size and self.lo <= x.min() and x.max() <= self.hi:
            return self.base + arr.cum[x - self.lo]
        inside = (x >= self.lo) & (x <= self.hi)
        below = _weekdays_through_many(x)
        above = self.base + self.nwork + below - _weekdays_through_many(np.int64(self.hi))
        out = np.where(x < self.lo, below, above)
        out[inside] = self.base + arr.cum[x[inside] - self.lo]
        return out

    def _nth_many(self, t: Any) -> Any:
        """:meth:`nth` for each element of an int64 array."""
        import numpy as np

        arr = self._numpy()
        s = t - self.base
        q, r = np.divmod(t - 1, 5)
        below = 7 * q + r + 1
        q2, r2 = np.divmod(s - self.nwork + _weekdays_through_many(np.int64(self.hi)) - 1, 5)
        above = 7 * q2 + r2 + 1
        out = np.where(s < 1, below, above)
        inside = (s >= 1) & (s <= self.nwork)
        out[inside] = arr.work[s[inside] - 1]
        return out

    def _add_many(self, x: Any, n: int) -> Any:
        """:meth:`add` for each element of an int64 array.

        With few temporary arrays when every element lies inside the index (the common case).
        """
        if x.size and n >= 1:
            arr = self._numpy()
            i = x - self.lo
            if i.min() >= 0 and i.max() < len(self.cum):
                t = arr.cum[i]
                t += n - 1
                if t.max() < self.nwork:
                    return arr.work[t]
        return self.nth(self.count(x) + n)


def _weekdays_through_many(x: Any) -> Any:
    import numpy as np

    q, r = np.divmod(x, 7)
    return 5 * q + np.minimum(r, 5)
