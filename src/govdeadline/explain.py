"""Explanations: a due date with the steps that led to it.

A rule computes its due date against a :class:`Trace`, which checks that the days it
examines are covered and, when asked to explain, records one :class:`Step` per rule
applied: where it started, where it ended, the rest days it skipped and the working days
it counted. :meth:`Rule.explain <govdeadline.Rule.explain>` returns them as an
:class:`Explanation`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import attrs

from .days import DayInfo
from .display import MonthView, explanation_html, explanation_text

if TYPE_CHECKING:
    from ._engine import Engine
    from .calendar import Calendar
    from .rules import Rule

__all__ = ["Explanation", "Step", "Trace"]


class Trace:
    """What applying a rule examined: whether it assumed days, and, to explain, its steps."""

    __slots__ = ("assumed", "engine", "explain", "pending", "steps")

    def __init__(self, engine: Engine, explain: bool = False) -> None:
        self.engine = engine
        self.assumed = False  # any day examined so far lay outside the data
        self.pending = False  # any day examined since the last step lay outside the data
        self.explain = explain
        self.steps: list[Step] = []

    def need(self, a: Any, b: Any) -> bool:
        """Check that ordinals a..b (or arrays: the least a to the greatest b) are covered."""
        assumed = self.engine.covered(a, b)
        self.assumed |= assumed
        self.pending |= assumed
        return assumed

    def step(
        self,
        rule: Rule,
        x: int,
        r: int,
        skip_from: int,
        skip_to: int,
        assumed: bool,
        counts: bool = False,
    ) -> None:
        """Record a step from x to r whose rest days in [skip_from, skip_to) were skipped.

        With *counts*, the working days in [skip_from, r] are the days it counted. The
        step is assumed when any day examined since the previous step lay outside the
        data, so an explanation is assumed exactly when one of its steps is.
        """
        assumed |= self.pending
        self.pending = False
        if not self.explain:
            return
        engine = self.engine
        counted: tuple[datetime.date, ...] = ()
        if counts:
            counted = tuple(
                datetime.date.fromordinal(o)
                for o in range(skip_from, r + 1)
                if engine.is_working(o)
            )
        skipped = tuple(
            engine.info(o) for o in range(skip_from, skip_to) if not engine.is_working(o)
        )
        self.steps.append(
            Step(
                rule,
                datetime.date.fromordinal(x),
                datetime.date.fromordinal(r),
                skipped,
                assumed,
                counted,
            )
        )


@attrs.frozen
class Step:
    """One step of an :class:`Explanation`.

    Attributes:
        rule: the rule applied.
        start: the date it started from.
        end: the date it produced.
        skipped: the rest days it passed over (or moved off), as
            :class:`~govdeadline.DayInfo`. For an adjusted recurrence these are the
            days between the raw occurrence and the date it moved to; where several
            raw occurrences move to the same date, the first one after *start* is
            shown (or, when only occurrences on or before *start* move there, the
            latest of those).
        assumed: whether the step relied on days outside the calendar's coverage.
        counted: the working days a counting rule counted (empty for recurrences).
    """

    rule: Rule
    start: datetime.date
    end: datetime.date
    skipped: tuple[DayInfo, ...] = ()
    assumed: bool = False
    counted: tuple[datetime.date, ...] = ()


@attrs.frozen
class Explanation:
    """A due date with the steps that led to it.

    It prints as readable text and renders as an HTML table in notebooks.

    Attributes:
        rule: the rule explained.
        start: the start date.
        due: the due date.
        calendar: the calendar used.
        steps: one :class:`Step` per rule applied.
        assumed: whether any step relied on days outside the calendar's coverage.
        earliest: on a ``beyond="forecast"`` calendar, the earliest due date any
            arrangement the forecast's rules allow could give (the days it is unsure of
            settled break by break, :mod:`govdeadline.forecast`); else the due date.
        latest: likewise, the latest. For counting rules and recurrences moved
            forward, a rest day more never moves the due date earlier, so the published
            answer will lie between the two.
        provisional: whether the answer depends on the forecast: its latest date
            reaches a day the published data do not settle.
    """

    rule: Rule
    start: datetime.date
    due: datetime.date
    calendar: Calendar
    steps: tuple[Step, ...]
    assumed: bool = False
    earliest: datetime.date = attrs.field(
        default=attrs.Factory(lambda self: self.due, takes_self=True)
    )
    latest: datetime.date = attrs.field(
        default=attrs.Factory(lambda self: self.due, takes_self=True)
    )
    provisional: bool = False

    @property
    def skipped(self) -> tuple[DayInfo, ...]:
        """Every rest day skipped, over all steps."""
        return tuple(day for step in self.steps for day in step.skipped)

    @property
    def counted(self) -> tuple[datetime.date, ...]:
        """Every working day counted, over all steps."""
        return tuple(day for step in self.steps for day in step.counted)

    def months(self) -> tuple[MonthView, ...]:
        """Return month grids from the start to the due date.

        The counted days and the due date are marked (see
        :class:`~govdeadline.MonthView`); each grid's ``counted`` holds the counted
        days of its own month, so the work grows with the days spanned.
        """
        by_month: dict[tuple[int, int], list[datetime.date]] = {}
        for day in self.counted:
            by_month.setdefault((day.year, day.month), []).append(day)
        views = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.due.year, self.due.month):
            counted = by_month.get((year, month), ())
            views.append(MonthView(self.calendar, year, month, counted, self.due, self.start))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(views)

    def from_starts(self, first: datetime.date, last: datetime.date) -> Explanation:
        """This explanation, its bounds widened to the due dates from any start in between.

        A processing date follows the date before it: when the next notice could move
        that date anywhere from *first* to *last*, a monthly payment day after it could
        move to the next month. Rules never give an earlier date from a later start, so
        the earliest date from *first* and the latest from *last* bound them all; the
        result is provisional when they differ. With *first* and *last* both the start,
        it is this explanation.

        >>> import datetime
        >>> from govdeadline import Calendar, MonthlyOn
        >>> paid = MonthlyOn(18).explain("2025-06-17", Calendar.national())
        >>> wide = paid.from_starts(datetime.date(2025, 6, 17), datetime.date(2025, 6, 19))
        >>> paid.due, wide.earliest, wide.latest, wide.provisional
        (datetime.date(2025, 6, 18), datetime.date(2025, 6, 18), datetime.date(2025, 7, 18), True)
        """
        if first == last == self.start:
            return self
        earliest = min(self.earliest, self.rule.explain(first, self.calendar).earliest)
        latest = max(self.latest, self.rule.explain(last, self.calendar).latest)
        return attrs.evolve(
            self,
            earliest=earliest,
            latest=latest,
            provisional=self.provisional or earliest != latest,
        )

    def __str__(self) -> str:
        return explanation_text(self)

    def _repr_html_(self) -> str:
        return explanation_html(self)
