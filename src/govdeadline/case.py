"""Cases (办件): the clock of one application, with suspensions, extensions and completion.

A :class:`Case` starts from a time-limit rule, the acceptance date and a calendar.
Each event returns a new case; the case itself never changes. The deadline moves
with the events: working days inside a suspension (补正, waiting for corrected
materials, or a special procedure such as a hearing, testing or expert review,
行政许可法 Art. 45) are not counted, and an approved extension (行政许可法 Art. 42)
adds working days.
"""

from __future__ import annotations

import datetime
import enum
import warnings
from collections.abc import Iterable
from typing import Any

import attrs

from ._dates import to_date
from .calendar import Calendar
from .display import case_html, case_text
from .errors import ForecastWarning, GovDeadlineError, _r
from .rules import Immediate, Rule, WorkingDays, steps_of

__all__ = ["Case", "CaseError", "Extension", "Status", "Suspension"]

_ONE_DAY = datetime.timedelta(days=1)

DUE_SOON = 2
"""The default DUE_SOON threshold, in working days left. No national figure exists:
electronic supervision systems raise a yellow warning "as a deadline nears" without
saying when, so the threshold is a parameter of every case."""

CORRECTION_NOTICE = WorkingDays(5)
"""行政许可法 Art. 32(四): the applicant is told everything to correct 当场或者在五日内 (on the
spot or within five days) of receipt; counted in working days (Art. 82)."""


class CaseError(GovDeadlineError, ValueError):
    """An event that cannot happen to a case: out of order, overlapping, or after completion."""


class Status(enum.Enum):
    """Where a case stands on a given day."""

    IN_PROGRESS = "in_progress"
    """Running, with more than the DUE_SOON threshold of working days left."""
    DUE_SOON = "due_soon"
    """Running, with at most the threshold of working days left (a yellow warning)."""
    SUSPENDED = "suspended"
    """The clock is stopped, because the day lies inside a suspension."""
    OVERDUE = "overdue"
    """Not completed, and the deadline has passed (a red warning)."""
    COMPLETED_ON_TIME = "completed_on_time"
    """Completed on or before the deadline."""
    COMPLETED_LATE = "completed_late"
    """Completed after the deadline."""


@attrs.frozen
class Suspension:
    """The clock stopped from *start* through *end* (None while still open).

    Working days from start through end are not counted; counting resumes the
    day after end.
    """

    start: datetime.date
    end: datetime.date | None
    reason: str = ""


@attrs.frozen
class Extension:
    """An approved extension of *days* working days (行政许可法 Art. 42)."""

    days: int
    approved_on: datetime.date
    reason: str = ""


