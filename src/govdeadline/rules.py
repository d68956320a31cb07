"""Rule objects: time limits and recurring processing dates that compose.

Each rule answers one question, ``rule.due(start, calendar)``: given the day
something starts (an application is accepted, a review ends), which day is it
due? Rules are immutable, hashable and compose: ``WorkingDays(5).then(
WeeklyOn(Weekday.TUESDAY))`` is "five working days of review, then the next
Tuesday".
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from typing import Any, ClassVar, Literal, get_args

import attrs

from ._dates import month_length, to_date
from ._engine import EPOCH, MAX_ORDINAL, Engine, checked, fromordinal
from .calendar import Calendar
from .errors import InvalidArgumentError, InvalidRuleError, OutsideCalendarError, _r
from .explain import Explanation, Step, Trace

__all__ = [
    "Adjust",
    "CalendarDays",
    "Explanation",
    "Immediate",
    "MonthlyBy",
    "MonthlyOn",
    "Months",
    "QuarterlyBy",
    "Rule",
    "Step",
    "Then",
    "Weekday",
    "WeeklyOn",
    "WorkingDayOfNextMonth",
    "WorkingDays",
    "from_rrule",
]

Adjust = Literal["unadjusted", "following", "preceding", "modified_following", "modified_preceding"]
"""What a recurrence does with an occurrence that falls on a rest day (QuantLib's
business-day conventions):

``"unadjusted"``
    keep it: the catalogue names fixed calendar dates (the default).
``"following"``
    the next working day.
``"preceding"``
    the previous working day.
``"modified_following"``
    the next working day, unless that is in the next month: then the previous one.
``"modified_preceding"``
    the previous working day, unless that is in the previous month: then the next one.