def _events(value: Any, kind: type[Any], name: str) -> tuple[Any, ...]:
    """A sequence of *kind* events as a tuple; TypeError for anything else."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a sequence of {kind.__name__} objects, not {_r(value)}")
    events = tuple(value)
    for event in events:
        if type(event) is not kind:
            raise TypeError(f"{name} must hold {kind.__name__} objects, not {_r(event)}")
        for field in attrs.fields(kind):
            got = getattr(event, field.name)
            if field.name == "days":
                ok = type(got) is int and got >= 1
            elif field.name == "reason":
                ok = isinstance(got, str)
            else:
                ok = type(got) is datetime.date or (field.name == "end" and got is None)
            if not ok:
                raise TypeError(f"{name}: {_r(event)} has a bad {field.name}")
    return events


def _suspensions(value: Iterable[Suspension]) -> tuple[Suspension, ...]:
    return _events(value, Suspension, "suspensions")


def _extensions(value: Iterable[Extension]) -> tuple[Extension, ...]:
    return _events(value, Extension, "extensions")


def _accepted(value: object) -> datetime.date:
    return to_date(value, "accepted")


def _checked_rule(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, Rule):
        raise TypeError(f"a case needs a Rule such as WorkingDays(5), not {_r(value)}")


def _checked_calendar(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, Calendar):
        raise TypeError(f"a case needs a govdeadline.Calendar, not {_r(value)}")


def _checked_threshold(instance: object, attribute: object, value: Any) -> None:
    if type(value) is not int or value < 0:
        raise CaseError(f"due_soon={_r(value)} must be a whole number of working days >= 0")


@attrs.frozen(repr=False)
class Case:
    """One application's clock.

    Args:
        rule: the time limit, usually ``WorkingDays(n)``.
        accepted: the day the application was accepted (受理); it is not counted.
        calendar: the calendar to count on.
        due_soon: :attr:`Status.DUE_SOON` applies when at most this many working days
            are left (default 2).

    >>> from govdeadline import Calendar, WorkingDays
    >>> case = Case(WorkingDays(10), "2025-06-03", Calendar.national())
    >>> case.due
    datetime.date(2025, 6, 17)
    >>> case = case.suspend("2025-06-05", "2025-06-09", reason="补正")  # 3 working days
    >>> case.due, case.status("2025-06-12")
    (datetime.date(2025, 6, 20), <Status.IN_PROGRESS: 'in_progress'>)
    """

    rule: Rule = attrs.field(validator=_checked_rule)
    accepted: datetime.date = attrs.field(converter=_accepted)
    calendar: Calendar = attrs.field(validator=_checked_calendar)
    due_soon: int = attrs.field(default=DUE_SOON, validator=_checked_threshold)
    suspensions: tuple[Suspension, ...] = attrs.field(default=(), converter=_suspensions)
    extensions: tuple[Extension, ...] = attrs.field(default=(), converter=_extensions)
    completed_on: datetime.date | None = attrs.field(default=None)

    @completed_on.validator
    def _check_completed_on(self, attribute: object, value: object) -> None:
        if value is not None and type(value) is not datetime.date:
            raise TypeError(f"completed_on must be a datetime.date or None, not {_r(value)}")

    def __attrs_post_init__(self) -> None:
        """Events given to the constructor obey the rules the event methods enforce."""
        previous: Suspension | None = None
        for s in self.suspensions:
            if s.start < self.accepted:
                raise CaseError(f"suspension from {s.start}: before acceptance on {self.accepted}")
            if s.end is not None and s.end < s.start:
                raise CaseError(f"suspension from {s.start} ends before it starts ({s.end})")
            if previous is not None and (previous.end is None or s.start <= previous.end):
                raise CaseError(
                    f"suspension from {s.start} overlaps or precedes the one from "
                    f"{previous.start}; give suspensions in order, only the last one open"
                )
            previous = s
        for e in self.extensions:
            if e.approved_on < self.accepted:
                raise CaseError(
                    f"extension approved on {e.approved_on}: before acceptance on {self.accepted}"
                )
        if self.completed_on is not None:
            if self._open() is not None:
                raise CaseError("a completed case cannot have an open suspension")
            if self.completed_on < self._last_event():
                raise CaseError(
                    f"completed on {self.completed_on}, before its last event on "
                    f"{self._last_event()}"
                )

    # -- events -------------------------------------------------------------------------

    def _last_event(self) -> datetime.date:
        dates = [self.accepted]
        for s in self.suspensions:
            dates.append(s.end or s.start)
        dates.extend(e.approved_on for e in self.extensions)
        return max(dates)

    def _open(self) -> Suspension | None:
        if self.suspensions and self.suspensions[-1].end is None:
            return self.suspensions[-1]
        return None

    def _no_open_suspension(self, what: str) -> None:
        current = self._open()
        if current is not None:
            raise CaseError(
                f"cannot {what}: the suspension from {current.start} is still open; resume it first"
            )

    def _check_event(self, what: str, day: datetime.date) -> None:
        if self.completed_on is not None:
            raise CaseError(f"cannot {what}: the case was completed on {self.completed_on}")
        if day < self.accepted:
            raise CaseError(f"cannot {what} on {day}: before acceptance on {self.accepted}")
        last = self._last_event()
        if day < last:
            raise CaseError(
                f"cannot {what} on {day}: events are recorded in order, and the last one "
                f"is on {last}"
            )

    def suspend(self, start: object, end: object = None, *, reason: str = "") -> Case:
        """Stop the clock from *start* through *end* (both included).

        With *end* None the suspension stays open until :meth:`resume`. Raises
        :class:`CaseError` for a suspension that ends before it starts, starts
        before acceptance, overlaps another, or comes out of order.
        """
        first = to_date(start, "start")
        last = None if end is None else to_date(end, "end")
        if last is not None and last < first:
            raise CaseError(f"suspension from {first} ends before it starts ({last})")
        self._no_open_suspension(f"suspend from {first}")
        for other in self.suspensions:
            if (
                other.end is not None
                and first <= other.end
                and (last is None or other.start <= last)
            ):
                raise CaseError(
                    f"suspension from {first} overlaps the one from {other.start} to {other.end}"
                )
        self._check_event("suspend", first)
        return attrs.evolve(self, suspensions=(*self.suspensions, Suspension(first, last, reason)))

    def resume(self, on: object) -> Case:
        """Close the open suspension on *on*; counting resumes the day after.

        *on* is the day the corrected materials (or the special procedure's result)
        arrive.
        """
        day = to_date(on, "on")
        current = self._open()
        if current is None:
            raise CaseError(f"cannot resume on {day}: no suspension is open")
        if day < current.start:
            raise CaseError(f"cannot resume on {day}: the suspension started on {current.start}")
        self._check_event("resume", day)
        closed = attrs.evolve(current, end=day)
        return attrs.evolve(self, suspensions=(*self.suspensions[:-1], closed))

    def extend(self, extra: int | WorkingDays, approved_on: object, *, reason: str = "") -> Case:
        """Add *extra* working days, approved on *approved_on*.

        *extra* is a number or a ``WorkingDays`` rule (行政许可法 Art. 42:
        经本行政机关负责人批准，可以延长十日, the head of the office may approve ten more days).
        """
        days = extra.n if isinstance(extra, WorkingDays) else extra
        if type(days) is not int or days < 1:
            raise CaseError(
                f"an extension of {_r(extra)} must be a positive number of working days"
            )
        day = to_date(approved_on, "approved_on")
        self._check_event("extend", day)
        return attrs.evolve(self, extensions=(*self.extensions, Extension(days, day, reason)))

    def complete(self, on: object) -> Case:
        """Record that the case was completed (办结) on *on*."""
        day = to_date(on, "on")
        if self.completed_on is not None:
            raise CaseError(f"the case was already completed on {self.completed_on}")
        self._no_open_suspension(f"complete on {day}")
        self._check_event("complete", day)
        return attrs.evolve(self, completed_on=day)

    # -- the clock ----------------------------------------------------------------------

    def _first_counted(self) -> datetime.date:
        """The first day the time limit counts.

        The day after acceptance, or acceptance itself when the rule counts its start
        (``WorkingDays(n, include_start=True)``, ``Immediate()``).
        """
        first = steps_of(self.rule)[0]
        if isinstance(first, Immediate) or (isinstance(first, WorkingDays) and first.include_start):
            return self.accepted
        return self.accepted + _ONE_DAY if self.accepted < datetime.date.max else self.accepted

    def _working_days_in(self, first: datetime.date, last: datetime.date) -> int:
        """Working days in [first, last], without date arithmetic past either end."""
        return self.calendar.working_days_between(first, last) + self.calendar.is_working_day(first)

    def _suspended_working_days(
        self, first: datetime.date, through: datetime.date, open_until: datetime.date | None
    ) -> int:
        """Working days in [first, through] that lie inside a suspension."""
        total = 0
        for s in self.suspensions:
            end = s.end or open_until
            if end is None:
                continue
            lo, hi = max(s.start, first), min(end, through)
            if lo <= hi:
                total += self._working_days_in(lo, hi)
        return total

    def _deadline(self, open_until: datetime.date | None) -> datetime.date:
        """The base due date, plus extensions, plus the suspended working days before it.

        One sweep over the suspensions, in order: a suspension that starts on or before the
        deadline so far moves it by the working days it covers up to that deadline, counted
        again after the suspension when it runs past the deadline. The result is the date
        *D* with ``D = add_working_days(base, suspended working days in [first counted
        day, D])``, the definition the docs give.
        """
        due = self.rule.due(self.accepted, self.calendar)
        extra = sum(e.days for e in self.extensions)
        if extra:
            due = self.calendar.add_working_days(due, extra)
        first = self._first_counted()
        for s in self.suspensions:
            end = s.end or open_until
            lo = max(s.start, first)
            if end is None or lo > min(end, due):
                continue
            k = self._working_days_in(lo, min(end, due))
            if k:
                due = self.calendar.add_working_days(max(end, due), k)
        return due

    @property
    def due(self) -> datetime.date | None:
        """The deadline given the events so far; None while a suspension is open.

        See :meth:`due_if_resumed` for the deadline while suspended.
        """
        if self._open() is not None:
            return None
        return self._deadline(None)

    def due_if_resumed(self, on: object) -> datetime.date:
        """The deadline if the open suspension (if any) were resumed on *on*."""
        day = to_date(on, "on")
        current = self._open()
        if current is not None and day < current.start:
            raise CaseError(f"{day} is before the open suspension's start, {current.start}")
        return self._deadline(day)

    @property
    def bounds(self) -> tuple[datetime.date, datetime.date] | None:
        """The earliest and latest the deadline could be, once the next notice is out.

        On a ``beyond="forecast"`` calendar: the earliest and the latest deadline any
        arrangement the forecast's rules allow could give (:mod:`govdeadline.forecast`).
        On published data, ``(due, due)``. None while a suspension is open.

        >>> from govdeadline import Calendar, WorkingDays
        >>> case = Case(WorkingDays(30), "2026-12-02", Calendar.national(beyond="forecast"))
        >>> case.bounds
        (datetime.date(2027, 1, 11), datetime.date(2027, 1, 18))
        """
        if self._open() is not None:
            return None
        forecast = self.calendar._forecast
        with warnings.catch_warnings():  # asking for the bounds is knowing it is a forecast
            warnings.simplefilter("ignore", ForecastWarning)
            due = self._deadline(None)
        if forecast is None:
            return due, due
        lo, hi, _ = forecast.bounds(
            lambda c: attrs.evolve(self, calendar=c)._deadline(None).toordinal(),
            self.accepted.toordinal(),
        )
        return min(due, datetime.date.fromordinal(lo)), max(due, datetime.date.fromordinal(hi))

    @property
    def correction_notice_due(self) -> datetime.date:
        """The last day to tell the applicant everything to correct.

        5 working days after receipt (行政许可法 Art. 32(四)); after that, the
        application counts as accepted.
        """
        return CORRECTION_NOTICE.due(self.accepted, self.calendar)

    def _effective_due(self, on: datetime.date) -> datetime.date:
        return self._deadline(on if self._open() is not None else None)

    def elapsed_working_days(self, on: object) -> int:
        """Counted working days from the first counted day through *on* (or completion).

        The first counted day is the day after acceptance, or the day of acceptance
        itself when the rule counts its start (``WorkingDays(n, include_start=True)``
        or ``Immediate()``). Working days inside a suspension are not counted.
        """
        day = to_date(on, "on")
        if self.completed_on is not None:
            day = min(day, self.completed_on)
        first = self._first_counted()
        if day < first:
            return 0
        return self._working_days_in(first, day) - self._suspended_working_days(first, day, day)

    def remaining_working_days(self, on: object) -> int:
        """Counted working days after *on* up to the deadline.

        Once the deadline has passed it is minus the working days overdue (so 0 on a
        rest day just after it, when the status is already OVERDUE).
        """
        day = to_date(on, "on")
        return self._remaining(day, self._effective_due(day))

    def _remaining(self, day: datetime.date, due: datetime.date) -> int:
        if due > day:
            first = max(day + _ONE_DAY, self._first_counted())
            if first > due:
                return 0
            return self._working_days_in(first, due) - self._suspended_working_days(first, due, day)
        return -self.calendar.working_days_between(due, day)

    def status(self, on: object, *, due_soon: int | None = None) -> Status:
        """Where the case stands on *on* (see :class:`Status`).

        *due_soon* overrides the case's threshold for this call.
        """
        day = to_date(on, "on")
        threshold = self.due_soon if due_soon is None else due_soon
        _checked_threshold(self, None, threshold)
        if self.completed_on is not None and day >= self.completed_on:
            on_time = self.completed_on <= self._deadline(None)
            return Status.COMPLETED_ON_TIME if on_time else Status.COMPLETED_LATE
        due = self._effective_due(day)
        if day > due:
            return Status.OVERDUE
        for s in self.suspensions:
            if s.start <= day and (s.end is None or day <= s.end):
                return Status.SUSPENDED
        if self._remaining(day, due) <= threshold:
            return Status.DUE_SOON
        return Status.IN_PROGRESS

    # -- display ------------------------------------------------------------------------

    def _suspended_not_counted(self) -> int:
        """The suspended working days the deadline does not count (0 while suspended)."""
        due = self.due
        if due is None:
            return 0
        return self._suspended_working_days(self._first_counted(), due, None)

    def __str__(self) -> str:
        return case_text(self, self._suspended_not_counted())

    def _repr_html_(self) -> str:
        return case_html(self, self._suspended_not_counted())

    def __repr__(self) -> str:
        parts = [
            f"{_r(self.rule)}",
            f"accepted={_r(self.accepted.isoformat())}",
            f"calendar={_r(self.calendar.name)}",
        ]
        if self.suspensions:
            parts.append(f"suspensions={len(self.suspensions)}")
        if self.extensions:
            parts.append(f"extensions={len(self.extensions)}")
        if self.completed_on is not None:
            parts.append(f"completed_on={_r(self.completed_on.isoformat())}")
        return f"<Case {' '.join(parts)}>"