"""

_DATE = datetime.date
_FROMORDINAL = datetime.date.fromordinal

ADJUSTMENTS: tuple[Adjust, ...] = get_args(Adjust)
"""The values of :data:`Adjust`, in order."""


class Weekday(enum.IntEnum):
    """A day of the week, Monday = 0 as in :meth:`datetime.date.weekday`.

    >>> Weekday.TUESDAY, Weekday.TUESDAY.rrule, Weekday.TUESDAY.zh
    (Weekday.TUESDAY, 'TU', '周二')
    """

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6

    def __repr__(self) -> str:
        return f"Weekday.{self.name}"

    @property
    def rrule(self) -> str:
        """The RFC 5545 two-letter code, such as ``MO`` or ``TU``."""
        return self.name[:2]

    @property
    def zh(self) -> str:
        """The Chinese name, such as ``周一`` or ``周日``."""
        return "周" + "一二三四五六日"[self.value]


def _check_calendar(calendar: object) -> Calendar:
    if not isinstance(calendar, Calendar):
        raise TypeError(
            "calendar must be a govdeadline.Calendar, such as Calendar.for_region('xinjiang'), "
            f"not {type(calendar).__name__} ({_r(calendar)})"
        )
    return calendar


# -- the rules ----------------------------------------------------------------------------


class Rule:
    """Base class of every rule.

    A rule maps a start date to a due date on a :class:`~govdeadline.Calendar`.
    Rules are immutable and hashable, compare by value, and compose with
    :meth:`then` (also ``>>``).
    """

    __slots__ = ()

    def __new__(cls, *args: object, **kwargs: object) -> Rule:
        """Refuse the base classes themselves, which have no dates to give."""
        if cls is Rule or cls is _Recurrence:
            raise TypeError(
                f"{cls.__name__} is the base of the rules and has no dates of its own; use "
                "Immediate(), WorkingDays(n), CalendarDays(n), WeeklyOn(...) or MonthlyOn(...)"
            )
        return super().__new__(cls)

    def _apply(self, x: int, engine: Engine, trace: Trace) -> int:
        """The due date (an ordinal) for start ordinal x."""
        raise NotImplementedError  # pragma: no cover - every rule overrides it

    def _apply_many(self, x: Any, engine: Engine, trace: Trace) -> Any:
        """:meth:`_apply` for an int64 array of ordinals: by default once per distinct one.

        Rules whose arithmetic the engine does on arrays as on ordinals use ``_apply``.
        """
        return engine.each(x, lambda o: self._apply(o, engine, trace))

    def _fast_many(self, days: Any, engine: Engine) -> Any:
        """The due dates of *days* (an int64 array of days since 1970) in days since 1970.

        Or None when the fast path does not apply: then ``due_many`` takes the general
        path, which checks, warns and raises as :meth:`due` does. The fast path answers
        only when every day it needs lies in the data the calendar settles.
        """
        return None

    def due(self, start: object, calendar: Calendar) -> datetime.date:
        """Return the due date for *start* on *calendar*.

        *start* is a :class:`datetime.date`, a :class:`datetime.datetime` or an ISO
        string. Raises :class:`~govdeadline.OutsideCalendarError` when the answer
        needs days outside the calendar's coverage; a calendar made with
        ``beyond="assume"`` answers and emits an
        :class:`~govdeadline.AssumedCalendarWarning` instead.
        """
        return self._due(start, calendar)

    def _due(self, start: object, calendar: Calendar) -> datetime.date:
        """Compute :meth:`due`; every ``due`` calls it directly.

        Keeping one frame between the caller and the warning lets the warning name
        the caller's line.
        """
        cal = _check_calendar(calendar)
        day = to_date(start, "start")
        engine = cal._engine
        trace = Trace(engine)
        r = self._apply(day.toordinal(), engine, trace)
        if trace.assumed:
            engine.warn_assumed(f"{_r(self)}.due({day.isoformat()})", stacklevel=3)
        due = fromordinal(r)
        if cal._forecast is not None and r >= cal._forecast.first:
            earliest, latest, provisional = self._bounds(day, due, cal)
            if provisional:
                cal._warn_forecast(f"{_r(self)}.due({day.isoformat()})", due, earliest, latest, 3)
        return due

    def explain(self, start: object, calendar: Calendar) -> Explanation:
        """Return the due date with how it was reached (see :class:`Explanation`).

        An answer that relied on days outside coverage (only with
        ``beyond="assume"``) is flagged ``assumed`` rather than warned about.

        >>> from govdeadline import Calendar
        >>> print(WorkingDays(2).explain("2024-09-30", Calendar.national()))
        WorkingDays(2) from 2024-09-30 on the 'national' calendar: due 2024-10-09
          WorkingDays(2): 2024-09-30 -> 2024-10-09, skipping 7 rest days
            2024-10-01 Tue  holiday  National Day (国庆节)
            2024-10-02 Wed  holiday  National Day (国庆节)
            2024-10-03 Thu  holiday  National Day (国庆节)
            2024-10-04 Fri  holiday  National Day (国庆节)
            2024-10-05 Sat  holiday  National Day (国庆节)
            2024-10-06 Sun  holiday  National Day (国庆节)
            2024-10-07 Mon  holiday  National Day (国庆节)
        """
        cal = _check_calendar(calendar)
        day = to_date(start, "start")
        trace = Trace(cal._engine, explain=True)
        r = self._apply(day.toordinal(), cal._engine, trace)
        due = fromordinal(r)
        steps, assumed = tuple(trace.steps), trace.assumed
        if cal._forecast is None:
            return Explanation(self, day, due, cal, steps, assumed)
        earliest, latest, provisional = self._bounds(day, due, cal)
        return Explanation(self, day, due, cal, steps, assumed, earliest, latest, provisional)

    def _bounds(
        self, day: datetime.date, due: datetime.date, cal: Calendar
    ) -> tuple[datetime.date, datetime.date, bool]:
        """The earliest and latest due dates on a forecast calendar; whether provisional.

        The bounds come from calendars that settle the uncertain days each way
        (:mod:`govdeadline.forecast`); the forecast itself is kept between them.
        """
        x = day.toordinal()
        a, b, provisional = cal._forecast.bounds(
            lambda c: self._apply(x, c._engine, Trace(c._engine)), x
        )
        lo, hi = min(a, due.toordinal()), max(b, due.toordinal())
        return fromordinal(lo), fromordinal(hi), provisional

    def due_many(
        self, starts: Any, calendar: Calendar, *, errors: Literal["raise", "coerce"] = "raise"
    ) -> Any:
        """Return :meth:`due` for many start dates at once.

        *starts* is a NumPy array, a pandas Series, a pandas Index, a list or a tuple;
        the result is of the same kind (an array keeps its shape, 0-d included, and its
        datetime64 unit, other arrays give ``datetime64[D]``; a list or a tuple gives a
        one-dimensional ``datetime64[D]`` array; a Series keeps its index and name;
        an Index becomes a DatetimeIndex), equal element by element to :meth:`due`.
        datetime64 values are read at once, times of day dropped; tz-aware pandas
        values are first converted to Asia/Shanghai. Elements that are objects or
        text (and the elements of a list) are read one by one as :meth:`due` reads
        them (ISO strings only, never pandas' lenient parser). Missing values (None,
        NaN, NaT, pandas' NA) give NaT. Numbers, booleans, durations and bytes raise
        TypeError whatever their values. With ``errors="raise"`` (the default), an
        element :meth:`due` refuses raises what :meth:`due` raises, for the first
        such element, naming its place; then a date outside the calendar raises
        :class:`~govdeadline.OutsideCalendarError`, the error :meth:`due` raises for
        the first element (in C order) that raises. With ``errors="coerce"``, each
        element for which :meth:`due` would raise gives NaT instead (as does a due
        date the result's unit cannot hold), and the others their due dates; a
        container of numbers, booleans, durations or bytes still raises TypeError.
        NumPy is imported only when this method is called.

        >>> import numpy as np
        >>> from govdeadline import Calendar
        >>> WorkingDays(5).due_many(["2026-12-24", "2026-12-28", None], Calendar.national(),
        ...                         errors="coerce")
        array(['2026-12-31', 'NaT', 'NaT'], dtype='datetime64[D]')
        """
        if errors not in ("raise", "coerce"):
            raise InvalidArgumentError(f"errors={_r(errors)} must be 'raise' or 'coerce'")
        from ._vector import due_many

        return due_many(self, starts, _check_calendar(calendar), errors)

    def then(self, other: Rule) -> Then:
        """Return the rule "self, then *other* from the date self produced".

        Composition flattens: ``a.then(b).then(c) == a.then(b.then(c))``.

        >>> WorkingDays(5).then(WeeklyOn(Weekday.TUESDAY))
        WorkingDays(5).then(WeeklyOn(Weekday.TUESDAY))
        """
        if not isinstance(other, Rule):
            raise TypeError(f"then() needs a Rule, not {type(other).__name__} ({_r(other)})")
        return Then((*steps_of(self), *steps_of(other)))

    def __rshift__(self, other: object) -> Then:
        if not isinstance(other, Rule):
            return NotImplemented
        return self.then(other)


def steps_of(rule: Rule) -> tuple[Rule, ...]:
    """The rules *rule* applies in turn: a Then's steps, or the rule itself."""
    return rule.steps if isinstance(rule, Then) else (rule,)


@attrs.frozen(repr=False)
class Immediate(Rule):
    """即时办结 (handled on the spot): the start if it is a working day, else the next one.

    >>> from govdeadline import Calendar
    >>> cal = Calendar.national()
    >>> Immediate().due("2024-10-01", cal), Immediate().due("2024-10-08", cal)
    (datetime.date(2024, 10, 8), datetime.date(2024, 10, 8))
    """

    def _apply(self, x: int, engine: Engine, trace: Trace) -> int:
        r = engine.add(x - 1, 1)
        assumed = trace.need(x, r)
        trace.step(self, x, r, x, r, assumed)
        return r

    _apply_many = _apply

    def _fast_many(self, days: Any, engine: Engine) -> Any:
        return engine.add_days(days, 1, -1)

    def __repr__(self) -> str:
        return "Immediate()"


def _positive(cls: str, value: object, what: str = "n") -> int:
    if type(value) is not int or value < 1:
        raise InvalidRuleError(
            f"{cls}({_r(value)}): {what} must be a whole number of at least 1, "
            f"not {type(value).__name__} {_r(value)}"
        )
    return value


@attrs.frozen(repr=False, init=False)
class WorkingDays(Rule):
    """N个工作日: the n-th working day strictly after the start.

    The day of acceptance is not counted (民法典 Art. 201; 行政许可法 Art. 82 counts
    licensing limits in working days). For local rules that count the start
    day when it is a working day, pass ``include_start=True``: then the start
    is day 1 if it works.

    >>> from govdeadline import Calendar
    >>> cal = Calendar.national()
    >>> WorkingDays(5).due("2025-06-03", cal)
    datetime.date(2025, 6, 10)
    >>> WorkingDays(5, include_start=True).due("2025-06-03", cal)
    datetime.date(2025, 6, 9)
    """

    n: int
    include_start: bool = False
    # n for the fast path of due(), or 0 when it does not apply (include_start).
    _fast_n: int = attrs.field(init=False, default=0, eq=False, hash=False, repr=False)

    def __init__(self, n: int, *, include_start: bool = False) -> None:
        if type(include_start) is not bool:
            raise InvalidRuleError(
                f"WorkingDays(include_start={_r(include_start)}): include_start must be True "
                "or False"
            )
        self.__attrs_init__(_positive("WorkingDays", n), include_start)
        object.__setattr__(self, "_fast_n", 0 if include_start else n)

    def due(self, start: object, calendar: Calendar) -> datetime.date:
        """Return the due date for *start* on *calendar* (see :meth:`Rule.due`)."""
        n = self._fast_n
        if n and type(start) is _DATE and type(calendar) is Calendar:
            # The fast path, in this frame: two look-ups in the calendar's tables.
            first, cum, work, size, nwork = calendar._fast
            i = start.toordinal() - first
            if 0 <= i < size:
                t = cum[i] + n
                if t <= nwork:
                    return _FROMORDINAL(work[t - 1])
        return self._due(start, calendar)

    def _apply(self, x: int, engine: Engine, trace: Trace) -> int:
        before = x - 1 if self.include_start else x  # the last day not counted
        first = before + 1
        r = engine.add(before, self.n)
        assumed = trace.need(first, r)
        trace.step(self, x, r, first, r, assumed, counts=True)
        return r

    _apply_many = _apply

    def _fast_many(self, days: Any, engine: Engine) -> Any:
        return engine.add_days(days, self.n, -1 if self.include_start else 0)

    def __repr__(self) -> str:
        return f"WorkingDays({_r(self.n)}{', include_start=True' if self.include_start else ''})"


@attrs.frozen(repr=False, init=False)
class CalendarDays(Rule):
    """N日, N天, N个自然日: start + n days; on a rest day, the next working day after it.

    民法典 Art. 203: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日
    (when the last day of a period is a statutory rest day, the period ends on the
    day after the rest days end).

    >>> from govdeadline import Calendar
    >>> CalendarDays(3).due("2024-09-28", Calendar.national())  # 1 October is a holiday
    datetime.date(2024, 10, 8)
    """

    n: int

    def __init__(self, n: int) -> None:
        self.__attrs_init__(_positive("CalendarDays", n))

    def _apply(self, x: int, engine: Engine, trace: Trace) -> int:
        y = x + self.n
        r = engine.add(y - 1, 1)
        assumed = trace.need(y, r)
        trace.step(self, x, r, y, r, assumed)
        return r

    _apply_many = _apply

    def _fast_many(self, days: Any, engine: Engine) -> Any:
        return engine.add_days(days, 1, self.n - 1)

    def __repr__(self) -> str:
        return f"CalendarDays({_r(self.n)})"


class _Recurrence(Rule):
    """A set of processing dates: weekly on set weekdays, or monthly on set days."""

    __slots__ = ()
    adjust: Adjust

    def _raw_after(self, x: int) -> int:
        """The first raw occurrence strictly after ordinal x."""
        raise NotImplementedError  # pragma: no cover

    def _raw_before(self, x: int) -> int:
        """The last raw occurrence strictly before ordinal x."""
        raise NotImplementedError  # pragma: no cover

    def _adjusted(self, r: int, engine: Engine, trace: Trace) -> tuple[int, bool]:
        """Move raw occurrence r by the adjustment; return it and whether it assumed.

        Only the days the answer depends on are needed: under "modified_following",
        the days to the month's end show that the next working day leaves the month,
        whatever comes after; under "modified_preceding", likewise back to its start.
        """
        day = datetime.date.fromordinal(r)
        if self.adjust in ("following", "modified_following"):
            following = engine.add(r - 1, 1)
            month_end = r + month_length(day.year, day.month) - day.day
            if self.adjust == "following" or following <= month_end:
                return following, trace.need(r, following)
            assumed = trace.need(r, month_end)
            preceding = engine.add(r, 0)
            return preceding, trace.need(preceding, r) or assumed
        preceding = engine.add(r, 0)
        month_start = r - day.day + 1
        if self.adjust == "preceding" or preceding >= month_start:
            return preceding, trace.need(preceding, r)
        assumed = trace.need(month_start, r)
        following = engine.add(r - 1, 1)
        return following, trace.need(r, following) or assumed

    def _apply(self, x: int, engine: Engine, trace: Trace) -> int:
        r = checked(self._raw_after(x))
        if self.adjust == "unadjusted":
            trace.step(self, x, r, r, r, False)
            return r
        # Adjusted processing dates are a non-decreasing function of the raw ones:
        # find the earliest raw occurrence whose adjusted date falls after x.
        # Of several raw occurrences moved to the same date, the first after x is
        # reported, or the latest on or before x when only those move there (Step.skipped).
        #
        # Every adjusted date is a working day, so none after x comes before `first`, the
        # first working day after x. An earlier raw occurrence c <= x lands after x only by
        # moving forward over every day of [c, x], onto `first`: never under "preceding",
        # never past a working day, and under "modified_following" never out of c's month.
        # The search stops once the answer is settled, so the days around an occurrence
        # are needed only where they could change it.
        first = engine.add(x, 1)
        first_known = engine.knows(x + 1, first)
        unknown: OutsideCalendarError | None = None
        try:
            p, assumed = self._adjusted(r, engine, trace)
        except OutsideCalendarError as exc:
            if self.adjust == "preceding" and engine.known_rest(x + 1, r):
                # Every day after x through r is a rest day: r moves back onto x or
                # before, whatever the unknown days before show; a later one is next.
                p, assumed = x, False
            elif not first_known:
                raise
            else:
                # Unknown days around the next occurrence; an earlier one moved onto
                # `first` would still settle it.
                unknown, p, assumed = exc, MAX_ORDINAL + 1, False
        if p > x:
            # An earlier occurrence can only land on `first` (or, when it is not known,
            # on a day after x), and under "modified_following" only from that month.
            x_month = _year_month(first if first_known else x + 1)
            cursor = r
            while self.adjust != "preceding" and not (first_known and p == first):
                cursor = self._raw_before(cursor)
                if cursor < 1:  # no earlier occurrence: Python has no date before 0001-01-01
                    break
                if engine.known_working_in(cursor, x) or (
                    self.adjust == "modified_following" and _year_month(cursor) < x_month
                ):
                    break
                q, assumed_before = self._adjusted(cursor, engine, trace)
                if q <= x:
                    break
                if q < p:
                    r, p, assumed = cursor, q, assumed_before
            if unknown is not None and p != first:
                raise unknown
        else:
            while p <= x:
                r = checked(self._raw_after(r))
                p, assumed = self._adjusted(r, engine, trace)
        trace.step(self, x, p, min(p, r), max(p, r) + (p < r), assumed)
        return p

    def _dates(self, a: int, b: int, engine: Engine, trace: Trace) -> list[int]:
        """The processing dates that answer every ordinal of [a, b], in increasing order.

        Adjusted dates never decrease as the raw occurrences grow, so the processing
        dates are the adjusted raw occurrences in order, and the answer for x is the
        first of them after x (see :meth:`_apply`). No adjustment moves a date by more
        than a month and a half, so the occurrences from 64 days before a on are enough;
        they stop at the first after b. The days around them must be in the data (see
        :meth:`Engine.each`).
        """
        found: list[int] = []
        r = self._raw_after(a - 64)
        while True:
            q = r if self.adjust == "unadjusted" else self._adjusted(r, engine, trace)[0]
            found.append(q)
            if q > b:
                return found
            r = self._raw_after(r)

    def _apply_many(self, x: Any, engine: Engine, trace: Trace) -> Any:
        """:meth:`_apply` for an int64 array, the inner days read from :meth:`_dates`."""
        return engine.each(
            x,
            lambda o: self._apply(o, engine, trace),
            dates=lambda a, b: self._dates(a, b, engine, trace),
        )

    def _fast_many(self, days: Any, engine: Engine) -> Any:
        """The table of :meth:`_apply_many` in days since 1970, when every answer is settled.

        None when a start lies outside the data, or when an answer needs a day outside
        them, is assumed or is a forecast: then ``due_many`` takes the general path,
        which raises or warns as :meth:`due` does.
        """
        if not days.size:
            return None
        lo, hi = int(days.min()), int(days.max())
        if not engine.settles(lo + EPOCH, hi + EPOCH):
            return None
        trace = Trace(engine)
        try:
            out = engine.each(
                days,
                lambda o: self._apply(o, engine, trace),
                dates=lambda a, b: self._dates(a, b, engine, trace),
                origin=EPOCH,
                bounds=(lo, hi),
            )
            # The latest answer is the latest start's: processing dates never decrease.
            last = self._apply(hi + EPOCH, engine, trace)
        except OutsideCalendarError:
            return None
        if trace.assumed or not engine.settles(lo + EPOCH, last):
            return None
        return out

    def occurrences(
        self, start: object, end: object, calendar: Calendar | None = None
    ) -> list[datetime.date]:
        """Return the processing dates from *start* to *end*, both included.

        An adjusted recurrence needs a *calendar* to know the rest days; an
        unadjusted one does not.
        """
        first = to_date(start, "start")
        last = to_date(end, "end")
        if self.adjust != "unadjusted" and calendar is None:
            raise TypeError(
                f"{_r(self)} moves dates off rest days, so occurrences() needs a calendar"
            )
        # Without a calendar, the raw occurrences.
        trace = Trace(_check_calendar(calendar)._engine) if calendar is not None else None
        found: list[datetime.date] = []
        x = first.toordinal() - 1
        limit = last.toordinal()
        while x < limit:  # past the limit, the next date is not needed (nor may exist)
            if trace is not None and self._beyond(x, limit, trace.engine, processing=bool(found)):
                break
            try:
                x = self._raw_after(x) if trace is None else self._apply(x, trace.engine, trace)
            except OutsideCalendarError as exc:
                if exc.calendar or exc.date is not None:  # the calendar's data ran out
                    raise
                break  # the next date would come after 9999-12-31, so after the limit
            if x > limit:
                break
            found.append(datetime.date.fromordinal(x))
        if trace is not None and trace.assumed:
            trace.engine.warn_assumed(f"{_r(self)}.occurrences({first}, {last})", stacklevel=2)
        return found

    def _beyond(self, x: int, limit: int, engine: Engine, *, processing: bool) -> bool:
        """Whether the data show that no processing date falls in (x, limit].

        Adjusted dates never decrease as the raw occurrences grow, so the next raw
        occurrence r after x settles the dates from r on: moved forward it falls on or
        after r; moved back ("preceding", or a modified convention that finds no working
        day on its side of r in r's month) it stops at the last working day before r,
        after *limit* when the data show a working day in (limit, r].

        Raw occurrences on or before x matter only when x is not itself a processing
        date (*processing* false, the start of :meth:`occurrences`): one moved forward
        lands on the first working day after it, on or before x when the data show a
        working day between it and x.
        """
        r = self._raw_after(x)
        if r <= limit:
            return False
        if not processing and self.adjust not in ("unadjusted", "preceding"):
            earlier = self._raw_before(r)
            if earlier >= 1 and not engine.known_working_in(earlier, x):
                return False
        if self.adjust in ("unadjusted", "following") or r > MAX_ORDINAL:
            return True
        month_start = r - datetime.date.fromordinal(r).day + 1
        if self.adjust == "modified_preceding" and month_start > limit:
            # Moved back it stays in r's month; moved forward it falls after r.
            return True
        if (  # a working day in r's month on or before r keeps r in its month
            self.adjust == "modified_following"
            and month_start > limit
            and engine.known_working_in(month_start, r)
        ):
            return True
        return engine.known_working_in(limit + 1, r)

    @property
    def _values(self) -> tuple[int, ...]:
        """The weekdays or days of the month, as passed to the constructor."""
        raise NotImplementedError  # pragma: no cover

    def __or__(self, other: object) -> Any:
        """Merge two recurrences of the same kind and adjustment into one."""
        if type(other) is not type(self):
            return NotImplemented
        if other.adjust != self.adjust:
            raise InvalidRuleError(f"cannot merge {_r(self)} and {_r(other)}: their adjust differs")
        return type(self)(*self._values, *other._values, adjust=self.adjust)

    def to_rrule(self) -> str:
        """Return the RFC 5545 RRULE of the raw occurrences.

        RRULE has no business-day adjustment, so ``adjust`` is not part of it.
        """
        raise NotImplementedError  # pragma: no cover

    def _adjust_repr(self) -> str:
        return "" if self.adjust == "unadjusted" else f", adjust={_r(self.adjust)}"


def _year_month(x: int) -> tuple[int, int]:
    d = datetime.date.fromordinal(x)
    return d.year, d.month


def _check_adjust(cls: str, adjust: object) -> Adjust:
    if not isinstance(adjust, str) or adjust not in ADJUSTMENTS:
        raise InvalidRuleError(
            f"{cls}(adjust={_r(adjust)}): adjust must be one of {', '.join(map(repr, ADJUSTMENTS))}"
        )
    return adjust


@attrs.frozen(repr=False, init=False)
class WeeklyOn(_Recurrence):
    """每周X: every week on the given weekdays.

    Used as a rule, the first occurrence strictly after the start, moved off a
    rest day by *adjust* (see :data:`Adjust`; the default keeps it).

    >>> from govdeadline import Calendar
    >>> tuesday = WeeklyOn(Weekday.TUESDAY)
    >>> tuesday.due("2025-06-03", Calendar.national())  # a Tuesday: the next one
    datetime.date(2025, 6, 10)
    >>> tuesday | WeeklyOn(Weekday.FRIDAY)
    WeeklyOn(Weekday.TUESDAY, Weekday.FRIDAY)
    >>> tuesday.to_rrule()
    'FREQ=WEEKLY;BYDAY=TU'
    """

    weekdays: tuple[Weekday, ...]
    adjust: Adjust = "unadjusted"

    def __init__(self, *weekdays: Weekday, adjust: Adjust = "unadjusted") -> None:
        if not weekdays:
            raise InvalidRuleError("WeeklyOn() needs at least one weekday, e.g. Weekday.TUESDAY")
        days = set()
        for day in weekdays:
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise InvalidRuleError(
                    f"WeeklyOn({_r(day)}): a weekday is Weekday.MONDAY ... Weekday.SUNDAY (0-6)"
                )
            days.add(Weekday(day))
        self.__attrs_init__(tuple(sorted(days)), _check_adjust("WeeklyOn", adjust))

    @property
    def _values(self) -> tuple[int, ...]:
        return self.weekdays

    def _raw_after(self, x: int) -> int:
        wd = (x + 6) % 7
        return x + min((day - wd - 1) % 7 + 1 for day in self.weekdays)

    def _raw_before(self, x: int) -> int:
        wd = (x + 6) % 7
        return x - min((wd - day - 1) % 7 + 1 for day in self.weekdays)

    def with_adjust(self, adjust: Adjust) -> WeeklyOn:
        """Return the same weekdays, moved off rest days by *adjust* (see :data:`Adjust`).

        >>> WeeklyOn(Weekday.TUESDAY).with_adjust("following")
        WeeklyOn(Weekday.TUESDAY, adjust='following')
        """
        return WeeklyOn(*self.weekdays, adjust=adjust)

    def to_rrule(self) -> str:
        """Return the RFC 5545 RRULE, e.g. ``FREQ=WEEKLY;BYDAY=TU`` (adjust is not part of it)."""
        return "FREQ=WEEKLY;BYDAY=" + ",".join(day.rrule for day in self.weekdays)

    def __repr__(self) -> str:
        days = ", ".join(map(repr, self.weekdays))
        return f"WeeklyOn({days}{self._adjust_repr()})"


@attrs.frozen(repr=False, init=False)
class MonthlyOn(_Recurrence):
    """每月N日: every month on the given days.

    Days are 1..31, or -1..-31 counted from the month's end as RFC 5545's
    BYMONTHDAY does (-1 is the last day). A day a month lacks is skipped, as in
    RFC 5545: "monthly on the 31st" has no February occurrence.

    >>> MonthlyOn(31).occurrences("2025-01-01", "2025-06-30")
    [datetime.date(2025, 1, 31), datetime.date(2025, 3, 31), datetime.date(2025, 5, 31)]
    >>> MonthlyOn(-1).occurrences("2025-01-01", "2025-03-31")
    [datetime.date(2025, 1, 31), datetime.date(2025, 2, 28), datetime.date(2025, 3, 31)]
    >>> MonthlyOn(20) | MonthlyOn(25)
    MonthlyOn(20, 25)
    """

    days: tuple[int, ...]
    adjust: Adjust = "unadjusted"

    def __init__(self, *days: int, adjust: Adjust = "unadjusted") -> None:
        if not days:
            raise InvalidRuleError("MonthlyOn() needs at least one day of the month, e.g. 18")
        for day in days:
            if type(day) is not int or not (1 <= day <= 31 or -31 <= day <= -1):
                raise InvalidRuleError(
                    f"MonthlyOn({_r(day)}): a day of the month is 1..31, or -1..-31 counted "
                    "from the month's end"
                )
        self.__attrs_init__(tuple(sorted(set(days))), _check_adjust("MonthlyOn", adjust))

    @property
    def _values(self) -> tuple[int, ...]:
        return self.days

    def _days_in(self, year: int, month: int) -> list[int]:
        length = month_length(year, month)
        found = set()
        for day in self.days:
            actual = day if day > 0 else length + 1 + day
            if 1 <= actual <= length:
                found.add(actual)
        return sorted(found)

    def _raw_after(self, x: int) -> int:
        d = datetime.date.fromordinal(max(x, 1))  # x = 0: from the first date Python has
        year, month = d.year, d.month
        while True:
            for day in self._days_in(year, month):
                o = datetime.date(year, month, day).toordinal()
                if o > x:
                    return o
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            if year > 9999:
                return MAX_ORDINAL + 1

    def _raw_before(self, x: int) -> int:
        d = datetime.date.fromordinal(min(x, MAX_ORDINAL))  # likewise past the last
        year, month = d.year, d.month
        while True:
            for day in reversed(self._days_in(year, month)):
                o = datetime.date(year, month, day).toordinal()
                if o < x:
                    return o
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
            if year < 1:
                return 0

    def with_adjust(self, adjust: Adjust) -> MonthlyOn:
        """Return the same days of the month, moved off rest days by *adjust* (see :data:`Adjust`).

        >>> MonthlyOn(18).with_adjust("following")
        MonthlyOn(18, adjust='following')
        """
        return MonthlyOn(*self.days, adjust=adjust)

    def to_rrule(self) -> str:
        """Return the RFC 5545 RRULE, e.g. ``FREQ=MONTHLY;BYMONTHDAY=18,25``."""
        return "FREQ=MONTHLY;BYMONTHDAY=" + ",".join(map(str, self.days))

    def __repr__(self) -> str:
        return f"MonthlyOn({', '.join(map(str, self.days))}{self._adjust_repr()})"


def _rule_tuple(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class Then(Rule):
    """Rules applied one after another, each from the date the one before produced.

    Made by :meth:`Rule.then` or ``>>``; nested compositions are flattened, so
    ``steps`` never holds a Then.

    >>> from govdeadline import Calendar
    >>> rule = WorkingDays(5) >> WeeklyOn(Weekday.TUESDAY)
    >>> rule.due("2025-06-04", Calendar.for_region("xinjiang"))
    datetime.date(2025, 6, 17)
    """

    steps: tuple[Rule, ...] = attrs.field(converter=_rule_tuple)

    def __attrs_post_init__(self) -> None:
        if len(self.steps) < 2 or not all(
            isinstance(s, Rule) and not isinstance(s, Then) for s in self.steps
        ):
            raise InvalidRuleError(
                f"Then needs two or more rules, none of them a Then; got {_r(self.steps)}"
            )

    def _apply(self, x: int, engine: Engine, trace: Trace) -> int:
        for step in self.steps:
            x = step._apply(x, engine, trace)
        return x

    def _apply_many(self, x: Any, engine: Engine, trace: Trace) -> Any:
        for step in self.steps:
            x = step._apply_many(x, engine, trace)
        return x

    def _fast_many(self, days: Any, engine: Engine) -> Any:
        for step in self.steps:
            days = step._fast_many(days, engine)
            if days is None:
                return None
        return days

    def __repr__(self) -> str:
        first, *rest = self.steps
        return repr(first) + "".join(f".then({_r(step)})" for step in rest)


# -- RRULE --------------------------------------------------------------------------------


def from_rrule(text: str, *, adjust: Adjust = "unadjusted") -> WeeklyOn | MonthlyOn:
    """Read an RRULE written by :meth:`WeeklyOn.to_rrule` or :meth:`MonthlyOn.to_rrule`.

    Only ``FREQ=WEEKLY;BYDAY=...`` and ``FREQ=MONTHLY;BYMONTHDAY=...`` are read (an
    ``RRULE:`` prefix and ``INTERVAL=1`` are allowed). RRULE has no business-day
    adjustment: pass *adjust* to give one.

    >>> from_rrule("FREQ=MONTHLY;BYMONTHDAY=18,25")
    MonthlyOn(18, 25)
    >>> from_rrule("RRULE:FREQ=WEEKLY;BYDAY=TU", adjust="following")
    WeeklyOn(Weekday.TUESDAY, adjust='following')
    """
    if not isinstance(text, str):
        raise TypeError(f"from_rrule() needs a string, not {type(text).__name__} ({_r(text)})")
    adjust = _check_adjust("from_rrule", adjust)
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    parts: dict[str, str] = {}
    for part in body.split(";"):
        key, eq, value = part.partition("=")
        key = key.strip().upper()
        if not eq or not key or key in parts:
            raise InvalidRuleError(f"cannot read RRULE {_r(text)}: bad or repeated part {_r(part)}")
        parts[key] = value.strip().upper()
    if parts.pop("INTERVAL", "1") != "1":
        raise InvalidRuleError(f"cannot read RRULE {_r(text)}: only INTERVAL=1 is supported")
    freq = parts.pop("FREQ", None)
    try:
        if freq == "WEEKLY" and set(parts) == {"BYDAY"}:
            codes = {day.rrule: day for day in Weekday}
            return WeeklyOn(*(codes[c] for c in parts["BYDAY"].split(",")), adjust=adjust)
        if freq == "MONTHLY" and set(parts) == {"BYMONTHDAY"}:
            return MonthlyOn(*(int(c) for c in parts["BYMONTHDAY"].split(",")), adjust=adjust)
    except (KeyError, ValueError) as exc:  # an unknown day code, not a number, out of range
        reason = str(exc) if isinstance(exc, InvalidRuleError) else f"bad value {exc}"
        raise InvalidRuleError(f"cannot read RRULE {_r(text)}: {reason}") from None
    raise InvalidRuleError(
        f"cannot read RRULE {_r(text)}: only FREQ=WEEKLY;BYDAY=... and "
        "FREQ=MONTHLY;BYMONTHDAY=... are supported"
    )


# -- month periods and processing dates read from remarks ---------------------------------


def _months_later(x: int, n: int) -> int:
    """The day n months after ordinal x (民法典 Art. 202), or MAX_ORDINAL + 1 past 9999.

    It is the day of the month x falls on, in the month n months later; the month's last
    day when that month has no such day.
    """
    day = datetime.date.fromordinal(x)
    year, month0 = divmod(day.year * 12 + day.month - 1 + n, 12)
    if year > 9999:
        return MAX_ORDINAL + 1
    return datetime.date(year, month0 + 1, min(day.day, month_length(year, month0 + 1))).toordinal()


@attrs.frozen(repr=False, init=False)
class Months(Rule):
    """N个月: n months, to the matching day; off a rest day, the next working day.

    民法典 Art. 202: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日
    为期间的最后一日 (a period in months ends on the matching day of the month it ends in;
    when that month has no such day, on the month's last day). Art. 203: 期间的最后一日是
    法定休假日的，以法定休假日结束的次日为期间的最后一日 (a last day that is a rest day moves
    to the day after the rest days). As for :class:`CalendarDays`, "the day after" is read
    as the next working day.

    >>> from govdeadline import Calendar
    >>> cal = Calendar.national()
    >>> Months(1).due("2025-01-31", cal)  # no 31 February: its last day, a working day
    datetime.date(2025, 2, 28)
    >>> Months(3).due("2024-07-01", cal)  # 1 October is a holiday: the break's end, then on
    datetime.date(2024, 10, 8)
    """

    n: int

    def __init__(self, n: int) -> None:
        self.__attrs_init__(_positive("Months", n))

    def _apply(self, x: int, engine: Engine, trace: Trace) -> int:
        y = _months_later(x, self.n)
        r = engine.add(y - 1, 1)
        assumed = trace.need(y, r)
        trace.step(self, x, r, y, r, assumed)
        return r

    def __repr__(self) -> str:
        return f"Months({_r(self.n)})"


def _day_of_month(cls: str, day: object) -> int:
    if type(day) is not int or not 1 <= day <= 31:
        raise InvalidRuleError(f"{cls}({_r(day)}): the day is a whole number from 1 to 31")
    return day


class _DayBy(Rule):
    """On or before a day of set months: the first such day on or after the start.

    A month without the day (the 31st of April) has its last day instead: "by the 31st"
    is "by the month's end".
    """

    __slots__ = ()
    day: int
    _MONTHS: ClassVar[tuple[int, ...]] = tuple(range(1, 13))

    def _apply(self, x: int, engine: Engine, trace: Trace) -> int:
        start = datetime.date.fromordinal(x)
        year, month = start.year, start.month
        while True:
            if month in self._MONTHS:
                r = datetime.date(year, month, min(self.day, month_length(year, month)))
                if r >= start:
                    break
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            if year > 9999:
                checked(MAX_ORDINAL + 1)
        o = r.toordinal()
        trace.step(self, x, o, o, o, False)
        return o

    def to_rrule(self) -> str:
        """Return the RFC 5545 RRULE of the dates, the month's last day for a day it lacks."""
        if len(self._MONTHS) == 12:
            if self.day <= 28:
                return f"FREQ=MONTHLY;BYMONTHDAY={self.day}"
            if self.day == 31:
                return "FREQ=MONTHLY;BYMONTHDAY=-1"
            return f"FREQ=MONTHLY;BYMONTHDAY={self.day},-1;BYSETPOS=1"
        # January, April, July and October all have a 30th; only April lacks a 31st.
        months = ",".join(map(str, self._MONTHS))
        return f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={-1 if self.day == 31 else self.day}"


@attrs.frozen(repr=False, init=False)
class MonthlyBy(_DayBy):
    """每月N日前: on or before the n-th of the month: due that day, or next month's once past.

    A start on the day itself is due that day. For a day a month lacks, its last day.

    >>> from govdeadline import Calendar
    >>> cal = Calendar.national()
    >>> MonthlyBy(10).due("2025-06-10", cal), MonthlyBy(10).due("2025-06-11", cal)
    (datetime.date(2025, 6, 10), datetime.date(2025, 7, 10))
    >>> MonthlyBy(31).due("2025-02-03", cal), MonthlyBy(30).to_rrule()
    (datetime.date(2025, 2, 28), 'FREQ=MONTHLY;BYMONTHDAY=30,-1;BYSETPOS=1')
    """

    day: int

    def __init__(self, day: int) -> None:
        self.__attrs_init__(_day_of_month("MonthlyBy", day))

    def __repr__(self) -> str:
        return f"MonthlyBy({self.day})"


@attrs.frozen(repr=False, init=False)
class QuarterlyBy(_DayBy):
    """每季度初N日前: on or before the n-th of a quarter's first month (Jan, Apr, Jul, Oct).

    >>> from govdeadline import Calendar
    >>> QuarterlyBy(15).due("2025-04-16", Calendar.national())
    datetime.date(2025, 7, 15)
    >>> QuarterlyBy(15).to_rrule()
    'FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=15'
    """

    day: int
    _MONTHS = (1, 4, 7, 10)

    def __init__(self, day: int) -> None:
        self.__attrs_init__(_day_of_month("QuarterlyBy", day))

    def __repr__(self) -> str:
        return f"QuarterlyBy({self.day})"


@attrs.frozen(repr=False, init=False)
class WorkingDayOfNextMonth(Rule):
    """每月前N个工作日: the n-th working day of the month after the start's month.

    A month with fewer than n working days (a Spring Festival February) has its last
    working day instead: "within the first n working days" never leaves that month.

    >>> from govdeadline import Calendar
    >>> WorkingDayOfNextMonth(3).due("2024-09-10", Calendar.national())  # October's 3rd
    datetime.date(2024, 10, 10)
    """

    n: int

    def __init__(self, n: int) -> None:
        self.__attrs_init__(_positive("WorkingDayOfNextMonth", n))

    def _apply(self, x: int, engine: Engine, trace: Trace) -> int:
        day = datetime.date.fromordinal(x)
        month_end = x + month_length(day.year, day.month) - day.day
        next_end = checked(month_end + 1) + month_length(*_year_month(month_end + 1)) - 1
        nth = engine.add(month_end, self.n)
        # Fewer than n working days in the month: its last one (or, in a month without
        # any, the first working day after it).
        r = min(nth, max(engine.add(next_end, 0), engine.add(month_end, 1)))
        assumed = trace.need(month_end + 1, max(r, min(nth, next_end)))
        trace.step(self, x, r, month_end + 1, r, assumed, counts=True)
        return r

    def __repr__(self) -> str:
        return f"WorkingDayOfNextMonth({_r(self.n)})"
